"""The PhoBERT path with the real tokenizer files and a tiny random RoBERTa.

PhoBERT's weights are not available here, so a 2-layer, 64-wide model with PhoBERT's
vocabulary stands in for them: everything else — tokenizer, segmentation, alignment,
windows, Trainer, model directory, loading — is the real code path. Skips cleanly
without ``../shared/phobert-tokenizer`` or without torch/transformers/underthesea.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PHOBERT_DIR = REPO.parent / "shared" / "phobert-tokenizer"

pytestmark = pytest.mark.phobert

if not ((PHOBERT_DIR / "vocab.txt").is_file() and (PHOBERT_DIR / "bpe.codes").is_file()):
    pytest.skip("../shared/phobert-tokenizer is not present", allow_module_level=True)
pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("underthesea")
pytest.importorskip("datasets")

import thidua_ner  # noqa: E402
from thidua_ner.families.transformer.tagger import (  # noqa: E402
    TransformerTagger,
    WordEncoder,
    load_tokenizer,
    word_tags_to_syllables,
)
from thidua_ner.formats.corpus import Record, load_corpus, record_tokens_tags, write_jsonl  # noqa: E402
from thidua_ner.text.tokens import tokenize  # noqa: E402
from thidua_ner.text.words import boundary_merge_rate, segment, split_at_boundaries  # noqa: E402

TINY_MODEL = {"num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 2, "intermediate_size": 128}

# Eight invented sentences, entities by surface text; none has a segmenter word across an edge.
OVERFIT = [
    (
        "Chủ tịch UBND tỉnh Lê Văn Hòa đã ký quyết định khen thưởng 25 tập thể.",
        [("Chủ tịch UBND tỉnh", "POSITION"), ("Lê Văn Hòa", "PERSON"), ("25 tập thể", "QUANTITY")],
    ),
    (
        "Bà Nguyễn Thị Lan được tặng Huân chương Lao động hạng Ba.",
        [("Nguyễn Thị Lan", "PERSON"), ("Huân chương Lao động hạng Ba", "AWARD")],
    ),
    (
        "Phong trào “Cả nước chung tay vì người nghèo” đã lan tỏa rộng khắp.",
        [("Cả nước chung tay vì người nghèo", "CAMPAIGN")],
    ),
    (
        "Giám đốc Sở Nội vụ Trần Minh Đức trao Cờ thi đua của Chính phủ cho 3 đơn vị.",
        [
            ("Giám đốc Sở Nội vụ", "POSITION"),
            ("Trần Minh Đức", "PERSON"),
            ("Cờ thi đua của Chính phủ", "AWARD"),
            ("3 đơn vị", "QUANTITY"),
        ],
    ),
    (
        "Có 12 cá nhân nhận danh hiệu Chiến sĩ thi đua cơ sở.",
        [("12 cá nhân", "QUANTITY"), ("Chiến sĩ thi đua cơ sở", "AWARD")],
    ),
    (
        "Thủ tướng Chính phủ tặng Bằng khen cho ông Phạm Quốc Bảo.",
        [("Thủ tướng Chính phủ", "POSITION"), ("Bằng khen", "AWARD"), ("Phạm Quốc Bảo", "PERSON")],
    ),
    (
        "Hưởng ứng phong trào thi đua “Dân vận khéo”, huyện đã có 40 mô hình tiêu biểu.",
        [("Dân vận khéo", "CAMPAIGN"), ("40 mô hình", "QUANTITY")],
    ),
    (
        "Đồng chí Hoàng Thị Mai, Phó Chủ tịch HĐND tỉnh, dự lễ trao giải.",
        [("Hoàng Thị Mai", "PERSON"), ("Phó Chủ tịch HĐND tỉnh", "POSITION")],
    ),
]
# underthesea writes "trao_Bằng khen": a word across the start of the AWARD.
MERGED = "Chủ tịch UBND tỉnh Nguyễn Văn A trao Bằng khen cho 12 tập thể."


def _record(n: int, text: str, ents: list[tuple[str, str]]) -> Record:
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append((start, start + len(surface), label))
        pos = start + len(surface)
    return Record(f"overfit-{n}", text, tuple(spans))


def _write_config(path: Path, **keys) -> Path:
    import yaml

    config = {
        "family": "transformer",
        "base_model": str(PHOBERT_DIR),
        "init": "random",
        "model_config": TINY_MODEL,
        "segmentation": "underthesea",
        "max_length": 256,
        "seed": 7,
        "early_stopping_patience": 0,
        "progress_bar": False,
        "trainer": {
            "learning_rate": 5.0e-3,
            "warmup_steps": 0.05,
            "per_device_train_batch_size": 8,
            "num_train_epochs": keys.pop("epochs", 1),
        },
        **keys,
    }
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _spans(doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label) for e in doc.entities]


def _check_spans(doc, text: str) -> None:
    """Entities index the caller's string, in order, without overlaps or duplicates."""
    prev_end = 0
    for e in doc.entities:
        assert text[e.start : e.end] == e.text and e.text.strip() == e.text and e.text
        assert e.start >= prev_end
        prev_end = e.end


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(PHOBERT_DIR)


@pytest.fixture(scope="module")
def overfit_dir(tmp_path_factory) -> Path:
    """A tiny model trained with ``train_from_config`` until it knows the eight sentences."""
    from thidua_ner.training import train_from_config

    root = tmp_path_factory.mktemp("overfit")
    records = [_record(n, t, e) for n, (t, e) in enumerate(OVERFIT)]
    data = root / "data"
    data.mkdir()
    # Six copies per epoch: fewer evaluations and checkpoints for the same number of steps.
    write_jsonl(records * 6, data / "train.jsonl")
    write_jsonl(records, data / "dev.jsonl")
    write_jsonl(records, data / "test.jsonl")
    config = _write_config(root / "overfit.yaml", epochs=6, data_dir=str(data), output_dir=str(root / "model"))
    return train_from_config(config)


@pytest.fixture(scope="module")
def nlp(overfit_dir):
    return thidua_ner.load(overfit_dir, events=False)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """A frozen subset of the real corpus (others may be rewriting data/annotations)."""
    for attempt in range(3):
        try:
            corpus = load_corpus()
            break
        except Exception:  # a file caught mid-write; the build rewrites it whole
            if attempt == 2:
                raise
            time.sleep(2)
    out = tmp_path_factory.mktemp("corpus")
    for split, n in (("train", 16), ("dev", 8), ("test", 8)):
        write_jsonl(corpus[split][:n], out / f"{split}.jsonl")
    return out


# ---------------------------------------------------------------------------- (a) tokenisation


def _reference_sentences() -> list[tuple[str, list[int]]]:
    readme = (PHOBERT_DIR / "README.md").read_text(encoding="utf-8")
    pairs = re.findall(r'"([^"]+)"\s*\([^)]*\)\s*encodes to\s*\[([\d,\s]+)\]', readme)
    return [(text, [int(x) for x in ids.split(",")]) for text, ids in pairs]


def test_reference_ids_from_readme(tokenizer):
    refs = _reference_sentences()
    assert len(refs) == 2, "README.md should list the unsegmented and the segmented sentence"
    for text, ids in refs:
        assert tokenizer(text)["input_ids"] == ids


def test_library_alignment_reproduces_segmented_reference(tokenizer):
    """Raw syllables → underthesea → "_"-joined words → word-by-word sub-words gives the ids
    of the word-segmented reference sentence."""
    (_, plain_ids), (segmented, seg_ids) = _reference_sentences()
    raw = segmented.replace("_", " ")
    encoder = WordEncoder(tokenizer, "underthesea", 256)
    words, windows = encoder.encode_sentence([t.text for t in tokenize(raw)])
    assert len(windows) == 1 and windows[0].input_ids == seg_ids
    assert encoder.word_strings([t.text for t in tokenize(raw)], words) == segmented.split()
    # Without segmentation the same path gives the plain reference (plus the final ".").
    plain = WordEncoder(tokenizer, "none", 256).encode_sentence([t.text for t in tokenize(raw)])[1][0].input_ids
    assert plain[:-2] == plain_ids[:-1]


def test_labels_on_first_subword_only(tokenizer):
    encoder = WordEncoder(tokenizer, "underthesea", 256)
    text = "Ông Nguyễn Văn A nhận Huân chương Lao động hạng Nhì."
    tokens, tags = record_tokens_tags(
        _record(0, text, [("Nguyễn Văn A", "PERSON"), ("Huân chương Lao động hạng Nhì", "AWARD")])
    )
    (row,) = encoder.training_features([t.text for t in tokens], tags, {t: i for i, t in enumerate(thidua_ner.TAGS)})
    labelled = [i for i, lab in enumerate(row["labels"]) if lab != -100]
    assert row["labels"][0] == row["labels"][-1] == -100  # <s>, </s>
    # "Nguyễn_Văn_A" is two sub-words; only its first carries B-PERSON.
    pieces = tokenizer.convert_ids_to_tokens(row["input_ids"])
    first = pieces.index("Nguyễn_Văn_@@")
    assert first in labelled and first + 1 not in labelled
    assert thidua_ner.TAGS[row["labels"][first]] == "B-PERSON"


# ---------------------------------------------------------------------------- segmentation


def test_segment_keeps_every_token_once():
    texts = [MERGED, "TP.HCM ngày 18/11/1930 Đ/c a_b “Dân vận khéo” (2020-2025)...", "Uỷ ban hoà   giải"]
    for text in texts:
        tokens = [t.text for t in tokenize(text)]
        for backend in ("underthesea", "pyvi", "none"):
            words = segment(tokens, backend)
            assert [i for w in words for i in w] == list(range(len(tokens)))
        nfd = [unicodedata.normalize("NFD", t) for t in tokens]
        assert segment(nfd) == segment(tokens)


def test_split_at_boundaries_and_merge_rate():
    tokens, tags = record_tokens_tags(_record(0, MERGED, [("Bằng khen", "AWARD"), ("12 tập thể", "QUANTITY")]))
    syllables = [t.text for t in tokens]
    words = segment(syllables)
    trao = syllables.index("trao")
    assert [trao, trao + 1] in words  # the segmenter glued "trao_Bằng"
    split = split_at_boundaries(words, tags)
    assert [trao] in split and [trao + 1, trao + 2] not in split
    assert [i for w in split for i in w] == list(range(len(syllables)))
    stats = boundary_merge_rate([(syllables, tags)])
    assert (stats.spans, stats.merged_edges, stats.spans_affected) == (2, 1, 1)


def test_word_labels_back_to_syllables():
    words = [[0, 1], [2], [3, 4], [5]]
    assert word_tags_to_syllables(words, ["B-PERSON", "I-PERSON", "O", "I-AWARD"], 6) == [
        "B-PERSON",
        "I-PERSON",
        "I-PERSON",
        "O",
        "O",
        "B-AWARD",
    ]


# ---------------------------------------------------------------------------- (b) training


def test_cli_train_then_resume(tmp_path, small_corpus, caplog):
    """`thidua-ner train --config` on a corpus subset, killed after epoch 1 (kept checkpoints
    stand in for the kill), then `train_from_config` with the same output_dir resumes."""
    cli = pytest.importorskip("thidua_ner.cli")
    from thidua_ner.training import train_from_config

    out = tmp_path / "model"
    config = _write_config(tmp_path / "tiny.yaml", epochs=1, keep_checkpoints=True, output_dir=str(tmp_path / "unused"))
    rc = cli.main(["train", "--config", str(config), "--data-dir", str(small_corpus), "--output-dir", str(out)])
    assert rc == 0
    (checkpoint,) = out.glob("checkpoint-*")
    steps_per_epoch = int(checkpoint.name.split("-")[1])
    assert thidua_ner.load(out, events=False).tagger.family == "transformer"

    overrides = {
        "trainer": {"num_train_epochs": 2},
        "keep_checkpoints": False,
        "data_dir": str(small_corpus),
        "output_dir": str(out),
    }
    with caplog.at_level("WARNING", logger="thidua_ner.families.transformer.training"):
        assert train_from_config(config, overrides) == out
    assert f"resuming from {checkpoint}" in caplog.text

    meta = json.loads((out / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["family"] == "transformer" and meta["segmentation"] == "underthesea" and meta["max_length"] == 256
    assert meta["base_model"] == str(PHOBERT_DIR) and meta["word_joiner"] == "_"
    assert meta["library_version"] == thidua_ner.__version__
    assert set(meta["metrics"]) == {"dev", "test"} and "seqeval_micro_f1" in meta["metrics"]["test"]
    assert len(meta["data_sha256"]) == 64 and set(meta["data_files_sha256"]) == {
        "train.jsonl",
        "dev.jsonl",
        "test.jsonl",
    }
    assert meta["training"]["steps"] == 2 * steps_per_epoch and len(meta["training"]["dev_f1_by_epoch"]) == 2
    for name in ("config.json", "model.safetensors", "vocab.txt", "bpe.codes", "tokenizer_config.json", "README.md"):
        assert (out / name).is_file(), name
    assert not list(out.glob("checkpoint-*"))
    config_json = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config_json["id2label"]["1"] == "B-PERSON" and config_json["label2id"]["O"] == 0
    doc = thidua_ner.load(out, events=False)(MERGED)
    _check_spans(doc, MERGED)


# ---------------------------------------------------------------------------- (c) loading and spans


def test_loads_through_public_api(nlp, overfit_dir):
    assert isinstance(nlp.tagger, TransformerTagger) and nlp.tagger.family == "transformer"
    card = (overfit_dir / "README.md").read_text(encoding="utf-8")
    assert "thidua_ner.load" in card and "underthesea" in card


def test_long_sentence_is_windowed(nlp):
    """Far more than 256 sub-words in one sentence: every copy of a known clause keeps its spans."""
    clause, ents = OVERFIT[3]
    clause = clause.rstrip(".")
    text = "; ".join([clause] * 40) + "."
    tokens = [t.text for t in tokenize(text)]
    _, windows = nlp.tagger.encoder.encode_sentence(tokens)
    assert len(windows) >= 3 and max(len(w.input_ids) for w in windows) <= 256
    doc = nlp(text)
    assert len(doc.sentences) == 1
    _check_spans(doc, text)
    expected, offset = [], 0
    for _ in range(40):
        rec = _record(0, clause, ents)
        expected += [(s + offset, e + offset, lab) for s, e, lab in rec.spans]
        offset += len(clause) + 2
    # The tiny model is thrown a little by the unusual context; what matters here is that
    # every window, to the very end of the sentence, contributes its entities.
    got = set(_spans(doc))
    per_copy = [expected[k : k + len(ents)] for k in range(0, len(expected), len(ents))]
    assert all(set(copy) & got for copy in per_copy)
    assert len(got & set(expected)) >= 0.6 * len(expected)


def test_window_merge_prefers_the_word_farthest_from_a_cut(overfit_dir, monkeypatch):
    """With a stand-in model whose word label is wrong ("O") near a window cut and right
    elsewhere, the merged tags are right everywhere: no word dropped, none counted twice."""
    tagger = TransformerTagger(overfit_dir, {"segmentation": "underthesea", "max_length": 24})
    labels = list(thidua_ner.TAGS)

    def true_label(first_id: int) -> int:
        return 1 + first_id % (len(labels) - 1)  # any non-O label, fixed per word

    def fake_predict(windows):
        out = []
        for w in windows:
            ids = [w.input_ids[p] for p in w.first_positions]
            n = w.hi - w.lo
            near_cut = [(k < 2 and w.lo > 0) or (k >= n - 2 and w.hi < n_words) for k in range(n)]
            out.append(([0 if near else true_label(i) for i, near in zip(ids, near_cut)], [0.5] * n))
        return out

    tokens = [t.text for t in tokenize(" ".join(text for text, _ in OVERFIT))]
    words, windows = tagger.encoder.encode_sentence(tokens)
    n_words = len(words)  # read by fake_predict
    monkeypatch.setattr(tagger, "_predict", fake_predict)
    assert len(windows) > 3
    firsts = [tagger.encoder.piece_ids(tagger.encoder.word_strings(tokens, [w]))[0][0] for w in words]
    expected = word_tags_to_syllables(words, [labels[true_label(i)] for i in firsts], len(tokens))
    ((tags, scores),) = tagger.tag_with_scores([tokens])
    assert tags == expected and scores == [0.5] * len(tokens)


def test_windows_cover_each_word_once(tokenizer):
    encoder = WordEncoder(tokenizer, "none", max_length=24)
    tokens = [t.text for t in tokenize(" ".join(text for text, _ in OVERFIT))]
    words, windows = encoder.encode_sentence(tokens)
    assert len(windows) > 3
    covered = set()
    for a, b in zip(windows, windows[1:]):
        assert a.lo < b.lo <= a.hi and b.hi >= a.hi  # moving forward, overlapping, no gaps
    for w in windows:
        assert len(w.input_ids) <= 24 and len(w.first_positions) == w.hi - w.lo
        covered.update(range(w.lo, w.hi))
    assert covered == set(range(len(words)))


def test_nfd_input(nlp):
    text, _ = OVERFIT[1]
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    doc_nfd, doc_nfc = nlp(nfd), nlp(text)
    _check_spans(doc_nfd, nfd)
    assert [(unicodedata.normalize("NFC", e.text), e.label) for e in doc_nfd.entities] == [
        (e.text, e.label) for e in doc_nfc.entities
    ]
    assert doc_nfc.entities


def test_merged_boundary_still_gives_valid_spans(nlp):
    doc = nlp(MERGED)
    _check_spans(doc, MERGED)
    # "trao_Bằng" is one word with one label: no entity can start at "Bằng" or end after "trao".
    trao = MERGED.index("trao ")
    assert trao + 5 not in {e.start for e in doc.entities}
    assert trao + 4 not in {e.end for e in doc.entities}


def test_scores_are_probabilities(nlp):
    tokens = [[t.text for t in tokenize(text)] for text, _ in OVERFIT[:3]] + [[]]
    results = nlp.tagger.tag_with_scores(tokens)
    assert [len(tags) for tags, _ in results] == [len(t) for t in tokens]
    for tags, scores in results:
        assert len(scores) == len(tags) and all(0.0 < s <= 1.0 for s in scores)
    assert nlp.tagger.tag(tokens) == [tags for tags, _ in results]


# ---------------------------------------------------------------------------- (d) it learns


def test_tiny_model_overfits_eight_sentences(nlp, overfit_dir):
    for n, (text, ents) in enumerate(OVERFIT):
        assert _spans(nlp(text)) == list(_record(n, text, ents).spans), text
    meta = json.loads((overfit_dir / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["metrics"]["test"]["span_micro_f1"] == 1.0
    assert meta["training"]["dev_f1_by_epoch"][0] < 0.9  # it learnt them during training


def test_batched_tagging_matches_one_by_one(nlp):
    texts = [text for text, _ in OVERFIT]
    together = [_spans(d) for d in nlp.pipe(texts, batch_size=8)]
    alone = [_spans(nlp(t)) for t in texts]
    assert together == alone
