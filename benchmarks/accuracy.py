"""The README's accuracy tables: entities and events of one or more models on every evaluation file.

    python benchmarks/accuracy.py tests/golden/crf-v0.1 crf      # before / after

Files: the v1 test split, the real-shape test split (items and whole pages) and, when
../shared is present, the five real seed articles. Exact character spans; events as role
triples with gold entities and end to end (EVENT_SCHEMA v1.1). Markdown on stdout.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import thidua_ner
from thidua_ner.events import extract
from thidua_ner.formats.corpus import read_jsonl
from thidua_ner.scoring import evaluate_records, score_events

REPO = Path(__file__).resolve().parent.parent
ANN = REPO / "data" / "annotations"
SEEDS = REPO.parent / "shared" / "eval"
FILES = {
    "test (v1, sentences)": (ANN / "test.jsonl", ANN / "test.events.jsonl"),
    "test_pages (v2, items)": (ANN / "test_pages.jsonl", ANN / "test_pages.events.jsonl"),
    "test_pages (v2, whole pages)": (ANN / "test_pages.docs.jsonl", ANN / "test_pages.docs.events.jsonl"),
    "seeds (5 real articles)": (SEEDS / "seeds_gold.jsonl", SEEDS / "seeds_events.jsonl"),
}
LABELS = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")


def measure(model: str, data: Path, events: Path) -> dict:
    nlp = thidua_ner.load(model)
    records = read_jsonl(data)
    result = evaluate_records(nlp, records)
    gold = {row["id"]: row for row in map(json.loads, events.read_text(encoding="utf-8").splitlines())}
    golds = [gold[r.id] for r in records]
    # Whole pages are split into sentences as the pipeline does; one-sentence records are one unit.
    whole = "docs" in data.name
    units = None if whole else (lambda r: [(0, len(r.text))])
    on_gold = [extract(r.text, list(r.spans), sentences=units(r) if units else None) for r in records]
    docs = list(nlp.pipe(r.text for r in records))
    end_to_end = [extract(d.text, d.entities, sentences=units(r) if units else None) for r, d in zip(records, docs)]
    return {
        "spans": result["spans"],
        "events_gold": score_events(golds, on_gold),
        "events_e2e": score_events(golds, end_to_end),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    print(
        "| data | model | micro F1 | "
        + " | ".join(LABELS)
        + " | events: gold entities | events: end to end | links e2e |"
    )
    print("|---" * (len(LABELS) + 6) + "|")
    for name, (data, events) in FILES.items():
        if not data.is_file():
            continue
        for model in args.models:
            m = measure(model, data, events)
            per = m["spans"]["per_label"]
            cells = [f"{per[lab]['f1']:.3f}" if lab in per else "–" for lab in LABELS]
            print(
                f"| {name} | {model} | {m['spans']['micro']['f1']:.3f} | "
                + " | ".join(cells)
                + f" | {m['events_gold']['all_roles']['f1']:.3f} | {m['events_e2e']['all_roles']['f1']:.3f}"
                + f" | {m['events_e2e']['links']['f1']:.3f} |"
            )


if __name__ == "__main__":
    main()
