"""thidua_ner — named entities and award events from Vietnamese emulation–commendation news.

import thidua_ner
nlp = thidua_ner.load()            # the embedded default model, offline
doc = nlp("Chủ tịch UBND tỉnh Nguyễn Văn A trao Bằng khen cho 12 tập thể.")
doc.entities, doc.events
"""

from __future__ import annotations

from . import events
from ._version import __version__
from .catalog import available_models, load
from .document import Document, Entity, Sentence
from .errors import AnnotationError, ConfigError, InputError, ModelLoadError, ThiduaError
from .events import AwardEvent, EventExtractor, PersonPosition
from .pipeline import Component, Pipeline
from .schema import DEFAULT_LABELS, LABELS, TAGS

# Optional integrations, imported on first use (spaCy and pandas are extras).
_LAZY = {
    "to_spacy": "spacy_component",
    "from_spacy": "spacy_component",
    "render": "rendering",
    "to_dataframe": "dataframes",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'thidua_ner' has no attribute {name!r}")


__all__ = [
    "AnnotationError",
    "AwardEvent",
    "Component",
    "ConfigError",
    "DEFAULT_LABELS",
    "Document",
    "Entity",
    "EventExtractor",
    "InputError",
    "LABELS",
    "ModelLoadError",
    "PersonPosition",
    "Pipeline",
    "Sentence",
    "TAGS",
    "ThiduaError",
    "__version__",
    "available_models",
    "events",
    "load",
    "from_spacy",
    "render",
    "to_dataframe",
    "to_spacy",
]
