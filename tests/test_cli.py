import json
import subprocess
import sys
from pathlib import Path

import pytest

from thidua_ner.cli import main

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "examples" / "article.txt"


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_jsonl_has_all_labels_with_matching_offsets(capsys):
    code, out, _ = run(["extract", ARTICLE], capsys)
    assert code == 0
    doc = json.loads(out)
    text = ARTICLE.read_text(encoding="utf-8")
    assert doc["text"] == text
    assert {e["label"] for e in doc["entities"]} == {"PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY"}
    assert all(text[e["start"] : e["end"]] == e["text"] for e in doc["entities"])
    assert doc["events"]


def test_extract_lines_conll_and_html(tmp_path, capsys):
    f = tmp_path / "in.txt"
    f.write_text("Đồng chí Trần Văn Hải trao Bằng khen cho 5 tập thể.\n\nHôm nay trời nắng.\n", encoding="utf-8")
    code, out, _ = run(["extract", "--lines", f], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["source"] for r in rows] == [f"{f}:1", f"{f}:3"]
    code, out, _ = run(["extract", "--format", "conll", f], capsys)
    assert "Trần\tB-PERSON" in out and "5\tB-QUANTITY" in out
    code, out, _ = run(["extract", "--format", "html", f], capsys)
    assert "<mark" in out and "QUANTITY" in out


def test_bad_input_exits_with_a_clear_message(tmp_path, capsys):
    # An input that cannot be read fails on its own (exit 1, issue 14); unusable arguments exit 2.
    code, _, err = run(["extract", tmp_path / "missing.txt"], capsys)
    assert code == 1 and "no such file" in err
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Bằng khen".encode() + b"\xff\xfe tail")
    code, _, err = run(["extract", bad], capsys)
    assert code == 1 and "not valid UTF-8 at byte 11" in err
    code, _, err = run(["extract", "--model", tmp_path / "nomodel", ARTICLE], capsys)
    assert code == 2 and "no model named" in err


def test_validate_and_convert(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps(
            {
                "id": "1",
                "text": "Trao Bằng khen cho 5 tập thể.",
                "spans": [{"start": 5, "end": 14, "label": "AWARD"}, {"start": 19, "end": 28, "label": "QUANTITY"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert run(["validate", good], capsys)[0] == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text(encoding="utf-8").replace('"end": 14', '"end": 15'), encoding="utf-8")
    code, _, err = run(["validate", bad], capsys)
    assert code == 2 and f"{bad}:1:" in err and "whitespace or punctuation" in err
    code, _, err = run(["evaluate", "--data", bad], capsys)
    assert code == 2 and f"{bad}:1:" in err
    for fmt, ext in (("conll", "conll"), ("doccano", "jsonl"), ("label-studio", "json")):
        out = tmp_path / f"out.{ext}"
        assert run(["convert", good, out, "--from", "jsonl", "--to", fmt], capsys)[0] == 0
        back = tmp_path / f"back-{fmt}.jsonl"
        assert run(["convert", out, back, "--from", fmt, "--to", "jsonl"], capsys)[0] == 0
        row = json.loads(back.read_text(encoding="utf-8"))
        assert [(s["start"], s["end"], s["label"]) for s in row["spans"]] == [(5, 14, "AWARD"), (19, 28, "QUANTITY")]


def test_evaluate_prints_seqeval_report(capsys):
    code, out, _ = run(["evaluate", "--data", REPO / "data" / "annotations" / "test.jsonl", "--events"], capsys)
    assert code == 0
    assert "micro" in out and "QUANTITY" in out and "events (end to end)" in out
    code, out, _ = run(["evaluate", "--data", REPO / "data" / "annotations" / "dev.jsonl", "--json"], capsys)
    result = json.loads(out)
    assert 0.0 <= result["seqeval"]["micro avg"]["f1-score"] <= 1.0


def test_train_crf_is_deterministic(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    lines = (REPO / "data" / "annotations" / "train.jsonl").read_text(encoding="utf-8").splitlines()[:60]
    (data / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "dev.jsonl").write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    config = tmp_path / "crf.yaml"
    config.write_text(
        f"family: crf\ndata_dir: {data}\ntrain_splits: [train]\nparams: {{max_iterations: 30}}\n", encoding="utf-8"
    )
    outs = []
    for name in ("a", "b"):
        assert run(["train", "--config", config, "--output-dir", tmp_path / name], capsys)[0] == 0
        outs.append((tmp_path / name / "model.crfsuite").read_bytes())
    assert outs[0] == outs[1]
    meta = json.loads((tmp_path / "a" / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["family"] == "crf" and len(meta["data_sha256"]) == 64 and "dev" in meta["metrics"]


def test_register_command(tmp_path, capsys):
    code, out, _ = run(["register", ARTICLE], capsys)
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert header.startswith("award,award_type,award_class")
    assert any("Huân chương Lao động hạng Ba" in r and "tập thể" in r for r in rows)


def test_console_script_runs_from_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "thidua_ner.cli", "extract", "-", "--no-events"],
        input="Bà Lò Thị Mai nhận Bằng khen.".encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["entities"]


@pytest.mark.parametrize("argv", [["stats"]])
def test_stats_prints_label_table(argv, capsys):
    code, out, _ = run(argv + ["--data-dir", REPO / "data" / "annotations"], capsys)
    assert code == 0 and "| train |" in out and "PERSON" in out
