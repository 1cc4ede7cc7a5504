"""Label Studio JSON tasks and exports (``labels`` results with character offsets).

- :func:`to_label_studio` writes records as tasks with their spans as *annotations*;
- :func:`predictions_to_label_studio` writes tagged documents as tasks with the model's spans
  as *predictions* (pre-annotations: label, offsets, per-span score, model version);
- :func:`labeling_config` is the project's labelling interface for a label set;
- :func:`from_label_studio` reads an export (or our tasks) back into records.

The task ``data`` carries ``text``, ``id``, ``doc`` and ``source``, so they survive the round
trip. Offsets are Python string indices; Label Studio counts UTF-16 code units, which is the
same for Vietnamese (and all text without characters outside the Basic Multilingual Plane).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from ..errors import AnnotationError
from .corpus import Record, parse_record

FROM_NAME, TO_NAME = "label", "text"


def labeling_config(labels: Sequence[str]) -> str:
    """The Label Studio labelling config (XML) for named-entity spans with these labels."""
    from .outputs import label_colour

    items = "\n".join(
        f"    <Label value={quoteattr(lab)} background={quoteattr(label_colour(lab, tuple(labels)))}/>"
        for lab in labels
    )
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{items}\n  </Labels>\n'
        f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>\n'
        "</View>\n"
    )


def _result(spans: Iterable[tuple[int, int, str]], text: str, rid: str, scores: Sequence[float | None] = ()) -> list:
    out = []
    scores = list(scores)
    for k, (s, e, lab) in enumerate(spans):
        item: dict[str, Any] = {
            "id": f"{rid}-{k}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": s, "end": e, "text": text[s:e], "labels": [lab]},
        }
        if k < len(scores) and scores[k] is not None:
            item["score"] = round(float(scores[k]), 4)
        out.append(item)
    return out


def _data(rid: str, text: str, doc: str | None, source: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"text": text, "id": rid}
    if doc:
        data["doc"] = doc
    if source:
        data["source"] = source
    return data


def to_label_studio(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Tasks with the records' spans as (completed) annotations."""
    return [
        {"data": _data(r.id, r.text, r.doc, r.source), "annotations": [{"result": _result(r.spans, r.text, r.id)}]}
        for r in records
    ]


def predictions_to_label_studio(items: Iterable[tuple[str, Any]], model_version: str) -> list[dict[str, Any]]:
    """Tasks for ``(id, Document)`` pairs with the model's entities as predictions (pre-annotations).

    Each span has the entity's score (its least confident token); the prediction's own
    score is the least confident span of the text (1.0 when it has none)."""
    tasks = []
    for rid, doc in items:
        ents = list(doc.entities)
        scores = [e.score for e in ents]
        known = [s for s in scores if s is not None]
        prediction = {
            "model_version": model_version,
            "score": round(min(known), 4) if known else 1.0,
            "result": _result([(e.start, e.end, e.label) for e in ents], doc.text, rid, scores),
        }
        tasks.append({"data": _data(rid, doc.text, None, None), "predictions": [prediction]})
    return tasks


UNANNOTATED = ("empty", "predictions", "skip")


def from_label_studio(
    tasks: Iterable[dict[str, Any]], where: str = "label-studio", unannotated: str = "empty"
) -> list[Record]:
    """Read a Label Studio JSON export (or our own tasks).

    The first annotation that was not cancelled gives the spans. A task with none is read with
    no spans (``unannotated="empty"``), from its first prediction (``"predictions"``, when the
    file holds the prediction itself, not only its id), or left out (``"skip"``)."""
    if unannotated not in UNANNOTATED:
        raise ValueError(f"unannotated must be one of {', '.join(UNANNOTATED)}")
    out = []
    for n, task in enumerate(tasks, 1):
        if not isinstance(task, dict):
            raise AnnotationError(f"{where}: task {n} is not a JSON object")
        data = task.get("data", {})
        anns = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if anns:
            results = anns[0].get("result", [])
        elif unannotated == "predictions" and any(isinstance(p, dict) for p in task.get("predictions") or []):
            # Label Studio's quick export lists prediction ids only; full objects come with our tasks.
            results = next(p for p in task["predictions"] if isinstance(p, dict)).get("result", [])
        elif unannotated == "skip":
            continue
        else:
            results = []
        spans = []
        for res in results:
            if res.get("type", "labels") != "labels":
                continue
            value = res.get("value", {})
            for lab in value.get("labels", []):
                spans.append({"start": value["start"], "end": value["end"], "label": lab})
        rid = data.get("id", task.get("id", f"{where}-{n}"))
        obj: dict[str, Any] = {"id": str(rid), "text": data.get("text"), "spans": spans}
        for key in ("doc", "source"):
            if data.get(key) is not None:
                obj[key] = data[key]
        out.append(parse_record(obj, f"{where}:{n}", nfc=True))
    return out
