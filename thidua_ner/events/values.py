"""What events are made of: parsed award names and recipient counts, and the event data classes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Entity
from ..schema import ROLES
from ..text.normalize import normalize, normalize_award_key

_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
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
    "nhất": "Nhất",
    "nhì": "Nhì",
    "ba": "Ba",
    "i": "Nhất",
    "ii": "Nhì",
    "iii": "Ba",
    "1": "Nhất",
    "2": "Nhì",
    "3": "Ba",
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
    name = rest.strip(' “”"') or None
    if award_type == "danh hiệu":
        name = display
    return AwardInfo(key, award_type, name, ", ".join(classes) or None, issuer)


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
        award = {
            **self.award.to_dict(),
            "normalised": info.normalised,
            "type": info.type,
            "name": info.name,
            "class": info.award_class,
            "issuer": info.issuer,
        }
        out: dict[str, Any] = {"award": award}
        for role in ROLES:
            out[role] = (
                self.quantities() if role == "recipient_quantity" else [e.to_dict() for e in getattr(self, role)]
            )
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
