"""Award events and person–position links from entity spans (EVENT_SCHEMA v1.1).

Every AWARD span anchors one :class:`AwardEvent`; its roles are filled from the entities
of the same sentence by rules over the words between them (:mod:`.rules`): the trigger
verb and its voice (``trao``, ``được … tặng``, ``nhận``), prepositions (``cho``, ``tặng``,
``do``), authority phrases (``Thừa ủy quyền của``, ``thay mặt``) and clause boundaries.

In a pipeline this is the :class:`EventExtractor` component; :func:`extract` runs it on any
entity list (gold or predicted) over a text.

On whole pages (EVENT_SCHEMA v1.1) events are read in units of the page's sentences where a
line ending with ``:``, ``;`` or ``,`` runs on into the next (a colon list belongs to the sentence
that introduces it); ``doc.sentences`` stays as the splitter made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..document import Document, Entity, Sentence
from ..schema import ROLES
from ..text.sentences import split_sentences
from .rules import sentence_events
from .values import AwardEvent, AwardInfo, PersonPosition, parse_award, parse_quantity


class EventExtractor:
    """The pipeline component that fills ``doc.events`` and ``doc.person_positions``.

    It reads the entities, the sentences and the normalised view the Document carries.
    """

    name = "events"
    requires = ("sentences", "entities")
    provides = ("events", "person_positions")

    def __call__(self, doc: Document) -> Document:
        return annotate(doc)

    def __repr__(self) -> str:
        return "EventExtractor()"


def annotate(doc: Document) -> Document:
    """Fill ``doc.events`` and ``doc.person_positions`` from ``doc.entities`` and ``doc.sentences``.

    The rules read the normalised text (NFC, canonical tones, collapsed spaces) so NFD or
    old-tone input behaves the same; results point at the document's own entities.
    """
    doc.events, doc.person_positions = [], []
    norm = doc.normalized
    to_norm = norm.to_normalized
    originals: dict[Entity, Entity] = {}
    for ent in doc.entities:
        span = to_norm(ent.start, ent.end)
        if span:
            proxy = Entity(span[0], span[1], ent.label, norm.text[span[0] : span[1]], ent.score)
            originals[proxy] = ent
    ents = sorted(originals)
    # Read events in the page's sentences as the splitter makes them, also inside a sentence given
    # whole (``extract(..., sentences=[(0, len(text))])``): roles never cross a sentence.
    pieces = []
    for sent in doc.sentences or [Sentence(0, len(doc.text), doc.text)]:
        lo, hi = to_norm(sent.start, sent.end) or (norm.normalized_start(sent.start), len(norm.text))
        if sent.tokens:  # made by the pipeline's splitter already: splitting it again gives itself
            pieces.append(Sentence(lo, hi, norm.text[lo:hi]))
            continue
        for a, b in split_sentences(norm.text[lo:hi]):
            pieces.append(Sentence(lo + a, lo + b, norm.text[lo + a : lo + b]))
    i = 0
    for unit in _event_units(norm.text, pieces, ents):
        span = (unit.start, unit.end)
        inside = []
        while i < len(ents) and ents[i].start < span[1]:
            if ents[i].start >= span[0]:
                inside.append(ents[i])
            i += 1
        if not inside:
            continue
        events, links = sentence_events(norm.text, Sentence(span[0], span[1], ""), inside)
        for ev in events:
            back = AwardEvent(originals[ev.award])
            for role in ROLES:
                setattr(back, role, [originals[e] for e in getattr(ev, role)])
            doc.events.append(back)
        doc.person_positions.extend(PersonPosition(originals[lk.person], originals[lk.position]) for lk in links)
    return doc


# A list marker the splitter leaves on its own: "1.", "a)", "-", "+", "•".
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[a-zđ]|[ivxIVX]{1,4})[.)]|[-–—+•*]")


def _event_units(text: str, sentences: Sequence[Sentence], ents: Sequence[Entity] = ()) -> list[Sentence]:
    """The spans events are read in (EVENT_SCHEMA v1.1, whole pages): a sentence that ends a line
    with ``:``, ``;`` or ``,`` runs on into the next, so a list introduced by a colon (one recipient
    a line, numbered or not) belongs to the sentence that introduces it; a bare list marker joins
    the item after it, a line that goes on in lower case joins the line before (a caption broken
    over two lines), and so does a sentence an entity runs on from. ``doc.sentences`` itself is
    left as the splitter made it."""
    units: list[Sentence] = []
    for sent in sentences:
        if units:
            last = units[-1].text.rstrip()
            crossing = any(e.start < units[-1].end < e.end or e.start < sent.start < e.end for e in ents)
            # A caption the page breaks over two lines goes on in lower case: "… trao Cờ thi đua tặng các
            # tập thể xuất sắc\ntrong phong trào thi đua năm 2022".
            continued = sent.text[:1].islower() and not last.endswith((".", "!", "?", "…", "”", '"', ")"))
            if (
                crossing
                or continued
                or last.endswith((":", ";", ","))
                or _LIST_MARKER.fullmatch(last.split("\n")[-1].strip())
            ):
                units[-1] = Sentence(units[-1].start, sent.end, text[units[-1].start : sent.end])
                continue
        units.append(sent)
    return units


def extract(
    text: str, entities: Iterable[Entity | dict | tuple], sentences: Iterable[tuple[int, int]] | None = None
) -> Document:
    """Events and links from ANY entity list (gold or predicted) over ``text``.

    ``entities`` may be :class:`Entity` objects, ``{"start", "end", "label"}`` dicts or
    ``(start, end, label)`` tuples. Sentences are split as the pipeline does unless given.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    ents = [_as_entity(text, e) for e in entities]
    doc = Document.from_text(text, entities=sorted(ents))
    if sentences is not None:
        doc.sentences = [Sentence(s, e, text[s:e]) for s, e in sentences]
    # An entity that crosses a sentence boundary would be lost: merge those sentences.
    doc.sentences = _merge_crossing(doc.sentences, doc.entities, text)
    return annotate(doc)


def _as_entity(text: str, e: Entity | dict | tuple) -> Entity:
    if isinstance(e, Entity):
        return e if e.text else Entity(e.start, e.end, e.label, text[e.start : e.end], e.score)
    if isinstance(e, dict):
        s, t, lab = e["start"], e["end"], e["label"]
    else:
        s, t, lab = e[0], e[1], e[2]
    return Entity(s, t, lab, text[s:t])


def _merge_crossing(sentences: list[Sentence], entities: Sequence[Entity], text: str) -> list[Sentence]:
    """Merge neighbouring sentences an entity crosses (linear: entities by start, running max end)."""
    if not sentences:
        return sentences
    ents = sorted(entities, key=lambda e: e.start)
    k, reach, asked = 0, -1, -1  # entities[:k] start before ``asked``; reach = their max end

    def crossed(point: int) -> bool:
        nonlocal k, reach, asked
        if point < asked:  # sentences given out of order: ask directly
            return any(e.start < point < e.end for e in ents)
        asked = point
        while k < len(ents) and ents[k].start < point:
            reach = max(reach, ents[k].end)
            k += 1
        return reach > point

    merged = [sentences[0]]
    for s in sentences[1:]:
        last = merged[-1]
        if crossed(last.end) or crossed(s.start):
            merged[-1] = Sentence(last.start, s.end, text[last.start : s.end])
        else:
            merged.append(s)
    return merged


__all__ = [
    "ROLES",
    "AwardEvent",
    "AwardInfo",
    "EventExtractor",
    "PersonPosition",
    "annotate",
    "extract",
    "parse_award",
    "parse_quantity",
]
