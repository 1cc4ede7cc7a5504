"""Checks an annotated record against the storage rules of the guidelines.

Each problem is reported as a sentence a person can act on; callers add the
file name and line number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from .labels import LABELS


def is_edge_char_bad(ch: str) -> bool:
    """Spans may not start or end on whitespace or punctuation."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def span_problems(text: str, spans: Iterable[Mapping], labels: Iterable[str] = LABELS) -> list[str]:
    """Return every storage-rule violation of ``spans`` over ``text`` (empty list when valid)."""
    problems: list[str] = []
    known = set(labels)
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
        if label not in known:
            problems.append(f"{desc}: unknown label {label!r} (expected one of {', '.join(sorted(known))})")
        if not 0 <= start < end <= len(text):
            problems.append(f"{desc}: out of range for a text of {len(text)} characters")
            continue
        surface = text[start:end]
        if is_edge_char_bad(surface[0]) or is_edge_char_bad(surface[-1]):
            problems.append(f"{desc} {surface!r}: starts or ends with whitespace or punctuation")
        if start < prev_end:
            problems.append(f"{desc} {surface!r}: overlaps {prev_desc}")
        if end > prev_end:
            prev_end, prev_desc = end, f"{desc} {surface!r}"
    return problems
