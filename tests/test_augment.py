"""Augmentation keeps spans exactly on the same words: every transform, every training record."""

import copy
import json
import unicodedata
from pathlib import Path

import pytest

from thidua_ner import augment as A

REPO = Path(__file__).resolve().parent.parent
TRAIN = REPO / "data" / "annotations" / "train.jsonl"


def _records():
    with open(TRAIN, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


RECORDS = _records()


def _spans(record):
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def _edges_ok(text, spans):
    assert unicodedata.normalize("NFC", text) == text, "text is not NFC"
    prev = 0
    for start, end, label in sorted(spans):
        assert prev <= start < end <= len(text), (start, end, label)
        for ch in (text[start], text[end - 1]):
            assert not ch.isspace() and not unicodedata.category(ch).startswith("P"), (text[start:end], label)
        prev = end


def _fold(s):
    """Case and diacritics folded: what a dropped diacritic or a lost capital leaves the same."""
    nfd = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in nfd if not unicodedata.combining(ch)).lower()


def _expect_upper(old, label):
    return "".join(c.upper() if len(unicodedata.normalize("NFC", c.upper())) == 1 else c for c in old)


def _expect_lower_head(old, label):
    if label == "AWARD":
        for head in A.AWARD_HEADS:
            if old == head or old.startswith(head + " "):
                return head.lower() + old[len(head) :]
    return old


EXPECT = {
    "upper_case": (lambda t, s: A.upper_case(t, s), _expect_upper),
    "lower_award_heads": (lambda t, s: A.lower_award_heads(t, s), _expect_lower_head),
    "abbreviate": (lambda t, s: A.abbreviate(t, s), lambda old, label: A.abbreviate_text(old)),
    "dashes": (lambda t, s: A.dashes(t, s), lambda old, label: old.replace(" - ", " – ")),
    "old_tones": (lambda t, s: A.old_tones(t, s), lambda old, label: A.old_tone_text(old)),
}


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_transform_keeps_spans_exact_on_every_train_record(name):
    fn, expect = EXPECT[name]
    changed = 0
    for record in RECORDS:
        text, spans = record["text"], _spans(record)
        new_text, new_spans = fn(text, spans)
        assert len(new_spans) == len(spans), record["id"]
        assert [lab for _, _, lab in new_spans] == [lab for _, _, lab in sorted(spans)], record["id"]
        for (a, b, label), (c, d, _) in zip(sorted(spans), new_spans):
            assert new_text[c:d] == expect(text[a:b], label), (record["id"], text[a:b], new_text[c:d])
        _edges_ok(new_text, new_spans)
        changed += new_text != text
    assert changed > 0, f"{name} changed no training record"


def test_typos_keep_spans_exact_on_every_train_record():
    changed = 0
    for record in RECORDS:
        text, spans = record["text"], _spans(record)
        new_text, new_spans = A.typos(text, spans, seed=11, p=0.5)
        assert len(new_spans) == len(spans)
        assert [lab for _, _, lab in new_spans] == [lab for _, _, lab in sorted(spans)]
        for (a, b, label), (c, d, _) in zip(sorted(spans), new_spans):
            old, new = text[a:b], new_text[c:d]
            if label == "PERSON":  # at most one syllable lost a diacritic or its capital
                assert _fold(new) == _fold(old), (old, new)
                assert sum(x != y for x, y in zip(old.split(), new.split())) <= 1
            else:
                assert new == old
        _edges_ok(new_text, new_spans)
        # the only change outside the spans is one doubled word
        assert len(new_text.split()) - len(text.split()) in (0, 1)
        changed += new_text != text
    assert changed > len(RECORDS) // 4


def test_typos_deterministic_for_a_seed():
    for record in RECORDS[:300]:
        text, spans = record["text"], _spans(record)
        assert A.typos(text, spans, seed=5, p=0.5) == A.typos(text, spans, seed=5, p=0.5)


def test_examples():
    text = "Thừa ủy quyền của Chủ tịch nước, đồng chí Nguyễn Thanh Hải, Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình trao Bằng khen cho 12 tập thể."
    spans = [
        (18, 31, "POSITION"),
        (42, 58, "PERSON"),
        (60, 98, "POSITION"),
        (104, 113, "AWARD"),
        (118, 128, "QUANTITY"),
    ]
    assert [text[a:b] for a, b, _ in spans] == [
        "Chủ tịch nước",
        "Nguyễn Thanh Hải",
        "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình",
        "Bằng khen",
        "12 tập thể",
    ]
    t, s = A.abbreviate(text, spans)
    assert [t[a:b] for a, b, _ in s][2] == "Chủ tịch UBND tỉnh Hòa Bình"
    t, s = A.old_tones(text, spans)
    assert t.startswith("Thừa uỷ quyền") and [t[a:b] for a, b, _ in s][2] == "Chủ tịch Uỷ ban nhân dân tỉnh Hoà Bình"
    t, s = A.dashes(text, spans)
    assert "Nguyễn Thanh Hải - Chủ tịch" in t and "nước, đồng chí" in t
    t, s = A.lower_award_heads(text, spans)
    assert [t[a:b] for a, b, _ in s][3] == "bằng khen"
    t, s = A.upper_case(text, spans)
    assert [t[a:b] for a, b, _ in s][1] == "NGUYỄN THANH HẢI"
    assert A.old_tone_text("khỏe, thủy, quý, Hoàng, khuỷu") == "khoẻ, thuỷ, quý, Hoàng, khuỷu"
    assert A.abbreviate_text("Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh") == "Sở GD&ĐT TP.HCM"


def test_augment_records():
    before = copy.deepcopy(RECORDS)
    out = A.augment(RECORDS, seed=7, rate=0.3)
    assert RECORDS == before, "augment must not modify its input"
    assert out == A.augment(RECORDS, seed=7, rate=0.3)
    assert out != A.augment(RECORDS, seed=8, rate=0.3)
    assert 0.2 * len(RECORDS) < len(out) < 0.4 * len(RECORDS)
    by_id = {r["id"]: r for r in RECORDS}
    ids = [r["id"] for r in out]
    assert len(set(ids)) == len(ids)
    for r in out:
        orig = by_id[r["augmented_from"]]
        assert r["id"].startswith(orig["id"] + "-aug")
        assert r["source"] == "augmented" and r["text"] != orig["text"]
        assert set(r["augment"]) <= set(A.TRANSFORMS)
        assert [s["label"] for s in r["spans"]] == [s["label"] for s in sorted(orig["spans"], key=lambda s: s["start"])]
        _edges_ok(r["text"], [(s["start"], s["end"], s["label"]) for s in r["spans"]])
    used = {name for r in out for name in r["augment"]}
    assert used == set(A.TRANSFORMS)


def test_augment_rate_above_one_gives_several_copies():
    out = A.augment(RECORDS[:50], seed=1, rate=2.0)
    assert any(r["id"].endswith("-aug2") for r in out)
    assert len(out) <= 100


def test_augment_a_record_depends_only_on_seed_and_id():
    alone = A.augment([RECORDS[10]], seed=3, rate=1.0)
    together = [r for r in A.augment(RECORDS[:20], seed=3, rate=1.0) if r["augmented_from"] == RECORDS[10]["id"]]
    assert alone == together


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis not installed yet: the corpus tests above still run
    given = None

if given is not None:
    WORDS = [
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "Hòa",
        "Bình",
        "Bằng",
        "khen",
        "Nguyễn",
        "Văn",
        "Thủy",
        "khỏe",
        "Giáo",
        "dục",
        "và",
        "Đào",
        "tạo",
        "Thi",
        "đua",
        "-",
        "Khen",
        "thưởng",
        "12",
        "tập",
        "thể",
        "Bệnh",
        "viện",
        "cựu",
        "chiến",
        "binh",
        "Thành",
        "phố",
        "Hồ",
        "Chí",
        "Minh",
        "Huân",
        "chương",
        "hạng",
        "Ba",
        "cho",
        "trao",
    ]
    LABELS = ["PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY"]

    @st.composite
    def texts_with_spans(draw):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
        seps = draw(st.lists(st.sampled_from([" ", " ", ", ", " - "]), min_size=len(words), max_size=len(words)))
        text, bounds = "", []
        for i, w in enumerate(words):
            if i:
                text += seps[i]
            bounds.append((len(text), len(text) + len(w), w))
            text += w
        spans, i = [], 0
        while i < len(bounds):
            if bounds[i][2] != "-" and draw(st.booleans()):
                j = draw(st.integers(i, min(len(bounds) - 1, i + 5)))
                while bounds[j][2] == "-":
                    j -= 1
                spans.append((bounds[i][0], bounds[j][1], draw(st.sampled_from(LABELS))))
                i = j + 1
            else:
                i += 1
        return text, spans

    @settings(max_examples=300, deadline=None)
    @given(texts_with_spans(), st.sampled_from(sorted(A.TRANSFORMS)), st.integers(0, 10**6))
    def test_every_transform_keeps_spans_valid(case, name, seed):
        text, spans = case
        assert A.spans_ok(text, spans)
        new_text, new_spans = A.TRANSFORMS[name](text, spans, seed=seed)
        assert len(new_spans) == len(spans)
        assert [lab for *_, lab in new_spans] == [lab for *_, lab in spans]
        _edges_ok(new_text, new_spans)
        assert A.spans_ok(new_text, new_spans)
