"""The interface every model family implements, and the model-directory contract.

A tagger turns sentences of syllable tokens (normalised text) into IOB2 tags,
one per token. Everything around it — normalisation, sentence splitting,
offsets, events — is the pipeline's job, so a new model family is one module
that subclasses :class:`Tagger` and registers itself with :func:`register`.

A model directory always holds ``thidua_ner.json``::

    {"family": "crf", "labels": [...], "library_version": "...", ...}
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

META_FILE = "thidua_ner.json"

_FAMILIES: dict[str, Callable[[Path, dict[str, Any]], Tagger]] = {}


class ModelLoadError(RuntimeError):
    """A model name or directory could not be loaded; the message says what is missing."""


class Tagger(ABC):
    """Tags batches of tokenised sentences with IOB2 tags."""

    #: the model family, as written in ``thidua_ner.json``
    family: str = ""

    @abstractmethod
    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        """One IOB2 tag per token for each sentence of ``batch``."""

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        """Tags plus a per-token confidence where the model has one (``None`` otherwise)."""
        return [(tags, None) for tags in self.tag(batch)]

    @property
    def meta(self) -> dict[str, Any]:
        return getattr(self, "_meta", {})


def register(family: str) -> Callable:
    """Class decorator: ``@register("crf")`` makes ``load_tagger`` build that family from a directory."""

    def wrap(loader: Callable[[Path, dict[str, Any]], Tagger]) -> Callable:
        _FAMILIES[family] = loader
        return loader

    return wrap


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
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{meta_path} is corrupt: {exc}") from exc
    if "family" not in meta:
        raise ModelLoadError(f"{meta_path} does not say which model family it is (key 'family')")
    return meta


def load_tagger(path: str | Path) -> Tagger:
    """Build the tagger stored in a model directory."""
    path = Path(path)
    meta = read_meta(path)
    family = meta["family"]
    if family not in _FAMILIES:
        _import_family(family)
    if family not in _FAMILIES:
        raise ModelLoadError(f"{path}: unknown model family {family!r}; known: {', '.join(sorted(_FAMILIES))}")
    tagger = _FAMILIES[family](path, meta)
    tagger._meta = meta
    return tagger


def _import_family(family: str) -> None:
    """Families register on import; import lazily so torch is only loaded when needed."""
    import importlib

    modules = {
        "crf": "thidua_ner.taggers.crf",
        "e5crf": "thidua_ner.taggers.e5crf",
        "transformer": "thidua_ner.taggers.transformer",
    }
    if family in modules:
        try:
            importlib.import_module(modules[family])
        except ImportError as exc:
            raise ModelLoadError(
                f"model family {family!r} needs packages that are not installed ({exc}); "
                "install them with: pip install 'thidua-ner[transformer]'"
            ) from exc
