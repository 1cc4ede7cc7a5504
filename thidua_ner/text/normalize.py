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
from dataclasses import dataclass
from functools import cached_property

# Combining tone marks (NFD): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAKS = {"\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}
_SPACE_LIKE = {"\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff"}


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A normalised string and, per character, the original range it came from."""

    text: str
    original: str
    starts: array  # original start offset per normalised character
    ends: array  # original end offset per normalised character

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original string."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    @cached_property
    def _inverse(self) -> tuple[dict[int, int], dict[int, int]]:
        # original offset -> first normalised char starting there / just past the last one ending there
        first_char: dict[int, int] = {}
        after_char: dict[int, int] = {}
        for i, (s, e) in enumerate(zip(self.starts, self.ends)):
            first_char.setdefault(s, i)
            after_char[e] = i + 1
        return first_char, after_char

    def to_normalized(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a ``[start, end)`` span of :attr:`original` to :attr:`text`; ``None`` when it does not
        fall on character boundaries the normalisation kept."""
        first_char, after_char = self._inverse
        a, b = first_char.get(start), after_char.get(end)
        return (a, b) if a is not None and b is not None and a < b else None

    def normalized_start(self, start: int, default: int = 0) -> int:
        """The normalised offset of the first character that came from original offset ``start``."""
        return self._inverse[0].get(start, default)


def canonical_tone(syllable: str) -> str:
    """Move a tone mark from the second to the first vowel of a final ``oa/oe/uy``.

    ``hoà`` → ``hòa``, ``Uỷ`` → ``Ủy``, ``khoẻ`` → ``khỏe``; ``hoàng``, ``quý`` unchanged.
    The result has the same length in NFC code points, so offsets are untouched.
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
    return unicodedata.normalize("NFC", rebuilt)


def _unicode_pieces(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into (piece, start, end) where each piece is a base char with its marks,
    or one decoded HTML entity."""
    pieces: list[tuple[str, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == "&":
            m = _ENTITY.match(text, i)
            if m:
                decoded = html.unescape(m.group())
                if decoded != m.group():
                    pieces.append((decoded, i, m.end()))
                    i = m.end()
                    continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        pieces.append((text[i:j], i, j))
        i = j
    return pieces


def normalize(text: str) -> NormalizedText:
    """NFC, canonical tone placement, HTML entities decoded, whitespace runs collapsed.

    A whitespace run becomes one space, or one ``\\n`` when it contains a line break;
    control and format characters count as whitespace. Leading and trailing
    whitespace is kept (collapsed) so the map stays simple; sentence splitting trims it.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    if _is_plain(text):
        # Fast path for the common case (NFC, single spaces, no entities): identity map.
        out = _TONE_WORD.sub(lambda m: canonical_tone(m.group()), text)
        return NormalizedText(out, text, array("q", range(len(text))), array("q", range(1, len(text) + 1)))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for piece, s, e in _unicode_pieces(text):
        nfc = unicodedata.normalize("NFC", piece)
        for ch in nfc:
            if ch.isspace() or ch in _SPACE_LIKE or unicodedata.category(ch) in ("Cc", "Cf"):
                # A run of whitespace becomes one space, or one newline if it holds a line
                # break: line breaks end headlines and captions that have no final stop.
                brk = "\n" if ch in _LINE_BREAKS else " "
                if chars and chars[-1] in " \n":
                    if brk == "\n":
                        chars[-1] = "\n"
                    ends[-1] = e
                    continue
                ch = brk
            chars.append(ch)
            starts.append(s)
            ends.append(e)
    out = "".join(chars)
    # Tone placement is fixed per word; lengths do not change, so the map stays valid.
    out = _TONE_WORD.sub(lambda m: canonical_tone(m.group()), out)
    return NormalizedText(out, text, array("q", starts), array("q", ends))


# Only words ending in o/u + a toned a/e/y can carry old-style tone placement.
_TONE_WORD = re.compile(r"[^\W\d_]*[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")
_NOT_PLAIN = re.compile(r"[&\s]{2,}|&|[^\S ]|[\x00-\x1f\x7f-\x9f\u00a0\u2007\u202f\u200b\ufeff\u2028\u2029]")


def _is_plain(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and not _NOT_PLAIN.search(text)


def normalize_award_key(text: str) -> str:
    """A comparison key for award names: NFC, canonical tones, case-folded, single spaces."""
    return " ".join(normalize(text).text.casefold().split())
