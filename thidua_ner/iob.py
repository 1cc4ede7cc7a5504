"""The one IOB2 encoder/decoder: character spans ↔ one tag per token.

Every part of the library that needs tags (training data, scoring, CoNLL, the taggers'
output) goes through these two functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class _TokenLike(Protocol):
    start: int
    end: int


def spans_to_tags(tokens: Sequence[_TokenLike], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``tokens`` from character spans.

    A span must start and end on token boundaries; a span that does not raises
    ``ValueError`` (it cannot be represented on these tokens).
    """
    tags = ["O"] * len(tokens)
    start_at = {t.start: i for i, t in enumerate(tokens)}
    end_at = {t.end: i for i, t in enumerate(tokens)}
    for start, end, label in sorted(spans):
        if start not in start_at or end not in end_at:
            raise ValueError(f"span [{start}, {end}) {label} does not fall on token boundaries")
        first, last = start_at[start], end_at[end]
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags


def tags_to_spans(tokens: Sequence[_TokenLike], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Character spans from IOB2 tags. An ``I-`` after ``O`` or another label starts a span
    (lenient decoding, so a model's slip never loses an entity)."""
    spans: list[tuple[int, int, str]] = []
    cur_label, cur_start, cur_end = None, 0, 0
    for tok, tag in zip(tokens, tags):
        if tag == "O":  # most tokens: no partition needed
            if cur_label:
                spans.append((cur_start, cur_end, cur_label))
                cur_label = None
            continue
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and label != cur_label):
            if cur_label:
                spans.append((cur_start, cur_end, cur_label))
            cur_label, cur_start, cur_end = label, tok.start, tok.end
        elif prefix == "I":
            cur_end = tok.end
        else:
            if cur_label:
                spans.append((cur_start, cur_end, cur_label))
            cur_label = None
    if cur_label:
        spans.append((cur_start, cur_end, cur_label))
    return spans


def span_ids(tags: Sequence[str]) -> list[int]:
    """Which span each token belongs to (-1 for ``O``), with the decoding rules of :func:`tags_to_spans`."""
    ids, current, label = [], -1, None
    n = -1
    for tag in tags:
        prefix, _, lab = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (current < 0 or lab != label)):
            n += 1
            current, label = n, lab
        elif prefix != "I":
            current, label = -1, None
        ids.append(current)
    return ids


# ---------------------------------------------------------------------------- other tagging schemes

#: scheme names :func:`to_iob2` understands (aliases map to the same conversion)
SCHEMES = ("auto", "iob2", "bio", "iob1", "iobes", "bioes", "bilou")
_SCHEME_PREFIXES = {
    "iob2": set("BI"),
    "iob1": set("BI"),
    "iobes": set("BIES"),
    "bilou": set("BILU"),
}
_ALIASES = {"bio": "iob2", "bioes": "iobes"}


def _split_tag(tag: str) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    prefix, sep, label = tag.partition("-")
    if not sep or len(prefix) != 1 or not label:
        raise ValueError(f"tag {tag!r} is not O or PREFIX-LABEL (e.g. B-ORG)")
    return prefix, label


def detect_scheme(sentences: Iterable[Sequence[str]]) -> str:
    """The tagging scheme of tagged sentences: ``iobes`` (S-/E- prefixes), ``bilou`` (U-/L-),
    ``iob1`` (an ``I-`` that starts a chunk), else ``iob2``. Detect over a whole file, not one
    sentence (a sentence with no single-token chunk looks like IOB2 in every scheme)."""
    prefixes: set[str] = set()
    starts_with_i = False
    for tags in sentences:
        prev_label = None
        for tag in tags:
            prefix, label = _split_tag(tag)
            if prefix not in "OBIESLU":
                raise ValueError(f"unknown tag {tag!r}: the prefix {prefix}- is not one of B, I, E, S, L, U")
            prefixes.add(prefix)
            if prefix == "I" and label != prev_label:
                starts_with_i = True
            prev_label = label if prefix in ("B", "I") else None
    if prefixes & set("SE") and prefixes & set("UL"):
        raise ValueError("tags mix IOBES (S-, E-) and BILOU (U-, L-) prefixes")
    if prefixes & set("SE"):
        return "iobes"
    if prefixes & set("UL"):
        return "bilou"
    return "iob1" if starts_with_i else "iob2"


def to_iob2(tags: Sequence[str], scheme: str = "auto") -> list[str]:
    """IOB2 tags from IOB1, IOB2, IOBES/BIOES or BILOU tags (``scheme="auto"`` detects it).

    Every chunk is kept: ``S-X``/``U-X`` → ``B-X``, ``E-X``/``L-X`` → ``I-X`` (``B-X`` when it
    does not continue an ``X`` chunk), and an ``I-X`` that starts a chunk → ``B-X``. A tag
    the scheme does not allow raises ``ValueError`` naming it; nothing is turned into ``O``.
    """
    scheme = scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    scheme = detect_scheme([tags]) if scheme == "auto" else _ALIASES.get(scheme, scheme)
    allowed = _SCHEME_PREFIXES[scheme] | {"O"}
    out: list[str] = []
    prev_label = None  # label of the chunk the previous token is in (None after O or a chunk end)
    for tag in tags:
        prefix, label = _split_tag(tag)
        if prefix not in allowed:
            raise ValueError(f"tag {tag!r} is not allowed in {scheme.upper()}")
        if prefix == "O":
            out.append("O")
            prev_label = None
            continue
        continues = prefix in "IEL" and label == prev_label
        out.append(f"{'I' if continues else 'B'}-{label}")
        prev_label = None if prefix in "SEUL" else label
    return out
