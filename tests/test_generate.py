"""The template generator: deterministic, and its plausibility checker catches what it should."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("thidua_generate", REPO / "data" / "generate.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = gen  # dataclasses look their module up
_spec.loader.exec_module(gen)


def _item(text, ents, events=(), links=()):
    return {"text": text, "ents": [list(e) for e in ents], "events": list(events), "person_positions": list(links)}


def test_shipped_file_is_what_the_generator_writes():
    shipped = json.loads((REPO / "data" / "source" / "generated.json").read_text(encoding="utf-8"))
    assert len(shipped["docs"]) == gen.N_GENERATED
    assert shipped == gen.generate(gen.N_GENERATED, gen.SEED)


def test_deterministic_for_a_seed_and_different_across_seeds():
    a, b, c = gen.generate(40, 3), gen.generate(40, 3), gen.generate(40, 4)
    assert a == b
    assert a != c


def test_generated_records_are_plausible_for_other_seeds():
    for seed in (1, 2, 5):
        docs = gen.generate(200, seed)["docs"]  # generate() itself asserts; this checks again
        assert not [d for d in docs if gen.implausible(d)]


@pytest.mark.parametrize(
    "item, why",
    [
        (
            _item(
                "Thủ tướng Chính phủ ký quyết định tặng Giấy khen cho 5 tập thể.",
                [("Thủ tướng Chính phủ", "POSITION"), ("Giấy khen", "AWARD"), ("5 tập thể", "QUANTITY")],
                [
                    {
                        "award": "Giấy khen",
                        "giver_position": ["Thủ tướng Chính phủ"],
                        "recipient_quantity": ["5 tập thể"],
                    }
                ],
            ),
            "cannot confer",
        ),
        (
            _item(
                "Trao Cờ thi đua của UBND tỉnh cho ông Trần Văn Nam, Chủ tịch UBND xã Tân Lập.",
                [
                    ("Cờ thi đua của UBND tỉnh", "AWARD"),
                    ("Trần Văn Nam", "PERSON"),
                    ("Chủ tịch UBND xã Tân Lập", "POSITION"),
                ],
                [{"award": "Cờ thi đua của UBND tỉnh", "recipient_person": ["Trần Văn Nam"]}],
                [{"person": "Trần Văn Nam", "positions": ["Chủ tịch UBND xã Tân Lập"]}],
            ),
            "collective-only",
        ),
        (
            _item(
                "Tỉnh đón nhận Huân chương Sao vàng hạng Nhất.",
                [("Huân chương Sao vàng hạng Nhất", "AWARD")],
                [{"award": "Huân chương Sao vàng hạng Nhất"}],
            ),
            "has a class",
        ),
        (_item("Ông Nguyễn Thị Lan phát biểu.", [("Nguyễn Thị Lan", "PERSON")]), "honorific"),
        (
            _item(
                "Đại tá Lê Văn Hùng, Giám đốc Sở Y tế phát biểu.",
                [("Lê Văn Hùng", "PERSON"), ("Giám đốc Sở Y tế", "POSITION")],
                links=[{"person": "Lê Văn Hùng", "positions": ["Giám đốc Sở Y tế"]}],
            ),
            "rank",
        ),
        (
            _item(
                "Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba cho 45 cá nhân.",
                [("Chủ tịch nước", "POSITION"), ("Huân chương Lao động hạng Ba", "AWARD"), ("45 cá nhân", "QUANTITY")],
                [
                    {
                        "award": "Huân chương Lao động hạng Ba",
                        "giver_position": ["Chủ tịch nước"],
                        "recipient_quantity": ["45 cá nhân"],
                    }
                ],
            ),
            "at most 10",
        ),
        (
            _item(
                "Đồng chí Lê Văn Hùng, Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Ba cho 2 tập thể.",
                [
                    ("Lê Văn Hùng", "PERSON"),
                    ("Chủ tịch UBND tỉnh", "POSITION"),
                    ("Huân chương Lao động hạng Ba", "AWARD"),
                    ("2 tập thể", "QUANTITY"),
                ],
                [
                    {
                        "award": "Huân chương Lao động hạng Ba",
                        "giver_person": ["Lê Văn Hùng"],
                        "recipient_quantity": ["2 tập thể"],
                    }
                ],
                [{"person": "Lê Văn Hùng", "positions": ["Chủ tịch UBND tỉnh"]}],
            ),
            "cannot present",
        ),
        (
            _item(
                "Chủ tịch UBND tỉnh tặng Bằng khen cho 900 tập thể.",
                [("Chủ tịch UBND tỉnh", "POSITION"), ("Bằng khen", "AWARD"), ("900 tập thể", "QUANTITY")],
                [
                    {
                        "award": "Bằng khen",
                        "giver_position": ["Chủ tịch UBND tỉnh"],
                        "recipient_quantity": ["900 tập thể"],
                    }
                ],
            ),
            "out of range",
        ),
    ],
)
def test_implausible_catches(item, why):
    problems = gen.implausible(item)
    assert any(why in p for p in problems), problems


def test_a_plausible_sentence_passes():
    item = _item(
        "Thừa ủy quyền của Chủ tịch nước, đồng chí Lê Văn Hùng, Phó Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Ba cho 2 tập thể.",
        [
            ("Chủ tịch nước", "POSITION"),
            ("Lê Văn Hùng", "PERSON"),
            ("Phó Chủ tịch UBND tỉnh", "POSITION"),
            ("Huân chương Lao động hạng Ba", "AWARD"),
            ("2 tập thể", "QUANTITY"),
        ],
        [
            {
                "award": "Huân chương Lao động hạng Ba",
                "giver_person": ["Lê Văn Hùng"],
                "on_behalf_of": ["Chủ tịch nước"],
                "recipient_quantity": ["2 tập thể"],
            }
        ],
        [{"person": "Lê Văn Hùng", "positions": ["Phó Chủ tịch UBND tỉnh"]}],
    )
    assert gen.implausible(item) == []
