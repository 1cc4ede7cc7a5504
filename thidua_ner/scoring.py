"""Scoring: seqeval (strict IOB2 on syllable tokens), exact character spans, and award events.

Both entity views are reported because users meet both: training code speaks seqeval,
real-news evaluation is scored by exact character spans. Labels are those of the data
and the model, whatever they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from .document import Document
from .formats.corpus import Record
from .iob import spans_to_tags
from .schema import DEFAULT_LABELS, ROLES
from .text.tokens import tokenize


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def span_scores(
    gold: Sequence[Iterable[tuple[int, int, str]]],
    pred: Sequence[Iterable[tuple[int, int, str]]],
    labels: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Exact-match precision/recall/F1 of character spans, per label, micro and macro.

    ``labels`` are reported even when absent (default: the five labels when the data uses
    only those, else every label seen in gold or predictions)."""
    gold, pred = [list(g) for g in gold], [list(p) for p in pred]
    counts = {lab: Counter() for lab in (labels or _labels_seen(gold, pred))}
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            counts.setdefault(s[2], Counter())["tp"] += 1
        for s in ps - gs:
            counts.setdefault(s[2], Counter())["fp"] += 1
        for s in gs - ps:
            counts.setdefault(s[2], Counter())["fn"] += 1
    per_label = {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in counts.items()}
    total = sum(counts.values(), Counter())
    micro = prf(total["tp"], total["fp"], total["fn"])
    macro_f1 = sum(v["f1"] for v in per_label.values()) / len(per_label)
    return {"per_label": per_label, "micro": micro, "macro_f1": macro_f1}


def _labels_seen(*groups: Sequence[Sequence[tuple[int, int, str]]]) -> tuple[str, ...]:
    """The five default labels for our own data; for other data its own labels (defaults first)."""
    seen = {s[2] for group in groups for spans in group for s in spans}
    extra = sorted(seen - set(DEFAULT_LABELS))
    if not extra:
        return DEFAULT_LABELS
    return tuple(lab for lab in DEFAULT_LABELS if lab in seen) + tuple(extra)


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
    """Run a pipeline over annotated records and score it both ways (labels of the model and the data)."""
    gold = [list(r.spans) for r in records]
    pred = []
    for doc in nlp.pipe((r.text for r in records), batch_size=batch_size):
        pred.append([(e.start, e.end, e.label) for e in doc.entities])
    gold_tags = [_tags_on_tokens(r.text, g) for r, g in zip(records, gold)]
    pred_tags = [_tags_on_tokens(r.text, p) for r, p in zip(records, pred)]
    return {
        "records": len(records),
        "labels": list(_report_labels(nlp, gold, pred)),
        "spans": span_scores(gold, pred, _report_labels(nlp, gold, pred)),
        "seqeval": seqeval_scores(gold_tags, pred_tags),
    }


def _report_labels(nlp, gold, pred) -> tuple[str, ...]:
    model_labels = tuple(getattr(getattr(nlp, "tagger", None), "labels", ()) or ())
    seen = _labels_seen(gold, pred)
    return model_labels + tuple(lab for lab in seen if lab not in model_labels) if model_labels else seen


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table: per label seqeval and exact-span P/R/F1, then micro and macro."""
    seq, spans = result["seqeval"], result["spans"]
    lines = [
        f"{result['records']} records",
        f"{'label':<10} {'seq P':>7} {'seq R':>7} {'seq F1':>7} {'span F1':>8} {'support':>8}",
    ]
    for lab in result.get("labels") or list(spans["per_label"]):
        s = seq.get(lab, {"precision": 0, "recall": 0, "f1-score": 0, "support": 0})
        lines.append(
            f"{lab:<10} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1-score']:>7.3f} "
            f"{spans['per_label'].get(lab, {'f1': 0.0})['f1']:>8.3f} {int(s['support']):>8d}"
        )
    micro, macro = seq.get("micro avg", {}), seq.get("macro avg", {})
    lines.append(
        f"{'micro':<10} {micro.get('precision', 0):>7.3f} {micro.get('recall', 0):>7.3f} "
        f"{micro.get('f1-score', 0):>7.3f} {spans['micro']['f1']:>8.3f} {int(micro.get('support', 0)):>8d}"
    )
    lines.append(f"{'macro':<10} {'':>7} {'':>7} {macro.get('f1-score', 0):>7.3f} {spans['macro_f1']:>8.3f}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- award events


def event_triples(events: Iterable[dict]) -> set[tuple]:
    """Triples from events in the gold-file form ``{"award": [s, e], role: [[s, e], ...]}``."""
    out = set()
    for ev in events:
        award = tuple(ev["award"])
        for role in ROLES:
            for filler in ev.get(role, []):
                out.add((award, role, tuple(filler)))
    return out


def score_events(gold: Sequence[dict], predicted: Sequence[Document]) -> dict[str, Any]:
    """Score predicted documents against gold event records (one per document, same order).

    ``gold[i]`` is ``{"events": [...], "person_positions": [[[ps, pe], [qs, qe]], ...]}`` with
    offsets into ``predicted[i].text``. Returns micro P/R/F1 per role, over all roles, and for links.
    """
    counts: dict[str, list[int]] = {role: [0, 0, 0] for role in (*ROLES, "all_roles", "links")}
    for g, doc in zip(gold, predicted):
        gold_triples = event_triples(g.get("events", []))
        pred_triples = set().union(*(ev.triples() for ev in doc.events)) if doc.events else set()
        for role in ROLES:
            gs = {t for t in gold_triples if t[1] == role}
            ps = {t for t in pred_triples if t[1] == role}
            counts[role][0] += len(gs & ps)
            counts[role][1] += len(ps - gs)
            counts[role][2] += len(gs - ps)
        counts["all_roles"][0] += len(gold_triples & pred_triples)
        counts["all_roles"][1] += len(pred_triples - gold_triples)
        counts["all_roles"][2] += len(gold_triples - pred_triples)
        gold_links = {(tuple(p), tuple(q)) for p, q in g.get("person_positions", [])}
        pred_links = {link.pair() for link in doc.person_positions}
        counts["links"][0] += len(gold_links & pred_links)
        counts["links"][1] += len(pred_links - gold_links)
        counts["links"][2] += len(gold_links - pred_links)
    return {k: prf(*v) for k, v in counts.items()}


def format_event_scores(scores: dict[str, Any]) -> str:
    lines = [f"{'role':<20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for k, v in scores.items():
        lines.append(f"{k:<20} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>6d}")
    return "\n".join(lines)
