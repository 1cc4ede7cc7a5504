"""The awards register counts one fact once per document and unifies class spellings (issue 14).
All sentences are our own writing; entities are given, so only the register is under test."""

from __future__ import annotations

import csv
import io

from thidua_ner.awards import build_register, to_csv_string
from thidua_ner.events import extract


def _doc(text, spans):
    """``spans``: (substring, label) in order of appearance; each found after the previous one."""
    ents, pos = [], 0
    for sub, label in spans:
        start = text.index(sub, pos)
        ents.append((start, start + len(sub), label))
        pos = start + len(sub)
    return extract(text, ents)


AWARD = "Bằng khen của Chủ tịch UBND tỉnh"
PAGE = (
    f"Trao {AWARD} cho 12 tập thể\n"
    f"Sáng 3/5, đồng chí Phan Văn Hải trao {AWARD} cho 12 tập thể có thành tích xuất sắc.\n"
    f"Đồng chí Phan Văn Hải trao {AWARD} cho 12 tập thể. Ảnh: THU HÀ"
)
PAGE_SPANS = [
    (AWARD, "AWARD"),
    ("12 tập thể", "QUANTITY"),
    ("Phan Văn Hải", "PERSON"),
    (AWARD, "AWARD"),
    ("12 tập thể", "QUANTITY"),
    ("Phan Văn Hải", "PERSON"),
    (AWARD, "AWARD"),
    ("12 tập thể", "QUANTITY"),
]


def _row(rows, unit="tập thể"):
    (row,) = [r for r in rows if r.recipient_unit == unit]
    return row


def test_a_fact_stated_in_headline_body_and_caption_counts_once():
    doc = _doc(PAGE, PAGE_SPANS)
    assert len(doc.events) == 3
    row = _row(build_register([("page", doc)]))
    assert row.total_count == 12
    assert row.events == 1 and row.mentions == 3 and len(row.sources) == 3
    assert row.givers == ["Phan Văn Hải"]


def test_the_same_fact_in_two_documents_counts_twice():
    rows = build_register([("a", _doc(PAGE, PAGE_SPANS)), ("b", _doc(PAGE, PAGE_SPANS))])
    row = _row(rows)
    assert row.total_count == 24 and row.events == 2 and row.mentions == 6


def test_different_counts_in_one_document_add_up():
    text = f"Tỉnh trao {AWARD} cho 12 tập thể. Huyện trao {AWARD} cho 5 tập thể."
    doc = _doc(text, [(AWARD, "AWARD"), ("12 tập thể", "QUANTITY"), (AWARD, "AWARD"), ("5 tập thể", "QUANTITY")])
    row = _row(build_register([doc]))
    assert row.total_count == 17 and row.events == 2


def test_class_spellings_are_one_award():
    first = "Huân chương Lao động hạng Nhất, Nhì, Ba"
    second = "Huân chương Lao động hạng Nhất, hạng Nhì và hạng Ba"
    docs = [
        _doc(f"Nhà nước tặng {first} cho 3 tập thể.", [(first, "AWARD"), ("3 tập thể", "QUANTITY")]),
        _doc(f"Nhà nước tặng {second} cho 4 tập thể.", [(second, "AWARD"), ("4 tập thể", "QUANTITY")]),
    ]
    rows = build_register(docs)
    assert len(rows) == 1
    assert rows[0].award_class == "Nhất, Nhì, Ba" and rows[0].total_count == 7


def test_named_recipients_repeated_in_a_caption_count_once():
    text = "Trao Giấy khen cho ông Lò Văn Sinh. Ông Lò Văn Sinh nhận Giấy khen\nẢnh: MINH ANH"
    doc = _doc(
        text, [("Giấy khen", "AWARD"), ("Lò Văn Sinh", "PERSON"), ("Lò Văn Sinh", "PERSON"), ("Giấy khen", "AWARD")]
    )
    rows = build_register([doc])
    named = [r for r in rows if r.named_recipients]
    assert named and named[0].total_count == 1 and named[0].named_recipients == ["Lò Văn Sinh"]


def test_csv_has_a_mentions_column():
    rows = build_register([("page", _doc(PAGE, PAGE_SPANS))])
    records = list(csv.DictReader(io.StringIO(to_csv_string(rows))))
    assert records[0]["mentions"] == "3" and records[0]["total_count"] == "12"


def test_the_real_model_gives_one_count_for_a_page(nlp):
    row = _row(build_register([("page", nlp(PAGE))]))
    assert row.total_count == 12
