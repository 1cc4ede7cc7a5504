"""Damaged model files never crash the process: they raise ModelLoadError (CLI: one line, exit 2).

crfsuite trusts its model file, so a truncated one used to segfault. Every case runs in-process
and again in a subprocess through the CLI, where a crash would show as a negative exit status.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import thidua_ner
from thidua_ner.catalog import MODELS_DIR
from thidua_ner.errors import ModelLoadError
from thidua_ner.families.base import CHECKSUMS_KEY, META_FILE, read_meta
from thidua_ner.families.crf import train_crf
from thidua_ner.formats.corpus import load_corpus, record_tokens_tags

REPO = Path(__file__).resolve().parent.parent
SHIPPED = MODELS_DIR / "crf"
CLI = "import sys; from thidua_ner.cli import main; sys.exit(main(sys.argv[1:]))"


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "100B":
        path.write_bytes(data[:100])
    elif how == "10KB":
        path.write_bytes(data[:10_000])
    elif how == "half":
        path.write_bytes(data[: len(data) // 2])
    elif how == "garbage":
        path.write_bytes(random.Random(7).randbytes(len(data)))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "foreign":
        path.write_bytes(json.dumps({"not": "a model"}).encode() * 100)
    elif how == "header-only":
        path.write_bytes(data[:48])
    else:
        raise AssertionError(how)


DAMAGES = ["100B", "10KB", "half", "garbage", "empty", "foreign", "header-only"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A small CRF trained here: its thidua_ner.json records the weights' size and sha256."""
    records = load_corpus(REPO / "data/annotations")["dev"][:150]
    examples = [([t.text for t in tokens], tags) for tokens, tags in map(record_tokens_tags, records)]
    out = tmp_path_factory.mktemp("trained") / "model"
    train_crf(examples, out, params={"max_iterations": 20})
    return out


def test_training_records_size_and_sha256(trained):
    meta = read_meta(trained)
    entry = meta[CHECKSUMS_KEY]["model.crfsuite"]
    assert entry["bytes"] == (trained / "model.crfsuite").stat().st_size
    assert len(entry["sha256"]) == 64
    assert thidua_ner.load(trained, events=False)("Ông Nguyễn Văn An nhận Bằng khen.").entities


def test_an_old_model_directory_without_checksums_still_loads(tmp_path):
    # The v0.1 model directory was written before checksums existed.
    old = tmp_path / "old"
    shutil.copytree(Path(__file__).resolve().parent / "golden" / "crf-v0.1", old)
    assert CHECKSUMS_KEY not in read_meta(old)
    assert thidua_ner.load(old)("Ông Nguyễn Văn An nhận Bằng khen của Chủ tịch UBND tỉnh.").entities


def test_the_shipped_model_records_its_checksums():
    assert "model.crfsuite" in read_meta(SHIPPED)[CHECKSUMS_KEY]


def _copy(src: Path, dst: Path, how: str) -> Path:
    shutil.copytree(src, dst)
    _damage(dst / "model.crfsuite", how)
    return dst


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("source", ["shipped", "trained"])
def test_damaged_weights_raise_model_load_error(tmp_path, trained, source, how):
    model = _copy(SHIPPED if source == "shipped" else trained, tmp_path / "m", how)
    with pytest.raises(ModelLoadError) as err:
        thidua_ner.load(model)
    message = str(err.value)
    assert "\n" not in message and "model.crfsuite" in message


def test_same_size_corruption_is_caught_by_the_checksum(tmp_path, trained):
    model = tmp_path / "m"
    shutil.copytree(trained, model)
    data = bytearray((model / "model.crfsuite").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model / "model.crfsuite").write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="sha256"):
        thidua_ner.load(model)


def test_a_missing_weights_file_named_by_the_checksums(tmp_path, trained):
    model = tmp_path / "m"
    shutil.copytree(trained, model)
    (model / "model.crfsuite").unlink()
    with pytest.raises(ModelLoadError, match="missing"):
        thidua_ner.load(model)


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_weights_in_a_subprocess_exit_2_with_one_line(tmp_path, how):
    model = _copy(SHIPPED, tmp_path / "m", how)
    text = tmp_path / "a.txt"
    text.write_text("Ông Nguyễn Văn An nhận Bằng khen.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", CLI, "extract", "--model", str(model), str(text)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])  # a crash would be negative (SIGSEGV)
    assert len(proc.stderr.strip().splitlines()) == 1 and "model.crfsuite" in proc.stderr
    assert proc.stdout == ""


def test_meta_with_a_wrong_checksum_shape_is_refused(tmp_path, trained):
    model = tmp_path / "m"
    shutil.copytree(trained, model)
    meta = json.loads((model / META_FILE).read_text("utf-8"))
    meta[CHECKSUMS_KEY] = ["model.crfsuite"]
    (model / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelLoadError, match=CHECKSUMS_KEY):
        thidua_ner.load(model)
