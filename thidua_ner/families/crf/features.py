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
corpus by ``tests/test_crf_features.py``), in the same order. The tagger also leaves out
the strings its model has no weight for (crfsuite would ignore them after looking them up).

Feature sets (``features`` in a model's ``thidua_ner.json``; models without it: 1):

- **1**: the features of the models shipped up to v0.1, unchanged.
- **2** (issue 9, real pages): set 1 computed on a normalised view of the sentence — dashes
  ``–``/``—`` read as ``-``; an ALL-CAPS sentence (headline, byline, caption) given its usual
  casing (:meth:`FeatureExtractor._truecase`) and flagged ``allcaps`` — with two more word
  lists (the verbs and function words that end a title or a name, ``g:end=…``; the award
  heads of mass organisations in ``g:award=…``), plus abbreviation shapes (``ab=C`` for
  ``TĐKT``, ``ab=J``/``CJ`` for the parts of ``GD&ĐT``, ``TP.HCM``; also on the neighbours)
  and ``photo`` on the tokens of a photo credit (``Ảnh: …``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from ...text.lexicon import (
    ABBREVIATIONS,
    GAZETTEERS,
    PHOTO_CUES,
    TITLE_END_WORDS,
    Gazetteer,
    gazetteer_lists,
    parse_list,
)

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


#: the tokens :func:`_quote_state` reacts to (``tok in _OPEN_Q`` is a substring test: "" counts too)
_QUOTE_TOKENS = frozenset(q[i:j] for q in (_OPEN_Q, _CLOSE_Q) for i in range(len(q) + 1) for j in range(i, len(q) + 1))


def _splits(joined: str, parts: int) -> list[tuple[str, ...]]:
    """Every tuple of ``parts`` strings that ``|`` joins into ``joined``: all of them, so that a token
    holding ``|`` itself finds the same n-gram as the joined string would."""
    if parts == 1:
        return [(joined,)]
    return [
        (joined[:i], *rest) for i, ch in enumerate(joined) if ch == "|" for rest in _splits(joined[i + 1 :], parts - 1)
    ]


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

    __slots__ = ("low", "shape", "own", "upper", "near", "word", "caps", "abbr", "title")

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
        alpha = tok.isalpha()
        #: a word of two letters or more with a vowel, and whether it is upper case (ALL-CAPS test)
        self.word = len(tok) > 1 and alpha and _has_vowel(low)
        self.caps = tok.isupper()
        #: an upper-case abbreviation or a part of one (``TĐKT``, ``GD``, ``Đ`` but not ``A``)
        self.abbr = self.caps and alpha and (len(tok) > 1 or not _has_vowel(low))
        #: counts in a capitalisation run (``Xx``, or one upper-case letter)
        self.title = tok[:1].isupper() and not tok.isupper() or (len(tok) == 1 and tok.isupper())


_EMPTY: tuple[str, ...] = ()


class FeatureExtractor:
    """Feature strings of one feature-set version, with caches of its own.

    ``known``: the attributes a trained model has weights for. Features outside it are
    left out (crfsuite ignores unknown attributes, so tags and scores are the same, bit
    for bit, and crfsuite has fewer strings to look up); ``None`` keeps everything
    (training, and :func:`sentence_features`). ``encoded``: give the strings as UTF-8 bytes,
    which pycrfsuite takes without encoding each one again (the tagger's choice; same features).
    """

    def __init__(
        self,
        version: int = 1,
        known: frozenset[str] | set[str] | None = None,
        extras: Iterable[str] | None = None,
        encoded: bool = False,
    ) -> None:
        if version not in VERSIONS:
            raise ValueError(f"unknown CRF feature version {version!r}; known: {', '.join(map(str, VERSIONS))}")
        self.version = version
        self.known = known
        self.encoded = encoded
        # feature string -> what goes out (the string, or its UTF-8 bytes), for the strings built per
        # sentence (bigrams, trigrams); None keeps every one of them
        self._out: dict[str, str | bytes] | None = None
        #: word pair -> its (``bi-=``, ``bi+=``) strings; word triple -> (``tri-=``, ``tri+=``); the model's only
        self._pairs: dict[tuple[str, str], tuple[tuple, tuple]] = {}
        self._triples: dict[tuple[str, str, str], tuple[tuple, tuple]] = {}
        if known is not None:
            self._out = {s: s.encode("utf-8") for s in known} if encoded else {s: s for s in known}
            self._index_ngrams()
        #: the feature-set-2 additions in use (all of them unless ``extras`` picks some: ablations)
        self.extras = frozenset(V2_EXTRAS if extras is None else extras) if version >= 2 else frozenset()
        unknown = self.extras - KNOWN_EXTRAS
        if unknown:
            raise ValueError(f"unknown feature-set-2 extras: {', '.join(sorted(unknown))}")
        if version == 1:
            self._gaz = _GAZ
        else:
            lists, v2 = dict(GAZETTEERS), gazetteer_lists(2)
            for name in ("award", "end"):
                if name in self.extras:
                    lists[name] = v2[name]
            self._gaz = Gazetteer(lists)
        self._words: dict[str, _Word] = {}
        self._marks: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        keep = self._keep
        self._run_own = {r: keep(("run=" + r,)) for r in ("O", "S1", "B2", "B3", "B4", "B5", "I", "E")}
        self._run_near = [{c: keep((f"run{d}={c}",)) for c in "OBIES"} for d in (-2, -1, 1, 2)]
        self._quote = {q: keep((f"q={q}",)) for q in ("open", "close", "in", "out")}
        self._lefthead = {f"{k}=B": tuple(keep((f"lefthead={k}=B@{d}",)) for d in range(7)) for k in _HEAD_KINDS}
        self._stretch = {k: tuple(keep((f"stretch={k}@{_bucket(d)}",)) for d in range(12)) for k in _HEAD_KINDS}
        self._bos = keep(("BOS",))
        self._abbr_table = tuple(
            {c: keep((f"{prefix}={c}",)) for c in ("C", "J", "CJ")} for prefix in ("ab", "ab-1", "ab1")
        )
        self._comma_table = (keep(("cd=none",)),) + tuple(keep((f"cd={_bucket(d)}",)) for d in range(1, 12))
        self._pad = [_EMPTY, _EMPTY, keep(("w-1=<BOS>",)), keep(("w1=<EOS>",)), _EMPTY, _EMPTY]

    def _index_ngrams(self) -> None:
        """The model's bigram and trigram strings by their word tuples, so a sentence looks each pair
        and triple up once, as a tuple, instead of building four strings per token to look up."""
        assert self._out is not None
        for prefix, parts, table, slot in (
            ("bi-=", 2, self._pairs, 0),
            ("bi+=", 2, self._pairs, 1),
            ("tri-=", 3, self._triples, 0),
            ("tri+=", 3, self._triples, 1),
        ):
            for string, value in self._out.items():
                if string.startswith(prefix):
                    for key in _splits(string[len(prefix) :], parts):
                        entry = table.get(key, (_EMPTY, _EMPTY))
                        table[key] = ((value,), entry[1]) if slot == 0 else (entry[0], (value,))

    def _keep(self, strings: tuple[str, ...]) -> tuple[str, ...]:
        if self.known is not None:
            strings = tuple(s for s in strings if s in self.known)
        if self.encoded:
            # pycrfsuite takes bytes as they are; a str it encodes again on every sentence
            return tuple(s.encode("utf-8") for s in strings)  # type: ignore[misc]
        return strings

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
        if self.version == 1:
            return self._v1(tokens)
        return self._v2(tokens)

    # ------------------------------------------------------------------ feature set 2

    def _v2(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature set 2: feature set 1 on a normalised view of the sentence (dashes as ``-``,
        ALL-CAPS sentences in their usual casing) with the v2 word lists, plus extras."""
        n = len(tokens)
        if n == 0:
            return []
        extras, keep = self.extras, self._keep
        if "dash" in extras and not _DASH_SET.isdisjoint(tokens):
            view = [_DASHES.get(t, t) for t in tokens]
        else:
            view = list(tokens)
        cache, word = self._words, self._word
        words = [cache[t] if t in cache else word(t) for t in view]
        allcaps = "caps" in extras and _words_allcaps(words)
        if allcaps:
            view = self._truecase(view)
            words = [cache[t] if t in cache else word(t) for t in view]
        feats = self._v1(view, words)
        lowered = [w.low for w in words]
        if allcaps:
            flag = keep(("allcaps",))
            for f in feats:
                f.extend(flag)
        if "abbr" in extras and any(w.abbr for w in words):
            classes = _abbreviation_classes(view, [w.abbr for w in words])
            if any(classes):
                table = self._abbr_table
                for i, f in enumerate(feats):
                    if classes[i]:
                        f.extend(table[0][classes[i]])
                    if i and classes[i - 1]:
                        f.extend(table[1][classes[i - 1]])
                    if i + 1 < n and classes[i + 1]:
                        f.extend(table[2][classes[i + 1]])
        if "photo" in extras and ":" in lowered:
            photo = keep(("photo",))
            for i in _photo_credit_positions(lowered):
                feats[i].extend(photo)
        if "comma" in extras:
            table = self._comma_table
            last = -1
            for i, f in enumerate(feats):
                f.extend(table[0] if last < 0 else table[min(i - last, 11)])
                if view[i] == ",":
                    last = i
        return feats

    def _truecase(self, view: list[str]) -> list[str]:
        """An ALL-CAPS sentence in the casing it would have in running text: lower case, but
        abbreviations upper case, names (a surname and up to three more syllables) and the
        first word, office, award, campaign and honorific heads capitalised."""
        lowered = [t.lower() for t in view]
        marks = self._gaz.marks(lowered)
        n = len(view)
        out: list[str] = []
        name_until = -1
        first = True
        for i, tok in enumerate(view):
            low = lowered[i]
            if not tok.isupper():
                out.append(tok)
                continue
            if low in _ABBREVIATIONS or not _has_vowel(low):
                out.append(tok)
            elif i <= name_until or first or any(m in _CAPITALISED_HEADS for m in marks[i]):
                out.append(tok[:1] + low[1:])
            elif "surname=B" in marks[i] and i + 1 < n and view[i + 1].isupper() and view[i + 1].isalpha():
                out.append(tok[:1] + low[1:])
                j = i + 1
                while j < min(n, i + 4) and view[j].isalpha() and view[j].isupper() and lowered[j] not in _END_WORDS:
                    j += 1
                name_until = j - 1
            else:
                out.append(low)
            first = first and not tok.isalpha()
        return out

    def _v1(self, tokens: Sequence[str], words: list[_Word] | None = None) -> list[list[str]]:
        n = len(tokens)
        if n == 0:
            return []
        if words is None:
            cache, word = self._words, self._word
            words = [cache[t] if t in cache else word(t) for t in tokens]
        lowered = [w.low for w in words]
        runs = _runs_of([w.title for w in words])
        quote = self._quote
        if _QUOTE_TOKENS.isdisjoint(tokens):
            quotes = [quote["out"]] * n
        else:
            quotes = [quote[q] for q in _quote_state(tokens)]
        known_marks, mark_strings = self._marks, self._mark_strings
        marks = [known_marks[m] if m in known_marks else mark_strings(m) for m in self._gaz.marks(lowered)]

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
        run_own = self._run_own
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
        if self._out is not None:  # a model's extractor: its n-grams by word tuple
            none = (_EMPTY, _EMPTY)
            bigrams = [self._pairs.get(p, none) for p in zip(lowered, lowered[1:])]
            trigrams = [self._triples.get(t, none) for t in zip(lowered, lowered[1:], lowered[2:])]
            bi_m = [_EMPTY] + [b[0] for b in bigrams]
            bi_p = [b[1] for b in bigrams] + [_EMPTY]
            tri_m = [_EMPTY] * 2 + [t[0] for t in trigrams]
            tri_p = [t[1] for t in trigrams] + [_EMPTY] * 2
        else:
            pairs = [f"{a}|{b}" for a, b in zip(lowered, lowered[1:])]
            triples = [f"{a}|{p}" for a, p in zip(lowered, pairs[1:])]
            bi_m = [_EMPTY] + [("bi-=" + p,) for p in pairs]
            bi_p = [("bi+=" + p,) for p in pairs] + [_EMPTY]
            tri_m = [_EMPTY] * 2 + [("tri-=" + t,) for t in triples]
            tri_p = [("tri+=" + t,) for t in triples] + [_EMPTY] * 2
            if self.encoded:  # a model whose attributes could not be read: everything, as bytes
                bi_m, bi_p, tri_m, tri_p = (
                    [tuple(s.encode("utf-8") for s in one) for one in column] for column in (bi_m, bi_p, tri_m, tri_p)
                )
        bos = [self._bos] + [_EMPTY] * (n - 1)
        return [
            [
                *w.own,
                *run_own[runs[i]],
                *quotes[i],
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


VERSIONS = (1, 2)
#: the feature set new models are trained with
LATEST_VERSION = 2
#: what feature set 2 adds to feature set 1
V2_EXTRAS = frozenset({"end", "award", "abbr", "caps", "dash", "photo"})
#: the extras ``FeatureExtractor(2, extras=…)`` can pick for ablations (``comma``, the distance to the
#: previous comma, lowered dev F1 in the ablation of 2026-12-01 and is not part of feature set 2)
KNOWN_EXTRAS = V2_EXTRAS | {"comma"}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_DASH_SET = frozenset(_DASHES)
_ABBREVIATIONS = frozenset(" ".join(e) for e in parse_list(ABBREVIATIONS) if len(e) == 1)
_END_WORDS = frozenset(e[0] for e in parse_list(TITLE_END_WORDS))
_CAPITALISED_HEADS = frozenset({"office=B", "award=B", "camp=B", "honor=B"})
_PHOTO_CUES = frozenset(parse_list(PHOTO_CUES))
_JOINERS = frozenset("&./")


def _has_vowel(word: str) -> bool:
    return any(c in "aeiouy" for c in unicodedata.normalize("NFD", word))


def _is_allcaps(tokens: Sequence[str]) -> bool:
    """Most words (of two letters or more, with a vowel) are upper case: a headline,
    a byline or a caption written in capitals."""
    return _words_allcaps([_Word(t, lambda x: x) for t in tokens])


def _words_allcaps(words: Sequence[_Word]) -> bool:
    count = upper = 0
    for w in words:
        if w.word:
            count += 1
            upper += w.caps
    return count >= 2 and upper >= 0.8 * count


def _abbreviation_classes(tokens: Sequence[str], caps: Sequence[bool] | None = None) -> list[str]:
    """Per token: ``C`` an upper-case abbreviation (``TĐKT``, ``BV``), ``J`` the ``&``/``.``/``/``
    joining two of them (``GD&ĐT``, ``TP.HCM``, ``UV.BTV``), ``CJ`` a part of such a compound."""
    n = len(tokens)
    if caps is None:
        caps = [t.isupper() and t.isalpha() and (len(t) > 1 or not _has_vowel(t.lower())) for t in tokens]
    out = ["C" if c and len(t) > 1 else "" for t, c in zip(tokens, caps)]
    for i in range(1, n - 1):
        if tokens[i] in _JOINERS and caps[i - 1] and caps[i + 1]:
            out[i] = "J"
            out[i - 1] = out[i + 1] = "CJ"
    return out


def _photo_credit_positions(lowered: Sequence[str]) -> list[int]:
    """Tokens of a photo credit: after ``Ảnh:`` (``Ảnh minh họa:``, ``Nguồn:``) up to a
    closing bracket or ``;``."""
    out: list[int] = []
    n = len(lowered)
    for i, tok in enumerate(lowered):
        if tok != ":" or not any(tuple(lowered[max(0, i - k) : i]) in _PHOTO_CUES for k in (1, 2, 3)):
            continue
        j = i + 1
        while j < n and lowered[j] not in (")", ";", "]"):
            out.append(j)
            j += 1
    return out


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
