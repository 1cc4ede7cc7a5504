"""The annotation loop without a server: pre-annotated tasks, uncertainty ranking, learning curves."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from thidua_ner.cli import main
from thidua_ner.formats.label_studio import from_label_studio, labeling_config

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "own-labels"


def test_extract_label_studio_tasks_carry_predictions(tmp_path, capsys):
    texts = tmp_path / "t.txt"
    texts.write_text("Ông Lê Văn Tám nhận Bằng khen.\nTrời mưa.\n", encoding="utf-8")
    assert main(["extract", "--format", "label-studio", "--lines", "--quiet", str(texts)]) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert [t["data"]["text"] for t in tasks] == ["Ông Lê Văn Tám nhận Bằng khen.", "Trời mưa."]
    pred = tasks[0]["predictions"][0]
    values = [(r["value"]["text"], r["value"]["labels"]) for r in pred["result"]]
    assert values == [("Lê Văn Tám", ["PERSON"]), ("Bằng khen", ["AWARD"])]
    assert all(0 < r["score"] <= 1 for r in pred["result"]) and pred["score"] == min(r["score"] for r in pred["result"])
    assert "crf" in pred["model_version"] and tasks[1]["predictions"][0]["result"] == []
    # read back from the predictions (nobody annotated them)
    back = from_label_studio(tasks, unannotated="predictions")
    assert [t[2] for t in back[0].spans] == ["PERSON", "AWARD"]
    assert from_label_studio(tasks)[0].spans == () and len(from_label_studio(tasks, unannotated="skip")) == 0
    config = labeling_config(("PER", "LOC"))
    assert '<Label value="PER"' in config and 'toName="text"' in config and 'value="$text"' in config


def test_suggest_ranks_least_confident_first(tmp_path, capsys, nlp):
    from thidua_ner.annotate import sentence_confidences, suggest

    inputs = [
        ("a", "Chủ tịch UBND tỉnh Nguyễn Văn An trao Bằng khen cho 12 tập thể. Trời hôm nay đẹp."),
        ("b", "Xyzt Qwrp Lmno trao gì đó cho ai đó ở Zzyx."),
        ("c", "Trời hôm nay đẹp."),
    ]
    rows = sentence_confidences(nlp, inputs)
    assert len(rows) == 4 and all(0 < r["confidence"] <= r["mean_confidence"] <= 1 for r in rows)
    ranked = suggest(nlp, inputs, top=10)
    assert len(ranked) == 3  # the repeated sentence once
    assert [r["confidence"] for r in ranked] == sorted(r["confidence"] for r in ranked)
    assert ranked[0]["confidence"] == min(r["confidence"] for r in rows)
    text = inputs[0][1]
    assert all(r["text"] == text[r["start"] : r["end"]] for r in ranked if r["source"] == "a")
    path = tmp_path / "in.txt"
    path.write_text("\n".join(t for _, t in inputs), encoding="utf-8")
    out = tmp_path / "next.txt"
    assert main(["suggest", "--lines", "--top", "2", "--format", "txt", "-o", str(out), str(path)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [r["text"] for r in ranked[:2]]


def test_learning_curve_writes_csv_and_png(tmp_path, capsys):
    out = tmp_path / "curve"
    code = main(
        ["learning-curve", "--train", str(EXAMPLE / "train.conll"), "--test", str(EXAMPLE / "test.conll"),
         "--output", str(out), "--fractions", "0.3,1"]
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(open(out / "learning_curve.csv", encoding="utf-8")))
    assert [int(r["train_records"]) for r in rows] == [32, 105]
    assert float(rows[1]["seqeval_micro_f1"]) > float(rows[0]["seqeval_micro_f1"])
    pytest.importorskip("matplotlib")
    assert (out / "learning_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
