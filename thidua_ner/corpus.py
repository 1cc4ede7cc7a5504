"""The annotation format and its conversions.

Canonical form: JSONL, one record a line::

    {"id": "...", "text": "...", "spans": [{"start": 0, "end": 5, "label": "PERSON"}], "source": "written"}

Conversions: spans ↔ IOB2 tags on syllable tokens, CoNLL (BIO), Doccano JSONL,
Label Studio JSON export, and a ``datasets.DatasetDict`` for training code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .labels import LABELS, TAGS
from .text import Token, tokenize
from .validation import span_problems


class AnnotationError(ValueError):
    """An annotation file has a problem; the message names file, line and what is wrong."""


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


# ---------------------------------------------------------------------------- spans <-> tags


def spans_to_tags(tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``tokens`` from character spans.

    A span must start and end on token boundaries; a span that does not raises
    ``ValueError`` (it cannot be represented on these tokens).
    """
    tags = ["O"] * len(tokens)
    start_at = {t.start: i for i, t in enumerate(tokens)}
    end_at = {t.end: i for i, t in enumerate(tokens)}
    for start, end, label in sorted(spans):
        if start not in start_at or end not in end_at:
            raise ValueError(f"span [{start}, {end}) {label} does not fall on token boundaries")
        first, last = start_at[start], end_at[end]
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags


def tags_to_spans(tokens: Sequence[Token], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Character spans from IOB2 tags. An ``I-`` after ``O`` or another label starts a span
    (lenient decoding, so a model's slip never loses an entity)."""
    spans: list[tuple[int, int, str]] = []
    cur_label, cur_start, cur_end = None, 0, 0
    for tok, tag in zip(tokens, tags):
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and label != cur_label):
            if cur_label:
                spans.append((cur_start, cur_end, cur_label))
            cur_label, cur_start, cur_end = label, tok.start, tok.end
        elif prefix == "I":
            cur_end = tok.end
        else:
            if cur_label:
                spans.append((cur_start, cur_end, cur_label))
            cur_label = None
    if cur_label:
        spans.append((cur_start, cur_end, cur_label))
    return spans


def record_tokens_tags(record: Record) -> tuple[list[Token], list[str]]:
    tokens = tokenize(record.text)
    return tokens, spans_to_tags(tokens, record.spans)


# ---------------------------------------------------------------------------- JSONL


def parse_record(obj: Any, where: str) -> Record:
    if not isinstance(obj, dict):
        raise AnnotationError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: missing 'text' (a string)")
    raw = obj.get("spans", [])
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise AnnotationError(f"{where}: 'spans' must be a list of {{start, end, label}} objects")
    problems = span_problems(text, raw)
    if problems:
        raise AnnotationError(f"{where}: " + "; ".join(problems))
    spans = tuple(sorted((s["start"], s["end"], s["label"]) for s in raw))
    return Record(
        id=str(obj.get("id", where)),
        text=text,
        spans=spans,
        source=obj.get("source", "written"),
        doc=obj.get("doc"),
    )


def read_jsonl(path: str | Path) -> list[Record]:
    """Read and validate a JSONL annotation file (raises :class:`AnnotationError` with file:line)."""
    return list(iter_jsonl(path))


def iter_jsonl(path: str | Path) -> Iterator[Record]:
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
            yield parse_record(obj, where)


def validate_file(path: str | Path) -> list[str]:
    """Every problem in a JSONL annotation file as ``file:line: message`` (empty when valid)."""
    path = Path(path)
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        return [f"{path}: cannot open ({exc.strerror})"]
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    record = parse_record(json.loads(line), where)
                except json.JSONDecodeError as exc:
                    problems.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
                    continue
                except AnnotationError as exc:
                    problems.append(str(exc))
                    continue
                if record.id in seen_ids:
                    problems.append(f"{where}: id {record.id!r} already used on line {seen_ids[record.id]}")
                seen_ids.setdefault(record.id, n)
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: not valid UTF-8 at byte {exc.start}")
    return problems


def write_jsonl(records: Iterable[Record], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------- CoNLL


def to_conll(records: Iterable[Record]) -> str:
    """CoNLL with one ``token TAG`` line per syllable and a blank line between records."""
    blocks = []
    for r in records:
        tokens, tags = record_tokens_tags(r)
        lines = [f"# id = {r.id}"] + [f"{t.text} {tag}" for t, tag in zip(tokens, tags)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def from_conll(content: str, source: str = "conll") -> list[Record]:
    """Read CoNLL (token and BIO tag in the first and last columns). Text is rebuilt by
    joining tokens with spaces, except no space before closing punctuation."""
    records = []
    for n, block in enumerate(content.strip().split("\n\n"), 1):
        rid, pairs = f"{source}-{n:05d}", []
        for line in block.splitlines():
            if line.startswith("# id = "):
                rid = line[7:].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split()
            pairs.append((cols[0], cols[-1]))
        text, tokens = _join_tokens([p[0] for p in pairs])
        spans = tags_to_spans(tokens, [_bio_to_iob2(p[1]) for p in pairs])
        records.append(Record(rid, text, tuple(spans), source=source))
    return records


def _bio_to_iob2(tag: str) -> str:
    return tag if tag == "O" or tag[:2] in ("B-", "I-") else "O"


_NO_SPACE_BEFORE = set(",.;:!?)]}”’…%")
_NO_SPACE_AFTER = set("([{“‘")


def _join_tokens(words: Sequence[str]) -> tuple[str, list[Token]]:
    parts, tokens, pos = [], [], 0
    for i, w in enumerate(words):
        if i and not (w[:1] in _NO_SPACE_BEFORE or words[i - 1][-1:] in _NO_SPACE_AFTER):
            parts.append(" ")
            pos += 1
        tokens.append(Token(w, pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return "".join(parts), tokens


# ---------------------------------------------------------------------------- Doccano / Label Studio


def to_doccano(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [{"id": r.id, "text": r.text, "label": [[s, e, lab] for s, e, lab in r.spans]} for r in records]


def from_doccano(rows: Iterable[dict[str, Any]], where: str = "doccano") -> list[Record]:
    out = []
    for n, row in enumerate(rows, 1):
        labels = row.get("label", row.get("labels", []))
        spans = [{"start": s, "end": e, "label": lab} for s, e, lab in labels]
        out.append(parse_record({"id": row.get("id", f"{where}-{n}"), "text": row.get("text"), "spans": spans},
                                f"{where}:{n}"))
    return out


def to_label_studio(records: Iterable[Record]) -> list[dict[str, Any]]:
    tasks = []
    for r in records:
        result = [
            {
                "id": f"{r.id}-{k}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": s, "end": e, "text": r.text[s:e], "labels": [lab]},
            }
            for k, (s, e, lab) in enumerate(r.spans)
        ]
        tasks.append({"data": {"text": r.text, "id": r.id}, "annotations": [{"result": result}]})
    return tasks


def from_label_studio(tasks: Iterable[dict[str, Any]], where: str = "label-studio") -> list[Record]:
    """Read a Label Studio JSON export; the first annotation of each task is used."""
    out = []
    for n, task in enumerate(tasks, 1):
        data = task.get("data", {})
        anns = task.get("annotations") or [{"result": []}]
        spans = []
        for res in anns[0].get("result", []):
            value = res.get("value", {})
            for lab in value.get("labels", []):
                spans.append({"start": value["start"], "end": value["end"], "label": lab})
        rid = data.get("id", task.get("id", f"{where}-{n}"))
        out.append(parse_record({"id": str(rid), "text": data.get("text"), "spans": spans}, f"{where}:{n}"))
    return out


# ---------------------------------------------------------------------------- formats by name

FORMATS = ("jsonl", "conll", "doccano", "label-studio")


def read_any(path: str | Path, fmt: str) -> list[Record]:
    path = Path(path)
    if fmt == "jsonl":
        return read_jsonl(path)
    content = path.read_text(encoding="utf-8")
    if fmt == "conll":
        return from_conll(content, source=path.stem)
    if fmt == "doccano":
        rows = [json.loads(line) for line in content.splitlines() if line.strip()]
        return from_doccano(rows, str(path))
    if fmt == "label-studio":
        return from_label_studio(json.loads(content), str(path))
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


# ---------------------------------------------------------------------------- corpus on disk / datasets

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
        raise FileNotFoundError(f"no train.jsonl/dev.jsonl/test.jsonl in {directory}")
    return out


def to_dataset_dict(corpus: dict[str, Sequence[Record]]):
    """A ``datasets.DatasetDict`` with ``id``, ``tokens`` and ``ner_tags`` (a ``ClassLabel`` sequence)."""
    try:
        from datasets import ClassLabel, Dataset, DatasetDict, Features, Value
        from datasets import Sequence as HFSequence
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("datasets is needed for this: pip install 'thidua-ner[train]'") from exc
    features = Features(
        {"id": Value("string"), "tokens": HFSequence(Value("string")), "ner_tags": HFSequence(ClassLabel(names=list(TAGS)))}
    )
    parts = {}
    for split, records in corpus.items():
        rows: dict[str, list] = {"id": [], "tokens": [], "ner_tags": []}
        for r in records:
            tokens, tags = record_tokens_tags(r)
            rows["id"].append(r.id)
            rows["tokens"].append([t.text for t in tokens])
            rows["ner_tags"].append([TAGS.index(t) for t in tags])
        parts[split] = Dataset.from_dict(rows, features=features)
    return DatasetDict(parts)


__all__ = [
    "LABELS",
    "TAGS",
    "AnnotationError",
    "Record",
    "spans_to_tags",
    "tags_to_spans",
    "read_jsonl",
    "write_jsonl",
    "validate_file",
    "load_corpus",
    "to_dataset_dict",
]
