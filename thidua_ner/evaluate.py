"""Scoring: seqeval (strict IOB2 on syllable tokens) and exact character spans.

Both views are reported because users meet both: training code speaks seqeval,
the hidden real-news set is scored by exact character spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from .corpus import Record, spans_to_tags
from .labels import LABELS
from .text import tokenize


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def span_scores(
    gold: Sequence[Iterable[tuple[int, int, str]]], pred: Sequence[Iterable[tuple[int, int, str]]]
) -> dict[str, Any]:
    """Exact-match precision/recall/F1 of character spans, per label, micro and macro."""
    counts = {lab: Counter() for lab in LABELS}
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            counts[s[2]]["tp"] += 1
        for s in ps - gs:
            counts.setdefault(s[2], Counter())["fp"] += 1
        for s in gs - ps:
            counts[s[2]]["fn"] += 1
    per_label = {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in counts.items()}
    total = sum(counts.values(), Counter())
    micro = prf(total["tp"], total["fp"], total["fn"])
    macro_f1 = sum(v["f1"] for v in per_label.values()) / len(per_label)
    return {"per_label": per_label, "micro": micro, "macro_f1": macro_f1}


def seqeval_scores(gold_tags: list[list[str]], pred_tags: list[list[str]]) -> dict[str, Any]:
    """seqeval's strict IOB2 report as a dict (per label, micro avg, macro avg)."""
    report = classification_report(gold_tags, pred_tags, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    return {k: {m: float(v) for m, v in d.items()} for k, d in report.items()}


def _tags_on_tokens(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tokens = tokenize(text)
    kept = []
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    for s in spans:
        # A predicted span off token boundaries cannot be written as IOB2; it still counts
        # (as a miss) in the exact-span view.
        if s[0] in starts and s[1] in ends:
            kept.append(s)
    return spans_to_tags(tokens, kept)


def evaluate_records(nlp, records: Sequence[Record], batch_size: int = 64) -> dict[str, Any]:
    """Run a pipeline over annotated records and score it both ways."""
    gold = [list(r.spans) for r in records]
    pred = []
    for doc in nlp.pipe((r.text for r in records), batch_size=batch_size):
        pred.append([(e.start, e.end, e.label) for e in doc.entities])
    gold_tags = [_tags_on_tokens(r.text, g) for r, g in zip(records, gold)]
    pred_tags = [_tags_on_tokens(r.text, p) for r, p in zip(records, pred)]
    return {
        "records": len(records),
        "spans": span_scores(gold, pred),
        "seqeval": seqeval_scores(gold_tags, pred_tags),
    }


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table: per label seqeval and exact-span P/R/F1, then micro and macro."""
    seq, spans = result["seqeval"], result["spans"]
    lines = [
        f"{result['records']} records",
        f"{'label':<10} {'seq P':>7} {'seq R':>7} {'seq F1':>7} {'span F1':>8} {'support':>8}",
    ]
    for lab in LABELS:
        s = seq.get(lab, {"precision": 0, "recall": 0, "f1-score": 0, "support": 0})
        lines.append(
            f"{lab:<10} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1-score']:>7.3f} "
            f"{spans['per_label'][lab]['f1']:>8.3f} {int(s['support']):>8d}"
        )
    micro, macro = seq.get("micro avg", {}), seq.get("macro avg", {})
    lines.append(
        f"{'micro':<10} {micro.get('precision', 0):>7.3f} {micro.get('recall', 0):>7.3f} "
        f"{micro.get('f1-score', 0):>7.3f} {spans['micro']['f1']:>8.3f} {int(micro.get('support', 0)):>8d}"
    )
    lines.append(f"{'macro':<10} {'':>7} {'':>7} {macro.get('f1-score', 0):>7.3f} {spans['macro_f1']:>8.3f}")
    return "\n".join(lines)
