"""Odd Unicode never breaks offsets or reaches the C layer (issue 14): lone surrogates, decomposed
Hangul next to old tone placement, invisible format characters inside words, ALL-CAPS headlines."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thidua_ner.text.case import is_upper_sentence, tagging_view
from thidua_ner.text.normalize import normalize

SENTENCE = "Thừa ủy quyền của Chủ tịch nước, đồng chí Lê Văn An trao Huân chương Lao động hạng Ba cho 2 tập thể."


def _exact(text, doc):
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
    return [(e.label, e.text) for e in doc.entities]


@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\udc80\ud800"])
def test_lone_surrogates_are_replaced_not_crashing(nlp, bad):
    text = f"Ông Lê {bad} Văn An nhận Bằng khen của Chủ tịch UBND tỉnh.{bad}"
    norm = normalize(text)
    assert len(norm.text) == len(text) and "\ufffd" in norm.text
    labels = _exact(text, nlp(text))
    assert ("AWARD", "Bằng khen của Chủ tịch UBND tỉnh") in labels
    assert list(nlp.pipe([text, bad, SENTENCE]))[2].entities


def test_decomposed_hangul_next_to_an_old_tone_word_keeps_offsets(nlp):
    text = "\u1100\u1161hoà Bình: ông Lê Văn An nhận Bằng khen."
    norm = normalize(text)
    assert len(norm.starts) == len(norm.text)
    labels = _exact(text, nlp(text))
    assert ("PERSON", "Lê Văn An") in labels


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060"])
def test_invisible_format_characters_inside_a_word_are_ignored(nlp, mark):
    text = SENTENCE.replace("chương", f"chư{mark}ơng").replace("Văn", f"V{mark}ăn")
    norm = normalize(text)
    assert norm.text == SENTENCE  # the tagger sees the clean words
    labels = _exact(text, nlp(text))  # offsets still index the text with the marks
    assert ("AWARD", f"Huân chư{mark}ơng Lao động hạng Ba") in labels
    assert ("PERSON", f"Lê V{mark}ăn An") in labels


@pytest.mark.parametrize(
    "normal",
    [
        SENTENCE,
        "Trao Bằng khen của Chủ tịch UBND tỉnh cho 12 tập thể",
        "Ông Nguyễn Văn An nhận Cờ thi đua của Chính phủ",
        "Ảnh: Minh Tâm",
    ],
)
def test_all_caps_tags_like_its_normal_case_twin(nlp, normal):
    caps = normal.upper()
    assert len(caps) == len(normal)
    twin = [(e.label, e.start, e.end) for e in nlp(normal).entities]
    upper = [(e.label, e.start, e.end) for e in nlp(caps).entities]
    assert upper == twin
    _exact(caps, nlp(caps))


def test_the_issue_headline_gets_no_award_over_the_authority(nlp):
    caps = "THỪA ỦY QUYỀN CỦA CHỦ TỊCH NƯỚC, ĐỒNG CHÍ LÊ QUANG VINH TRAO HUÂN CHƯƠNG LAO ĐỘNG HẠNG BA"
    labels = _exact(caps, nlp(caps))
    assert ("POSITION", "CHỦ TỊCH NƯỚC") in labels and ("PERSON", "LÊ QUANG VINH") in labels
    assert all(not (label == "AWARD" and "QUYỀN" in text) for label, text in labels)


def test_tagging_view_leaves_normal_sentences_alone():
    tokens = ["Ông", "Nguyễn", "Văn", "An", "nhận", "Bằng", "khen", "của", "UBND", "tỉnh"]
    assert tagging_view(tokens) == tokens
    assert not is_upper_sentence(tokens)
    caps = ["UBND", "TỈNH", "TRAO", "CỜ", "THI", "ĐUA"]
    assert tagging_view(caps) == ["UBND", "tỉnh", "trao", "Cờ", "thi", "đua"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), max_size=20))
@example(["A", "µAAA"])  # the micro sign's capital is Greek Mu, whose lower case is another letter
def test_tagging_view_is_span_exact(tokens):
    view = tagging_view(tokens)
    assert [len(v) for v in view] == [len(t) for t in tokens]
    # only letter case may differ
    assert all(v.lower() == t.lower() or len(t.lower()) != len(t) for v, t in zip(view, tokens))


_ODD = list(
    "aàảoòỏuùyỳ UỶhoà\n\t\r&;#x01ĐđN\u0301\u0300\u00a0\x00\u202a\u0085\u2028\u00ad\u200b\u200d\u2060\ufeff\ud800"
)
_ODD += ["&amp;", "&nbsp;", "&#10;", "  ", "\u1100\u1161", "\u11a8", "\u212b", "Hoà", "thuỷ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ODD), max_size=30).map("".join))
def test_offset_map_lookups_agree_with_a_per_character_map(text):
    from bisect import bisect_left, bisect_right

    norm = normalize(text)
    starts, ends = list(norm.starts), list(norm.ends)
    assert len(starts) == len(ends) == len(norm.text)  # one map entry per normalised code point
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends))
    for i in range(len(starts)):
        assert norm.starts[i] == starts[i] and norm.ends[i] == ends[i]
    for pos in range(len(text) + 1):
        i = bisect_left(starts, pos)
        first = i if i < len(starts) and starts[i] == pos else None
        j = bisect_right(ends, pos)
        after = j if j > 0 and ends[j - 1] == pos else None
        assert norm._first_char(pos) == first and norm._after_char(pos) == after


def test_all_caps_twins_of_the_dev_split_agree_with_the_normal_case(nlp):
    """Every dev record in capitals: its entities agree with the normal-case ones (raw capitals: 0.48)."""
    import json
    from pathlib import Path

    lines = (Path(__file__).resolve().parent.parent / "data/annotations/dev.jsonl").read_text("utf-8").splitlines()
    texts = [t for t in (json.loads(line)["text"] for line in lines) if len(t.upper()) == len(t)]
    tp = fp = fn = 0
    for text in texts:
        normal = {(e.start, e.end, e.label) for e in nlp(text).entities}
        caps = {(e.start, e.end, e.label) for e in nlp(text.upper()).entities}
        tp, fp, fn = tp + len(normal & caps), fp + len(caps - normal), fn + len(normal - caps)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.9
