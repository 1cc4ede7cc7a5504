import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_ner.errors import AnnotationError
from thidua_ner.formats import from_conll, from_doccano, from_label_studio, to_conll, to_doccano, to_label_studio
from thidua_ner.formats.corpus import Record, load_corpus, read_jsonl, to_dataset_dict, validate_file
from thidua_ner.iob import spans_to_tags, tags_to_spans
from thidua_ner.schema import LABELS
from thidua_ner.text.tokens import tokenize

TEXT = "Đồng chí Trần Văn Nam trao Huân chương Lao động hạng Ba cho 1 tập thể và 8 cá nhân."
SPANS = ((9, 21, "PERSON"), (27, 55, "AWARD"), (60, 69, "QUANTITY"), (73, 82, "QUANTITY"))


def test_example_spans_are_what_they_claim():
    assert [TEXT[s:e] for s, e, _ in SPANS] == [
        "Trần Văn Nam",
        "Huân chương Lao động hạng Ba",
        "1 tập thể",
        "8 cá nhân",
    ]


def test_spans_tags_round_trip():
    tokens = tokenize(TEXT)
    tags = spans_to_tags(tokens, SPANS)
    assert tags[:5] == ["O", "O", "B-PERSON", "I-PERSON", "I-PERSON"]
    assert tuple(tags_to_spans(tokens, tags)) == SPANS


def test_span_off_token_boundary_is_rejected():
    with pytest.raises(ValueError, match="token boundaries"):
        spans_to_tags(tokenize(TEXT), [(10, 21, "PERSON")])


@pytest.mark.parametrize(
    "line,message",
    [
        ({"id": "a", "text": "Trần Văn Nam", "spans": [{"start": 0, "end": 40, "label": "PERSON"}]}, "out of range"),
        ({"id": "a", "text": "Trần Văn Nam", "spans": [{"start": 0, "end": 4, "label": "NAME"}]}, "unknown label"),
        (
            {"id": "a", "text": "Trần Văn Nam ", "spans": [{"start": 0, "end": 13, "label": "PERSON"}]},
            "whitespace or punctuation",
        ),
        (
            {
                "id": "a",
                "text": "Trần Văn Nam",
                "spans": [{"start": 0, "end": 8, "label": "PERSON"}, {"start": 5, "end": 12, "label": "PERSON"}],
            },
            "overlaps",
        ),
        ({"id": "a", "text": "Tra\u0300n", "spans": []}, "not NFC"),
    ],
)
def test_validator_names_file_line_and_problem(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": "Không có gì.", "spans": []}) + "\n" + json.dumps(line) + "\n", encoding="utf-8"
    )
    problems = validate_file(path, labels=LABELS)  # our own corpus: the five labels only
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2:")
    assert message in problems[0]
    with pytest.raises(AnnotationError, match=":2:"):
        read_jsonl(path, labels=LABELS)


def test_validator_reports_bad_json_and_repeated_ids(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "a", "text": "A", "spans": []}\n{"id": "a", "text": "B", "spans": []}\n{oops\n', encoding="utf-8"
    )
    problems = validate_file(path)
    assert any(":2:" in p and "already used" in p for p in problems)
    assert any(":3:" in p and "invalid JSON" in p for p in problems)


def _record():
    return Record("r1", TEXT, SPANS)


def test_conll_round_trip():
    back = from_conll(to_conll([_record()]))
    assert back[0].id == "r1"
    assert [back[0].text[s:e] for s, e, _ in back[0].spans] == [TEXT[s:e] for s, e, _ in SPANS]
    assert [lab for _, _, lab in back[0].spans] == [lab for _, _, lab in SPANS]


def test_doccano_and_label_studio_round_trip():
    assert from_doccano(to_doccano([_record()]))[0].spans == SPANS
    tasks = json.loads(json.dumps(to_label_studio([_record()])))
    assert tasks[0]["annotations"][0]["result"][0]["value"]["labels"] == ["PERSON"]
    assert from_label_studio(tasks)[0].spans == SPANS


def test_dataset_dict_has_tokens_and_class_labels():
    datasets = pytest.importorskip("datasets")
    dd = to_dataset_dict({"train": [_record()]})
    assert isinstance(dd, datasets.DatasetDict)
    names = dd["train"].features["ner_tags"].feature.names
    row = dd["train"][0]
    assert row["tokens"][2] == "Trần"
    assert names[row["ner_tags"][2]] == "B-PERSON"


# Sentences of random tokens with random non-overlapping spans on token boundaries.
WORDS = ["Trần", "Văn", "Nam", "trao", "Bằng", "khen", "cho", "12", "tập", "thể", ",", "“", "”", "2.655", "Uỷ", "ban"]


@st.composite
def tokens_and_spans(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text = " ".join(words)
    tokens = tokenize(text)
    spans, i = [], 0
    while i < len(tokens):
        if draw(st.booleans()) and tokens[i].text[0].isalnum():
            j = draw(st.integers(min_value=i, max_value=min(len(tokens) - 1, i + 4)))
            spans.append((tokens[i].start, tokens[j].end, draw(st.sampled_from(LABELS))))
            i = j + 1
        else:
            i += 1
    return tokens, spans


@given(tokens_and_spans())
def test_property_spans_tags_spans(data):
    tokens, spans = data
    assert tags_to_spans(tokens, spans_to_tags(tokens, spans)) == sorted(spans)


def test_shipped_corpus_validates_and_splits_are_disjoint():
    from pathlib import Path

    directory = Path(__file__).resolve().parent.parent / "data" / "annotations"
    for split in ("train", "dev", "test"):
        assert validate_file(directory / f"{split}.jsonl") == []
    corpus = load_corpus(directory)
    docs = {split: {r.doc for r in records} for split, records in corpus.items()}
    texts = {split: {r.text for r in records} for split, records in corpus.items()}
    for a, b in (("train", "dev"), ("train", "test"), ("dev", "test")):
        assert not docs[a] & docs[b]
        # Only page furniture repeats across pages (`Xem thêm:`, `Chia sẻ`, a byline): never a sentence.
        shared = texts[a] & texts[b]
        assert all(len(t.split()) <= 3 for t in shared), sorted(shared)
    assert not any(r.source == "generated" for r in corpus["test"])
