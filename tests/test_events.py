import json

import pytest

from thidua_ner import Entity
from thidua_ner.awards import build_register, to_csv_string
from thidua_ner.events import extract, parse_award, parse_quantity
from thidua_ner.scoring import score_events


@pytest.mark.parametrize(
    "text,count,unit",
    [
        ("06 hộ gia đình", 6, "hộ gia đình"),
        ("2.655 cá nhân", 2655, "cá nhân"),
        ("1,7 ngàn trường hợp", 1700, "trường hợp"),
        ("143 tập thể, cá nhân", 143, "tập thể, cá nhân"),
        ("một tập thể", 1, "tập thể"),
        ("hai nhà giáo", 2, "nhà giáo"),
        ("mười lăm cá nhân", 15, "cá nhân"),
        ("hai mươi mốt tập thể", 21, "tập thể"),
        ("16", 16, None),
        ("1.234.567 lượt người", 1234567, "lượt người"),
    ],
)
def test_parse_quantity(text, count, unit):
    assert parse_quantity(text) == (count, unit)


@pytest.mark.parametrize(
    "text,type_,cls,issuer",
    [
        ("Huân chương Lao động hạng Ba", "Huân chương", "Ba", None),
        ("huân chương lao động hạng III", "Huân chương", "Ba", None),
        ("Huân chương Bảo vệ Tổ quốc hạng 2", "Huân chương", "Nhì", None),
        ("Huân chương Lao động hạng Nhất, Nhì, Ba", "Huân chương", "Nhất, Nhì, Ba", None),
        ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen", None, "Thủ tướng Chính phủ"),
        ("Bằng khen Thủ tướng Chính phủ", "Bằng khen", None, "Thủ tướng Chính phủ"),
        ("Cờ thi đua của Uỷ ban nhân dân tỉnh", "Cờ thi đua", None, "Ủy ban nhân dân tỉnh"),
        ("Nhà giáo ưu tú", "danh hiệu", None, None),
        ("Kỷ niệm chương", "Kỷ niệm chương", None, None),
    ],
)
def test_parse_award(text, type_, cls, issuer):
    info = parse_award(text)
    assert (info.type, info.award_class, info.issuer) == (type_, cls, issuer)


def test_award_normalisation_unifies_spellings():
    assert (
        parse_award("Huân chương Lao động hạng ba").normalised
        == parse_award("Huân chương Lao động  hạng Ba").normalised
    )


def _ents(text, *pairs):
    out, cursor = [], 0
    for surface, label in pairs:
        start = text.index(surface, cursor)
        out.append(Entity(start, start + len(surface), label, surface))
        cursor = start + len(surface)
    return out


def _roles(doc, i=0):
    ev = doc.events[i]
    return {
        role: [e.text for e in getattr(ev, role)]
        for role in (
            "giver_person",
            "giver_position",
            "on_behalf_of",
            "recipient_quantity",
            "recipient_person",
            "campaign",
        )
        if getattr(ev, role)
    }


def test_active_grant_with_authority_and_shared_subject():
    text = (
        "Thừa uỷ quyền của Chủ tịch nước, đồng chí Hà Văn Lực, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì "
        "cho 4 cá nhân; trao Huân chương Lao động hạng Ba cho 2 tập thể và 7 cá nhân."
    )
    ents = _ents(
        text,
        ("Chủ tịch nước", "POSITION"),
        ("Hà Văn Lực", "PERSON"),
        ("Bí thư Tỉnh ủy", "POSITION"),
        ("Huân chương Lao động hạng Nhì", "AWARD"),
        ("4 cá nhân", "QUANTITY"),
        ("Huân chương Lao động hạng Ba", "AWARD"),
        ("2 tập thể", "QUANTITY"),
        ("7 cá nhân", "QUANTITY"),
    )
    doc = extract(text, ents)
    assert len(doc.events) == 2
    assert _roles(doc, 0) == {
        "giver_person": ["Hà Văn Lực"],
        "on_behalf_of": ["Chủ tịch nước"],
        "recipient_quantity": ["4 cá nhân"],
    }
    assert _roles(doc, 1) == {
        "giver_person": ["Hà Văn Lực"],
        "on_behalf_of": ["Chủ tịch nước"],
        "recipient_quantity": ["2 tập thể", "7 cá nhân"],
    }
    assert [(p.person.text, p.position.text) for p in doc.person_positions] == [("Hà Văn Lực", "Bí thư Tỉnh ủy")]


def test_passive_grant_with_office_giver_and_campaign():
    text = (
        "Dịp này, 25 tập thể, cá nhân được Thủ tướng Chính phủ tặng Bằng khen vì thành tích xuất sắc trong "
        "phong trào thi đua “Chung sức xây dựng nông thôn mới”."
    )
    ents = _ents(
        text,
        ("25 tập thể, cá nhân", "QUANTITY"),
        ("Thủ tướng Chính phủ", "POSITION"),
        ("Bằng khen", "AWARD"),
        ("Chung sức xây dựng nông thôn mới", "CAMPAIGN"),
    )
    doc = extract(text, ents)
    assert _roles(doc) == {
        "giver_position": ["Thủ tướng Chính phủ"],
        "recipient_quantity": ["25 tập thể, cá nhân"],
        "campaign": ["Chung sức xây dựng nông thôn mới"],
    }


def test_coordinated_awards_share_recipients_and_named_recipient():
    text = "Bộ trưởng Bộ Công an trao Huân chương Chiến công hạng Ba và Bằng khen cho Thượng tá Lò Văn Piệng."
    ents = _ents(
        text,
        ("Bộ trưởng Bộ Công an", "POSITION"),
        ("Huân chương Chiến công hạng Ba", "AWARD"),
        ("Bằng khen", "AWARD"),
        ("Lò Văn Piệng", "PERSON"),
    )
    doc = extract(text, ents)
    for i in (0, 1):
        assert _roles(doc, i) == {"giver_position": ["Bộ trưởng Bộ Công an"], "recipient_person": ["Lò Văn Piệng"]}


def test_receiving_and_do_giver():
    text = "Xã Tả Van vinh dự đón nhận Huân chương Lao động hạng Ba do Chủ tịch nước trao tặng."
    ents = _ents(text, ("Huân chương Lao động hạng Ba", "AWARD"), ("Chủ tịch nước", "POSITION"))
    assert _roles(extract(text, ents)) == {"giver_position": ["Chủ tịch nước"]}


def test_links_apposition_dash_and_former():
    text = (
        "Dự lễ có đồng chí Vàng Seo Dình, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện; ông Mai Xuân Hòa - Giám đốc Sở Nội vụ "
        "và bà Đinh Thị Ngọc, nguyên Chủ tịch HĐND tỉnh."
    )
    ents = _ents(
        text,
        ("Vàng Seo Dình", "PERSON"),
        ("Phó Bí thư Huyện ủy", "POSITION"),
        ("Chủ tịch UBND huyện", "POSITION"),
        ("Mai Xuân Hòa", "PERSON"),
        ("Giám đốc Sở Nội vụ", "POSITION"),
        ("Đinh Thị Ngọc", "PERSON"),
        ("Chủ tịch HĐND tỉnh", "POSITION"),
    )
    pairs = {(p.person.text, p.position.text) for p in extract(text, ents).person_positions}
    assert pairs == {
        ("Vàng Seo Dình", "Phó Bí thư Huyện ủy"),
        ("Vàng Seo Dình", "Chủ tịch UBND huyện"),
        ("Mai Xuân Hòa", "Giám đốc Sở Nội vụ"),
        ("Đinh Thị Ngọc", "Chủ tịch HĐND tỉnh"),
    }


def test_every_award_anchors_one_event_even_alone():
    text = "Danh hiệu Nghệ nhân ưu tú là niềm tự hào của làng nghề."
    doc = extract(text, _ents(text, ("Nghệ nhân ưu tú", "AWARD")))
    assert len(doc.events) == 1 and _roles(doc) == {}


def test_events_on_seed_gold_entities(shared_dir):
    gold = [json.loads(line) for line in open(shared_dir / "eval" / "seeds_gold.jsonl", encoding="utf-8")]
    events = [json.loads(line) for line in open(shared_dir / "eval" / "seeds_events.jsonl", encoding="utf-8")]
    docs = [extract(g["text"], g["spans"], sentences=[(0, len(g["text"]))]) for g in gold]
    scores = score_events(events, docs)
    assert scores["all_roles"]["f1"] >= 0.85
    assert scores["links"]["f1"] >= 0.85


def test_register_aggregates_counts_with_sources(nlp):
    texts = [
        "Chủ tịch UBND tỉnh trao Bằng khen cho 12 tập thể và 30 cá nhân.",
        "Đồng chí Trần Minh Đức trao Bằng khen cho 8 tập thể.",
    ]
    docs = [(f"doc{i}", nlp(t)) for i, t in enumerate(texts)]
    rows = build_register(docs)
    by_unit = {(r.award, r.recipient_unit): r for r in rows}
    assert by_unit[("Bằng khen", "tập thể")].total_count == 20
    assert by_unit[("Bằng khen", "cá nhân")].total_count == 30
    assert len(by_unit[("Bằng khen", "tập thể")].sources) == 2
    csv_text = to_csv_string(rows)
    assert csv_text.splitlines()[0].startswith("award,award_type")
