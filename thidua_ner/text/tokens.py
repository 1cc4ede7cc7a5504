"""Syllable tokens of normalised Vietnamese text.

Vietnamese writes one syllable per space-separated token, so "tokens" here are
syllables, numbers and single punctuation marks, with offsets into the text given.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

# Numbers keep their thousands/decimal separators (2.655, 51,7, 1.234.567); words are
# runs of letters/digits; every other non-space character is a token of its own.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+|\S")
_intern = sys.intern
_new = tuple.__new__


class Token(NamedTuple):
    """One syllable, number or punctuation mark with ``[start, end)`` offsets.

    A named tuple: immutable, small, and untracked by the garbage collector (a long text has
    millions of tokens; tracked objects would make every full collection walk them all).
    """

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into syllable tokens; offsets are shifted by ``offset``."""
    # Syllables repeat (a few thousand distinct ones in a page of news): interned, a long text
    # keeps one string per distinct syllable instead of one per occurrence.
    # tuple.__new__ skips the named tuple's Python-level __new__ (a third of the cost per token).
    return [_new(Token, (_intern(m[0]), m.start() + offset, m.end() + offset)) for m in TOKEN_RE.finditer(text)]
