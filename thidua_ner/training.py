"""Training from a config: one entry point for every model family.

    family: crf                  # or: e5crf, transformer, or a family from an entry point
    data_dir: data/annotations
    train_splits: [train, dev]   # what the model learns from
    output_dir: thidua_ner/models/crf
    params: {c1: 0.05, c2: 0.02}

``thidua-ner train --config training/configs/crf.yaml`` and :func:`train_from_config` do the
same thing. The config is validated by the family's config class (unknown keys refused, named)
before anything is written; the finished model directory is scored on the held-out splits
through :func:`thidua_ner.load`, and the scores are stored in it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .catalog import load
from .errors import ConfigError, ThiduaError
from .families import get_family
from .families.base import META_FILE, TrainConfig, TrainingData, read_meta, write_meta
from .formats.corpus import SPLITS, Record, corpus_labels, load_corpus
from .scoring import evaluate_records, format_report


def read_config(path: str | Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The YAML mapping of a config file, with ``overrides`` (``None`` values ignored) on top."""
    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read training config {path}: {exc}") from exc
    if not isinstance(config, dict) or "family" not in config:
        raise ConfigError(f"{path}: a training config is a YAML mapping with at least 'family: crf|e5crf|transformer'")
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        # A mapping overrides key by key ({"trainer": {"num_train_epochs": 2}} keeps the other trainer keys).
        config[key] = (
            {**config[key], **value} if isinstance(value, dict) and isinstance(config.get(key), dict) else value
        )
    return config


def parse_config(values: dict[str, Any], where: str = "config") -> TrainConfig:
    """The family's typed config for ``values``; :class:`ConfigError` names any unknown key."""
    family = get_family(values.get("family", ""))
    if family.train is None or family.config_class is None:
        raise ConfigError(f"{where}: the model family {family.name!r} cannot be trained with thidua-ner train")
    try:
        return family.config_class.from_dict(values, where)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}" if not str(exc).startswith(where) else str(exc)) from exc


def data_hash(data_dir: Path, splits: list[str]) -> str:
    """sha256 over the training files, so a model directory says exactly what it learned from."""
    digest = hashlib.sha256()
    for split in splits:
        digest.update((data_dir / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()


def train_from_config(config_path: str | Path, overrides: dict[str, Any] | None = None) -> Path:
    """Train the model a config file describes and return its output directory."""
    return train(read_config(config_path, overrides), where=str(config_path))


def train(values: dict[str, Any] | TrainConfig, where: str = "config") -> Path:
    """Train from a config mapping (or a typed config) and return the scored model directory."""
    from ._version import __version__

    config = values if isinstance(values, TrainConfig) else parse_config(values, where)
    family = get_family(config.family)
    data_dir = Path(config.data_dir)
    corpus = load_corpus(data_dir)
    missing = [s for s in config.train_splits if s not in corpus]
    if missing:
        raise ConfigError(f"{where}: {data_dir} has no {', '.join(missing)}.jsonl to train on")
    if config.limit:
        # `limit: 32` keeps the first 32 records of each split; `{train: 16, dev: 8}` per split (smoke runs).
        per = config.limit if isinstance(config.limit, dict) else {s: config.limit for s in corpus}
        corpus = {s: recs[: per[s]] if per.get(s) else recs for s, recs in corpus.items()}
    train_records: list[Record] = [r for s in config.train_splits for r in corpus[s]]
    if not train_records:
        raise ConfigError(f"{where}: the training data is empty")
    labels = corpus_labels(r for records in corpus.values() for r in records)
    dev = corpus.get("dev", []) if "dev" not in config.train_splits else []
    out_dir = Path(config.output_dir or f"models/{config.family}")
    meta = {
        "labels": list(labels),
        "library_version": __version__,
        "train_splits": list(config.train_splits),
        "data_sha256": data_hash(data_dir, list(config.train_splits)),
        "data_files_sha256": {
            f"{s}.jsonl": hashlib.sha256((data_dir / f"{s}.jsonl").read_bytes()).hexdigest() for s in corpus
        },
    }
    # Train into a temporary directory next to the output and move the result there only when
    # everything worked: a failed run writes nothing (no empty or half-written model directory).
    # A directory holding training checkpoints is the exception: training resumes there, in place.
    if out_dir.is_dir() and any(out_dir.glob("checkpoint-*")):
        return _train_in(family, config, train_records, dev, labels, meta, corpus, out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.training-", dir=out_dir.parent))
    try:
        _train_in(family, config, train_records, dev, labels, meta, corpus, work)
        _move_into(work, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out_dir


def _train_in(
    family,
    config: TrainConfig,
    records: list[Record],
    dev: list[Record],
    labels,
    meta: dict[str, Any],
    corpus,
    work: Path,
) -> Path:
    """Train, score on the held-out splits and write the model card, all in ``work``."""
    family.train(config, TrainingData(records, dev, labels), work, meta)
    held_out = {s: corpus[s] for s in SPLITS if s in corpus and s not in config.train_splits}
    metrics, report = score_model_dir(work, held_out)
    stored = read_meta(work)
    stored["metrics"] = metrics
    write_meta(work, stored)
    if family.model_card is not None:
        (work / "README.md").write_text(family.model_card(stored, report), encoding="utf-8")
    return work


def _move_into(work: Path, out_dir: Path) -> None:
    """Move the trained files into ``out_dir`` (created, or its files of the same names replaced)."""
    if not out_dir.exists():
        work.rename(out_dir)
        return
    for item in work.iterdir():
        target = out_dir / item.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(item, target)


def score_model_dir(out_dir: Path, held_out: dict[str, list[Record]]) -> tuple[dict[str, Any], str]:
    """Scores of a saved model directory on held-out splits, through the public loader."""
    try:
        nlp = load(out_dir, events=False)
    except ThiduaError as exc:
        raise ConfigError(f"the model written to {out_dir} does not load: {exc}") from exc
    metrics: dict[str, Any] = {}
    reports = []
    for split, records in held_out.items():
        # A split the model learned from would only measure memory: held-out splits only.
        if split not in ("dev", "test") or not records:
            continue
        result = evaluate_records(nlp, records)
        metrics[split] = {
            "seqeval_micro_f1": result["seqeval"].get("micro avg", {}).get("f1-score", 0.0),
            "span_micro_f1": result["spans"]["micro"]["f1"],
            "span_per_label_f1": {k: v["f1"] for k, v in result["spans"]["per_label"].items()},
        }
        reports.append(f"{split}:\n{format_report(result)}")
    return metrics, "\n\n".join(reports)


__all__ = ["META_FILE", "data_hash", "parse_config", "read_config", "score_model_dir", "train", "train_from_config"]
