"""The pipeline: text → normalise → sentences → tokens → tagger → entities → events.

:func:`thidua_ner.load` returns a :class:`Pipeline`; calling it on a string gives a
:class:`~thidua_ner.doc.Document` whose offsets index that string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from .corpus import tags_to_spans
from .doc import Document, Entity, Sentence
from .normalize import NormalizedText, normalize
from .taggers.base import Tagger
from .text import Token, split_sentences, tokenize


@dataclass
class _PendingSentence:
    doc_index: int
    sentence: Sentence
    tokens: list[Token]


class Pipeline:
    """A loaded model plus the text processing around it.

    ``nlp(text)`` processes one text; ``nlp.pipe(texts, batch_size=64)`` streams many,
    tagging sentences of several texts together.
    """

    def __init__(self, tagger: Tagger, name: str, with_events: bool = True) -> None:
        self.tagger = tagger
        self.name = name
        self.with_events = with_events

    def __repr__(self) -> str:
        return f"Pipeline(model={self.name!r}, family={self.tagger.family!r})"

    def __call__(self, text: str) -> Document:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Document]:
        """Process texts lazily, ``batch_size`` sentences at a time; yields Documents in order."""
        if isinstance(texts, str):
            raise TypeError("pipe() takes an iterable of texts; for one text call nlp(text)")
        iterator = iter(texts)
        while True:
            chunk = list(islice(iterator, max(1, batch_size)))
            if not chunk:
                return
            yield from self._process_chunk(chunk, batch_size)

    def _process_chunk(self, texts: list[str], batch_size: int) -> list[Document]:
        docs, norms, pending = [], [], []
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"expected text as str, got {type(text).__name__}")
            norm = normalize(text)
            doc = Document(text=text, model=self.name)
            for start, end in split_sentences(norm.text):
                o_start, o_end = norm.to_original(start, end)
                sentence = Sentence(o_start, o_end, text[o_start:o_end])
                doc.sentences.append(sentence)
                pending.append(_PendingSentence(index, sentence, tokenize(norm.text[start:end], start)))
            docs.append(doc)
            norms.append(norm)
        for lo in range(0, len(pending), max(1, batch_size)):
            batch = pending[lo : lo + batch_size]
            results = self.tagger.tag_with_scores([[t.text for t in p.tokens] for p in batch])
            for item, (tags, scores) in zip(batch, results):
                docs[item.doc_index].entities.extend(
                    _entities(norms[item.doc_index], item.tokens, tags, scores)
                )
        if self.with_events:
            from .events import annotate

            for doc in docs:
                annotate(doc)
        return docs


def _entities(
    norm: NormalizedText, tokens: list[Token], tags: list[str], scores: list[float] | None
) -> list[Entity]:
    out = []
    index_of = {t.start: i for i, t in enumerate(tokens)}
    for start, end, label in tags_to_spans(tokens, tags):
        o_start, o_end = norm.to_original(start, end)
        score = None
        if scores:
            first = index_of[start]
            last = next(i for i in range(first, len(tokens)) if tokens[i].end == end)
            score = min(scores[first : last + 1])
        out.append(Entity(o_start, o_end, label, norm.original[o_start:o_end], score))
    return out
