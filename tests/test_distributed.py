"""A real Dask cluster: a scheduler and two workers, each its own process, over TCP on 127.0.0.1."""

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
from distributed import Client  # noqa: E402

import thidua_ner  # noqa: E402
from thidua_ner import awards, bulk  # noqa: E402
from thidua_ner import distributed as td  # noqa: E402
from thidua_ner.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TEST_SPLIT = REPO / "data" / "annotations" / "test.jsonl"


@pytest.fixture(scope="module")
def cluster():
    with td.spawn_cluster(n_workers=2, nthreads=1) as address:
        with Client(address, timeout=30) as client:
            yield address, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    rows = [json.loads(line) for line in TEST_SPLIT.read_text(encoding="utf-8").splitlines()]
    for n in range(6):  # six "articles" in two folders
        folder = root / ("2024" if n % 2 else "2025")
        folder.mkdir(exist_ok=True)
        (folder / f"bai{n}.txt").write_text("\n".join(r["text"] for r in rows[n * 12 : n * 12 + 12]), encoding="utf-8")
    (root / "2025" / "hong.txt").write_bytes(b"Trao \xff")
    (root / "ban-tin.txt").write_text("\n".join(r["text"] for r in rows[100:160]), encoding="utf-8")
    (root / "records.jsonl").write_text(
        "".join(
            json.dumps({"ma": f"r{n}", "noi_dung": r["text"]}, ensure_ascii=False) + "\n"
            for n, r in enumerate(rows[200:230])
        ),
        encoding="utf-8",
    )
    return root


def cli(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_with_scheduler_equals_a_local_run(cluster, inputs, capsys):
    address, _ = cluster
    for args in (
        ["extract", inputs, "--quiet"],
        ["extract", inputs / "ban-tin.txt", "--lines", "--batch-size", "7", "--quiet"],
        ["extract", inputs, "--format", "conll", "--quiet"],
        ["extract", inputs / "records.jsonl", "--text-field", "noi_dung", "--id-field", "ma", "--quiet"],
    ):
        local = cli(args, capsys)
        remote = cli(args + ["--scheduler", address], capsys)
        assert remote[:2] == local[:2], args
        assert local[1].strip()
    code, out, err = cli(["extract", inputs, "--quiet", "--scheduler", address], capsys)
    assert code == 1 and "hong.txt: not valid UTF-8 at byte 5" in err  # the bad file, reported in its place
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert len(sources) == 8 and sources[1].endswith("2024/bai3.txt") and sources[-2].endswith("hong.txt")


def test_bag_of_documents_and_register_equal_local_results(cluster, inputs, capsys):
    _, client = cluster
    _, out, _ = cli(["extract", inputs, "--lines", "--quiet"], capsys)
    local = [json.loads(line) for line in out.splitlines()]
    bag = td.extract([inputs], lines=True)
    assert bag.npartitions == 8  # one file per partition
    assert bag.compute(scheduler=client) == local
    # The register, reduced with Dask, equals the local one on the same documents.
    nlp = thidua_ner.load()
    units = [u for u in bulk.iter_units([inputs], bulk.ReadOptions(lines=True)) if u.error is None]
    pairs = [(u.source, doc) for u, doc in zip(units, nlp.pipe(u.text for u in units))]
    expected = awards.to_dataframe(awards.build_register(pairs))
    with client.as_current():
        frame = td.register(bag.repartition(3))
        assert len(frame) > 5 and frame.equals(expected)
        # A bag of plain texts works too: the documents come back without a source.
        texts = [u.text for u in units[:40]]
        docs = td.extract(db.from_sequence(texts, npartitions=4)).compute()
    assert docs == [d.to_dict() for d in nlp.pipe(texts)]
    # Each worker process loaded the model once, however many partitions it ran.
    loads = client.run(bulk.loaded_models)
    assert len(loads) == 2 and set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1


def test_a_model_the_workers_cannot_load_is_one_clear_error(cluster, inputs, tmp_path, capsys):
    address, _ = cluster
    code, out, err = cli(["extract", inputs, "--model", tmp_path / "nomodel", "--scheduler", address], capsys)
    assert code == 2 and "no model named" in err and not out
