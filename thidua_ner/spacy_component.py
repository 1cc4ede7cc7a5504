"""thidua_ner inside spaCy: a pipeline component, converters both ways, and DocBin export.

    import spacy
    nlp = spacy.blank("vi")
    nlp.add_pipe("thidua_ner", config={"model": "crf"})   # found through the spacy_factories entry point
    doc = nlp(text)
    doc.ents                        # our entities, same character offsets and labels as thidua_ner.load()(text)
    doc.spans["thidua_awards"]      # one span per award, with the event as span._.event
    doc._.events, doc._.person_positions, doc._.thidua   # the thidua_ner Document itself

Entities are never lost to spaCy's tokenisation: where an entity boundary falls inside a spaCy
token (pyvi glues syllables into words), the component splits that token at the boundary with
the retokenizer, so every entity is a token-aligned span with exactly our offsets.
Needs spaCy (``pip install 'thidua-ner[spacy]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from .catalog import load
from .document import Document, Entity
from .events import extract
from .formats.corpus import Record
from .schema import ROLES

AWARDS_KEY = "thidua_awards"
ROLES_KEY = "thidua_roles"

for _name, _default in (("events", None), ("person_positions", None), ("thidua", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("event"):
    Span.set_extension("event", default=None)


@Language.factory(
    "thidua_ner",
    default_config={"model": "crf", "events": True, "batch_size": 64},
    assigns=["doc.ents", "doc._.events", "doc._.person_positions"],
)
def make_component(nlp: Language, name: str, model: str, events: bool, batch_size: int) -> ThiduaNER:
    """The ``thidua_ner`` factory: ``model`` is a built-in name or a model directory."""
    return ThiduaNER(model=model, events=events, batch_size=batch_size, name=name)


class ThiduaNER:
    """Runs a thidua_ner pipeline on ``doc.text`` and writes its results onto the spaCy Doc."""

    def __init__(self, model: str = "crf", events: bool = True, batch_size: int = 64, name: str = "thidua_ner") -> None:
        self.name = name
        self.model = model
        self.batch_size = batch_size
        self.pipeline = load(model, events=events)

    def __call__(self, doc: Doc) -> Doc:
        return annotate_spacy_doc(doc, self.pipeline(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._flush(batch, size)
                batch = []
        yield from self._flush(batch, size)

    def _flush(self, batch: list[Doc], size: int) -> Iterator[Doc]:
        for doc, ours in zip(batch, self.pipeline.pipe((d.text for d in batch), batch_size=size)):
            yield annotate_spacy_doc(doc, ours)

    # spaCy serialises the factory config (model name or path); nothing else to store.
    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> ThiduaNER:
        return self


def _split_at(doc: Doc, boundaries: set[int]) -> None:
    """Split every token that has one of the character ``boundaries`` strictly inside it."""
    todo = []
    for token in doc:
        cuts = sorted(b - token.idx for b in boundaries if token.idx < b < token.idx + len(token.text))
        if cuts:
            todo.append((token, cuts))
    if not todo:
        return
    with doc.retokenize() as retokenizer:
        for token, cuts in todo:
            pieces, last = [], 0
            for cut in [*cuts, len(token.text)]:
                piece = token.text[last:cut]
                # Whitespace inside a pyvi word ("Văn An") becomes a token of its own, so the
                # pieces on both sides start and end exactly where the entity does.
                stripped = piece.strip()
                if not stripped:
                    pieces.append(piece)
                else:
                    lead = piece[: len(piece) - len(piece.lstrip())]
                    trail = piece[len(piece.rstrip()) :]
                    pieces += [p for p in (lead, stripped, trail) if p]
                last = cut
            retokenizer.split(token, pieces, heads=[(token, i) for i in range(len(pieces))])


def annotate_spacy_doc(doc: Doc, ours: Document) -> Doc:
    """Write ``ours`` (a thidua_ner Document of the same text) onto the spaCy ``doc``."""
    if doc.text != ours.text:
        raise ValueError("the thidua_ner Document and the spaCy Doc have different texts")
    _split_at(doc, {b for e in ours.entities for b in (e.start, e.end)})
    spans = {}
    for e in ours.entities:
        span = doc.char_span(e.start, e.end, label=e.label)
        if span is None:  # pragma: no cover - _split_at makes every boundary a token boundary
            raise ValueError(f"entity {e} does not align with the spaCy tokens")
        spans[(e.start, e.end)] = span
    doc.ents = list(spans.values())
    awards, roles = [], []
    for event in ours.events:
        span = spans[event.award.span]
        award = Span(doc, span.start, span.end, label="AWARD")
        award._.event = event
        awards.append(award)
        roles.append(award)
        for role in ROLES:
            for filler in getattr(event, role):
                f = spans[filler.span]
                roles.append(Span(doc, f.start, f.end, label=role))
    doc.spans[AWARDS_KEY] = awards
    doc.spans[ROLES_KEY] = roles
    doc._.events = ours.events
    doc._.person_positions = ours.person_positions
    doc._.thidua = ours
    return doc


def to_spacy(doc: Document | Record, nlp: Language | None = None) -> Doc:
    """A spaCy Doc of a thidua_ner Document (or an annotated Record), entities as ``doc.ents``.

    Tokens are spaCy's own (``spacy.blank("vi")`` unless ``nlp`` is given), split where an entity
    boundary falls inside one."""
    nlp = nlp or _blank_vi()
    if isinstance(doc, Record):
        ents = [Entity(s, e, lab, doc.text[s:e]) for s, e, lab in doc.spans]
        doc = extract(doc.text, ents) if ents else Document.from_text(doc.text)
    return annotate_spacy_doc(nlp.make_doc(doc.text), doc)


def from_spacy(doc: Doc, events: bool = True) -> Document:
    """A thidua_ner Document from a spaCy Doc's ``ents`` (events and links extracted from them)."""
    entities = [Entity(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents]
    if events:
        return extract(doc.text, entities)
    return Document.from_text(doc.text, entities=sorted(entities))


def write_docbin(records: Iterable[Record], path: str | Path) -> int:
    """Write records as a spaCy ``DocBin`` (``.spacy``) for ``spacy train``; returns the count."""
    nlp = _blank_vi()
    docbin = DocBin(store_user_data=False)
    n = 0
    for record in records:
        doc = nlp.make_doc(record.text)
        _split_at(doc, {b for s, e, _ in record.spans for b in (s, e)})
        doc.ents = [doc.char_span(s, e, label=lab) for s, e, lab in record.spans]
        docbin.add(doc)
        n += 1
    docbin.to_disk(path)
    return n


_BLANK: dict[str, Any] = {}


def _blank_vi() -> Language:
    import spacy

    if "vi" not in _BLANK:
        _BLANK["vi"] = spacy.blank("vi")
    return _BLANK["vi"]
