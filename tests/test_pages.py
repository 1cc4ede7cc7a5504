"""Whole pages in (issue 9, EVENT_SCHEMA v1.1 "Sentences"): headlines, datelines, captions, photo
credits, bylines and list items keep apart; a line ending in ':', ';' or ',' runs on into the next
non-blank line; list numbers never end a sentence; no entity crosses a line break.

All sentences here are our own writing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_ner.families.base import Tagger
from thidua_ner.pipeline import Pipeline
from thidua_ner.text.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


PAGE = (
    "HUYỆN TÂN AN TÔN VINH 85 ĐIỂN HÌNH TIÊN TIẾN\n"
    "(BTA) - Sáng 5/4, UBND huyện Tân An tổ chức lễ tuyên dương điển hình tiên tiến giai đoạn 2021-2025. "
    "Dự lễ có đồng chí Trần Văn Bảo, Bí thư Huyện ủy.\n"
    "Đồng chí Trần Văn Bảo trao Bằng khen cho các tập thể có thành tích xuất sắc\n"
    "Ảnh: MINH TÂM\n"
    "Video: Toàn cảnh buổi lễ\n"
    "NGỌC LAN"
)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            PAGE,
            [
                "HUYỆN TÂN AN TÔN VINH 85 ĐIỂN HÌNH TIÊN TIẾN",
                "(BTA) - Sáng 5/4, UBND huyện Tân An tổ chức lễ tuyên dương điển hình tiên tiến giai đoạn 2021-2025.",
                "Dự lễ có đồng chí Trần Văn Bảo, Bí thư Huyện ủy.",
                "Đồng chí Trần Văn Bảo trao Bằng khen cho các tập thể có thành tích xuất sắc",
                "Ảnh: MINH TÂM",
                "Video: Toàn cảnh buổi lễ",
                "NGỌC LAN",
            ],
        ),
        # A colon list over several lines is one sentence with its introduction.
        (
            "Cờ thi đua của UBND tỉnh:\n1. Sở Tư pháp;\n2. Công an huyện Tân Phú.\nBằng khen được trao sau đó.",
            ["Cờ thi đua của UBND tỉnh:\n1. Sở Tư pháp;\n2. Công an huyện Tân Phú.", "Bằng khen được trao sau đó."],
        ),
        # ... also past a blank line ("the next non-blank line").
        ("Được khen thưởng gồm:\n\n   \nÔng Lê Văn Tám.", ["Được khen thưởng gồm:\n\n   \nÔng Lê Văn Tám."]),
        # A line ending in a comma runs on; one ending in a word does not.
        (
            "Thay mặt lãnh đạo tỉnh,\nđồng chí Hà Minh Quân trao cờ.\nLễ kết thúc",
            ["Thay mặt lãnh đạo tỉnh,\nđồng chí Hà Minh Quân trao cờ.", "Lễ kết thúc"],
        ),
        # Roman numerals open a line: a list number, not an initial; each line stands alone.
        (
            "I. KHEN THƯỞNG TẬP THỂ\nII. Khen thưởng cá nhân\nIV. Tổ chức thực hiện",
            ["I. KHEN THƯỞNG TẬP THỂ", "II. Khen thưởng cá nhân", "IV. Tổ chức thực hiện"],
        ),
        # Arabic numbers and letters open items the same way.
        (
            "1. Ông Phạm Quốc Huy, Trưởng phòng Nội vụ.\n2. Bà Đỗ Thị Mai, Chủ tịch Hội Phụ nữ.",
            ["1. Ông Phạm Quốc Huy, Trưởng phòng Nội vụ.", "2. Bà Đỗ Thị Mai, Chủ tịch Hội Phụ nữ."],
        ),
        (
            "a) Tập thể: 12 đơn vị;\nb) Cá nhân: 30 người.",
            ["a) Tập thể: 12 đơn vị;\nb) Cá nhân: 30 người."],
        ),
        (
            "2.1. Khen thưởng đột xuất cho 4 cá nhân.",
            ["2.1. Khen thưởng đột xuất cho 4 cá nhân."],
        ),
        # Inline lists after ':' and ';' keep their numbers.
        (
            "Danh sách gồm: 1. Ông Lê Văn Tám; 2. Bà Phạm Thị Hoa. Buổi lễ kết thúc.",
            ["Danh sách gồm: 1. Ông Lê Văn Tám; 2. Bà Phạm Thị Hoa.", "Buổi lễ kết thúc."],
        ),
        # A list number that starts a sentence stays with it.
        (
            "Kết quả như sau. 1. Ông Vũ Đức Long được tặng Bằng khen.",
            ["Kết quả như sau.", "1. Ông Vũ Đức Long được tặng Bằng khen."],
        ),
        # Elsewhere a number and a stop end the sentence as before; initials still do not.
        (
            "Lễ đón nhận diễn ra năm 2024. Ông Nguyễn V. An phát biểu.",
            ["Lễ đón nhận diễn ra năm 2024.", "Ông Nguyễn V. An phát biểu."],
        ),
        ("Chiều 12/3 tại TP. Vinh, tỉnh trao cờ.", ["Chiều 12/3 tại TP. Vinh, tỉnh trao cờ."]),
    ],
)
def test_page_sentences(text, expected):
    assert sentences(text) == expected


class _GreedyTagger(Tagger):
    """Tags every word of a sentence as one PERSON: the worst case for a line break."""

    family = "test"

    def tag(self, batch):
        return [["B-PERSON"] + ["I-PERSON"] * (len(tokens) - 1) if tokens else [] for tokens in batch]


def test_no_entity_crosses_a_line_break():
    nlp = Pipeline(_GreedyTagger(), "greedy")
    text = "Danh sách khen thưởng:\nNguyễn Văn An;\nLê Thị Bình"
    doc = nlp(text)
    assert len(doc.sentences) == 1 and "\n" in doc.sentences[0].text
    assert [e.text for e in doc.entities] == ["Danh sách khen thưởng:", "Nguyễn Văn An;", "Lê Thị Bình"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aB Đ:;,.\n1I)") + ["Ông ", "\n\n", "Ảnh: ", " \n"]), max_size=40).map("".join))
def test_no_entity_ever_crosses_a_line_break(text):
    doc = Pipeline(_GreedyTagger(), "greedy")(text)
    for e in doc.entities:
        assert "\n" not in e.text
        assert text[e.start : e.end] == e.text


def test_real_model_on_a_page_keeps_captions_and_lines_apart(nlp):
    doc = nlp(PAGE)
    assert len(doc.sentences) == 7
    assert all("\n" not in e.text for e in doc.entities)
    # The photo credit and the byline are sentences of their own, never part of the caption's entities.
    caption_end = PAGE.index("Ảnh:")
    assert all(e.end <= caption_end or e.start >= caption_end for e in doc.entities)
