"""Vietnamese word segmentation on top of the library's syllable tokens.

PhoBERT was pre-trained on word-segmented text ("sinh_viên", "đại_học"), so the
transformer family groups our syllable tokens into words before sub-word
tokenisation. A word is a list of consecutive token indices::

    >>> segment(["Chủ", "tịch", "Nguyễn", "Văn", "A"], backend="none")
    [[0], [1], [2], [3], [4]]

Backends: ``"underthesea"`` (default, ``underthesea.word_tokenize``), ``"pyvi"``
(``ViTokenizer.tokenize``) and ``"none"`` (every syllable its own word). The
segmenters tokenise punctuation and numbers their own way and may normalise
characters, so their output is mapped back onto our tokens by characters: every
token lands in exactly one word and words never overlap.

Segmenters know nothing about entities and sometimes glue a verb onto the first
syllable of an award (``trao_Bằng khen``). Training therefore splits words at gold
span edges (:func:`split_at_boundaries`); at inference a merged word gets one label
for all its syllables. :func:`boundary_merge_rate` measures how often that happens
on a corpus (``python benchmarks/segmentation.py``). On the corpus of 2025-11-21 (3,026
sentences, 8,268 spans) underthesea glued syllables across 1.4 % of the inner span
edges, touching 2.7 % of the spans (pyvi: 0.4 % / 0.7 %); see ``docs/transformer.md``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from ..iob import span_ids

BACKENDS = ("underthesea", "pyvi", "none")
DEFAULT_BACKEND = "underthesea"

Word = list[int]


# ---------------------------------------------------------------------------- backends


@cache
def _backend(name: str) -> Callable[[str], list[str]]:
    """``text -> words``; each word a string whose syllables are separated by spaces or ``_``."""
    if name == "underthesea":
        try:
            from underthesea import word_tokenize
        except ImportError as exc:
            raise ImportError("segmentation 'underthesea' needs: pip install underthesea") from exc
        return lambda text: list(word_tokenize(text))
    if name == "pyvi":
        try:
            from pyvi import ViTokenizer
        except ImportError as exc:
            raise ImportError("segmentation 'pyvi' needs: pip install pyvi") from exc
        return lambda text: ViTokenizer.tokenize(text).split()
    raise ValueError(f"unknown segmentation backend {name!r}; expected one of {', '.join(BACKENDS)}")


def _clean(token: str) -> str:
    # NFC because the segmenters' models (and PhoBERT's vocabulary) are NFC; "_" becomes
    # "-" so that an underscore in a segmenter's output can only be its word joiner.
    return unicodedata.normalize("NFC", token).replace("_", "-")


def segment(tokens: Sequence[str], backend: str = DEFAULT_BACKEND) -> list[Word]:
    """Group the syllable tokens of one sentence into words (lists of consecutive indices).

    Every index appears exactly once, in order, whatever the segmenter does to the text.
    """
    if backend == "none" or not tokens:
        if backend not in BACKENDS:
            raise ValueError(f"unknown segmentation backend {backend!r}; expected one of {', '.join(BACKENDS)}")
        return [[i] for i in range(len(tokens))]
    cleaned = [_clean(t) for t in tokens]
    pieces = [c for c in cleaned if c.strip()]
    out_words = _backend(backend)(" ".join(pieces)) if pieces else []
    return _align(cleaned, out_words)


def segment_batch(sentences: Iterable[Sequence[str]], backend: str = DEFAULT_BACKEND) -> list[list[Word]]:
    return [segment(tokens, backend) for tokens in sentences]


def _align(tokens: Sequence[str], out_words: Sequence[str]) -> list[Word]:
    """Map a segmenter's words back onto ``tokens`` by their non-space characters."""
    ours: list[str] = []
    first_char: list[int | None] = []  # position of each token's first character in ``ours``
    for tok in tokens:
        chars = "".join(tok.split())
        first_char.append(len(ours) if chars else None)
        ours.extend(chars)
    theirs: list[str] = []
    word_of: list[int] = []
    for w, word in enumerate(out_words):
        chars = "".join(word.replace("_", " ").split())
        theirs.extend(chars)
        word_of.extend([w] * len(chars))

    if len(theirs) == len(ours):
        # The usual case: same characters (token normalisation may swap a tone mark but
        # keeps the length), so positions correspond one to one.
        position = list(range(len(ours)))
    else:
        position = _char_map(ours, theirs)

    words: list[Word] = []
    prev: int | None = None  # segmenter word of the previous token (None: it had no characters)
    last = -1  # keeps the mapping monotone even if a fuzzy match steps back
    for i, pos in enumerate(first_char):
        if pos is None or not word_of:
            # A token with no visible character (or nothing came back): a word of its own.
            words.append([i])
            prev = None
            continue
        wid = max(word_of[min(position[pos], len(word_of) - 1)], last)
        if prev is not None and wid == prev:
            words[-1].append(i)
        else:
            words.append([i])
        prev = last = wid
    return words


def _char_map(ours: Sequence[str], theirs: Sequence[str]) -> list[int]:
    """For each of our characters, the index of the matching character of the segmenter's
    output; unmatched characters take the previous mapped position (monotone)."""
    mapping = [-1] * len(ours)
    for block in SequenceMatcher(None, ours, theirs, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    last = 0
    for i, m in enumerate(mapping):
        if m < 0:
            mapping[i] = last
        else:
            last = m
    return mapping


def join_word(syllables: Sequence[str], joiner: str = "_") -> str:
    """The surface of a word for a sub-word tokenizer: syllables joined by ``joiner``
    (PhoBERT's ``_``), punctuation glued without it (``TP.HCM``, ``18/11/2025``)."""
    out = ""
    for k, syl in enumerate(syllables):
        if k and syl[:1].isalnum() and out[-1:].isalnum():
            out += joiner
        out += syl
    return out


# ---------------------------------------------------------------------------- entity boundaries


def split_at_boundaries(words: Sequence[Word], tags: Sequence[str]) -> list[Word]:
    """Split words so that none straddles a gold entity boundary (used for training).

    ``trao_Bằng khen`` with ``Bằng khen`` an AWARD becomes ``trao`` + ``Bằng`` + ``khen``.
    """
    ids = span_ids(tags)
    out: list[Word] = []
    for word in words:
        piece = [word[0]]
        for i in word[1:]:
            if ids[i] != ids[piece[-1]]:
                out.append(piece)
                piece = []
            piece.append(i)
        out.append(piece)
    return out


@dataclass
class MergeStats:
    """How often a segmenter glues syllables across gold entity edges."""

    backend: str
    sentences: int = 0
    spans: int = 0
    words: int = 0
    edges: int = 0  #: span starts/ends strictly inside a sentence (the ones a word can straddle)
    merged_edges: int = 0
    spans_affected: int = 0
    words_straddling: int = 0

    @property
    def edge_rate(self) -> float:
        return self.merged_edges / self.edges if self.edges else 0.0

    @property
    def span_rate(self) -> float:
        return self.spans_affected / self.spans if self.spans else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "edge_rate": round(self.edge_rate, 4), "span_rate": round(self.span_rate, 4)}

    def __str__(self) -> str:
        return (
            f"{self.backend}: {self.merged_edges}/{self.edges} inner span edges merged ({self.edge_rate:.1%}), "
            f"{self.spans_affected}/{self.spans} spans affected ({self.span_rate:.1%}), "
            f"{self.words_straddling}/{self.words} words straddle an edge"
        )


def boundary_merge_rate(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]], backend: str = DEFAULT_BACKEND
) -> MergeStats:
    """Measure on ``(tokens, tags)`` pairs how often ``backend`` merges across a gold span edge.

    An edge is the gap before a span's first token or after its last one; it is merged
    when one segmenter word holds tokens on both sides.
    """
    stats = MergeStats(backend)
    for tokens, tags in sentences:
        stats.sentences += 1
        words = segment(tokens, backend)
        stats.words += len(words)
        ids = span_ids(tags)
        word_of = {i: w for w, word in enumerate(words) for i in word}
        span_tokens: dict[int, list[int]] = {}
        for i, sid in enumerate(ids):
            if sid >= 0:
                span_tokens.setdefault(sid, []).append(i)
        straddling: set[int] = set()
        for members in span_tokens.values():
            stats.spans += 1
            hit = False
            for left, right in ((members[0] - 1, members[0]), (members[-1], members[-1] + 1)):
                if left < 0 or right >= len(tokens):
                    continue
                stats.edges += 1
                if word_of[left] == word_of[right]:
                    stats.merged_edges += 1
                    straddling.add(word_of[left])
                    hit = True
            stats.spans_affected += hit
        stats.words_straddling += len(straddling)
    return stats
