"""The rules that fill an award event's roles from the entities of its sentence.

:func:`sentence_events` runs one named rule after another for each AWARD: the governing verb
and its voice (:func:`_governing_verb`), givers by voice with the recipients before a passive or
receiving verb (:func:`_givers_by_voice`), title-holder recipients, right-context roles (``do``
givers, recipients, campaigns), item counts, "là một trong N" recipients, collective-only awards,
the decision-of giver, attendee givers and the authority; then, over the sentence's events, an
agent written after coordinated awards and the campaigns that frame a clause or a list of grants.
Before that, entities that fill no role on whole pages are set aside (:func:`_no_role`): bodies
tagged POSITION, attendee lists, possessives, anniversaries, named sources and photo credits
(EVENT_SCHEMA v1.1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Entity, Sentence
from .cues import (
    _BEFORE_NAME_GAP,
    _CHO,
    _CONTINUES,
    _DECISION_BEFORE,
    _DECISION_OF,
    _ELLIPSIS,
    _HONORIFIC,
    _NEXT_GRANT,
    _TO_RECIPIENT,
    ACCOLADE_BEFORE_OBJECT,
    AND_ANOTHER,
    ANNIVERSARY,
    APPOSITION,
    ATTEND_AND_GIVE,
    ATTENDEES,
    ATTENDEES_OF,
    AUTHORITY,
    BODY,
    BREAKDOWN,
    BY,
    COLLECTIVE_ONLY,
    CREDIT,
    FLOWERS,
    FLOWERS_AND,
    FRAMING_CAMPAIGN,
    GIVE_VERB,
    IS_TITLE,
    NEW_PASSIVE_GRANT,
    NOT_THE_CONFERRER,
    OBJECT_TO_AWARD,
    ONE_OF,
    ONLY_NAMES,
    OWN_PROPOSAL,
    PARENTHETICAL,
    PASSIVE,
    PASSIVE_AFTER,
    POSSESSIVE,
    POSTPOSED_AGENT,
    PROPOSAL,
    REASON,
    RECEIVE,
    SHARED_SUBJECT,
    SOURCE,
    SUBSET,
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


@dataclass
class _Sentence:
    """What every rule of one sentence reads: its text, entities, authorities and links."""

    text: str
    ents: list[Entity]
    lo: int
    hi: int
    authorities: list[tuple[Entity, int]]
    authority_set: set[Entity]
    links: list[PersonPosition]
    titles: set[Entity]  # POSITIONs that are a person's own title
    zones: list[tuple[int, int, int, bool]]  # attendee lists: (intro start, list start, list end, attendee gives)
    all_ents: list[Entity]  # every entity; ``ents`` leaves out those that fill no role (attendees, possessives…)


@dataclass
class _Governor:
    """The grant one award belongs to: its clause, the entities before it, the verb and voice."""

    award: Entity
    idx: int
    c_start: int
    c_end: int
    head_ents: list[Entity]  # entities of the clause before the award (and its coordinated awards)
    seg_start: int  # where the words after the last of head_ents start
    anchor: int  # the first of the coordinated awards sharing the verb
    left_text: str
    verb: re.Match | None  # offsets relative to seg_start
    passive: re.Match | None  # offsets relative to c_start
    receive: re.Match | None  # offsets relative to seg_start


def sentence_events(text: str, sent: Sentence, ents: Sequence[Entity]) -> tuple[list[AwardEvent], list[PersonPosition]]:
    """One event per AWARD of the sentence, and the sentence's person–position links."""
    ents = [e for e in sorted(ents) if not (e.label == "POSITION" and BODY.match(e.text))]
    lo, hi = sent.start, sent.end
    links = linked_positions(text, ents, {a for a, _ in _authority(text, ents, lo)})
    zones = _attendee_zones(text, lo, hi, ents)
    no_role = _no_role(text, ents, lo, links, zones)
    role_ents = [e for e in ents if e not in no_role]
    authorities = _authority(text, role_ents, lo)
    s = _Sentence(
        text,
        role_ents,
        lo,
        hi,
        authorities,
        {a for a, _ in authorities},
        links,
        {lk.position for lk in links},
        zones,
        ents,
    )
    events: list[AwardEvent] = []
    previous: AwardEvent | None = None
    for award in (e for e in role_ents if e.label == "AWARD"):
        ev = AwardEvent(award)
        gov = _governing_verb(s, award)
        _givers_by_voice(s, gov, ev, previous)
        _title_holder_recipients(s, gov, ev)
        _right_context_roles(s, gov, ev)
        _item_count(s, gov, ev)
        _one_of_recipients(s, ev)
        _collective_only(ev)
        _decision_of_giver(s, ev)
        _attendee_giver(s, ev)
        _authority_role(s, gov, ev, previous)
        events.append(ev)
        previous = ev
    _share_postposed_agent(s, events)
    _share_campaigns(s, events)
    return events, links


def _share_postposed_agent(s: _Sentence, events: list[AwardEvent]) -> None:
    """ "5 Nghệ nhân nhân dân và 41 Nghệ nhân ưu tú được Chủ tịch nước phong tặng": the agent after the
    last of coordinated awards is every one's giver."""
    for i in range(len(events) - 1, 0, -1):
        ev, prv = events[i], events[i - 1]
        givers = ev.giver_person or ev.giver_position
        if not givers or givers[0].start < ev.award.end or prv.giver_person or prv.giver_position:
            continue
        gap = s.text[prv.award.end : ev.award.start]
        for q in ev.recipient_quantity:
            if prv.award.end <= q.start and q.end <= ev.award.start:
                gap = gap.replace(q.text, " ", 1)
        if re.fullmatch(r"[\s,]*(?:và|cùng)?[\s“\"]*", gap):
            prv.giver_person, prv.giver_position = list(ev.giver_person), list(ev.giver_position)


def _share_campaigns(s: _Sentence, events: list[AwardEvent]) -> None:
    """A campaign framing the grants: one written before the award in its clause ("Thực hiện phong trào
    “…”, bản đã giữ vững danh hiệu …", "Sáu đơn vị dẫn đầu phong trào … được tặng Cờ thi đua"), and one
    given as the reason after the last of a list of grants ("14 tập thể nhận Cờ thi đua …, 20 cá nhân
    nhận Bằng khen … vì có thành tích xuất sắc trong phong trào …") reaches every grant of the clause."""
    text = s.text
    for ev in events:
        if ev.campaign:
            continue
        c_start = _clause_start(text, ev.award.start, s.lo)
        before = [e for e in s.ents if c_start <= e.start and e.end <= ev.award.start]
        camp = next((e for e in reversed(before) if e.label == "CAMPAIGN"), None)
        if camp is not None and not any(e.label == "AWARD" and e.start > camp.end for e in before):
            lead = text[max(c_start, camp.start - 30) : camp.start]
            if "," in text[camp.end : ev.award.start] or FRAMING_CAMPAIGN.search(lead):
                ev.campaign = [camp]
    for i, ev in enumerate(events):
        if ev.campaign:
            continue
        c_end = _clause_end(text, ev.award.end, s.hi)
        later = [x for x in events[i + 1 :] if x.award.start < c_end]
        donor = next((x for x in later if x.campaign and x.campaign[0].start > x.award.end), None)
        if donor is not None and REASON.search(text[donor.award.end : donor.campaign[0].start]):
            ev.campaign = list(donor.campaign)


def _attendee_zones(text: str, lo: int, hi: int, ents: Sequence[Entity]) -> list[tuple[int, int, int, bool]]:
    """Attendee lists: "Dự lễ trao … có các đồng chí: …", "Tham dự có …", up to the next grant verb
    outside an entity ("Trưởng ban Thi đua - Khen thưởng tỉnh" is a title, not a verb)."""
    zones = []
    sentence = text[lo:hi]
    inside = [(e.start - lo, e.end - lo) for e in ents]
    intros = [(m, bool(ATTEND_AND_GIVE.match(m.group("intro")))) for m in ATTENDEES.finditer(sentence)]
    intros += [(m, False) for m in ATTENDEES_OF.finditer(sentence)]
    for m, gives in intros:
        z_start = m.end()
        end = hi
        for pattern in (GIVE_VERB, PASSIVE, RECEIVE):
            nxt = next(
                (v for v in pattern.finditer(sentence, z_start) if not any(a <= v.start() < b for a, b in inside)),
                None,
            )
            if nxt:
                end = min(end, lo + nxt.start())
        zones.append((lo + m.start(), lo + z_start, end, gives))
    return zones


def _no_role(
    text: str, ents: Sequence[Entity], lo: int, links: Sequence[PersonPosition], zones: Sequence[tuple]
) -> set[Entity]:
    """Entities that fill no role: attendees, the person in a possessive or an anniversary (with their titles)."""
    out: set[Entity] = set()
    titles_of: dict[Entity, list[Entity]] = {}
    for lk in links:
        titles_of.setdefault(lk.person, []).append(lk.position)
    for e in ents:
        if e.label in ("PERSON", "POSITION") and any(z0 <= e.start < z1 for _, z0, z1, _ in zones):
            out.add(e)
        if e.label != "PERSON":
            continue
        before = text[max(lo, e.start - 80) : e.start]
        titles = sorted(t for t in titles_of.get(e, []) if t.end <= e.start)
        # An anniversary names the person after the title: "ngày sinh Chủ tịch Hồ Chí Minh".
        lead = (
            text[max(lo, titles[0].start - 80) : titles[0].start] + text[titles[0].start : e.start]
            if titles
            else before
        )
        possessive = POSSESSIVE.search(before) and not _DECISION_BEFORE.search(
            before[: POSSESSIVE.search(before).start()]
        )
        source = SOURCE.search(before)  # "Theo ông Đặng Quốc Việt, Vụ trưởng …, …": who says it
        if possessive or source or ANNIVERSARY.search(before) or ANNIVERSARY.search(lead) or CREDIT.search(before):
            out.add(e)
            out.update(titles_of.get(e, []))
    return out


def _attendee_giver(s: _Sentence, ev: AwardEvent) -> None:
    """ "Tới dự và trao Huân chương … có đồng chí X": the attendee named first is the giver."""
    if ev.giver_person or ev.giver_position:
        return
    for intro, z0, z1, gives in s.zones:
        if gives and intro <= ev.award.start < z0:
            named = [e for e in s.all_ents if z0 <= e.start < z1 and e.label in ("PERSON", "POSITION")]
            persons = [e for e in named if e.label == "PERSON"]
            offices = [e for e in named if e.label == "POSITION" and e not in s.titles]
            if persons or offices:
                ev.giver_person, ev.giver_position = persons[:1], ([] if persons else offices[:1])
            return


def _governing_verb(s: _Sentence, award: Entity) -> _Governor:
    """The clause of ``award``, the verb that governs it and its voice (active, passive, receive)."""
    text, ents = s.text, s.ents
    idx = ents.index(award)
    c_start = _clause_start(text, award.start, s.lo)
    c_end = _clause_end(text, award.end, s.hi)
    left_ents = [e for e in ents[:idx] if e.start >= c_start]
    # Coordinated awards before this one share its verb, and so does a count written right before
    # an award ("trao 2 Huân chương … và 5 Bằng khen", "phong tặng 16 Nhà giáo ưu tú"): skip back over them.
    k = len(left_ents) - 1
    while k >= 0:
        nxt = left_ents[k + 1] if k + 1 < len(left_ents) else award
        gap = text[left_ents[k].end : nxt.start]
        # After a count, only "và" joins ("2 Huân chương … và 5 Bằng khen"); a comma lists a new item
        # ("… được tặng Huân chương …, 1 Chiến sĩ thi đua toàn quốc và …").
        joiner = r"[\s,]*(?:và|cùng|hoặc)\s*" if nxt.label == "QUANTITY" else r"[\s,]*(?:và|cùng|hoặc)?[\s,]*"
        coordinated = left_ents[k].label == "AWARD" and re.fullmatch(
            joiner + r"(?:danh hiệu)?[\s“”\"]*", gap, re.IGNORECASE
        )
        counted = left_ents[k].label == "QUANTITY" and nxt.label == "AWARD" and re.fullmatch(r"[\s“\"]*", gap)
        if not (coordinated or counted):
            break
        k -= 1
    anchor = left_ents[k + 1].start if k + 1 < len(left_ents) else award.start
    head_ents = left_ents[: k + 1]
    seg_start = head_ents[-1].end if head_ents else c_start
    left_text = text[seg_start:anchor]
    verb = _grant_verb(left_text)
    passive = _last_match(PASSIVE, text[c_start:anchor])
    if passive and any(e.label == "AWARD" and e.start > c_start + passive.start() for e in head_ents):
        passive = None  # that "được" belongs to an earlier grant of the list
    receive = _last_match(RECEIVE, left_text)
    return _Governor(award, idx, c_start, c_end, head_ents, seg_start, anchor, left_text, verb, passive, receive)


def _grant_verb(left_text: str) -> re.Match | None:
    """The last verb of giving before the award, passing over "tặng hoa chúc mừng …" (flowers, gifts)
    unless the award is given with the flowers ("tặng hoa và Bằng khen")."""
    for m in reversed(list(GIVE_VERB.finditer(left_text))):
        rest = left_text[m.end() :]
        if not FLOWERS.match(rest) or FLOWERS_AND.match(rest):
            return m
    return None


def _givers_by_voice(s: _Sentence, g: _Governor, ev: AwardEvent, previous: AwardEvent | None) -> None:
    """Givers (and recipients before the verb) by voice: receive, passive ``được … tặng``, active."""
    text, titles = s.text, s.titles
    verb, passive, receive = g.verb, g.passive, g.receive
    if receive and (not verb or receive.start() >= verb.end()):
        # "46 tập thể, cá nhân nhận Bằng khen …", "7 tập thể vinh dự được nhận Cờ thi đua".
        r_start = g.seg_start + receive.start()
        if not BREAKDOWN.search(text[r_start : g.anchor]):
            ev.recipient_quantity, ev.recipient_person = _group_before(text, g.head_ents, r_start, g.c_start, titles)
    elif passive and (not verb or passive.start() + g.c_start <= verb.start() + g.seg_start):
        # "X được [GIVER] tặng AWARD": the giver sits between được and the verb.
        p_end = g.c_start + passive.end()
        # "được Bộ trưởng … đề nghị Chủ tịch nước tặng": the proposer is not the giver.
        v_start = g.seg_start + verb.start() if verb else g.anchor
        proposal = _last_match(PROPOSAL, text[p_end:v_start])
        if proposal:
            p_end += proposal.end()
        givers = [e for e in g.head_ents if e.start >= p_end]
        _fill_giver(ev, givers, titles)
        recipients_end = g.c_start + passive.start()
        if not BREAKDOWN.search(text[recipients_end : g.anchor]):
            ev.recipient_quantity, ev.recipient_person = _group_before(
                text, g.head_ents, recipients_end, g.c_start, titles
            )
        if (
            not ev.recipient_quantity
            and not ev.recipient_person
            and previous is not None
            and previous.award.end <= recipients_end
            and SHARED_SUBJECT.fullmatch(text[previous.award.end : recipients_end])
        ):
            # "ba đồng chí được Bộ trưởng tặng Bằng khen và được Trung ương Đoàn trao Huy hiệu …": one subject.
            ev.recipient_quantity = list(previous.recipient_quantity)
            ev.recipient_person = list(previous.recipient_person)
    elif verb or g.head_ents or (previous is not None and _ELLIPSIS.fullmatch(g.left_text)):
        v_start = g.seg_start + verb.start() if verb else g.anchor
        subject = [e for e in g.head_ents if e.end <= v_start and e not in s.authority_set]
        found = _nearest_subject(text, subject, v_start, titles) if verb else []
        if found and previous is not None and set(found) <= set(previous.recipient_person):
            found = []  # "… cho ông A và trao Huy chương … cho bà B": A received, the giver carries over
        lead_in = text[(g.head_ents[-1].end if g.head_ents else g.c_start) : v_start] if verb else ""
        # "…; Bằng khen được trao cho 12 cá nhân": a new passive clause does not share the giver.
        elliptic = (
            not verb
            and previous is not None
            and (_ELLIPSIS.fullmatch(g.left_text) or _loose_ellipsis(text, g))
            and not PASSIVE_AFTER.match(text[g.award.end : g.c_end])
        )
        objects = [] if verb else _object_before(s, g)
        if objects:
            # "suy tôn đồng chí A là Chiến sĩ thi đua", "tặng 15 tập thể Bằng khen": the object before the award.
            obj_verb, group = objects
            ev.recipient_quantity = [e for e in group if e.label == "QUANTITY"]
            ev.recipient_person = [e for e in group if e.label == "PERSON"]
            subject = [e for e in g.head_ents if e.end <= obj_verb and e not in s.authority_set]
            _fill_giver(ev, _nearest_subject(text, subject, obj_verb, titles), titles)
        elif (verb and not found and previous is not None and _CONTINUES.fullmatch(lead_in)) or elliptic:
            # "…; trao tặng Huân chương … cho …", "… và trao Bằng khen …": the subject
            # carries over to a grant that starts with its verb (decision 12).
            ev.giver_person = list(previous.giver_person)
            ev.giver_position = list(previous.giver_position)
        else:
            _fill_giver(ev, _names_before_semicolons(s, g.c_start, found) + list(found), titles, every=True)
            if verb and not found:
                # "thành phố có 4.222 tập thể, 19.729 cá nhân tặng bằng khen": counts right before the verb
                # are its recipients (an elliptical passive); a count cannot give.
                counts, _ = _group_before(text, g.head_ents, v_start, g.c_start, titles)
                if counts and re.fullmatch(r"\s*(?:(?:đều|cũng|đã)\s+)*", text[counts[-1].end : v_start]):
                    ev.recipient_quantity = counts


def _loose_ellipsis(text: str, g: _Governor) -> bool:
    """ "trao Cờ thi đua cho 3 đơn vị dẫn đầu và bằng khen cho 15 tập thể": a few words after the previous
    grant's recipients, then "và" or a comma and an award that has recipients of its own ("cho …")."""
    return bool(
        len(g.left_text) <= 60
        and not RECEIVE.search(g.left_text)
        and re.search(r"(?:,|(?<![\w])và|(?<![\w])cùng)\s*(?:danh hiệu\s*)?[“\"]?\s*$", g.left_text)
        and re.match(r"[”\"]?\s*(?:cho|:)(?![\w])", text[g.award.end : g.c_end])
    )


def _object_before(s: _Sentence, g: _Governor) -> tuple[int, list[Entity]] | None:
    """A recipient written between the verb and the award: ``VERB [cho] X [, title] [là] AWARD``.
    Returns the verb's start and the recipients, or None."""
    text, head = s.text, g.head_ents
    if not head or not OBJECT_TO_AWARD.fullmatch(g.left_text):
        return None
    group: list[Entity] = []
    k = len(head) - 1
    while k >= 0 and (head[k].label in ("PERSON", "QUANTITY") or head[k] in s.titles):
        nxt_start = group[0].start if group else g.anchor
        if group and not re.fullmatch(r"\s*(?:,|và)?\s*", text[head[k].end : nxt_start]):
            break
        group.insert(0, head[k])
        k -= 1
    recipients = [e for e in group if e.label in ("PERSON", "QUANTITY")]
    if not recipients or group[0].label == "POSITION":
        return None
    before = text[(head[k].end if k >= 0 else g.c_start) : group[0].start]
    m = ACCOLADE_BEFORE_OBJECT.search(before)
    if not m:
        return None
    return (head[k].end if k >= 0 else g.c_start) + m.start(), recipients


def _attached_count(s: _Sentence, g: _Governor) -> Entity | None:
    """A QUANTITY written right before the award: "16 Nhà giáo ưu tú", "2 Huân chương …"."""
    prv = s.ents[g.idx - 1] if g.idx > 0 else None
    if prv and prv.label == "QUANTITY" and re.fullmatch(r"[\s“\"]*", s.text[prv.end : g.award.start]):
        return prv
    return None


def _item_count(s: _Sentence, g: _Governor, ev: AwardEvent) -> None:
    """A count of medals or certificates ("trao 2 Huân chương … cho 2 cá nhân") is no recipient count —
    unless the grant counts no holders at all, where it stands for them ("được tặng 1 Huân chương Hồ Chí
    Minh", "Trao 12 Huân chương Lao động cho tập thể, cá nhân")."""
    count = _attached_count(s, g)
    if count and parse_award(g.award.text).type != "danh hiệu" and not ev.recipient_quantity:
        ev.recipient_quantity.append(count)


def _one_of_recipients(s: _Sentence, ev: AwardEvent) -> None:
    """ "Ông A, chủ một doanh nghiệp …, là một trong 3 cá nhân được tặng …": A is one of the recipients counted."""
    for q in ev.recipient_quantity:
        lead = ONE_OF.search(s.text[max(s.lo, q.start - 40) : q.start])
        if not lead:
            continue
        before = [e for e in s.ents if e.end <= q.start - len(lead.group()) and e.start >= s.lo]
        for e in reversed(before):
            if e.label == "PERSON":
                gap = s.text[e.end : q.start]
                if (
                    ";" not in gap
                    and not GIVE_VERB.search(gap)
                    and not PASSIVE.search(gap)
                    and e not in ev.recipient_person
                ):
                    ev.recipient_person.append(e)
                break
            if not (e in s.titles or e.label == "AWARD"):
                break


def _collective_only(ev: AwardEvent) -> None:
    """Awards only collectives receive (``Cờ thi đua``, ``Tập thể lao động xuất sắc``) have no person as
    recipient: the director who receives the flag receives it for the unit (decision 12)."""
    if COLLECTIVE_ONLY.search(ev.award.text):
        ev.recipient_person = []


def _title_holder_recipients(s: _Sentence, g: _Governor, ev: AwardEvent) -> None:
    """A number counting the award's name, and a title written next to its holder."""
    text, ents, award, idx = s.text, s.ents, g.award, g.idx
    # A number counting the award's name: "16 Nhà giáo ưu tú", "10 “Công dân … tiêu biểu”" — holders of a
    # title; a number before a medal or certificate counts items ("2 Huân chương …") and is no recipient.
    is_title = parse_award(award.text).type == "danh hiệu"
    count = _attached_count(s, g)
    if is_title and count and count not in ev.recipient_quantity:
        ev.recipient_quantity.append(count)
    # A title written next to its holder: "Anh hùng Lao động Phạm Văn Quyết",
    # "Nhà giáo ưu tú, ThS. Vũ Thị Hải Yến", "bà Lưu Thị Sen, Anh hùng Lao động".
    if not ev.recipient_person and not ev.recipient_quantity and is_title:
        nxt = ents[idx + 1] if idx + 1 < len(ents) else None
        prv = ents[idx - 1] if idx > 0 else None
        if nxt and nxt.label == "PERSON" and _BEFORE_NAME_GAP.match(text[award.end : nxt.start]):
            ev.recipient_person = [nxt]
        elif prv and prv.label == "PERSON" and re.fullmatch(r"\s*,\s*", text[prv.end : award.start]):
            ev.recipient_person = [prv]
        else:
            # "Kỹ sư Lâm Quốc Bảo, Phó Giám đốc Nhà máy …, là Chiến sĩ thi đua toàn quốc": said to hold it.
            j = idx - 1
            while (
                j > 0 and ents[j] in s.titles and re.fullmatch(r"\s*[,\-–]?\s*", text[ents[j - 1].end : ents[j].start])
            ):
                j -= 1
            if j < idx - 1 and ents[j].label == "PERSON" and IS_TITLE.fullmatch(text[ents[idx - 1].end : award.start]):
                ev.recipient_person = [ents[j]]


def _right_context_roles(s: _Sentence, g: _Governor, ev: AwardEvent) -> None:
    """After the award: a ``do`` giver, then recipients (counts, names) and campaigns."""
    text, titles, award = s.text, s.titles, g.award
    right = _right_scope(text, s.ents, g.idx, g.c_end)
    holder = {lk.position: lk.person for lk in s.links if lk.person.start >= lk.position.end}
    for e in right:
        before = text[max(award.end, e.start - 40) : e.start]
        if (
            e.label in ("POSITION", "PERSON")
            and (BY.search(before) or (POSTPOSED_AGENT.search(before) and _verb_follows(text, e, s.all_ents)))
            and not ev.giver_person
            and not ev.giver_position
        ):
            # "do đồng chí Phó Chủ tịch UBND tỉnh Hoàng Văn Tâm trao": the title's holder gives.
            _fill_giver(ev, [holder[e]] if e in holder and holder[e] in right else [e], titles)
    do_givers = set(ev.giver_person) | set(ev.giver_position)
    for e in right:
        if e in do_givers or e in titles:
            continue
        if e.label == "QUANTITY" and e not in ev.recipient_quantity:
            # "cho 21 tập thể, cá nhân, trong đó có một doanh nghiệp …", "3.164 Bà mẹ Việt Nam anh hùng …, trong
            # đó 12 mẹ còn sống": a counted subset is no recipient again (decision 13).
            if ev.recipient_quantity and SUBSET.search(text[max(award.end, e.start - 20) : e.start]):
                continue
            ev.recipient_quantity.append(e)
        elif (
            e.label == "PERSON"
            and e not in ev.giver_person
            and e not in ev.recipient_person
            and _is_recipient_person(text, award, e)
        ):
            ev.recipient_person.append(e)
        elif e.label == "CAMPAIGN":
            ev.campaign.append(e)


def _verb_follows(text: str, agent: Entity, ents: Sequence[Entity]) -> bool:
    """A verb of giving right after ``agent`` (or after the name its title introduces)."""
    end = agent.end
    nxt = next((e for e in ents if e.start >= agent.end), None)
    if nxt is not None and nxt.label == "PERSON" and nxt.start - agent.end <= 2:
        end = nxt.end
    window = text[end : end + 60]
    lead = re.match(r"\s*(?:(?:đã|vừa|ký quyết định|quyết định)\s+)*", window, re.IGNORECASE)
    verb = GIVE_VERB.match(window, lead.end())
    if not verb:
        return False
    # "… và được Bộ trưởng tặng Bằng khen": the agent of the next award, not of this one.
    obj = next((e for e in ents if e.start >= end + verb.end()), None)
    return not (
        obj is not None and obj.label == "AWARD" and re.fullmatch(r"[\s“\"]*", text[end + verb.end() : obj.start])
    )


def _decision_of_giver(s: _Sentence, ev: AwardEvent) -> None:
    """ "Theo Quyết định số … của Chủ tịch UBND tỉnh, …": the deciding office confers."""
    if ev.giver_person or ev.giver_position:
        return
    for e in s.ents:
        if (
            e.label == "POSITION"
            and e not in s.titles
            and _DECISION_OF.search(s.text[max(s.lo, e.start - 80) : e.start])
        ):
            ev.giver_position = [e]
            return


def _authority_role(s: _Sentence, g: _Governor, ev: AwardEvent, previous: AwardEvent | None) -> None:
    """The latest ``Thừa ủy quyền của X`` before the award, or the previous grant's when its giver carries over."""
    auth = [a for a, pos in s.authorities if pos < ev.award.start]
    own_giver = (ev.giver_person or ev.giver_position) and (
        previous is None or (ev.giver_person, ev.giver_position) != (previous.giver_person, previous.giver_position)
    )
    if auth and auth[-1].start < g.c_start and own_giver and not _confers(auth[-1], ev.award):
        # "Thừa ủy quyền của Thủ tướng, A trao …; Chủ tịch UBND tỉnh tặng Bằng khen …": the new
        # clause has a giver of its own, who acts for the authority only when the award is the
        # authority's ("…; đồng chí B trao Huân chương Lao động hạng Ba …" still for Chủ tịch nước).
        return
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


def _confers(authority: Entity, award: Entity) -> bool:
    """Whether ``award`` is one the office ``authority`` confers: its issuer names the office, or it is
    a state order, medal or title and the office is the President's."""
    info = parse_award(award.text)
    office = authority.text.lower()
    if info.issuer:
        issuer = info.issuer.lower()
        return office in issuer or issuer in office or ("thủ tướng" in office and "chính phủ" in issuer)
    return "chủ tịch nước" in office and info.type in ("Huân chương", "Huy chương", "danh hiệu")


def _clause_start(text: str, pos: int, lo: int) -> int:
    last = max((m.end() for m in re.finditer(r";", text[lo:pos])), default=0)
    return lo + last


def _clause_end(text: str, pos: int, hi: int) -> int:
    m = re.search(r";", text[pos:hi])
    return pos + m.start() if m else hi


def _fill_giver(ev: AwardEvent, candidates: Sequence[Entity], titles: set[Entity], every: bool = False) -> None:
    """The last name among ``candidates`` (every name with ``every``: coordinated givers), else the last office."""
    persons = [e for e in candidates if e.label == "PERSON"]
    if persons:
        ev.giver_person = persons if every else [persons[-1]]
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
        between = PARENTHETICAL.sub(",", between)
        if e.label == "POSITION" and e not in titles and OWN_PROPOSAL.fullmatch(between):
            return [e]  # "Giám đốc Sở Nội vụ đề nghị tặng Bằng khen …": the proposing office (EVENT_SCHEMA v1.1)
        # "đồng chí A … đề nghị các sở … tặng", "ông A cho biết, tỉnh sẽ trao": A proposes or reports.
        if NOT_THE_CONFERRER.search(between) and not re.search(
            r"(?<![\w])(?:và|đồng thời|sau đó|rồi)\s+(?:(?:đã|cũng|trực tiếp)\s+)*$", between, re.IGNORECASE
        ):
            return []
        if e.label == "PERSON":
            return _coordinated_persons(text, subject, e, titles)
        if e in titles:
            continue  # "đồng chí A, Bí thư Tỉnh ủy trao …": keep looking for A
        # "Chủ tịch nước vừa ký Quyết định số 1156/QĐ-CTN tặng …" puts more words before the verb.
        limit = 20 if re.search(r"(?<!\w)(?:ký|quyết định)(?!\w)", between, re.IGNORECASE) else 8
        return [e] if len(between.split()) <= limit else []
    return []


def _coordinated_persons(text: str, subject: Sequence[Entity], person: Entity, titles: set[Entity]) -> list[Entity]:
    """The nearest giver and the names joined to it: "Đồng chí A, Phó Bí thư Tỉnh ủy và đồng chí B, Phó Chủ
    tịch UBND tỉnh trao …" gives A and B."""
    out = [person]
    k = subject.index(person) - 1
    while k >= 0:
        nxt_start = out[0].start
        # the earlier name's own titles: "A, Phó Bí thư Tỉnh ủy và đồng chí B"
        while k >= 0 and subject[k] in titles and subject[k].label == "POSITION":
            k -= 1
        if k < 0 or subject[k].label != "PERSON":
            break
        own = [t for t in subject[k + 1 :] if t.start < nxt_start]
        # the titles between are the earlier name's ("A, Phó Bí thư … và B") or the later name's
        # ("Phó Thủ tướng A và Bộ trưởng B")
        after_titles = text[(own[-1].end if own else subject[k].end) : nxt_start]
        before_titles = text[subject[k].end : own[0].start] if own else after_titles
        if not (AND_ANOTHER.match(after_titles) or AND_ANOTHER.match(before_titles)):
            break
        out.insert(0, subject[k])
        k -= 1
    return out


def _names_before_semicolons(s: _Sentence, c_start: int, found: Sequence[Entity]) -> list[Entity]:
    """Givers listed over ';' before the clause: "Đồng chí A, Phó Chủ tịch UBND tỉnh; Đại tá B, … và Đại tá C,
    … trao …" — earlier clauses holding only names and their titles belong to the subject."""
    if not found or found[0].label != "PERSON" or c_start <= s.lo:
        return []
    if not re.fullmatch(rf"\s*(?:{_HONORIFIC}\s*)*", s.text[c_start : found[0].start], re.IGNORECASE):
        return []
    out: list[Entity] = []
    end = c_start - 1  # the ';'
    while end > s.lo:
        start = _clause_start(s.text, end, s.lo)
        clause = [e for e in s.ents if start <= e.start < end]
        gaps = s.text[start:end]
        for e in clause:
            gaps = gaps.replace(e.text, " ")
        if (
            not clause
            or any(e.label != "PERSON" and e not in s.titles for e in clause)
            or not ONLY_NAMES.fullmatch(gaps)
        ):
            break
        out[:0] = [e for e in clause if e.label == "PERSON"]
        end = start - 1
    return out


def _group_before(
    text: str, head: Sequence[Entity], end: int, floor: int, titles: set[Entity]
) -> tuple[list[Entity], list[Entity]]:
    """Recipients right before ``được``/``nhận``: the contiguous group of counts or names."""
    group: list[Entity] = []
    cursor = end
    before = [e for e in head if e.end <= end and e.start >= floor]
    for i in range(len(before) - 1, -1, -1):
        e = before[i]
        # "Nghệ nhân A, người có hơn 40 năm truyền dạy …, vừa được tặng": an apposition about the name.
        gap = APPOSITION.sub(",", text[e.end : cursor])
        if (
            e.label == "AWARD"
            and not group
            and i > 0
            and (before[i - 1].label == "PERSON" or before[i - 1] in titles)
            and parse_award(e.text).type == "danh hiệu"
            and re.fullmatch(r"\s*,\s*(?:(?:từng|đã|vừa|cũng)\s+)*", gap)
        ):
            cursor = e.start  # "Thiếu tướng A, nguyên …, Anh hùng LLVT nhân dân, từng được tặng …": a title he holds
            continue
        if e.label in ("QUANTITY", "PERSON"):
            limit = 60 if not group else 12
            if len(gap) > limit or re.search(r"[;]|\btrong số\b|\bnằm trong\b", gap):
                break
            group.append(e)
            cursor = e.start
        elif e.label == "CAMPAIGN" and not group:
            cursor = e.start  # "Sáu đơn vị dẫn đầu phong trào thi đua “…” được tặng …"
        elif e.label == "POSITION" and e in titles:
            # A recipient's own title: "Trần A, giáo viên Trường X, được tặng …" — not a title far back
            # ("đồng chí A, Bí thư … tặng hoa chúc mừng bà B vừa được tặng …").
            if ";" in gap or GIVE_VERB.search(gap):
                break
            cursor = e.start
        else:
            break
    group.reverse()
    return [e for e in group if e.label == "QUANTITY"], [e for e in group if e.label == "PERSON"]


def _right_scope(text: str, ents: Sequence[Entity], idx: int, c_end: int) -> list[Entity]:
    """Entities after the award that belong to its grant: up to the clause end, the next verb
    that starts another grant, or a later award that has recipients of its own."""
    out: list[Entity] = []
    prev_end = ents[idx].end
    seen_recipient = False
    at_clause_end = False
    for e in ents[idx + 1 :]:
        if e.start >= c_end:
            at_clause_end = True
            break
        gap = text[prev_end : e.start]
        if seen_recipient and _NEXT_GRANT.search(gap) and not re.search(r"(?<![\w])cho\s*$", gap):
            if e.label in ("AWARD", "QUANTITY", "PERSON"):
                break
        if e.label == "AWARD":
            j = ents.index(e)
            holder = ents[j + 1] if j + 1 < len(ents) else None
            if (
                holder is not None
                and holder.label == "PERSON"
                and parse_award(e.text).type == "danh hiệu"
                and _BEFORE_NAME_GAP.match(text[e.end : holder.start])
            ):
                # "Trao Huy hiệu 55 năm tuổi Đảng cho Nhà giáo nhân dân Trịnh Thị Liễu": the holder's title.
                prev_end = e.end
                continue
            # "… hạng Nhì cho công ty và Huân chương … cho ông X": an untagged recipient
            # after "cho" still closes this award's grant.
            if seen_recipient or _CHO.search(gap):
                break
            prev_end = e.end
            continue
        if e.label == "QUANTITY" and _counts_next_award(text, ents, e):
            nxt_award = ents[ents.index(e) + 1]
            if parse_award(nxt_award.text).type != "danh hiệu" and not seen_recipient:
                continue  # "trao 2 Huân chương … và 5 Bằng khen cho 7 cá nhân": 5 counts items of a shared grant
            break  # "… 2 Nghệ sĩ nhân dân và 5 Nghệ sĩ ưu tú": 5 counts the next award's holders
        if e.label in ("QUANTITY", "PERSON"):
            # A group followed by "được"/"nhận" before the next award is that award's subject.
            nxt_award = next((a for a in ents[ents.index(e) + 1 :] if a.label == "AWARD"), None)
            if nxt_award and nxt_award.start < c_end:
                tail = text[e.end : nxt_award.start]
                if (PASSIVE.search(tail) or RECEIVE.search(tail)) and not _CHO.search(text[prev_end : e.start]):
                    break
            elif e.label == "QUANTITY" and NEW_PASSIVE_GRANT.match(text[e.end : c_end]):
                break  # "…, 93 tập thể, cá nhân được tặng Huân chương các loại": a grant of its own
            seen_recipient = True
        out.append(e)
        prev_end = e.end
    # A list of named recipients may go on after ";" ("cho BSCKII A, Giám đốc …; BSCKII B, …"), and so
    # does a list a colon opens, whatever its first items ("cho 2 tập thể, 1 cá nhân:\n1. Trường …;\n3. Ông A").
    named_list = out and out[-1].label in ("PERSON", "POSITION") and any(x.label == "PERSON" for x in out)
    if at_clause_end and (named_list or ":" in text[ents[idx].end : c_end]):
        later = [e for e in ents[idx + 1 :] if e.start >= c_end]
        added: list[Entity] = []
        for j, e in enumerate(later):
            gap = text[prev_end : e.start]
            if (
                e.label not in ("PERSON", "POSITION")
                or GIVE_VERB.search(gap)
                or PASSIVE.search(gap)
                or RECEIVE.search(gap)
            ):
                break
            after = text[e.end : later[j + 1].start if j + 1 < len(later) else c_end + 200]
            if e.label == "PERSON" and re.match(r"[^;:]*?(?<![\w])(?:trao|tặng|gắn|được|nhận|đón nhận)(?![\w])", after):
                # "…; Phó Chủ tịch UBND tỉnh Lê Văn B trao Bằng khen …": the subject of a new grant, not
                # a listed recipient; its titles go with it.
                while added and added[-1].label == "POSITION":
                    out.remove(added.pop())
                break
            out.append(e)
            added.append(e)
            prev_end = e.end
    return out


def _counts_next_award(text: str, ents: Sequence[Entity], quantity: Entity) -> bool:
    i = ents.index(quantity)
    nxt = ents[i + 1] if i + 1 < len(ents) else None
    return bool(nxt and nxt.label == "AWARD" and re.fullmatch(r"[\s“\"]*", text[quantity.end : nxt.start]))


def _is_recipient_person(text: str, award: Entity, person: Entity) -> bool:
    gap = text[award.end : person.start]
    return bool(_TO_RECIPIENT.search(gap)) or len(gap.strip(" ,")) == 0
