import pytest

from thidua_ner.text.sentences import split_sentences
from thidua_ner.text.tokens import tokenize


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Đoàn công tác do GS.TS. Nguyễn Văn Bình dẫn đầu. Sau đó đoàn làm việc tại TP. Vinh.",
            ["Đoàn công tác do GS.TS. Nguyễn Văn Bình dẫn đầu.", "Sau đó đoàn làm việc tại TP. Vinh."],
        ),
        (
            "Ủy viên BCH T.Ư Đảng phát biểu. ThS. Lê Thị Hạnh báo cáo tham luận.",
            ["Ủy viên BCH T.Ư Đảng phát biểu.", "ThS. Lê Thị Hạnh báo cáo tham luận."],
        ),
        (
            "Tăng trưởng đạt 51,7% với 2.655 doanh nghiệp. Quyết định số 946/QĐ-UBND ngày 11/6/1948 có hiệu lực.",
            ["Tăng trưởng đạt 51,7% với 2.655 doanh nghiệp.", "Quyết định số 946/QĐ-UBND ngày 11/6/1948 có hiệu lực."],
        ),
        (
            "Bác dạy: “Thi đua là yêu nước. Yêu nước thì phải thi đua” và cả tỉnh làm theo. Hội nghị bế mạc.",
            ["Bác dạy: “Thi đua là yêu nước. Yêu nước thì phải thi đua” và cả tỉnh làm theo.", "Hội nghị bế mạc."],
        ),
        (
            "Kết quả gồm: 12 tập thể; 30 cá nhân; 4 hộ gia đình. Buổi lễ kết thúc…",
            ["Kết quả gồm: 12 tập thể; 30 cá nhân; 4 hộ gia đình.", "Buổi lễ kết thúc…"],
        ),
        (
            "Thanh Hóa vinh danh điển hình tiên tiến\nSáng 2/9, tỉnh tổ chức lễ... Nhiều tập thể được khen.",
            ["Thanh Hóa vinh danh điển hình tiên tiến", "Sáng 2/9, tỉnh tổ chức lễ...", "Nhiều tập thể được khen."],
        ),
        (
            "Báo cáo kết thúc tại đây./. Nguồn tin từ Sở Nội vụ.",
            ["Báo cáo kết thúc tại đây./.", "Nguồn tin từ Sở Nội vụ."],
        ),
        ("Ông nói: “Phải làm ngay!” Cả hội trường vỗ tay.", ["Ông nói: “Phải làm ngay!”", "Cả hội trường vỗ tay."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences(text) == expected


def test_tokens_keep_numbers_and_offsets():
    text = "Tặng 2.655 cá nhân, 51,7% (QĐ 946/QĐ-UBND)."
    toks = tokenize(text)
    assert [t.text for t in toks][:4] == ["Tặng", "2.655", "cá", "nhân"]
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert "51,7" in [t.text for t in toks]


def test_empty_and_whitespace_only():
    assert sentences("") == []
    assert sentences("   \n  ") == []
