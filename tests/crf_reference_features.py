"""The oracle: the CRF feature extraction as it was before the speed-up (issue 13), verbatim.

Do not edit: tests/test_crf_features.py checks that the optimised
``thidua_ner.families.crf.features.sentence_features`` gives exactly these lists.

Original docstring: features of the CRF family, crfsuite feature strings per syllable token.

Features are chosen for this text: Vietnamese names are runs of capitalised
syllables, offices and awards start with a small set of head words, counts are a
number followed by a recipient noun, and campaign names sit inside quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from thidua_ner.text.tokens import tokenize

# ---- thidua_ner/text/lexicon.py as it was (the word lists and the Gazetteer), verbatim

AWARD_HEADS = """
huân chương; huy chương; bằng khen; giấy khen; cờ thi đua; cờ truyền thống; kỷ niệm chương; kỉ niệm chương;
huy hiệu; giải thưởng hồ chí minh; giải thưởng nhà nước; chiến sĩ thi đua; chiến sỹ thi đua; lao động tiên tiến;
chiến sĩ tiên tiến; tập thể lao động xuất sắc; tập thể lao động tiên tiến; đơn vị quyết thắng; đơn vị tiên tiến;
anh hùng lao động; anh hùng lực lượng vũ trang nhân dân; anh hùng lực lượng vũ trang; bà mẹ việt nam anh hùng;
nhà giáo nhân dân; nhà giáo ưu tú; thầy thuốc nhân dân; thầy thuốc ưu tú; nghệ sĩ nhân dân; nghệ sĩ ưu tú;
nghệ sỹ nhân dân; nghệ sỹ ưu tú; nghệ nhân nhân dân; nghệ nhân ưu tú; huy hiệu đảng; sao vàng; hồ chí minh;
độc lập; quân công; lao động; bảo vệ tổ quốc; chiến công; đại đoàn kết dân tộc; dũng cảm; hữu nghị;
hạng nhất; hạng nhì; hạng ba; hạng i; hạng ii; hạng iii; tuổi đảng; toàn diện; đột xuất; chuyên đề;
chiến sĩ vẻ vang; quân kỳ quyết thắng; vì an ninh tổ quốc; vì sự nghiệp
"""

OFFICE_HEADS = """
chủ tịch; phó chủ tịch; chủ tịch nước; phó chủ tịch nước; bí thư; phó bí thư; tổng bí thư; ủy viên; uỷ viên;
thủ tướng; phó thủ tướng; bộ trưởng; thứ trưởng; giám đốc; phó giám đốc; tổng giám đốc; phó tổng giám đốc;
trưởng ban; phó trưởng ban; trưởng phòng; phó trưởng phòng; chánh văn phòng; phó chánh văn phòng; chủ nhiệm;
phó chủ nhiệm; hiệu trưởng; phó hiệu trưởng; giáo viên; chỉ huy trưởng; phó chỉ huy trưởng; chính ủy; chính uỷ;
tư lệnh; phó tư lệnh; đồn trưởng; chính trị viên; trưởng công an; phó trưởng công an; đại sứ; tổng thư ký;
trưởng đoàn; phó trưởng đoàn; đại biểu quốc hội; chánh án; viện trưởng; tổng cục trưởng; cục trưởng;
vụ trưởng; trưởng khoa; trưởng thôn; trưởng bản; trưởng ấp; trưởng khu phố; thường trực; tổng biên tập;
kế toán; công nhân; nhân viên; chủ nhiệm hợp tác xã; chủ tịch hội đồng quản trị; trưởng phòng nội vụ;
trưởng ban thi đua; trưởng ban thi đua - khen thưởng; phó trưởng ban thi đua; chi hội trưởng; tổ trưởng;
giảng viên; bác sĩ; điều dưỡng; phóng viên; biên tập viên; chiến sĩ; cán bộ; trưởng; phó; nguyên
"""

ORG_WORDS = """
ubnd; hđnd; mttq; ủy ban nhân dân; uỷ ban nhân dân; hội đồng nhân dân; mặt trận tổ quốc; tỉnh ủy; tỉnh uỷ;
huyện ủy; huyện uỷ; thành ủy; thành uỷ; đảng ủy; đảng uỷ; thị ủy; quận ủy; ban chấp hành; ban thường vụ;
bch; btv; đbqh; sở; bộ; trung ương; t.ư; chính phủ; quốc hội; công an; quân sự; biên phòng; trường; bệnh viện;
công ty; hợp tác xã; htx; hội; liên đoàn lao động; đoàn; tỉnh; huyện; xã; phường; thành phố; tp; thị xã;
quận; thị trấn; thôn; bản; ấp; tổ dân phố; nội vụ; giáo dục và đào tạo; y tế; quốc phòng; hội đồng thi đua
"""

SURNAMES = """
nguyễn; trần; lê; phạm; hoàng; huỳnh; phan; vũ; võ; đặng; bùi; đỗ; hồ; ngô; dương; lý; đinh; đào; lương;
trịnh; mai; tô; hà; lò; lù; hầu; giàng; sùng; vàng; mùa; thào; tráng; ma; nông; lục; triệu; bế; lăng; ksor;
điểu; thạch; danh; sơn; kim; lâm; quách; cao; chu; châu; tạ; kiều; lưu; la; khúc; doãn; âu; ninh; vi; lộc;
hứa; tống; phùng; nghiêm; thái; vương; mạc; khổng; trương; tăng; lại; từ; đàm; quan; lành; nịnh; sầm; cầm;
lường; quàng; tòng; lừ; chảo; tẩn; phàn; hờ; vừ; cứ; hạng; sộng; lầu; chẻo; siu; kpă; nay; rơ châm; y; h';
đoàn; lục; mông; khuất; kha; giáp; ông; thân; văn; hồ; phí; diệp; bạch; mã; thiều; lã; viên; đồng; trình
"""

RECIPIENT_NOUNS = """
tập thể; cá nhân; tập thể, cá nhân; hộ gia đình; hộ; gia đình; đơn vị; điển hình tiên tiến; điển hình; trường hợp;
đồng chí; nhà giáo; giáo viên; học sinh; cán bộ; chiến sĩ; đảng viên; công dân; gương mặt; doanh nghiệp; người;
lượt; tổ chức; hợp tác xã; thầy thuốc; nghệ sĩ; nghệ nhân; bà mẹ; gương; cơ quan; địa phương; tác giả;
công trình; cán bộ, chiến sĩ; đồng chí đảng viên; công nhân; nông dân; hội viên; thanh niên; phụ nữ; cựu chiến binh
"""

CAMPAIGN_HEADS = """
phong trào; phong trào thi đua; đợt thi đua; cuộc vận động; chiến dịch; chủ đề; thi đua yêu nước; cao điểm
"""

HONORIFICS = """
đồng chí; ông; bà; anh; chị; cô; thầy; em; cụ; mẹ; bác; đại tá; thượng tá; trung tá; thiếu tá; đại úy; đại uý;
thượng úy; trung úy; thiếu úy; thiếu tướng; trung tướng; thượng tướng; đại tướng; gs; pgs; ts; ths; bs;
ngưt; ngnd; nsnd; nsưt; giáo sư; phó giáo sư; tiến sĩ; tiến sỹ; thạc sĩ; nhà báo; thầy giáo; cô giáo; liệt sĩ
"""

TRIGGERS = """
trao; tặng; trao tặng; phong tặng; truy tặng; nhận; đón nhận; khen thưởng; chuyển trao; quyết định; được;
thừa ủy quyền; thừa uỷ quyền; thay mặt; cho; của; do; danh hiệu
"""

NUMBER_WORDS = """
một; hai; ba; bốn; năm; sáu; bảy; bẩy; tám; chín; mười; mươi; trăm; nghìn; ngàn; triệu; vạn; chục; hàng chục;
hàng trăm; hàng nghìn; hàng ngàn; mấy; nhiều
"""


def _parse(block: str) -> list[tuple[str, ...]]:
    # Entries are tokenised exactly like text, so "tập thể, cá nhân" matches its comma.
    return [tuple(t.text for t in tokenize(item)) for item in (x.strip() for x in block.split(";")) if item]


GAZETTEERS: dict[str, list[tuple[str, ...]]] = {
    "award": _parse(AWARD_HEADS),
    "office": _parse(OFFICE_HEADS),
    "org": _parse(ORG_WORDS),
    "surname": _parse(SURNAMES),
    "recip": _parse(RECIPIENT_NOUNS),
    "camp": _parse(CAMPAIGN_HEADS),
    "honor": _parse(HONORIFICS),
    "trig": _parse(TRIGGERS),
    "numw": _parse(NUMBER_WORDS),
}


class Gazetteer:
    """Longest-match lookup of several phrase lists over a token sequence."""

    def __init__(self, lists: dict[str, list[tuple[str, ...]]] = GAZETTEERS) -> None:
        # Index by first token so each position only tries the lengths that can match.
        self.index: dict[str, dict[str, list[int]]] = {}
        self.entries: dict[str, set[tuple[str, ...]]] = {}
        for name, entries in lists.items():
            self.entries[name] = set(entries)
            by_first: dict[str, set[int]] = {}
            for e in entries:
                by_first.setdefault(e[0], set()).add(len(e))
            self.index[name] = {k: sorted(v, reverse=True) for k, v in by_first.items()}

    def mark(self, lowered: Sequence[str]) -> list[list[str]]:
        """Per token, features like ``award=B`` for each list whose longest match covers it."""
        marks: list[list[str]] = [[] for _ in lowered]
        n = len(lowered)
        for name, by_first in self.index.items():
            entries = self.entries[name]
            i = 0
            while i < n:
                lengths = by_first.get(lowered[i])
                matched = 0
                if lengths:
                    for length in lengths:
                        if i + length <= n and (length == 1 or tuple(lowered[i : i + length]) in entries):
                            matched = length
                            break
                if matched:
                    marks[i].append(f"{name}=B")
                    for j in range(i + 1, i + matched):
                        marks[j].append(f"{name}=I")
                    i += matched
                else:
                    i += 1
        return marks


# ---- thidua_ner/families/crf/features.py as it was, verbatim

_GAZ = Gazetteer()
_OPEN_Q = '“"«‘'
_BREAKERS = frozenset(",;.():!?")


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 3 else "4-6" if distance <= 6 else "7-10" if distance <= 10 else "11+"


_CLOSE_Q = '”"»’'


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d" if len(tok) < 3 else "ddd"
    if re.fullmatch(r"\d+(?:[.,]\d+)+", tok):
        return "d.d"
    if not tok[0].isalnum():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "XX"
    if tok[0].isupper():
        return "Xx"
    if any(c.isdigit() for c in tok):
        return "xd"
    return "x"


def _cap_runs(tokens: Sequence[str]) -> list[str]:
    """Position of each token in its run of Title-case syllables (B/I/E/S, O outside)."""
    caps = [t[:1].isupper() and not t.isupper() or (len(t) == 1 and t.isupper()) for t in tokens]
    out = ["O"] * len(tokens)
    i = 0
    while i < len(tokens):
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and caps[j + 1]:
            j += 1
        if i == j:
            out[i] = "S"
        else:
            out[i] = "B"
            out[j] = "E"
            for k in range(i + 1, j):
                out[k] = "I"
        out[i] += str(min(j - i + 1, 5))
        i = j + 1
    return out


def _quote_state(tokens: Sequence[str]) -> list[str]:
    """Whether each token is inside quotation marks, and whether it opens/closes them."""
    depth, out = 0, []
    for tok in tokens:
        if tok in _OPEN_Q and (tok != '"' or depth == 0):
            depth += 1
            out.append("open")
        elif tok in _CLOSE_Q and depth > 0:
            depth -= 1
            out.append("close")
        else:
            out.append("in" if depth else "out")
    return out


def sentence_features_reference(tokens: Sequence[str]) -> list[list[str]]:
    """crfsuite feature strings for each token of one sentence."""
    lowered = [t.lower() for t in tokens]
    shapes = [_shape(t) for t in tokens]
    gaz = _GAZ.mark(lowered)
    runs = _cap_runs(tokens)
    quotes = _quote_state(tokens)
    n = len(tokens)
    stretch_head: list[tuple[str, int] | None] = []
    current: tuple[str, int] | None = None
    for i in range(n):
        if tokens[i] in _BREAKERS:
            current = None
        stretch_head.append((current[0], i - current[1]) if current else None)
        heads = [m.split("=")[0] for m in gaz[i] if m.endswith("=B") and m.split("=")[0] in ("award", "office", "camp")]
        if heads:
            current = (heads[0], i)
    feats: list[list[str]] = []
    for i, tok in enumerate(tokens):
        low = lowered[i]
        f = [
            "b",
            f"w={low}",
            f"s={shapes[i]}",
            f"run={runs[i]}",
            f"q={quotes[i]}",
        ]
        if tok != low:
            f.append(f"W={tok}")
        f.extend(f"g:{m}" for m in gaz[i])
        if i == 0:
            f.append("BOS")
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={lowered[j]}")
                f.append(f"s{d}={shapes[j]}")
                if abs(d) <= 2:
                    f.append(f"run{d}={runs[j][:1]}")
                    f.extend(f"g{d}:{m}" for m in gaz[j])
            elif abs(d) == 1:
                f.append(f"w{d}=<{'BOS' if d < 0 else 'EOS'}>")
        if i > 0:
            f.append(f"bi-={lowered[i - 1]}|{low}")
        if i + 1 < n:
            f.append(f"bi+={low}|{lowered[i + 1]}")
        if i > 1:
            f.append(f"tri-={lowered[i - 2]}|{lowered[i - 1]}|{low}")
        if i + 2 < n:
            f.append(f"tri+={low}|{lowered[i + 1]}|{lowered[i + 2]}")
        # The nearest head word to the left within the sentence: awards, offices and
        # campaigns are long and their inner words are ordinary.
        for j in range(i - 1, max(-1, i - 12), -1):
            heads = [m for m in gaz[j] if m.endswith("=B") and m.split("=")[0] in ("award", "office", "camp")]
            if heads:
                f.append(f"lefthead={heads[0]}@{min(i - j, 6)}")
                break
        # The head that opens the current comma-free stretch: long unquoted names
        # ("Đợt thi đua đặc biệt kỷ niệm … ra Lời kêu gọi thi đua ái quốc") run until punctuation.
        if stretch_head[i]:
            kind, dist = stretch_head[i]
            f.append(f"stretch={kind}@{_bucket(dist)}")
        feats.append(f)
    return feats
