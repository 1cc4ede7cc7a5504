"""Template generator: adds "generated" records to the corpus (data/source/generated.json).

Written sentences carry the corpus; this adds breadth of names, offices, places,
awards and number formats the writers could not cover. Every record names its
template; the build puts all generated records in the train split, so no template
reaches dev or test. Deterministic for a seed:

    python data/generate.py                 # N_GENERATED records, seed 13
    python data/generate.py --n 500 --seed 7
    python data/generate.py --check         # only run implausible() over the existing file

The facts a record states must be possible: the issuer of an award can confer it
(a Huân chương only by the Chủ tịch nước, handed over under `thừa ủy quyền`; a Giấy khen
only by the head of a department, commune or unit; a Bằng khen of the Prime Minister only
by him or on his behalf), collective-only awards go to collectives, classes only on orders
that have them, ranks only on police and army offices, `ông`/`bà` agree with the name,
counts stay in realistic ranges. :func:`implausible` checks every generated record for
these, independently of how the templates chose their parts, and ``generate`` asserts that
no record fails it.

v1.3 shapes covered: lower-case award heads (`bằng khen`, `giấy khen`, `cờ thi đua`) in about
15% of the award mentions that have such a head, colon lists of awards and counts, `Tên - Chức
vụ` dash appositions, abbreviations (UBND, HĐND, TĐKT, GD&ĐT, TP.HCM, LĐLĐ, MTTQ, Bộ CHQS).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "source" / "generated.json"
N_GENERATED = 300
SEED = 13
LOWER_HEAD_RATE = 0.15

# --------------------------------------------------------------------------- names

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Đào",
    "Lương",
    "Trịnh",
    "Mai",
    "Tô",
    "Hà",
    "Quách",
    "Cao",
    "Chu",
    "Tạ",
    "Kiều",
    "Lưu",
    "Khúc",
    "Doãn",
    "Vi",
    "Nông",
    "Triệu",
    "Lục",
    "Thân",
    "Giáp",
    "Lại",
    "Tăng",
    "Phùng",
    "Nghiêm",
]
MALE_MIDDLES = [
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Quang",
    "Bá",
    "Công",
    "Đình",
    "Mạnh",
    "Tiến",
    "Trọng",
    "Xuân",
    "Minh",
    "Thanh",
    "Việt",
    "Hải",
    "Quốc",
    "Duy",
    "Anh",
    "Ngọc",
]
FEMALE_MIDDLES = [
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Ngọc",
    "Diệu",
    "Bích",
    "Kim",
    "Phương",
    "Hồng",
    "Thanh",
    "Minh",
    "Mỹ",
    "Thúy",
    "Hải",
]
MALE_GIVEN = [
    "Hùng",
    "Dũng",
    "Nam",
    "Tuấn",
    "Long",
    "Phúc",
    "Thắng",
    "Sơn",
    "Quân",
    "Hiếu",
    "Toàn",
    "Huy",
    "Cường",
    "Đạt",
    "Vinh",
    "Chiến",
    "Kiên",
    "Hưng",
    "Trung",
    "Phong",
    "Tùng",
    "Khải",
    "Thịnh",
    "Lâm",
    "Quyết",
    "Tài",
    "Nghĩa",
    "Hoàng",
    "Thành",
    "Khoa",
    "Lộc",
    "Định",
]
FEMALE_GIVEN = [
    "Lan",
    "Hương",
    "Hạnh",
    "Yến",
    "Trang",
    "Nga",
    "Thảo",
    "Loan",
    "Ngân",
    "Hoa",
    "Huyền",
    "Hằng",
    "Nhung",
    "Thủy",
    "Oanh",
    "Liên",
    "Dung",
    "Vân",
    "Phượng",
    "Trinh",
    "Hiền",
    "Tuyết",
    "Quyên",
    "Diệp",
    "Nhàn",
    "Thơm",
    "Duyên",
]
MINORITY_MALE = [
    "Giàng A Pháo",
    "Sùng Seo Chứ",
    "Lò Văn Hặc",
    "Hầu A Chu",
    "Thào Mí Lử",
    "Tráng A Dơ",
    "Lầu Seo Sử",
    "Lường Văn Pọm",
    "Y Khoa Niê",
    "Ksor Nhuông",
    "Thạch Sô Phanh",
    "Chảo Láo Lở",
    "Phàn Văn Tả",
    "Y Bhin Ayun",
    "Đinh Văn Nhơ",
]
MINORITY_FEMALE = [
    "Ma Thị Thoa",
    "Vàng Thị Dợ",
    "Quàng Thị Ơn",
    "Sơn Thị Mỹ",
    "Bế Thị Hằng",
    "H'Linh Niê",
    "H'Mai Êban",
    "Lò Thị Xoan",
    "Thạch Thị Sa",
    "Giàng Thị Mỷ",
]


def gender_of(name: str) -> str | None:
    """'M', 'F' or None (unknown) from the parts of a Vietnamese name."""
    if name in MINORITY_MALE:
        return "M"
    if name in MINORITY_FEMALE:
        return "F"
    parts = name.split()
    if "Thị" in parts[1:-1] or parts[0].startswith("H'") or parts[-1] in FEMALE_GIVEN:
        return "F"
    if "Văn" in parts[1:-1] or parts[0] == "Y" or parts[-1] in MALE_GIVEN:
        return "M"
    return None


def person(rng: random.Random, gender: str | None = None) -> tuple[str, str]:
    gender = gender or rng.choice("MF")
    if rng.random() < 0.12:
        return rng.choice(MINORITY_MALE if gender == "M" else MINORITY_FEMALE), gender
    middles = MALE_MIDDLES if gender == "M" else FEMALE_MIDDLES
    parts = [rng.choice(SURNAMES)]
    parts += rng.sample(middles[2:], 1) if rng.random() < 0.25 else [rng.choice(middles)]
    if rng.random() < 0.08:
        extra = rng.choice(middles[3:])
        if extra not in parts:
            parts.append(extra)
    parts.append(rng.choice(MALE_GIVEN if gender == "M" else FEMALE_GIVEN))
    return " ".join(parts), gender


# --------------------------------------------------------------------------- places and offices

PROVINCES = [
    "Lào Cai",
    "Tuyên Quang",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Đắk Lắk",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Đồng Tháp",
    "Vĩnh Long",
    "An Giang",
    "Cà Mau",
    "Lạng Sơn",
    "Cao Bằng",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Nghệ An",
    "Hà Tĩnh",
    "Thanh Hóa",
    "Quảng Ninh",
]
CITIES = ["Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Hà Nội", "TP.HCM"]
COMMUNES = [
    "xã Tân Lập",
    "xã Phú Xuân",
    "phường Hòa Bình",
    "xã Thanh Sơn",
    "phường Bến Thành",
    "xã Ea Tu",
    "xã Mường Khoa",
    "phường Quang Trung",
    "xã Tam Đa",
    "xã Hợp Thành",
    "phường Ninh Kiều",
    "xã Đông Hưng",
    "xã Yên Lạc",
    "phường Nam Hồng",
    "xã Tiên Phong",
    "xã Vĩnh Thạnh",
]
VILLAGES = ["thôn Đông", "bản Lướt", "thôn Plei Ring", "ấp Tân Hòa", "thôn 3", "bản Nà Khằm", "tổ dân phố số 5"]
SCHOOL_NAMES = [
    "Nguyễn Du",
    "Lê Quý Đôn",
    "Phan Bội Châu",
    "Trần Phú",
    "Lê Lợi",
    "Chu Văn An",
    "Hùng Vương",
    "Nguyễn Trãi",
    "Lương Thế Vinh",
    "Quang Trung",
]
COMPANIES = [
    "Công ty cổ phần Dệt may Hòa Thọ",
    "Công ty TNHH Giày da Thành Đạt",
    "Công ty cổ phần Mía đường Sông Lam",
    "Công ty Điện lực tỉnh",
    "Công ty cổ phần Cao su Phước Hòa",
    "Công ty cổ phần Thủy sản Minh Phú",
]
# (surface, abbreviated surface or None, sector)
DEPARTMENTS = [
    ("Sở Nội vụ", None, "civil"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "education"),
    ("Sở Y tế", None, "health"),
    ("Sở Tài chính", None, "civil"),
    ("Sở Xây dựng", None, "civil"),
    ("Sở Công Thương", None, "civil"),
    ("Sở Nông nghiệp và Môi trường", None, "civil"),
    ("Sở Văn hóa, Thể thao và Du lịch", None, "civil"),
    ("Sở Khoa học và Công nghệ", None, "civil"),
    ("Sở Tư pháp", None, "civil"),
]
MINISTRIES = [
    ("Bộ Nội vụ", None, "civil"),
    ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "education"),
    ("Bộ Y tế", None, "health"),
    ("Bộ Tài chính", None, "civil"),
    ("Bộ Công Thương", None, "civil"),
    ("Bộ Văn hóa, Thể thao và Du lịch", None, "civil"),
    ("Bộ Xây dựng", None, "civil"),
    ("Bộ Nông nghiệp và Môi trường", None, "civil"),
    ("Bộ Công an", None, "police"),
    ("Bộ Quốc phòng", None, "military"),
]
# Kỷ niệm chương and the ministry (or body) that confers it.
COMMEMORATIVE = {
    "Vì sự nghiệp thi đua - khen thưởng": "Bộ Nội vụ",
    "Vì sự nghiệp giáo dục": "Bộ Giáo dục và Đào tạo",
    "Vì sức khỏe nhân dân": "Bộ Y tế",
    "Vì sự nghiệp văn hóa, thể thao và du lịch": "Bộ Văn hóa, Thể thao và Du lịch",
    "Vì sự nghiệp xây dựng tổ chức Công đoàn": "Tổng LĐLĐ Việt Nam",
}


@dataclass(frozen=True)
class Locality:
    name: str
    city: bool

    @property
    def gen(self) -> str:  # generic reference: "tỉnh", "thành phố"
        return "Thành phố" if self.name == "TP.HCM" else ("thành phố" if self.city else "tỉnh")

    @property
    def full(self) -> str:  # "tỉnh Lào Cai", "thành phố Đà Nẵng", "TP.HCM"
        return "TP.HCM" if self.name == "TP.HCM" else f"{self.gen} {self.name}"

    @property
    def party(self) -> str:
        return "Thành ủy" if self.city else "Tỉnh ủy"

    @property
    def has_military_command(self) -> bool:  # Hà Nội and TP.HCM have a Bộ Tư lệnh instead of a Bộ CHQS
        return self.name not in ("Hà Nội", "TP.HCM")

    def ubnd(self, rng: random.Random, named: float = 0.25) -> str:
        """`UBND tỉnh`, `UBND tỉnh Lào Cai`, sometimes spelled out."""
        body = "Ủy ban nhân dân" if rng.random() < 0.1 else "UBND"
        place = self.full if (self.name == "TP.HCM" or rng.random() < named) else self.gen
        return f"{body} {place}"


def locality(rng: random.Random) -> Locality:
    if rng.random() < 0.2:
        return Locality(rng.choice(CITIES), True)
    return Locality(rng.choice(PROVINCES), False)


def dept(rng: random.Random, sector: str | None = None) -> tuple[str, str]:
    choices = [d for d in DEPARTMENTS if sector is None or d[2] == sector]
    name, abbr, sec = rng.choice(choices)
    return (abbr if abbr and rng.random() < 0.5 else name), sec


def ministry(rng: random.Random, sector: str | None = None) -> tuple[str, str]:
    choices = [m for m in MINISTRIES if sector is None or m[2] == sector]
    name, abbr, sec = rng.choice(choices)
    return (abbr if abbr and rng.random() < 0.4 else name), sec


def lduld(rng: random.Random, L: Locality) -> str:
    body = "LĐLĐ" if rng.random() < 0.5 else "Liên đoàn Lao động"
    return f"{body} {L.full if L.name == 'TP.HCM' else L.gen}"


def hd_tdkt(rng: random.Random, L: Locality) -> str:
    body = "Hội đồng TĐKT" if rng.random() < 0.5 else "Hội đồng Thi đua - Khen thưởng"
    return f"{body} {L.full if L.name == 'TP.HCM' else L.gen}"


def provincial_profile(rng: random.Random, L: Locality) -> list[str]:
    """Positions one provincial leader can hold together (party post first, as pages write them)."""
    u, p = L.ubnd(rng), L.party
    g = L.full if L.name == "TP.HCM" else L.gen
    return rng.choice(
        [
            [f"Bí thư {p}"],
            ["Ủy viên Trung ương Đảng", f"Bí thư {p}"],
            [f"Phó Bí thư {p}", f"Chủ tịch {u}"],
            [f"Chủ tịch {u}"],
            [f"Phó Chủ tịch {u}"],
            [f"Ủy viên Ban Thường vụ {p}", f"Phó Chủ tịch Thường trực {u}"],
            [f"Phó Bí thư Thường trực {p}"],
            [f"Phó Bí thư {p}", f"Chủ tịch HĐND {g}"],
            [f"Phó Chủ tịch HĐND {g}"],
            [f"Trưởng đoàn ĐBQH {g}"],
            [f"Ủy viên Ban Thường vụ {p}", f"Chủ tịch Ủy ban MTTQ Việt Nam {g}"],
            [f"Phó Chủ tịch {u}"],
            [f"Chủ tịch {u}", f"Chủ tịch {hd_tdkt(rng, L)}"],
        ]
    )


def police_office(rng: random.Random, L: Locality) -> tuple[str, list[str]]:
    """(office, ranks that office's holder can have)."""
    ca = f"Công an {L.full if L.name == 'TP.HCM' else L.gen}"
    return rng.choice(
        [
            (f"Giám đốc {ca}", ["Đại tá", "Thiếu tướng"]),
            (f"Phó Giám đốc {ca}", ["Thượng tá", "Đại tá"]),
            (f"Trưởng Công an {rng.choice(COMMUNES)}", ["Đại úy", "Thiếu tá", "Trung tá"]),
            (f"Trưởng phòng Cảnh sát hình sự, {ca}", ["Trung tá", "Thượng tá"]),
            (f"cán bộ Đội Cảnh sát giao thông, {ca}", ["Thượng úy", "Đại úy", "Thiếu tá"]),
        ]
    )


def military_office(rng: random.Random, L: Locality) -> tuple[str, list[str]]:
    cmd = f"Bộ CHQS {L.gen}" if rng.random() < 0.5 else f"Bộ Chỉ huy Quân sự {L.gen}"
    return rng.choice(
        [
            (f"Chỉ huy trưởng {cmd}", ["Đại tá"]),
            (f"Chính ủy {cmd}", ["Đại tá"]),
            (f"Chỉ huy trưởng Ban CHQS {rng.choice(COMMUNES)}", ["Đại úy", "Thiếu tá", "Trung tá"]),
        ]
    )


# --------------------------------------------------------------------------- awards

CLASSED_ORDERS = ("Lao động", "Bảo vệ Tổ quốc", "Chiến công", "Quân công", "Độc lập")
CLASSLESS_ORDERS = ("Sao vàng", "Hồ Chí Minh", "Đại đoàn kết dân tộc", "Dũng cảm", "Hữu nghị")
CLASS_SPELLINGS = {
    1: ["hạng Nhất", "hạng nhất", "hạng I"],
    2: ["hạng Nhì", "hạng nhì", "hạng II"],
    3: ["hạng Ba", "hạng ba", "hạng III", "hạng 3"],
}


def order_name(rng: random.Random, order: str, cls: int | None = None) -> str:
    if order in CLASSLESS_ORDERS:
        return f"Huân chương {order}"
    cls = cls or rng.choice([2, 3, 3, 3, 1])
    return f"Huân chương {order} {rng.choice(CLASS_SPELLINGS[cls])}"


def lower_head(rng: random.Random, award_s: str) -> str:
    """v1.3: award heads in lower case on real pages (`bằng khen`, `giấy khen`, `cờ thi đua`)."""
    for head in ("Bằng khen", "Giấy khen", "Cờ thi đua", "Huân chương"):
        if award_s.startswith(head) and rng.random() < (LOWER_HEAD_RATE if head != "Huân chương" else 0.05):
            return head.lower() + award_s[len(head) :]
    return award_s


# --------------------------------------------------------------------------- numbers and counts

NUMBER_WORDS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
COLLECTIVE_UNITS = ("tập thể", "đơn vị")
INDIVIDUAL_UNITS = (
    "cá nhân",
    "giáo viên",
    "nhà giáo",
    "hội viên",
    "đoàn viên",
    "cán bộ",
    "chiến sĩ",
    "cán bộ, chiến sĩ",
    "bác sĩ",
    "nghệ nhân",
    "nghệ sĩ",
    "đảng viên",
    "đồng chí",
    "học sinh",
    "công nhân",
    "người lao động",
    "mẹ",
)
OTHER_COLLECTIVES = ("doanh nghiệp", "công đoàn cơ sở", "hợp tác xã", "chi hội")
UNIT_SECTOR = {
    "giáo viên": "education",
    "nhà giáo": "education",
    "học sinh": "education",
    "bác sĩ": "health",
    "cán bộ, chiến sĩ": "armed",
    "chiến sĩ": "armed",
    "đoàn viên": "union",
    "công đoàn cơ sở": "union",
    "công nhân": "union",
    "người lao động": "union",
    "đảng viên": "party",
    "nghệ nhân": "art",
    "nghệ sĩ": "art",
    "mẹ": "mother",
    "hội viên": "association",
    "chi hội": "association",
}


def fmt_count(rng: random.Random, n: int, words: bool = True) -> str:
    if n < 10 and rng.random() < 0.3:
        return f"0{n}"
    if words and n <= 10 and rng.random() < 0.2:
        return NUMBER_WORDS[n - 1]
    if n >= 1000:
        return f"{n:,}".replace(",", ".")
    return str(n)


def skewed(rng: random.Random, lo: int, hi: int) -> int:
    """A count in [lo, hi], small values more likely (most ceremonies are small)."""
    return min(hi, lo + int((hi - lo + 1) * rng.random() ** 2))


def qty(rng: random.Random, unit: str, lo: int, hi: int) -> str:
    return f"{fmt_count(rng, skewed(rng, lo, hi))} {unit}"


# Ceremony ranges (a provincial ceremony) and yearly-total ranges, by unit kind.
CEREMONY = {"collective": 60, "individual": 200, "mixed": 260, "household": 60}
LOCAL = {"collective": 30, "individual": 100, "mixed": 130, "household": 30}  # a department's or commune's Giấy khen
YEARLY = {"collective": 500, "individual": 1500, "mixed": 2000, "household": 200}


def recipients(
    rng: random.Random, kind: str, sector: str | None = None, scale: dict = CEREMONY, cap: int | None = None
) -> list[str]:
    """1–2 recipient counts for an award that takes ``kind`` ('collective', 'individual', 'any')."""
    ind_units = {
        "education": ["cá nhân", "giáo viên", "nhà giáo"],
        "health": ["cá nhân", "bác sĩ"],
        "police": ["cá nhân", "cán bộ, chiến sĩ"],
        "military": ["cá nhân", "cán bộ, chiến sĩ"],
        "armed": ["cá nhân", "cán bộ, chiến sĩ"],
        "union": ["cá nhân", "đoàn viên", "công nhân"],
        "party": ["đảng viên", "đồng chí"],
        "association": ["cá nhân", "hội viên"],
    }.get(sector or "", ["cá nhân"])
    coll_unit = "đơn vị" if rng.random() < 0.15 else "tập thể"

    def n_of(k):
        return min(cap or scale[k], scale[k])

    if kind == "collective":
        return [qty(rng, coll_unit, 1, n_of("collective"))]
    if kind == "individual":
        return [qty(rng, rng.choice(ind_units), 1, n_of("individual"))]
    r = rng.random()
    if r < 0.45:
        if cap:  # a shared cap (Huân chương: 1–10 in all)
            a = skewed(rng, 1, max(1, cap - 1))
            b = skewed(rng, 1, max(1, cap - a))
            return [f"{fmt_count(rng, a)} {coll_unit}", f"{fmt_count(rng, b)} {rng.choice(ind_units)}"]
        return [qty(rng, coll_unit, 1, n_of("collective")), qty(rng, rng.choice(ind_units), 1, n_of("individual"))]
    if r < 0.6:
        return [qty(rng, "tập thể, cá nhân", 2, n_of("mixed"))]
    if r < 0.8:
        return [qty(rng, coll_unit, 1, n_of("collective"))]
    return [qty(rng, rng.choice(ind_units), 1, n_of("individual"))]


def cap_first(s: str) -> str:
    return s[0].upper() + s[1:]


def campaign(rng: random.Random, L: Locality) -> tuple[str, str, str]:
    """(text before, campaign span, text after)."""
    year = rng.randint(2019, 2025)
    quoted = rng.choice(
        [
            "Chung sức xây dựng nông thôn mới",
            "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
            "Toàn dân bảo vệ an ninh Tổ quốc",
            "Lao động giỏi, lao động sáng tạo",
            "Dạy tốt - Học tốt",
            "Doanh nghiệp Việt Nam hội nhập và phát triển",
            "Xanh - Sạch - Đẹp",
            "Tuổi trẻ sáng tạo",
            f"{L.name} chung sức xây dựng nông thôn mới",
            "Đổi mới, sáng tạo trong dạy và học",
            "Toàn dân đoàn kết xây dựng đời sống văn hóa",
            "Vì an ninh Tổ quốc",
            "Dân vận khéo",
        ]
    )
    q1, q2 = rng.choice([("“", "”"), ("“", "”"), ('"', '"')])
    return rng.choice(
        [
            (f"phong trào thi đua {q1}", quoted, q2),
            (f"phong trào {q1}", quoted, q2),
            ("", f"phong trào thi đua yêu nước năm {year}", ""),
            ("", f"phong trào thi đua yêu nước giai đoạn {year - 5} - {year}", ""),
            ("", f"phong trào thi đua năm {year}", ""),
            ("", f"đợt thi đua cao điểm chào mừng Đại hội Đảng bộ {L.full}", ""),
            (f"cuộc vận động {q1}", quoted, q2),
        ]
    )


# --------------------------------------------------------------------------- sentence building


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _locate_like_build(text: str, surface: str, cursor: int) -> int:
    """Where data/build_corpus.py will find ``surface`` (same word-boundary rule)."""
    pos = text.find(surface, cursor)
    while pos >= 0:
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + len(surface)] if pos + len(surface) < len(text) else " "
        if not (_word(before) and _word(surface[0])) and not (_word(after) and _word(surface[-1])):
            return pos
        pos = text.find(surface, pos + 1)
    return -1


class Reject(Exception):
    """The sentence cannot be annotated by surfaces (a surface repeats or would be found too early)."""


def build(*parts) -> tuple[str, list[list[str]]]:
    """Join plain strings and (surface, LABEL) pairs into text + ents in text order."""
    text, ents, where = "", [], []
    for part in parts:
        if isinstance(part, tuple):
            where.append(len(text))
            ents.append([part[0], part[1]])
            text += part[0]
        else:
            text += part
    cursor = 0
    for (surface, _), pos in zip(ents, where):
        if _locate_like_build(text, surface, cursor) != pos:
            raise Reject(surface)
        cursor = pos + len(surface)
    if len({e[0] for e in ents}) != len(ents):
        raise Reject("repeated surface")
    return text, ents


def _ev(award_s, **roles):
    return {"award": award_s, **{k: v for k, v in roles.items() if v}}


def honorific(rng: random.Random, gender: str, ranks: list[str] | None = None, teacher: bool = False) -> str:
    options = ["đồng chí", "ông" if gender == "M" else "bà"]
    if ranks:
        options += [rng.choice(ranks)] * 2
    if teacher:
        options.append("thầy giáo" if gender == "M" else "cô giáo")
    return rng.choice(options)


def giver_profile(rng: random.Random, L: Locality, level: str):
    """A giver who can present awards of ``level``: (name, gender, positions, ranks, sector, org)."""
    name, gender = person(rng)
    if level == "provincial":
        return name, gender, provincial_profile(rng, L), None, "civil", None
    if level == "police":
        off, ranks = police_office(rng, L)
        while not off.startswith(("Giám đốc", "Phó Giám đốc")):
            off, ranks = police_office(rng, L)
        return name, gender, [off], ranks, "police", off.split("Giám đốc ", 1)[1]
    if level == "military":
        off, ranks = military_office(rng, L)
        while "Ban CHQS" in off:
            off, ranks = military_office(rng, L)
        return name, gender, [off], ranks, "military", re.sub(r"^(Chỉ huy trưởng|Chính ủy) ", "", off)
    if level == "department":
        d, sec = dept(rng)
        return name, gender, [f"{rng.choice(['Giám đốc', 'Giám đốc', 'Phó Giám đốc'])} {d}"], None, sec, d
    if level == "commune":
        c = rng.choice(COMMUNES)
        return name, gender, [rng.choice([f"Chủ tịch UBND {c}", f"Phó Chủ tịch UBND {c}"])], None, "civil", c
    if level == "union":
        return (
            name,
            gender,
            [f"{rng.choice(['Chủ tịch', 'Chủ tịch', 'Phó Chủ tịch'])} {lduld(rng, L)}"],
            None,
            "union",
            None,
        )
    if level == "ministry":
        m, sec = ministry(rng, rng.choice(["civil", "education", "health"]))
        return name, gender, [f"Thứ trưởng {m}"], None, sec, m
    raise ValueError(level)


def award_from(rng: random.Random, level: str, sector: str, org: str | None, L: Locality) -> tuple[str, str]:
    """An award a giver of ``level`` presents in their own right: (surface, recipient kind)."""
    u = L.ubnd(rng, named=0.1)
    if level == "provincial":
        return rng.choice(
            [
                (f"Bằng khen của Chủ tịch {u}", "any"),
                (f"Bằng khen của {u}", "any"),
                ("Bằng khen", "any"),
                (f"Bằng khen đột xuất của Chủ tịch {u}", "any"),
                (f"Cờ thi đua của {u}", "collective"),
                ("Cờ thi đua", "collective"),
                ("Chiến sĩ thi đua cấp tỉnh", "individual"),
            ]
        )
    if level in ("police", "military"):
        return rng.choice(
            [(f"Giấy khen của {'Giám đốc ' if level == 'police' else ''}{org}", "any"), ("Giấy khen", "any")]
        )
    if level == "department":
        return rng.choice([(f"Giấy khen của Giám đốc {org}", "any"), ("Giấy khen", "any")])
    if level == "commune":
        return rng.choice([(f"Giấy khen của Chủ tịch UBND {org}", "any"), ("Giấy khen", "any")])
    if level == "union":
        return rng.choice(
            [
                (f"Bằng khen của {lduld(rng, L)}", "any"),
                ("Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "any"),
                ("Bằng khen", "any"),
            ]
        )
    if level == "ministry":
        choices = [(f"Bằng khen của Bộ trưởng {org}", "any"), (f"Cờ thi đua của {org}", "collective")]
        full = next(m[0] for m in MINISTRIES if org in (m[0], m[1]))
        choices += [(f"Kỷ niệm chương {k}", "individual") for k, v in COMMEMORATIVE.items() if v == full]
        return rng.choice(choices)
    raise ValueError(level)


def name_with_positions(rng, name, poss, hon, lead_cap=False, dash=None):
    """`đồng chí X, P1, P2` or `đồng chí X - P1`; returns parts for build()."""
    dash = rng.random() < 0.3 if dash is None else dash
    parts = []
    if hon:
        parts.append((cap_first(hon) if lead_cap else hon) + " ")
    parts.append((name, "PERSON"))
    for i, p in enumerate(poss):
        parts.append(" - " if (dash and i == 0) else ", ")
        parts.append((p, "POSITION"))
    return parts


# --------------------------------------------------------------------------- templates

TEMPLATES = {}
YEARLY_TEMPLATES = ("t_statistics",)
CUMULATIVE_TEMPLATES = ("t_title_cumulative",)


def template(fn):
    TEMPLATES[fn.__name__] = fn
    return fn


@template
def t_active_cho(rng, L):
    """A giver presents an award of their own level."""
    levels = ["provincial", "provincial", "department", "commune", "union", "police", "ministry"]
    if L.has_military_command:
        levels.append("military")
    level = rng.choice(levels)
    name, gender, poss, ranks, sector, org = giver_profile(rng, L, level)
    aw, kind = award_from(rng, level, sector, org, L)
    aw = lower_head(rng, aw)
    local = level in ("department", "commune", "police", "military")
    qs = recipients(
        rng,
        kind,
        sector if sector != "civil" else None,
        scale=LOCAL if local else CEREMONY,
        cap=30 if "cờ thi đua" in aw.lower() else None,
    )
    verb = rng.choice(["trao", "trao tặng", "tặng", "trao", "trao"])
    shape = rng.randrange(3)
    if shape == 0 and len(poss) == 1:  # title before the name
        lead = rng.choice(["Đồng chí ", ""]) if not ranks else rng.choice(["", f"{poss[0]}, {rng.choice(ranks)} "])
        if lead.startswith(poss[0]):
            parts = [(poss[0], "POSITION"), f", {lead.split(', ', 1)[1]}", (name, "PERSON")]
        else:
            parts = [lead, (poss[0], "POSITION"), " ", (name, "PERSON")]
    else:
        hon = honorific(rng, gender, ranks)
        parts = name_with_positions(rng, name, poss, hon, lead_cap=True)
    parts += [f" {verb} ", (aw, "AWARD"), " cho "]
    for i, q in enumerate(qs):
        if i:
            parts.append(rng.choice([" và ", ", "]))
        parts.append((q, "QUANTITY"))
    parts.append(rng.choice([".", " có thành tích xuất sắc.", " tiêu biểu.", "."]))
    text, ents = build(*parts)
    return text, ents, [_ev(aw, giver_person=[name], recipient_quantity=qs)], [{"person": name, "positions": poss}]


@template
def t_authority(rng, L):
    """Thừa ủy quyền: a national award handed over on behalf of the office that confers it."""
    auth = rng.choice(["Chủ tịch nước", "Chủ tịch nước", "Thủ tướng Chính phủ"])
    name, gender = person(rng)
    ranks = None
    if auth == "Chủ tịch nước":
        order = rng.choice(
            [
                "Lao động",
                "Lao động",
                "Lao động",
                "Bảo vệ Tổ quốc",
                "Chiến công",
                "Đại đoàn kết dân tộc",
                "Dũng cảm",
                "Độc lập",
            ]
        )
        aw = order_name(rng, order)
        if rng.random() < 0.1:
            aw += " của Chủ tịch nước"
        if order in ("Bảo vệ Tổ quốc", "Chiến công"):
            sector = rng.choice(["police"] + (["military"] if L.has_military_command else []))
            off, ranks = police_office(rng, L) if sector == "police" else military_office(rng, L)
            while not re.match(r"(Giám đốc|Chỉ huy trưởng Bộ|Chính ủy)", off):
                off, ranks = police_office(rng, L) if sector == "police" else military_office(rng, L)
            poss = [off] if rng.random() < 0.6 else provincial_profile(rng, L)
            if poss != [off]:
                ranks = None
            qs = recipients(rng, "any", "armed", cap=10)
        elif order == "Dũng cảm":
            poss = provincial_profile(rng, L)
            qs = [qty(rng, "cá nhân", 1, 6)]
        elif order == "Độc lập":
            poss = rng.choice([provincial_profile(rng, L), ["Phó Thủ tướng Chính phủ"], ["Phó Chủ tịch nước"]])
            qs = [qty(rng, "tập thể", 1, 3)]
        else:
            poss = rng.choice(
                [provincial_profile(rng, L), provincial_profile(rng, L), [f"Thứ trưởng {ministry(rng, 'civil')[0]}"]]
            )
            qs = recipients(rng, "any", None, cap=10)
    else:
        aw, kind = rng.choice(
            [
                ("Bằng khen của Thủ tướng Chính phủ", "any"),
                ("Bằng khen Thủ tướng Chính phủ", "any"),
                ("Cờ thi đua của Chính phủ", "collective"),
            ]
        )
        aw = lower_head(rng, aw)
        poss = provincial_profile(rng, L)
        qs = recipients(rng, kind, None, cap=10 if kind == "collective" else 30)
    lead = rng.choice(["Thừa ủy quyền của", "Thừa uỷ quyền của", "Được sự ủy quyền của", "Thừa ủy quyền"])
    where = rng.choice(["", "", "Tại buổi lễ, ", "Dịp này, ", "Tại hội nghị, "])
    lead_s = lead if not where else lead[0].lower() + lead[1:]
    hon = honorific(rng, gender, ranks)
    parts = [f"{where}{lead_s} ", (auth, "POSITION"), ", "]
    parts += name_with_positions(rng, name, poss, hon)
    parts += [rng.choice([" đã trao ", " trao ", " trao tặng "]), (aw, "AWARD"), " cho "]
    for i, q in enumerate(qs):
        if i:
            parts.append(rng.choice([" và ", ", "]))
        parts.append((q, "QUANTITY"))
    parts.append(".")
    text, ents = build(*parts)
    return (
        text,
        ents,
        [_ev(aw, giver_person=[name], on_behalf_of=[auth], recipient_quantity=qs)],
        [{"person": name, "positions": poss}],
    )


@template
def t_passive_office(rng, L):
    """`N tập thể được <office> tặng <award> vì ...`: the office confers in its own right."""
    giver, aw, kind, cap = rng.choice(
        [
            (f"Chủ tịch {L.ubnd(rng)}", "Bằng khen", "any", None),
            (f"Chủ tịch {L.ubnd(rng)}", "Cờ thi đua", "collective", 30),
            (f"Chủ tịch {L.ubnd(rng)}", "danh hiệu Chiến sĩ thi đua cấp tỉnh", "individual", 60),
            ("Thủ tướng Chính phủ", "Bằng khen", "any", 30),
            ("Thủ tướng Chính phủ", "Cờ thi đua", "collective", 10),
            (
                "Chủ tịch nước",
                order_name(rng, rng.choice(["Lao động", "Lao động", "Độc lập"]), rng.choice([2, 3, 3])),
                "any",
                10,
            ),
            ("Chủ tịch nước", "Huân chương Đại đoàn kết dân tộc", "any", 5),
        ]
        + [(f"Bộ trưởng {m}", "Bằng khen", "any", 60) for m in ("Bộ Y tế", "Bộ GD&ĐT", "Bộ Nội vụ", "Bộ Công Thương")]
    )
    if giver == "Chủ tịch nước" and aw.startswith("Huân chương Độc lập"):
        kind, cap = "collective", 3
    shown = lower_head(rng, aw)
    aw = shown.replace("danh hiệu ", "")
    sector = "education" if "GD&ĐT" in giver else ("health" if "Y tế" in giver else None)
    q = recipients(rng, kind, sector, cap=cap)[0]
    b, c, a = campaign(rng, L)
    opener = rng.choice(["Dịp này, ", "Nhân dịp này, ", "", "Cũng tại hội nghị, "])
    q_shown = cap_first(q) if not opener else q
    parts = [opener, (q_shown, "QUANTITY"), " được ", (giver, "POSITION"), " tặng "]
    if shown.startswith("danh hiệu "):
        parts += ["danh hiệu ", (aw, "AWARD")]
    else:
        parts.append((aw, "AWARD"))
    parts += [" vì đã có thành tích xuất sắc trong ", b, (c, "CAMPAIGN"), a, "."]
    text, ents = build(*parts)
    return text, ents, [_ev(aw, giver_position=[giver], recipient_quantity=[q_shown], campaign=[c])], []


@template
def t_decision(rng, L):
    num = rng.randint(100, 3999)
    date = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2025)}"
    choice = rng.randrange(6)
    if choice <= 1:
        giver = f"Chủ tịch {L.ubnd(rng, named=0.6)}"
        aw, kind, cap = rng.choice(
            [
                ("Bằng khen", "any", None),
                ("Bằng khen của Chủ tịch UBND tỉnh" if not L.city else "Bằng khen", "any", None),
                ("Cờ thi đua", "collective", 30),
                ("danh hiệu Tập thể lao động xuất sắc", "collective", None),
            ]
        )
        doc_no, sector = f"{num}/QĐ-UBND", None
    elif choice == 2:
        c = rng.choice(COMMUNES)
        giver, aw, kind, cap, doc_no, sector = f"Chủ tịch UBND {c}", "Giấy khen", "any", None, f"{num}/QĐ-UBND", None
    elif choice == 3:
        d, sector = dept(rng)
        giver, aw, kind, cap, doc_no = (
            f"Giám đốc {d}",
            "Giấy khen",
            "any",
            None,
            f"{num}/QĐ-{'SGDĐT' if sector == 'education' else 'S'}",
        )
        sector = sector if sector != "civil" else None
    elif choice == 4:
        giver, aw, kind, cap, doc_no, sector = (
            "Thủ tướng Chính phủ",
            rng.choice(["Bằng khen", "Bằng khen của Thủ tướng Chính phủ"]),
            "any",
            30,
            f"{num}/QĐ-TTg",
            None,
        )
    else:
        giver, aw, kind, cap, doc_no, sector = (
            "Chủ tịch nước",
            order_name(rng, "Lao động"),
            "any",
            10,
            f"{num}/QĐ-CTN",
            None,
        )
    shown = lower_head(rng, aw)
    aw = shown.replace("danh hiệu ", "")
    qs = recipients(rng, kind, sector, scale=LOCAL if aw.lower() == "giấy khen" else CEREMONY, cap=cap)
    verb = "tặng thưởng" if giver == "Chủ tịch nước" else "tặng"
    sign = rng.choice(["ban hành Quyết định số", "ký Quyết định số", "đã ký Quyết định số"])
    parts = [f"Ngày {date}, ", (giver, "POSITION"), f" {sign} {doc_no} {verb} "]
    if shown.startswith("danh hiệu "):
        parts += ["danh hiệu ", (aw, "AWARD")]
    else:
        parts.append((aw, "AWARD"))
    parts.append(" cho ")
    for i, q in enumerate(qs):
        if i:
            parts.append(rng.choice([" và ", ", "]))
        parts.append((q, "QUANTITY"))
    parts.append(rng.choice([".", " có thành tích xuất sắc.", " đã có thành tích tiêu biểu trong năm."]))
    text, ents = build(*parts)
    return text, ents, [_ev(aw, giver_position=[giver], recipient_quantity=qs)], []


@template
def t_attendees(rng, L):
    people, used = [], set()
    for _ in range(rng.choice([1, 2, 2, 3])):
        kind = rng.choice(["prov", "prov", "prov", "national", "police", "dept"])
        name, gender = person(rng)
        ranks = None
        if kind == "prov":
            poss = provincial_profile(rng, L)
        elif kind == "national":
            m = ministry(rng, "civil")[0]
            poss = rng.choice(
                [["Phó Thủ tướng Chính phủ"], [f"Thứ trưởng {m}"], ["Ủy viên Trung ương Đảng", f"Bộ trưởng {m}"]]
            )
        elif kind == "police":
            off, ranks = police_office(rng, L)
            while not off.startswith(("Giám đốc", "Phó Giám đốc")):
                off, ranks = police_office(rng, L)
            poss = [off]
        else:
            poss = [f"Giám đốc {dept(rng)[0]}"]
        if any(p in used for p in poss):
            continue
        used.update(poss)
        people.append((name, poss, rng.choice(ranks) if ranks and rng.random() < 0.7 else None))
    lead = rng.choice(
        [
            "Dự hội nghị có các đồng chí: ",
            "Tham dự buổi lễ có các đồng chí ",
            "Về dự có các đồng chí ",
            "Dự lễ có các đồng chí ",
        ]
    )
    if len(people) == 1:
        lead = lead.replace("các đồng chí: ", "đồng chí ").replace("các đồng chí", "đồng chí")
    parts, links = [lead], []
    for i, (name, poss, rank) in enumerate(people):
        if i:
            parts.append("; ")
        if rank:
            parts.append(f"{rank} ")
        parts += name_with_positions(rng, name, poss, None)
        links.append({"person": name, "positions": poss})
    parts.append(rng.choice(["; lãnh đạo các sở, ban, ngành của tỉnh.", ".", " cùng đông đảo đại biểu."]))
    text, ents = build(*parts)
    return text, ents, [], links


@template
def t_statistics(rng, L):
    """Yearly totals of a province (counts may be large)."""
    y = rng.randint(2020, 2025)
    u = f"UBND {L.full}"
    bk = lower_head(rng, "Bằng khen")
    co = lower_head(rng, rng.choice(["Cờ thi đua", "Cờ thi đua"]))
    q1, q2 = qty(rng, "tập thể", 20, 400), qty(rng, "cá nhân", 30, 1200)
    q3 = qty(rng, "tập thể", 5, 60)
    money = f"{rng.randint(2, 25)} tỷ đồng"
    shape = rng.randrange(3)
    if shape == 0:
        parts = [
            f"Năm {y}, {u} đã tặng ",
            (bk, "AWARD"),
            " cho ",
            (q1, "QUANTITY"),
            ", ",
            (q2, "QUANTITY"),
            "; tặng ",
            (co, "AWARD"),
            " cho ",
            (q3, "QUANTITY"),
            f", tổng kinh phí khen thưởng hơn {money}.",
        ]
        events = [_ev(bk, recipient_quantity=[q1, q2]), _ev(co, recipient_quantity=[q3])]
    elif shape == 1:
        q4 = qty(rng, "tập thể", 50, 480)
        parts = [
            f"Trong năm {y}, Chủ tịch {u} đã tặng ",
            (bk, "AWARD"),
            " cho ",
            (q1, "QUANTITY"),
            " và ",
            (q2, "QUANTITY"),
            "; công nhận danh hiệu ",
            ("Tập thể lao động xuất sắc", "AWARD"),
            " cho ",
            (q4, "QUANTITY"),
            ".",
        ]
        events = [_ev(bk, recipient_quantity=[q1, q2]), _ev("Tập thể lao động xuất sắc", recipient_quantity=[q4])]
    else:
        q5 = qty(rng, "tập thể, cá nhân", 10, 120)
        q6 = qty(rng, "tập thể, cá nhân", 5, 40)
        parts = [
            f"Năm {y}, {u} đã đề nghị ",
            ("Thủ tướng Chính phủ", "POSITION"),
            " tặng ",
            (bk, "AWARD"),
            " cho ",
            (q5, "QUANTITY"),
            "; đề nghị ",
            ("Chủ tịch nước", "POSITION"),
            " tặng thưởng ",
            ("Huân chương Lao động", "AWARD"),
            " các hạng cho ",
            (q6, "QUANTITY"),
            ".",
        ]
        events = [
            _ev(bk, giver_position=["Thủ tướng Chính phủ"], recipient_quantity=[q5]),
            _ev("Huân chương Lao động", giver_position=["Chủ tịch nước"], recipient_quantity=[q6]),
        ]
    text, ents = build(*parts)
    return text, ents, events, []


@template
def t_colon_list(rng, L):
    """v1.3: `Cờ thi đua của UBND tỉnh: 12 tập thể; Bằng khen …: 45 tập thể, 80 cá nhân`."""
    u = L.ubnd(rng, named=0.0)
    pool = [
        (f"Cờ thi đua của {u}", "collective", 30),
        (f"Bằng khen của Chủ tịch {u}", "any", None),
        (order_name(rng, "Lao động", 3), "any", 10),
        ("Bằng khen của Thủ tướng Chính phủ", "any", 30),
        ("danh hiệu Chiến sĩ thi đua cấp tỉnh", "individual", 60),
        ("danh hiệu Tập thể lao động xuất sắc", "collective", None),
    ]
    picks = rng.sample(pool, rng.choice([2, 2, 3]))
    lead = rng.choice(
        [
            "Về khen thưởng, ",
            "Dịp này, các tập thể, cá nhân được khen thưởng gồm ",
            "Cụ thể, ",
            "Trong đó, ",
            "Kết quả khen thưởng tại buổi lễ gồm ",
        ]
    )
    parts, events, all_q = [lead], [], set()
    for i, (aw, kind, cap) in enumerate(picks):
        if i:
            parts.append("; ")
        shown = lower_head(rng, aw)
        if shown.startswith("danh hiệu "):
            parts.append("danh hiệu ")
            shown = shown[len("danh hiệu ") :]
        parts += [(shown, "AWARD"), ": "]
        qs = recipients(rng, kind, None, cap=cap)
        if any(q in all_q for q in qs):
            raise Reject("repeated count")
        all_q.update(qs)
        for j, q in enumerate(qs):
            if j:
                parts.append(", ")
            parts.append((q, "QUANTITY"))
        events.append(_ev(shown, recipient_quantity=qs))
    parts.append(".")
    text, ents = build(*parts)
    return text, ents, events, []


def recipient_profile(rng, L):
    """A named recipient: (name, gender, position, ranks, sector, awards they can receive)."""
    name, gender = person(rng)
    u = L.ubnd(rng, named=0.0)
    kind = rng.choice(["teacher", "doctor", "police", "military", "official", "official", "worker"])
    if kind == "military" and not L.has_military_command:
        kind = "police"
    if kind == "teacher":
        school = f"Trường {rng.choice(['THPT', 'THCS', 'Tiểu học'])} {rng.choice(SCHOOL_NAMES)}"
        pos = rng.choice([f"giáo viên {school}", f"Hiệu trưởng {school}", f"Phó Hiệu trưởng {school}"])
        awards = [
            "Chiến sĩ thi đua cấp tỉnh",
            "Kỷ niệm chương Vì sự nghiệp giáo dục",
            "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
            f"Bằng khen của Chủ tịch {u}",
            "Giấy khen của Giám đốc Sở GD&ĐT",
            "Nhà giáo ưu tú",
        ]
        return name, gender, pos, None, "education", awards
    if kind == "doctor":
        unit = rng.choice(
            ["Bệnh viện Đa khoa tỉnh", "BV Đa khoa tỉnh", "Bệnh viện Sản Nhi tỉnh", "Trung tâm Y tế khu vực"]
        )
        pos = rng.choice([f"bác sĩ {unit}", f"Trưởng khoa Hồi sức tích cực, {unit}", f"Phó Giám đốc {unit}"])
        awards = [
            "Kỷ niệm chương Vì sức khỏe nhân dân",
            "Thầy thuốc ưu tú",
            "Bằng khen của Bộ trưởng Bộ Y tế",
            f"Bằng khen của Chủ tịch {u}",
            "Chiến sĩ thi đua cấp tỉnh",
        ]
        return name, gender, pos, None, "health", awards
    if kind == "police":
        pos, ranks = police_office(rng, L)
        awards = [
            "Huy chương Vì an ninh Tổ quốc",
            f"Huy chương Chiến sĩ vẻ vang {rng.choice(CLASS_SPELLINGS[rng.choice([2, 3])])}",
            "Bằng khen của Bộ trưởng Bộ Công an",
            order_name(rng, "Bảo vệ Tổ quốc", 3),
            order_name(rng, "Chiến công", 3),
        ]
        if not pos.startswith(("Giám đốc", "Phó Giám đốc")):
            awards.append(f"Giấy khen của Giám đốc Công an {L.full if L.name == 'TP.HCM' else L.gen}")
        return name, gender, pos, ranks, "police", awards
    if kind == "military":
        pos, ranks = military_office(rng, L)
        awards = [
            f"Huy chương Chiến sĩ vẻ vang {rng.choice(CLASS_SPELLINGS[rng.choice([1, 2, 3])])}",
            "Bằng khen của Bộ trưởng Bộ Quốc phòng",
            order_name(rng, "Bảo vệ Tổ quốc", 3),
            "Huy chương Quân kỳ quyết thắng",
        ]
        return name, gender, pos, ranks, "military", awards
    if kind == "official":
        c = rng.choice(COMMUNES)
        pos = rng.choice(
            [
                f"Phó Giám đốc {dept(rng, 'civil')[0]}",
                f"Chủ tịch UBND {c}",
                f"Bí thư Đảng ủy {c}",
                f"Trưởng {rng.choice(VILLAGES)}, {c}",
                f"Chủ tịch Hội Nông dân {c}",
                f"Chủ tịch Hội Cựu chiến binh {c}",
            ]
        )
        awards = [
            f"Bằng khen của Chủ tịch {u}",
            "Bằng khen của Thủ tướng Chính phủ",
            order_name(rng, "Lao động", 3),
            f"Huy hiệu {rng.choice([30, 40, 45, 50, 55, 60])} năm tuổi Đảng",
            "Chiến sĩ thi đua cấp tỉnh",
            "Kỷ niệm chương Vì sự nghiệp thi đua - khen thưởng",
        ]
        return name, gender, pos, None, "civil", awards
    company = rng.choice(COMPANIES)
    pos = rng.choice([f"công nhân {company}", f"tổ trưởng sản xuất, {company}", f"Chủ tịch Công đoàn {company}"])
    awards = [
        "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
        f"Bằng khen của {lduld(rng, L)}",
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Bằng khen của Thủ tướng Chính phủ",
    ]
    return name, gender, pos, None, "union", awards


TITLES = (
    "Nhà giáo ưu tú",
    "Thầy thuốc ưu tú",
    "Chiến sĩ thi đua cấp tỉnh",
    "Chiến sĩ thi đua cơ sở",
    "Lao động tiên tiến",
)


@template
def t_named_recipient(rng, L):
    name, gender, pos, ranks, sector, awards = recipient_profile(rng, L)
    aw = rng.choice(awards)
    title = aw in TITLES
    shown = lower_head(rng, aw)
    hon = honorific(rng, gender, ranks, teacher=sector == "education" and pos.startswith("giáo viên"))
    shape = rng.randrange(3)
    grant = (
        "được phong tặng danh hiệu "
        if aw in ("Nhà giáo ưu tú", "Thầy thuốc ưu tú")
        else (
            "được công nhận danh hiệu " if title else rng.choice(["vinh dự được tặng ", "được tặng ", "vinh dự nhận "])
        )
    )
    if shape == 0:
        parts = name_with_positions(rng, name, [pos], hon, lead_cap=True) + [f" {grant}", (shown, "AWARD"), "."]
    elif shape == 1:
        verb = "Trao danh hiệu " if title else rng.choice(["Trao ", "Trao tặng "])
        parts = [verb, (shown, "AWARD"), f" cho {hon} "] + name_with_positions(rng, name, [pos], None)[0:] + ["."]
    else:
        parts = name_with_positions(rng, name, [pos], hon, lead_cap=True) + [
            f", là một trong những cá nhân tiêu biểu {grant}",
            (shown, "AWARD"),
            f" năm {rng.randint(2020, 2025)}.",
        ]
    text, ents = build(*parts)
    return text, ents, [_ev(shown, recipient_person=[name])], [{"person": name, "positions": [pos]}]


# Titles conferred by the Chủ tịch nước: (title, unit of its holders, ceremony cap, cumulative cap).
STATE_TITLES = [
    ("Nhà giáo ưu tú", "nhà giáo", 40, 400),
    ("Thầy thuốc ưu tú", "bác sĩ", 30, 300),
    ("Nghệ nhân ưu tú", "nghệ nhân", 30, 150),
    ("Nghệ sĩ ưu tú", "nghệ sĩ", 15, 100),
    ("Anh hùng Lao động", "cá nhân", 3, 40),
    ("Bà mẹ Việt Nam anh hùng", "mẹ", 60, 3000),
    ("Chiến sĩ thi đua toàn quốc", "cá nhân", 10, 200),
]


@template
def t_title_count(rng, L):
    title, unit, cap, _ = rng.choice(STATE_TITLES)
    n = skewed(rng, 1, cap)
    shape = rng.randrange(3)
    grant = "truy tặng" if title.startswith("Bà mẹ") else "phong tặng"
    if shape == 0:
        q = str(n)
        parts = [
            "Đợt này, toàn tỉnh có " if not L.city else "Đợt này, toàn thành phố có ",
            (q, "QUANTITY"),
            " ",
            (title, "AWARD"),
            " được tôn vinh.",
        ]
    elif shape == 1:
        q = f"{fmt_count(rng, n)} {unit}"
        parts = ["Nhân dịp này, ", (q, "QUANTITY"), f" được {grant} danh hiệu ", (title, "AWARD"), "."]
    else:
        q = f"{fmt_count(rng, n)} {unit}"
        office = "Thủ tướng Chính phủ" if title == "Chiến sĩ thi đua toàn quốc" else "Chủ tịch nước"
        verb = "tặng" if office.startswith("Thủ tướng") else grant
        parts = [
            "Tại buổi lễ, ",
            (office, "POSITION"),
            f" {verb} danh hiệu ",
            (title, "AWARD"),
            " cho ",
            (q, "QUANTITY"),
            f" của {L.full}.",
        ]
        text, ents = build(*parts)
        return text, ents, [_ev(title, giver_position=[office], recipient_quantity=[q])], []
    text, ents = build(*parts)
    return text, ents, [_ev(title, recipient_quantity=[q])], []


@template
def t_title_cumulative(rng, L):
    title, unit, _, cap = rng.choice(STATE_TITLES)
    n = skewed(rng, 2, cap)
    q = fmt_count(rng, n, words=False)
    parts = [
        f"Đến nay, {L.full} đã có ",
        (q, "QUANTITY"),
        " ",
        (title, "AWARD"),
        rng.choice([".", " được Nhà nước phong tặng.", ", nhiều người vẫn đang trực tiếp công tác."]),
    ]
    if title.startswith("Bà mẹ") and parts[-1].startswith(", nhiều"):
        parts[-1] = ", phần lớn đã được truy tặng."
    text, ents = build(*parts)
    return text, ents, [_ev(title, recipient_quantity=[q])], []


@template
def t_title_holder(rng, L):
    """Project addition 14: a title written next to its holder names the holder as recipient."""
    kind = rng.choice(["teacher", "doctor", "hero", "artisan", "mother"])
    if kind == "mother":
        name, gender = person(rng, "F")
        c = rng.choice(COMMUNES)
        title = "Mẹ Việt Nam anh hùng"
        parts = [
            rng.choice(["Đoàn đã đến thăm, tặng quà ", "Lãnh đạo tỉnh thăm hỏi "]),
            (title, "AWARD"),
            " ",
            (name, "PERSON"),
            f" ở {c}, năm nay đã {rng.randint(88, 103)} tuổi.",
        ]
        text, ents = build(*parts)
        return text, ents, [_ev(title, recipient_person=[name])], []
    name, gender = person(rng)
    school = f"Trường THPT {rng.choice(SCHOOL_NAMES)}"
    title, pos = {
        "teacher": ("Nhà giáo ưu tú", rng.choice([f"Hiệu trưởng {school}", f"giáo viên {school}"])),
        "doctor": (
            "Thầy thuốc ưu tú",
            rng.choice(["Giám đốc Bệnh viện Đa khoa tỉnh", "Trưởng khoa Nhi, Bệnh viện Đa khoa tỉnh"]),
        ),
        "hero": (
            "Anh hùng Lao động",
            f"Giám đốc Hợp tác xã nông nghiệp {rng.choice(['Tân Tiến', 'Yên Trường', 'Quyết Thắng'])}",
        ),
        "artisan": (
            "Nghệ nhân ưu tú",
            f"Chủ nhiệm Câu lạc bộ dân ca {rng.choice(['xã Tam Đa', 'phường Nam Hồng', 'xã Yên Lạc'])}",
        ),
    }[kind]
    verb = rng.choice(
        ["chia sẻ kinh nghiệm tại hội nghị.", "phát biểu tại buổi lễ.", "bày tỏ niềm vinh dự khi được tôn vinh."]
    )
    if rng.random() < 0.5:
        parts = [(title, "AWARD"), " ", (name, "PERSON"), ", ", (pos, "POSITION"), f" {verb}"]
    else:
        hon = "Ông" if gender == "M" else "Bà"
        parts = [f"{hon} ", (name, "PERSON"), ", ", (title, "AWARD"), ", ", (pos, "POSITION"), f" {verb}"]
    text, ents = build(*parts)
    return text, ents, [_ev(title, recipient_person=[name])], [{"person": name, "positions": [pos]}]


@template
def t_dash_title(rng, L):
    name, gender = person(rng)
    poss = provincial_profile(rng, L) if rng.random() < 0.6 else [f"Giám đốc {dept(rng)[0]}"]
    pos = poss[-1]
    verb = rng.choice(
        [
            "phát biểu khai mạc hội nghị",
            "phát biểu chỉ đạo",
            "báo cáo kết quả công tác thi đua, khen thưởng",
            "trao đổi với phóng viên bên lề hội nghị",
        ]
    )
    hon = "Ông" if gender == "M" else "Bà"
    shape = rng.randrange(4)
    if shape == 0:
        parts = ["Đồng chí ", (name, "PERSON"), " - ", (pos, "POSITION"), f" {verb}"]
    elif shape == 1:
        parts = [(pos, "POSITION"), " ", (name, "PERSON"), f" {verb}."]
    elif shape == 2:
        verb = rng.choice(
            [
                "ôn lại kỷ niệm tại buổi gặp mặt",
                "phát biểu tại buổi gặp mặt cán bộ hưu trí",
                "chia sẻ kinh nghiệm với thế hệ trẻ",
            ]
        )
        parts = [f"{hon} ", (name, "PERSON"), ", nguyên ", (pos, "POSITION"), f" {verb}."]
    else:
        parts = [f"{hon} ", (name, "PERSON"), " - ", (pos, "POSITION"), f" {verb}."]
    text, ents = build(*parts)
    return text, ents, [], [{"person": name, "positions": [pos]}]


@template
def t_proposal(rng, L):
    """Project addition 11: in `đề nghị X tặng`, the office that would confer is giver_position."""
    council = hd_tdkt(rng, L)
    office, aw, kind, cap = rng.choice(
        [
            ("Thủ tướng Chính phủ", "Bằng khen", "any", 30),
            ("Thủ tướng Chính phủ", "Cờ thi đua của Chính phủ", "collective", 10),
            ("Chủ tịch nước", order_name(rng, "Lao động"), "any", 10),
            (f"Chủ tịch {L.ubnd(rng, named=0)}", "Bằng khen", "any", None),
            (f"Chủ tịch {L.ubnd(rng, named=0)}", "danh hiệu Chiến sĩ thi đua cấp tỉnh", "individual", 60),
        ]
    )
    shown = lower_head(rng, aw)
    qs = recipients(rng, kind, None, cap=cap)
    verb = "tặng thưởng" if office == "Chủ tịch nước" else "tặng"
    parts = [
        rng.choice(
            [
                f"{council} đã thống nhất đề nghị ",
                f"Tại phiên họp, {council} thống nhất đề nghị ",
                "Hồ sơ được hoàn thiện để đề nghị ",
            ]
        ),
        (office, "POSITION"),
        f" {verb} ",
    ]
    if shown.startswith("danh hiệu "):
        shown = shown[len("danh hiệu ") :]
        parts.append("danh hiệu ")
    parts += [(shown, "AWARD"), " cho "]
    for i, q in enumerate(qs):
        if i:
            parts.append(rng.choice([" và ", ", "]))
        parts.append((q, "QUANTITY"))
    parts.append(".")
    text, ents = build(*parts)
    return text, ents, [_ev(shown, giver_position=[office], recipient_quantity=qs)], []


LONG_DRIVES = [
    "kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    "kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh",
    "chào mừng Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI, nhiệm kỳ 2025 - 2030",
    "hướng tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước",
    "chào mừng kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
    "kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam",
    "chào mừng cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp",
    "kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
    "chào mừng Đại hội Thi đua yêu nước toàn quốc lần thứ XI",
    "xây dựng và hoàn thiện cơ sở dữ liệu quốc gia về dân cư",
]


@template
def t_long_campaign(rng, L):
    drive = rng.choice(LONG_DRIVES)
    head = rng.choice(
        ["đợt thi đua đặc biệt", "đợt thi đua cao điểm", "Đợt thi đua đặc biệt", "phong trào thi đua", "đợt thi đua"]
    )
    c = f"{head} {drive}"
    shape = rng.randrange(3)
    if shape == 0:
        q = recipients(rng, "any")[0]
        parts = [
            f"{cap_first(L.full)} tổng kết ",
            (c, "CAMPAIGN"),
            " và khen thưởng ",
            (q, "QUANTITY"),
            " có thành tích xuất sắc.",
        ]
        text, ents = build(*parts)
        return text, ents, [], []
    if shape == 1:
        u = L.ubnd(rng, named=0)
        chair = rng.random() < 0.4
        aw, kind = rng.choice(
            [("Bằng khen", "any"), ("Cờ thi đua", "collective")]
            + ([] if chair else [(f"Bằng khen của {u}", "any"), (f"Cờ thi đua của {u}", "collective")])
        )
        aw = lower_head(rng, aw)
        q = recipients(rng, kind, cap=30 if kind == "collective" else None)[0]
        giver = f"Chủ tịch {u}"
        parts = [
            (giver, "POSITION") if chair else u,
            " tặng ",
            (aw, "AWARD"),
            " cho ",
            (q, "QUANTITY"),
            " đã có thành tích xuất sắc trong ",
            (c, "CAMPAIGN"),
            ".",
        ]
        text, ents = build(*parts)
        return text, ents, [_ev(aw, giver_position=[giver] if chair else [], recipient_quantity=[q], campaign=[c])], []
    year = rng.randint(2021, 2025)
    yearly = f"phong trào thi đua yêu nước của {L.full} năm {year}"
    parts = [
        "Kết quả ",
        (yearly, "CAMPAIGN"),
        " là tiền đề để các cấp, các ngành tiếp tục triển khai ",
        (c, "CAMPAIGN"),
        ".",
    ]
    text, ents = build(*parts)
    return text, ents, [], []


@template
def t_no_entity(rng, L):
    return (
        rng.choice(
            [
                f"Công tác thi đua, khen thưởng của {L.full} có nhiều chuyển biến tích cực, đi vào thực chất hơn.",
                "Việc bình xét khen thưởng được thực hiện công khai, dân chủ, đúng đối tượng và tiêu chuẩn.",
                f"Năm qua, tăng trưởng kinh tế của {L.gen} đạt {rng.randint(5, 10)},{rng.randint(1, 9)}%, thu ngân sách vượt dự toán.",
                "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng trong toàn tỉnh.",
                f"Hội nghị có sự tham dự của {rng.randint(150, 900)} đại biểu đại diện cho các tầng lớp nhân dân.",
                "Các đơn vị cần tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua.",
                f"Buổi lễ được tổ chức trang trọng tại Trung tâm Hội nghị {L.full} vào sáng {rng.randint(1, 28)}/{rng.randint(1, 12)}.",
                f"Tỷ lệ hộ nghèo của {L.name} giảm còn {rng.randint(1, 9)},{rng.randint(0, 9)}%, thấp hơn mức bình quân cả nước.",
                f"Toàn tỉnh có thêm {rng.randint(3, 40)} xã đạt chuẩn nông thôn mới nâng cao trong năm {rng.randint(2020, 2025)}.",
                "Hồ sơ đề nghị khen thưởng phải được gửi về Sở Nội vụ trước ngày 15 tháng 10 hằng năm.",
                f"Tổng vốn huy động cho chương trình đạt {rng.randint(50, 900)} tỷ đồng, trong đó nhân dân đóng góp hơn {rng.randint(5, 40)}%.",
                "Lãnh đạo tỉnh đề nghị các cấp ủy, chính quyền tiếp tục quan tâm, tạo điều kiện để phong trào lan tỏa sâu rộng.",
                "Những tấm gương điển hình đã góp phần quan trọng vào thắng lợi chung của địa phương.",
                f"Thời gian tới, {L.gen} phấn đấu thu hút thêm {rng.randint(2, 30)} dự án đầu tư lớn vào các khu công nghiệp.",
                "Sau phần nghi thức, các đại biểu đã dâng hương tưởng niệm các anh hùng liệt sĩ.",
                f"Chương trình văn nghệ đặc sắc do Nhà hát Ca múa nhạc {L.full} biểu diễn đã để lại nhiều cảm xúc.",
                "Tại các điểm cầu, đại biểu theo dõi hội nghị qua hệ thống truyền hình trực tuyến.",
                f"Ban TĐKT {L.gen} đã thẩm định {rng.randint(120, 900)} hồ sơ, bảo đảm đúng quy trình, thời gian.",
            ]
        ),
        [],
        [],
        [],
    )


# --------------------------------------------------------------------------- the plausibility checker

RANKS = (
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
)
# Ranks an office's holder can have, by pattern on the (normalised) office.
RANK_RULES = [
    (r"^Giám đốc Công an (tỉnh|thành phố|Thành phố|TP\.HCM)$", {"Đại tá", "Thiếu tướng"}),
    (r"^Phó Giám đốc Công an (tỉnh|thành phố|Thành phố|TP\.HCM)$", {"Thượng tá", "Đại tá"}),
    (r"^Trưởng Công an (xã|phường) ", {"Đại úy", "Thiếu tá", "Trung tá"}),
    (r"^Trưởng phòng .+, Công an ", {"Trung tá", "Thượng tá"}),
    (r"^cán bộ Đội .+, Công an ", {"Thượng úy", "Đại úy", "Thiếu tá"}),
    (r"^(Chỉ huy trưởng|Chính ủy) Bộ CHQS ", {"Đại tá"}),
    (r"^Chỉ huy trưởng Ban CHQS (xã|phường) ", {"Đại úy", "Thiếu tá", "Trung tá"}),
]
HONORIFIC_GENDER = {
    "ông": "M",
    "bà": "F",
    "anh": "M",
    "chị": "F",
    "thầy giáo": "M",
    "thầy": "M",
    "cô giáo": "F",
    "cô": "F",
    "mẹ": "F",
}
LOC = r"(?:tỉnh|thành phố|Thành phố|TP\.HCM)(?: [^,;]+)?"


def _norm_office(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    for a, b in (
        ("Ủy ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
        ("Giáo dục và Đào tạo", "GD&ĐT"),
        ("Liên đoàn Lao động", "LĐLĐ"),
        ("Thi đua - Khen thưởng", "TĐKT"),
        ("Bộ Chỉ huy Quân sự", "Bộ CHQS"),
        ("Tổng Liên đoàn Lao động", "Tổng LĐLĐ"),
    ):
        s = s.replace(a, b)
    return s


def _strip_loc(org: str) -> str:
    return re.sub(r" (tỉnh|thành phố)( [^,;]+)?$| tp\.hcm$", "", org, flags=re.IGNORECASE)


def classify_office(surface: str) -> dict | None:
    """tier, org, sector, scope ('national', 'prov', 'commune', 'any') and party body of an office."""
    s = _norm_office(surface)
    rules = [
        (r"^Chủ tịch nước$", "president", None, "national", None),
        (r"^Phó Chủ tịch nước$", "vice_president", None, "national", None),
        (r"^Thủ tướng( Chính phủ)?$", "pm", None, "national", None),
        (r"^Phó Thủ tướng( Chính phủ)?$", "deputy_pm", None, "national", None),
        (r"^Bộ trưởng (Bộ .+)$", "minister", 1, "national", None),
        (r"^Thứ trưởng (Bộ .+)$", "vice_minister", 1, "national", None),
        (r"^Ủy viên (dự khuyết )?Trung ương Đảng$|^Ủy viên Bộ Chính trị$", "party_national", None, "any", "TW"),
        (rf"^Chủ tịch UBND {LOC}$", "prov_chair", None, "prov", None),
        (rf"^Phó Chủ tịch( Thường trực)? UBND {LOC}$", "prov_lead", None, "prov", None),
        (r"^(Bí thư|Phó Bí thư|Phó Bí thư Thường trực) (Tỉnh|Thành) ủy( .+)?$", "prov_lead", None, "prov", "Tỉnh ủy"),
        (r"^Ủy viên Ban Thường vụ (Tỉnh|Thành) ủy$", "prov_lead", None, "prov", "Tỉnh ủy"),
        (rf"^(Phó )?Chủ tịch HĐND {LOC}$", "prov_lead", None, "prov", None),
        (rf"^Trưởng đoàn ĐBQH {LOC}$", "prov_lead", None, "prov", None),
        (rf"^Chủ tịch Ủy ban MTTQ Việt Nam {LOC}$", "prov_lead", None, "prov", None),
        (rf"^Chủ tịch Hội đồng TĐKT {LOC}$", "prov_council", None, "prov", "HĐTĐKT"),
        (rf"^Giám đốc (Công an {LOC})$", "dept_head", 1, "prov", None),
        (rf"^Phó Giám đốc (Công an {LOC})$", "dept_deputy", 1, "prov", None),
        (rf"^Chỉ huy trưởng (Bộ CHQS {LOC})$", "dept_head", 1, "prov", None),
        (rf"^Chính ủy (Bộ CHQS {LOC})$", "dept_deputy", 1, "prov", None),
        (r"^Giám đốc (Sở .+)$", "dept_head", 1, "prov", None),
        (r"^Phó Giám đốc (Sở .+)$", "dept_deputy", 1, "prov", None),
        (rf"^(Phó )?Chủ tịch (LĐLĐ {LOC})$", "union_prov", 2, "prov", None),
        (r"^(Phó )?Chủ tịch Tổng LĐLĐ Việt Nam$", "union_nat", None, "national", None),
        (r"^Chủ tịch UBND ((xã|phường|thị trấn) .+)$", "commune_chair", 1, "commune", None),
        (r"^Phó Chủ tịch UBND ((xã|phường|thị trấn) .+)$", "commune_lead", 1, "commune", None),
        (r"^Bí thư Đảng ủy ((xã|phường) .+)$", "commune_lead", 1, "commune", "Đảng ủy"),
        (r"^(Hiệu trưởng|Phó Hiệu trưởng) (Trường .+)$", "school_head", 2, "prov", None),
        (r"^giáo viên Trường .+$", "staff", None, "prov", None),
        (
            r"^(bác sĩ|Giám đốc|Phó Giám đốc|Trưởng khoa .+,) (Bệnh viện|BV|Trung tâm Y tế) .+$",
            "staff",
            None,
            "prov",
            None,
        ),
        (
            r"^Trưởng Công an (xã|phường) .+$|^Trưởng phòng .+, Công an .+$|^cán bộ Đội .+, Công an .+$",
            "staff",
            None,
            "prov",
            None,
        ),
        (r"^Chỉ huy trưởng Ban CHQS (xã|phường) .+$", "staff", None, "commune", None),
        (r"^Trưởng (thôn|bản|ấp|tổ dân phố) .+$", "staff", None, "commune", None),
        (r"^Chủ tịch Hội (Nông dân|Cựu chiến binh) (xã|phường) .+$", "staff", None, "commune", None),
        (r"^(công nhân|tổ trưởng sản xuất,|Chủ tịch Công đoàn) Công ty .+$", "staff", None, "prov", None),
        (r"^Giám đốc Hợp tác xã .+$|^Chủ nhiệm Câu lạc bộ .+$", "staff", None, "commune", None),
    ]
    for pat, tier, org_group, scope, party in rules:
        m = re.match(pat, s)
        if m:
            org = _strip_loc(m.group(org_group)) if org_group else None
            if re.search(r"Công an|Cảnh sát", s):
                sector = "police"
            elif re.search(r"Quân sự|CHQS|Quốc phòng|Biên phòng", s):
                sector = "military"
            elif re.search(r"GD&ĐT|Trường|giáo viên", s):
                sector = "education"
            elif re.search(r"Y tế|Bệnh viện|BV |bác sĩ", s):
                sector = "health"
            elif re.search(r"LĐLĐ|Công đoàn|công nhân|tổ trưởng sản xuất", s):
                sector = "union"
            else:
                sector = "civil"
            return {"tier": tier, "org": org, "sector": sector, "scope": scope, "party": party, "surface": s}
    return None


def _norm_award(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("khoẻ", "khỏe")
    return " ".join(_norm_office(s).lower().split())


ORDER_SECTOR = {"bảo vệ tổ quốc": "armed", "chiến công": "armed", "quân công": "military", "hữu nghị": "foreign"}
COLLECTIVE_ORDERS = ("độc lập", "sao vàng", "hồ chí minh")
STATE_TITLE_SECTOR = {
    "nhà giáo ưu tú": "education",
    "nhà giáo nhân dân": "education",
    "thầy thuốc ưu tú": "health",
    "thầy thuốc nhân dân": "health",
    "nghệ nhân ưu tú": "art",
    "nghệ nhân nhân dân": "art",
    "nghệ sĩ ưu tú": "art",
    "nghệ sĩ nhân dân": "art",
    "anh hùng lao động": None,
    "anh hùng lực lượng vũ trang nhân dân": "armed",
    "bà mẹ việt nam anh hùng": "mother",
    "mẹ việt nam anh hùng": "mother",
}
CLASS_RE = r"hạng (nhất|nhì|ba|i|ii|iii|1|2|3)(( và hạng|,) (nhất|nhì|ba|i|ii|iii|1|2|3))*"


def classify_award(surface: str) -> dict | None:
    """What kind of award a surface names, who confers it and who can receive it."""
    s = _norm_award(surface)
    info = {"issuer": None, "org": None, "recipients": "any", "sector": None, "classed": False, "kind": None}
    has_class = re.search(CLASS_RE + "$", s) is not None
    m = re.match(rf"^huân chương (.+?)(?: ({CLASS_RE}))?(?: của chủ tịch nước)?$", s)
    if m:
        order = m.group(1)
        if order not in [o.lower() for o in CLASSED_ORDERS + CLASSLESS_ORDERS]:
            return None
        info.update(kind="order", issuer="president", order=order, sector=ORDER_SECTOR.get(order))
        info["classed"] = order in [o.lower() for o in CLASSED_ORDERS]
        info["has_class"] = m.group(2) is not None
        if order == "dũng cảm":
            info["recipients"] = "individual"
        if order in COLLECTIVE_ORDERS:
            info["recipients"] = "collective"
        return info
    m = re.match(rf"^huy chương (vì an ninh tổ quốc|chiến sĩ vẻ vang|quân kỳ quyết thắng)(?: ({CLASS_RE}))?$", s)
    if m:
        info.update(
            kind="medal",
            issuer="president",
            recipients="individual",
            classed=m.group(1) == "chiến sĩ vẻ vang",
            has_class=m.group(2) is not None,
            sector={"vì an ninh tổ quốc": "police", "chiến sĩ vẻ vang": "armed", "quân kỳ quyết thắng": "military"}[
                m.group(1)
            ],
        )
        return info
    info["has_class"] = has_class
    table = [
        (r"^bằng khen (của )?thủ tướng chính phủ$", "pm", None, "any"),
        (r"^cờ thi đua (của )?chính phủ$", "pm", None, "collective"),
        (r"^chiến sĩ thi đua toàn quốc$", "pm", None, "individual"),
        (r"^bằng khen của bộ trưởng (bộ .+)$", "minister", 1, "any"),
        (r"^cờ thi đua của (bộ .+)$", "minister", 1, "collective"),
        (r"^bằng khen( đột xuất)? của (chủ tịch )?ubnd (tỉnh|thành phố|tp\.hcm)( .+)?$", "prov_chair", None, "any"),
        (r"^cờ thi đua (của ubnd|cấp) (tỉnh|thành phố|tp\.hcm)( .+)?$", "prov_chair", None, "collective"),
        (r"^chiến sĩ thi đua cấp tỉnh$", "prov_chair", None, "individual"),
        (r"^tập thể lao động xuất sắc$", "prov_or_minister", None, "collective"),
        (r"^đơn vị quyết thắng$", "military", None, "collective"),
        (r"^bằng khen của tổng lđlđ việt nam$", "union_nat", None, "any"),
        (r"^cờ thi đua của tổng lđlđ việt nam$", "union_nat", None, "collective"),
        (r"^bằng khen của lđlđ (tỉnh|thành phố|tp\.hcm)( .+)?$", "union_prov", None, "any"),
        (r"^giấy khen của giám đốc (sở .+|công an .+)$", "dept", 1, "any"),
        (r"^giấy khen của (bộ chqs .+)$", "dept", 1, "any"),
        (r"^giấy khen của chủ tịch ubnd ((xã|phường|thị trấn) .+)$", "commune", 1, "any"),
        (r"^giấy khen$", "any_gk", None, "any"),
        (r"^bằng khen( chuyên đề| toàn diện| đột xuất)?$", "any_bk", None, "any"),
        (r"^cờ thi đua$", "any_co", None, "collective"),
        (r"^(chiến sĩ thi đua cơ sở|lao động tiên tiến)$", "any_gk", None, "individual"),
        (r"^huy hiệu (30|40|45|50|55|60|65|70|75|80|85|90) năm tuổi đảng$", "party", None, "individual"),
    ]
    for pat, issuer, org_group, rec in table:
        m = re.match(pat, s)
        if m:
            info.update(kind=issuer, issuer=issuer, recipients=rec)
            if org_group:
                info["org"] = _strip_loc(m.group(org_group))
            if issuer == "party":
                info["sector"] = "party"
            return info
    m = re.match(r"^kỷ niệm chương (.+)$", s)
    if m:
        conferrer = {k.lower(): v for k, v in COMMEMORATIVE.items()}.get(m.group(1))
        if conferrer is None:
            return None
        info.update(
            kind="commemorative",
            issuer="union_nat" if conferrer.startswith("Tổng") else "minister",
            org=_norm_award(conferrer),
            recipients="individual",
            sector={"bộ giáo dục và đào tạo": "education", "bộ gd&đt": "education", "bộ y tế": "health"}.get(
                _norm_award(conferrer)
            ),
        )
        return info
    if s in STATE_TITLE_SECTOR:
        info.update(
            kind="state_title",
            issuer="president",
            sector=STATE_TITLE_SECTOR[s],
            recipients="any" if s.startswith("anh hùng") else "individual",
        )
        return info
    return None


# Who may present an award of each issuer in their own right (tiers), and who may confer it as giver_position.
PRESENTERS = {
    "president": {"president", "vice_president"},
    "pm": {"pm", "deputy_pm"},
    "minister": {"minister", "vice_minister"},
    "prov_chair": {"prov_chair", "prov_lead", "prov_council"},
    "prov_or_minister": {"prov_chair", "prov_lead", "prov_council", "minister", "vice_minister"},
    "union_nat": {"union_nat", "union_prov"},
    "union_prov": {"union_prov"},
    "dept": {"dept_head", "dept_deputy"},
    "commune": {"commune_chair", "commune_lead"},
    "any_gk": {"dept_head", "dept_deputy", "commune_chair", "commune_lead", "school_head"},
    "any_bk": {
        "pm",
        "deputy_pm",
        "minister",
        "vice_minister",
        "prov_chair",
        "prov_lead",
        "prov_council",
        "union_prov",
        "union_nat",
    },
    "any_co": {"pm", "deputy_pm", "minister", "vice_minister", "prov_chair", "prov_lead", "prov_council", "union_nat"},
    "party": {"prov_lead", "prov_chair", "commune_lead"},
    "military": {"dept_head"},
}
CONFERRERS = {
    "president": {"president"},
    "pm": {"pm"},
    "minister": {"minister"},
    "prov_chair": {"prov_chair"},
    "prov_or_minister": {"prov_chair", "minister"},
    "union_nat": {"union_nat"},
    "union_prov": {"union_prov"},
    "dept": {"dept_head"},
    "commune": {"commune_chair"},
    "any_gk": {"dept_head", "commune_chair", "school_head"},
    "any_bk": {"pm", "minister", "prov_chair", "union_prov", "union_nat"},
    "any_co": {"pm", "minister", "prov_chair"},
    "party": set(),
    "military": {"minister"},
}
# Who may hand over an award on behalf of the office that confers it (`thừa ủy quyền`, `thay mặt`).
DELEGATES = {
    "vice_president",
    "deputy_pm",
    "minister",
    "vice_minister",
    "prov_chair",
    "prov_lead",
    "dept_head",
    "dept_deputy",
}
STATE_TITLE_CAPS = {
    "nhà giáo ưu tú": 400,
    "thầy thuốc ưu tú": 300,
    "nghệ nhân ưu tú": 150,
    "nghệ sĩ ưu tú": 100,
    "anh hùng lao động": 40,
    "bà mẹ việt nam anh hùng": 3000,
    "mẹ việt nam anh hùng": 3000,
    "chiến sĩ thi đua toàn quốc": 200,
}


def parse_count(surface: str) -> tuple[int | None, str]:
    s = surface.strip()
    first, _, unit = s.partition(" ")
    if unit.startswith("lượt "):
        unit = unit[len("lượt ") :]
    f = first.lower()
    if f in NUMBER_WORDS:
        return NUMBER_WORDS.index(f) + 1, unit
    if re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", first):
        return int(first.replace(".", "")), unit
    return None, unit


def unit_kind(unit: str) -> str | None:
    if unit in COLLECTIVE_UNITS:
        return "collective"
    if unit == "tập thể, cá nhân":
        return "mixed"
    if unit == "hộ gia đình":
        return "household"
    if unit in INDIVIDUAL_UNITS:
        return "individual"
    if unit in OTHER_COLLECTIVES:
        return "other_collective"
    if unit == "":
        return "holders"
    return None


def _sector_ok(a: str | None, b: str | None) -> bool:
    """Sectors agree (None and civil agree with anything; 'armed' covers police and military)."""
    if not a or not b or a == "civil" or b == "civil" or a == b:
        return True
    return {a, b} <= {"armed", "police", "military"} and "armed" in (a, b)


def implausible(record: dict) -> list[str]:
    """Why a generated record states something that cannot be true (empty list when plausible).

    ``record`` is a generated doc (``{"doc", "template", "items": [...]}``) or one item
    (``{"text", "ents", "events", "person_positions"}``). Checks: award known and its class
    allowed; giver able to confer or present it (own office, or `thừa ủy quyền` of the conferring
    office); collective-only / individual-only awards and their recipients; sector of recipients;
    realistic counts; ranks only with a matching police or army office; honorifics agreeing with
    the name's gender; offices one person can hold together; provinces vs cities.
    """
    if "items" in record:
        return [p for item in record["items"] for p in implausible({**item, "template": record.get("template")})]
    problems: list[str] = []
    text = record["text"]
    context = (
        "yearly"
        if record.get("template") in YEARLY_TEMPLATES
        else "cumulative"
        if record.get("template") in CUMULATIVE_TEMPLATES
        else "ceremony"
    )
    ents = record.get("ents", [])
    links = {link["person"]: link["positions"] for link in record.get("person_positions", [])}
    offices = {s: classify_office(s) for s, lab in ents if lab == "POSITION"}
    for s, info in offices.items():
        if info is None:
            problems.append(f"unknown office {s!r}")
    if re.search(r"\b(tỉnh|Tỉnh ủy) (Hải Phòng|Đà Nẵng|Cần Thơ|Huế|Hà Nội|TP\.HCM)\b", text):
        problems.append("a city called a province")
    # --- people: gender, rank, offices held together
    for name, lab in ents:
        if lab != "PERSON":
            continue
        before = text[: text.find(name)].rstrip()
        gender = gender_of(name)
        m = re.search(r"(\S+(?: giáo)?)$", before)
        word = m.group(1).lower() if m else ""
        hon_g = HONORIFIC_GENDER.get(word) or HONORIFIC_GENDER.get(word.split()[-1] if word else "")
        if hon_g and gender and hon_g != gender:
            problems.append(f"honorific {word!r} before {name!r} ({gender})")
        poss = [offices.get(p) for p in links.get(name, [])]
        if word.startswith(("thầy", "cô")) and not any(p and p["sector"] == "education" for p in poss):
            problems.append(f"{word!r} before {name!r}, who is not in education")
        rank = next((r for r in RANKS if before.endswith(r)), None)
        if rank:
            ok = any(
                p and any(re.match(pat, p["surface"]) and rank in allowed for pat, allowed in RANK_RULES) for p in poss
            )
            if not ok:
                problems.append(f"rank {rank!r} does not fit the office of {name!r}: {links.get(name)}")
        known = [p for p in poss if p]
        non_party = [p for p in known if p["party"] is None]
        if len(non_party) > 1:
            problems.append(f"{name!r} holds two executive offices: {[p['surface'] for p in non_party]}")
        bodies = [p["party"] for p in known if p["party"]]
        if len(bodies) != len(set(bodies)):
            problems.append(f"{name!r} holds two posts in one party body")
        scopes = {p["scope"] for p in known} - {"any"}
        if len(scopes) > 1:
            problems.append(f"{name!r} holds offices at different levels: {sorted(scopes)}")
    # --- awards
    for ev in record.get("events", []):
        aw = ev["award"]
        info = classify_award(aw)
        if info is None:
            problems.append(f"unknown award {aw!r}")
            continue
        after = text[text.find(aw) + len(aw) :]
        if info.get("has_class") and not info["classed"]:
            problems.append(f"{aw!r} has a class but that award has none")
        if info["classed"] and not info.get("has_class") and not after.startswith(" các hạng"):
            problems.append(f"{aw!r} needs a class")
        # givers
        gpos = [offices.get(g) for g in ev.get("giver_position", [])]
        obo = [offices.get(g) for g in ev.get("on_behalf_of", [])]
        issuer = info["issuer"]
        for g, o in zip(ev.get("giver_position", []), gpos):
            if o and not (o["tier"] in CONFERRERS[issuer] and _org_ok(info, o)):
                problems.append(f"{g!r} cannot confer {aw!r}")
        for o in obo:
            if o and not (o["tier"] in CONFERRERS[issuer] and _org_ok(info, o)):
                problems.append(f"on behalf of {o['surface']!r} for {aw!r}, which that office does not confer")
        for gp in ev.get("giver_person", []):
            poss = [offices.get(p) for p in links.get(gp, [])]
            poss = [p for p in poss if p]
            if not poss:
                problems.append(f"giver {gp!r} has no office")
                continue
            own = any(p["tier"] in PRESENTERS[issuer] and _org_ok(info, p) for p in poss)
            delegated = obo and any(p["tier"] in DELEGATES for p in poss)
            if not (own or delegated):
                problems.append(f"{gp!r} ({[p['surface'] for p in poss]}) cannot present {aw!r}")
            if info["sector"] in ("armed", "police", "military") and delegated and not own:
                if not any(
                    p["sector"] in ("police", "military") or p["tier"] in ("prov_chair", "prov_lead") for p in poss
                ):
                    problems.append(f"{gp!r} hands over an armed-forces order without a fitting office")
        # recipients
        persons = ev.get("recipient_person", [])
        if persons and info["recipients"] == "collective":
            problems.append(f"collective-only {aw!r} to a named person")
        for rp in persons:
            poss = [offices.get(p) for p in links.get(rp, []) if offices.get(p)]
            if info["sector"] and poss and not any(_sector_ok(info["sector"], p["sector"]) for p in poss):
                problems.append(f"{aw!r} to {rp!r}, who is outside its sector")
            if info["sector"] == "mother" and gender_of(rp) == "M":
                problems.append(f"{aw!r} to a man")
        total, cap_total = 0, None
        for q in ev.get("recipient_quantity", []):
            n, unit = parse_count(q)
            kind = unit_kind(unit)
            if n is None or kind is None:
                problems.append(f"cannot read the count {q!r}")
                continue
            total += n
            if info["recipients"] == "collective" and kind != "collective" and not (kind == "holders"):
                problems.append(f"collective-only {aw!r} to {q!r}")
            if info["recipients"] == "individual" and kind not in ("individual", "holders"):
                problems.append(f"individual-only {aw!r} to {q!r}")
            if kind == "household" and info["kind"] not in ("any_bk", "any_gk", "prov_chair", "commune", "dept"):
                problems.append(f"{aw!r} to households")
            if not _sector_ok(info["sector"], UNIT_SECTOR.get(unit)):
                problems.append(f"{aw!r} to {q!r}, outside its sector")
            for o in gpos + [offices.get(p) for gp in ev.get("giver_person", []) for p in links.get(gp, [])]:
                if (
                    o
                    and o["tier"] not in ("prov_chair", "prov_lead", "pm", "president")
                    and not _sector_ok(o["sector"], UNIT_SECTOR.get(unit))
                ):
                    problems.append(f"{o['surface']!r} commends {q!r}, outside its sector")
            limits = (
                YEARLY
                if context == "yearly"
                else (LOCAL if info["kind"] in ("dept", "commune", "any_gk") else CEREMONY)
            )
            if kind == "holders":
                cap = STATE_TITLE_CAPS.get(_norm_award(aw), 60) if context == "cumulative" else 60
            else:
                cap = limits.get(kind, limits["collective"])
            if not 1 <= n <= cap:
                problems.append(f"{q!r}: count out of range (1–{cap}) for a {context}")
        if info["kind"] in ("order",):
            cap_total = 60 if context == "yearly" else (3 if info.get("order") in COLLECTIVE_ORDERS else 10)
        elif info["kind"] == "state_title" and context == "ceremony":
            cap_total = 3 if _norm_award(aw).startswith("anh hùng") else 60
        elif info["issuer"] == "pm" and context == "ceremony":
            cap_total = 10 if info["recipients"] == "collective" else 90
        elif (
            info["recipients"] == "collective"
            and info["kind"] in ("any_co", "prov_chair", "minister")
            and "cờ" in _norm_award(aw)
            and context != "yearly"
        ):
            cap_total = 30
        if cap_total is not None and total > cap_total:
            problems.append(f"{total} recipients of {aw!r} (at most {cap_total})")
    return problems


def _org_ok(info: dict, office: dict) -> bool:
    """The award's issuing organisation (if it names one) is the office's own."""
    if not info.get("org"):
        return True
    if office.get("org") is None:
        return info["kind"] in ("commemorative",) and office["tier"] in ("union_nat",)
    a, b = _norm_award(info["org"]), _norm_award(office["org"])
    return a == b or a.replace("giáo dục và đào tạo", "gd&đt") == b.replace("giáo dục và đào tạo", "gd&đt")


# --------------------------------------------------------------------------- driver

WEIGHTS = {
    "t_active_cho": 3,
    "t_authority": 3,
    "t_passive_office": 2,
    "t_decision": 2,
    "t_attendees": 2,
    "t_statistics": 1,
    "t_colon_list": 2,
    "t_named_recipient": 3,
    "t_title_count": 1,
    "t_title_cumulative": 1,
    "t_title_holder": 1,
    "t_dash_title": 2,
    "t_proposal": 1,
    "t_long_campaign": 1,
    "t_no_entity": 4,
}


def generate(n: int = N_GENERATED, seed: int = SEED) -> dict:
    rng = random.Random(seed)
    names = [name for name in sorted(TEMPLATES) for _ in range(WEIGHTS.get(name, 1))]
    docs, seen = [], set()
    k = 0
    while len(docs) < n:
        name = names[k % len(names)]
        k += 1
        L = locality(rng)
        try:
            text, ents, events, links = TEMPLATES[name](rng, L)
        except Reject:
            continue
        if text in seen:
            continue
        seen.add(text)
        item = {"text": text, "ents": ents}
        if events:
            item["events"] = events
        if links:
            item["person_positions"] = links
        docs.append({"doc": f"gen-{name}-{len(docs):04d}", "source": "generated", "template": name, "items": [item]})
    bad = [(d["doc"], d["items"][0]["text"], implausible(d)) for d in docs if implausible(d)]
    assert not bad, f"{len(bad)} implausible generated records, e.g. {bad[:3]}"
    return {"_about": "generated by data/generate.py; do not edit by hand", "docs": docs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=N_GENERATED, help=f"number of generated docs (default {N_GENERATED})")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="only check the existing file with implausible()")
    args = parser.parse_args(argv)
    if args.check:
        docs = json.loads(OUT.read_text(encoding="utf-8"))["docs"]
        bad = [(d["doc"], implausible(d)) for d in docs if implausible(d)]
        for doc, why in bad:
            print(doc, "; ".join(why))
        print(f"{len(bad)} of {len(docs)} generated records implausible")
        return 1 if bad else 0
    OUT.write_text(json.dumps(generate(args.n, args.seed), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.n} generated records to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
