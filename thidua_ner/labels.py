"""The five entity labels and their IOB2 tag set (ANNOTATION_GUIDELINES v1.2)."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")

#: IOB2 tags in a fixed order: index 0 is "O", then B-/I- per label.
TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{lab}" for lab in LABELS for p in ("B", "I"))

TAG2ID: dict[str, int] = {t: i for i, t in enumerate(TAGS)}
