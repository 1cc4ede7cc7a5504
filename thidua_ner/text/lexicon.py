"""Word lists the CRF uses as features (never as hard rules).

Entries are lower-case syllable sequences; :class:`Gazetteer` marks the longest
match at each position with the list's name and B/I position.
"""

from __future__ import annotations

from collections.abc import Sequence

from .tokens import tokenize

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


# ---------------------------------------------------------------------------- feature set 2
# Lists the CRF's feature set 2 adds (models of feature set 1 never see them; the lists
# above stay exactly as they were so that those models keep their features).

#: Verbs and function words that END a title, an office or a name: what follows a POSITION
#: (``Chủ tịch UBND tỉnh Lạng Sơn phát biểu``), a PERSON or an AWARD in real pages.
TITLE_END_WORDS = """
phát biểu; cho biết; chủ trì; trao; tặng; trao tặng; nhận; đón nhận; khẳng định; nhấn mạnh; dự; tham dự; về dự;
và; cùng; cùng với; đã; được; chúc mừng; biểu dương; ghi nhận; đánh giá; đề nghị; yêu cầu; chỉ đạo; kết luận;
báo cáo; phát động; tuyên dương; ký quyết định; ban hành; công bố; trao đổi; chia sẻ; cho rằng; bày tỏ;
mong muốn; động viên; làm việc; kiểm tra; gặp mặt; dâng hương; vinh dự; vinh danh; tôn vinh; nhận được;
thay mặt; thừa ủy quyền; thừa uỷ quyền
"""

#: Award heads missing from :data:`AWARD_HEADS`: mass organisations, unions, youth unions.
#: (A longer list — giấy chứng nhận, danh hiệu chiến sĩ thi đua, cờ thi đua của chính phủ, … — cost
#: about 1 point of seed F1 in the ablation of 2026-12-01: it marked words the guidelines leave out.)
AWARD_HEADS_EXTRA = """
giải thưởng; bằng lao động sáng tạo; huy hiệu tuổi trẻ sáng tạo; bằng tổ quốc ghi công;
công đoàn cơ sở vững mạnh; công đoàn cơ sở vững mạnh xuất sắc
"""

#: Upper-case abbreviations of bodies and titles (kept upper case when an ALL-CAPS
#: sentence is given its usual casing).
ABBREVIATIONS = """
ubnd; hđnd; mttq; tđkt; pttđ; tđqt; antq; ccb; tp; hcm; gd; đt; gd&đt; bv; ptt; bch; btv; uv; đbqh; lđlđ;
tw; t.ư; thcs; thpt; th; mn; đh; cđ; ttg; qđ; ubmttq; hlhpn; hnd; ct; pct; kt; kh; qp; bđbp; bchqs;
vn; xhcn; tnhh; htx; ptnt; nn; lđtbxh; vh; tt; dl; khcn; tn; mt; gtvt; xd; yt; nv; tc; tp.hcm; ttxvn; vtv; vov
"""

#: The words that open a photo credit (``Ảnh: Văn Hùng``, ``Ảnh minh họa: …``).
PHOTO_CUES = """
ảnh; ảnh minh họa; ảnh minh hoạ; nguồn; video; clip; đồ họa; đồ hoạ; ảnh tư liệu
"""


def parse_list(block: str) -> list[tuple[str, ...]]:
    """A ``;``-separated word list as token tuples, tokenised like text."""
    return _parse(block)


def gazetteer_lists(version: int = 1) -> dict[str, list[tuple[str, ...]]]:
    """The lists the CRF feature set ``version`` marks, in marking order."""
    if version == 1:
        return GAZETTEERS
    lists = dict(GAZETTEERS)
    lists["award"] = GAZETTEERS["award"] + [e for e in _parse(AWARD_HEADS_EXTRA) if e not in GAZETTEERS["award"]]
    lists["end"] = _parse(TITLE_END_WORDS)
    return lists


class Gazetteer:
    """Longest-match lookup of several phrase lists over a token sequence.

    Each list is matched on its own (left to right, longest match first, a match skips
    the tokens it covers); :meth:`marks` does all lists in one pass over the sentence
    with one dictionary look-up per token.
    """

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
        # first token -> the lists with an entry starting with it, in list order:
        # (list number, "name=B", "name=I", lengths longest first, the list's entries)
        self._first: dict[str, list[tuple[int, str, str, list[int], set[tuple[str, ...]]]]] = {}
        for order, (name, by_first) in enumerate(self.index.items()):
            for first, lengths in by_first.items():
                self._first.setdefault(first, []).append((order, f"{name}=B", f"{name}=I", lengths, self.entries[name]))
        self._n_lists = len(self.index)

    def marks(self, lowered: Sequence[str]) -> list[tuple[str, ...]]:
        """Per token, a tuple of marks like ``award=B`` (one per list whose longest match
        covers it, in list order)."""
        n = len(lowered)
        out: list[tuple[str, ...]] = [()] * n
        first = self._first
        free = [0] * self._n_lists  # per list: the first token its previous match does not cover
        several = False  # some token is covered by more than one list
        found: list[list[tuple[int, str]] | None] = [None] * n
        # Most words start no entry: a C-level scan finds the few that do.
        for i in [i for i, word in enumerate(lowered) if word in first]:
            candidates = first[lowered[i]]
            for order, b_mark, i_mark, lengths, entries in candidates:
                if i < free[order]:
                    continue
                for length in lengths:
                    if i + length <= n and (length == 1 or tuple(lowered[i : i + length]) in entries):
                        free[order] = i + length
                        for j in range(i, i + length):
                            hit = (order, b_mark if j == i else i_mark)
                            slot = found[j]
                            if slot is None:
                                found[j] = [hit]
                            else:
                                slot.append(hit)
                                several = True
                        break
        for i, slot in enumerate(found):
            if slot is not None:
                if several and len(slot) > 1:
                    slot.sort()
                out[i] = tuple([mark for _, mark in slot])
        return out

    def mark(self, lowered: Sequence[str]) -> list[list[str]]:
        """Per token, features like ``award=B`` for each list whose longest match covers it."""
        return [list(m) for m in self.marks(lowered)]
