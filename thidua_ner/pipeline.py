"""The pipeline: text → normalise → sentences → tokens → tagger → entities → components.

:func:`thidua_ner.load` returns a :class:`Pipeline`; calling it on a string gives a
:class:`~thidua_ner.document.Document` whose offsets index that string. Components run in
order after the tagger; each takes the Document and returns it (``EventExtractor`` is the
first one :func:`~thidua_ner.load` adds). Add your own with :meth:`Pipeline.add_component`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from .document import Document, Entity, Sentence
from .families import load_tagger
from .families.base import Tagger
from .iob import tags_to_spans
from .text.case import tagging_view
from .text.normalize import NormalizedText
from .text.tokens import Token


@runtime_checkable
class Component(Protocol):
    """Anything called on a Document after tagging; ``name`` identifies it in the pipeline."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """A loaded model plus the text processing around it.

    ``nlp(text)`` processes one text; ``nlp.pipe(texts, batch_size=64)`` streams many,
    tagging sentences of several texts together; ``n_process=N`` spreads them over N processes.
    ``path`` is the model directory the tagger was loaded from: a pickled Pipeline carries the
    path instead of the tagger and loads the model again where it is unpickled (a worker process).
    """

    def __init__(
        self, tagger: Tagger, name: str, components: Iterable[Component] = (), path: str | Path | None = None
    ) -> None:
        self.tagger = tagger
        self.name = name
        self.components: list[Component] = list(components)
        self.path = Path(path) if path is not None else None

    def __getstate__(self) -> dict[str, Any]:
        if self.path is None:
            raise TypeError("this Pipeline has no model directory (path=None), so it cannot be sent to another process")
        return {**self.__dict__, "tagger": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.tagger = load_tagger(self.path)

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.components)
        return f"Pipeline(model={self.name!r}, family={self.tagger.family!r}, components=[{names}])"

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels the loaded model tags."""
        return self.tagger.labels

    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def add_component(
        self, component: Component | Callable[[Document], Document], name: str | None = None, before: str | None = None
    ) -> Component:
        """Append a component (or insert it before the one called ``before``); returns it.

        A plain function ``doc -> doc`` works too; it is named after the function."""
        if not hasattr(component, "name") or name:
            component = _Named(component, name or getattr(component, "__name__", "component"))
        if component.name in self.component_names:
            raise ValueError(f"the pipeline already has a component called {component.name!r}")
        at = self.component_names.index(before) if before else len(self.components)
        self.components.insert(at, component)
        return component

    def remove_component(self, name: str) -> Component:
        """Take the component called ``name`` out of the pipeline and return it."""
        index = self.component_names.index(name)
        return self.components.pop(index)

    def __call__(self, text: str) -> Document:
        return self._process_chunk([text], 64)[0]  # not through pipe(): its generator costs ~5% of a short call

    def pipe(self, texts: Iterable[str], batch_size: int = 64, n_process: int = 1) -> Iterator[Document]:
        """Process texts lazily, ``batch_size`` sentences at a time; yields Documents in order.

        ``n_process=N`` (``-1`` or ``0``: one per core) tags chunks of ``batch_size`` texts in N
        worker processes, each loading the model once from :attr:`path`; the Documents come back
        in input order, identical to ``n_process=1``, and at most a few chunks per process are
        read ahead of the output. Components must be picklable (module-level functions or classes).
        """
        if isinstance(texts, str):
            raise TypeError("pipe() takes an iterable of texts; for one text call nlp(text)")
        iterator = iter(texts)
        chunks = iter(lambda: list(islice(iterator, max(1, batch_size))), [])
        n_process = resolve_jobs(n_process)
        if n_process == 1:
            for chunk in chunks:
                yield from self._process_chunk(chunk, batch_size)
            return
        pool = process_pool(n_process, _init_worker, (self,))
        try:
            for docs in ordered_map(lambda chunk: pool.submit(_worker_chunk, chunk, batch_size), chunks, 2 * n_process):
                yield from docs
        finally:
            pool.shutdown(cancel_futures=True)

    def make_doc(self, text: str) -> Document:
        """The Document of ``text`` before tagging: normalised view, sentences, tokens."""
        return Document.from_text(text, model=self.name, labels=self.labels)

    def _process_chunk(self, texts: list[str], batch_size: int) -> list[Document]:
        docs = [self.make_doc(text) for text in texts]
        batch: list[tuple[Document, Sentence]] = []
        # Sentences are tagged batch_size at a time: features live only for one batch, so a long
        # text costs the memory of its Document, not of its features.
        for doc in docs:
            for sentence in doc.sentences:
                batch.append((doc, sentence))
                if len(batch) >= max(1, batch_size):
                    self._tag_batch(batch)
                    batch = []
        if batch:
            self._tag_batch(batch)
        for component in self.components:
            docs = [component(doc) for doc in docs]
        return docs

    def _tag_batch(self, batch: list[tuple[Document, Sentence]]) -> None:
        pieces: list[list[str]] = []
        owners: list[int] = []
        for k, (_, sentence) in enumerate(batch):
            # ALL-CAPS headlines and bylines are tagged in the case of their normal-case twin.
            texts = tagging_view([t.text for t in sentence.tokens])
            for lo, hi in _windows(sentence.tokens):
                pieces.append(texts[lo:hi])
                owners.append(k)
        results = self.tagger.tag_with_scores(pieces)
        if len(results) == len(batch):  # one window per sentence, the usual case: nothing to join
            for (doc, sentence), (tags, scores) in zip(batch, results):
                doc.entities.extend(_entities(doc.normalized, sentence, tags, scores))
            return
        tags_of: list[list[str]] = [[] for _ in batch]
        scores_of: list[list[float] | None] = [[] for _ in batch]
        for k, (tags, scores) in zip(owners, results):
            tags_of[k].extend(tags)
            if scores is None or scores_of[k] is None:
                scores_of[k] = None
            else:
                scores_of[k].extend(scores)
        for (doc, sentence), tags, scores in zip(batch, tags_of, scores_of):
            doc.entities.extend(_entities(doc.normalized, sentence, tags, scores))


T = TypeVar("T")


def resolve_jobs(jobs: int) -> int:
    """``jobs`` as a number of processes: ``0`` or negative means one per available core."""
    if jobs > 0:
        return jobs
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_pool(n: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()):
    """A process pool that starts clean workers (forkserver on Linux, spawn elsewhere), never forks the
    caller; a worker exits by itself when the process that made the pool is gone (even after a kill)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        n, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    import threading

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if initializer is not None:
        initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    import os
    import time

    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # a process of another user took the number: ours is gone
            os._exit(1)


def ordered_map(submit: Callable[[T], Any], items: Iterable[T], window: int) -> Iterator[Any]:
    """``submit(item).result()`` for each item, in input order, with at most ``window`` futures in flight.

    ``submit`` returns anything with ``.result()`` (a ``concurrent.futures`` or Dask future), so
    input is read only as fast as results are consumed: memory stays bounded on any input size.
    """
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= max(1, window):
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


_WORKER: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline  # unpickling it loaded the model from its directory, once for this process


def _worker_chunk(texts: list[str], batch_size: int) -> list[Document]:
    assert _WORKER is not None
    return _WORKER._process_chunk(texts, batch_size)


class _Named:
    def __init__(self, func: Callable[[Document], Document], name: str) -> None:
        self.func, self.name = func, name

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)

    def __repr__(self) -> str:
        return f"<component {self.name}>"


#: The most tokens one tagger call sees; a longer "sentence" (a page with no punctuation) is
#: tagged in windows cut after a comma/semicolon where possible, so memory stays bounded.
MAX_TOKENS = 400
_CUT_AFTER = frozenset(",;:.!?)")


def _windows(tokens: tuple[Token, ...], limit: int = MAX_TOKENS) -> list[tuple[int, int]]:
    n = len(tokens)
    if n <= limit:
        return [(0, n)]
    out, lo = [], 0
    while n - lo > limit:
        hi = lo + limit
        cut = next((i + 1 for i in range(hi - 1, lo + limit // 2, -1) if tokens[i].text in _CUT_AFTER), hi)
        out.append((lo, cut))
        lo = cut
    out.append((lo, n))
    return out


def _entities(norm: NormalizedText, sentence: Sentence, tags: list[str], scores: list[float] | None) -> list[Entity]:
    out = []
    tokens: tuple[Token, ...] = sentence.tokens
    if tokens and "\n" in norm.text[tokens[0].start : tokens[-1].end]:
        # A sentence that runs on over a line break (a line ending in ':', ';' or ','): no entity
        # crosses the break; a span the tagger carried over is cut in two there.
        tags = list(tags)
        for i in range(1, len(tokens)):
            if tags[i].startswith("I-") and "\n" in norm.text[tokens[i - 1].end : tokens[i].start]:
                tags[i] = "B-" + tags[i][2:]
    first = 0  # spans come in token order: a moving index finds their tokens (no per-token maps)
    for start, end, label in tags_to_spans(tokens, tags):
        o_start, o_end = norm.to_original(start, end)
        score = None
        if scores:
            while tokens[first].start != start:
                first += 1
            last = first
            while tokens[last].end != end:
                last += 1
            score = min(scores[first : last + 1])
            first = last + 1
        out.append(Entity(o_start, o_end, label, norm.original[o_start:o_end], score))
    return out
