"""The annotation format: :class:`Record`, JSONL files, corpus directories and ``datasets``.

Canonical form: JSONL, one record a line::

    {"id": "...", "text": "...", "spans": [{"start": 0, "end": 5, "label": "PERSON"}], "source": "written"}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AnnotationError
from ..iob import spans_to_tags
from ..schema import DEFAULT_LABELS, tags_for
from ..text.tokens import Token, tokenize
from .validation import check_spans, token_boundary_problems


@dataclass(frozen=True)
class Record:
    """One annotated text."""

    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    source: str = "written"
    doc: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.doc:
            out["doc"] = self.doc
        out["text"] = self.text
        out["spans"] = [{"start": s, "end": e, "label": lab} for s, e, lab in self.spans]
        out["source"] = self.source
        return out


def record_tokens_tags(record: Record) -> tuple[list[Token], list[str]]:
    tokens = tokenize(record.text)
    return tokens, spans_to_tags(tokens, record.spans)


def parse_record(
    obj: Any, where: str, labels: Iterable[str] | None = None, strict: bool = False, nfc: bool = False
) -> Record:
    """One validated record from a JSON object; ``labels`` restricts the label names (any name when ``None``).

    Errors raise :class:`AnnotationError`; warnings (punctuation at a span edge) only do with ``strict``.
    ``nfc`` normalises the text to NFC first, moving the spans with it (otherwise non-NFC text is an error)."""
    return _parse_record(obj, where, labels, strict, nfc)[0]


def _parse_record(
    obj: Any, where: str, labels: Iterable[str] | None, strict: bool, nfc: bool = False
) -> tuple[Record, list[str]]:
    if not isinstance(obj, dict):
        raise AnnotationError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: missing 'text' (a string)")
    raw = obj.get("spans", [])
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise AnnotationError(f"{where}: 'spans' must be a list of {{start, end, label}} objects")
    if nfc:
        text, new_at = nfc_map(text)
        if new_at is not None:
            moved = []
            for s in raw:
                if s.get("start") in new_at and s.get("end") in new_at:
                    s = {**s, "start": new_at[s["start"]], "end": new_at[s["end"]]}
                moved.append(s)
            raw = moved
    errors, warnings = check_spans(text, raw, labels)
    if strict:
        errors, warnings = errors + warnings, []
    if errors:
        raise AnnotationError(f"{where}: " + "; ".join(errors))
    spans = tuple(sorted((s["start"], s["end"], s["label"]) for s in raw))
    record = Record(
        id=str(obj.get("id", where)),
        text=text,
        spans=spans,
        source=obj.get("source", "written"),
        doc=obj.get("doc"),
    )
    return record, [f"{where}: {w}" for w in warnings]


def read_jsonl(path: str | Path, labels: Iterable[str] | None = None, nfc: bool = False) -> list[Record]:
    """Read and validate a JSONL annotation file (raises :class:`AnnotationError` with file:line).

    ``nfc`` normalises texts to NFC (spans moved along) instead of refusing them."""
    return list(iter_jsonl(path, labels, nfc))


def iter_jsonl(path: str | Path, labels: Iterable[str] | None = None, nfc: bool = False) -> Iterator[Record]:
    path = Path(path)
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
            yield parse_record(obj, where, labels, nfc=nfc)


def validate_file(path: str | Path, labels: Iterable[str] | None = None, strict: bool = False) -> list[str]:
    """Every error in a JSONL annotation file as ``file:line: message`` (empty when valid);
    ``strict`` (our own guidelines) counts the warnings of :func:`check_file` as errors."""
    errors, warnings = check_file(path, labels)
    return errors + warnings if strict else errors


def check_file(path: str | Path, labels: Iterable[str] | None = None) -> tuple[list[str], list[str]]:
    """``(errors, warnings)`` of a JSONL annotation file, each as ``file:line: message``."""
    path = Path(path)
    problems: list[str] = []
    warnings: list[str] = []
    seen_ids: dict[str, int] = {}
    try:
        fh = open(path, encoding="utf-8-sig")  # a byte-order mark is no JSON error at column 1
    except OSError as exc:
        return [f"{path}: cannot open ({exc.strerror})"], []
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    record, found = _parse_record(json.loads(line), where, labels, False)
                    warnings.extend(found)
                except json.JSONDecodeError as exc:
                    problems.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
                    continue
                except AnnotationError as exc:
                    problems.append(str(exc))
                    continue
                problems.extend(f"{where}: {p}" for p in token_boundary_problems(record.text, record.spans))
                if record.id in seen_ids:
                    problems.append(f"{where}: id {record.id!r} already used on line {seen_ids[record.id]}")
                seen_ids.setdefault(record.id, n)
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: not valid UTF-8 at byte {exc.start}")
    return problems, warnings


def write_jsonl(records: Iterable[Record], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


DEFAULT_CORPUS = Path("data") / "annotations"  # relative to the working directory
SPLITS = ("train", "dev", "test")


def load_corpus(directory: str | Path = DEFAULT_CORPUS) -> dict[str, list[Record]]:
    """``{"train": [...], "dev": [...], "test": [...]}`` from a directory of ``<split>.jsonl`` files."""
    directory = Path(directory)
    out = {}
    for split in SPLITS:
        path = directory / f"{split}.jsonl"
        if path.is_file():
            out[split] = read_jsonl(path)
    if not out:
        raise AnnotationError(f"{directory}: no train.jsonl/dev.jsonl/test.jsonl there")
    return out


def corpus_labels(records: Iterable[Record]) -> tuple[str, ...]:
    """The labels used in ``records``: the default labels first (in their order), then others by name."""
    used = {lab for r in records for _, _, lab in r.spans}
    return tuple(lab for lab in DEFAULT_LABELS if lab in used) + tuple(sorted(used - set(DEFAULT_LABELS)))


def to_dataset_dict(corpus: dict[str, Sequence[Record]], labels: Sequence[str] | None = None):
    """A ``datasets.DatasetDict`` with ``id``, ``tokens`` and ``ner_tags`` (a ``ClassLabel`` sequence).

    ``labels`` defaults to the labels the corpus uses (:func:`corpus_labels`)."""
    try:
        from datasets import ClassLabel, Dataset, DatasetDict, Features, Value
        from datasets import Sequence as HFSequence
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("datasets is needed for this: pip install 'thidua-ner[train]'") from exc
    if labels is None:
        labels = corpus_labels(r for records in corpus.values() for r in records)
    tags = tags_for(labels)
    features = Features(
        {
            "id": Value("string"),
            "tokens": HFSequence(Value("string")),
            "ner_tags": HFSequence(ClassLabel(names=list(tags))),
        }
    )
    tag_ids = {t: i for i, t in enumerate(tags)}
    parts = {}
    for split, records in corpus.items():
        rows: dict[str, list] = {"id": [], "tokens": [], "ner_tags": []}
        for r in records:
            tokens, record_tags = record_tokens_tags(r)
            rows["id"].append(r.id)
            rows["tokens"].append([t.text for t in tokens])
            rows["ner_tags"].append([tag_ids[t] for t in record_tags])
        parts[split] = Dataset.from_dict(rows, features=features)
    return DatasetDict(parts)


def nfc_map(text: str) -> tuple[str, dict[int, int] | None]:
    """``(NFC text, old offset → new offset)`` at every character boundary NFC keeps; the map is
    ``None`` when the text is NFC already. A letter and its combining marks are one unit."""
    import unicodedata

    if unicodedata.is_normalized("NFC", text):
        return text, None
    new_at: dict[int, int] = {}
    parts: list[str] = []
    pos, i, n = 0, 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        new_at[i] = pos
        piece = unicodedata.normalize("NFC", text[i:j])
        parts.append(piece)
        pos += len(piece)
        i = j
    new_at[n] = pos
    return "".join(parts), new_at


def to_nfc(record: Record) -> Record:
    """The record with its text in NFC and its spans moved with it (a no-op for NFC text).

    A span edge between a letter and its combining mark cannot be kept: :class:`AnnotationError`."""
    text, new_at = nfc_map(record.text)
    if new_at is None:
        return record
    spans = []
    for s, e, lab in record.spans:
        if s not in new_at or e not in new_at:
            raise AnnotationError(f"{record.id}: span [{s}, {e}) {lab} splits a letter from its combining mark")
        spans.append((new_at[s], new_at[e], lab))
    return Record(record.id, text, tuple(spans), record.source, record.doc)
