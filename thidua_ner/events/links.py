"""Person–position links: a title written right before or after a name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Entity
from .cues import _AFTER_NAME_GAP, _BEFORE_NAME_GAP, _CHAIN_BEFORE_GAP, _HONORIFIC, COMMA_RANK, DESCRIPTORS
from .values import PersonPosition, parse_award


def linked_positions(text: str, ents: Sequence[Entity], authority_positions: set[Entity]) -> list[PersonPosition]:
    links: list[PersonPosition] = []
    claimed: set[Entity] = set()
    for i, ent in enumerate(ents):
        if ent.label != "PERSON":
            continue
        # Titles after the name: ", Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" up to the next name or ';'.
        prev_end = ent.end
        for nxt in ents[i + 1 :]:
            gap = DESCRIPTORS.sub("", text[prev_end : nxt.start], count=1)
            if nxt.label == "AWARD" and _AFTER_NAME_GAP.match(gap) and parse_award(nxt.text).type == "danh hiệu":
                prev_end = nxt.end  # "Ông X, Anh hùng Lao động, Giám đốc …": the title he holds sits between
                continue
            if nxt.label != "POSITION" or not _AFTER_NAME_GAP.match(gap):
                break
            if nxt in authority_positions:
                break
            links.append(PersonPosition(ent, nxt))
            claimed.add(nxt)
            prev_end = nxt.end
    _colon_title_links(text, ents, authority_positions, links, claimed)
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
                (_BEFORE_NAME_GAP.match(gap) and not gap.strip().startswith(",")) or COMMA_RANK.match(gap)
                if first
                else _CHAIN_BEFORE_GAP.match(gap)
            )
            if not ok:
                break
            links.append(PersonPosition(ent, prev))
            claimed.add(prev)
            next_start, first, j = prev.start, False, j - 1
    return sorted(set(links), key=lambda link: (link.person.start, link.position.start))


_COLON_GAP = re.compile(rf"^\s*:\s*(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)
# Between two names of one list: ", ", "; ", " và ", a line break, a number or a dash.
_LIST_GAP = re.compile(rf"^\s*(?:[,;]|và)?\s*(?:(?:\(?\d{{1,3}}[.)]|[-–+•*])\s*)?(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)


def _colon_title_links(
    text: str,
    ents: Sequence[Entity],
    authority_positions: set[Entity],
    links: list[PersonPosition],
    claimed: set[Entity],
) -> None:
    """A title before a colon links to every name listed after it:
    ``giáo viên Trường Tiểu học Hoa Ban: cô Lường Thị Xuân và thầy Cầm Văn Tuấn``."""
    own_titles = {link.position for link in links}
    for i, ent in enumerate(ents):
        if ent.label != "POSITION" or ent in claimed or ent in authority_positions or i + 1 >= len(ents):
            continue
        first = ents[i + 1]
        if first.label != "PERSON" or not _COLON_GAP.match(text[ent.end : first.start]):
            continue
        prev_end = ent.end
        for nxt in ents[i + 1 :]:
            gap = text[prev_end : nxt.start]
            if nxt.label == "PERSON" and (nxt is first or _LIST_GAP.match(gap)):
                links.append(PersonPosition(nxt, ent))
            elif not (nxt.label == "POSITION" and nxt in own_titles):
                break  # a listed name's own title after it ("…, Trưởng thôn") does not end the list
            prev_end = nxt.end
        claimed.add(ent)
