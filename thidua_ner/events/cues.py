"""The cue words the event rules read between entities: verbs and voice, prepositions,
authority phrases, honorifics and the gaps allowed around a title."""

from __future__ import annotations

import re

_W = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
GIVE_VERB = re.compile(
    _W + r"(?:trao tặng|trao thưởng|trao|chuyển trao|tặng thưởng|tặng|phong tặng|truy tặng|truy phong|phong|"
    r"khen thưởng|ký quyết định tặng|quyết định tặng|ký quyết định|ký|công nhận|tôn vinh|vinh danh|gắn)" + _E,
    re.IGNORECASE,
)
PASSIVE = re.compile(_W + r"(?:được|đã được|vinh dự được)" + _E, re.IGNORECASE)
RECEIVE = re.compile(_W + r"(?<!công )(?:nhận|đón nhận|lĩnh|đạt|giành)" + _E, re.IGNORECASE)
AUTHORITY = re.compile(
    _W + r"(?:thừa ủy quyền(?: của)?|thừa lệnh(?: của)?|thay mặt(?: cho)?|ủy quyền của)\s*$", re.IGNORECASE
)
_DECISION_OF = re.compile(r"quyết định(?: số)?[^;,]{0,60}?\bcủa\s*$", re.IGNORECASE)
_NEXT_GRANT = re.compile(
    r"(?<![\w])(?:và |, )?(?:trao tặng|trao|tặng|chuyển trao|phong tặng|truy tặng)(?![\w])", re.IGNORECASE
)
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
