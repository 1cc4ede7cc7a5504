"""Annotation formats by name, and the output formats of processed documents.

``read_any(path, fmt)`` / ``write_any(records, path, fmt)`` cover ``jsonl``, ``conll``,
``doccano`` and ``label-studio``; each format is one module here. ``fmt=None`` takes the
format from the file name (:func:`format_for_path`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import AnnotationError
from .conll import from_conll, to_conll
from .corpus import Record, read_jsonl, to_nfc, write_jsonl
from .doccano import from_doccano, to_doccano
from .label_studio import from_label_studio, labeling_config, predictions_to_label_studio, to_label_studio
from .validation import check_spans

FORMATS = ("jsonl", "conll", "doccano", "label-studio")
#: file name endings → format (anything else is JSONL)
EXTENSIONS = {
    ".conll": "conll",
    ".txt": "conll",
    ".bio": "conll",
    ".iob": "conll",
    ".tsv": "conll",
    ".json": "label-studio",
}


def format_for_path(path: str | Path) -> str:
    """The annotation format a file name says: ``.conll/.txt/.bio/.iob/.tsv`` → conll,
    ``.json`` → label-studio, anything else → jsonl."""
    return EXTENSIONS.get(Path(path).suffix.lower(), "jsonl")


def read_any(
    path: str | Path, fmt: str | None = None, scheme: str = "auto", unannotated: str = "empty"
) -> list[Record]:
    """Records of an annotation file. ``scheme`` is the CoNLL tagging scheme (IOB1/IOB2/IOBES/
    BILOU, ``auto`` detects it); ``unannotated`` says how Label Studio tasks without an
    annotation are read (see :func:`~thidua_ner.formats.label_studio.from_label_studio`).
    Texts are normalised to NFC (spans moved along)."""
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt == "jsonl":
        return read_jsonl(path, nfc=True)
    content = path.read_text(encoding="utf-8-sig")
    if fmt == "conll":
        return from_conll(content, source=path.stem, scheme=scheme)
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
            return from_label_studio(json.loads(content), str(path), unannotated=unannotated)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def normalise_and_check(records: Sequence[Record], where: str = "records") -> tuple[list[Record], list[str]]:
    """Records in NFC (spans moved with the text), checked as :func:`validate` would check them.

    Returns the records and the warnings; an error (or a repeated id) raises :class:`AnnotationError`
    naming the record, so a conversion never writes a file its own validation rejects."""
    out, errors, warnings, seen = [], [], [], set()
    for r in records:
        r = to_nfc(r)
        errs, warns = check_spans(r.text, [{"start": s, "end": e, "label": lab} for s, e, lab in r.spans])
        if r.id in seen:
            errs.append(f"id {r.id!r} is used twice")
        seen.add(r.id)
        errors += [f"{where}: record {r.id}: {e}" for e in errs]
        warnings += [f"{where}: record {r.id}: {w}" for w in warns]
        out.append(r)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise AnnotationError(errors[0] + more)
    return out, warnings


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


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Record",
    "format_for_path",
    "from_conll",
    "from_doccano",
    "from_label_studio",
    "labeling_config",
    "normalise_and_check",
    "predictions_to_label_studio",
    "read_any",
    "to_conll",
    "to_doccano",
    "to_label_studio",
    "write_any",
]
