"""Documents as pandas DataFrames: one row per entity, award event or person–position link.

    thidua_ner.to_dataframe(docs, what="entities")   # columns: source, label, text, start, end, score, sentence
    thidua_ner.to_dataframe(docs, what="events")     # one row per award, roles joined, offsets kept
    thidua_ner.to_dataframe(docs, what="links")      # person, position and their offsets

``docs`` are Documents or ``(source id, Document)`` pairs. Needs pandas
(``pip install 'thidua-ner[events]'``). The awards register is ``thidua_ner.awards.to_dataframe``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .document import Document
from .schema import ROLES

WHAT = ("entities", "events", "links")


def _pairs(docs: Iterable[Document | tuple[str, Document]]) -> Iterable[tuple[str, Document]]:
    for n, item in enumerate(docs, 1):
        yield item if isinstance(item, tuple) else (f"doc{n}", item)


def rows(docs: Iterable[Document | tuple[str, Document]], what: str = "entities") -> list[dict[str, Any]]:
    """The rows :func:`to_dataframe` builds, as plain dicts (no pandas needed)."""
    if what not in WHAT:
        raise ValueError(f"what must be one of {', '.join(WHAT)}, not {what!r}")
    out: list[dict[str, Any]] = []
    for source, doc in _pairs(docs):
        if what == "entities":
            for e in doc.entities:
                sentence = next((i for i, s in enumerate(doc.sentences) if s.start <= e.start < s.end), None)
                out.append(
                    {
                        "source": source,
                        "label": e.label,
                        "text": e.text,
                        "start": e.start,
                        "end": e.end,
                        "score": e.score,
                        "sentence": sentence,
                    }
                )
        elif what == "events":
            for ev in doc.events:
                info = ev.info
                row: dict[str, Any] = {
                    "source": source,
                    "award": ev.award.text,
                    "award_start": ev.award.start,
                    "award_end": ev.award.end,
                    "type": info.type,
                    "name": info.name,
                    "class": info.award_class,
                    "issuer": info.issuer,
                }
                for role in ROLES:
                    fillers = getattr(ev, role)
                    row[role] = "; ".join(f.text for f in fillers)
                    row[f"{role}_spans"] = [(f.start, f.end) for f in fillers]
                counts = [q["count"] for q in ev.quantities() if q["count"] is not None]
                row["recipient_count"] = sum(counts) if counts else None
                out.append(row)
        else:
            for link in doc.person_positions:
                out.append(
                    {
                        "source": source,
                        "person": link.person.text,
                        "person_start": link.person.start,
                        "person_end": link.person.end,
                        "position": link.position.text,
                        "position_start": link.position.start,
                        "position_end": link.position.end,
                    }
                )
    return out


def to_dataframe(docs: Iterable[Document | tuple[str, Document]], what: str = "entities"):
    """A pandas DataFrame with one row per entity, event or link of ``docs``, with source and offsets."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ImportError("to_dataframe needs pandas: pip install 'thidua-ner[events]'") from exc
    return pd.DataFrame(rows(docs, what))
