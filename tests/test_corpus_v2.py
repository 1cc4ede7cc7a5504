"""Corpus v2 properties the datasheet states: the real-shape split stands apart, the generated
part stays a minority of every label, and the written part has the shapes of real pages."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ANN = REPO / "data" / "annotations"


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (ANN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_generated_text_is_at_most_a_fifth_of_every_label_in_train():
    total, generated = Counter(), Counter()
    for r in _records("train"):
        for s in r["spans"]:
            total[s["label"]] += 1
            generated[s["label"]] += r["source"] == "generated"
    shares = {lab: generated[lab] / total[lab] for lab in total}
    assert all(share <= 0.20 for share in shares.values()), shares


def test_real_shape_pages_are_held_out_whole():
    pages = _records("test_pages")
    docs = {r["doc"] for r in pages}
    trained = {r["doc"] for split in ("train", "dev", "test") for r in _records(split)}
    assert len(docs) >= 30 and not docs & trained
    whole = _records("test_pages.docs")
    # A page record is its items joined by line breaks, spans shifted onto the page.
    by_doc = {}
    for r in pages:
        by_doc.setdefault(r["doc"], []).append(r)
    for page in whole:
        items = by_doc[page["doc"]]
        assert page["text"] == "\n".join(r["text"] for r in items)
        assert sorted(page["text"][s["start"] : s["end"]] for s in page["spans"]) == sorted(
            r["text"][s["start"] : s["end"]] for r in items for s in r["spans"]
        )


def test_written_part_has_the_shapes_of_real_pages():
    spec = importlib.util.spec_from_file_location("shape_stats", REPO / "data" / "shape_stats.py")
    stats = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stats)
    records = [
        r for split in ("train", "dev", "test", "test_pages") for r in stats.load(split) if r["source"] == "written"
    ]
    share = {name: sum(map(test, records)) / len(records) for name, test, _ in stats.CHECKS}
    assert share["sentences of ≥ 60 syllables"] >= 0.12
    assert share["sentences with no entity"] >= 0.35
    assert stats.lower_award_share(records) >= 0.10
    v2 = [r for r in records if stats.is_v2(r)]
    assert all(any(a in r["text"] for r in v2) for a in stats.ABBREVIATIONS)
