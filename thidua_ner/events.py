"""From entity spans to award events and person–position links (EVENT_SCHEMA v1).

Every AWARD span anchors one :class:`AwardEvent`; its roles are filled from the
entities of the same sentence by rules over the words between them: the trigger
verb and its voice (``trao``, ``được … tặng``, ``nhận``), prepositions (``cho``,
``tặng``, ``do``), authority phrases (``Thừa ủy quyền của``, ``thay mặt``) and
clause boundaries (``;``, a second verb). Works on any entity list, gold or
predicted: :func:`extract` takes text and entities, :func:`annotate` fills a
:class:`~thidua_ner.doc.Document` in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .doc import Document, Entity, Sentence
from .normalize import normalize, normalize_award_key
from .text import split_sentences

ROLES = ("giver_person", "giver_position", "on_behalf_of", "recipient_quantity", "recipient_person", "campaign")


# ---------------------------------------------------------------------------- parsed values

_DIGITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
}
_MULTIPLIERS = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "vạn": 10000, "triệu": 1_000_000}
_NUMBER_AT_START = re.compile(r"\d+(?:[.,]\d+)*")


def _words_to_int(words: list[str]) -> tuple[int | None, int]:
    """Parse a Vietnamese number in words at the start of ``words``; returns (value, words used).

    ``một`` 1, ``mười lăm`` 15, ``hai mươi mốt`` 21, ``ba trăm`` 300, ``hai nghìn`` 2000.
    """
    total, current, used = 0, None, 0
    for w in words:
        if w == "mười":
            current = (current or 0) + 10 if current is not None and current >= 100 else 10
        elif w in _DIGITS:
            if current is None or current % 10 == 0 and current >= 10:
                current = (current or 0) + _DIGITS[w]
            else:
                break  # "hai ba" is not one number
        elif w in ("mươi", "chục") and current is not None and current < 10:
            current *= 10
        elif w in _MULTIPLIERS and current is not None:
            total += current * _MULTIPLIERS[w]
            current = None
        elif w in ("lẻ", "linh") and used:
            pass
        else:
            break
        used += 1
    if used == 0:
        return None, 0
    return total + (current or 0), used


def parse_quantity(text: str) -> tuple[int | None, str | None]:
    """``"06 hộ gia đình"`` → ``(6, "hộ gia đình")``; ``"2.655 cá nhân"`` → 2655; ``"1,7 ngàn trường hợp"`` → 1700;
    ``"hai nhà giáo"`` → 2. Returns ``(None, unit)`` when the number cannot be read."""
    norm = " ".join(normalize(text).text.split())
    m = _NUMBER_AT_START.match(norm)
    if m:
        raw, rest = m.group(), norm[m.end() :].strip()
        words = rest.split()
        multiplier = 1
        if words and words[0].lower() in _MULTIPLIERS:
            multiplier = _MULTIPLIERS[words[0].lower()]
            rest = " ".join(words[1:])
        if multiplier > 1 and "," in raw:
            value: float | None = float(raw.replace(".", "").replace(",", "."))
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) or re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
            value = float(raw.replace(".", "").replace(",", ""))  # thousands separators
        elif re.fullmatch(r"\d+", raw):
            value = float(raw)
        else:
            value = float(raw.replace(",", ".")) if multiplier > 1 else None
        count = int(round(value * multiplier)) if value is not None else None
        return count, rest or None
    words = norm.lower().split()
    value, used = _words_to_int(words)
    if value is None:
        return None, norm or None
    unit = " ".join(norm.split()[used:])
    return value, unit or None


_CLASS_WORDS = {
    "nhất": "Nhất", "nhì": "Nhì", "ba": "Ba", "i": "Nhất", "ii": "Nhì", "iii": "Ba", "1": "Nhất", "2": "Nhì", "3": "Ba",
}
_AWARD_TYPES = (
    ("huân chương", "Huân chương"),
    ("huy chương", "Huy chương"),
    ("bằng khen", "Bằng khen"),
    ("cờ thi đua", "Cờ thi đua"),
    ("giấy khen", "Giấy khen"),
    ("kỷ niệm chương", "Kỷ niệm chương"),
    ("kỉ niệm chương", "Kỷ niệm chương"),
    ("huy hiệu", "Huy hiệu"),
    ("giải thưởng", "Giải thưởng"),
)
_KIND_WORDS = ("toàn diện", "đột xuất", "chuyên đề", "thường xuyên")


@dataclass(frozen=True)
class AwardInfo:
    """Parsed parts of an award name."""

    normalised: str
    type: str
    name: str | None
    award_class: str | None
    issuer: str | None


def parse_award(text: str) -> AwardInfo:
    """``"Huân chương Lao động hạng ba"`` → type Huân chương, name Lao động, class Ba;
    ``"Bằng khen của Thủ tướng Chính phủ"`` → type Bằng khen, issuer Thủ tướng Chính phủ;
    a title such as ``"Nhà giáo ưu tú"`` → type danh hiệu."""
    key = normalize_award_key(text)
    display = " ".join(normalize(text).text.split())
    award_type, rest_start = "danh hiệu", 0
    for prefix, name in _AWARD_TYPES:
        if key.startswith(prefix):
            award_type, rest_start = name, len(prefix)
            break
    rest = display[rest_start:].strip()
    classes = []
    m = re.search(r"\bhạng\s+(.+)$", rest, flags=re.IGNORECASE)
    if m:
        for part in re.split(r"\s*(?:,|và|;)\s*(?:hạng\s+)?", m.group(1), flags=re.IGNORECASE):
            word = part.strip().lower()
            if word in _CLASS_WORDS and _CLASS_WORDS[word] not in classes:
                classes.append(_CLASS_WORDS[word])
        rest = rest[: m.start()].strip()
    issuer = None
    im = re.search(r"\bcủa\s+(.+)$", rest, flags=re.IGNORECASE)
    if im:
        issuer, rest = im.group(1).strip(), rest[: im.start()].strip()
    elif award_type in ("Bằng khen", "Cờ thi đua", "Giấy khen") and rest:
        stripped = rest
        for kind in _KIND_WORDS:
            stripped = re.sub(rf"^{kind}\b\s*", "", stripped, flags=re.IGNORECASE)
        issuer, rest = (stripped or None), rest[: len(rest) - len(stripped)].strip() if stripped else rest
    name = rest.strip(" “”\"") or None
    if award_type == "danh hiệu":
        name = display
    return AwardInfo(key, award_type, name, ", ".join(classes) or None, issuer)


# ---------------------------------------------------------------------------- data classes


@dataclass
class AwardEvent:
    """One conferral of an award, anchored on its AWARD span."""

    award: Entity
    giver_person: list[Entity] = field(default_factory=list)
    giver_position: list[Entity] = field(default_factory=list)
    on_behalf_of: list[Entity] = field(default_factory=list)
    recipient_quantity: list[Entity] = field(default_factory=list)
    recipient_person: list[Entity] = field(default_factory=list)
    campaign: list[Entity] = field(default_factory=list)

    @property
    def info(self) -> AwardInfo:
        return parse_award(self.award.text)

    @property
    def normalised(self) -> str:
        return self.info.normalised

    @property
    def type(self) -> str:
        return self.info.type

    @property
    def award_class(self) -> str | None:
        return self.info.award_class

    @property
    def issuer(self) -> str | None:
        return self.info.issuer

    def quantities(self) -> list[dict[str, Any]]:
        """Each recipient count with its parsed ``count`` and ``unit``."""
        out = []
        for q in self.recipient_quantity:
            count, unit = parse_quantity(q.text)
            out.append({**q.to_dict(), "count": count, "unit": unit})
        return out

    def triples(self) -> set[tuple[tuple[int, int], str, tuple[int, int]]]:
        return {(self.award.span, role, e.span) for role in ROLES for e in getattr(self, role)}

    def to_dict(self) -> dict[str, Any]:
        info = self.info
        award = {**self.award.to_dict(), "normalised": info.normalised, "type": info.type, "name": info.name,
                 "class": info.award_class, "issuer": info.issuer}
        out: dict[str, Any] = {"award": award}
        for role in ROLES:
            out[role] = self.quantities() if role == "recipient_quantity" else [e.to_dict() for e in getattr(self, role)]
        return out


@dataclass(frozen=True)
class PersonPosition:
    """The text says ``person`` holds ``position``."""

    person: Entity
    position: Entity

    def pair(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return (self.person.span, self.position.span)

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.person.to_dict(), "position": self.position.to_dict()}


# ---------------------------------------------------------------------------- cue words

_W = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
GIVE_VERB = re.compile(
    _W + r"(?:trao tặng|trao thưởng|trao|chuyển trao|tặng thưởng|tặng|phong tặng|truy tặng|truy phong|phong|"
    r"khen thưởng|ký quyết định tặng|quyết định tặng|ký quyết định|ký|công nhận|tôn vinh|vinh danh|gắn)" + _E,
    re.IGNORECASE,
)
PASSIVE = re.compile(_W + r"(?:được|đã được|vinh dự được)" + _E, re.IGNORECASE)
RECEIVE = re.compile(_W + r"(?<!công )(?:nhận|đón nhận|lĩnh|đạt|giành)" + _E, re.IGNORECASE)
AUTHORITY = re.compile(_W + r"(?:thừa ủy quyền(?: của)?|thừa lệnh(?: của)?|thay mặt(?: cho)?|ủy quyền của)\s*$", re.IGNORECASE)
_DECISION_OF = re.compile(r"quyết định(?: số)?[^;,]{0,60}?\bcủa\s*$", re.IGNORECASE)
_NEXT_GRANT = re.compile(r"(?<![\w])(?:và |, )?(?:trao tặng|trao|tặng|chuyển trao|phong tặng|truy tặng)(?![\w])", re.IGNORECASE)
_CHO = re.compile(r"(?<![\w])cho(?![\w])", re.IGNORECASE)
# Words that introduce named recipients after an award: "cho ông A", "gồm các bà: …", "là thầy A".
_TO_RECIPIENT = re.compile(r"(?<![\w])(?:cho|tặng|đến|tới|gồm|là)(?![\w])|:", re.IGNORECASE)
BY = re.compile(_W + r"do\s*$", re.IGNORECASE)
# "tặng Cờ thi đua cho 46 tập thể, Bằng khen cho 312 tập thể": a later award with no verb of
# its own, joined to the previous grant, shares its giver.
_ELLIPSIS = re.compile(r"[\s,;]*(?:(?:và|cùng|danh hiệu|“|\")\s*)*", re.IGNORECASE)
# What may stand between the previous grant and a verb whose subject carries over.
_CONTINUES = re.compile(r"[\s,;]*(?:(?:và|đồng thời|cũng|đã|tiếp tục|sau đó)\s+)*", re.IGNORECASE)


_HONORIFIC = (
    r"(?:đồng chí|đ/c|các đồng chí|ông|bà|anh|chị|cô|thầy|em|cụ|mẹ|ngài|bác sĩ|bác sỹ|nhà báo|nghệ sĩ|nghệ nhân|"
    r"nhà giáo|thầy giáo|cô giáo|liệt sĩ|cố|đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy|"
    r"đại tướng|thượng tướng|trung tướng|thiếu tướng|giáo sư|phó giáo sư|tiến sĩ|tiến sỹ|thạc sĩ|thạc sỹ|"
    r"gs\.?|pgs\.?|ts\.?|ths\.?|bs\.?|bsckii\.?|bscki\.?|ngưt\.?|nsưt\.?|nsnd\.?|ngnd\.?|ttưt\.?|"
    r"pgs\.\s?ts\.?|gs\.\s?ts\.?|,)"
)
_BEFORE_NAME_GAP = re.compile(rf"^\s*(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)
_AFTER_NAME_GAP = re.compile(
    r"^\s*(?:[,\-–—(:]\s*)?(?:(?:kiêm|nguyên|đồng thời là|hiện là|là|kiêm nhiệm)\s+)?$", re.IGNORECASE
)
_CHAIN_BEFORE_GAP = re.compile(r"^\s*,\s*(?:kiêm\s+)?$|^\s+kiêm\s+$", re.IGNORECASE)


# ---------------------------------------------------------------------------- sentence analysis


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def _linked_positions(text: str, ents: Sequence[Entity], authority_positions: set[Entity]) -> list[PersonPosition]:
    links: list[PersonPosition] = []
    claimed: set[Entity] = set()
    for i, ent in enumerate(ents):
        if ent.label != "PERSON":
            continue
        # Titles after the name: ", Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" up to the next name or ';'.
        prev_end = ent.end
        for nxt in ents[i + 1 :]:
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
            ok = _BEFORE_NAME_GAP.match(gap) and not gap.strip().startswith(",") if first else _CHAIN_BEFORE_GAP.match(gap)
            if not ok:
                break
            links.append(PersonPosition(ent, prev))
            claimed.add(prev)
            next_start, first, j = prev.start, False, j - 1
    return sorted(set(links), key=lambda link: (link.person.start, link.position.start))


def _authority(text: str, ents: Sequence[Entity], lo: int) -> list[tuple[Entity, int]]:
    """POSITIONs introduced by ``Thừa ủy quyền của`` / ``thay mặt``, with their positions."""
    out = []
    prev_end = lo
    for e in ents:
        if e.label == "POSITION" and AUTHORITY.search(text[max(prev_end, e.start - 40) : e.start]):
            out.append((e, e.start))
        prev_end = e.end
    return out


def _sentence_events(text: str, sent: Sentence, ents: Sequence[Entity]) -> tuple[list[AwardEvent], list[PersonPosition]]:
    ents = sorted(ents)
    lo, hi = sent.start, sent.end
    authorities = _authority(text, ents, lo)
    authority_set = {a for a, _ in authorities}
    links = _linked_positions(text, ents, authority_set)
    title_of_person = {link.position for link in links}
    events: list[AwardEvent] = []
    awards = [e for e in ents if e.label == "AWARD"]
    previous: AwardEvent | None = None
    for award in awards:
        ev = AwardEvent(award)
        idx = ents.index(award)
        c_start = _clause_start(text, award.start, lo)
        c_end = _clause_end(text, award.end, hi)
        # --- left context: the governing verb and voice
        left_ents = [e for e in ents[:idx] if e.start >= c_start]
        # Coordinated awards before this one share its verb: skip back over them.
        k = len(left_ents) - 1
        while k >= 0 and left_ents[k].label == "AWARD" and re.fullmatch(
            r"[\s,]*(?:và|cùng|hoặc)?[\s,]*(?:danh hiệu)?[\s“”\"]*", text[left_ents[k].end : (left_ents[k + 1].start if k + 1 < len(left_ents) else award.start)], re.IGNORECASE
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
            ev.recipient_quantity, ev.recipient_person = _group_before(text, head_ents, r_start, c_start, title_of_person)
        elif passive and (not verb or passive.start() + c_start <= verb.start() + seg_start):
            # "X được [GIVER] tặng AWARD": the giver sits between được and the verb.
            p_end = c_start + passive.end()
            givers = [e for e in head_ents if e.start >= p_end]
            _fill_giver(ev, givers, title_of_person)
            recipients_end = c_start + passive.start()
            ev.recipient_quantity, ev.recipient_person = _group_before(text, head_ents, recipients_end, c_start, title_of_person)
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
        if idx > 0 and ents[idx - 1].label == "QUANTITY" and re.fullmatch(r"[\s“\"]*", text[ents[idx - 1].end : award.start]):
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
        right = _right_scope(text, ents, idx, c_end)
        for e in right:
            before = text[max(award.end, e.start - 12) : e.start]
            if e.label in ("POSITION", "PERSON") and BY.search(before) and not ev.giver_person and not ev.giver_position:
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
            for e in ents:
                if e.label == "POSITION" and e not in title_of_person and _DECISION_OF.search(text[max(lo, e.start - 80) : e.start]):
                    ev.giver_position = [e]
                    break
        # --- authority: the latest "Thừa ủy quyền của X" before the award in this sentence
        auth = [a for a, pos in authorities if pos < award.start]
        if auth:
            ev.on_behalf_of = [auth[-1]]
        elif previous is not None and previous.on_behalf_of and not ev.on_behalf_of and ev.giver_person == previous.giver_person and ev.giver_person:
            ev.on_behalf_of = list(previous.on_behalf_of)
        events.append(ev)
        previous = ev
    return events, links


def _clause_start(text: str, pos: int, lo: int) -> int:
    last = max((m.end() for m in re.finditer(r";", text[lo:pos])), default=0)
    return lo + last


def _clause_end(text: str, pos: int, hi: int) -> int:
    m = re.search(r";", text[pos:hi])
    return pos + m.start() if m else hi


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
            # "… hạng Nhì cho công ty và Huân chương … cho ông X": an untagged recipient
            # after "cho" still closes this award's grant.
            if seen_recipient or _CHO.search(gap):
                break
            prev_end = e.end
            continue
        if e.label == "QUANTITY" and _counts_next_award(text, ents, e):
            break  # "… 2 Nghệ sĩ nhân dân và 5 Nghệ sĩ ưu tú": 5 counts the next award
        if e.label in ("QUANTITY", "PERSON"):
            # A group followed by "được"/"nhận" before the next award is that award's subject.
            nxt_award = next((a for a in ents[ents.index(e) + 1 :] if a.label == "AWARD"), None)
            if nxt_award and nxt_award.start < c_end:
                tail = text[e.end : nxt_award.start]
                if (PASSIVE.search(tail) or RECEIVE.search(tail)) and not _CHO.search(text[prev_end : e.start]):
                    break
            seen_recipient = True
        out.append(e)
        prev_end = e.end
    # A list of named recipients may go on after ";" ("cho BSCKII A, Giám đốc …; BSCKII B, …").
    if at_clause_end and out and out[-1].label in ("PERSON", "POSITION") and any(x.label == "PERSON" for x in out):
        for e in (e for e in ents[idx + 1 :] if e.start >= c_end):
            gap = text[prev_end : e.start]
            if e.label not in ("PERSON", "POSITION") or GIVE_VERB.search(gap) or PASSIVE.search(gap) or RECEIVE.search(gap):
                break
            out.append(e)
            prev_end = e.end
    return out


def _counts_next_award(text: str, ents: Sequence[Entity], quantity: Entity) -> bool:
    i = ents.index(quantity)
    nxt = ents[i + 1] if i + 1 < len(ents) else None
    return bool(nxt and nxt.label == "AWARD" and re.fullmatch(r"[\s“\"]*", text[quantity.end : nxt.start]))


def _is_recipient_person(text: str, award: Entity, person: Entity) -> bool:
    gap = text[award.end : person.start]
    return bool(_TO_RECIPIENT.search(gap)) or len(gap.strip(" ,")) == 0


# ---------------------------------------------------------------------------- public API


def annotate(doc: Document) -> Document:
    """Fill ``doc.events`` and ``doc.person_positions`` from ``doc.entities`` and ``doc.sentences``.

    The rules read the normalised text (NFC, canonical tones, collapsed spaces) so NFD or
    old-tone input behaves the same; results point at the document's own entities.
    """
    doc.events, doc.person_positions = [], []
    norm = normalize(doc.text)
    first_char: dict[int, int] = {}
    after_char: dict[int, int] = {}
    for i, (s, e) in enumerate(zip(norm.starts, norm.ends)):
        first_char.setdefault(s, i)
        after_char[e] = i + 1

    def to_norm(start: int, end: int) -> tuple[int, int] | None:
        a, b = first_char.get(start), after_char.get(end)
        return (a, b) if a is not None and b is not None and a < b else None

    originals: dict[Entity, Entity] = {}
    for ent in doc.entities:
        span = to_norm(ent.start, ent.end)
        if span:
            proxy = Entity(span[0], span[1], ent.label, norm.text[span[0] : span[1]], ent.score)
            originals[proxy] = ent
    sentences = doc.sentences or [Sentence(0, len(doc.text), doc.text)]
    ents = sorted(originals)
    i = 0
    for sent in sentences:
        span = to_norm(sent.start, sent.end) or (first_char.get(sent.start, 0), len(norm.text))
        inside = []
        while i < len(ents) and ents[i].start < span[1]:
            if ents[i].start >= span[0]:
                inside.append(ents[i])
            i += 1
        if not inside:
            continue
        events, links = _sentence_events(norm.text, Sentence(span[0], span[1], ""), inside)
        for ev in events:
            back = AwardEvent(originals[ev.award])
            for role in ROLES:
                setattr(back, role, [originals[e] for e in getattr(ev, role)])
            doc.events.append(back)
        doc.person_positions.extend(PersonPosition(originals[lk.person], originals[lk.position]) for lk in links)
    return doc


def extract(text: str, entities: Iterable[Entity | dict | tuple], sentences: Iterable[tuple[int, int]] | None = None) -> Document:
    """Events and links from ANY entity list (gold or predicted) over ``text``.

    ``entities`` may be :class:`Entity` objects, ``{"start", "end", "label"}`` dicts or
    ``(start, end, label)`` tuples. Sentences are split as the pipeline does unless given.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text as str, got {type(text).__name__}")
    ents = [_as_entity(text, e) for e in entities]
    if sentences is None:
        norm = normalize(text)
        spans = [norm.to_original(s, e) for s, e in split_sentences(norm.text)]
    else:
        spans = list(sentences)
    doc = Document(text=text, sentences=[Sentence(s, e, text[s:e]) for s, e in spans], entities=sorted(ents))
    # An entity that crosses a sentence boundary would be lost: merge those sentences.
    doc.sentences = _merge_crossing(doc.sentences, doc.entities, text)
    return annotate(doc)


def _as_entity(text: str, e: Entity | dict | tuple) -> Entity:
    if isinstance(e, Entity):
        return e if e.text else Entity(e.start, e.end, e.label, text[e.start : e.end], e.score)
    if isinstance(e, dict):
        s, t, lab = e["start"], e["end"], e["label"]
    else:
        s, t, lab = e[0], e[1], e[2]
    return Entity(s, t, lab, text[s:t])


def _merge_crossing(sentences: list[Sentence], entities: Sequence[Entity], text: str) -> list[Sentence]:
    if not sentences:
        return sentences
    merged = [sentences[0]]
    for s in sentences[1:]:
        last = merged[-1]
        if any(e.start < last.end < e.end or (e.start < s.start and e.end > s.start) for e in entities):
            merged[-1] = Sentence(last.start, s.end, text[last.start : s.end])
        else:
            merged.append(s)
    return merged


# ---------------------------------------------------------------------------- scoring


def event_triples(events: Iterable[dict]) -> set[tuple]:
    """Triples from events in the gold-file form ``{"award": [s, e], role: [[s, e], ...]}``."""
    out = set()
    for ev in events:
        award = tuple(ev["award"])
        for role in ROLES:
            for filler in ev.get(role, []):
                out.add((award, role, tuple(filler)))
    return out


def score_events(gold: Sequence[dict], predicted: Sequence[Document]) -> dict[str, Any]:
    """Score predicted documents against gold event records (one per document, same order).

    ``gold[i]`` is ``{"events": [...], "person_positions": [[[ps, pe], [qs, qe]], ...]}`` with
    offsets into ``predicted[i].text``. Returns micro P/R/F1 per role, over all roles, and for links.
    """
    from .evaluate import prf

    counts: dict[str, list[int]] = {role: [0, 0, 0] for role in (*ROLES, "all_roles", "links")}
    for g, doc in zip(gold, predicted):
        gold_triples = event_triples(g.get("events", []))
        pred_triples = set().union(*(ev.triples() for ev in doc.events)) if doc.events else set()
        for role in ROLES:
            gs = {t for t in gold_triples if t[1] == role}
            ps = {t for t in pred_triples if t[1] == role}
            counts[role][0] += len(gs & ps)
            counts[role][1] += len(ps - gs)
            counts[role][2] += len(gs - ps)
        counts["all_roles"][0] += len(gold_triples & pred_triples)
        counts["all_roles"][1] += len(pred_triples - gold_triples)
        counts["all_roles"][2] += len(gold_triples - pred_triples)
        gold_links = {(tuple(p), tuple(q)) for p, q in g.get("person_positions", [])}
        pred_links = {link.pair() for link in doc.person_positions}
        counts["links"][0] += len(gold_links & pred_links)
        counts["links"][1] += len(pred_links - gold_links)
        counts["links"][2] += len(gold_links - pred_links)
    return {k: prf(*v) for k, v in counts.items()}


def format_event_scores(scores: dict[str, Any]) -> str:
    lines = [f"{'role':<20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for k, v in scores.items():
        lines.append(f"{k:<20} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>6d}")
    return "\n".join(lines)
