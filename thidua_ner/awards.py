"""The awards register across documents: award × recipient unit × total count.

Each row keeps the givers, authorities and campaigns seen with it and the
``source:start-end`` of every award span it sums, so any number can be traced
back to the words it came from.

A page states its facts more than once (headline, lead, caption, body): within one document the
same award, recipient unit and count (or the same named recipients) is one fact, counted once;
its repeats are listed in ``sources`` and counted in ``mentions``. Awards are compared by type,
name, issuer and class, so spellings of the same classes (``hạng Nhất, Nhì, Ba`` and ``hạng Nhất,
hạng Nhì và hạng Ba``) are one row.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .document import Document
from .events.values import AwardInfo
from .text.normalize import normalize, normalize_award_key

NAMED = "cá nhân (nêu tên)"

COLUMNS = (
    "award",
    "award_type",
    "award_class",
    "issuer",
    "recipient_unit",
    "total_count",
    "named_recipients",
    "events",
    "mentions",
    "givers",
    "on_behalf_of",
    "campaigns",
    "sources",
)


@dataclass
class RegisterRow:
    award: str
    award_type: str
    award_class: str | None
    issuer: str | None
    recipient_unit: str
    total_count: int | None = None
    named_recipients: list[str] = field(default_factory=list)
    events: int = 0  # distinct facts summed (one per document and count)
    mentions: int = 0  # award spans merged into the row, repeats included
    givers: list[str] = field(default_factory=list)
    on_behalf_of: list[str] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def as_record(self) -> dict[str, object]:
        return {
            "award": self.award,
            "award_type": self.award_type,
            "award_class": self.award_class or "",
            "issuer": self.issuer or "",
            "recipient_unit": self.recipient_unit,
            "total_count": "" if self.total_count is None else self.total_count,
            "named_recipients": "; ".join(self.named_recipients),
            "events": self.events,
            "mentions": self.mentions,
            "givers": "; ".join(self.givers),
            "on_behalf_of": "; ".join(self.on_behalf_of),
            "campaigns": "; ".join(self.campaigns),
            "sources": " ".join(self.sources),
        }


def _add_unique(values: list[str], new: Iterable[str]) -> None:
    for v in new:
        if v not in values:
            values.append(v)


def _unit_key(unit: str | None) -> str:
    return " ".join(normalize(unit).text.lower().split()) if unit else ""


def award_key(info: AwardInfo) -> tuple[str, str, str, str]:
    """What makes two award spans the same award: type, name, class(es) and issuer, normalised."""
    return (
        info.type.casefold(),
        normalize_award_key(info.name or ""),
        info.award_class or "",
        normalize_award_key(info.issuer or ""),
    )


@dataclass(frozen=True)
class Mention:
    """One award span as the register reads it (from a Document or from its ``to_dict()`` form)."""

    award_text: str
    info: AwardInfo
    quantities: tuple[tuple[str | None, int | None], ...]  # (unit, count) per recipient count
    persons: tuple[str, ...]
    givers: tuple[str, ...]
    on_behalf_of: tuple[str, ...]
    campaigns: tuple[str, ...]
    where: str


def mentions_of(doc: Document, source: str) -> list[Mention]:
    """The register's view of a Document's events."""
    return [
        Mention(
            ev.award.text,
            ev.info,
            tuple((q["unit"], q["count"]) for q in ev.quantities()),
            tuple(p.text for p in ev.recipient_person),
            tuple(e.text for e in ev.giver_person + ev.giver_position),
            tuple(e.text for e in ev.on_behalf_of),
            tuple(e.text for e in ev.campaign),
            f"{source}:{ev.award.start}-{ev.award.end}",
        )
        for ev in doc.events
    ]


def mentions_of_dict(doc: dict, source: str) -> list[Mention]:
    """The register's view of a document in its ``Document.to_dict()`` form (JSON lines, Dask bags)."""
    out = []
    for ev in doc.get("events", ()):
        award = ev["award"]
        info = AwardInfo(award["normalised"], award["type"], award["name"], award["class"], award["issuer"])
        out.append(
            Mention(
                award["text"],
                info,
                tuple((q["unit"], q["count"]) for q in ev.get("recipient_quantity", ())),
                tuple(p["text"] for p in ev.get("recipient_person", ())),
                tuple(e["text"] for e in ev.get("giver_person", []) + ev.get("giver_position", [])),
                tuple(e["text"] for e in ev.get("on_behalf_of", ())),
                tuple(e["text"] for e in ev.get("campaign", ())),
                f"{source}:{award['start']}-{award['end']}",
            )
        )
    return out


def add_document(rows: dict[tuple, RegisterRow], mentions: Iterable[Mention]) -> None:
    """Add one document's mentions to ``rows`` (keyed by award and recipient unit), in place.

    Within the document a fact stated again (same award, unit and count, or the same named
    recipients) is counted once; its repeats add a source and a mention, not a count."""
    facts: set[tuple] = set()  # the facts of this document already counted
    for m in mentions:
        groups: dict[str, list[int | None]] = {}
        for unit, count in m.quantities:
            groups.setdefault(_unit_key(unit) or "(số lượng)", []).append(count)
        if m.persons:
            groups.setdefault(NAMED, [])
        if not groups:
            groups["(không rõ)"] = []
        for unit, unit_counts in groups.items():
            key = (award_key(m.info), unit)
            row = rows.get(key)
            if row is None:
                display = " ".join(normalize(m.award_text).text.split())
                row = rows[key] = RegisterRow(display, m.info.type, m.info.award_class, m.info.issuer, unit)
            counts = [c for c in unit_counts if c is not None]
            names: tuple[str, ...] = ()
            if unit == NAMED:
                names = tuple(sorted({_unit_key(p) for p in m.persons}))
                counts = [len(names)]
            fact = (key, sum(counts) if counts else None, names)
            row.mentions += 1
            row.sources.append(m.where)
            _add_unique(row.givers, m.givers)
            _add_unique(row.on_behalf_of, m.on_behalf_of)
            _add_unique(row.campaigns, m.campaigns)
            if fact in facts:
                continue  # the same fact again (headline, caption, body): counted once
            facts.add(fact)
            row.events += 1
            if unit == NAMED:
                _add_unique(row.named_recipients, m.persons)
            if counts:
                row.total_count = (row.total_count or 0) + sum(counts)


def merge_rows(parts: Iterable[dict[tuple, RegisterRow]]) -> dict[tuple, RegisterRow]:
    """Registers of consecutive groups of whole documents, merged in order (lists keep first-seen order)."""
    out: dict[tuple, RegisterRow] = {}
    for part in parts:
        for key, row in part.items():
            mine = out.get(key)
            if mine is None:
                out[key] = copy.deepcopy(row)
                continue
            mine.events += row.events
            mine.mentions += row.mentions
            if row.total_count is not None:
                mine.total_count = (mine.total_count or 0) + row.total_count
            for name in ("named_recipients", "givers", "on_behalf_of", "campaigns"):
                _add_unique(getattr(mine, name), getattr(row, name))
            mine.sources.extend(row.sources)
    return out


def sorted_rows(rows: dict[tuple, RegisterRow]) -> list[RegisterRow]:
    return sorted(rows.values(), key=lambda r: (r.award_type, r.award.lower(), r.recipient_unit))


def build_register(docs: Iterable[Document | tuple[str, Document]]) -> list[RegisterRow]:
    """Aggregate the events of ``docs`` (Documents, or ``(source id, Document)`` pairs); a fact a
    document states more than once is counted once (see :func:`add_document`)."""
    rows: dict[tuple, RegisterRow] = {}
    for n, item in enumerate(docs, 1):
        source, doc = item if isinstance(item, tuple) else (f"doc{n}", item)
        add_document(rows, mentions_of(doc, source))
    return sorted_rows(rows)


def write_csv(rows: Iterable[RegisterRow], out: str | Path | IO[str]) -> None:
    """Write the register as CSV (UTF-8, header row) to a path or an open text stream."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            write_csv(rows, fh)
        return
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_record())


def to_csv_string(rows: Iterable[RegisterRow]) -> str:
    buf = io.StringIO()
    write_csv(rows, buf)
    return buf.getvalue()


def to_dataframe(rows: Iterable[RegisterRow]):
    """The register as a pandas DataFrame (needs pandas: pip install 'thidua-ner[events]')."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'thidua-ner[events]'") from exc
    return pd.DataFrame([r.as_record() for r in rows], columns=list(COLUMNS))
