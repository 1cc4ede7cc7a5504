"""Training from a config: one entry point for every model family.

    family: crf                  # or: e5crf, transformer, or a family from an entry point
    data_dir: data/annotations
    train_splits: [train, dev]   # what the model learns from
    output_dir: thidua_ner/models/crf
    params: {c1: 0.05, c2: 0.02}

``thidua-ner train --config training/configs/crf.yaml`` and :func:`train_from_config` do the
same thing. Annotation files instead of a corpus directory — any label set, CoNLL or JSONL::

    thidua-ner train --family crf --train train.conll --dev dev.conll --test test.conll --output my-model

and :func:`train_files` in Python (``data: {train: ..., dev: ..., test: ...}`` in a config).

A relative ``output_dir`` is relative to the working directory. Writing inside the installed
package or into a directory that already holds a model is refused unless ``overwrite``. The config is validated by the family's config class (unknown keys refused, named)
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

from .augment import augment
from .catalog import load
from .errors import ConfigError, ThiduaError
from .families import get_family
from .families.base import META_FILE, TrainConfig, TrainingData, read_meta, write_meta
from .formats import read_any
from .formats.corpus import SPLITS, Record, corpus_labels, load_corpus, parse_record
from .scoring import evaluate_records, format_report

PACKAGE_DIR = Path(__file__).resolve().parent


def read_config(
    path: str | Path, overrides: dict[str, Any] | None = None, require_family: bool = True
) -> dict[str, Any]:
    """The YAML mapping of a config file, with ``overrides`` (``None`` values ignored) on top."""
    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read training config {path}: {exc}") from exc
    if not isinstance(config, dict) or (require_family and "family" not in config):
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


def data_hash(data_dir: Path | dict[str, Path], splits: list[str]) -> str:
    """sha256 over the training files, so a model directory says exactly what it learned from."""
    digest = hashlib.sha256()
    for split in splits:
        digest.update(_split_path(data_dir, split).read_bytes())
    return digest.hexdigest()


def _split_path(data: Path | dict[str, Path], split: str) -> Path:
    return data[split] if isinstance(data, dict) else data / f"{split}.jsonl"


def check_output_dir(out_dir: Path, overwrite: bool = False) -> Path:
    """The resolved output directory; refuses the package directory (a shipped model, or the
    source tree of an editable install) and a directory that already holds a model, unless ``overwrite``."""
    resolved = out_dir.expanduser().resolve()
    if overwrite:
        return resolved
    if resolved == PACKAGE_DIR or PACKAGE_DIR in resolved.parents:
        raise ConfigError(
            f"output directory {out_dir} is inside the thidua_ner package ({PACKAGE_DIR}): a model written there "
            "replaces a shipped one or is never found by load(); choose another --output (or pass --overwrite)"
        )
    # A directory with training checkpoints is a run to resume (the transformer family), not a model to keep.
    if (resolved / META_FILE).is_file() and not any(resolved.glob("checkpoint-*")):
        raise ConfigError(f"{out_dir} already holds a model ({META_FILE}); pass --overwrite to replace it")
    return resolved


def train_from_config(
    config_path: str | Path, overrides: dict[str, Any] | None = None, overwrite: bool = False
) -> Path:
    """Train the model a config file describes and return its output directory."""
    return train(read_config(config_path, overrides), where=str(config_path), overwrite=overwrite)


def train_files(
    train: str | Path,
    dev: str | Path | None = None,
    test: str | Path | None = None,
    *,
    output: str | Path,
    family: str | None = None,
    config: str | Path | dict[str, Any] | None = None,
    data_format: str | None = None,
    scheme: str = "auto",
    overwrite: bool = False,
) -> Path:
    """Train on annotation files (CoNLL or JSONL, any labels) and return the scored model directory.

    ``config`` (a YAML file or a mapping) adds family keys (``params``, ``trainer``, …);
    ``family`` defaults to the config's, else ``crf``. Dev, when given, selects the model
    (CRF: a c1/c2 grid; transformer: the best epoch); test is only scored."""
    values: dict[str, Any] = {}
    where = "train"
    if isinstance(config, dict):
        values = dict(config)
    elif config is not None:
        values = read_config(config, require_family=False)
        where = str(config)
    for key in ("data_dir", "train_splits", "data"):
        if key in values:
            raise ConfigError(f"{where}: {key!r} comes from the --train/--dev/--test files here; leave it out")
    values["family"] = family or values.get("family") or "crf"
    files = {"train": str(train)}
    if dev:
        files["dev"] = str(dev)
    if test:
        files["test"] = str(test)
    values.update(data=files, train_splits=["train"], output_dir=str(output))
    if data_format:
        values["data_format"] = data_format
    if scheme != "auto":
        values["scheme"] = scheme
    return _train(values, where=where, overwrite=overwrite)


def _load_data(config: TrainConfig, where: str) -> tuple[dict[str, list[Record]], Path | dict[str, Path]]:
    if config.data:
        unknown = sorted(set(config.data) - set(SPLITS))
        if unknown:
            raise ConfigError(f"{where}: 'data' names splits {', '.join(unknown)}; expected train, dev, test")
        paths = {split: Path(p) for split, p in config.data.items()}
        corpus = {}
        for split, path in paths.items():
            if not path.is_file():
                raise ConfigError(f"{where}: the {split} file {path} does not exist")
            try:
                corpus[split] = read_any(path, config.data_format, scheme=config.scheme)
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
            except ValueError as exc:
                raise ConfigError(f"{path}: {exc}") from exc
        return corpus, paths
    data_dir = Path(config.data_dir)
    return load_corpus(data_dir), data_dir


def train(values: dict[str, Any] | TrainConfig, where: str = "config", overwrite: bool = False) -> Path:
    """Train from a config mapping (or a typed config) and return the scored model directory."""
    from ._version import __version__

    config = values if isinstance(values, TrainConfig) else parse_config(values, where)
    family = get_family(config.family)
    out_dir = check_output_dir(Path(config.output_dir or f"models/{config.family}"), overwrite)
    corpus, data_at = _load_data(config, where)
    missing = [s for s in config.train_splits if s not in corpus]
    if missing:
        raise ConfigError(f"{where}: {data_at} has no {', '.join(missing)} split to train on")
    if config.limit:
        # `limit: 32` keeps the first 32 records of each split; `{train: 16, dev: 8}` per split (smoke runs).
        per = config.limit if isinstance(config.limit, dict) else {s: config.limit for s in corpus}
        corpus = {s: recs[: per[s]] if per.get(s) else recs for s, recs in corpus.items()}
    train_records: list[Record] = [r for s in config.train_splits for r in corpus[s]]
    if not train_records:
        raise ConfigError(f"{where}: the training data is empty")
    if config.augment:
        train_records += augmented(train_records, config.augment, where)
    labels = corpus_labels(r for records in corpus.values() for r in records)
    dev = corpus.get("dev", []) if "dev" not in config.train_splits else []
    meta = {
        "labels": list(labels),
        "library_version": __version__,
        "train_splits": list(config.train_splits),
        "data_sha256": data_hash(data_at, list(config.train_splits)),
        "augment": config.augment,
        "data_files_sha256": {
            _split_path(data_at, s).name: hashlib.sha256(_split_path(data_at, s).read_bytes()).hexdigest()
            for s in corpus
        },
    }
    # Train into a temporary directory next to the output and move the result there only when
    # everything worked: a failed run writes nothing (no empty or half-written model directory).
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # A resumable family (the transformer's Trainer) keeps its checkpoints in out_dir itself, so
    # that running the same command again after an interruption resumes.
    work = (
        out_dir if family.resumable else Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.training-", dir=out_dir.parent))
    )
    try:
        family.train(config, TrainingData(train_records, dev, labels), work, meta)
        metrics, report = score_model_dir(
            work, {s: corpus[s] for s in SPLITS if s in corpus and s not in config.train_splits}
        )
        stored = read_meta(work)
        stored["metrics"] = metrics
        write_meta(work, stored)
        card = (
            family.model_card(stored, report) if family.model_card is not None else generic_model_card(stored, report)
        )
        (work / "README.md").write_text(card, encoding="utf-8")
        if work != out_dir:
            _move_into(work, out_dir)
    finally:
        if work != out_dir:
            shutil.rmtree(work, ignore_errors=True)
    return out_dir


def augmented(records: list[Record], options: dict[str, Any], where: str = "config") -> list[Record]:
    """New records made from ``records`` by :func:`thidua_ner.augment.augment` (train only, seeded)."""
    unknown = sorted(set(options) - {"seed", "rate"})
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) in 'augment': {', '.join(unknown)} (known: seed, rate)")
    extra = augment(
        [r.to_json() for r in records], seed=int(options.get("seed", 13)), rate=float(options.get("rate", 0.3))
    )
    return [parse_record(row, f"augmented {row['id']}") for row in extra]


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


_train = train  # train_files has a parameter called train


def generic_model_card(meta: dict[str, Any], report: str) -> str:
    """README.md of a model directory: family, labels, data, parameters and how they were chosen, scores."""
    import json

    lines = [
        f"# thidua_ner model ({meta.get('family')})",
        "",
        f"- labels: {', '.join(meta.get('labels', []))}",
        f"- library version: {meta.get('library_version')}",
        f"- trained on: {', '.join(meta.get('train_splits', []))} ({meta.get('train_sentences', '?')} sentences)",
        f"- data sha256: {meta.get('data_sha256')}",
    ]
    if meta.get("params"):
        lines.append(f"- parameters: `{json.dumps(meta['params'], ensure_ascii=False)}`")
    selection = meta.get("selection")
    if selection:
        lines += ["", "## Model selection", "", selection.get("how", ""), "", "| params | dev F1 |", "|---|---|"]
        for point in selection.get("grid", []):
            mark = " (chosen)" if point["params"] == selection.get("chosen") else ""
            lines.append(f"| `{json.dumps(point['params'])}`{mark} | {point['dev_f1']:.4f} |")
    if report:
        lines += ["", "## Scores", "", "```", report, "```"]
    lines += ["", 'Load it with `thidua_ner.load("<this directory>")`.', ""]
    return "\n".join(lines)


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


__all__ = [
    "META_FILE",
    "check_output_dir",
    "data_hash",
    "parse_config",
    "read_config",
    "score_model_dir",
    "train",
    "train_files",
    "train_from_config",
]
