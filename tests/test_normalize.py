import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_ner.text.normalize import canonical_tone, normalize, normalize_award_key


@pytest.mark.parametrize(
    "old,new",
    [("hoà", "hòa"), ("Uỷ", "Ủy"), ("UỶ", "ỦY"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Thuỵ", "Thụy")],
)
def test_old_tone_placement_becomes_canonical(old, new):
    assert canonical_tone(old) == new


@pytest.mark.parametrize("word", ["hoàng", "quý", "quỳnh", "hòa", "Ủy", "nguyễn", "tuyên", "khoa"])
def test_words_without_old_tone_are_unchanged(word):
    assert canonical_tone(word) == word


def test_nfd_and_old_tone_give_the_same_text_and_map_back():
    original = unicodedata.normalize("NFD", "Uỷ ban nhân dân tỉnh Hoà Bình")
    norm = normalize(original)
    assert norm.text == "Ủy ban nhân dân tỉnh Hòa Bình"
    start, end = norm.to_original(0, 6)
    assert unicodedata.normalize("NFC", original[start:end]) == "Uỷ ban"


def test_entities_whitespace_and_control_characters():
    original = "Bằng&nbsp;khen  của\tChủ tịch&#32;UBND\x00tỉnh\r\n\r\nDòng mới"
    norm = normalize(original)
    assert norm.text == "Bằng khen của Chủ tịch UBND tỉnh\nDòng mới"
    s = norm.text.index("Chủ tịch UBND")
    a, b = norm.to_original(s, s + len("Chủ tịch UBND"))
    assert original[a:b] == "Chủ tịch&#32;UBND"


def test_award_key_unifies_case_tone_and_spacing():
    assert normalize_award_key("Huân chương  Lao động hạng ba") == normalize_award_key("huân chương lao động hạng Ba")
    assert normalize_award_key("Cờ thi đua của Uỷ ban") == normalize_award_key("Cờ thi đua của Ủy ban")


@given(st.text(alphabet=st.sampled_from(list("aàảoòỏuùyỳ UỶhoà\n\t&;#x0123456789ĐđNnbsp\u0301\u0300")), max_size=60))
def test_offset_map_is_monotonic_and_in_range(text):
    norm = normalize(text)
    assert len(norm.starts) == len(norm.text)
    prev = 0
    for s, e in zip(norm.starts, norm.ends):
        assert 0 <= s < e <= len(text)
        assert s >= prev
        prev = s
