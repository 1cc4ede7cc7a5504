"""Annotation formats by name, and the output formats of processed documents.

``read_any(path, fmt)`` / ``write_any(records, path, fmt)`` cover ``jsonl``, ``conll``,
``doccano`` and ``label-studio``; each format is one module here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import AnnotationError
from .conll import from_conll, to_conll
from .corpus import Record, read_jsonl, write_jsonl
from .doccano import from_doccano, to_doccano
from .label_studio import from_label_studio, to_label_studio

FORMATS = ("jsonl", "conll", "doccano", "label-studio")


def read_any(path: str | Path, fmt: str) -> list[Record]:
    path = Path(path)
    if fmt == "jsonl":
        return read_jsonl(path)
    content = path.read_text(encoding="utf-8-sig")
    if fmt == "conll":
        return from_conll(content, source=path.stem)
    if fmt == "doccano":
        rows = []
        for n, line in enumerate(content.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:  # the file's line, and the column in it
                    raise AnnotationError(f"{path}:{n}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
        return from_doccano(rows, str(path))
    if fmt == "label-studio":
        try:
            return from_label_studio(json.loads(content), str(path))
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_any(records: Sequence[Record], path: str | Path, fmt: str) -> None:
    path = Path(path)
    if fmt == "jsonl":
        write_jsonl(records, path)
    elif fmt == "conll":
        path.write_text(to_conll(records), encoding="utf-8")
    elif fmt == "doccano":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(records)), "utf-8")
    elif fmt == "label-studio":
        path.write_text(json.dumps(to_label_studio(records), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
