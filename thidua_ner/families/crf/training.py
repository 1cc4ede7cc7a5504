"""Training of the CRF family: its typed config and :func:`train_crf`."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from ...errors import ConfigError
from ..base import TrainConfig, TrainingData, record_checksums, write_meta
from .features import LATEST_VERSION, VERSIONS, FeatureExtractor
from .tagger import MODEL_FILE

DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.02,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def _crfsuite_param_names() -> set[str]:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select("lbfgs")
    return set(trainer.params())


@dataclass
class CRFConfig(TrainConfig):
    """``family: crf``: crfsuite ``params`` (names as crfsuite spells them) on top of the common keys.

    ``features``: the feature-set version (1: the features of the models shipped up to
    v0.1; 2: those plus the real-page features). It is recorded in ``thidua_ner.json`` and
    the model is always tagged with the features it was trained with.
    """

    params: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False
    features: int = LATEST_VERSION

    def __post_init__(self) -> None:
        if self.features not in VERSIONS:
            raise ConfigError(
                f"unknown CRF feature set 'features: {self.features}'; known: {', '.join(map(str, VERSIONS))}"
            )
        unknown = sorted(set(self.params) - _crfsuite_param_names())
        if unknown:
            raise ConfigError(f"unknown crfsuite parameter(s) in 'params': {', '.join(unknown)}")


def train_crf(
    examples: Iterable[tuple[Sequence[str], Sequence[str]]],
    out_dir: str | Path,
    params: dict[str, Any] | None = None,
    extra_meta: dict[str, Any] | None = None,
    verbose: bool = False,
    features: int = LATEST_VERSION,
) -> Path:
    """Train on ``(tokens, tags)`` pairs and write a model directory. Deterministic for given data.

    ``features``: the feature-set version (recorded in the model's ``thidua_ner.json``)."""
    if features not in VERSIONS:
        raise ConfigError(f"unknown CRF feature set {features!r}; known: {', '.join(map(str, VERSIONS))}")
    extract = FeatureExtractor(features)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    n = 0
    for tokens, tags in examples:
        if tokens:
            trainer.append(extract(tokens), list(tags))
            n += 1
    if n == 0:
        raise ConfigError("no training sentences: the training data is empty")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    merged = {**DEFAULT_PARAMS, **(params or {})}
    trainer.set_params(merged)
    started = time.perf_counter()
    trainer.train(str(out_dir / MODEL_FILE))
    meta = {
        "family": "crf",
        "model_file": MODEL_FILE,
        "features": features,
        "params": merged,
        "train_sentences": n,
        "train_seconds": round(time.perf_counter() - started, 1),
        **(extra_meta or {}),
    }
    record_checksums(out_dir, meta, [MODEL_FILE])
    write_meta(out_dir, meta)
    return out_dir


def train(config: CRFConfig, data: TrainingData, out_dir: Path, meta: dict[str, Any]) -> Path:
    """The family's training entry point (see :class:`~thidua_ner.families.base.Family`)."""
    return train_crf(
        data.examples(),
        out_dir,
        params=config.params,
        extra_meta=meta,
        verbose=config.verbose,
        features=config.features,
    )
