"""CoNLL: one ``token TAG`` line per syllable, a blank line between records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..iob import tags_to_spans
from ..text.tokens import Token
from .corpus import Record, record_tokens_tags


def to_conll(records: Iterable[Record]) -> str:
    """CoNLL with one ``token TAG`` line per syllable and a blank line between records."""
    blocks = []
    for r in records:
        tokens, tags = record_tokens_tags(r)
        lines = [f"# id = {r.id}"] + [f"{t.text} {tag}" for t, tag in zip(tokens, tags)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def from_conll(content: str, source: str = "conll") -> list[Record]:
    """Read CoNLL (token and BIO tag in the first and last columns). Text is rebuilt by
    joining tokens with spaces, except no space before closing punctuation."""
    records = []
    for n, block in enumerate(content.strip().split("\n\n"), 1):
        rid, pairs = f"{source}-{n:05d}", []
        for line in block.splitlines():
            if line.startswith("# id = "):
                rid = line[7:].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split()
            pairs.append((cols[0], cols[-1]))
        text, tokens = _join_tokens([p[0] for p in pairs])
        spans = tags_to_spans(tokens, [_bio_to_iob2(p[1]) for p in pairs])
        records.append(Record(rid, text, tuple(spans), source=source))
    return records


def _bio_to_iob2(tag: str) -> str:
    return tag if tag == "O" or tag[:2] in ("B-", "I-") else "O"


_NO_SPACE_BEFORE = set(",.;:!?)]}”’…%")
_NO_SPACE_AFTER = set("([{“‘")


def _join_tokens(words: Sequence[str]) -> tuple[str, list[Token]]:
    parts, tokens, pos = [], [], 0
    for i, w in enumerate(words):
        if i and not (w[:1] in _NO_SPACE_BEFORE or words[i - 1][-1:] in _NO_SPACE_AFTER):
            parts.append(" ")
            pos += 1
        tokens.append(Token(w, pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return "".join(parts), tokens
