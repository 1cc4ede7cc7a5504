"""The optimised CRF features are exactly the reference features (issue 13): same strings,
same order, on every sentence of the corpus, as training and as the pipeline tokenise it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from thidua_ner.document import Document
from thidua_ner.families.crf.features import sentence_features
from thidua_ner.formats.corpus import load_corpus, record_tokens_tags

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crf_reference_features import Gazetteer as ReferenceGazetteer  # noqa: E402
from crf_reference_features import sentence_features_reference  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus_sentences() -> list[list[str]]:
    corpus = load_corpus(REPO / "data" / "annotations")
    assert set(corpus) >= {"train", "dev", "test"}
    out = []
    for records in corpus.values():
        for record in records:
            out.append([t.text for t in record_tokens_tags(record)[0]])
            for sentence in Document.from_text(record.text).sentences:
                out.append([t.text for t in sentence.tokens])
    return out


def test_features_identical_to_reference_on_the_whole_corpus(corpus_sentences):
    assert len(corpus_sentences) > 6000
    diffs = [
        i for i, toks in enumerate(corpus_sentences) if sentence_features(toks) != sentence_features_reference(toks)
    ]
    assert not diffs, f"{len(diffs)} sentences differ, first: {corpus_sentences[diffs[0]]}"


EDGE_CASES = [
    [],
    ["A"],
    ["Bằng", "khen"],
    [",", "Chủ"],
    ["“", "Dân", "vận", "khéo", "”", '"', "x", '"', '"'],
    ["Chủ", "tịch", "tỉnh", "ủy", "viên", "Huân", "chương", "Lao", "động", "hạng", "Ba"],
    ["phong", "trào"] + ["x"] * 14 + [",", "y", "z"],
    ["TP", ".", "HCM", "GD", "&", "ĐT", "2.655", "51,7", "12", "123", "x1", "Ê", "ĐT"],
    ["tập", "thể", ",", "cá", "nhân", "tập", "thể", "nguyễn", "văn", "a"],
]


@pytest.mark.parametrize("tokens", EDGE_CASES)
def test_features_identical_to_reference_on_edge_cases(tokens):
    assert sentence_features(tokens) == sentence_features_reference(tokens)
    assert sentence_features(tokens) == sentence_features_reference(tokens)  # with warm caches


def test_one_pass_gazetteer_marks_like_the_per_list_scan(corpus_sentences):
    from thidua_ner.text.lexicon import Gazetteer

    new, old = Gazetteer(), ReferenceGazetteer()
    for toks in corpus_sentences[:3000]:
        lowered = [t.lower() for t in toks]
        assert new.mark(lowered) == old.mark(lowered)


def test_features_are_fresh_lists():
    tokens = ["Bằng", "khen", "của", "Thủ", "tướng"]
    first = sentence_features(tokens)
    first[0].append("extra")
    assert "extra" not in sentence_features(tokens)[0]


def test_random_sentences_identical_to_reference(corpus_sentences):
    """Seeded random token soups: long head distances, stretches past 11, quotes, breakers."""
    import random

    rng = random.Random(13)
    vocab = sorted({t for toks in corpus_sentences[:2000] for t in toks})
    vocab += [
        ",",
        ".",
        ";",
        "(",
        ")",
        "“",
        "”",
        '"',
        "«",
        "»",
        "‘",
        "’",
        "Bằng",
        "khen",
        "phong",
        "trào",
        "Chủ",
        "tịch",
    ]
    for _ in range(1500):
        tokens = [rng.choice(vocab) for _ in range(rng.randint(1, 60))]
        assert sentence_features(tokens) == sentence_features_reference(tokens), tokens


def test_model_filter_keeps_tags_and_scores_bit_identical(corpus_sentences):
    """The tagger leaves out features the model has no weight for; crfsuite ignores them
    anyway, so tags and marginals are the same floats."""
    import pycrfsuite

    from thidua_ner.families.crf.features import FeatureExtractor
    from thidua_ner.families.crf.tagger import model_attributes

    tagger = pycrfsuite.Tagger()
    tagger.open(str(REPO / "tests" / "golden" / "crf-v0.1" / "model.crfsuite"))
    known = model_attributes(tagger)
    assert known is not None and len(known) > 1000
    filtered = FeatureExtractor(1, known=known)
    dropped = 0
    for toks in corpus_sentences[::3]:
        if not toks:
            continue
        full, kept = sentence_features(toks), filtered(toks)
        assert kept == [[f for f in fs if f in known] for fs in full]
        dropped += sum(map(len, full)) - sum(map(len, kept))
        tags = tagger.tag(full)
        scores = [tagger.marginal(t, i) for i, t in enumerate(tags)]
        assert tagger.tag(kept) == tags
        assert [tagger.marginal(t, i) for i, t in enumerate(tags)] == scores
    assert dropped > 0


@pytest.mark.parametrize("version", [1, 2])
def test_the_taggers_extractor_gives_the_models_strings_as_bytes(corpus_sentences, version):
    """The tagger's extractor (issue 13: n-grams looked up by word tuple, strings as UTF-8 bytes) gives
    exactly the plain extractor's strings that the model knows, in order; also on token soups with
    ``|`` inside tokens and quotes, where a tuple lookup could go wrong."""
    import random

    import pycrfsuite

    from thidua_ner.catalog import BUILTIN, MODELS_DIR
    from thidua_ner.families.crf.features import FeatureExtractor
    from thidua_ner.families.crf.tagger import model_attributes

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODELS_DIR / BUILTIN["crf"] / "model.crfsuite"))
    model_known = model_attributes(tagger)
    plain, fast = FeatureExtractor(version), FeatureExtractor(version, known=model_known, encoded=True)
    known = set(model_known)
    rng = random.Random(5)
    vocab = sorted({t for toks in corpus_sentences[:500] for t in toks}) + ["|", "a|b", "||", "“", '"']
    soups = [[rng.choice(vocab) for _ in range(rng.randint(1, 30))] for _ in range(500)]
    # n-grams of the soups' own words join the model's set, so the soups hit the table too
    for soup in soups[:250]:
        low = [t.lower() for t in soup]
        known |= {f"bi-={a}|{b}" for a, b in zip(low, low[1:])} | {
            f"tri+={a}|{b}|{c}" for a, b, c in zip(low, low[1:], low[2:])
        }
    fast_soup = FeatureExtractor(version, known=frozenset(known), encoded=True)
    everything = FeatureExtractor(version, encoded=True)  # a model whose attributes cannot be read
    for toks in corpus_sentences[::4]:
        assert fast(toks) == [[f.encode() for f in fs if f in model_known] for fs in plain(toks)]
        assert everything(toks) == [[f.encode() for f in fs] for fs in plain(toks)]
    for soup in soups:
        assert fast_soup(soup) == [[f.encode() for f in fs if f in known] for fs in plain(soup)], soup
