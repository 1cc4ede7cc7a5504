import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua_ner
from thidua_ner import Entity
from thidua_ner.errors import ModelLoadError

ARTICLE = (
    "Thừa ủy quyền của Chủ tịch nước, đồng chí Lê Văn Khang, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì "
    "cho 3 tập thể và 5 cá nhân có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc”."
)


def test_load_returns_the_embedded_model(nlp):
    assert nlp.name == "crf"
    assert "crf" in thidua_ner.available_models()


def test_entities_have_offsets_into_the_input(nlp):
    doc = nlp(ARTICLE)
    labels = {e.label for e in doc.entities}
    assert labels == {"PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY"}
    for e in doc.entities:
        assert ARTICLE[e.start : e.end] == e.text
        assert e.score is None or 0.0 <= e.score <= 1.0
    assert ("Lê Văn Khang", "PERSON") in {(e.text, e.label) for e in doc.entities}


def test_nfd_and_old_tone_tag_the_same(nlp):
    nfc = "Đồng chí Hoàng Thị Hoà, Phó Chủ tịch Uỷ ban nhân dân tỉnh trao Bằng khen cho 12 tập thể."
    nfd = unicodedata.normalize("NFD", nfc)
    new_tone = nfc.replace("Hoà", "Hòa").replace("Uỷ", "Ủy")
    docs = [nlp(t) for t in (nfc, nfd, new_tone)]
    assert (
        [(e.label) for e in docs[0].entities]
        == [(e.label) for e in docs[1].entities]
        == [e.label for e in docs[2].entities]
    )
    for text, doc in zip((nfc, nfd, new_tone), docs):
        for e in doc.entities:
            assert text[e.start : e.end] == e.text
    # NFD offsets differ but cover the same characters once normalised.
    assert [unicodedata.normalize("NFC", e.text) for e in docs[1].entities] == [e.text for e in docs[0].entities]


def test_html_entities_and_odd_whitespace_keep_offsets(nlp):
    text = "Chủ&nbsp;tịch UBND tỉnh\u00a0 Nguyễn Văn  Tâm trao Bằng&#32;khen cho 20&nbsp;tập thể."
    doc = nlp(text)
    assert doc.entities
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
    assert any(e.label == "QUANTITY" and "20" in e.text for e in doc.entities)


def test_empty_and_bad_input(nlp):
    doc = nlp("")
    assert doc.entities == [] and doc.sentences == [] and doc.events == []
    with pytest.raises(TypeError, match="expected text as str"):
        nlp(42)
    with pytest.raises(TypeError):
        list(nlp.pipe("not a list"))
    for odd in ["\x00\x01\x02", "🎉🎉 chúc mừng 🎉", "The ceremony was held in Hanoi.", "12345", "“”"]:
        doc = nlp(odd)
        for e in doc.entities:
            assert 0 <= e.start < e.end <= len(odd)


def test_pipe_matches_single_calls(nlp):
    texts = [ARTICLE, "", "Hôm nay trời đẹp.", ARTICLE.replace("Lê Văn Khang", "Nguyễn Thị Lan")]
    piped = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in piped] == texts
    assert [d.entities for d in piped] == [nlp(t).entities for t in texts]


def test_to_dict_is_json_ready(nlp):
    d = nlp(ARTICLE).to_dict()
    again = json.loads(json.dumps(d, ensure_ascii=False))
    assert again["entities"][0].keys() >= {"start", "end", "label", "text"}
    assert again["events"] and again["events"][0]["award"]["type"] == "Huân chương"


def test_entity_is_user_constructible_and_checked():
    e = Entity(start=0, end=4, label="PERSON", text="Trần")
    assert e.span == (0, 4)
    with pytest.raises(ValueError, match="has 4 characters but the span"):
        Entity(start=0, end=5, label="PERSON", text="Trần")
    assert Entity(0, 5, "NAME").label == "NAME"  # labels belong to the model, not to Entity
    with pytest.raises(ValueError, match="invalid label"):
        Entity(0, 5, "B-PERSON")
    with pytest.raises(ValueError):
        Entity(5, 5, "PERSON")


def test_missing_or_corrupt_model_directory(tmp_path):
    with pytest.raises(ModelLoadError, match="neither a built-in name"):
        thidua_ner.load(str(tmp_path / "nope"))
    with pytest.raises(ModelLoadError, match="thidua_ner.json is missing"):
        thidua_ner.load(tmp_path)
    (tmp_path / "thidua_ner.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="corrupt"):
        thidua_ner.load(tmp_path)
    (tmp_path / "thidua_ner.json").write_text('{"family": "crf"}', encoding="utf-8")
    with pytest.raises(ModelLoadError, match="model.crfsuite is missing"):
        thidua_ner.load(tmp_path)


def test_long_document_streams(nlp):
    paragraph = ARTICLE + " Buổi lễ diễn ra trang trọng.\n"
    text = paragraph * 400  # ~100k characters
    doc = nlp(text)
    assert len(doc.sentences) == 800
    assert sum(e.label == "AWARD" for e in doc.entities) >= 390
    assert all(text[e.start : e.end] == e.text for e in doc.entities[:50])


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Trần Văn Namtraoôằ, .“”\n0123456789ĐUỷhoàBằngkhe\u0301\u0300&;")), max_size=120
    )
)
def test_property_offsets_inside_text_and_non_overlapping(text):
    nlp = thidua_ner.load(events=False)
    doc = nlp(text)
    prev_end = 0
    for e in doc.entities:
        assert prev_end <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        prev_end = e.end
