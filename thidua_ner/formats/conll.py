"""CoNLL: one ``token<TAB>TAG`` line per token, a blank line between records.

What :func:`from_conll` reads (the README's "CoNLL files" section says the same):

- a record is a block of token lines; blank lines separate records;
- a token line has at least two columns (tabs, or else runs of spaces): the token is the
  first column, the tag the last; columns in between are ignored except a ``SpaceAfter=No``
  mark (CoNLL-U's MISC column), which says no space follows the token;
- tags are IOB2, IOB1, IOBES/BIOES or BILOU (detected over the whole file, or given) and
  are converted to IOB2; an unknown tag is an error, never an ``O``;
- a ``-DOCSTART-`` line starts a new document (records after it share a ``doc``);
- text and tokens are normalised to NFC;
- comment lines are ``# key = value``: ``id`` (or ``sent_id``), ``doc`` (or ``newdoc id``),
  ``source``, and ``text`` — the record's exact text, so spacing survives (``text_json`` holds
  a JSON string when the text has line breaks or edge whitespace). Any other line starting with
  ``#`` that is not a token line (``#`` is a token like any other: ``#<TAB>O``) is a comment.
- without ``# text``, the text is the tokens joined by one space, except none after a
  ``SpaceAfter=No`` token, before closing punctuation (``, . ; : ! ? ) ] } ” ’ … %``) or after
  opening punctuation (``( [ { “ ‘``).

:func:`to_conll` writes ``# id``, ``# doc``, ``# source`` and ``# text`` before the tokens, so
writing and reading back gives the same records.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ..errors import AnnotationError
from ..iob import detect_scheme, spans_to_tags, tags_to_spans, to_iob2
from ..text.tokens import Token, tokenize
from .corpus import Record

_COMMENT = re.compile(r"^#\s*(newdoc id|[A-Za-z_][\w.-]*)\s*=\s?(.*)$")


def to_conll(records: Iterable[Record]) -> str:
    """CoNLL with ``# id/doc/source/text`` comments, then one ``token<TAB>TAG`` line per syllable."""
    blocks = []
    for r in records:
        tokens = _tokens_at_span_edges(r.text, r.spans)
        tags = spans_to_tags(tokens, r.spans)
        lines = [f"# id = {_one_line(r.id)}"]
        if r.doc:
            lines.append(f"# doc = {_one_line(r.doc)}")
        lines.append(f"# source = {_one_line(r.source)}")
        if r.text != r.text.strip() or any(ch in r.text for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
            lines.append(f"# text_json = {json.dumps(r.text, ensure_ascii=False)}")
        else:
            lines.append(f"# text = {r.text}")
        lines += [f"{t.text}\t{tag}" for t, tag in zip(tokens, tags)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def _tokens_at_span_edges(text: str, spans: Sequence[tuple[int, int, str]]) -> list[Token]:
    """Our syllable tokens, split further where a span starts or ends inside one (so any span is written)."""
    cuts = {s for s, _, _ in spans} | {e for _, e, _ in spans}
    out = []
    for tok in tokenize(text):
        inner = sorted(c for c in cuts if tok.start < c < tok.end)
        for a, b in zip([tok.start, *inner], [*inner, tok.end]):
            out.append(Token(text[a:b], a, b))
    return out


def from_conll(
    content: str, source: str = "conll", scheme: str = "auto", default_source: str = "written"
) -> list[Record]:
    """Records from CoNLL text (see the module docstring). ``source`` names the file in ids and
    error messages; ``scheme`` is the tagging scheme (``auto`` detects it over the whole file)."""
    blocks = _blocks(content, source)
    if scheme == "auto":
        try:
            scheme = detect_scheme(b["tags"] for b in blocks)
        except ValueError as exc:
            raise AnnotationError(f"{source}: {exc}") from exc
    records = []
    for n, block in enumerate(blocks, 1):
        if not block["tokens"] and block["text"] is None:
            continue
        rid = block["id"] or f"{source}-{n:05d}"
        where = f"{source}:{block['line']}"
        try:
            tags = to_iob2(block["tags"], scheme)
        except ValueError as exc:
            raise AnnotationError(f"{where}: {exc}") from exc
        if block["text"] is not None:
            text = block["text"]
            tokens = _align(text, block["tokens"], where)
        else:
            text, tokens = _join_tokens(block["tokens"], block["no_space"])
        spans = tags_to_spans(tokens, tags)
        records.append(Record(rid, text, tuple(spans), source=block["source"] or default_source, doc=block["doc"]))
    return records


def _blocks(content: str, source: str) -> list[dict]:
    """Parse lines into blocks: comments, tokens, tags, no-space marks, the first line number."""
    blocks: list[dict] = []
    doc, doc_count = None, 0
    current: dict | None = None

    def new_block(line_no: int) -> dict:
        return {
            "id": None,
            "doc": doc,
            "source": None,
            "text": None,
            "tokens": [],
            "tags": [],
            "no_space": [],
            "line": line_no,
        }

    for line_no, raw in enumerate(content.lstrip("\ufeff").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            if current is not None:
                blocks.append(current)
                current = None
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        cols = [c.strip() for c in cols if c.strip()] if "\t" not in line else [c.strip() for c in cols]
        if cols[0] == "-DOCSTART-":
            if current is not None:
                blocks.append(current)
                current = None
            doc_count += 1
            doc = f"{source}-doc{doc_count:04d}"
            continue
        if line.startswith("#"):
            m = _COMMENT.match(line)
            if m:
                key, value = m.group(1), m.group(2)
                if key in ("newdoc id", "newdoc"):
                    if current is not None and current["tokens"]:
                        blocks.append(current)
                        current = None
                    doc = value.strip() or doc
                    if current is not None:
                        current["doc"] = doc
                    continue
                if current is None:
                    current = new_block(line_no)
                if key in ("id", "sent_id"):
                    current["id"] = value.strip()
                elif key == "doc":
                    current["doc"] = value.strip()
                elif key == "source":
                    current["source"] = value.strip()
                elif key == "text":
                    current["text"] = unicodedata.normalize("NFC", value)
                elif key == "text_json":
                    try:
                        current["text"] = unicodedata.normalize("NFC", json.loads(value))
                    except json.JSONDecodeError as exc:
                        raise AnnotationError(f"{source}:{line_no}: # text_json is not a JSON string") from exc
                continue
            if len(cols) < 2 or not _looks_like_tag(cols[-1]):
                continue  # a free comment
        if len(cols) < 2:
            raise AnnotationError(f"{source}:{line_no}: a token line needs a token and a tag, got {line!r}")
        if current is None:
            current = new_block(line_no)
        current["tokens"].append(unicodedata.normalize("NFC", cols[0]))
        current["tags"].append(cols[-1])
        current["no_space"].append(any("SpaceAfter=No" in c for c in cols[1:-1]))
    if current is not None:
        blocks.append(current)
    return blocks


def _looks_like_tag(value: str) -> bool:
    return value == "O" or bool(re.fullmatch(r"[A-Z]-\S+", value))


def _align(text: str, words: Sequence[str], where: str) -> list[Token]:
    """Find each token in ``text`` in order (only whitespace may lie between them)."""
    tokens, pos = [], 0
    for w in words:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        for form in (w, w.replace("_", " ")):
            if text.startswith(form, pos):
                tokens.append(Token(form, pos, pos + len(form)))
                pos += len(form)
                break
        else:
            raise AnnotationError(f"{where}: token {w!r} does not match the # text at character {pos}")
    return tokens


_NO_SPACE_BEFORE = set(",.;:!?)]}”’…%")
_NO_SPACE_AFTER = set("([{“‘")


def _join_tokens(words: Sequence[str], no_space: Sequence[bool] = ()) -> tuple[str, list[Token]]:
    parts, tokens, pos = [], [], 0
    for i, w in enumerate(words):
        glued = i and (
            (no_space and no_space[i - 1]) or w[:1] in _NO_SPACE_BEFORE or words[i - 1][-1:] in _NO_SPACE_AFTER
        )
        if i and not glued:
            parts.append(" ")
            pos += 1
        tokens.append(Token(w, pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return "".join(parts), tokens
