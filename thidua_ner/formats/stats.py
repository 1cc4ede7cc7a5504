"""Label statistics of a corpus directory (``thidua-ner stats``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .corpus import SPLITS, corpus_labels, load_corpus, read_jsonl


def corpus_counts(data_dir: str | Path) -> dict[str, dict[str, int]]:
    """Per split: records, docs, records with no span, written/generated, and spans per label.

    Besides train/dev/test, any other ``<name>.jsonl`` of the directory counts as a split of its
    own (``test_pages``); event files and whole-page copies (``*.docs.jsonl``) are left out."""
    corpus = load_corpus(data_dir)
    for path in sorted(Path(data_dir).glob("*.jsonl")):
        name = path.name[: -len(".jsonl")]
        if name not in SPLITS and "." not in name:
            corpus[name] = read_jsonl(path)
    labels = corpus_labels(r for records in corpus.values() for r in records)
    out = {}
    for split, records in corpus.items():
        counted = Counter(lab for r in records for _, _, lab in r.spans)
        out[split] = {
            "records": len(records),
            "docs": len({r.doc or r.id for r in records}),
            "no_span": sum(1 for r in records if not r.spans),
            "written": sum(1 for r in records if r.source == "written"),
            "generated": sum(1 for r in records if r.source == "generated"),
            **{lab: counted[lab] for lab in labels},
        }
    return out


_COUNTS = ("records", "docs", "no_span", "written", "generated")


def corpus_table(data_dir: str | Path) -> str:
    """A Markdown table of :func:`corpus_counts` with a total row."""
    counts = corpus_counts(data_dir)
    labels = [k for k in next(iter(counts.values()), {}) if k not in _COUNTS]
    cols = [*_COUNTS, *labels]
    total = {c: sum(v[c] for v in counts.values()) for c in cols}
    lines = ["| split | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for split, v in [*counts.items(), ("total", total)]:
        lines.append(f"| {split} | " + " | ".join(str(v[c]) for c in cols) + " |")
    return "\n".join(lines)
