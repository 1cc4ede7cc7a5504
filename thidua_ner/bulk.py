"""Bulk extraction: many inputs, streamed, in input order, on one core, every core or a Dask cluster.

Three parts, each usable alone:

- **readers** — :func:`iter_units` turns paths (files, folders searched recursively with a glob,
  ``-`` for stdin) into :class:`Unit` s: one per file, per non-empty line (``lines=True``) or per
  JSONL/CSV/TSV record (a text field and an optional id field). Everything is read lazily, so a
  1 GB input is never held in memory; an input that cannot be read becomes a Unit with an
  ``error`` instead of stopping the others.
- **the engine** — :func:`run` groups Units into chunks and sends each chunk to
  :func:`process_chunk` in this process, in a pool of worker processes (``jobs``), or on a Dask
  cluster (``submit``); results come back in input order with a bounded number of chunks in
  flight, so output starts at once and memory stays flat. Each worker loads the model once.
- **the command** — :func:`extract_command` is ``thidua-ner extract``: output to stdout or
  ``--output FILE``, ``--resume``, the progress bar (documents/s and sentences/s), one line on
  stderr and one ``{"source": …, "error": …}`` record per bad input, exit code 1 if any failed.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .catalog import load, resolve
from .errors import InputError
from .pipeline import Pipeline, ordered_map, process_pool, resolve_jobs

INPUT_FORMATS = ("auto", "text", "jsonl", "csv", "tsv")
#: the formats :func:`process_chunk` renders: ``dict`` (the JSON object), ``jsonl``, ``conll``, ``doc``
RESULT_FORMATS = ("dict", "jsonl", "conll", "doc")
#: a chunk closes at this many documents or this many characters, whichever comes first
CHUNK_CHARS = 1_000_000
#: documents per chunk: in this process or a local pool, and on a Dask cluster, where every task
#: costs a round trip through the scheduler (256 ran a one-worker cluster ~15% faster than 64)
CHUNK_DOCS, CLUSTER_CHUNK_DOCS = 64, 256
#: seconds before the progress bar appears (a quick run prints nothing on stderr)
PROGRESS_DELAY = 1.0
#: seconds between two updates of the progress bar
PROGRESS_EVERY = 0.2


# ---------------------------------------------------------------------------- readers


@dataclass(frozen=True)
class Unit:
    """One document to process (``text``), or one input that could not be read (``error``)."""

    source: str
    text: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How paths become documents.

    ``input_format``: ``text`` (a file is a document, or each non-empty line with ``lines``),
    ``jsonl``/``csv``/``tsv`` (each record is a document: ``text_field`` holds its text and
    ``id_field``, if given, its source id), or ``auto``: records when a field is named (the format
    from the suffix: ``.csv``, ``.tsv``, else JSONL), text otherwise. ``glob`` selects files in
    folders (default ``*.txt`` for text, ``*.jsonl``/``*.csv``/``*.tsv`` for records); it is matched
    against the file name, or against the path below the folder when it contains ``/``.
    """

    lines: bool = False
    glob: str | None = None
    input_format: str = "auto"
    text_field: str | None = None
    id_field: str | None = None

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise InputError(f"unknown input format {self.input_format!r}; choose from {', '.join(INPUT_FORMATS)}")

    def format_of(self, path: str) -> str:
        if self.input_format != "auto":
            return self.input_format
        if self.text_field is None and self.id_field is None:
            return "text"
        suffix = Path(path).suffix.lower()
        return {".csv": "csv", ".tsv": "tsv"}.get(suffix, "jsonl")

    def folder_glob(self) -> str:
        if self.glob:
            return self.glob
        fmt = self.format_of("x.jsonl")
        return "*.txt" if fmt == "text" else f"*.{fmt}"


def expand_paths(paths: Iterable[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[str]:
    """Each path as given, folders replaced by their matching files (recursively, sorted, lazily).

    A folder without any matching file, and a path that does not exist, are yielded unchanged
    so that reading them reports the problem."""
    for path in paths:
        path = str(path)
        if path != "-" and os.path.isdir(path):
            found = False
            for file in _walk(path, options.folder_glob()):
                found = True
                yield file
            if not found:
                yield path
        else:
            yield path


def _walk(folder: str, pattern: str, below: str = "") -> Iterator[str]:
    """Matching files under ``folder``, entries sorted by name, each sub-folder read where it sorts."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        rel = f"{below}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry.path, pattern, rel + "/")
        elif entry.is_file():
            if "/" in pattern:
                if PurePosixPath(rel).match(pattern) or fnmatch.fnmatch(rel, pattern):
                    yield entry.path
            elif fnmatch.fnmatch(entry.name, pattern):
                yield entry.path


def iter_units(
    paths: Iterable[str | Path],
    options: ReadOptions = ReadOptions(),
    skip: Callable[[str], bool] | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Unit]:
    """The documents of ``paths`` in order (see :class:`ReadOptions`), read lazily.

    ``skip(source)`` true leaves a document out (and a whole file is then never read).
    ``stdin`` is read for ``-`` (default ``sys.stdin.buffer``)."""
    skip = skip or (lambda source: False)
    for path in expand_paths(paths, options):
        yield from _read_path(path, options, skip, stdin)


def _read_path(path: str, options: ReadOptions, skip: Callable[[str], bool], stdin: IO[bytes] | None) -> Iterator[Unit]:
    fmt = options.format_of(path)
    if fmt == "text" and not options.lines:
        if skip(path):
            return
        try:
            stream = _open_binary(path, stdin)
        except InputError as exc:
            yield Unit(path, error=str(exc))
            return
        try:
            data = stream.read()
        except OSError as exc:
            yield Unit(path, error=f"read failed: {exc.strerror or exc}")
            return
        finally:
            if path != "-":
                stream.close()
        try:
            yield Unit(path, text=data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield Unit(path, error=f"not valid UTF-8 at byte {exc.start} ({exc.reason})")
        return
    try:
        stream = _open_binary(path, stdin)
    except InputError as exc:
        yield Unit(path, error=str(exc))
        return
    try:
        if fmt == "text":
            yield from _read_lines(path, stream, skip)
        elif fmt == "jsonl":
            yield from _read_jsonl(path, stream, options, skip)
        else:
            yield from _read_csv(path, stream, options, skip, "\t" if fmt == "tsv" else ",")
    except OSError as exc:
        yield Unit(path, error=f"read failed: {exc.strerror or exc}")
    finally:
        if stream is not stdin and path != "-":
            stream.close()


def _open_binary(path: str, stdin: IO[bytes] | None) -> IO[bytes]:
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    # The Unit's source names the file: the messages give only the reason.
    if os.path.isdir(path):
        raise InputError("a folder without files matching the glob")
    if not os.path.isfile(path):
        raise InputError("no such file")
    try:
        return open(path, "rb")  # closed by _read_path
    except OSError as exc:
        raise InputError(f"cannot open ({exc.strerror})") from exc


def _decoded_lines(path: str, stream: IO[bytes]) -> Iterator[tuple[str | None, str | None]]:
    """``(line, None)`` per line as ``str.splitlines`` would cut the decoded file, or ``(None, error)``."""
    offset = 0
    first = True
    for raw in stream:
        chunk = raw[3:] if first and raw.startswith(b"\xef\xbb\xbf") else raw
        base = offset + (len(raw) - len(chunk))
        first = False
        offset += len(raw)
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield None, f"not valid UTF-8 at byte {base + exc.start} ({exc.reason})"
            continue
        for line in text.splitlines() or [""]:
            yield line, None


def _read_lines(path: str, stream: IO[bytes], skip: Callable[[str], bool]) -> Iterator[Unit]:
    for n, (line, error) in enumerate(_decoded_lines(path, stream), 1):
        source = f"{path}:{n}"
        if error is not None:
            yield Unit(source, error=error)
        elif line.strip() and not skip(source):
            yield Unit(source, text=line)


def _record_unit(record: Any, where: str, options: ReadOptions, skip: Callable[[str], bool]) -> Unit | None:
    field = options.text_field or "text"
    if not isinstance(record, dict):
        return Unit(where, error=f"expected an object with a {field!r} field, got {type(record).__name__}")
    source = where
    if options.id_field is not None:
        if record.get(options.id_field) in (None, ""):
            return Unit(where, error=f"no {options.id_field!r} field")
        source = str(record[options.id_field])
    if skip(source):
        return None
    text = record.get(field)
    if not isinstance(text, str):
        what = "no" if text is None else f"a {type(text).__name__} in the"
        return Unit(source, error=f"{what} {field!r} field" + ("" if text is None else ", not text"))
    return Unit(source, text=text)


def _read_jsonl(path: str, stream: IO[bytes], options: ReadOptions, skip: Callable[[str], bool]) -> Iterator[Unit]:
    for n, (line, error) in enumerate(_decoded_lines(path, stream), 1):
        where = f"{path}:{n}"
        if error is not None:
            yield Unit(where, error=error)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Unit(where, error=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        unit = _record_unit(record, where, options, skip)
        if unit is not None:
            yield unit


def _read_csv(
    path: str, stream: IO[bytes], options: ReadOptions, skip: Callable[[str], bool], delimiter: str
) -> Iterator[Unit]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        reader = csv.DictReader(text, delimiter=delimiter)
        field = options.text_field or "text"
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError as exc:
            yield Unit(path, error=f"not valid UTF-8 ({exc.reason})")
            return
        missing = [f for f in (field, options.id_field) if f is not None and f not in header]
        if missing:
            yield Unit(path, error=f"no column {missing[0]!r} (columns: {', '.join(header) or 'none'})")
            return
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield Unit(
                    f"{path}:{reader.line_num + 1}", error=f"not valid UTF-8 ({exc.reason}); rest of file skipped"
                )
                return
            except csv.Error as exc:
                yield Unit(f"{path}:{reader.line_num}", error=f"not valid CSV ({exc}); rest of file skipped")
                return
            unit = _record_unit(record, f"{path}:{reader.line_num}", options, skip)
            if unit is not None:
                yield unit
    finally:
        text.detach()


# ---------------------------------------------------------------------------- engine


@dataclass(frozen=True)
class ModelSpec:
    """What a worker needs to build the pipeline: a built-in model name or a model directory."""

    model: str | None = None
    events: bool = True


@dataclass(frozen=True)
class Result:
    """One processed Unit: ``output`` in the requested format, or ``error``."""

    source: str
    output: Any = None
    sentences: int = 0
    error: str | None = None


_PIPELINES: dict[ModelSpec, Pipeline] = {}
_LOCKS: dict[ModelSpec, threading.Lock] = {}
_GUARD = threading.Lock()
_LOADS = {"count": 0}


def loaded_models() -> int:
    """How many times this process loaded a model for :func:`process_chunk` (once per model and worker)."""
    return _LOADS["count"]


def worker_pipeline(spec: ModelSpec, pipeline: Pipeline | None = None) -> tuple[Pipeline, threading.Lock]:
    """The pipeline of ``spec`` in this process, loaded on first use (or ``pipeline`` registered)."""
    with _GUARD:
        if spec not in _PIPELINES:
            if pipeline is None:
                pipeline = load(spec.model, events=spec.events)
                _LOADS["count"] += 1
            _PIPELINES[spec] = pipeline
            _LOCKS[spec] = threading.Lock()
        return _PIPELINES[spec], _LOCKS[spec]


def error_record(source: str, error: str) -> dict[str, str]:
    return {"source": source, "error": error}


def render(source: str, doc: Any, fmt: str) -> Any:
    """A processed Document as ``fmt`` (one of :data:`RESULT_FORMATS`)."""
    if fmt == "doc":
        return doc
    if fmt == "conll":
        from .formats.outputs import doc_to_conll

        return f"# source = {source}\n{doc_to_conll(doc)}\n"
    record = {"source": source, **doc.to_dict()}
    return record if fmt == "dict" else json.dumps(record, ensure_ascii=False)


def process_chunk(units: Sequence[Unit], spec: ModelSpec, fmt: str = "jsonl", batch_size: int = 64) -> list[Result]:
    """Tag the readable Units of a chunk together; a document that fails gets an error Result."""
    nlp, lock = worker_pipeline(spec)
    good = [u for u in units if u.error is None]
    with lock:
        try:
            docs = {id(u): d for u, d in zip(good, nlp.pipe([u.text for u in good], batch_size=batch_size))}
        except Exception:  # one document breaks the batch: tag them one by one to find it
            docs = {}
            for u in good:
                try:
                    docs[id(u)] = nlp(u.text)
                except Exception as exc:
                    docs[id(u)] = exc
    out = []
    for u in units:
        doc = docs.get(id(u))
        if u.error is not None:
            out.append(Result(u.source, error=u.error))
        elif isinstance(doc, Exception):
            out.append(Result(u.source, error=f"processing failed: {type(doc).__name__}: {doc}"))
        else:
            out.append(Result(u.source, render(u.source, doc, fmt), len(doc.sentences)))
    return out


def chunks(units: Iterable[Unit], size: int = 64, max_chars: int = CHUNK_CHARS) -> Iterator[list[Unit]]:
    """Consecutive Units in lists of at most ``size`` documents or about ``max_chars`` characters."""
    chunk: list[Unit] = []
    chars = 0
    for unit in units:
        chunk.append(unit)
        chars += len(unit.text or "")
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


Submit = Callable[[list[Unit]], Any]


def run(
    units: Iterable[Unit],
    spec: ModelSpec = ModelSpec(),
    *,
    fmt: str = "jsonl",
    jobs: int = 1,
    batch_size: int = 64,
    submit: Submit | None = None,
    window: int | None = None,
) -> Iterator[Result]:
    """Process ``units`` in input order: here (``jobs=1``), in ``jobs`` processes (``0``: all cores),
    or through ``submit(chunk) -> future`` (e.g. a Dask client). Output is the same whichever."""
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r}")
    parts = chunks(units, size=batch_size)
    if submit is not None:
        yield from _flatten(ordered_map(submit, parts, window or 8))
        return
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        for part in parts:
            yield from process_chunk(part, spec, fmt, batch_size)
        return
    pool = process_pool(jobs)
    try:
        submit = lambda part: pool.submit(process_chunk, part, spec, fmt, batch_size)  # noqa: E731
        yield from _flatten(ordered_map(submit, parts, window or 3 * jobs))
    finally:
        pool.shutdown(cancel_futures=True)


def _flatten(results: Iterable[list[Result]]) -> Iterator[Result]:
    for part in results:
        yield from part


def dask_submit(address: str, spec: ModelSpec, fmt: str, batch_size: int) -> tuple[Any, Submit, int]:
    """A Dask client connected to ``address``, a ``submit(chunk)`` that runs :func:`process_chunk` there,
    and how many chunks to keep in flight (two per worker thread)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("--scheduler needs Dask: pip install 'thidua-ner[distributed]'") from exc
    try:
        client = Client(address, set_as_default=False, timeout=30)
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    def submit(part: list[Unit]) -> Any:
        return client.submit(process_chunk, part, spec, fmt, batch_size, pure=False)

    window = 2 * max(1, sum(client.nthreads().values()))
    return client, submit, window


# ---------------------------------------------------------------------------- resume


def completed_sources(path: str | Path) -> set[str]:
    """Sources with a finished record in a JSON-lines output file; a torn last line is cut off.

    Error records do not count: those inputs are tried again on ``--resume``."""
    path = Path(path)
    done: set[str] = set()
    if not path.is_file():
        return done
    good_end = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # the previous run stopped while writing this line
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            good_end += len(raw)
            if isinstance(record, dict) and "source" in record and "error" not in record:
                done.add(str(record["source"]))
    if good_end < path.stat().st_size:
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return done


# ---------------------------------------------------------------------------- the command


def extract_command(args: Any) -> int:
    """``thidua-ner extract``: see :mod:`thidua_ner.bulk` and ``thidua-ner extract --help``.

    SIGTERM stops it cleanly: the records written so far are whole lines, so ``--resume`` goes on."""
    import signal

    def terminate(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, terminate)
    try:
        return _extract(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _show(progress: Any, documents: int, sentences: int) -> None:
    """Bring the progress bar to ``documents``, with sentences/s beside its documents/s."""
    if progress.disable:
        return
    elapsed = progress.format_dict.get("elapsed") or 0
    if elapsed:
        progress.set_postfix_str(f"{sentences / elapsed:,.0f} sent/s", refresh=False)
    progress.update(documents - progress.n)


def _extract(args: Any) -> int:
    from tqdm import tqdm

    options = ReadOptions(
        lines=args.lines,
        glob=args.glob,
        input_format=args.input_format,
        text_field=args.text_field,
        id_field=args.id_field,
    )
    spec = ModelSpec(None if args.model is None else str(args.model), events=not args.no_events)
    jobs = resolve_jobs(args.jobs)
    batch_size = args.batch_size or (CLUSTER_CHUNK_DOCS if args.scheduler else CHUNK_DOCS)
    if not args.scheduler:  # a bad model fails here, before any input is read (on a cluster: on the workers)
        nlp = load(spec.model, events=spec.events) if jobs == 1 else None
        if nlp is None:
            resolve(spec.model)
    if args.resume and (not args.output or args.format != "jsonl"):
        raise InputError("--resume needs --output FILE and --format jsonl")
    done = completed_sources(args.output) if args.resume else set()
    units = iter_units(args.paths, options, skip=done.__contains__ if done else None)
    fmt = {"jsonl": "jsonl", "conll": "conll", "html": "doc"}[args.format]

    client = submit = window = None
    if args.scheduler:
        client, submit, window = dask_submit(args.scheduler, spec, fmt, batch_size)
    elif jobs == 1:
        worker_pipeline(spec, nlp)
    out = open(args.output, "a" if args.resume else "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    progress = tqdm(desc="extract", unit="doc", file=sys.stderr, disable=args.quiet, delay=PROGRESS_DELAY)
    failed = 0
    sentences = done = 0
    shown = time.monotonic()
    html_docs: list[tuple[str, Any]] = []
    try:
        for result in run(units, spec, fmt=fmt, jobs=jobs, batch_size=batch_size, submit=submit, window=window):
            if result.error is not None:
                failed += 1
                progress.write(f"thidua-ner: error: {result.source}: {result.error}", file=sys.stderr)
                if args.format == "jsonl":
                    out.write(json.dumps(error_record(result.source, result.error), ensure_ascii=False) + "\n")
                elif args.format == "conll":
                    out.write(f"# source = {result.source}\n# error = {result.error}\n\n")
            elif args.format == "html":
                html_docs.append((result.source, result.output))
            else:
                out.write(result.output + "\n")
            sentences += result.sentences
            done += 1
            if done % max(1, batch_size) == 0:
                out.flush()
            now = time.monotonic()
            if now - shown >= PROGRESS_EVERY:  # the bar costs time: a few updates a second, not one per document
                shown = now
                _show(progress, done, sentences)
        _show(progress, done, sentences)
        if args.format == "html":
            from .rendering import render as render_html

            out.write(
                render_html([d for _, d in html_docs], page=True, titles=[s for s, _ in html_docs], jupyter=False)
            )
    finally:
        progress.close()
        out.flush()
        if out is not sys.stdout:
            out.close()
        if client is not None:
            client.close()
    return 1 if failed else 0  # issue 14: exit 1 when an input failed (2 is for unusable arguments)
