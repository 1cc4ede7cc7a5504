"""Span-exact text augmentation for the commendation corpus (standard library only).

Every transform is a pure function ``f(text, spans, ...) -> (text, spans)`` over a text and
its spans as ``(start, end, label)`` tuples (code-point offsets, ``end`` exclusive). The text
is cut at every span boundary into *segments* (the spans and the stretches between them);
each segment is rewritten on its own, so no edit ever crosses a span boundary, a span covers
exactly the rewritten words of the original span, and the offsets after the edit follow by
construction. Spans keep their number, order and labels.

Transforms (the shapes real pages have and short clean sentences lack):

- :func:`upper_case` — the whole sentence in capitals, like a headline;
- :func:`lower_award_heads` — the head of AWARD spans in lower case (`Bằng khen` → `bằng khen`);
- :func:`abbreviate` — `Ủy ban nhân dân` → `UBND`, `Giáo dục và Đào tạo` → `GD&ĐT`, … in and out of spans;
- :func:`dashes` — ` - ` → ` – `, and `, ` between a PERSON and the POSITION after it → ` - `;
- :func:`typos` — a dropped diacritic or a lower-cased syllable inside a PERSON, a doubled word outside spans;
- :func:`old_tones` — old tone placement: `hòa` → `hoà`, `Ủy` → `Uỷ`, `thủy` → `thuỷ`, `khỏe` → `khoẻ`.

:func:`augment` applies them to JSONL-style records and returns new records, deterministic for
a seed. All output text is NFC (old tone placement is NFC-representable: `oà`, `uỷ`, `oẻ`).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterable

Span = tuple[int, int, str]

__all__ = [
    "upper_case",
    "lower_award_heads",
    "abbreviate",
    "dashes",
    "typos",
    "old_tones",
    "augment",
    "TRANSFORMS",
    "abbreviate_text",
    "old_tone_text",
    "upper_text",
    "spans_ok",
]

# --------------------------------------------------------------------------- segments


def _segments(text: str, spans: Iterable[Span]) -> list[tuple[str, str | None]]:
    """Cut ``text`` into (piece, label) in order; label None between spans."""
    out, pos = [], 0
    for start, end, label in sorted(spans):
        if start < pos:
            raise ValueError(f"spans overlap at {start}")
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], label))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _join(pieces: list[tuple[str, str | None]]) -> tuple[str, list[Span]]:
    text, spans, pos = [], [], 0
    for piece, label in pieces:
        if label is not None:
            spans.append((pos, pos + len(piece), label))
        text.append(piece)
        pos += len(piece)
    return "".join(text), spans


def _map_segments(text: str, spans: Iterable[Span], fn: Callable[[int, list[tuple[str, str | None]]], str]):
    """Rewrite each segment with ``fn(index, segments)``; returns the new text and spans."""
    segs = _segments(text, spans)
    return _join([(fn(i, segs), label) for i, (_, label) in enumerate(segs)])


# --------------------------------------------------------------------------- upper_case


def upper_text(s: str) -> str:
    """Capitals, one code point for one (a character whose capital is longer is kept)."""
    out = []
    for ch in s:
        up = unicodedata.normalize("NFC", ch.upper())
        out.append(up if len(up) == 1 else ch)
    return "".join(out)


def upper_case(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """The whole sentence in capitals, like a headline (offsets do not move)."""
    return _map_segments(text, spans, lambda i, segs: upper_text(segs[i][0]))


# --------------------------------------------------------------------------- lower_award_heads

AWARD_HEADS = ("Bằng khen", "Giấy khen", "Cờ thi đua", "Huân chương", "Huy chương", "Kỷ niệm chương", "Huy hiệu")


def _lower_head(s: str) -> str:
    for head in AWARD_HEADS:
        if s.startswith(head) and (len(s) == len(head) or not s[len(head)].isalnum()):
            return head.lower() + s[len(head) :]
    return s


def lower_award_heads(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """`Bằng khen của Chủ tịch UBND tỉnh` → `bằng khen của Chủ tịch UBND tỉnh` in AWARD spans (v1.3)."""
    return _map_segments(text, spans, lambda i, segs: _lower_head(segs[i][0]) if segs[i][1] == "AWARD" else segs[i][0])


# --------------------------------------------------------------------------- abbreviate

# (pattern, replacement), tried in this order; patterns are case-sensitive words.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"[ỦủUu][ỷy] ban nhân dân", "UBND"),
    (r"Hội đồng nhân dân", "HĐND"),
    (r"[Tt]hành phố Hồ Chí Minh", "TP.HCM"),
    (r"Giáo dục và Đào tạo", "GD&ĐT"),
    (r"Thi đua [-–] Khen thưởng", "TĐKT"),
    (r"Mặt trận Tổ quốc", "MTTQ"),
    (r"Liên đoàn Lao động", "LĐLĐ"),
    (r"Hội Liên hiệp Phụ nữ", "Hội LHPN"),
    (r"Bệnh viện", "BV"),
    (r"an ninh Tổ quốc", "ANTQ"),
    (r"[Cc]ựu chiến binh", "CCB"),
    (r"Bộ Chỉ huy Quân sự", "Bộ CHQS"),
    (r"Ban Chỉ huy Quân sự", "Ban CHQS"),
    (r"Bộ đội Biên phòng", "BĐBP"),
    (r"Ban Thường vụ", "BTV"),
    (r"Ban Chấp hành", "BCH"),
    (r"Trung học phổ thông", "THPT"),
    (r"Trung học cơ sở", "THCS"),
    (r"[Đđ]ại biểu Quốc hội", "ĐBQH"),
    (r"Phó Giáo sư, Tiến s[ĩỹ]", "PGS.TS"),
    (r"Giáo sư, Tiến s[ĩỹ]", "GS.TS"),
    (r"[Tt]hành phố(?= [A-ZĐ])", "TP."),
)
_ABBR_RE = re.compile("|".join(f"(?<![\\w.])({p})(?!\\w)" for p, _ in ABBREVIATIONS))


def abbreviate_text(s: str) -> str:
    """Apply the abbreviation table to one plain string."""

    def sub(m: re.Match) -> str:
        return ABBREVIATIONS[m.lastindex - 1][1]

    return _ABBR_RE.sub(sub, s)


def abbreviate(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """`Ủy ban nhân dân` → `UBND`, `Thành phố Hồ Chí Minh` → `TP.HCM`, … inside or outside spans."""
    return _map_segments(text, spans, lambda i, segs: abbreviate_text(segs[i][0]))


# --------------------------------------------------------------------------- dashes


def dashes(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """` - ` → ` – ` everywhere; `, ` between a PERSON and the POSITION right after it → ` - `."""

    def fn(i: int, segs: list[tuple[str, str | None]]) -> str:
        piece, label = segs[i]
        if (
            label is None
            and piece == ", "
            and 0 < i < len(segs) - 1
            and segs[i - 1][1] == "PERSON"
            and segs[i + 1][1] == "POSITION"
        ):
            return " - "
        return piece.replace(" - ", " – ")

    return _map_segments(text, spans, fn)


# --------------------------------------------------------------------------- typos

_WORD_RE = re.compile(r"[^\W\d_]+")


def _drop_diacritic(word: str, rng: random.Random) -> str:
    """Remove one combining mark (or đ → d) from ``word``; unchanged when it has none."""
    nfd = unicodedata.normalize("NFD", word)
    marks = [i for i, ch in enumerate(nfd) if unicodedata.combining(ch)]
    dd = [i for i, ch in enumerate(nfd) if ch in "đĐ"]
    sites = [("m", i) for i in marks] + [("d", i) for i in dd]
    if not sites:
        return word
    kind, i = rng.choice(sites)
    if kind == "m":
        nfd = nfd[:i] + nfd[i + 1 :]
    else:
        nfd = nfd[:i] + ("d" if nfd[i] == "đ" else "D") + nfd[i + 1 :]
    return unicodedata.normalize("NFC", nfd)


def _person_typo(name: str, rng: random.Random) -> str:
    words = list(_WORD_RE.finditer(name))
    if not words:
        return name
    if len(words) > 1 and rng.random() < 0.4:
        m = rng.choice(words[1:])  # `Nguyễn Hương giang`: a later syllable loses its capital
        w = m.group()
        new = w[0].lower() + w[1:]
    else:
        m = rng.choice(words)
        new = _drop_diacritic(m.group(), rng)
    return name[: m.start()] + new + name[m.end() :]


def typos(text: str, spans: list[Span], seed: int = 0, p: float = 0.15) -> tuple[str, list[Span]]:
    """Source typos as real pages have them: each PERSON span gets, with probability ``p``, a
    dropped diacritic (`Nguyễn` → `Nguyên`) or a lower-cased syllable (`Hương giang`); with
    probability ``p`` one word outside the spans is doubled (`trao trao`). Deterministic for a seed."""
    rng = random.Random(seed)
    segs = _segments(text, spans)
    outside = [(i, m) for i, (piece, label) in enumerate(segs) if label is None for m in _WORD_RE.finditer(piece)]
    double = rng.choice(outside) if outside and rng.random() < p else None
    out = []
    for i, (piece, label) in enumerate(segs):
        if label == "PERSON" and rng.random() < p:
            piece = _person_typo(piece, rng)
        elif double is not None and double[0] == i:
            m = double[1]
            piece = piece[: m.end()] + " " + m.group() + piece[m.end() :]
        out.append((piece, label))
    return _join(out)


# --------------------------------------------------------------------------- old_tones

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# An open syllable ending in oa / oe / uy with the tone on its first vowel (new placement):
# hòa, khỏe, thủy, Ủy. `qu` + vowel is not such a rhyme (quý, quà keep their tone).
_OLD_TONE_RE = re.compile(
    rf"(?<![\w\u0300-\u036f])([^\W\d_]*?)(?<![qQ])([oOuU])([{_TONES}])([aAeEyY])(?![\w\u0300-\u036f])"
)


def old_tone_text(s: str) -> str:
    """Move the tone to the second vowel of open oa/oe/uy rhymes: hòa → hoà, thủy → thuỷ, Ủy → Uỷ."""
    nfd = unicodedata.normalize("NFD", s)

    def sub(m: re.Match) -> str:
        onset, v1, tone, v2 = m.groups()
        if (v1 in "oO" and v2 not in "aAeE") or (v1 in "uU" and v2 not in "yY"):
            return m.group()
        return onset + v1 + v2 + tone

    return unicodedata.normalize("NFC", _OLD_TONE_RE.sub(sub, nfd))


def old_tones(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """Old tone placement (`hoà`, `Uỷ ban`, `thuỷ`, `khoẻ`, `Hoà Bình`), still NFC, same length."""
    return _map_segments(text, spans, lambda i, segs: old_tone_text(segs[i][0]))


# --------------------------------------------------------------------------- checks and records


def _bad_edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def spans_ok(text: str, spans: Iterable[Span]) -> bool:
    """Spans in range, non-empty, not overlapping, edges neither whitespace nor punctuation; text NFC."""
    if unicodedata.normalize("NFC", text) != text:
        return False
    prev = 0
    for start, end, _ in sorted(spans):
        if not (prev <= start < end <= len(text)) or _bad_edge(text[start]) or _bad_edge(text[end - 1]):
            return False
        prev = end
    return True


def _typos_default(text: str, spans: list[Span], seed: int = 0) -> tuple[str, list[Span]]:
    return typos(text, spans, seed=seed, p=0.5)


#: name → transform(text, spans, seed) used by :func:`augment`.
TRANSFORMS: dict[str, Callable[..., tuple[str, list[Span]]]] = {
    "upper_case": lambda t, s, seed=0: upper_case(t, s),
    "lower_award_heads": lambda t, s, seed=0: lower_award_heads(t, s),
    "abbreviate": lambda t, s, seed=0: abbreviate(t, s),
    "dashes": lambda t, s, seed=0: dashes(t, s),
    "typos": _typos_default,
    "old_tones": lambda t, s, seed=0: old_tones(t, s),
}
# Relative weights among the transforms that would change a record; headlines in capitals are
# rarer than the other shapes (and upper_case applies to every record, so it gets a small weight).
WEIGHTS = {"upper_case": 0.5, "lower_award_heads": 3, "abbreviate": 3, "dashes": 2, "typos": 2, "old_tones": 2}
#: Chance that a transform is considered at all for a copy (upper_case applies to every record).
ELIGIBLE = {"upper_case": 0.3}


def _weighted_choice(rng: random.Random, candidates: list[tuple[str, object]]) -> tuple[str, object]:
    pick = rng.random() * sum(WEIGHTS[name] for name, _ in candidates)
    for name, result in candidates:
        pick -= WEIGHTS[name]
        if pick < 0:
            return name, result
    return candidates[-1]


def augment(records: Iterable[dict], seed: int, rate: float = 0.3) -> list[dict]:
    """New records made from ``records`` (JSONL-style ``{"id", "text", "spans": [{"start", "end",
    "label"}], ...}``), never the inputs themselves.

    Each record gets ``int(rate)`` augmented copies plus one more with probability
    ``rate - int(rate)`` (fewer when no transform changes it, or a copy repeats another); each
    copy applies one transform (a quarter of them two, chained), drawn by :data:`WEIGHTS` among
    those that change the text. Copies have ids ``<id>-aug1``, ``<id>-aug2`` …, ``source:
    "augmented"``, ``augmented_from`` and ``augment`` (the transforms' names); other fields are
    kept. Deterministic for a seed: a record's copies depend only on the seed and its id.
    """
    names = sorted(TRANSFORMS)
    out: list[dict] = []
    for record in records:
        rid = str(record["id"])
        rng = random.Random(f"{seed}\x1f{rid}")
        n = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
        text = record["text"]
        spans = [(s["start"], s["end"], s["label"]) for s in record.get("spans", [])]
        seen = {text}
        for _ in range(n):
            chain_len = 2 if rng.random() < 0.25 else 1
            new_text, new_spans, used = text, spans, []
            for _step in range(chain_len):
                # Every transform that would change the text is a candidate; pick one by weight.
                candidates = []
                for name in names:
                    if name in used or rng.random() >= ELIGIBLE.get(name, 1.0):
                        continue
                    result = TRANSFORMS[name](new_text, new_spans, seed=rng.randrange(2**31))
                    if result[0] != new_text:
                        candidates.append((name, result))
                if not candidates:
                    break
                name, (new_text, new_spans) = _weighted_choice(rng, candidates)
                used.append(name)
            if not used or new_text in seen:
                continue
            seen.add(new_text)
            if not spans_ok(new_text, new_spans):  # cannot happen by construction; never emit a bad record
                raise AssertionError(f"augment produced invalid spans for {rid}: {used}")
            new = {key: value for key, value in record.items() if key not in ("id", "text", "spans", "source")}
            new.update(
                id=f"{rid}-aug{len(seen) - 1}",
                text=new_text,
                spans=[{"start": a, "end": b, "label": lab} for a, b, lab in new_spans],
                source="augmented",
                augmented_from=rid,
                augment=used,
            )
            out.append(new)
    return out
