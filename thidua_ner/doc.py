"""The data classes users get back: :class:`Entity`, :class:`Sentence`, :class:`Document`.

All offsets index the string the user passed in (``end`` exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .labels import LABELS

if TYPE_CHECKING:
    from .events import AwardEvent, PersonPosition


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
        if self.label not in LABELS:
            raise ValueError(f"unknown label {self.label!r}; expected one of {', '.join(LABELS)}")

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
    """A sentence span of the original text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    """A processed text: its sentences, entities and (when extracted) events and links."""

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[AwardEvent] = field(default_factory=list)
    person_positions: list[PersonPosition] = field(default_factory=list)
    model: str | None = None

    def __len__(self) -> int:
        return len(self.text)

    def __iter__(self):
        return iter(self.entities)

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
