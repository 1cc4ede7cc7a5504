"""Label sets and their IOB2 tags, and the event roles (ANNOTATION_GUIDELINES v1.3, EVENT_SCHEMA v1.1).

The five labels are the default; a model trained on other labels stores its own set in its
directory (``thidua_ner.json``), and everything downstream uses the loaded model's labels.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_LABELS: tuple[str, ...] = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")
#: kept for code written against 0.1
LABELS = DEFAULT_LABELS

#: The award-event roles and the entity label each filler has (EVENT_SCHEMA v1.1).
ROLE_LABELS: dict[str, str] = {
    "giver_person": "PERSON",
    "giver_position": "POSITION",
    "on_behalf_of": "POSITION",
    "recipient_quantity": "QUANTITY",
    "recipient_person": "PERSON",
    "campaign": "CAMPAIGN",
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)


def tags_for(labels: Iterable[str]) -> tuple[str, ...]:
    """IOB2 tags in a fixed order: index 0 is ``O``, then ``B-``/``I-`` per label."""
    return ("O",) + tuple(f"{p}-{lab}" for lab in labels for p in ("B", "I"))


def labels_from_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """The labels named by a tag set, in first-seen order (``B-X``/``I-X`` → ``X``)."""
    seen: dict[str, None] = {}
    for tag in tags:
        if tag != "O" and "-" in tag:
            seen.setdefault(tag.split("-", 1)[1], None)
    return tuple(seen)


TAGS: tuple[str, ...] = tags_for(DEFAULT_LABELS)
TAG2ID: dict[str, int] = {t: i for i, t in enumerate(TAGS)}
