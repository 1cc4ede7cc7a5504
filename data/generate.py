"""Template generator: adds "generated" records to the corpus (data/source/generated.json).

Written sentences carry the corpus; this adds breadth of names, offices, places,
awards and number formats the writers could not cover. Every record names its
template; the build puts all generated records in the train split, so no template
reaches dev or test. Deterministic for a seed:

    python data/generate.py --n 1300 --seed 13
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "source" / "generated.json"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Đào", "Lương", "Trịnh", "Mai", "Tô", "Hà", "Quách", "Cao", "Chu", "Tạ", "Kiều",
            "Lưu", "Khúc", "Doãn", "Vi", "Nông", "Triệu", "Lục", "Thân", "Giáp", "Lại", "Tăng", "Phùng", "Nghiêm"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Xuân", "Thu", "Hồng", "Anh", "Bá", "Công",
           "Đình", "Kim", "Mạnh", "Phương", "Thành", "Tiến", "Trọng", "Việt", "Hải", "Diệu", "Bích"]
GIVEN = ["Hùng", "Dũng", "Lan", "Hương", "Nam", "Tuấn", "Hà", "Long", "Phúc", "Thắng", "Hạnh", "Yến", "Sơn", "Bình",
         "Khánh", "Trang", "Quân", "Hiếu", "Toàn", "Nga", "Thảo", "Hòa", "Huy", "Cường", "Đạt", "Linh", "Vinh",
         "Tâm", "Chiến", "Thủy", "Loan", "Kiên", "Hưng", "Mai", "Ngân", "Duy", "Trung", "Hoa", "Phong", "Tùng"]
MINORITY = ["Giàng A Pháo", "Sùng Seo Chứ", "Lò Văn Hặc", "Ma Thị Thoa", "Hầu A Chu", "Vàng Thị Dợ", "Thào Mí Lử",
            "Tráng A Dơ", "Lầu Seo Sử", "Lường Văn Pọm", "Quàng Thị Ơn", "Y Khoa Niê", "Ksor Nhuông", "Rơ Châm Blin",
            "Điểu Sinh", "Thạch Sô Phanh", "Danh Út", "Sơn Thị Mỹ", "Chảo Láo Lở", "Phàn Văn Tả", "Bế Thị Hằng"]
PROVINCES = ["Lào Cai", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị",
             "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Đồng Tháp",
             "Vĩnh Long", "An Giang", "Cà Mau", "Lạng Sơn", "Cao Bằng", "Điện Biên", "Lai Châu", "Sơn La", "Nghệ An",
             "Hà Tĩnh", "Thanh Hóa", "Quảng Ninh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"]
COMMUNES = ["xã Tân Lập", "xã Phú Xuân", "phường Hòa Bình", "xã Thanh Sơn", "phường Bến Thành", "xã Ea Tu",
            "xã Mường Khoa", "phường Quang Trung", "xã Tam Đa", "xã Hợp Thành", "phường Ninh Kiều", "xã Đông Hưng"]
DEPARTMENTS = ["Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương",
               "Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
               "Sở Tư pháp", "Ban Thi đua - Khen thưởng"]
MINISTRIES = ["Bộ Nội vụ", "Bộ Công an", "Bộ Quốc phòng", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Tài chính",
              "Bộ Công Thương", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Xây dựng", "Bộ Nông nghiệp và Môi trường"]


def person(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(MINORITY)
    parts = [rng.choice(SURNAMES)]
    parts += rng.sample(MIDDLES, rng.choice([1, 1, 1, 2]))
    parts.append(rng.choice(GIVEN))
    return " ".join(parts)


def position(rng: random.Random, p: str) -> str:
    head = rng.choice([
        f"Chủ tịch UBND tỉnh {p}", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Thường trực UBND tỉnh",
        "Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy", f"Bí thư Tỉnh ủy {p}",
        "Chủ tịch HĐND tỉnh", "Phó Chủ tịch HĐND tỉnh", "Trưởng đoàn ĐBQH tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy",
        "Ủy viên Trung ương Đảng", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", f"Giám đốc {rng.choice(DEPARTMENTS)}",
        f"Phó Giám đốc {rng.choice(DEPARTMENTS)}", f"Bộ trưởng {rng.choice(MINISTRIES)}", f"Thứ trưởng {rng.choice(MINISTRIES)}",
        f"Chủ tịch UBND {rng.choice(COMMUNES)}", f"Bí thư Đảng ủy {rng.choice(COMMUNES)}", "Giám đốc Công an tỉnh",
        "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy", "Chủ tịch Liên đoàn Lao động tỉnh",
        f"Hiệu trưởng Trường THPT {rng.choice(GIVEN)} {rng.choice(GIVEN)}", "Giám đốc Bệnh viện Đa khoa tỉnh",
        "Chủ tịch Hội Nông dân tỉnh", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", "Bí thư Tỉnh đoàn", "Phó Thủ tướng Chính phủ",
        "Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh", "Trưởng Ban Thi đua - Khen thưởng tỉnh",
    ])
    return head


def award(rng: random.Random, for_person: bool = False) -> str:
    order = rng.choice(["Lao động", "Lao động", "Bảo vệ Tổ quốc", "Chiến công", "Độc lập", "Đại đoàn kết dân tộc",
                        "Dũng cảm", "Hữu nghị", "Quân công"])
    cls = rng.choice(["hạng Nhất", "hạng Nhì", "hạng Ba", "hạng ba", "hạng nhì", "hạng I", "hạng II", "hạng III", "hạng 3"])
    common = [
        f"Huân chương {order} {cls}", f"Huân chương {order} {cls}", "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của UBND tỉnh", f"Bằng khen của Bộ trưởng {rng.choice(MINISTRIES)}",
        "Bằng khen", "Giấy khen", "bằng khen của Thủ tướng Chính phủ", "Bằng khen đột xuất của Chủ tịch UBND tỉnh",
        "Bằng khen chuyên đề", "Huân chương Lao động hạng Nhì và hạng Ba", "Giấy khen của Chủ tịch UBND xã",
    ]
    if for_person:
        return rng.choice(common + [
            "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Chiến sĩ thi đua toàn quốc",
            "Kỷ niệm chương Vì sự nghiệp thi đua - khen thưởng", "Huy hiệu 40 năm tuổi Đảng", "Huy hiệu 50 năm tuổi Đảng",
            "Huy chương Vì an ninh Tổ quốc", "Huy chương Chiến sĩ vẻ vang hạng Ba",
        ])
    return rng.choice(common + [
        "Cờ thi đua của Chính phủ", "Cờ thi đua của UBND tỉnh", "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
        "Tập thể lao động xuất sắc", "Cờ thi đua cấp tỉnh",
    ])


def number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 999), rng.randint(1000, 4999)])
    if n < 10 and rng.random() < 0.4:
        return f"0{n}"
    if n >= 1000:
        return f"{n:,}".replace(",", ".")
    return str(n)


def quantity(rng: random.Random) -> str:
    noun = rng.choice(["tập thể", "cá nhân", "tập thể", "cá nhân", "hộ gia đình", "tập thể, cá nhân", "đơn vị",
                       "điển hình tiên tiến", "cán bộ, chiến sĩ", "giáo viên", "hội viên", "doanh nghiệp"])
    return f"{number(rng)} {noun}"


def campaign(rng: random.Random, p: str) -> tuple[str, str, str]:
    """(text before, campaign span, text after)."""
    year = rng.randint(2019, 2025)
    quoted = rng.choice(["Chung sức xây dựng nông thôn mới", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                         "Toàn dân bảo vệ an ninh Tổ quốc", "Lao động giỏi, lao động sáng tạo", "Dạy tốt - Học tốt",
                         "Doanh nghiệp Việt Nam hội nhập và phát triển", "Xanh - Sạch - Đẹp", "Tuổi trẻ sáng tạo",
                         f"{p} chung sức xây dựng nông thôn mới", "Đổi mới, sáng tạo trong dạy và học",
                         "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Vì an ninh Tổ quốc"])
    q1, q2 = rng.choice([("“", "”"), ("“", "”"), ('"', '"')])
    return rng.choice([
        (f"phong trào thi đua {q1}", quoted, q2),
        (f"phong trào {q1}", quoted, q2),
        ("", f"phong trào thi đua yêu nước năm {year}", ""),
        ("", f"phong trào thi đua yêu nước giai đoạn {year - 5} - {year}", ""),
        ("", f"phong trào thi đua năm {year}", ""),
        ("", f"đợt thi đua cao điểm chào mừng Đại hội Đảng bộ tỉnh {p}", ""),
        (f"cuộc vận động {q1}", quoted, q2),
    ])


TEMPLATES = {}


def template(fn):
    TEMPLATES[fn.__name__] = fn
    return fn


def _ev(award_s, **roles):
    return {"award": award_s, **{k: v for k, v in roles.items() if v}}


@template
def t_active_cho(rng, p):
    per, pos, aw, q1 = person(rng), position(rng, p), award(rng), quantity(rng)
    hon = rng.choice(["Đồng chí ", "Ông ", "Bà ", "", "Đồng chí "])
    verb = rng.choice(["trao", "trao tặng", "tặng", "trao"])
    text = f"{hon}{pos} {per} {verb} {aw} cho {q1}."
    if rng.random() < 0.3:
        q2 = quantity(rng)
        text = f"{hon}{pos} {per} {verb} {aw} cho {q1} và {q2}."
        return text, [[pos, "POSITION"], [per, "PERSON"], [aw, "AWARD"], [q1, "QUANTITY"], [q2, "QUANTITY"]], \
            [_ev(aw, giver_person=[per], recipient_quantity=[q1, q2])], [{"person": per, "positions": [pos]}]
    return text, [[pos, "POSITION"], [per, "PERSON"], [aw, "AWARD"], [q1, "QUANTITY"]], \
        [_ev(aw, giver_person=[per], recipient_quantity=[q1])], [{"person": per, "positions": [pos]}]


@template
def t_authority(rng, p):
    per, pos, aw, q1 = person(rng), position(rng, p), award(rng), quantity(rng)
    auth = rng.choice(["Chủ tịch nước", "Thủ tướng Chính phủ"])
    lead = rng.choice(["Thừa ủy quyền của", "Thừa uỷ quyền của", "Thay mặt", "Được sự ủy quyền của"])
    where = rng.choice(["", "Tại buổi lễ, ", "Dịp này, ", "Tại hội nghị, "])
    lead_s = lead if not where else lead[0].lower() + lead[1:]
    text = f"{where}{lead_s} {auth}, đồng chí {per}, {pos} đã trao {aw} cho {q1}."
    return text, [[auth, "POSITION"], [per, "PERSON"], [pos, "POSITION"], [aw, "AWARD"], [q1, "QUANTITY"]], \
        [_ev(aw, giver_person=[per], on_behalf_of=[auth], recipient_quantity=[q1])], [{"person": per, "positions": [pos]}]


@template
def t_passive_office(rng, p):
    q1, aw = quantity(rng), award(rng)
    giver = rng.choice(["Chủ tịch UBND tỉnh", "Thủ tướng Chính phủ", "Chủ tịch nước", f"Bộ trưởng {rng.choice(MINISTRIES)}"])
    b, c, a = campaign(rng, p)
    opener = rng.choice(["Dịp này, ", "Nhân dịp này, ", "", "Cũng tại hội nghị, "])
    text = f"{opener}{q1} được {giver} tặng {aw} vì đã có thành tích xuất sắc trong {b}{c}{a}."
    return text, [[q1, "QUANTITY"], [giver, "POSITION"], [aw, "AWARD"], [c, "CAMPAIGN"]], \
        [_ev(aw, giver_position=[giver], recipient_quantity=[q1], campaign=[c])], []


@template
def t_decision(rng, p):
    q1, q2 = quantity(rng), quantity(rng)
    num = f"{rng.randint(100, 3999)}/QĐ-UBND"
    aw = rng.choice(["Bằng khen", "Cờ thi đua", "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen"])
    date = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2025)}"
    giver = rng.choice(["Chủ tịch UBND tỉnh", f"Chủ tịch UBND tỉnh {p}"])
    if rng.random() < 0.5:
        text = f"Ngày {date}, {giver} ban hành Quyết định số {num} tặng {aw} cho {q1}."
        return text, [[giver, "POSITION"], [aw, "AWARD"], [q1, "QUANTITY"]], \
            [_ev(aw, giver_position=[giver], recipient_quantity=[q1])], []
    text = f"Ngày {date}, {giver} ban hành Quyết định số {num} tặng {aw} cho {q1}, {q2}."
    return text, [[giver, "POSITION"], [aw, "AWARD"], [q1, "QUANTITY"], [q2, "QUANTITY"]], \
        [_ev(aw, giver_position=[giver], recipient_quantity=[q1, q2])], []


@template
def t_attendees(rng, p):
    people = [(person(rng), [position(rng, p) for _ in range(rng.choice([1, 2, 3]))]) for _ in range(rng.choice([1, 2, 3]))]
    parts, ents, links, used = [], [], [], set()
    for per, poss in people:
        poss = list(dict.fromkeys(poss))
        poss = [x for x in poss if x not in used]
        used.update(poss)
        parts.append(", ".join([per] + poss))
        ents.append([per, "PERSON"])
        ents.extend([x, "POSITION"] for x in poss)
        if poss:
            links.append({"person": per, "positions": poss})
    lead = rng.choice(["Dự hội nghị có các đồng chí: ", "Tham dự buổi lễ có đồng chí ", "Về dự có các đồng chí "])
    text = lead + "; ".join(parts) + rng.choice(["; lãnh đạo các sở, ban, ngành của tỉnh.", ".", " cùng đông đảo đại biểu."])
    return text, ents, [], links


@template
def t_statistics(rng, p):
    y = rng.randint(2020, 2025)
    aw1, aw2 = "Bằng khen", rng.choice(["Cờ thi đua", "Giấy khen", "danh hiệu Tập thể lao động xuất sắc"])
    q1, q2, q3 = quantity(rng), quantity(rng), quantity(rng)
    money = f"{rng.randint(2, 90)} tỷ đồng"
    if aw2.startswith("danh hiệu"):
        aw2s = "Tập thể lao động xuất sắc"
    else:
        aw2s = aw2
    text = (f"Năm {y}, UBND tỉnh {p} đã tặng {aw1} cho {q1}, {q2}; tặng {aw2} cho {q3}, "
            f"tổng kinh phí khen thưởng hơn {money}.")
    return text, [[aw1, "AWARD"], [q1, "QUANTITY"], [q2, "QUANTITY"], [aw2s, "AWARD"], [q3, "QUANTITY"]], \
        [_ev(aw1, recipient_quantity=[q1, q2]), _ev(aw2s, recipient_quantity=[q3])], []


@template
def t_named_recipient(rng, p):
    rec, pos_r, aw = person(rng), position(rng, p), award(rng, for_person=True)
    hon = rng.choice(["ông", "bà", "đồng chí", "Thượng tá", "Đại úy", "anh", "chị", "cô giáo", "thầy giáo"])
    text = rng.choice([
        f"{hon[0].upper() + hon[1:]} {rec}, {pos_r} vinh dự được tặng {aw}.",
        f"Trao {aw} cho {hon} {rec}, {pos_r}.",
    ])
    if text.startswith("Trao"):
        return text, [[aw, "AWARD"], [rec, "PERSON"], [pos_r, "POSITION"]], \
            [_ev(aw, recipient_person=[rec])], [{"person": rec, "positions": [pos_r]}]
    return text, [[rec, "PERSON"], [pos_r, "POSITION"], [aw, "AWARD"]], \
        [_ev(aw, recipient_person=[rec])], [{"person": rec, "positions": [pos_r]}]


@template
def t_title_count(rng, p):
    n = rng.randint(2, 60)
    title = rng.choice(["Nhà giáo ưu tú", "Thầy thuốc ưu tú", "Nghệ nhân ưu tú", "Nghệ sĩ ưu tú", "Chiến sĩ thi đua toàn quốc",
                        "Bà mẹ Việt Nam anh hùng", "Anh hùng Lao động"])
    text = rng.choice([
        f"Toàn tỉnh có {n} {title} được tôn vinh trong năm qua.",
        f"Đến nay, {p} đã có {n} {title}.",
        f"Nhân dịp này, {n} cá nhân được phong tặng danh hiệu {title}.",
    ])
    if "cá nhân" in text:
        q = f"{n} cá nhân"
        return text, [[q, "QUANTITY"], [title, "AWARD"]], [_ev(title, recipient_quantity=[q])], []
    return text, [[str(n), "QUANTITY"], [title, "AWARD"]], [_ev(title, recipient_quantity=[str(n)])], []


@template
def t_dash_title(rng, p):
    per, pos = person(rng), position(rng, p)
    verb = rng.choice(["phát biểu khai mạc hội nghị", "phát biểu chỉ đạo", "báo cáo kết quả công tác thi đua, khen thưởng",
                       "trao đổi với phóng viên bên lề hội nghị"])
    text = rng.choice([f"Đồng chí {per} - {pos} {verb}", f"{pos} {per} {verb}.", f"Ông {per}, nguyên {pos} {verb}."])
    return text, ([[per, "PERSON"], [pos, "POSITION"]] if not text.startswith(pos) else [[pos, "POSITION"], [per, "PERSON"]]), \
        [], [{"person": per, "positions": [pos]}]


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
def t_long_campaign(rng, p):
    drive = rng.choice(LONG_DRIVES)
    head = rng.choice(["đợt thi đua đặc biệt", "đợt thi đua cao điểm", "Đợt thi đua đặc biệt", "phong trào thi đua",
                       "đợt thi đua"])
    c = f"{head} {drive}"
    q = quantity(rng)
    aw = award(rng)
    shape = rng.randrange(3)
    if shape == 0:
        text = f"Tỉnh {p} tổng kết {c} và khen thưởng {q} có thành tích xuất sắc."
        return text, [[c, "CAMPAIGN"], [q, "QUANTITY"]], [], []
    if shape == 1:
        text = f"UBND tỉnh tặng {aw} cho {q} đã có thành tích xuất sắc trong {c}."
        return text, [[aw, "AWARD"], [q, "QUANTITY"], [c, "CAMPAIGN"]], [_ev(aw, recipient_quantity=[q], campaign=[c])], []
    year = rng.randint(2021, 2025)
    yearly = f"phong trào thi đua yêu nước của tỉnh {p} năm {year}"
    text = f"Kết quả {yearly} là tiền đề để các cấp, các ngành tiếp tục triển khai {c}."
    return text, [[yearly, "CAMPAIGN"], [c, "CAMPAIGN"]], [], []


@template
def t_no_entity(rng, p):
    return rng.choice([
        f"Công tác thi đua, khen thưởng của tỉnh {p} có nhiều chuyển biến tích cực, đi vào thực chất hơn.",
        "Việc bình xét khen thưởng được thực hiện công khai, dân chủ, đúng đối tượng và tiêu chuẩn.",
        f"Năm qua, tăng trưởng kinh tế của tỉnh đạt {rng.randint(5, 11)},{rng.randint(1, 9)}%, thu ngân sách vượt dự toán.",
        "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng trong toàn tỉnh.",
        f"Hội nghị có sự tham dự của {rng.randint(150, 900)} đại biểu đại diện cho các tầng lớp nhân dân.",
        "Các đơn vị cần tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua.",
        f"Buổi lễ được tổ chức trang trọng tại Trung tâm Hội nghị tỉnh {p} vào sáng {rng.randint(1, 28)}/{rng.randint(1, 12)}.",
        f"Tỷ lệ hộ nghèo của {p} giảm còn {rng.randint(1, 9)},{rng.randint(0, 9)}%, thấp hơn mức bình quân cả nước.",
        f"Toàn tỉnh có thêm {rng.randint(3, 40)} xã đạt chuẩn nông thôn mới nâng cao trong năm {rng.randint(2020, 2025)}.",
        "Hồ sơ đề nghị khen thưởng phải được gửi về Sở Nội vụ trước ngày 15 tháng 10 hằng năm.",
        f"Tổng vốn huy động cho chương trình đạt {rng.randint(50, 900)} tỷ đồng, trong đó nhân dân đóng góp hơn {rng.randint(5, 40)}%.",
        "Lãnh đạo tỉnh đề nghị các cấp ủy, chính quyền tiếp tục quan tâm, tạo điều kiện để phong trào lan tỏa sâu rộng.",
        "Những tấm gương điển hình đã góp phần quan trọng vào thắng lợi chung của địa phương.",
        f"Thời gian tới, tỉnh phấn đấu thu hút thêm {rng.randint(2, 30)} dự án đầu tư lớn vào các khu công nghiệp.",
        "Sau phần nghi thức, các đại biểu đã dâng hương tưởng niệm các anh hùng liệt sĩ.",
        f"Chương trình văn nghệ đặc sắc do Nhà hát Ca múa nhạc tỉnh {p} biểu diễn đã để lại nhiều cảm xúc.",
        "Tại các điểm cầu, đại biểu theo dõi hội nghị qua hệ thống truyền hình trực tuyến.",
    ]), [], [], []


def generate(n: int, seed: int) -> dict:
    rng = random.Random(seed)
    # Weighted so generated spans stay a minority of every label (see the datasheet).
    weights = {"t_active_cho": 1, "t_authority": 1, "t_passive_office": 1, "t_decision": 1, "t_attendees": 1,
               "t_statistics": 1, "t_named_recipient": 2, "t_title_count": 1, "t_dash_title": 1, "t_no_entity": 3, "t_long_campaign": 1}
    names = [name for name in sorted(TEMPLATES) for _ in range(weights.get(name, 1))]
    docs, seen = [], set()
    k = 0
    while len(docs) < n:
        name = names[k % len(names)]
        k += 1
        p = rng.choice(PROVINCES)
        text, ents, events, links = TEMPLATES[name](rng, p)
        surfaces = [e[0] for e in ents]
        if text in seen or len(set(surfaces)) != len(surfaces):
            continue  # repeated text, or a surface twice (events would need [surface, k])
        seen.add(text)
        item = {"text": text, "ents": ents}
        if events:
            item["events"] = events
        if links:
            item["person_positions"] = links
        docs.append({"doc": f"gen-{name}-{len(docs):04d}", "source": "generated", "template": name, "items": [item]})
    return {"_about": "generated by data/generate.py; do not edit by hand", "docs": docs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    OUT.write_text(json.dumps(generate(args.n, args.seed), ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"wrote {args.n} generated records to {OUT}")


if __name__ == "__main__":
    main()
