"""What the command line reads: files, directories and stdin, each input on its own.

A bad input (missing, unreadable, not UTF-8, a directory given without a pattern that matches
anything) is reported on stderr with its name and the reason, and the others are still processed;
the command then exits 1 (2 when nothing could be read at all).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .errors import InputError, ThiduaError

EXIT_PARTIAL = 1  # some inputs failed, the rest were processed
EXIT_BAD_INPUT = 2  # nothing could be processed
EVENTS_SUFFIX = ".events.jsonl"


def read_text(path: str) -> str:
    """Read a UTF-8 file (or stdin for ``-``), naming the byte offset of invalid UTF-8."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path}: is a directory (give files, or the directory with --glob)")
        if not p.is_file():
            raise InputError(f"{path}: no such file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        name = path
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 at byte {exc.start} ({exc.reason})") from exc


@dataclass
class Inputs:
    """Paths expanded and read one by one; failures are collected (and reported) instead of raised."""

    paths: Sequence[str]
    glob: str | None = "*.txt"
    lines: bool = False
    stderr: TextIO | None = None
    failures: list[str] = field(default_factory=list)
    done: int = 0

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"thidua-ner: error: {message}", file=self.stderr or sys.stderr)

    def files(self) -> Iterator[str]:
        """Each path, with directories expanded recursively to the files matching :attr:`glob`."""
        for path in self.paths:
            p = Path(path)
            if path != "-" and p.is_dir():
                if not self.glob:
                    self.fail(f"{path}: is a directory (pass --glob PATTERN to read the files in it)")
                    continue
                found = sorted(f for f in p.rglob(self.glob) if f.is_file())
                if not found:
                    self.fail(f"{path}: a directory with no files matching {self.glob!r}")
                yield from (str(f) for f in found)
            else:
                yield path

    def __iter__(self) -> Iterator[tuple[str, str]]:
        """``(source id, text)``: one per file, or one per non-empty line with :attr:`lines`."""
        for path in self.files():
            try:
                text = read_text(path)
            except InputError as exc:
                self.fail(str(exc))
                continue
            self.done += 1
            if self.lines:
                for n, line in enumerate(text.splitlines(), 1):
                    if line.strip():
                        yield f"{path}:{n}", line
            else:
                yield path, text

    def exit_code(self) -> int:
        if not self.failures:
            return 0
        return EXIT_PARTIAL if self.done else EXIT_BAD_INPUT


def validate_paths(
    paths: Sequence[str],
    include_events: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    fmt: str | None = None,
    scheme: str = "auto",
    labels: Sequence[str] | None = None,
    strict: bool = False,
    max_errors: int = 50,
) -> int:
    """``thidua-ner validate``: every error as ``file:line: what`` (then warnings), and a summary
    ``N files, M records, K problems[, W warnings]``.

    Directories are searched for ``*.jsonl``; event gold files (``*.events.jsonl``) are skipped
    unless ``include_events``, and then checked as event files (JSON objects with an ``id``).
    Files in other formats (CoNLL, doccano, Label Studio: ``fmt`` or the extension) are read and
    checked as a conversion would check them. Warnings (punctuation at a span edge, as published
    corpora have it) are errors only with ``strict`` (our own guidelines).
    """
    from .formats import format_for_path, normalise_and_check, read_any
    from .formats.corpus import check_file

    out, err = out or sys.stdout, err or sys.stderr
    files: list[Path] = []
    problems_total = warnings_total = 0
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.jsonl") if f.is_file())
            files.extend(f for f in found if include_events or not f.name.endswith(EVENTS_SUFFIX))
        elif p.name.endswith(EVENTS_SUFFIX) and not include_events:
            print(f"{path}: skipped (event gold; pass --include-events to check it)", file=err)
        else:
            files.append(p)
    records = 0
    for f in files:
        warnings: list[str] = []
        kind = fmt or format_for_path(f)
        if f.name.endswith(EVENTS_SUFFIX):
            problems, n = _event_file_problems(f)
        elif kind == "jsonl":
            problems, warnings = check_file(f, labels=labels)
            n = _count_lines(f)
        else:
            try:
                found_records = read_any(f, kind, scheme=scheme)
                problems, warnings = [], normalise_and_check(found_records, str(f))[1]
                n = len(found_records)
            except ThiduaError as exc:
                problems, n = [str(exc)], 0
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                problems, n = [f"{f}: cannot read as {kind} ({exc})"], 0
        if strict:
            problems, warnings = problems + warnings, []
        records += n
        problems_total += len(problems)
        warnings_total += len(warnings)
        for problem in problems[:max_errors]:
            print(problem, file=err)
        if len(problems) > max_errors:
            print(f"{f}: … and {len(problems) - max_errors} more problems", file=err)
        for warning in warnings[:max_errors]:
            print(f"warning: {warning}", file=err)
        if not problems:
            print(f"{f}: ok" + (f", {len(warnings)} warning(s)" if warnings else ""), file=out)
    summary = f"{len(files)} files, {records} records, {problems_total} problems"
    print(summary + (f", {warnings_total} warnings" if warnings_total else ""), file=out)
    if not files:
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT if problems_total else 0


def _count_lines(path: Path) -> int:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 0


def _event_file_problems(path: Path) -> tuple[list[str], int]:
    problems, n = [], 0
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read ({exc})"], 0
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        n += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{i}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("events", []), list):
            problems.append(f"{path}:{i}: an event record needs an 'id' and an 'events' list")
    return problems, n
