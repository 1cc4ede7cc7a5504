"""Doccano JSONL (``{"id", "text", "label": [[start, end, label], ...], "doc", "source"}``).

``doc`` and ``source`` are written as top-level keys (doccano keeps unknown keys as metadata
and exports them back); they are read from the top level or from ``meta``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .corpus import Record, parse_record


def to_doccano(records: Iterable[Record]) -> list[dict[str, Any]]:
    rows = []
    for r in records:
        row: dict[str, Any] = {"id": r.id, "text": r.text, "label": [[s, e, lab] for s, e, lab in r.spans]}
        if r.doc:
            row["doc"] = r.doc
        row["source"] = r.source
        rows.append(row)
    return rows


def from_doccano(rows: Iterable[dict[str, Any]], where: str = "doccano") -> list[Record]:
    out = []
    for n, row in enumerate(rows, 1):
        labels = row.get("label", row.get("labels", []))
        spans = [{"start": s, "end": e, "label": lab} for s, e, lab in labels]
        meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
        obj = {"id": row.get("id", meta.get("id", f"{where}-{n}")), "text": row.get("text"), "spans": spans}
        for key in ("doc", "source"):
            value = row.get(key, meta.get(key))
            if value is not None:
                obj[key] = value
        out.append(parse_record(obj, f"{where}:{n}", nfc=True))
    return out
