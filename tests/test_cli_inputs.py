"""The command line processes every input on its own (issue 14): bad files reported by name and
reason, the rest done, exit 1; directories with --glob; train writes nothing on failure; validate
checks token boundaries, skips event gold unless asked and ends with a summary line."""

from __future__ import annotations

import json
from pathlib import Path

from thidua_ner.cli import main

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "Đồng chí Trần Văn Hải trao Bằng khen cho 5 tập thể."


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Bà Lò Thị Mai nhận Giấy khen.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Trao \xff\xfe")
    return good, other, bad, tmp_path / "missing.txt"


def test_one_bad_file_among_many_is_reported_and_the_rest_done(tmp_path, capsys):
    good, other, bad, missing = _files(tmp_path)
    code, out, err = run(["extract", "--quiet", good, missing, bad, other], capsys)
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    # Issue 13: a bad input also leaves an error record in the output, in input order.
    assert [r["source"] for r in rows if "error" not in r] == [str(good), str(other)]
    assert [r["source"] for r in rows if "error" in r] == [str(missing), str(bad)]
    assert f"{missing}: no such file" in err and f"{bad}: not valid UTF-8 at byte 5" in err
    assert len(err.strip().splitlines()) == 2


def test_register_goes_on_past_a_bad_file(tmp_path, capsys):
    good, _, bad, _ = _files(tmp_path)
    code, out, err = run(["register", good, bad], capsys)
    assert code == 1 and "Bằng khen" in out and str(bad) in err


def test_directories_are_read_recursively_with_glob(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(SENTENCE, encoding="utf-8")
    code, out, _ = run(["extract", "--quiet", tmp_path], capsys)
    assert code == 0
    assert [json.loads(line)["source"] for line in out.splitlines()] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.txt"),
    ]
    code, out, _ = run(["extract", "--quiet", "--glob", "*.md", tmp_path], capsys)
    assert code == 0 and len(out.splitlines()) == 1
    code, out, err = run(["extract", "--quiet", "--glob", "*.pdf", tmp_path], capsys)
    assert code == 1 and f"{tmp_path}: a folder without files matching the glob" in err  # refused by name


def _corpus(tmp_path, lines):
    data = tmp_path / "data"
    data.mkdir()
    (data / "train.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    config = tmp_path / "crf.yaml"
    config.write_text(f"family: crf\ndata_dir: {data}\nparams: {{max_iterations: 5}}\n", encoding="utf-8")
    return config


def test_train_writes_nothing_on_failure(tmp_path, capsys):
    out_dir = tmp_path / "model"
    config = _corpus(tmp_path, [])
    code, _, err = run(["train", "--config", config, "--output-dir", out_dir], capsys)
    assert code == 2 and "empty" in err
    assert not out_dir.exists() and list(tmp_path.glob(".model*")) == []


def test_train_names_the_record_with_a_mid_word_span(tmp_path, capsys):
    record = {"id": "r7", "text": "Trao Bằng khen cho 5 tập thể.", "spans": [{"start": 5, "end": 12, "label": "AWARD"}]}
    config = _corpus(tmp_path, [json.dumps(record, ensure_ascii=False)])
    out_dir = tmp_path / "model"
    code, _, err = run(["train", "--config", config, "--output-dir", out_dir], capsys)
    assert code == 2 and "'r7'" in err and "validate" in err
    assert not out_dir.exists()


def test_validate_reports_a_mid_word_span_with_file_and_line(tmp_path, capsys):
    f = tmp_path / "x.jsonl"
    ok = {"id": "1", "text": "Trao Bằng khen.", "spans": [{"start": 5, "end": 14, "label": "AWARD"}]}
    mid = {"id": "2", "text": "Trao Bằng khen.", "spans": [{"start": 5, "end": 12, "label": "AWARD"}]}
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (ok, mid)) + "\n", encoding="utf-8")
    code, out, err = run(["validate", f], capsys)
    assert code == 2
    assert f"{f}:2:" in err and "inside a word" in err and "'khen'" in err
    assert out.strip().splitlines()[-1] == "1 files, 2 records, 1 problems"


def test_validate_a_corpus_directory_skips_event_gold_unless_asked(capsys):
    corpus = REPO / "data" / "annotations"
    code, out, err = run(["validate", corpus], capsys)
    assert code == 0, err[-2000:]
    assert "events.jsonl" not in out
    annotations = [p for p in corpus.glob("*.jsonl") if not p.name.endswith(".events.jsonl")]
    summary = out.strip().splitlines()[-1]
    assert summary.startswith(f"{len(annotations)} files, ") and summary.endswith(" 0 problems")
    code, out, _ = run(["validate", "--include-events", corpus], capsys)
    assert code == 0 and out.strip().splitlines()[-1].startswith(f"{2 * len(annotations)} files, ")
    code, out, err = run(["validate", corpus / "dev.events.jsonl"], capsys)
    assert "skipped" in err and out.strip().splitlines()[-1] == "0 files, 0 records, 0 problems"


def test_json_errors_name_the_right_column(tmp_path, capsys):
    f = tmp_path / "x.jsonl"
    good = json.dumps({"id": "1", "text": "Trao Bằng khen.", "spans": []}, ensure_ascii=False)
    f.write_bytes(("\ufeff" + good + "\n" + '{"id": "2" "text": "x"}\n' + '   {"id": 3,}\n').encode("utf-8"))
    code, _, err = run(["validate", f], capsys)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 2  # the byte-order mark of line 1 is no error
    assert lines[0] == f"{f}:2: invalid JSON (Expecting ',' delimiter at column 12)"
    assert lines[1] == f"{f}:3: invalid JSON (Expecting property name enclosed in double quotes at column 13)"


def test_json_errors_in_doccano_and_label_studio_name_line_and_column(tmp_path, capsys):
    doccano = tmp_path / "d.jsonl"
    doccano.write_text('{"text": "Trao cờ.", "label": []}\n{"text": "x",, "label": []}\n', encoding="utf-8")
    code, _, err = run(["convert", doccano, tmp_path / "o.jsonl", "--from", "doccano", "--to", "jsonl"], capsys)
    assert (
        code == 2
        and f"{doccano}:2: invalid JSON (Expecting property name enclosed in double quotes at column 14)" in err
    )
    ls = tmp_path / "l.json"
    ls.write_text('[\n {"data": {"text": "x"}},\n {"data": }\n]\n', encoding="utf-8")
    code, _, err = run(["convert", ls, tmp_path / "o.jsonl", "--from", "label-studio", "--to", "jsonl"], capsys)
    assert code == 2 and f"{ls}:3: invalid JSON (Expecting value at column 11)" in err
