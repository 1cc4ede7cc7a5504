"""The rules that fill an award event's roles from the entities of its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..document import Entity, Sentence
from .cues import (
    _BEFORE_NAME_GAP,
    _CHO,
    _CONTINUES,
    _DECISION_OF,
    _ELLIPSIS,
    _NEXT_GRANT,
    _TO_RECIPIENT,
    AUTHORITY,
    BY,
    GIVE_VERB,
    PASSIVE,
    RECEIVE,
)
from .links import linked_positions
from .values import AwardEvent, PersonPosition, parse_award


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def _authority(text: str, ents: Sequence[Entity], lo: int) -> list[tuple[Entity, int]]:
    """POSITIONs introduced by ``Thừa ủy quyền của`` / ``thay mặt``, with their positions."""
    out = []
    prev_end = lo
    for e in ents:
        if e.label == "POSITION" and AUTHORITY.search(text[max(prev_end, e.start - 40) : e.start]):
            out.append((e, e.start))
        prev_end = e.end
    return out


class _Index:
    """Per-sentence lookups, so each award costs its clause and not the whole sentence (a list of
    hundreds of recipients over lines ending in ';' is one sentence)."""

    def __init__(self, text: str, ents: Sequence[Entity], lo: int, hi: int) -> None:
        self.starts = [e.start for e in ents]
        self.first: dict[Entity, int] = {}
        for i, e in enumerate(ents):
            self.first.setdefault(e, i)  # what list.index() would return
        self.next_award: list[int | None] = [None] * len(ents)
        following = None
        for i in range(len(ents) - 1, -1, -1):
            self.next_award[i] = following
            if ents[i].label == "AWARD":
                following = i
        self.semicolons = [lo + m.start() for m in re.finditer(";", text[lo:hi])]
        self.lo, self.hi = lo, hi

    def clause_start(self, pos: int) -> int:
        k = bisect_left(self.semicolons, pos) - 1
        return self.semicolons[k] + 1 if k >= 0 else self.lo

    def clause_end(self, pos: int) -> int:
        k = bisect_left(self.semicolons, pos)
        return self.semicolons[k] if k < len(self.semicolons) else self.hi


def sentence_events(text: str, sent: Sentence, ents: Sequence[Entity]) -> tuple[list[AwardEvent], list[PersonPosition]]:
    ents = sorted(ents)
    lo, hi = sent.start, sent.end
    index = _Index(text, ents, lo, hi)
    decision_giver: list[Entity | None] = []  # computed on first need: the same for every award
    authorities = _authority(text, ents, lo)
    authority_set = {a for a, _ in authorities}
    links = linked_positions(text, ents, authority_set)
    title_of_person = {link.position for link in links}
    events: list[AwardEvent] = []
    awards = [e for e in ents if e.label == "AWARD"]
    previous: AwardEvent | None = None
    for award in awards:
        ev = AwardEvent(award)
        idx = index.first[award]
        c_start = index.clause_start(award.start)
        c_end = index.clause_end(award.end)
        # --- left context: the governing verb and voice
        left_ents = ents[min(bisect_left(index.starts, c_start), idx) : idx]
        # Coordinated awards before this one share its verb: skip back over them.
        k = len(left_ents) - 1
        while (
            k >= 0
            and left_ents[k].label == "AWARD"
            and re.fullmatch(
                r"[\s,]*(?:và|cùng|hoặc)?[\s,]*(?:danh hiệu)?[\s“”\"]*",
                text[left_ents[k].end : (left_ents[k + 1].start if k + 1 < len(left_ents) else award.start)],
                re.IGNORECASE,
            )
        ):
            k -= 1
        anchor = left_ents[k + 1].start if k + 1 < len(left_ents) else award.start
        head_ents = left_ents[: k + 1]
        seg_start = head_ents[-1].end if head_ents else c_start
        left_text = text[seg_start:anchor]
        verb = _last_match(GIVE_VERB, left_text)
        passive = _last_match(PASSIVE, text[c_start:anchor])
        if passive and any(e.label == "AWARD" and e.start > c_start + passive.start() for e in head_ents):
            passive = None  # that "được" belongs to an earlier grant of the list
        receive = _last_match(RECEIVE, left_text)
        # --- givers
        if receive and not verb:
            # "46 tập thể, cá nhân nhận Bằng khen …", "7 tập thể vinh dự được nhận Cờ thi đua".
            r_start = seg_start + receive.start()
            ev.recipient_quantity, ev.recipient_person = _group_before(
                text, head_ents, r_start, c_start, title_of_person
            )
        elif passive and (not verb or passive.start() + c_start <= verb.start() + seg_start):
            # "X được [GIVER] tặng AWARD": the giver sits between được and the verb.
            p_end = c_start + passive.end()
            givers = [e for e in head_ents if e.start >= p_end]
            _fill_giver(ev, givers, title_of_person)
            recipients_end = c_start + passive.start()
            ev.recipient_quantity, ev.recipient_person = _group_before(
                text, head_ents, recipients_end, c_start, title_of_person
            )
        elif verb or head_ents or (previous is not None and _ELLIPSIS.fullmatch(left_text)):
            v_start = seg_start + verb.start() if verb else anchor
            subject = [e for e in head_ents if e.end <= v_start and e not in authority_set]
            found = _nearest_subject(text, subject, v_start, title_of_person) if verb else []
            lead_in = text[(head_ents[-1].end if head_ents else c_start) : v_start] if verb else ""
            elliptic = not verb and previous is not None and _ELLIPSIS.fullmatch(left_text)
            if (verb and not found and previous is not None and _CONTINUES.fullmatch(lead_in)) or elliptic:
                # "…; trao tặng Huân chương … cho …", "… và trao Bằng khen …": the subject
                # carries over to a grant that starts with its verb (decision 12).
                ev.giver_person = list(previous.giver_person)
                ev.giver_position = list(previous.giver_position)
            else:
                _fill_giver(ev, found, title_of_person)
        # A number counting the award's name: "16 Nhà giáo ưu tú", "10 “Công dân … tiêu biểu”".
        if (
            idx > 0
            and ents[idx - 1].label == "QUANTITY"
            and re.fullmatch(r"[\s“\"]*", text[ents[idx - 1].end : award.start])
        ):
            if ents[idx - 1] not in ev.recipient_quantity:
                ev.recipient_quantity.append(ents[idx - 1])
        # A title written next to its holder: "Anh hùng Lao động Phạm Văn Quyết",
        # "Nhà giáo ưu tú, ThS. Vũ Thị Hải Yến", "bà Lưu Thị Sen, Anh hùng Lao động".
        if not ev.recipient_person and not ev.recipient_quantity and parse_award(award.text).type == "danh hiệu":
            nxt = ents[idx + 1] if idx + 1 < len(ents) else None
            prv = ents[idx - 1] if idx > 0 else None
            if nxt and nxt.label == "PERSON" and _BEFORE_NAME_GAP.match(text[award.end : nxt.start]):
                ev.recipient_person = [nxt]
            elif prv and prv.label == "PERSON" and re.fullmatch(r"\s*,\s*", text[prv.end : award.start]):
                ev.recipient_person = [prv]
        # --- right context: recipients, "do" givers, campaigns
        right = _right_scope(text, ents, idx, c_end, index)
        for e in right:
            before = text[max(award.end, e.start - 12) : e.start]
            if (
                e.label in ("POSITION", "PERSON")
                and BY.search(before)
                and not ev.giver_person
                and not ev.giver_position
            ):
                _fill_giver(ev, [e], title_of_person)
        do_givers = set(ev.giver_person) | set(ev.giver_position)
        for e in right:
            if e in do_givers or e in title_of_person:
                continue
            if e.label == "QUANTITY" and e not in ev.recipient_quantity:
                ev.recipient_quantity.append(e)
            elif e.label == "PERSON" and e not in ev.giver_person and _is_recipient_person(text, award, e):
                ev.recipient_person.append(e)
            elif e.label == "CAMPAIGN":
                ev.campaign.append(e)
        # "Theo Quyết định số … của Chủ tịch UBND tỉnh, …": the deciding office confers.
        if not ev.giver_person and not ev.giver_position:
            if not decision_giver:
                decision_giver.append(
                    next(
                        (
                            e
                            for e in ents
                            if e.label == "POSITION"
                            and e not in title_of_person
                            and _DECISION_OF.search(text[max(lo, e.start - 80) : e.start])
                        ),
                        None,
                    )
                )
            if decision_giver[0] is not None:
                ev.giver_position = [decision_giver[0]]
        # --- authority: the latest "Thừa ủy quyền của X" before the award in this sentence
        auth = [a for a, pos in authorities if pos < award.start]
        if auth:
            ev.on_behalf_of = [auth[-1]]
        elif (
            previous is not None
            and previous.on_behalf_of
            and not ev.on_behalf_of
            and ev.giver_person == previous.giver_person
            and ev.giver_person
        ):
            ev.on_behalf_of = list(previous.on_behalf_of)
        events.append(ev)
        previous = ev
    return events, links


def _fill_giver(ev: AwardEvent, candidates: Sequence[Entity], titles: set[Entity]) -> None:
    persons = [e for e in candidates if e.label == "PERSON"]
    if persons:
        ev.giver_person = [persons[-1]]
        return
    positions = [e for e in candidates if e.label == "POSITION" and e not in titles]
    if positions:
        ev.giver_position = [positions[-1]]


def _nearest_subject(text: str, subject: Sequence[Entity], verb_start: int, titles: set[Entity]) -> list[Entity]:
    """The giver before the verb: the nearest name, or an office standing alone (not a person's title)."""
    for e in reversed(subject):
        if e.label not in ("PERSON", "POSITION"):
            continue
        between = text[e.end : verb_start]
        if PASSIVE.search(between) or ";" in between:
            return []
        if e.label == "PERSON":
            return [e]
        if e in titles:
            continue  # "đồng chí A, Bí thư Tỉnh ủy trao …": keep looking for A
        # "Chủ tịch nước vừa ký Quyết định số 1156/QĐ-CTN tặng …" puts more words before the verb.
        limit = 20 if re.search(r"(?<!\w)(?:ký|quyết định)(?!\w)", between, re.IGNORECASE) else 8
        return [e] if len(between.split()) <= limit else []
    return []


def _group_before(
    text: str, head: Sequence[Entity], end: int, floor: int, titles: set[Entity]
) -> tuple[list[Entity], list[Entity]]:
    """Recipients right before ``được``/``nhận``: the contiguous group of counts or names."""
    group: list[Entity] = []
    cursor = end
    for e in reversed([e for e in head if e.end <= end and e.start >= floor]):
        gap = text[e.end : cursor]
        if e.label in ("QUANTITY", "PERSON"):
            limit = 60 if not group else 12
            if len(gap) > limit or re.search(r"[;]|\btrong số\b|\bnằm trong\b", gap):
                break
            group.append(e)
            cursor = e.start
        elif e.label == "POSITION" and e in titles:
            cursor = e.start  # a recipient's own title: "Trần A, giáo viên Trường X, được tặng …"
        else:
            break
    group.reverse()
    return [e for e in group if e.label == "QUANTITY"], [e for e in group if e.label == "PERSON"]


def _right_scope(text: str, ents: Sequence[Entity], idx: int, c_end: int, index: _Index) -> list[Entity]:
    """Entities after the award that belong to its grant: up to the clause end, the next verb
    that starts another grant, or a later award that has recipients of its own."""
    out: list[Entity] = []
    prev_end = ents[idx].end
    seen_recipient = False
    at_clause_end = False
    for k in range(idx + 1, len(ents)):
        e = ents[k]
        if e.start >= c_end:
            at_clause_end = True
            break
        gap = text[prev_end : e.start]
        if seen_recipient and _NEXT_GRANT.search(gap) and not re.search(r"(?<![\w])cho\s*$", gap):
            if e.label in ("AWARD", "QUANTITY", "PERSON"):
                break
        if e.label == "AWARD":
            # "… hạng Nhì cho công ty và Huân chương … cho ông X": an untagged recipient
            # after "cho" still closes this award's grant.
            if seen_recipient or _CHO.search(gap):
                break
            prev_end = e.end
            continue
        if e.label == "QUANTITY" and _counts_next_award(text, ents, index.first[e]):
            break  # "… 2 Nghệ sĩ nhân dân và 5 Nghệ sĩ ưu tú": 5 counts the next award
        if e.label in ("QUANTITY", "PERSON"):
            # A group followed by "được"/"nhận" before the next award is that award's subject.
            following = index.next_award[index.first[e]]
            nxt_award = ents[following] if following is not None else None
            if nxt_award and nxt_award.start < c_end:
                tail = text[e.end : nxt_award.start]
                if (PASSIVE.search(tail) or RECEIVE.search(tail)) and not _CHO.search(text[prev_end : e.start]):
                    break
            seen_recipient = True
        out.append(e)
        prev_end = e.end
    # A list of named recipients may go on after ";" ("cho BSCKII A, Giám đốc …; BSCKII B, …").
    if at_clause_end and out and out[-1].label in ("PERSON", "POSITION") and any(x.label == "PERSON" for x in out):
        for k in range(max(idx + 1, bisect_left(index.starts, c_end)), len(ents)):
            e = ents[k]
            gap = text[prev_end : e.start]
            if (
                e.label not in ("PERSON", "POSITION")
                or GIVE_VERB.search(gap)
                or PASSIVE.search(gap)
                or RECEIVE.search(gap)
            ):
                break
            out.append(e)
            prev_end = e.end
    return out


def _counts_next_award(text: str, ents: Sequence[Entity], i: int) -> bool:
    quantity = ents[i]
    nxt = ents[i + 1] if i + 1 < len(ents) else None
    return bool(nxt and nxt.label == "AWARD" and re.fullmatch(r"[\s“\"]*", text[quantity.end : nxt.start]))


def _is_recipient_person(text: str, award: Entity, person: Entity) -> bool:
    gap = text[award.end : person.start]
    return bool(_TO_RECIPIENT.search(gap)) or len(gap.strip(" ,")) == 0
