"""Feature set 2 (issue 9): what each real-page feature does, and that models keep the
feature set they were trained with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thidua_ner.errors import ConfigError, ModelLoadError
from thidua_ner.families.crf.features import (
    V2_EXTRAS,
    FeatureExtractor,
    _abbreviation_classes,
    _is_allcaps,
    sentence_features,
)

REPO = Path(__file__).resolve().parent.parent


def toks(text: str) -> list[str]:
    from thidua_ner.text.tokens import tokenize

    return [t.text for t in tokenize(text)]


def own(feats: list[list[str]], i: int, prefix: str) -> list[str]:
    return [f for f in feats[i] if f.startswith(prefix)]


def _v1_part(feats):
    """Feature set 2 minus its extras (the strings feature set 1 also has)."""
    extra = ("allcaps", "ab=", "ab-1=", "ab1=", "photo", "cd=")
    return [[f for f in fs if not f.startswith(extra)] for fs in feats]


def test_v2_is_v1_plus_extras_on_an_ordinary_sentence():
    tokens = toks("Chủ tịch UBND tỉnh Nguyễn Văn An tặng Huân chương Lao động hạng Ba cho 5 tập thể, 10 cá nhân.")
    v1, v2 = sentence_features(tokens, 1), sentence_features(tokens, 2)
    for a, b in zip(v1, v2):
        assert b[: len(a)] == a or set(a) <= set(b)  # the title-ending lexicon adds g:end marks in the middle
    assert not any("g:end=B" in f for f in v1)
    assert "g:end=B" in v2[tokens.index("tặng")]


def test_allcaps_sentence_looks_like_its_ordinary_casing():
    normal = toks("Chủ tịch UBND tỉnh Nguyễn Văn An trao Bằng khen cho 5 tập thể của TP.HCM")
    caps = [t.upper() for t in normal]
    assert _is_allcaps(caps) and not _is_allcaps(normal)
    f_caps, f_norm = sentence_features(caps, 2), sentence_features(normal, 2)
    assert all("allcaps" in f for f in f_caps) and not any("allcaps" in f for f in f_norm)
    assert _v1_part(f_caps) == _v1_part(f_norm)
    # Feature set 1 sees an ALL-CAPS sentence as one shapeless block
    assert own(sentence_features(caps, 1), 4, "run=") == ["run=O"]
    assert own(f_caps, 4, "run=") == ["run=B3"]


def test_en_and_em_dashes_are_features_of_a_hyphen():
    hyphen = toks("Đồng chí Lê Văn An - Bí thư Chi bộ - Hiệu trưởng Trường THCS Tân Lập")
    for dash in ("–", "—"):
        other = [dash if t == "-" else t for t in hyphen]
        assert sentence_features(other, 2) == sentence_features(hyphen, 2)
        assert sentence_features(other, 1) != sentence_features(hyphen, 1)


@pytest.mark.parametrize("head", ["bằng khen", "giấy khen", "cờ thi đua", "huân chương"])
def test_lower_case_award_heads_are_marked_in_both_sets(head):
    tokens = toks(f"được tặng {head} của UBND tỉnh")
    for version in (1, 2):
        assert "g:award=B" in sentence_features(tokens, version)[2]


@pytest.mark.parametrize(
    "award",
    [
        "bằng lao động sáng tạo",
        "huy hiệu tuổi trẻ sáng tạo",
        "giải thưởng",
        "bằng tổ quốc ghi công",
        "công đoàn cơ sở vững mạnh",
    ],
)
def test_mass_organisation_awards_are_award_heads_in_v2_only(award):
    tokens = toks(f"nhận {award} năm 2024")
    n = len(toks(award))
    v2 = sentence_features(tokens, 2)
    assert "g:award=B" in v2[1]
    assert all("g:award=I" in v2[1 + k] for k in range(1, n))
    if award not in ("huy hiệu tuổi trẻ sáng tạo",):  # "huy hiệu" alone is a v1 head
        v1 = sentence_features(tokens, 1)
        assert not all("g:award=I" in v1[1 + k] for k in range(1, n))


def test_title_ending_words():
    tokens = toks("Chủ tịch UBND tỉnh Lạng Sơn phát biểu và cho biết")
    v2 = sentence_features(tokens, 2)
    at = tokens.index("phát")
    assert "g:end=B" in v2[at] and "g:end=I" in v2[at + 1]
    assert "g1:end=B" in v2[at - 1]  # the last word of the title sees what ends it
    assert "g:end=B" in v2[tokens.index("và")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sở GD&ĐT", ["", "CJ", "J", "CJ"]),
        ("TP.HCM", ["CJ", "J", "CJ"]),
        ("UV.BTV Tỉnh ủy", ["CJ", "J", "CJ", "", ""]),
        ("Ban TĐKT và BV tỉnh", ["", "C", "", "C", ""]),
        ("A. Nguyễn", ["", "", ""]),
    ],
)
def test_abbreviation_shapes(text, expected):
    assert _abbreviation_classes(toks(text)) == expected


def test_abbreviation_features_reach_the_neighbours():
    tokens = toks("12 Sở GD&ĐT")
    feats = sentence_features(tokens, 2)
    assert "ab1=CJ" in feats[1] and "ab=J" in feats[3] and "ab-1=J" in feats[4]


def test_photo_credit_tokens():
    tokens = toks("Trao Bằng khen cho các tập thể (Ảnh: Văn Hùng). Ảnh minh họa: Lê An")
    feats = sentence_features(tokens, 2)
    marked = [t for t, f in zip(tokens, feats) if "photo" in f]
    assert marked == ["Văn", "Hùng", "Lê", "An"]


def test_comma_distance():
    tokens = toks("a b, c d e f g h i j k l m n o")
    assert not [f for fs in sentence_features(tokens, 2) for f in fs if f.startswith("cd=")]  # not in set 2
    feats = FeatureExtractor(2, extras=V2_EXTRAS | {"comma"})(tokens)
    assert own(feats, 0, "cd=") == ["cd=none"] and own(feats, 2, "cd=") == ["cd=none"]
    assert own(feats, 3, "cd=") == ["cd=1"] and own(feats, 7, "cd=") == ["cd=4-6"]
    assert own(feats, len(tokens) - 1, "cd=") == ["cd=11+"]


def test_extras_can_be_picked_and_unknown_ones_refused():
    tokens = toks("Chủ tịch tỉnh, ông A phát biểu")
    none = FeatureExtractor(2, extras=())(tokens)
    assert none == sentence_features(tokens, 1)
    assert FeatureExtractor(2, extras=V2_EXTRAS)(tokens) == sentence_features(tokens, 2)
    with pytest.raises(ValueError, match="nonsense"):
        FeatureExtractor(2, extras={"nonsense"})
    with pytest.raises(ValueError, match="version"):
        FeatureExtractor(7)


def test_model_records_and_keeps_its_feature_set(tmp_path):
    import thidua_ner
    from thidua_ner.families.crf.training import train_crf
    from thidua_ner.formats.corpus import load_corpus, record_tokens_tags

    records = load_corpus(REPO / "data" / "annotations")["train"][:40]
    examples = [([t.text for t in tok], tags) for tok, tags in map(record_tokens_tags, records)]
    for version in (1, 2):
        out = train_crf(examples, tmp_path / f"v{version}", params={"max_iterations": 5}, features=version)
        meta = json.loads((out / "thidua_ner.json").read_text("utf-8"))
        assert meta["features"] == version
        assert thidua_ner.load(out, events=False).tagger.feature_version == version
    # v0.1 has no "features" key: feature set 1
    assert thidua_ner.load(REPO / "tests" / "golden" / "crf-v0.1").tagger.feature_version == 1
    meta_path = tmp_path / "v2" / "thidua_ner.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["features"] = 99
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="99"):
        thidua_ner.load(tmp_path / "v2")


def test_config_key_features():
    from thidua_ner.families.crf.training import CRFConfig

    assert CRFConfig.from_dict({"family": "crf"}).features == 2
    assert CRFConfig.from_dict({"family": "crf", "features": 1}).features == 1
    with pytest.raises(ConfigError, match="features"):
        CRFConfig.from_dict({"family": "crf", "features": 3})
    with pytest.raises(ConfigError):
        CRFConfig.from_dict({"family": "crf", "features": "2"})
    import yaml

    shipped = yaml.safe_load((REPO / "training" / "configs" / "crf.yaml").read_text("utf-8"))
    assert shipped["features"] == 2


def test_v2_model_filter_keeps_tags_and_scores(tmp_path):
    """The tagger's model filter on feature set 2: same tags and marginals as all the strings."""
    import thidua_ner
    from thidua_ner.families.crf.training import train_crf
    from thidua_ner.formats.corpus import load_corpus, record_tokens_tags

    corpus = load_corpus(REPO / "data" / "annotations")
    examples = [([t.text for t in tok], tags) for tok, tags in map(record_tokens_tags, corpus["train"][:80])]
    out = train_crf(examples, tmp_path / "m", params={"max_iterations": 20}, features=2)
    tagger = thidua_ner.load(out, events=False).tagger
    crf = tagger._tagger
    sentences = [[t.text for t in record_tokens_tags(r)[0]] for r in corpus["dev"][:60]]
    sentences.append([t.upper() for t in sentences[0]])  # ALL-CAPS: the truecased view
    for tokens in sentences:
        full = sentence_features(tokens, 2)
        tags = crf.tag(full)
        scores = [crf.marginal(t, i) for i, t in enumerate(tags)]
        assert tagger.tag_with_scores([tokens]) == [(tags, scores)]
