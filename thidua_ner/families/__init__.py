"""Model families. Each sub-package (``crf``, ``e5crf``, ``transformer``) owns its tagger and its
training and exposes ``FAMILY`` (a :class:`~thidua_ner.families.base.Family`).

Other packages add families through the ``thidua_ner.families`` entry point group
(``name = "package.module:FAMILY"``), the way spaCy finds factories. Families are imported
only when a model of theirs is loaded or trained, so torch is loaded only when needed.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

from ..errors import ModelLoadError
from .base import META_FILE, Family, Tagger, read_meta, verify_files, write_meta

#: the families shipped with the library: name → ``module:attribute``
BUILTIN_FAMILIES: dict[str, str] = {
    "crf": "thidua_ner.families.crf:FAMILY",
    "e5crf": "thidua_ner.families.e5crf:FAMILY",
    "transformer": "thidua_ner.families.transformer:FAMILY",
}
ENTRY_POINT_GROUP = "thidua_ner.families"


def family_names() -> list[str]:
    """Every family name this installation knows (built in and from entry points)."""
    extra = [ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)]
    return sorted(set(BUILTIN_FAMILIES) | set(extra))


def get_family(name: str) -> Family:
    """The :class:`Family` called ``name``; :class:`ModelLoadError` when unknown or not installable."""
    target = BUILTIN_FAMILIES.get(name)
    if target is None:
        found = [ep.value for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
        if not found:
            raise ModelLoadError(f"unknown model family {name!r}; known: {', '.join(family_names())}")
        target = found[0]
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ModelLoadError(
            f"model family {name!r} needs packages that are not installed ({exc}); "
            "install them with: pip install 'thidua-ner[transformer]'"
        ) from exc
    return getattr(module, attr or "FAMILY")


def load_tagger(path: str | Path) -> Tagger:
    """Build the tagger stored in a model directory."""
    path = Path(path)
    meta = read_meta(path)
    family = get_family(meta["family"])
    verify_files(path, meta)
    tagger = family.load(path, meta)
    tagger.meta = meta
    return tagger


__all__ = ["META_FILE", "Family", "Tagger", "family_names", "get_family", "load_tagger", "read_meta", "write_meta"]
