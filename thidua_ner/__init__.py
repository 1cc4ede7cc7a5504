"""thidua_ner — named entities and award events from Vietnamese emulation–commendation news.

    import thidua_ner
    nlp = thidua_ner.load()            # the embedded default model, offline
    doc = nlp("Chủ tịch UBND tỉnh Nguyễn Văn A trao Bằng khen cho 12 tập thể.")
    doc.entities, doc.events
"""

from __future__ import annotations

from .doc import Document, Entity, Sentence
from .labels import LABELS, TAGS
from .registry import available_models, load

__version__ = "0.1.0"

__all__ = ["Document", "Entity", "Sentence", "LABELS", "TAGS", "load", "available_models", "__version__"]


def __getattr__(name: str):
    # Event classes live in .events; imported lazily to keep `import thidua_ner` light.
    if name in ("AwardEvent", "PersonPosition", "events"):
        from . import events

        return events if name == "events" else getattr(events, name)
    raise AttributeError(f"module 'thidua_ner' has no attribute {name!r}")
