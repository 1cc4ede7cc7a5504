"""Doccano JSONL (``{"text", "label": [[start, end, label], ...]}``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .corpus import Record, parse_record


def to_doccano(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [{"id": r.id, "text": r.text, "label": [[s, e, lab] for s, e, lab in r.spans]} for r in records]


def from_doccano(rows: Iterable[dict[str, Any]], where: str = "doccano") -> list[Record]:
    out = []
    for n, row in enumerate(rows, 1):
        labels = row.get("label", row.get("labels", []))
        spans = [{"start": s, "end": e, "label": lab} for s, e, lab in labels]
        out.append(
            parse_record({"id": row.get("id", f"{where}-{n}"), "text": row.get("text"), "spans": spans}, f"{where}:{n}")
        )
    return out
