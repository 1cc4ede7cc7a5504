"""Training from a YAML config: one entry point for every model family.

    family: crf                  # or: e5crf, transformer
    data_dir: data/annotations
    train_splits: [train, dev]   # what the model learns from
    output_dir: thidua_ner/models/crf
    params: {c1: 0.05, c2: 0.02}

``thidua-ner train --config training/configs/crf.yaml`` and
``thidua_ner.train.train_from_config(path)`` do the same thing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from .corpus import DEFAULT_CORPUS, load_corpus, record_tokens_tags
from .labels import LABELS, TAGS

REPO_ROOT = Path(__file__).resolve().parent.parent


def read_config(path: str | Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read training config {path}: {exc}") from exc
    if not isinstance(config, dict) or "family" not in config:
        raise ValueError(f"{path}: a training config is a YAML mapping with at least 'family: crf|transformer'")
    config.update(overrides or {})
    return config


def data_hash(data_dir: Path, splits: list[str]) -> str:
    """sha256 over the training files, so a model directory says exactly what it learned from."""
    digest = hashlib.sha256()
    for split in splits:
        digest.update((data_dir / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()


def _resolve(path: str | Path, base: Path) -> Path:
    path = Path(path)
    return path if path.is_absolute() else (base / path)


def train_from_config(config_path: str | Path, overrides: dict[str, Any] | None = None) -> Path:
    """Train the model a config describes and return its output directory."""
    config = read_config(config_path, overrides)
    family = config["family"]
    if family == "transformer":
        from .train_transformer import train_from_config as train_transformer

        return train_transformer(config_path, overrides)
    if family not in ("crf", "e5crf"):
        raise ValueError(f"{config_path}: unknown family {family!r} (expected crf, e5crf or transformer)")
    return train_crf_from_config(config)


def train_crf_from_config(config: dict[str, Any]) -> Path:
    from . import __version__
    from .evaluate import evaluate_records
    from .registry import load
    from .taggers.crf import train_crf

    base = Path.cwd()
    data_dir = _resolve(config.get("data_dir", DEFAULT_CORPUS), base)
    out_dir = _resolve(config.get("output_dir", "models/crf"), base)
    splits = list(config.get("train_splits", ["train"]))
    corpus = load_corpus(data_dir)
    missing = [s for s in splits if s not in corpus]
    if missing:
        raise ValueError(f"{data_dir}: no {', '.join(missing)}.jsonl to train on")
    examples = []
    for split in splits:
        for record in corpus[split]:
            tokens, tags = record_tokens_tags(record)
            examples.append(([t.text for t in tokens], tags))
    meta = {
        "labels": list(LABELS),
        "tags": list(TAGS),
        "library_version": __version__,
        "train_splits": splits,
        "data_sha256": data_hash(data_dir, splits),
    }
    if config["family"] == "e5crf":
        from .taggers.e5crf import train_e5crf

        train_e5crf(examples, out_dir, params=config.get("params"), extra_meta=meta, dims=config.get("pca_dims", 32),
                    ks=config.get("clusters", [64, 512]), quantize=config.get("quantize", False))
    else:
        train_crf(examples, out_dir, params=config.get("params"), extra_meta=meta, verbose=config.get("verbose", False))
    # Score what was just written and store the numbers with the model.
    nlp = load(out_dir, events=False)
    metrics = {}
    for split in ("dev", "test"):
        # A split the model learned from would only measure memory: score held-out splits only.
        if split in corpus and split not in splits:
            result = evaluate_records(nlp, corpus[split])
            metrics[split] = {
                "seqeval_micro_f1": result["seqeval"].get("micro avg", {}).get("f1-score", 0.0),
                "span_micro_f1": result["spans"]["micro"]["f1"],
                "span_per_label_f1": {k: v["f1"] for k, v in result["spans"]["per_label"].items()},
            }
    meta_path = out_dir / "thidua_ner.json"
    stored = json.loads(meta_path.read_text(encoding="utf-8"))
    stored["metrics"] = metrics
    meta_path.write_text(json.dumps(stored, ensure_ascii=False, indent=2), encoding="utf-8")
    return out_dir
