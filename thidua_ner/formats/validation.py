"""Checks an annotated record against the storage rules of the guidelines.

Each problem is reported as a sentence a person can act on; callers add the
file name and line number. Problems are **errors** (the record cannot be used: out of
range, overlapping, whitespace at an edge, not NFC, unknown label) or **warnings** (it can
be used but breaks our own guidelines: punctuation at a span edge, as published corpora
have it — ``TP.HCM.``). Our corpus build (``data/build_corpus.py``) treats warnings as errors.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from ..text.tokens import tokenize


def is_edge_char_bad(ch: str) -> bool:
    """Our guidelines: spans may not start or end on whitespace or punctuation."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def span_problems(
    text: str, spans: Iterable[Mapping], labels: Iterable[str] | None = None, *, strict: bool = True
) -> list[str]:
    """Every storage-rule violation of ``spans`` over ``text`` (empty list when valid).

    ``labels`` restricts the label names; ``None`` accepts any non-empty name. ``strict``
    (our guidelines) counts warnings as problems too; ``strict=False`` returns errors only."""
    errors, warnings = check_spans(text, spans, labels)
    return errors + warnings if strict else errors


def check_spans(
    text: str, spans: Iterable[Mapping], labels: Iterable[str] | None = None
) -> tuple[list[str], list[str]]:
    """``(errors, warnings)`` of ``spans`` over ``text``; see the module docstring."""
    problems: list[str] = []
    warnings: list[str] = []
    known = set(labels) if labels is not None else None
    if unicodedata.normalize("NFC", text) != text:
        problems.append("text is not NFC-normalised (run unicodedata.normalize('NFC', text))")
    ordered = sorted(spans, key=lambda s: (s.get("start", -1), s.get("end", -1)))
    prev_end, prev_desc = -1, ""
    for span in ordered:
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        desc = f"span [{start}, {end}) {label}"
        if not isinstance(start, int) or not isinstance(end, int):
            problems.append(f"{desc}: start and end must be integers")
            continue
        if not isinstance(label, str) or not label or (known is not None and label not in known):
            expected = f"one of {', '.join(sorted(known))}" if known is not None else "a non-empty name"
            problems.append(f"{desc}: unknown label {label!r} (expected {expected})")
        if not 0 <= start < end <= len(text):
            problems.append(f"{desc}: out of range for a text of {len(text)} characters")
            continue
        surface = text[start:end]
        if surface[0].isspace() or surface[-1].isspace():
            problems.append(f"{desc} {surface!r}: starts or ends with whitespace or punctuation")
        elif is_edge_char_bad(surface[0]) or is_edge_char_bad(surface[-1]):
            warnings.append(f"{desc} {surface!r}: starts or ends with punctuation (our guidelines forbid it)")
        if start < prev_end:
            problems.append(f"{desc} {surface!r}: overlaps {prev_desc}")
        if end > prev_end:
            prev_end, prev_desc = end, f"{desc} {surface!r}"
    return problems, warnings


def token_boundary_problems(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Spans that start or end inside a syllable token (training needs whole tokens), naming the word."""
    tokens = tokenize(text)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    problems = []
    for start, end, label in spans:
        if start in starts and end in ends:
            continue
        cut = [t.text for t in tokens if t.start < start < t.end or t.start < end < t.end]
        where = f" (cuts the word {', '.join(repr(w) for w in cut)})" if cut else ""
        problems.append(
            f"span [{start}, {end}) {label} {text[start:end]!r}: starts or ends inside a word{where}; "
            "spans must cover whole syllables"
        )
    return problems
