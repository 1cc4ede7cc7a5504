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
