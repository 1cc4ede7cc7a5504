"""The annotation loop against a real Label Studio server started here.

Label Studio lives in its own virtual environment (its Django pins clash with ours), built
once into ``.test-cache/label-studio-venv`` (about 4 minutes; set THIDUA_NER_LABEL_STUDIO_VENV
to reuse another one). The test skips, saying why, only when label-studio cannot be installed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from thidua_ner.cli import main

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("THIDUA_NER_LABEL_STUDIO_VENV", REPO / ".test-cache" / "label-studio-venv"))
LABEL_STUDIO_VERSION = "1.23.2"
TOKEN = "thidua0test0token0123456789abcdef"

pytestmark = [pytest.mark.slow, pytest.mark.labelstudio]


@pytest.fixture(scope="session")
def label_studio_bin() -> Path:
    exe = VENV / "bin" / "label-studio"
    if exe.is_file():
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True, timeout=120)
        proc = subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "-q", f"label-studio=={LABEL_STUDIO_VERSION}"],
            capture_output=True,
            text=True,
            timeout=1200,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"label-studio cannot be installed into {VENV}: {exc}")
    if proc.returncode != 0 or not exe.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"label-studio cannot be installed (no network?): {tail[0]}")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, method: str, path: str, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"Token {TOKEN}")
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None


@pytest.fixture(scope="module")
def server(label_studio_bin, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_USERNAME": "tester@example.com",
        "LABEL_STUDIO_PASSWORD": "thidua-test-pw-1",
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",  # so LABEL_STUDIO_USER_TOKEN works as "Token …"
    }
    env.pop("HOST", None)
    log = open(data_dir / "server.log", "w")
    proc = subprocess.Popen(
        [str(label_studio_bin), "start", "--port", str(port), "--host", "127.0.0.1", "--no-browser",
         "--data-dir", str(data_dir)],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=data_dir,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(url + "/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (data_dir / "server.log").read_text(errors="replace")[-2000:]
                raise AssertionError(f"label-studio did not start on {url}:\n{tail}")
            time.sleep(2)
        yield Server(url)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


SENTENCES = [
    "Chủ tịch UBND tỉnh Nguyễn Văn An trao Bằng khen cho 12 tập thể.",
    "Thừa ủy quyền của Chủ tịch nước, đồng chí Lê Quang Vinh trao Huân chương Lao động hạng Ba cho 2 tập thể.",
    "Bà Trần Thị Hoa, Giám đốc Sở Nội vụ, phát biểu tại hội nghị tổng kết phong trào thi đua “Dân vận khéo”.",
    "Buổi lễ diễn ra trang trọng.",
]


def test_pre_annotations_round_trip_through_label_studio(server, tmp_path, capsys):
    import thidua_ner
    from thidua_ner.formats import labeling_config, read_any

    texts = tmp_path / "texts.txt"
    texts.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    assert main(["extract", "--format", "label-studio", "--lines", "--quiet", str(texts)]) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert len(tasks) == len(SENTENCES)
    predicted = {t["data"]["id"]: t for t in tasks}
    first = tasks[0]["predictions"][0]
    assert "thidua_ner" in first["model_version"] and all("score" in r for r in first["result"])
    assert sum(len(t["predictions"][0]["result"]) for t in tasks) >= 8

    labels = thidua_ner.load().labels
    project = server.call(
        "POST", "/api/projects", {"title": "thidua_ner round trip", "label_config": labeling_config(labels)}
    )
    pid = project["id"]
    server.call("POST", f"/api/projects/{pid}/import", tasks)
    listing = server.call("GET", f"/api/tasks?project={pid}&page_size=100")
    stored = listing["tasks"] if isinstance(listing, dict) else listing
    assert len(stored) == len(SENTENCES)
    # An annotator accepts the pre-annotations of all tasks but the last (left unannotated).
    by_text = {t["data"]["text"]: t for t in stored}
    for text in SENTENCES[:-1]:
        task = by_text[text]
        result = [
            {k: v for k, v in r.items() if k != "score"}
            for r in predicted[task["data"]["id"]]["predictions"][0]["result"]
        ]
        server.call("POST", f"/api/tasks/{task['id']}/annotations?project={pid}", {"result": result, "lead_time": 1.0})

    export = server.call("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true")
    assert len(export) == len(SENTENCES)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    # The pre-annotations as Label Studio stored them: labels, offsets, per-span scores, model version.
    for task in stored:
        full = server.call("GET", f"/api/tasks/{task['id']}")
        (pred,) = full["predictions"]
        mine = predicted[full["data"]["id"]]["predictions"][0]
        assert pred["model_version"] == first["model_version"] and pred["score"] == pytest.approx(mine["score"])
        assert [(r["value"], r.get("score")) for r in pred["result"]] == [
            (r["value"], r["score"]) for r in mine["result"]
        ]

    def spans_of(task):
        return sorted(
            (r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in task["predictions"][0]["result"]
        )

    out = tmp_path / "back.jsonl"
    assert main(["convert", str(exported), str(out), "--from", "label-studio", "--to", "jsonl"]) == 0
    back = {r.id: r for r in read_any(out)}
    assert set(back) == set(predicted)
    for rid, task in predicted.items():
        assert back[rid].text == task["data"]["text"]
        expected = spans_of(task) if task["data"]["text"] != SENTENCES[-1] else []
        assert list(back[rid].spans) == expected, rid
    # Tasks nobody annotated can be read from their pre-annotation instead
    out2 = tmp_path / "back2.jsonl"
    assert (
        main(["convert", str(exported), str(out2), "--from", "label-studio", "--to", "jsonl", "--unannotated", "skip"])
        == 0
    )
    assert len(read_any(out2)) == len(SENTENCES) - 1
