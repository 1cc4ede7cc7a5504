"""Features of the CRF family: crfsuite feature strings per syllable token.

Features are chosen for this text: Vietnamese names are runs of capitalised
syllables, offices and awards start with a small set of head words, counts are a
number followed by a recipient noun, and campaign names sit inside quotes.

Speed (issue 13): everything that depends on one syllable alone (its lower case, its
shape, the ``w=``/``W=``/``s=`` strings and the strings it contributes as a neighbour
``w-3=`` … ``s3=``) is computed once per distinct syllable and cached; the strings that
gazetteer marks, capitalisation runs and quote states contribute come from small
tables; the gazetteer is matched in one pass over the sentence; the head to the left
and the stretch head come from one running pass. The output is exactly the list the
straightforward code gave (``tests/crf_reference_features.py``, checked on the whole
corpus by ``tests/test_crf_features.py``), in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...text.lexicon import Gazetteer

_GAZ = Gazetteer()
_OPEN_Q = '“"«‘'
_CLOSE_Q = '”"»’'
_BREAKERS = frozenset(",;.():!?")
_HEAD_KINDS = ("award", "office", "camp")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)+")
_OFFSETS = (-3, -2, -1, 1, 2, 3)
#: caches are cleared when they grow past this many entries (bounded memory on archives)
_CACHE_LIMIT = 200_000


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 3 else "4-6" if distance <= 6 else "7-10" if distance <= 10 else "11+"


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d" if len(tok) < 3 else "ddd"
    if _NUMBER_RE.fullmatch(tok):
        return "d.d"
    if not tok[0].isalnum():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "XX"
    if tok[0].isupper():
        return "Xx"
    if any(c.isdigit() for c in tok):
        return "xd"
    return "x"


def _cap_runs(tokens: Sequence[str]) -> list[str]:
    """Position of each token in its run of Title-case syllables (B/I/E/S, O outside)."""
    caps = [t[:1].isupper() and not t.isupper() or (len(t) == 1 and t.isupper()) for t in tokens]
    return _runs_of(caps)


def _runs_of(caps: Sequence[bool]) -> list[str]:
    n = len(caps)
    out = ["O"] * n
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and caps[j + 1]:
            j += 1
        if i == j:
            out[i] = "S1"
        else:
            size = str(min(j - i + 1, 5))
            out[i] = "B" + size
            out[j] = "E"
            for k in range(i + 1, j):
                out[k] = "I"
        i = j + 1
    return out


def _quote_state(tokens: Sequence[str]) -> list[str]:
    """Whether each token is inside quotation marks, and whether it opens/closes them."""
    depth, out = 0, []
    for tok in tokens:
        if tok in _OPEN_Q and (tok != '"' or depth == 0):
            depth += 1
            out.append("open")
        elif tok in _CLOSE_Q and depth > 0:
            depth -= 1
            out.append("close")
        else:
            out.append("in" if depth else "out")
    return out


class _Word:
    """Everything one syllable contributes on its own (cached per distinct token string)."""

    __slots__ = ("low", "shape", "own", "upper", "near")

    def __init__(self, tok: str, keep) -> None:
        low = tok.lower()
        shape = _shape(tok)
        self.low = low
        self.shape = shape
        #: ``b``, ``w=``, ``s=`` (run= and q= follow them from the sentence)
        self.own = keep(("b", "w=" + low, "s=" + shape))
        #: ``W=`` when the token is not all lower case
        self.upper = keep(("W=" + tok,)) if tok != low else ()
        #: as a neighbour at offsets -3, -2, -1, 1, 2, 3: ``w{d}=``, ``s{d}=``
        self.near = tuple(keep((f"w{d}={low}", f"s{d}={shape}")) for d in _OFFSETS)


_EMPTY: tuple[str, ...] = ()


class FeatureExtractor:
    """Feature strings of one feature-set version, with caches of its own.

    ``known``: the attributes a trained model has weights for. Features outside it are
    left out (crfsuite ignores unknown attributes, so tags and scores are the same, bit
    for bit, and crfsuite has fewer strings to look up); ``None`` keeps everything
    (training, and :func:`sentence_features`).
    """

    def __init__(self, version: int = 1, known: frozenset[str] | set[str] | None = None) -> None:
        if version not in VERSIONS:
            raise ValueError(f"unknown CRF feature version {version!r}; known: {', '.join(map(str, VERSIONS))}")
        self.version = version
        self.known = known
        self._words: dict[str, _Word] = {}
        self._marks: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        keep = self._keep
        self._run_own = {r: keep(("run=" + r,)) for r in ("O", "S1", "B2", "B3", "B4", "B5", "I", "E")}
        self._run_near = [{c: keep((f"run{d}={c}",)) for c in "OBIES"} for d in (-2, -1, 1, 2)]
        self._quote = {q: keep((f"q={q}",)) for q in ("open", "close", "in", "out")}
        self._lefthead = {f"{k}=B": tuple(keep((f"lefthead={k}=B@{d}",)) for d in range(7)) for k in _HEAD_KINDS}
        self._stretch = {k: tuple(keep((f"stretch={k}@{_bucket(d)}",)) for d in range(12)) for k in _HEAD_KINDS}
        self._bos = keep(("BOS",))
        self._pad = [_EMPTY, _EMPTY, keep(("w-1=<BOS>",)), keep(("w1=<EOS>",)), _EMPTY, _EMPTY]

    def _keep(self, strings: tuple[str, ...]) -> tuple[str, ...]:
        if self.known is None:
            return strings
        return tuple(s for s in strings if s in self.known)

    def _word(self, tok: str) -> _Word:
        entry = self._words.get(tok)
        if entry is None:
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            entry = self._words[tok] = _Word(tok, self._keep)
        return entry

    def _mark_strings(self, marks: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """``g:``, ``g-2:``, ``g-1:``, ``g1:``, ``g2:`` strings of one token's gazetteer marks, and its head."""
        got = self._marks.get(marks)
        if got is None:
            keep = self._keep
            heads = tuple(m for m in marks if m.endswith("=B") and m.split("=")[0] in _HEAD_KINDS)
            got = self._marks[marks] = (
                keep(tuple("g:" + m for m in marks)),
                keep(tuple("g-2:" + m for m in marks)),
                keep(tuple("g-1:" + m for m in marks)),
                keep(tuple("g1:" + m for m in marks)),
                keep(tuple("g2:" + m for m in marks)),
                heads[:1],
            )
        return got

    def __call__(self, tokens: Sequence[str]) -> list[list[str]]:
        """crfsuite feature strings for each token of one sentence."""
        return self._v1(tokens)

    def _v1(self, tokens: Sequence[str]) -> list[list[str]]:
        n = len(tokens)
        if n == 0:
            return []
        known = self.known
        words = [self._word(t) for t in tokens]
        lowered = [w.low for w in words]
        caps = [t[:1].isupper() and not t.isupper() or (len(t) == 1 and t.isupper()) for t in tokens]
        runs = _runs_of(caps)
        quotes = _quote_state(tokens)
        mark_strings = self._mark_strings
        marks = [mark_strings(m) for m in _GAZ.marks(lowered)]

        # The head word nearest to the left (within 11 tokens) and the head opening the
        # current comma-free stretch, from one pass.
        lefthead: list[tuple[str, ...]] = [_EMPTY] * n
        stretch: list[tuple[str, ...]] = [_EMPTY] * n
        lefthead_table, stretch_table = self._lefthead, self._stretch
        last_head, last_at = "", -100
        current, current_at = "", 0
        for i in range(n):
            if tokens[i] in _BREAKERS:
                current = ""
            if current:
                dist = i - current_at
                stretch[i] = stretch_table[current][dist if dist < 11 else 11]
            if i - last_at <= 11:
                lefthead[i] = lefthead_table[last_head][min(i - last_at, 6)]
            heads = marks[i][5]
            if heads:
                head = heads[0]
                current, current_at = head[: head.index("=")], i
                last_head, last_at = head, i

        pad = self._pad
        run_own, quote = self._run_own, self._quote
        rn2m, rn1m, rn1p, rn2p = self._run_near
        near3m = [pad[0]] * 3 + [w.near[0] for w in words]
        near2m = [pad[1]] * 2 + [w.near[1] for w in words]
        near1m = [pad[2]] + [w.near[2] for w in words]
        near1p = [w.near[3] for w in words[1:]] + [pad[3]]
        near2p = [w.near[4] for w in words[2:]] + [pad[4]] * 2
        near3p = [w.near[5] for w in words[3:]] + [pad[5]] * 3
        r2m = [_EMPTY] * 2 + [rn2m[c[0]] for c in runs]
        r1m = [_EMPTY] + [rn1m[c[0]] for c in runs]
        r1p = [rn1p[c[0]] for c in runs[1:]] + [_EMPTY]
        r2p = [rn2p[c[0]] for c in runs[2:]] + [_EMPTY] * 2
        g2m = [_EMPTY] * 2 + [m[1] for m in marks]
        g1m = [_EMPTY] + [m[2] for m in marks]
        g1p = [m[3] for m in marks[1:]] + [_EMPTY]
        g2p = [m[4] for m in marks[2:]] + [_EMPTY] * 2
        pairs = [f"{a}|{b}" for a, b in zip(lowered, lowered[1:])]
        triples = [f"{a}|{p}" for a, p in zip(lowered, pairs[1:])]
        if known is None:
            bi_m = [_EMPTY] + [("bi-=" + p,) for p in pairs]
            bi_p = [("bi+=" + p,) for p in pairs] + [_EMPTY]
            tri_m = [_EMPTY] * 2 + [("tri-=" + t,) for t in triples]
            tri_p = [("tri+=" + t,) for t in triples] + [_EMPTY] * 2
        else:
            bi_m = [_EMPTY] + [(s,) if s in known else _EMPTY for s in ["bi-=" + p for p in pairs]]
            bi_p = [(s,) if s in known else _EMPTY for s in ["bi+=" + p for p in pairs]] + [_EMPTY]
            tri_m = [_EMPTY] * 2 + [(s,) if s in known else _EMPTY for s in ["tri-=" + t for t in triples]]
            tri_p = [(s,) if s in known else _EMPTY for s in ["tri+=" + t for t in triples]] + [_EMPTY] * 2
        bos = [self._bos] + [_EMPTY] * (n - 1)
        return [
            [
                *w.own,
                *run_own[runs[i]],
                *quote[quotes[i]],
                *w.upper,
                *marks[i][0],
                *bos[i],
                *near3m[i],
                *near2m[i],
                *r2m[i],
                *g2m[i],
                *near1m[i],
                *r1m[i],
                *g1m[i],
                *near1p[i],
                *r1p[i],
                *g1p[i],
                *near2p[i],
                *r2p[i],
                *g2p[i],
                *near3p[i],
                *bi_m[i],
                *bi_p[i],
                *tri_m[i],
                *tri_p[i],
                *lefthead[i],
                *stretch[i],
            ]
            for i, w in enumerate(words)
        ]


VERSIONS = (1,)
#: the feature set of models whose ``thidua_ner.json`` names none
DEFAULT_VERSION = 1
_EXTRACTORS: dict[int, FeatureExtractor] = {}


def extractor(version: int = DEFAULT_VERSION) -> FeatureExtractor:
    """The shared extractor (no model filter) of feature-set ``version``."""
    got = _EXTRACTORS.get(version)
    if got is None:
        got = _EXTRACTORS[version] = FeatureExtractor(version)
    return got


def sentence_features(tokens: Sequence[str], version: int = DEFAULT_VERSION) -> list[list[str]]:
    """crfsuite feature strings for each token of one sentence (feature set ``version``)."""
    return extractor(version)(tokens)
