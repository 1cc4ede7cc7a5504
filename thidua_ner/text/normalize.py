"""Text normalisation with a map back to the caller's original offsets.

Vietnamese news text arrives in NFC or NFD, with old (``hoà``, ``Uỷ``) or new
(``hòa``, ``Ủy``) tone placement, with HTML entities and odd whitespace. The
taggers see one canonical form; users always get offsets into what they passed.

Every character of the normalised string remembers the ``[start, end)`` range of
original characters it came from, so any normalised span maps back exactly.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Combining tone marks (NFD): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAKS = {"\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}
_SPACE_LIKE = {"\u00a0", "\u2007", "\u202f"}
# Invisible format characters that sit inside words: ignored for tagging, kept in the offsets.
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A normalised string and, per character, the original range it came from.

    ``starts`` and ``ends`` are non-decreasing sequences (an ``array`` of machine integers, or a
    ``range`` when the text needed no change), so both directions of the map are a lookup or a
    binary search: no per-character dictionaries, whatever the length of the text.
    """

    text: str
    original: str
    starts: Sequence[int]  # original start offset per normalised character
    ends: Sequence[int]  # original end offset per normalised character

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original string."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def _first_char(self, start: int) -> int | None:
        # the first normalised char that starts at original offset ``start``
        if isinstance(self.starts, _View):
            return self.starts._runs.first_char(start)
        i = bisect_left(self.starts, start)
        return i if i < len(self.starts) and self.starts[i] == start else None

    def _after_char(self, end: int) -> int | None:
        # just past the last normalised char that ends at original offset ``end``
        if isinstance(self.ends, _View):
            return self.ends._runs.after_char(end)
        i = bisect_right(self.ends, end)
        return i if i > 0 and self.ends[i - 1] == end else None

    def to_normalized(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a ``[start, end)`` span of :attr:`original` to :attr:`text`; ``None`` when it does not
        fall on character boundaries the normalisation kept."""
        a, b = self._first_char(start), self._after_char(end)
        return (a, b) if a is not None and b is not None and a < b else None

    def normalized_start(self, start: int, default: int = 0) -> int:
        """The normalised offset of the first character that came from original offset ``start``."""
        found = self._first_char(start)
        return default if found is None else found


def canonical_tone(syllable: str) -> str:
    """Move a tone mark from the second to the first vowel of a final ``oa/oe/uy``.

    ``hoà`` → ``hòa``, ``Uỷ`` → ``Ủy``, ``khoẻ`` → ``khỏe``; ``hoàng``, ``quý`` unchanged.
    The result always has the same number of code points (a word whose recomposition would
    change its length, such as one glued to decomposed Hangul jamo, is left as it is), so the
    offset map stays valid.
    """
    nfd = unicodedata.normalize("NFD", syllable)
    low = "".join(ch for ch in nfd if not unicodedata.combining(ch)).lower()
    if len(low) < 2 or low[-2:] not in ("oa", "oe", "uy") or low[:-2].endswith("q"):
        return syllable
    # Locate the last two base letters in the NFD string and their mark runs.
    bases = [i for i, ch in enumerate(nfd) if not unicodedata.combining(ch)]
    first, second = bases[-2], bases[-1]
    second_marks = nfd[second + 1 :]
    tone = [ch for ch in second_marks if ch in _TONES]
    if not tone:
        return syllable
    first_marks = nfd[first + 1 : second]
    if any(ch in _TONES for ch in first_marks):
        return syllable
    keep_second = "".join(ch for ch in second_marks if ch not in _TONES)
    rebuilt = nfd[: first + 1] + first_marks + tone[0] + nfd[second] + keep_second
    out = unicodedata.normalize("NFC", rebuilt)
    return out if len(out) == len(syllable) else syllable


def _attaches(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it: a combining mark, or a Hangul medial
    vowel / final consonant jamo (which NFC composes with the jamo before it)."""
    return bool(unicodedata.combining(ch)) or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff"


def _unicode_pieces(text: str, i: int = 0, n: int | None = None) -> Iterator[tuple[str, int, int]]:
    """Split ``text[i:n]`` into (piece, start, end) where each piece is a base char with its marks,
    or one decoded HTML entity."""
    n = len(text) if n is None else n
    while i < n:
        if text[i] == "&":
            m = _ENTITY.match(text, i, n)
            if m:
                decoded = html.unescape(m.group())
                if decoded != m.group():
                    yield decoded, i, m.end()
                    i = m.end()
                    continue
        j = i + 1
        while j < n and _attaches(text[j]):
            j += 1
        yield text[i:j], i, j
        i = j


class _Runs:
    """The offset map as runs: an identity run maps normalised ``i`` to ``[s0 + i - n0, +1)``;
    a fixed run maps each of its characters to one original range ``[s, e)``. Memory grows with
    the number of places where normalisation changed something, not with the text."""

    __slots__ = ("seg_n", "seg_s", "seg_e", "length")

    def __init__(self) -> None:
        self.seg_n = array("q")  # normalised index where each run starts
        self.seg_s = array("q")  # original start (of the run's first char / of every char)
        self.seg_e = array("q")  # -1 for an identity run, else the original end of every char
        self.length = 0

    def identity(self, start: int, count: int) -> None:
        if count <= 0:
            return
        if self.seg_n and self.seg_e[-1] < 0 and self.seg_s[-1] + self.length - self.seg_n[-1] == start:
            self.length += count
            return
        self._append(self.length, start, -1)
        self.length += count

    def fixed(self, start: int, end: int) -> None:
        if not (self.seg_n and self.seg_e[-1] == end and self.seg_s[-1] == start):
            self._append(self.length, start, end)
        self.length += 1

    def _append(self, n: int, s: int, e: int) -> None:
        self.seg_n.append(n)
        self.seg_s.append(s)
        self.seg_e.append(e)

    def locate(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.seg_n, i) - 1
        e = self.seg_e[k]
        if e < 0:
            s = self.seg_s[k] + i - self.seg_n[k]
            return s, s + 1
        return self.seg_s[k], e

    def _run_end(self, k: int) -> int:
        return self.seg_n[k + 1] if k + 1 < len(self.seg_n) else self.length

    def first_char(self, start: int) -> int | None:
        """The first normalised index whose original range starts at ``start``."""
        seg_s = self.seg_s
        k = bisect_left(seg_s, start)
        if k < len(seg_s) and seg_s[k] == start:
            return self.seg_n[k]
        k -= 1
        if k >= 0 and self.seg_e[k] < 0 and start - seg_s[k] < self._run_end(k) - self.seg_n[k]:
            return self.seg_n[k] + start - seg_s[k]
        return None

    def after_char(self, end: int) -> int | None:
        """Just past the last normalised index whose original range ends at ``end``."""
        seg_s, seg_e = self.seg_s, self.seg_e
        k = bisect_left(seg_s, end) - 1
        # Ends never decrease; ranges may overlap (a space merged into a run before a mark), so
        # walk back over the few runs whose last character ends at or after ``end``.
        while k >= 0:
            if seg_e[k] < 0:
                count = self._run_end(k) - self.seg_n[k]
                off = end - seg_s[k]
                if 1 <= off <= count:
                    return self.seg_n[k] + off
                if off > count:
                    return None
            elif seg_e[k] == end:
                return self._run_end(k)
            elif seg_e[k] < end:
                return None
            k -= 1
        return None

    def set_last_end(self, end: int) -> None:
        """Extend the last character's original range to ``end`` (whitespace runs, dropped chars)."""
        last = self.length - 1
        if self.seg_n[-1] == last:
            self.seg_e[-1] = end  # a run of one character: identity or fixed, now fixed
            return
        # the last run has several characters: split the last one off
        s, _ = self.locate(last)
        self._append(last, s, end)


class _View(Sequence):
    """``starts`` or ``ends`` of a :class:`_Runs` map as a read-only sequence of ints."""

    __slots__ = ("_runs", "_end")

    def __init__(self, runs: _Runs, end: bool) -> None:
        self._runs, self._end = runs, end

    def __len__(self) -> int:
        return self._runs.length

    def __getitem__(self, i):  # type: ignore[override]
        n = self._runs.length
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("offset map index out of range")
        return self._runs.locate(i)[self._end]

    def __iter__(self):
        runs = self._runs
        bounds = list(runs.seg_n[1:]) + [runs.length]
        for n0, s0, e0, n1 in zip(runs.seg_n, runs.seg_s, runs.seg_e, bounds):
            if e0 < 0:
                yield from range(s0 + self._end, s0 + self._end + n1 - n0)
            else:
                yield from [e0 if self._end else s0] * (n1 - n0)


class _Builder:
    """Accumulates the normalised text and its offset map, chunk by chunk."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs = _Runs()
        self.last = ""  # the last character written
        self.pending: int | None = None  # start of dropped characters before any output

    def identity(self, text: str, a: int, b: int) -> None:
        if a >= b:
            return
        self.parts.append(text[a:b])
        if self.pending is not None:
            self.runs.fixed(self.pending, a + 1)
            self.pending = None
            a += 1
        self.runs.identity(a, b - a)
        self.last = text[b - 1]

    def _set_last(self, ch: str) -> None:
        tail = self.parts[-1]
        self.parts[-1] = tail[:-1] + ch
        self.last = ch

    def pieces(self, text: str, a: int, b: int) -> None:
        runs = self.runs
        for piece, s, e in _unicode_pieces(text, a, b):
            nfc = unicodedata.normalize("NFC", piece)
            for ch in nfc:
                if ch in _DROP:
                    # Invisible inside a word (soft hyphen, zero-width space/joiners): the
                    # tagger never sees it; the character before it covers it in the map.
                    if runs.length:
                        runs.set_last_end(e)
                    elif self.pending is None:
                        self.pending = s
                    continue
                if "\ud800" <= ch <= "\udfff":
                    ch = "\ufffd"  # a lone surrogate: same length, never reaches the C layer
                elif ch.isspace() or ch in _SPACE_LIKE or unicodedata.category(ch) in ("Cc", "Cf"):
                    # A run of whitespace becomes one space, or one newline if it holds a line
                    # break: line breaks end headlines and captions that have no final stop.
                    brk = "\n" if ch in _LINE_BREAKS else " "
                    if self.last in (" ", "\n"):
                        if brk == "\n":
                            self._set_last("\n")
                        runs.set_last_end(e)
                        continue
                    ch = brk
                self.parts.append(ch)
                start = s if self.pending is None else self.pending
                if len(piece) == 1 and len(nfc) == 1 and start == s:
                    runs.identity(s, 1)
                else:
                    runs.fixed(start, e)
                self.pending = None
                self.last = ch


def normalize(text: str) -> NormalizedText:
    """NFC, canonical tone placement, HTML entities decoded, whitespace runs collapsed.

    A whitespace run becomes one space, or one ``\\n`` when it contains a line break;
    control and format characters count as whitespace, except the invisible ones that sit
    inside words (soft hyphen, zero-width space, ZWJ, ZWNJ, word joiner, BOM), which are
    dropped from the normalised text and covered by their neighbour in the map. Lone
    surrogates become U+FFFD. Leading and trailing whitespace is kept (collapsed) so the map
    stays simple; sentence splitting trims it. The cost is linear; text that needs no change
    (the common case, line by line) is copied in bulk.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    n = len(text)
    if _is_plain(text):
        # Fast path for the common case (NFC, single spaces, no entities): identity map.
        return NormalizedText(_canonical_tones(text), text, range(n), range(1, n + 1))
    build = _Builder()
    pos = 0
    for m in _LINE.finditer(text):
        a, b = m.span()
        chunk = m.group()
        if _attaches(chunk[0]):
            continue  # a mark at the start belongs to the piece before: process it with that one
        build.pieces(text, pos, a)
        if not (chunk[0] == " " and build.last in (" ", "\n")) and not _needs_pieces(chunk):
            build.identity(text, a, b)
        else:
            build.pieces(text, a, b)
        pos = b
    build.pieces(text, pos, n)
    out = _canonical_tones("".join(build.parts))
    return NormalizedText(out, text, _View(build.runs, False), _View(build.runs, True))


# Only words ending in o/u + a toned a/e/y can carry old-style tone placement.
_TONE_END = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")
# Characters outside Latin (with its extensions) and Vietnamese: only these can be combining.
_EXOTIC = re.compile(r"[^\x00-\u02ff\u1e00-\u1eff]")


def _canonical_tones(text: str) -> str:
    """:func:`canonical_tone` on every word that can carry an old tone placement; same length.

    Only the last three letters of a word decide (``q`` + ``u`` + toned vowel), so each fix
    looks back a bounded distance and the cost stays linear."""
    parts: list[str] = []
    pos = 0
    for m in _TONE_END.finditer(text):
        start = m.start()
        if start > 0 and _is_letter(text[start - 1]):
            start -= 1
        word = text[start : m.end()]
        fixed = canonical_tone(word)
        if fixed != word:
            parts.append(text[pos:start])
            parts.append(fixed)
            pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _is_letter(ch: str) -> bool:
    # the class [^\W\d_]: alphanumeric, not a decimal digit, not "_"
    return ch.isalnum() and not ch.isdecimal()


def _needs_pieces(chunk: str) -> bool:
    """Whether ``chunk`` has something the bulk copy cannot keep as it is."""
    if "&" in chunk or "  " in chunk or not chunk.isprintable():
        return True
    if _EXOTIC.search(chunk) and _special_chars().search(chunk):
        return True
    return not unicodedata.is_normalized("NFC", chunk)


# Stretches between line breaks (and other vertical whitespace), the unit of the bulk copy.
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


@lru_cache(maxsize=1)
def _special_chars() -> re.Pattern:
    """Characters that stop a bulk copy: ``&`` (entities), double spaces, and every character that
    joins the one before it (combining marks, Hangul jamo), whose piece maps as a whole."""
    joining = [chr(c) for c in range(0x300, 0x20000) if _attaches(chr(c))]
    ranges: list[str] = []
    for ch in joining:
        if ranges and ord(ranges[-1][-1]) + 1 == ord(ch):
            ranges[-1] = ranges[-1][0] + ch
        else:
            ranges.append(ch)
    body = "".join(re.escape(r[0]) + ("-" + re.escape(r[-1]) if len(r) > 1 else "") for r in ranges)
    return re.compile(f"&|  |[{body}]")


def _is_plain(text: str) -> bool:
    return not _needs_pieces(text)


def normalize_award_key(text: str) -> str:
    """A comparison key for award names: NFC, canonical tones, case-folded, single spaces."""
    return " ".join(normalize(text).text.casefold().split())
