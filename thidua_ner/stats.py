"""Label statistics of a corpus directory (``thidua-ner stats``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .corpus import load_corpus
from .labels import LABELS


def corpus_counts(data_dir: str | Path) -> dict[str, dict[str, int]]:
    """Per split: records, docs, records with no span, written/generated, and spans per label."""
    out = {}
    for split, records in load_corpus(data_dir).items():
        labels = Counter(lab for r in records for _, _, lab in r.spans)
        out[split] = {
            "records": len(records),
            "docs": len({r.doc or r.id for r in records}),
            "no_span": sum(1 for r in records if not r.spans),
            "written": sum(1 for r in records if r.source == "written"),
            "generated": sum(1 for r in records if r.source == "generated"),
            **{lab: labels[lab] for lab in LABELS},
        }
    return out


def corpus_table(data_dir: str | Path) -> str:
    """A Markdown table of :func:`corpus_counts` with a total row."""
    counts = corpus_counts(data_dir)
    cols = ["records", "docs", "no_span", "written", "generated", *LABELS]
    total = {c: sum(v[c] for v in counts.values()) for c in cols}
    lines = ["| split | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for split, v in [*counts.items(), ("total", total)]:
        lines.append(f"| {split} | " + " | ".join(str(v[c]) for c in cols) + " |")
    return "\n".join(lines)
