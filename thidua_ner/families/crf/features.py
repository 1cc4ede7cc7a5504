"""Features of the CRF family: crfsuite feature strings per syllable token.

Features are chosen for this text: Vietnamese names are runs of capitalised
syllables, offices and awards start with a small set of head words, counts are a
number followed by a recipient noun, and campaign names sit inside quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...text.lexicon import Gazetteer

_GAZ = Gazetteer()
_OPEN_Q = '“"«‘'
_BREAKERS = frozenset(",;.():!?")


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 3 else "4-6" if distance <= 6 else "7-10" if distance <= 10 else "11+"


_CLOSE_Q = '”"»’'


_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d" if len(tok) < 3 else "ddd"
    if _NUMBER.fullmatch(tok):
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
    out = ["O"] * len(tokens)
    i = 0
    while i < len(tokens):
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and caps[j + 1]:
            j += 1
        if i == j:
            out[i] = "S"
        else:
            out[i] = "B"
            out[j] = "E"
            for k in range(i + 1, j):
                out[k] = "I"
        out[i] += str(min(j - i + 1, 5))
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


_HEAD_KINDS = ("award", "office", "camp")


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """crfsuite feature strings for each token of one sentence."""
    lowered = [t.lower() for t in tokens]
    shapes = [_shape(t) for t in tokens]
    gaz = _GAZ.mark(lowered)
    runs = _cap_runs(tokens)
    quotes = _quote_state(tokens)
    n = len(tokens)
    # The first head-word mark (``award=B``, ``office=B``, ``camp=B``) of each token, if any.
    head_mark: list[str | None] = []
    for marks in gaz:
        found = None
        for m in marks:
            if m.endswith("=B") and m.split("=")[0] in _HEAD_KINDS:
                found = m
                break
        head_mark.append(found)
    stretch_head: list[tuple[str, int] | None] = []
    current: tuple[str, int] | None = None
    for i in range(n):
        if tokens[i] in _BREAKERS:
            current = None
        stretch_head.append((current[0], i - current[1]) if current else None)
        if head_mark[i]:
            current = (head_mark[i].split("=")[0], i)
    # Per-token pieces the neighbours reuse.
    runs1 = [r[:1] for r in runs]
    feats: list[list[str]] = []
    last_head = -100  # the nearest token to the left with a head mark
    for i, tok in enumerate(tokens):
        low = lowered[i]
        f = [
            "b",
            "w=" + low,
            "s=" + shapes[i],
            "run=" + runs[i],
            "q=" + quotes[i],
        ]
        add = f.append
        if tok != low:
            add("W=" + tok)
        if gaz[i]:
            f.extend(["g:" + m for m in gaz[i]])
        if i == 0:
            add("BOS")
        # Neighbours at -3 … +3, in this order: words and shapes; runs and gazetteer marks up to ±2.
        if i >= 3:
            add("w-3=" + lowered[i - 3])
            add("s-3=" + shapes[i - 3])
        if i >= 2:
            add("w-2=" + lowered[i - 2])
            add("s-2=" + shapes[i - 2])
            add("run-2=" + runs1[i - 2])
            if gaz[i - 2]:
                f.extend(["g-2:" + m for m in gaz[i - 2]])
        if i >= 1:
            add("w-1=" + lowered[i - 1])
            add("s-1=" + shapes[i - 1])
            add("run-1=" + runs1[i - 1])
            if gaz[i - 1]:
                f.extend(["g-1:" + m for m in gaz[i - 1]])
        else:
            add("w-1=<BOS>")
        if i + 1 < n:
            add("w1=" + lowered[i + 1])
            add("s1=" + shapes[i + 1])
            add("run1=" + runs1[i + 1])
            if gaz[i + 1]:
                f.extend(["g1:" + m for m in gaz[i + 1]])
        else:
            add("w1=<EOS>")
        if i + 2 < n:
            add("w2=" + lowered[i + 2])
            add("s2=" + shapes[i + 2])
            add("run2=" + runs1[i + 2])
            if gaz[i + 2]:
                f.extend(["g2:" + m for m in gaz[i + 2]])
        if i + 3 < n:
            add("w3=" + lowered[i + 3])
            add("s3=" + shapes[i + 3])
        if i > 0:
            add(f"bi-={lowered[i - 1]}|{low}")
        if i + 1 < n:
            add(f"bi+={low}|{lowered[i + 1]}")
        if i > 1:
            add(f"tri-={lowered[i - 2]}|{lowered[i - 1]}|{low}")
        if i + 2 < n:
            add(f"tri+={low}|{lowered[i + 1]}|{lowered[i + 2]}")
        # The nearest head word to the left within the sentence (11 tokens at most): awards,
        # offices and campaigns are long and their inner words are ordinary.
        if i - last_head <= 11:
            add(f"lefthead={head_mark[last_head]}@{min(i - last_head, 6)}")
        if head_mark[i]:
            last_head = i
        # The head that opens the current comma-free stretch: long unquoted names
        # ("Đợt thi đua đặc biệt kỷ niệm … ra Lời kêu gọi thi đua ái quốc") run until punctuation.
        if stretch_head[i]:
            kind, dist = stretch_head[i]
            add(f"stretch={kind}@{_bucket(dist)}")
        feats.append(f)
    return feats
