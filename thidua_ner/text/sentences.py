"""Sentence splitting of normalised Vietnamese text; offsets index the text given.

Cost is linear in the length of the text: every look-back (abbreviations, list numbers) and
look-ahead (closing quotes) is bounded by a small constant.

Whole pages (EVENT_SCHEMA v1.1, "Sentences"): a line break always ends a sentence — headlines,
captions, photo credits (``Ảnh: THU HÀ``), bylines and list items stand alone — except that a line
ending with ``:``, ``;`` or ``,`` runs on into the next non-blank line, so a list introduced by a
colon belongs to the sentence that introduces it. List numbers (``I.``–``IV.``, ``1.``, ``2.1.``,
``a)``, ``A.``) at the start of a line, of a sentence or after ``:``/``;`` never end a sentence.
"""

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
# Characters the scanner stops at: quotes (depth) and sentence-final punctuation.
_INTEREST = re.compile(r"[“”\".!?…]")
# No abbreviation is longer than this: look-backs stop here, so scanning stays linear.
_LOOKBACK = max(len(a) for a in ABBREVIATIONS) + 1
# A list number: Roman (I.–XX.), Arabic (1., 2.1.), a letter (a), A.) — before its item's text.
_MARKER = re.compile(r"(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3}|[^\W\d_])[.)]")
_MARKER_MAX = 16
_RUN_ON = ":;,"


def _is_letter(ch: str) -> bool:
    # The class [^\W\d_] of the regular expressions: alphanumeric, not a decimal digit, not "_".
    return ch.isalnum() and not ch.isdecimal()


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or an initial.

    The word before the period is its maximal run of letters and inner dots (``GS.TS``); it is an
    abbreviation when it, or its last dotted piece, is in :data:`ABBREVIATIONS`, or when the last
    piece is one capital letter (an initial, ``Nguyễn V. A.``). Looks back at most a few characters:
    a longer word is no abbreviation.
    """
    floor = max(0, dot - _LOOKBACK)
    j = dot
    while j > floor and _is_letter(text[j - 1]):
        j -= 1
    if j == dot or (j == floor and j > 0 and _is_letter(text[j - 1])):
        return False  # no word, or a letter run longer than any abbreviation
    last = text[j:dot]
    if last in ABBREVIATIONS or (len(last) == 1 and last.isupper()):
        return True
    k = j
    while k >= 2 and text[k - 1] == "." and _is_letter(text[k - 2]):
        if k - 2 < floor:
            return False  # the dotted word is longer than any abbreviation
        k -= 1
        while k > floor and _is_letter(text[k - 1]):
            k -= 1
        if k == floor and k > 0 and _is_letter(text[k - 1]):
            return False
    return k < j and text[k:dot] in ABBREVIATIONS


def _is_list_marker(text: str, i: int, end: int, lo: int, start: int) -> bool:
    """Whether the punctuation ending at ``end`` closes a list number (``I.``, ``1.``, ``a)``) that
    starts a line, the current sentence, or an item after ``:``/``;``."""
    j = i
    floor = max(lo, i - _MARKER_MAX)
    while j > floor and not text[j - 1].isspace():
        j -= 1
    if j > lo and not text[j - 1].isspace():
        return False
    if not _MARKER.fullmatch(text, j, end):
        return False
    if j == lo or j == start or text[j - 1] == "\n":
        return True
    before = text[max(lo, j - 2) : j].rstrip(" ")
    return before.endswith((":", ";"))


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

    Splits at line breaks (a line ending with ``:``, ``;`` or ``,`` runs on into the next one) and
    after ``.``, ``!``, ``?``, ``…``, ``...`` (and ``./.``), optionally followed by closing quotes
    or brackets, when whitespace and a capital letter, a digit or an opening quote follow — except
    after abbreviations (``TP.``, ``GS.TS.``, initials), after list numbers (``I.``, ``1.``) that
    open a line or an item, and inside a short quotation the sentence continues after.
    Semicolons and colons never split; numbers like ``2.655`` or ``51,7`` have no space.
    """
    for lo, hi in _blocks(text):
        yield from _split_block(text, lo, hi)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Runs of lines: a line ending with ``:``, ``;`` or ``,`` runs on into the next non-blank line."""
    start = None
    for line in re.finditer(r"[^\n]+", text):
        content = line.group().rstrip()
        if not content.strip():
            continue
        if start is None:
            start = line.start()
        if content[-1] not in _RUN_ON:
            yield start, line.end()
            start = None
    if start is not None:
        yield start, len(text.rstrip())


def _split_block(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    start = lo
    quote_depth = 0
    i = lo
    while i < hi:
        found = _INTEREST.search(text, i, hi)
        if not found:
            break
        i = found.start()
        ch = text[i]
        if ch == "“" or (ch == '"' and quote_depth == 0 and (i == lo or text[i - 1] in " \n([")):
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
        while nxt < hi and text[nxt] in " \n":
            nxt += 1
        boundary = (
            nxt > end
            and nxt < hi
            and (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in _OPENERS or text[nxt] == "-")
        )
        if boundary and m.group() == "." and _is_abbreviation(text, i):
            boundary = False
        if boundary and m.group() == "." and end == i + 1 and _is_list_marker(text, i, end, lo, start):
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
