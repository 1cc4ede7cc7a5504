"""The data classes users get back: :class:`Entity`, :class:`Sentence`, :class:`Document`.

All public offsets index the string the user passed in (``end`` exclusive). The Document
also carries what the pipeline computed on the way — the normalised view with its offset
map and each sentence's syllable tokens — so later stages (events, CoNLL output, spaCy
export) read them instead of recomputing them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .schema import DEFAULT_LABELS
from .text.normalize import NormalizedText, normalize
from .text.sentences import split_sentences
from .text.tokens import Token, tokenize


@dataclass(frozen=True, order=True)
class Entity:
    """A labelled character span ``text[start:end]`` of the original input."""

    start: int
    end: int
    label: str
    text: str = field(default="", compare=False)
    score: float | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.start, int) or not isinstance(self.end, int):
            raise TypeError(f"Entity start/end must be int, got {self.start!r}, {self.end!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"Entity needs 0 <= start < end, got start={self.start}, end={self.end}")
        if not isinstance(self.label, str) or not self.label or self.label == "O" or "-" in self.label[:2]:
            raise ValueError(f"invalid label {self.label!r}: a label is a name such as {', '.join(DEFAULT_LABELS)}")
        if self.text and len(self.text) != self.end - self.start:
            raise ValueError(
                f"Entity text {self.text!r} has {len(self.text)} characters but the span [{self.start}, {self.end}) "
                f"has {self.end - self.start}"
            )

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        if self.score is not None:
            out["score"] = round(self.score, 4)
        return out


@dataclass(frozen=True)
class Sentence:
    """A sentence span of the original text, with its syllable tokens (offsets into the normalised text)."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    """A processed text: its sentences, entities and what the components added (events, links).

    ``len(doc)`` and ``iter(doc)`` are about entities; ``doc.text`` is the input.
    """

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # list[thidua_ner.events.AwardEvent]
    person_positions: list[Any] = field(default_factory=list)  # list[thidua_ner.events.PersonPosition]
    model: str | None = None
    labels: tuple[str, ...] = DEFAULT_LABELS
    normalized: NormalizedText | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.normalized is None:
            self.normalized = normalize(self.text)

    @classmethod
    def from_text(cls, text: str, **fields: Any) -> Document:
        """The pipeline's front half: normalise, split into sentences, tokenise each sentence."""
        if not isinstance(text, str):
            raise TypeError(f"expected text as str, got {type(text).__name__}")
        norm = normalize(text)
        sentences = []
        for start, end in split_sentences(norm.text):
            o_start, o_end = norm.to_original(start, end)
            tokens = tuple(tokenize(norm.text[start:end], start))
            sentences.append(Sentence(o_start, o_end, text[o_start:o_end], tokens))
        return cls(text=text, sentences=sentences, normalized=norm, **fields)

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    @property
    def tokens(self) -> list[Token]:
        """Every syllable token of the document (normalised offsets), sentence after sentence."""
        return [t for s in self.sentences for t in s.tokens]

    def original_span(self, token: Token) -> tuple[int, int]:
        """A token's ``[start, end)`` in the original text."""
        return self.normalized.to_original(token.start, token.end)

    def entities_in(self, sentence: Sentence) -> list[Entity]:
        """The entities inside one sentence, in text order."""
        return [e for e in self.entities if e.start >= sentence.start and e.end <= sentence.end]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; every value carries its character offsets."""
        out: dict[str, Any] = {
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "events": [ev.to_dict() for ev in self.events],
            "person_positions": [link.to_dict() for link in self.person_positions],
        }
        if self.model:
            out["model"] = self.model
        return out
