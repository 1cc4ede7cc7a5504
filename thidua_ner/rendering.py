"""displaCy views of thidua_ner Documents: entities, and awards with their roles.

    thidua_ner.render(doc)                       # in a notebook: an HTML view (IPython display)
    html = thidua_ner.render(docs, page=True)    # one self-contained page (what `extract --format html` writes)

Uses spaCy's displaCy in "manual" mode, so no spaCy pipeline is needed; colours work for any
label set (the model's own labels).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .document import Document
from .formats.outputs import label_colour
from .schema import ROLE_LABELS


def _ent_data(doc: Document, title: str | None) -> dict[str, Any]:
    return {
        "text": doc.text,
        "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in sorted(doc.entities)],
        "title": title,
    }


def _colours(docs: list[Document]) -> dict[str, str]:
    labels = {e.label for d in docs for e in d.entities} | {lab for d in docs for lab in d.labels}
    model_labels = docs[0].labels if docs else ()
    colours = {lab: label_colour(lab, model_labels) for lab in labels}
    # Role spans take the colour of the label their fillers have (givers like PERSON, counts like QUANTITY).
    colours.update({role: label_colour(label) for role, label in ROLE_LABELS.items()})
    return colours


def render(
    docs: Document | Iterable[Document],
    style: str = "ent",
    page: bool = False,
    titles: Iterable[str] | None = None,
    jupyter: bool | None = None,
) -> str:
    """displaCy HTML of one or more Documents.

    ``style="ent"`` marks entities; ``style="awards"`` shows each award with the spans that fill
    its roles (giver_person, recipient_quantity, …) as labelled spans. ``page=True`` gives a full
    self-contained HTML page. In a notebook (``jupyter=None`` detects it) the view is displayed.
    """
    from spacy import displacy

    docs = [docs] if isinstance(docs, Document) else list(docs)
    titles = list(titles) if titles is not None else [None] * len(docs)
    options = {"colors": _colours(docs)}
    if style == "ent":
        data = [_ent_data(d, t) for d, t in zip(docs, titles)]
        return displacy.render(data, style="ent", manual=True, page=page, options=options, jupyter=jupyter) or ""
    if style != "awards":
        raise ValueError(f"style must be 'ent' or 'awards', not {style!r}")
    from .spacy_component import ROLES_KEY, to_spacy

    spacy_docs = []
    for d, t in zip(docs, titles):
        sdoc = to_spacy(d)
        if t:
            sdoc.user_data["title"] = t
        spacy_docs.append(sdoc)
    options["spans_key"] = ROLES_KEY
    return displacy.render(spacy_docs, style="span", page=page, options=options, jupyter=jupyter) or ""
