"""Sentence splitting of normalised Vietnamese text; offsets index the text given."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Abbreviations after which a period does not end a sentence (compared case-sensitively
# on the word right before the period, and on the last piece of dotted forms like GS.TS).
ABBREVIATIONS = frozenset(
    """TP Tp tp TX Tx TT Q P H X Tr tr GS PGS TS ThS Th BS BSCKI BSCKII CKI CKII KS CN NGƯT NGND NSND NSƯT
    TTƯT TTND Mr Mrs Ms Dr St No Co Ltd Inc vs v.v Ths TSKH ĐC Đ/c đ/c SĐT Tel Fax ĐT Nxb NXB Sđd
    Thượng Trung Thiếu Đại""".split()
)
_OPENERS = "“\"'‘«([{"
_CLOSERS = "”\"'’»)]}"
_SENT_END = re.compile(r"(?:\.\.\.|…|[.!?])+(?:/\.)?")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or an initial."""
    m = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[:dot])
    if not m:
        return False
    word = m.group(1)
    last = word.rsplit(".", 1)[-1]
    if word in ABBREVIATIONS or last in ABBREVIATIONS:
        return True
    # A single capital letter is an initial (Nguyễn V. A.) or a list letter.
    return len(last) == 1 and last.isupper()


def _closing_quote_ahead(text: str, pos: int, limit: int = 300) -> bool:
    """Whether an open quotation closes soon after ``pos`` and the sentence goes on after it."""
    window = text[pos : pos + limit]
    m = re.search(r"[”\"»]", window)
    if not m:
        return False
    after = window[m.end() : m.end() + 3].lstrip()
    # `... phải thi đua.” trong những năm qua` continues; `...đua.”` then a capital ends it.
    return bool(after) and (after[0].islower() or after[0] in ",;:")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence, trimmed of surrounding whitespace.

    Splits at line breaks and after ``.``, ``!``, ``?``, ``…``, ``...`` (and ``./.``),
    optionally followed by closing quotes or brackets, when whitespace and a capital
    letter, a digit or an opening quote follow — except after abbreviations (``TP.``,
    ``GS.TS.``, initials) and inside a short quotation the sentence continues after.
    Semicolons and colons never split; numbers like ``2.655`` or ``51,7`` have no space.
    """
    for line in re.finditer(r"[^\n]+", text):
        yield from _split_line(text, line.start(), line.end())


def _split_line(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    start = lo
    quote_depth = 0
    i = lo
    while i < hi:
        ch = text[i]
        if ch == "“" or (ch == '"' and quote_depth == 0 and (i == lo or text[i - 1] in " ([")):
            quote_depth += 1
        elif ch == "”" or (ch == '"' and quote_depth > 0):
            quote_depth = max(0, quote_depth - 1)
        m = _SENT_END.match(text, i, hi) if ch in ".!?…" else None
        if not m:
            i += 1
            continue
        end = m.end()
        while end < hi and text[end] in _CLOSERS:
            if text[end] in '”"':
                quote_depth = max(0, quote_depth - 1)
            end += 1
        nxt = end
        while nxt < hi and text[nxt] == " ":
            nxt += 1
        boundary = (
            nxt > end
            and nxt < hi
            and (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in _OPENERS or text[nxt] == "-")
        )
        if boundary and m.group() == "." and _is_abbreviation(text, i):
            boundary = False
        if boundary and quote_depth > 0 and _closing_quote_ahead(text, end):
            boundary = False
        if boundary:
            yield from _trimmed(text, start, end)
            start = nxt
            quote_depth = 0
        i = end
    yield from _trimmed(text, start, hi)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
