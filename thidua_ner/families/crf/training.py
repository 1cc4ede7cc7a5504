"""Training of the CRF family: its typed config, :func:`train_crf`, and dev-based selection.

When the training data has a dev split and the config does not fix ``c1``/``c2`` in
``params``, a small grid of L1/L2 strengths (:data:`DEFAULT_GRID`, or the config's ``grid``) is
trained on train, each point scored on dev (seqeval micro F1, strict IOB2), and the best
model kept (ties: the first point in grid order). Every point is deterministic, so the
choice is too; the points run in parallel processes (``workers``, default: one per core).
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


#: c1 (L1) × c2 (L2) points tried on dev when the config does not fix them
DEFAULT_GRID: tuple[dict[str, float], ...] = tuple({"c1": c1, "c2": c2} for c1 in (0.05, 0.2) for c2 in (0.01, 0.05))


@dataclass
class CRFConfig(TrainConfig):
    """``family: crf``: crfsuite ``params`` (names as crfsuite spells them) on top of the common keys.

    ``features``: the feature-set version (1: the features of the models shipped up to
    v0.1; 2: those plus the real-page features). It is recorded in ``thidua_ner.json`` and
    the model is always tagged with the features it was trained with.
    ``selection``: ``auto`` (a grid on dev when there is a dev split and ``params`` fixes neither
    ``c1`` nor ``c2``) or ``off``; ``grid``: the points (each a mapping of crfsuite params);
    ``workers``: parallel trainings (0: one per core)."""

    params: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False
    features: int = LATEST_VERSION
    selection: str = "auto"
    grid: list[dict[str, Any]] | None = None
    workers: int = 0

    def __post_init__(self) -> None:
        if self.features not in VERSIONS:
            raise ConfigError(
                f"unknown CRF feature set 'features: {self.features}'; known: {', '.join(map(str, VERSIONS))}"
            )
        names = _crfsuite_param_names()
        unknown = sorted(set(self.params) - names)
        unknown += sorted({k for point in self.grid or [] for k in point} - names)
        if unknown:
            raise ConfigError(f"unknown crfsuite parameter(s) in 'params'/'grid': {', '.join(unknown)}")
        if self.selection not in ("auto", "off"):
            raise ConfigError(f"selection must be 'auto' or 'off', got {self.selection!r}")

    def selects(self, has_dev: bool) -> bool:
        """Whether training runs the dev grid."""
        return self.selection == "auto" and has_dev and not ({"c1", "c2"} & set(self.params))


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
    examples = data.examples()
    if not config.selects(bool(data.dev)):
        return train_crf(
            examples, out_dir, params=config.params, extra_meta=meta, verbose=config.verbose, features=config.features
        )
    from ..base import records_examples

    grid = [dict(p) for p in (config.grid or DEFAULT_GRID)]
    started = time.perf_counter()
    results = select_on_dev(
        examples, records_examples(data.dev), config.params, grid, config.workers, features=config.features
    )
    best = max(range(len(results)), key=lambda i: (results[i][1], -i))
    chosen = {**config.params, **grid[best]}
    selection = {
        "how": (
            f"{len(grid)} points trained on train, scored on dev ({len(data.dev)} records) by seqeval micro F1 "
            "(strict IOB2); the best kept (ties: the first in grid order)"
        ),
        "metric": "dev seqeval micro F1",
        "grid": [{"params": grid[i], "dev_f1": round(results[i][1], 6)} for i in range(len(grid))],
        "chosen": grid[best],
        "seconds": round(time.perf_counter() - started, 1),
    }
    # The chosen point's model file is the model (no second training).
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trained, _, point_meta = results[best]
    shutil.copyfile(trained, out_dir / MODEL_FILE)
    chosen_meta = {
        "family": "crf",
        "model_file": MODEL_FILE,
        "params": {**DEFAULT_PARAMS, **chosen},
        "features": config.features,
        **point_meta,
        **meta,
        "selection": selection,
    }
    record_checksums(out_dir, chosen_meta, [MODEL_FILE])
    write_meta(out_dir, chosen_meta)
    for path, _, _ in results:
        shutil.rmtree(Path(path).parent, ignore_errors=True)
    return out_dir


_SHARED: dict[str, Any] = {}


def select_on_dev(
    examples: list[tuple[list[str], list[str]]],
    dev: list[tuple[list[str], list[str]]],
    params: dict[str, Any],
    grid: list[dict[str, Any]],
    workers: int = 0,
    features: int = LATEST_VERSION,
) -> list[tuple[str, float, dict[str, Any]]]:
    """Train one model per grid point (``params`` under each point) and score it on dev.

    Returns ``(model file, dev F1, its meta)`` per point, in grid order; the files are in
    temporary directories the caller removes."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    extract = FeatureExtractor(features)
    _SHARED.update(train=[(extract(t), tags) for t, tags in examples if t], dev=dev, extract=extract)
    jobs = [{**params, **point} for point in grid]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    try:
        if workers > 1 and "fork" in mp.get_all_start_methods():
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                return list(pool.map(_grid_point, jobs))
        return [_grid_point(job) for job in jobs]
    finally:
        _SHARED.clear()


def _grid_point(params: dict[str, Any]) -> tuple[str, float, dict[str, Any]]:
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    out = Path(tempfile.mkdtemp(prefix="thidua-crf-grid-"))
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, tags in _SHARED["train"]:
        trainer.append(features, list(tags))
    trainer.set_params({**DEFAULT_PARAMS, **params})
    started = time.perf_counter()
    trainer.train(str(out / MODEL_FILE))
    seconds = round(time.perf_counter() - started, 1)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / MODEL_FILE))
    gold, pred = [], []
    for tokens, tags in _SHARED["dev"]:
        if tokens:
            gold.append(list(tags))
            pred.append(tagger.tag(_SHARED["extract"](tokens)))
    tagger.close()
    f1 = float(f1_score(gold, pred, mode="strict", scheme=IOB2, zero_division=0)) if gold else 0.0
    return str(out / MODEL_FILE), f1, {"train_sentences": len(_SHARED["train"]), "train_seconds": seconds}
