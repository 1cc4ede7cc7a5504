"""The case the tagger sees: ALL-CAPS sentences (headlines, bylines) are truecased first.

Taggers learn from running text, where capitals mark names, offices and awards; a headline in
capitals (``THỪA ỦY QUYỀN CỦA CHỦ TỊCH NƯỚC, ĐỒNG CHÍ LÊ QUANG VINH …``) carries none of that and
tags badly. :func:`tagging_view` gives such a sentence the casing of its normal-case twin as far as
simple rules know it: lower case, then capitals for the first word, office/award/organisation head
words and the words of an award name, names after an honorific or a common surname, and places after
an administrative unit; acronyms (tokens that are no Vietnamese syllable: ``UBND``, ``TP``) stay as
they are. Each token keeps its length, so the view is span-exact; sentences that are not mostly
upper case come back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Gazetteer

#: a sentence is ALL-CAPS when at least this share of its cased letters is upper case
UPPER_SHARE = 0.8
_MIN_LETTERS = 4
_GAZ = Gazetteer()

_V = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
# onset? nucleus coda? — the shape of one Vietnamese syllable (lower case)
_SYLLABLE = re.compile(rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_V}]{{1,3}}(?:ch|ng|nh|[cmnpt])?")
_STRONG_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào lương trịnh".split()
)
_ADMIN_UNITS = frozenset(("tỉnh", "huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "thành phố", "thôn", "ấp"))
# Organisation words that are also everyday words (bản sắc, ngày hội, đoàn kết): left in lower case.
_ORG_COMMON = frozenset(("bản", "hội", "đoàn", "trường", "tỉnh", "huyện", "xã"))
# Heads whose next word starts the body's name: Bộ Công an, Sở Y tế, Ban Tuyên giáo.
_NAMED_BODY = frozenset(("bộ", "sở", "ban", "cục", "tổng cục", "viện", "trường"))
# Words and names written with capitals in running text whatever their position.
_ALWAYS = tuple(
    tuple(p.split())
    for p in ("hồ chí minh", "việt nam", "đảng", "nhà nước", "tổ quốc", "quốc hội", "chính phủ", "bác hồ", "liên xô")
)
# Middle names: a surname followed by one of these is a name (Hà Văn Thụ, Lò Thị Mai).
_MIDDLE = frozenset(
    """văn thị hữu đức minh quang ngọc thanh xuân thu hồng anh bá công đình kim mạnh phương thành tiến
    trọng việt hải diệu bích a seo mí chí quốc""".split()
)
# Words (and word pairs) that end a name or place run: verbs and function words after names.
_STOP = frozenset(
    """và của cho được tại trao tặng nhận là đã có với các những trong về đến từ theo vì do để này đó
    năm ngày tháng sáng chiều tối ở cùng đang sẽ vừa trên dưới sau trước khi nhằm qua hơn như nói
    đánh giá triển khai thực hiện nhấn mạnh khẳng định biểu dương chúc mừng tham dự phát đạt gồm
    tiếp tục làm lên xuống hy sinh sống xúc động bày tỏ gửi đề nghị chỉ đạo""".split()
)
_STOP_PAIRS = frozenset(
    tuple(p.split())
    for p in ("phát biểu", "tổ chức", "khen thưởng", "vinh danh", "tôn vinh", "tuyên dương", "hội nghị", "thi đua")
)
# Gazetteer lists whose words are no part of a name.
_HEAD_KINDS = frozenset(("award", "office", "camp", "org", "trig", "recip", "honor", "numw"))
# "Ảnh: MINH TÂM", "Video: …": a credit's name follows the colon.
_CREDITS = frozenset(("ảnh", "video", "clip", "nguồn", "đồ họa", "thực hiện", "bài", "tin"))
_NAME_MAX = 3  # syllables after the surname


def is_upper_sentence(tokens: Sequence[str]) -> bool:
    """Whether at least :data:`UPPER_SHARE` of the cased letters of ``tokens`` are upper case."""
    joined = "".join(tokens)
    upper = sum(map(str.isupper, joined))  # C-level passes; no character is both upper and lower
    if not upper:
        return False
    lower = sum(map(str.islower, joined))
    return upper + lower >= _MIN_LETTERS and upper >= UPPER_SHARE * (upper + lower)


def _lower(tok: str) -> str:
    low = tok.lower()
    return low if len(low) == len(tok) else tok


def _cap(tok: str) -> str:
    head = tok[:1].upper()
    # only where the capital is the same letter: "µ" would become Greek "Μ", whose lower case is "μ"
    return head + tok[1:] if len(head) == 1 and head.lower() == tok[:1].lower() else tok


def tagging_view(tokens: Sequence[str]) -> list[str]:
    """The token texts the tagger sees: truecased when the sentence is ALL-CAPS, else unchanged.

    ``len(view[i]) == len(tokens[i])`` always; only letter case differs.
    """
    if not is_upper_sentence(tokens):
        return list(tokens)
    low = [_lower(t) for t in tokens]
    out = list(low)
    n = len(tokens)
    words = [t[:1].isalpha() for t in low]
    for i, tok in enumerate(tokens):
        if words[i] and tok.isupper() and not _SYLLABLE.fullmatch(low[i]):
            out[i] = tok  # an acronym: UBND, HĐND, TP, THCS
    first = next((i for i in range(n) if words[i]), None)
    if first is not None:
        out[first] = _cap(out[first])
    marks = _GAZ.mark(low)
    starts: dict[int, list[str]] = {}
    heads: set[int] = set()
    for i, ms in enumerate(marks):
        for m in ms:
            kind, _, pos = m.partition("=")
            if pos == "B":
                starts.setdefault(i, []).append(kind)
            if kind in _HEAD_KINDS:
                heads.add(i)

    def match_len(i: int, kind: str) -> int:
        j = i + 1
        while j < n and f"{kind}=I" in marks[j]:
            j += 1
        return j - i

    def run(i: int, limit: int) -> int:
        """Capitalise up to ``limit`` name-like words from ``i``; returns where the run ended."""
        j = i
        while (
            j < n
            and j - i < limit
            and words[j]
            and low[j] not in _STOP
            and tuple(low[j : j + 2]) not in _STOP_PAIRS
            and j not in heads
        ):
            if out[j] == low[j]:
                out[j] = _cap(low[j])
            j += 1
        return j

    if n <= 6 and all(low[i] not in _STOP and i not in heads for i in range(n) if words[i]):
        # A byline or a name alone on its line ("NGỌC LAN", "TRẦN VĂN BẢO - THU HÀ").
        for i in range(n):
            if words[i] and out[i] == low[i]:
                out[i] = _cap(low[i])
        return out
    for i in range(n):
        for phrase in _ALWAYS:
            if tuple(low[i : i + len(phrase)]) == phrase:
                for j in range(i, i + len(phrase)):
                    out[j] = _cap(low[j])
    i = 0
    while i < n:
        if tokens[i] == ":" and i > 0 and low[i - 1] in _CREDITS:
            i = run(i + 1, _NAME_MAX + 1)
            continue
        kinds = starts.get(i, [])
        if "award" in kinds:
            length = match_len(i, "award")
            if low[i] == "hạng" and length > 1:
                out[i + 1] = _cap(low[i + 1])  # hạng Nhất / Nhì / Ba
            else:
                out[i] = _cap(low[i])
        if "office" in kinds:
            out[i] = _cap(low[i])
            if low[i] in ("phó", "tổng", "nguyên") and match_len(i, "office") > 1:
                out[i + 1] = _cap(low[i + 1])  # Phó Chủ tịch, Tổng Bí thư
        if "camp" in kinds and low[i] != "chủ":
            out[i] = _cap(low[i])
        if "org" in kinds:
            length = match_len(i, "org")
            unit = " ".join(low[i : i + length])
            if unit in _ADMIN_UNITS:
                run(i + length, 2)  # tỉnh Lạng Sơn, huyện Tân An
            elif out[i] == low[i] and unit not in _ORG_COMMON:
                out[i] = _cap(low[i])
                if unit in _NAMED_BODY and i + length < n and words[i + length] and out[i + length] == low[i + length]:
                    out[i + length] = _cap(low[i + length])
        if "honor" in kinds:
            length = match_len(i, "honor")
            after = i + length
            if after < n and "surname=B" in marks[after]:  # đồng chí Trần …, cụ Lò …; not "bà con"
                end = run(after, _NAME_MAX + 1)
                if end > after:
                    i = end
                    continue
        surname = low[i] in _STRONG_SURNAMES or ("surname=B" in marks[i] and i + 1 < n and low[i + 1] in _MIDDLE)
        if surname and i + 1 < n and words[i + 1] and low[i + 1] not in _STOP:
            out[i] = _cap(low[i])
            i = run(i + 1, _NAME_MAX)
            continue
        i += 1
    return out
