"""Smoke tests on the five real seed articles (../shared/eval); skipped without ../shared."""

import json
import re
import unicodedata

from thidua_ner.formats.corpus import parse_record
from thidua_ner.scoring import evaluate_records
from thidua_ner.text.normalize import normalize
from thidua_ner.text.sentences import split_sentences


def _gold(shared_dir):
    with open(shared_dir / "eval" / "seeds_gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_default_model_on_real_seed_sentences(nlp, shared_dir):
    records = [parse_record(row, "seeds") for row in _gold(shared_dir)]
    result = evaluate_records(nlp, records)
    # The README reports 0.975 micro (PERSON 1.000, POSITION 0.990, AWARD 0.972, CAMPAIGN 0.925,
    # QUANTITY 0.929); the guard sits just below it.
    assert result["spans"]["micro"]["f1"] >= 0.97
    for label in ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY"):
        assert result["spans"]["per_label"][label]["f1"] >= 0.92, label


def test_sentence_splitter_recovers_seed_sentences(shared_dir):
    gold = _gold(shared_dir)
    wanted = {row["text"] for row in gold}
    found = 0
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        norm = normalize(path.read_text(encoding="utf-8")).text
        for s, e in split_sentences(norm):
            sent = re.sub(r"\s+", " ", unicodedata.normalize("NFC", norm[s:e]))
            found += sent in wanted
    # Most seed sentences come out exactly; the rest are captions the pages break oddly.
    assert found / len(wanted) >= 0.90
