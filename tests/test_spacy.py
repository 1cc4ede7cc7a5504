"""The spaCy component, converters, displaCy rendering and DataFrames, with a real spaCy pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import thidua_ner  # noqa: E402
from thidua_ner.cli import main  # noqa: E402
from thidua_ner.formats.corpus import read_jsonl  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TEST_SPLIT = REPO / "data" / "annotations" / "test.jsonl"


@pytest.fixture(scope="module")
def spacy_nlp():
    nlp = spacy.blank("vi")  # pyvi word segmentation: words often straddle our entity edges
    nlp.add_pipe("thidua_ner", config={"model": "crf"})  # found through the spacy_factories entry point
    return nlp


def _ours(doc):
    return [(e.start, e.end, e.label) for e in doc.entities]


def _theirs(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _same_as_load(spacy_nlp, nlp, texts):
    spacy_docs = list(spacy_nlp.pipe(texts, batch_size=32))
    ours = list(nlp.pipe(texts))
    for text, sd, od in zip(texts, spacy_docs, ours):
        assert sd.text == text
        assert _theirs(sd) == _ours(od), text
        assert len(sd._.events) == len(od.events) == len(sd.spans["thidua_awards"])


def test_component_reproduces_load_on_the_test_split(spacy_nlp, nlp):
    texts = [r.text for r in read_jsonl(TEST_SPLIT)]
    _same_as_load(spacy_nlp, nlp, texts)


def test_component_reproduces_load_on_the_seed_articles(spacy_nlp, nlp, shared_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("*.txt"))]
    assert len(texts) == 5
    _same_as_load(spacy_nlp, nlp, texts)


def test_entities_inside_a_pyvi_word_are_split_out(spacy_nlp):
    text = "Chủ tịch UBND tỉnh Nguyễn Văn An trao Bằng khen cho 12 tập thể."
    plain = spacy.blank("vi")(text)
    assert any(" " in t.text for t in plain)  # pyvi glues syllables
    doc = spacy_nlp(text)
    assert ("Nguyễn Văn An", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    award = doc.spans["thidua_awards"][0]
    assert award.text == "Bằng khen" and award._.event.recipient_quantity[0].text == "12 tập thể"
    assert doc._.thidua.text == text and doc._.person_positions is not None


def test_pipeline_with_the_component_survives_to_disk_and_spacy_load(spacy_nlp, tmp_path):
    text = "Đồng chí Lê Văn Tám, Bí thư Huyện ủy trao Giấy khen cho 5 cá nhân."
    spacy_nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == ["thidua_ner"]
    assert _theirs(again(text)) == _theirs(spacy_nlp(text))


def test_to_spacy_and_back(nlp):
    text = "Thừa ủy quyền của Chủ tịch nước, ông Hồ Văn Năm trao Huân chương Lao động hạng Nhì cho 3 tập thể."
    ours = nlp(text)
    sdoc = thidua_ner.to_spacy(ours)
    assert _theirs(sdoc) == _ours(ours)
    back = thidua_ner.from_spacy(sdoc)
    assert _ours(back) == _ours(ours)
    assert [ev.triples() for ev in back.events] == [ev.triples() for ev in ours.events]
    assert [link.pair() for link in back.person_positions] == [link.pair() for link in ours.person_positions]


def test_convert_to_docbin_keeps_every_span(tmp_path):
    from spacy.tokens import DocBin

    out = tmp_path / "test.spacy"
    assert main(["convert", str(TEST_SPLIT), str(out), "--from", "jsonl", "--to", "spacy"]) == 0
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("vi").vocab))
    records = read_jsonl(TEST_SPLIT)
    assert len(docs) == len(records)
    for doc, record in zip(docs, records):
        assert doc.text == record.text
        assert _theirs(doc) == list(record.spans)


def test_extract_html_is_one_displacy_page(tmp_path, capsys):
    article = REPO / "examples" / "article.txt"
    assert main(["extract", str(article), str(article), "--format", "html", "--quiet"]) == 0
    page = capsys.readouterr().out
    assert page.count("<!DOCTYPE html>") == 1 and "displaCy" in page
    assert page.count('class="entity"') >= 10 and "AWARD" in page and "QUANTITY" in page


def test_render_awards_shows_roles_and_any_label_set(nlp):
    doc = nlp("Ông Lê Văn Tám trao Bằng khen cho 12 tập thể.")
    html = thidua_ner.render(doc, style="awards", jupyter=False)
    assert "giver_person" in html and "recipient_quantity" in html
    custom = thidua_ner.Document(
        text="Sở GD&ĐT", entities=[thidua_ner.Entity(0, 8, "ORG", "Sở GD&ĐT")], labels=("ORG",)
    )
    html = thidua_ner.render(custom, jupyter=False)
    assert "ORG" in html and "background" in html


def test_to_dataframe_rows_with_offsets(nlp):
    text = "Ông Lê Văn Tám trao Bằng khen cho 12 tập thể. Dự lễ có bà Lò Thị Hoa, Giám đốc Sở Nội vụ."
    doc = nlp(text)
    ents = thidua_ner.to_dataframe([("a.txt", doc)], what="entities")
    assert list(ents["source"].unique()) == ["a.txt"]
    assert all(text[s:e] == t for s, e, t in zip(ents["start"], ents["end"], ents["text"]))
    events = thidua_ner.to_dataframe([doc], what="events")
    assert events.loc[0, "award"] == "Bằng khen" and events.loc[0, "recipient_count"] == 12
    links = thidua_ner.to_dataframe([doc], what="links")
    assert ("Lò Thị Hoa", "Giám đốc Sở Nội vụ") in set(zip(links["person"], links["position"]))
    with pytest.raises(ValueError, match="what must be"):
        thidua_ner.to_dataframe([doc], what="nope")
    json.dumps(thidua_ner.dataframes.rows([doc], "events"))  # plain rows are JSON-ready
