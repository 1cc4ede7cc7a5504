"""The shipped model scores what its directory and the README say it scores."""

from __future__ import annotations

from pathlib import Path

import pytest

import thidua_ner
from thidua_ner.formats.corpus import read_jsonl
from thidua_ner.scoring import evaluate_records

ANN = Path(__file__).resolve().parent.parent / "data" / "annotations"


def test_shipped_crf_reproduces_the_test_scores_its_directory_records(nlp):
    recorded = nlp.tagger.meta["metrics"]["test"]
    result = evaluate_records(nlp, read_jsonl(ANN / "test.jsonl"))
    assert result["spans"]["micro"]["f1"] == pytest.approx(recorded["span_micro_f1"], abs=0.002)
    for label, f1 in recorded["span_per_label_f1"].items():
        assert result["spans"]["per_label"][label]["f1"] == pytest.approx(f1, abs=0.002), label


@pytest.mark.parametrize(
    "name,readme_micro,readme_worst",
    [("test_pages.jsonl", 0.955, 0.837), ("test_pages.docs.jsonl", 0.957, 0.828)],
)
def test_shipped_crf_on_the_real_shape_pages(nlp, name, readme_micro, readme_worst):
    result = evaluate_records(nlp, read_jsonl(ANN / name))
    assert result["spans"]["micro"]["f1"] >= readme_micro - 0.003
    assert min(v["f1"] for v in result["spans"]["per_label"].values()) >= readme_worst - 0.005


def test_default_model_is_the_shipped_crf():
    assert thidua_ner.load().tagger.meta.get("features") == 2
