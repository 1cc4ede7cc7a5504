"""The interface every model family implements, and the model-directory contract.

A tagger turns sentences of syllable tokens (normalised text) into IOB2 tags, one per
token. Everything around it — normalisation, sentence splitting, offsets, events — is
the pipeline's job, so a new model family is one sub-package of :mod:`thidua_ner.families`
(or any installed package) that exposes a :class:`Family`.

A model directory always holds ``thidua_ner.json``::

    {"family": "crf", "labels": [...], "library_version": "...", ...}

The labels stored there are the model's own: a model trained on other labels tags with them.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from ..errors import AnnotationError, ConfigError, ModelLoadError
from ..schema import DEFAULT_LABELS, labels_from_tags

META_FILE = "thidua_ner.json"


class Tagger(ABC):
    """Tags batches of tokenised sentences with IOB2 tags."""

    #: the model family, as written in ``thidua_ner.json``
    family: str = ""
    #: the model directory's metadata (set by :func:`load_tagger`)
    meta: dict[str, Any] = {}

    @abstractmethod
    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        """One IOB2 tag per token for each sentence of ``batch``."""

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        """Tags plus a per-token confidence where the model has one (``None`` otherwise)."""
        return [(tags, None) for tags in self.tag(batch)]

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels this model tags, from its directory (the five default labels for old models)."""
        if self.meta.get("labels"):
            return tuple(self.meta["labels"])
        if self.meta.get("tags"):
            return labels_from_tags(self.meta["tags"])
        return DEFAULT_LABELS


@dataclass(frozen=True)
class Family:
    """A model family: how to load a model directory, and (optionally) how to train one.

    ``train(config, examples, out_dir, meta)`` receives the family's validated config
    (an instance of ``config_class``), ``(tokens, tags)`` pairs and the metadata the
    caller wants recorded; it writes a model directory.
    """

    name: str
    load: Callable[[Path, dict[str, Any]], Tagger]
    config_class: type | None = None
    train: Callable[..., Path] | None = None
    #: ``model_card(meta, report) -> str``: the model directory's README.md (a generic one otherwise)
    model_card: Callable[[dict[str, Any], str], str] | None = None
    #: trains in the output directory itself and resumes from checkpoints left there
    resumable: bool = False


def read_meta(path: Path) -> dict[str, Any]:
    meta_path = path / META_FILE
    if not path.is_dir():
        raise ModelLoadError(f"model directory {path} does not exist")
    if not meta_path.is_file():
        raise ModelLoadError(
            f"{path} is not a thidua_ner model directory: {META_FILE} is missing "
            "(train one with `thidua-ner train` or pass a built-in name such as 'crf')"
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{meta_path} is corrupt: {exc}") from exc
    if not isinstance(meta, dict) or "family" not in meta:
        raise ModelLoadError(f"{meta_path} does not say which model family it is (key 'family')")
    return meta


#: ``thidua_ner.json`` key: ``{file name: {"bytes": size, "sha256": hex digest}}`` of the weights,
#: written at training time and checked by :func:`verify_files` before a family opens them.
CHECKSUMS_KEY = "checksums"


def file_checksum(path: Path) -> dict[str, Any]:
    """``{"bytes": size, "sha256": digest}`` of one file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def record_checksums(path: Path, meta: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """Add the size and sha256 of ``names`` (files in the model directory ``path``) to ``meta``."""
    meta[CHECKSUMS_KEY] = {name: file_checksum(path / name) for name in names}
    return meta


def verify_files(path: Path, meta: dict[str, Any]) -> None:
    """Check every file ``meta`` records a checksum for: present, same size, same sha256.

    A model directory written before checksums existed has none and passes (the families
    still sniff their formats). Raises :class:`ModelLoadError` naming the file and what differs.
    """
    recorded = meta.get(CHECKSUMS_KEY) or {}
    if not isinstance(recorded, dict):
        raise ModelLoadError(f"{path / META_FILE}: {CHECKSUMS_KEY!r} should map file names to size and sha256")
    for name, expected in recorded.items():
        file = path / name
        if not file.is_file():
            raise ModelLoadError(f"{path}: the model file {name} is missing")
        size = file.stat().st_size
        if isinstance(expected, dict) and "bytes" in expected and size != expected["bytes"]:
            raise ModelLoadError(
                f"{file} is damaged: {size} bytes where training wrote {expected['bytes']} (truncated or replaced?)"
            )
        if isinstance(expected, dict) and "sha256" in expected and file_checksum(file)["sha256"] != expected["sha256"]:
            raise ModelLoadError(f"{file} is damaged: its sha256 differs from the one recorded at training time")


def write_meta(path: Path, meta: dict[str, Any]) -> None:
    (path / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


@dataclass
class TrainConfig:
    """The keys every family's training config has; each family subclasses it with its own.

    Built with :meth:`from_dict`, which refuses unknown keys (naming them) and wrong types
    before anything is written.
    """

    family: str
    data_dir: str = "data/annotations"
    train_splits: list[str] = field(default_factory=lambda: ["train"])
    #: split → annotation file (CoNLL or JSONL), instead of ``data_dir``: {train: a.conll, dev: b.conll}
    data: dict[str, str] | None = None
    #: format of the ``data`` files (default: from each file name); CoNLL tagging scheme
    data_format: str | None = None
    scheme: str = "auto"
    output_dir: str | None = None
    seed: int = 13
    limit: Any = None  # records per split (an int, or {split: n}) for smoke runs
    #: span-exact augmentation of the training records: {"seed": 13, "rate": 0.3} (thidua_ner.augment)
    augment: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, values: dict[str, Any], where: str = "config") -> TrainConfig:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(repr(k) for k in unknown)} for family {values.get('family')!r}; "
                f"known keys: {', '.join(sorted(known))}"
            )
        hints = get_type_hints(cls)
        for key, value in values.items():
            if not _type_ok(value, hints[key]):
                raise ConfigError(f"{where}: key {key!r} should be {hints[key]}, got {value!r}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _type_ok(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if hint is Any:
        return True
    if origin in (Union, UnionType):
        return any(_type_ok(value, h) for h in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        (inner,) = get_args(hint) or (Any,)
        return isinstance(value, list) and all(_type_ok(v, inner) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


@dataclass
class TrainingData:
    """What a family trains on: annotated records and the label set they define."""

    train: list[Any]  # list[thidua_ner.formats.corpus.Record]
    dev: list[Any] = field(default_factory=list)
    labels: tuple[str, ...] = DEFAULT_LABELS

    def examples(self) -> list[tuple[list[str], list[str]]]:
        """``(syllable tokens, IOB2 tags)`` pairs of the training records."""
        return records_examples(self.train)


def records_examples(records: Sequence[Any]) -> list[tuple[list[str], list[str]]]:
    """``(syllable tokens, IOB2 tags)`` pairs of records, the tokens as the pipeline hands them to a
    tagger (ALL-CAPS sentences truecased); a span off token boundaries is an AnnotationError naming
    the record."""
    from ..formats.corpus import record_tokens_tags
    from ..text.case import tagging_view

    out = []
    for record in records:
        try:
            tokens, tags = record_tokens_tags(record)
        except ValueError as exc:
            raise AnnotationError(
                f"record {record.id!r}: {exc} (`thidua-ner validate` shows the file and line)"
            ) from exc
        out.append((tagging_view([t.text for t in tokens]), tags))
    return out
