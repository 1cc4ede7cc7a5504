"""The bulk engine: readers, per-input errors, order across processes, streaming, --resume."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import thidua_ner
from thidua_ner import bulk
from thidua_ner.cli import main

REPO = Path(__file__).resolve().parent.parent
TEST_SPLIT = REPO / "data" / "annotations" / "test.jsonl"


def texts(n):
    rows = [json.loads(line) for line in TEST_SPLIT.read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows[:n]]


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_folders_are_read_recursively_with_a_glob_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Trao Bằng khen.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Trao Giấy khen.", encoding="utf-8")
    (tmp_path / "b" / "skip.md").write_text("không", encoding="utf-8")
    units = list(bulk.iter_units([tmp_path]))
    assert [Path(u.source).relative_to(tmp_path).as_posix() for u in units] == ["a.txt", "b/z.txt"]
    assert [u.text for u in units] == ["Trao Giấy khen.", "Trao Bằng khen."]
    md = list(bulk.iter_units([tmp_path], bulk.ReadOptions(glob="*.md")))
    assert [u.text for u in md] == ["không"]
    nested = list(bulk.iter_units([tmp_path], bulk.ReadOptions(glob="b/*.txt")))
    assert [u.text for u in nested] == ["Trao Bằng khen."]


def test_jsonl_and_csv_records_with_text_and_id_fields(tmp_path):
    jl = tmp_path / "in.jsonl"
    jl.write_text(
        '{"id": 7, "body": "Trao Bằng khen."}\n\n{"id": 8, "body": 5}\nnot json\n{"body": "x"}\n{"id": 9, "body": "Giấy khen."}\n',
        encoding="utf-8",
    )
    options = bulk.ReadOptions(text_field="body", id_field="id")
    units = list(bulk.iter_units([jl], options))
    assert [(u.source, u.text) for u in units if u.error is None] == [("7", "Trao Bằng khen."), ("9", "Giấy khen.")]
    errors = {u.source: u.error for u in units if u.error}
    assert "not text" in errors["8"] and "not valid JSON" in errors[f"{jl}:4"] and "'id'" in errors[f"{jl}:5"]
    csv_path = tmp_path / "in.csv"
    csv_path.write_text('ma,noi_dung\na1,"Trao Bằng khen,\ncho 3 tập thể."\na2,Giấy khen.\n', encoding="utf-8")
    units = list(bulk.iter_units([csv_path], bulk.ReadOptions(text_field="noi_dung", id_field="ma")))
    assert [(u.source, u.text) for u in units] == [("a1", "Trao Bằng khen,\ncho 3 tập thể."), ("a2", "Giấy khen.")]
    bad = list(bulk.iter_units([csv_path], bulk.ReadOptions(text_field="body")))
    assert len(bad) == 1 and "no column 'body'" in bad[0].error
    # Without an id field the source is file:line.
    units = list(bulk.iter_units([jl], bulk.ReadOptions(input_format="jsonl", text_field="body")))
    assert units[0].source == f"{jl}:1"


def test_stdin_lines_and_invalid_utf8_lines_do_not_stop_the_rest():
    data = "Dòng một.\n".encode() + b"\xff bad\n" + "\nDòng ba.\r\n".encode()
    units = list(bulk.iter_units(["-"], bulk.ReadOptions(lines=True), stdin=io.BytesIO(data)))
    assert [(u.source, u.text) for u in units if not u.error] == [("-:1", "Dòng một."), ("-:4", "Dòng ba.")]
    assert [(u.source, u.error) for u in units if u.error] == [
        ("-:2", "not valid UTF-8 at byte 13 (invalid start byte)")
    ]  # offset in the stream


def test_one_bad_input_is_reported_and_the_others_are_processed(tmp_path, capsys):
    good1, good2 = tmp_path / "1.txt", tmp_path / "3.txt"
    good1.write_text("Ông Lê Văn Tám nhận Giấy khen.", encoding="utf-8")
    good2.write_text("Trao Bằng khen cho 3 tập thể.", encoding="utf-8")
    bad = tmp_path / "2.txt"
    bad.write_bytes(b"\xff\xfe")
    code, out, err = run(["extract", good1, bad, tmp_path / "missing.txt", good2], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["source"] for r in rows] == [str(good1), str(bad), str(tmp_path / "missing.txt"), str(good2)]
    assert rows[1] == {"source": str(bad), "error": "not valid UTF-8 at byte 0 (invalid start byte)"}
    assert rows[2]["error"] == "no such file" and rows[0]["entities"] and rows[3]["entities"]
    assert f"{bad}: not valid UTF-8 at byte 0" in err and f"{tmp_path / 'missing.txt'}: no such file" in err


def test_jobs_2_gives_the_same_output_in_the_same_order_as_jobs_1(tmp_path, capsys):
    lines = tmp_path / "many.txt"
    lines.write_text("\n".join(texts(300)) + "\n", encoding="utf-8")
    args = ["extract", "--lines", lines, "--batch-size", "16", "--quiet"]
    code1, out1, _ = run(args, capsys)
    code2, out2, _ = run(args + ["--jobs", "2"], capsys)
    assert code1 == code2 == 0 and out1 == out2
    assert len(out1.splitlines()) == 300
    code3, conll2, _ = run(args + ["--jobs", "2", "--format", "conll"], capsys)
    assert conll2 == run(args + ["--format", "conll"], capsys)[1]


def test_pipe_with_n_process_equals_one_process():
    nlp = thidua_ner.load()
    sample = texts(120)
    one = [d.to_dict() for d in nlp.pipe(sample, batch_size=16)]
    two = [d.to_dict() for d in nlp.pipe(sample, batch_size=16, n_process=2)]
    assert one == two
    assert nlp.path is not None and nlp.path.name == "crf"


def test_read_ahead_is_bounded_so_memory_stays_flat():
    pulled = []

    def units():
        for n in range(100_000):
            pulled.append(n)
            yield bulk.Unit(f"u{n}", text="Trao Bằng khen.")

    class Now:  # an executor that runs at once, to count what the engine reads ahead
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

    spec = bulk.ModelSpec()
    results = bulk.run(units(), spec, batch_size=8, submit=lambda part: Now(bulk.process_chunk(part, spec)), window=4)
    first = next(results)
    assert first.source == "u0" and len(pulled) == 4 * 8
    assert [next(results).source for _ in range(40)][-1] == "u40"
    assert len(pulled) <= 41 + 4 * 8
    local = bulk.run(iter(bulk.Unit(f"v{n}", text="Giấy khen.") for n in range(10**9)), spec, batch_size=8)
    assert next(local).source == "v0"  # an endless input still starts at once


def test_output_starts_before_stdin_is_closed():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "thidua_ner.cli", "extract", "-", "--lines", "--batch-size", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        proc.stdin.write("Bà Lò Thị Mai nhận Bằng khen.\n".encode())
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # stdin is still open here
        assert first["source"] == "-:1" and first["entities"]
        proc.stdin.write("Trao Giấy khen.\n".encode())
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["source"] == "-:2"
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_resume_skips_finished_documents_and_repairs_a_torn_last_line(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, text in enumerate(texts(6)):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    full = tmp_path / "full.jsonl"
    assert run(["extract", folder, "--output", full], capsys)[0] == 0
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 6
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(lines[:3]) + lines[3][:25], encoding="utf-8")
    assert run(["extract", folder, "--output", partial, "--resume"], capsys)[0] == 0
    assert partial.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(folder), "--resume", "--jobs"])  # argparse: --jobs needs a number
    code, _, err = run(["extract", folder, "--resume"], capsys)
    assert code == 2 and "--resume needs --output" in err


@pytest.mark.parametrize("signal_number", [15, 9])
def test_workers_go_when_the_command_is_stopped(tmp_path, signal_number):
    psutil = pytest.importorskip("psutil")
    import time

    big = tmp_path / "big.txt"
    big.write_text("\n".join(texts(200) * 50), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "thidua_ner.cli", "extract", big, "--lines", "-j", "2", "--quiet", "-o", out]
    proc = subprocess.Popen([str(c) for c in cmd], env=env)
    try:
        deadline = time.monotonic() + 60
        while not (out.is_file() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert len(workers) >= 2
        proc.send_signal(signal_number)
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive
        if signal_number == 15:  # stopped cleanly: every record is whole, ready for --resume
            assert proc.returncode == 143
            assert all(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    finally:
        if proc.poll() is None:
            proc.kill()


def test_progress_bar_shows_documents_and_sentences_per_second(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bulk, "PROGRESS_DELAY", 0)
    lines = tmp_path / "many.txt"
    lines.write_text("\n".join(texts(200)) + "\n", encoding="utf-8")
    code, out, err = run(["extract", "--lines", lines, "--batch-size", "8", "-o", tmp_path / "out.jsonl"], capsys)
    assert code == 0 and not out
    last = err.replace("\r", "\n").strip().splitlines()[-1]
    assert "200doc" in last and "doc/s" in last and "sent/s" in last
    assert run(["extract", "--lines", lines, "--quiet", "-o", tmp_path / "q.jsonl"], capsys)[2] == ""
