"""Run the pipeline on a Dask cluster (``dask.distributed``): a bag of documents and the awards register.

Needs ``pip install 'thidua-ner[distributed]'`` on the client and on every worker (the same
version of thidua_ner, and the model: a built-in name, or a directory every worker can read).

```python
from distributed import Client
import thidua_ner.distributed as td

client = Client("tcp://scheduler:8786")          # becomes Dask's default
docs = td.extract(["archive/"], glob="*.txt")    # a dask.bag of document dicts, in input order
docs.filter(lambda d: d.get("events")).count().compute()
register = td.register(docs)                     # pandas DataFrame, built with Dask
```

Each element is the JSON object ``thidua-ner extract`` prints for that input (``source`` first,
then :meth:`Document.to_dict`), or ``{"source": …, "error": …}`` for an input that could not be
read. Files are listed on the client and read on the workers; each worker process loads the
model once and keeps it for every later partition. ``thidua-ner extract --scheduler ADDRESS``
sends its chunks to the same workers (see :func:`thidua_ner.bulk.dask_submit`).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .awards import COLUMNS, RegisterRow, add_document, mentions_of_dict, merge_rows, sorted_rows
from .bulk import ModelSpec, ReadOptions, Unit, chunks, expand_paths, iter_units, process_chunk
from .errors import InputError


def _bag_module():
    try:
        import dask.bag as db
    except ImportError as exc:
        raise ImportError("thidua_ner.distributed needs Dask: pip install 'thidua-ner[distributed]'") from exc
    return db


def extract(
    data: Any,
    model: str | Path | None = None,
    *,
    events: bool = True,
    lines: bool = False,
    glob: str | None = None,
    input_format: str = "auto",
    text_field: str | None = None,
    id_field: str | None = None,
    files_per_partition: int = 1,
    batch_size: int = 64,
):
    """A ``dask.bag.Bag`` of document dicts, in input order (nothing runs until it is computed).

    ``data`` is a path, a list of paths (files and folders, read as ``thidua-ner extract`` reads
    them, with the same ``lines``/``glob``/``input_format``/``text_field``/``id_field``), or a
    Dask bag whose elements are texts, ``(source, text)`` pairs, or dicts with the text under
    ``text_field`` (default ``"text"``) and the source id under ``id_field``.
    """
    db = _bag_module()
    spec = ModelSpec(None if model is None else str(model), events=events)
    options = ReadOptions(lines=lines, glob=glob, input_format=input_format, text_field=text_field, id_field=id_field)
    if isinstance(data, db.Bag):
        return data.map_partitions(_tag_elements, spec, options, batch_size)
    paths = [data] if isinstance(data, (str, Path)) else list(data)
    if any(str(p) == "-" for p in paths):
        raise InputError("thidua_ner.distributed.extract reads files, not stdin")
    files = list(expand_paths(paths, options))
    if not files:
        raise InputError("no input paths")
    bag = db.from_sequence(files, partition_size=max(1, files_per_partition))
    return bag.map_partitions(_tag_files, spec, options, batch_size)


def _tag_units(units: Iterable[Unit], spec: ModelSpec, batch_size: int) -> list[dict[str, Any]]:
    out = []
    for part in chunks(units, size=batch_size):
        for result in process_chunk(part, spec, "dict", batch_size):
            out.append(result.output if result.error is None else {"source": result.source, "error": result.error})
    return out


def _tag_files(files: Sequence[str], spec: ModelSpec, options: ReadOptions, batch_size: int) -> list[dict[str, Any]]:
    return _tag_units(iter_units(files, options), spec, batch_size)


def _tag_elements(elements: Sequence[Any], spec: ModelSpec, options: ReadOptions, batch_size: int) -> list[dict]:
    field = options.text_field or "text"
    units = []
    for n, element in enumerate(elements, 1):
        if isinstance(element, str):
            units.append(Unit(None, text=element))
        elif isinstance(element, tuple) and len(element) == 2:
            units.append(Unit(str(element[0]), text=element[1]))
        elif isinstance(element, dict):
            source = element.get(options.id_field) if options.id_field else element.get("source")
            text = element.get(field)
            if isinstance(text, str):
                units.append(Unit(None if source is None else str(source), text=text))
            else:
                units.append(Unit(str(source if source is not None else n), error=f"no text in the {field!r} field"))
        else:
            units.append(
                Unit(str(n), error=f"expected a text, a (source, text) pair or a dict, got {type(element).__name__}")
            )
    docs = _tag_units(units, spec, batch_size)
    for doc in docs:
        if doc.get("source", "") is None:
            del doc["source"]
    return docs


# ---------------------------------------------------------------------------- the awards register


def _partial_register(docs: Iterable[dict[str, Any]]) -> dict[tuple, RegisterRow]:
    """The register rows of some whole documents (as :func:`awards.build_register` counts them)."""
    rows: dict[tuple, RegisterRow] = {}
    for n, doc in enumerate(docs, 1):
        if "error" not in doc:
            add_document(rows, mentions_of_dict(doc, doc.get("source") or f"doc{n}"))
    return rows


def register_rows(docs: Any, model: str | Path | None = None, **extract_options: Any) -> list[RegisterRow]:
    """The awards register as :class:`~thidua_ner.awards.RegisterRow` s, computed with Dask.

    ``docs`` is a bag from :func:`extract` (document dicts) or paths for it (then ``model`` and
    ``extract_options`` go to :func:`extract`). Partitions are reduced on the workers and merged
    in input order, so the rows equal :func:`thidua_ner.awards.build_register` on the same documents.
    """
    db = _bag_module()
    if not isinstance(docs, db.Bag):
        docs = extract(docs, model, **extract_options)
    return sorted_rows(docs.reduction(_partial_register, merge_rows).compute())


def register(docs: Any, model: str | Path | None = None, **extract_options: Any):
    """The awards register (see :func:`register_rows`) as a pandas DataFrame with :data:`awards.COLUMNS`."""
    import pandas as pd

    rows = register_rows(docs, model, **extract_options)
    return pd.DataFrame([r.as_record() for r in rows], columns=list(COLUMNS))


# ---------------------------------------------------------------------------- a cluster of local processes


@contextmanager
def spawn_cluster(
    n_workers: int = 2,
    *,
    nthreads: int = 1,
    host: str = "127.0.0.1",
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """A real Dask cluster on this machine: ``dask scheduler`` and ``n_workers`` × ``dask worker``,
    each its own process talking TCP on ``host``; yields the scheduler address and stops them all.

    For trying ``--scheduler`` and for tests; on several machines start the same two commands by
    hand (see the README). Workers import thidua_ner from the same place as this process.
    """
    import subprocess
    import tempfile

    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    workdir = Path(tempfile.mkdtemp(prefix="thidua-dask-"))
    procs: list[subprocess.Popen] = []
    logs = []
    address = None

    def start(name: str, *args: str) -> None:
        log = open(workdir / f"{name}.log", "wb")  # noqa: SIM115 — closed below
        logs.append(log)
        cmd = [sys.executable, "-m", "dask", *args]
        procs.append(subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, cwd=workdir))

    def failed(what: str) -> RuntimeError:
        tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-1500:]}" for p in workdir.glob("*.log"))
        return RuntimeError(f"the local Dask cluster did not start: {what}\n{tails}")

    try:
        info = workdir / "scheduler.json"
        start("scheduler", "scheduler", "--host", host, "--port", "0", "--no-dashboard", "--scheduler-file", str(info))
        deadline = time.monotonic() + timeout
        while not (info.is_file() and info.stat().st_size):
            if procs[0].poll() is not None or time.monotonic() > deadline:
                raise failed("no scheduler")
            time.sleep(0.05)
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        for i in range(n_workers):
            start(
                f"worker{i}",
                "worker",
                address,
                "--name",
                f"worker-{i}",
                "--nthreads",
                str(nthreads),
                "--no-nanny",
                "--no-dashboard",
                "--memory-limit",
                "0",
                "--local-directory",
                str(workdir),
            )
        from distributed import Client

        with Client(address, timeout=timeout, set_as_default=False) as client:
            try:
                client.wait_for_workers(n_workers, timeout=max(1.0, deadline - time.monotonic()))
            except TimeoutError as exc:
                raise failed(f"fewer than {n_workers} workers after {timeout} s") from exc
        yield address
    finally:
        if address is not None:
            try:  # the scheduler stops its workers and itself; faster than a signal to each
                from distributed import Client

                with Client(address, timeout=5, set_as_default=False) as client:
                    client.shutdown()
            except Exception:
                pass
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in logs:
            log.close()
        shutil.rmtree(workdir, ignore_errors=True)
