"""Output formats of processed documents: JSON lines, CoNLL and HTML.

They read what the pipeline stored on the :class:`~thidua_ner.document.Document` (sentences
with their tokens, the normalised view) and never re-normalise or re-tokenise.
"""

from __future__ import annotations

import html
import json
from bisect import bisect_right
from typing import Any

from ..document import Document

OUTPUT_FORMATS = ("jsonl", "conll", "html")

#: Colours of the default labels; other labels get one from :data:`_PALETTE`.
LABEL_COLOURS = {
    "PERSON": "#fde68a",
    "POSITION": "#bfdbfe",
    "AWARD": "#fecaca",
    "CAMPAIGN": "#bbf7d0",
    "QUANTITY": "#e9d5ff",
}
_PALETTE = ("#fed7aa", "#a5f3fc", "#d9f99d", "#fbcfe8", "#c7d2fe", "#fde047", "#99f6e4", "#e5e7eb")


def label_colour(label: str, labels: tuple[str, ...] = ()) -> str:
    """A stable background colour for any label (its index in the model's labels picks a palette entry)."""
    if label in LABEL_COLOURS:
        return LABEL_COLOURS[label]
    others = [lab for lab in labels if lab not in LABEL_COLOURS]
    index = others.index(label) if label in others else sum(map(ord, label))
    return _PALETTE[index % len(_PALETTE)]


def doc_to_json(doc: Document, **extra: Any) -> str:
    """One JSON line: ``extra`` keys first (e.g. ``source``), then :meth:`Document.to_dict`."""
    return json.dumps({**extra, **doc.to_dict()}, ensure_ascii=False)


def doc_to_conll(doc: Document) -> str:
    """One ``token<TAB>TAG`` line per syllable token, a blank line after each sentence."""
    spans = sorted(doc.entities)
    starts = [e.start for e in spans]
    out = []
    for sentence in doc.sentences:
        for tok in sentence.tokens:
            o_start, o_end = doc.original_span(tok)
            tag = "O"
            # Entities never overlap: only the last one starting at or before the token can hold it.
            i = bisect_right(starts, o_start) - 1
            if i >= 0 and o_end <= spans[i].end:
                tag = ("B-" if spans[i].start == o_start else "I-") + spans[i].label
            out.append(f"{tok.text}\t{tag}")
        out.append("")
    return "\n".join(out)


def doc_to_html(doc: Document) -> str:
    """The text as HTML with each entity marked and coloured by label."""
    parts, pos = [], 0
    for ent in sorted(doc.entities):
        parts.append(html.escape(doc.text[pos : ent.start]))
        parts.append(
            f'<mark style="background:{label_colour(ent.label, doc.labels)}" title="{ent.label}">{html.escape(ent.text)}'
            f"<sub>{ent.label}</sub></mark>"
        )
        pos = ent.end
    parts.append(html.escape(doc.text[pos:]))
    return "<p>" + "".join(parts).replace("\n", "<br>") + "</p>"
