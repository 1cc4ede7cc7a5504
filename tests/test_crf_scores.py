"""The shipped CRF model's tags and scores are bit for bit what they were before the speed work of
issue 13: every piece of every corpus text (also ALL-CAPS and NFD copies), digests written by
tests/golden/make_crf_scores.py with the code of commit e3d0274."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "golden"))
from make_crf_scores import DIGESTS, INPUTS, tag_digests  # noqa: E402


def test_shipped_crf_tags_and_scores_are_bit_identical():
    with gzip.open(INPUTS, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line) for line in fh]
    with gzip.open(DIGESTS, "rt", encoding="utf-8") as fh:
        expected = fh.read().split()
    got = tag_digests(texts)
    assert len(expected) > 7000
    assert len(got) == len(expected), "the pipeline hands the tagger a different number of pieces"
    diffs = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    assert not diffs, f"{len(diffs)} of {len(expected)} pieces differ in tags or scores, first: piece #{diffs[0]}"
