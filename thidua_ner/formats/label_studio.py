"""Label Studio JSON tasks and exports (``labels`` results with character offsets)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .corpus import Record, parse_record


def to_label_studio(records: Iterable[Record]) -> list[dict[str, Any]]:
    tasks = []
    for r in records:
        result = [
            {
                "id": f"{r.id}-{k}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": s, "end": e, "text": r.text[s:e], "labels": [lab]},
            }
            for k, (s, e, lab) in enumerate(r.spans)
        ]
        tasks.append({"data": {"text": r.text, "id": r.id}, "annotations": [{"result": result}]})
    return tasks


def from_label_studio(tasks: Iterable[dict[str, Any]], where: str = "label-studio") -> list[Record]:
    """Read a Label Studio JSON export; the first annotation of each task is used."""
    out = []
    for n, task in enumerate(tasks, 1):
        data = task.get("data", {})
        anns = task.get("annotations") or [{"result": []}]
        spans = []
        for res in anns[0].get("result", []):
            value = res.get("value", {})
            for lab in value.get("labels", []):
                spans.append({"start": value["start"], "end": value["end"], "label": lab})
        rid = data.get("id", task.get("id", f"{where}-{n}"))
        out.append(parse_record({"id": str(rid), "text": data.get("text"), "spans": spans}, f"{where}:{n}"))
    return out
