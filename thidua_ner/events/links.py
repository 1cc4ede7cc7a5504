"""Person–position links: a title written right before or after a name."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Entity
from .cues import _AFTER_NAME_GAP, _BEFORE_NAME_GAP, _CHAIN_BEFORE_GAP
from .values import PersonPosition


def linked_positions(text: str, ents: Sequence[Entity], authority_positions: set[Entity]) -> list[PersonPosition]:
    links: list[PersonPosition] = []
    claimed: set[Entity] = set()
    for i, ent in enumerate(ents):
        if ent.label != "PERSON":
            continue
        # Titles after the name: ", Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" up to the next name or ';'.
        prev_end = ent.end
        for k in range(i + 1, len(ents)):
            nxt = ents[k]
            if nxt.label != "POSITION" or not _AFTER_NAME_GAP.match(text[prev_end : nxt.start]):
                break
            if nxt in authority_positions:
                break
            links.append(PersonPosition(ent, nxt))
            claimed.add(nxt)
            prev_end = nxt.end
    for i, ent in enumerate(ents):
        if ent.label != "PERSON":
            continue
        # Titles right before the name: "Bí thư Tỉnh ủy Nguyễn Thanh Hải", "đồng chí Chủ tịch UBND tỉnh Trần A".
        j, next_start, first = i - 1, ent.start, True
        while j >= 0:
            prev = ents[j]
            gap = text[prev.end : next_start]
            if prev.label != "POSITION" or prev in claimed or prev in authority_positions:
                break
            ok = (
                _BEFORE_NAME_GAP.match(gap) and not gap.strip().startswith(",")
                if first
                else _CHAIN_BEFORE_GAP.match(gap)
            )
            if not ok:
                break
            links.append(PersonPosition(ent, prev))
            claimed.add(prev)
            next_start, first, j = prev.start, False, j - 1
    return sorted(set(links), key=lambda link: (link.person.start, link.position.start))
