"""Fine-tune a transformer token classifier (PhoBERT, XLM-R, e5, …) from a YAML config.

    thidua-ner train --config training/configs/phobert-base.yaml
    # or: from thidua_ner.train_transformer import train_from_config

The corpus goes through :func:`thidua_ner.corpus.to_dataset_dict` and the
library's own alignment (:class:`~thidua_ner.taggers.transformer.WordEncoder`), the
``transformers`` Trainer does the rest: evaluation on dev every epoch (seqeval
entity micro-F1 on word labels), the best epoch kept, early stopping, fixed seeds,
and automatic resumption from the last checkpoint in ``output_dir`` after an
interruption. The finished ``output_dir`` is a model directory that
``thidua_ner.load(output_dir)`` opens, scored on dev and test with the library's
evaluator (:mod:`thidua_ner.evaluate`) and described by a model card.

Config keys (defaults in :data:`DEFAULTS`)::

    family: transformer
    base_model: vinai/phobert-base     # hub id or local directory
    tokenizer: null                    # defaults to base_model (a bare vocab.txt+bpe.codes folder works)
    init: pretrained                   # or "random": a fresh model from model_config (tests, smoke runs)
    model_config: {}                   # with init: random, e.g. {num_hidden_layers: 2, hidden_size: 64}
    segmentation: underthesea          # underthesea | pyvi | none
    max_length: 256
    learning_rate: 3.0e-5
    head_learning_rate: null           # a separate rate for the new classification head
    freeze_embeddings: false           # keep the word-embedding matrix fixed (big multilingual vocabularies)
    epochs: 10
    batch_size: 16
    seed: 42
    early_stopping_patience: 3
    data_dir: data/annotations
    output_dir: models/phobert-base

Relative paths resolve against the current directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .corpus import DEFAULT_CORPUS, SPLITS, Record, load_corpus, to_dataset_dict
from .labels import LABELS, TAGS
from .train import data_hash, read_config

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "family": "transformer",
    "base_model": "vinai/phobert-base",
    "tokenizer": None,
    "init": "pretrained",
    "model_config": {},
    "model_type": "roberta",
    "segmentation": "underthesea",
    "word_joiner": None,
    "max_length": 256,
    "learning_rate": 3e-5,
    "head_learning_rate": None,
    "freeze_embeddings": False,
    "weight_decay": 0.01,
    "warmup_ratio": 0.1,
    "lr_scheduler_type": "linear",
    "epochs": 10,
    "max_steps": -1,
    "batch_size": 16,
    "eval_batch_size": 32,
    "gradient_accumulation_steps": 1,
    "max_grad_norm": 1.0,
    "seed": 42,
    "early_stopping_patience": 3,
    "data_dir": None,
    "train_splits": ["train"],
    "limit": None,
    "output_dir": "models/transformer",
    "resume": True,
    "keep_checkpoints": False,
    "logging_steps": 10,
    "device": "auto",
    "fp16": False,
    "bf16": False,
    "progress_bar": True,
    "license": None,
}


# ---------------------------------------------------------------------------- config


def load_config(config_path: str | Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The YAML config merged over :data:`DEFAULTS` and under ``overrides``; unknown keys fail."""
    config = read_config(config_path, None)
    merged = {**DEFAULTS, **config, **{k: v for k, v in (overrides or {}).items() if v is not None}}
    unknown = sorted(set(merged) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"{config_path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(DEFAULTS))}")
    if merged["family"] != "transformer":
        raise ValueError(f"{config_path}: family is {merged['family']!r}, this trainer is for 'transformer'")
    if merged["init"] not in ("pretrained", "random"):
        raise ValueError(f"{config_path}: init must be 'pretrained' or 'random', not {merged['init']!r}")
    # YAML 1.1 reads "3e-5" (no dot) as a string; accept it rather than fail deep inside torch.
    for key in _FLOAT_KEYS:
        if isinstance(merged[key], str):
            try:
                merged[key] = float(merged[key])
            except ValueError as exc:
                raise ValueError(f"{config_path}: {key} must be a number, not {merged[key]!r}") from exc
    return merged


_FLOAT_KEYS = ("learning_rate", "head_learning_rate", "weight_decay", "warmup_ratio", "max_grad_norm", "epochs")


def _path(value: str | Path | None, default: Path) -> Path:
    path = Path(value) if value else default
    return path if path.is_absolute() else Path.cwd() / path


def file_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of each split file, so a model directory says exactly what it saw."""
    return {
        f"{s}.jsonl": hashlib.sha256((data_dir / f"{s}.jsonl").read_bytes()).hexdigest()
        for s in SPLITS
        if (data_dir / f"{s}.jsonl").is_file()
    }


# ---------------------------------------------------------------------------- model


def build_model(config: dict[str, Any], tokenizer: Any) -> Any:
    """A token classifier with our label set: pre-trained weights, or a fresh random model."""
    from transformers import AutoConfig, AutoModelForTokenClassification

    id2label = dict(enumerate(TAGS))
    label2id = {t: i for i, t in id2label.items()}
    if config["init"] == "pretrained":
        return AutoModelForTokenClassification.from_pretrained(
            config["base_model"], num_labels=len(TAGS), id2label=id2label, label2id=label2id
        )
    model_config = dict(config["model_config"])
    model_type = model_config.pop("model_type", config["model_type"])
    # RoBERTa-style models (PhoBERT, XLM-R) number positions from padding_idx + 1.
    offset = 2 if model_type in ("roberta", "xlm-roberta", "camembert") else 0
    model_config.setdefault("max_position_embeddings", config["max_length"] + offset)
    hf_config = AutoConfig.for_model(
        model_type,
        vocab_size=len(tokenizer),
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        num_labels=len(TAGS),
        id2label=id2label,
        label2id=label2id,
        **model_config,
    )
    return AutoModelForTokenClassification.from_config(hf_config)


def _head_parameter_names(model: Any) -> set[str]:
    """Parameters of the freshly initialised classification head (``classifier.*``)."""
    return {n for n, _ in model.named_parameters() if n.startswith(("classifier.", "score."))}


def _trainer_class(head_learning_rate: float | None):
    from transformers import Trainer

    class NERTrainer(Trainer):
        """Trainer with an optional separate learning rate for the new head: the head starts
        from random weights and learns faster than the pre-trained body should move."""

        def create_optimizer(self, model=None):
            if head_learning_rate is None or self.optimizer is not None:
                return super().create_optimizer(model)
            opt_model = self.model if model is None else model
            decay = set(self.get_decay_parameter_names(opt_model))
            head = _head_parameter_names(opt_model)
            groups: dict[tuple[bool, bool], list] = {}
            for name, param in opt_model.named_parameters():
                if param.requires_grad:
                    groups.setdefault((name in head, name in decay), []).append(param)
            optimizer_cls, kwargs = self.get_optimizer_cls_and_kwargs(self.args, opt_model)
            self.optimizer = optimizer_cls(
                [
                    {
                        "params": params,
                        "lr": head_learning_rate if is_head else self.args.learning_rate,
                        "weight_decay": self.args.weight_decay if decays else 0.0,
                    }
                    for (is_head, decays), params in groups.items()
                ],
                **kwargs,
            )
            return self.optimizer

    return NERTrainer


# ---------------------------------------------------------------------------- metrics


def _compute_metrics(eval_pred: Any) -> dict[str, float]:
    """seqeval strict IOB2 entity micro P/R/F1 on word labels (first sub-word of each word)."""
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    logits, labels = eval_pred.predictions, eval_pred.label_ids
    preds = np.argmax(logits, axis=-1)
    gold_seqs, pred_seqs = [], []
    for pred_row, gold_row in zip(preds, labels):
        keep = gold_row != -100
        gold_seqs.append([TAGS[i] for i in gold_row[keep]])
        pred_seqs.append([TAGS[i] for i in pred_row[keep]])
    kwargs = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {
        "precision": float(precision_score(gold_seqs, pred_seqs, **kwargs)),
        "recall": float(recall_score(gold_seqs, pred_seqs, **kwargs)),
        "f1": float(f1_score(gold_seqs, pred_seqs, **kwargs)),
    }


# ---------------------------------------------------------------------------- training


def _limited(corpus: dict[str, list[Record]], limit: Any) -> dict[str, list[Record]]:
    """``limit: 32`` keeps the first 32 records of each split; ``{train: 16, dev: 8}`` per split."""
    if not limit:
        return corpus
    per = limit if isinstance(limit, dict) else {s: limit for s in corpus}
    return {s: recs[: per[s]] if per.get(s) else recs for s, recs in corpus.items()}


def _features(dataset: Any, encoder: Any, label2id: dict[str, int]) -> Any:
    names = dataset.features["ner_tags"].feature.names

    def encode(batch: dict[str, list]) -> dict[str, list]:
        out: dict[str, list] = {"input_ids": [], "attention_mask": [], "labels": []}
        for tokens, tag_ids in zip(batch["tokens"], batch["ner_tags"]):
            if not tokens:
                continue
            for row in encoder.training_features(tokens, [names[t] for t in tag_ids], label2id):
                for key in out:
                    out[key].append(row[key])
        return out

    # Our own fingerprint: otherwise datasets pickles the closure, PhoBERT's 64k-merge tokenizer
    # included, only to hash it (8 s per split on 2 cores).
    fingerprint = hashlib.sha256(
        repr(
            (getattr(dataset, "_fingerprint", len(dataset)), type(encoder.tokenizer).__name__, len(encoder.tokenizer),
             encoder.segmentation, encoder.max_length, encoder.joiner)
        ).encode()
    ).hexdigest()[:16]
    # Windows of a long sentence become extra rows, so map in batches and drop the old columns.
    return dataset.map(
        encode, batched=True, remove_columns=dataset.column_names, desc="aligning", new_fingerprint=fingerprint
    )


def train_from_config(config_path: str | Path, overrides: dict[str, Any] | None = None) -> Path:
    """Fine-tune the model a YAML config describes; returns the finished model directory."""
    import torch
    import transformers
    from transformers import DataCollatorForTokenClassification, EarlyStoppingCallback, TrainingArguments, set_seed
    from transformers.trainer_utils import get_last_checkpoint

    from .taggers.transformer import WordEncoder, default_joiner, load_tokenizer

    config = load_config(config_path, overrides)
    set_seed(config["seed"])
    data_dir = _path(config["data_dir"], DEFAULT_CORPUS)
    out_dir = _path(config["output_dir"], Path("models/transformer"))
    out_dir.mkdir(parents=True, exist_ok=True)

    corpus = _limited(load_corpus(data_dir), config["limit"])
    train_splits = list(config["train_splits"])
    missing = [s for s in train_splits + ["dev"] if s not in corpus]
    if missing:
        raise ValueError(f"{data_dir}: no {', '.join(missing)}.jsonl (training needs the train splits and dev)")
    train_records = [r for s in train_splits for r in corpus[s]]
    dd = to_dataset_dict({"train": train_records, "dev": corpus["dev"]})

    tokenizer = load_tokenizer(config["tokenizer"] or config["base_model"])
    joiner = config["word_joiner"] if config["word_joiner"] is not None else default_joiner(tokenizer)
    encoder = WordEncoder(tokenizer, config["segmentation"], config["max_length"], joiner)
    label2id = {t: i for i, t in enumerate(TAGS)}
    train_ds = _features(dd["train"], encoder, label2id)
    dev_ds = _features(dd["dev"], encoder, label2id)

    model = build_model(config, tokenizer)
    if config["freeze_embeddings"]:
        model.get_input_embeddings().weight.requires_grad_(False)
    use_cpu = config["device"] == "cpu" or (config["device"] == "auto" and not torch.cuda.is_available())
    args = TrainingArguments(
        output_dir=str(out_dir),
        num_train_epochs=config["epochs"],
        max_steps=config["max_steps"],
        per_device_train_batch_size=config["batch_size"],
        per_device_eval_batch_size=config["eval_batch_size"],
        gradient_accumulation_steps=config["gradient_accumulation_steps"],
        learning_rate=config["learning_rate"],
        weight_decay=config["weight_decay"],
        warmup_steps=config["warmup_ratio"],
        lr_scheduler_type=config["lr_scheduler_type"],
        max_grad_norm=config["max_grad_norm"],
        eval_strategy="epoch",
        save_strategy="epoch",
        save_total_limit=2,
        load_best_model_at_end=True,
        metric_for_best_model="f1",
        greater_is_better=True,
        logging_strategy="steps",
        logging_steps=config["logging_steps"],
        seed=config["seed"],
        data_seed=config["seed"],
        use_cpu=use_cpu,
        fp16=config["fp16"],
        bf16=config["bf16"],
        report_to="none",
        disable_tqdm=not config["progress_bar"],
        dataloader_num_workers=0,
    )
    callbacks = []
    if config["early_stopping_patience"]:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=config["early_stopping_patience"]))
    trainer = _trainer_class(config["head_learning_rate"])(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=dev_ds,
        processing_class=tokenizer,
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=_compute_metrics,
        callbacks=callbacks,
    )
    resume = None
    if config["resume"]:
        resume = config["resume"] if isinstance(config["resume"], str) else get_last_checkpoint(str(out_dir))
        if resume:
            log.warning("resuming from %s", resume)
    result = trainer.train(resume_from_checkpoint=resume)

    # The best epoch is loaded back at the end; save it (and the tokenizer files, which for
    # PhoBERT are vocab.txt + bpe.codes) at the top of output_dir.
    trainer.save_model(str(out_dir))
    history = [e for e in trainer.state.log_history if "eval_f1" in e]
    meta = {
        "family": "transformer",
        "base_model": config["base_model"],
        "init": config["init"],
        "segmentation": config["segmentation"],
        "word_joiner": joiner,
        "max_length": config["max_length"],
        "labels": list(LABELS),
        "tags": list(TAGS),
        "library_version": _library_version(),
        "transformers_version": transformers.__version__,
        "train_splits": train_splits,
        "train_sentences": len(train_records),
        "data_sha256": data_hash(data_dir, [s for s in train_splits if (data_dir / f"{s}.jsonl").is_file()]),
        "data_files_sha256": file_hashes(data_dir),
        "training": {
            k: config[k]
            for k in (
                "learning_rate", "head_learning_rate", "freeze_embeddings", "epochs", "batch_size", "seed",
                "early_stopping_patience", "limit",
            )
        }
        | {
            "steps": result.global_step,
            "best_checkpoint_dev_f1": trainer.state.best_metric,
            "dev_f1_by_epoch": [round(e["eval_f1"], 4) for e in history],
        },
        "license": config["license"],
    }
    _write_meta(out_dir, meta)
    meta["metrics"], report = _score(out_dir, corpus)
    _write_meta(out_dir, meta)
    (out_dir / "README.md").write_text(model_card(meta, report), encoding="utf-8")
    if not config["keep_checkpoints"]:
        for ckpt in out_dir.glob("checkpoint-*"):
            shutil.rmtree(ckpt, ignore_errors=True)
    return out_dir


def _library_version() -> str:
    from . import __version__

    return __version__


def _write_meta(out_dir: Path, meta: dict[str, Any]) -> None:
    from .taggers.base import META_FILE

    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def _score(out_dir: Path, corpus: dict[str, Sequence[Record]]) -> tuple[dict[str, Any], str]:
    """Dev/test scores of the saved directory through the public loader, on syllables and
    character spans exactly like the other families (no gold word boundaries involved)."""
    from .evaluate import evaluate_records, format_report
    from .registry import load

    nlp = load(out_dir, events=False)
    metrics: dict[str, Any] = {}
    reports = []
    for split in ("dev", "test"):
        if not corpus.get(split):
            continue
        result = evaluate_records(nlp, corpus[split])
        metrics[split] = {
            "seqeval_micro_f1": result["seqeval"].get("micro avg", {}).get("f1-score", 0.0),
            "span_micro_f1": result["spans"]["micro"]["f1"],
            "span_per_label_f1": {k: v["f1"] for k, v in result["spans"]["per_label"].items()},
            "seqeval": result["seqeval"],
        }
        reports.append(f"{split}:\n{format_report(result)}")
    return metrics, "\n\n".join(reports)


LICENSES = {
    "vinai/phobert-base": "MIT",
    "vinai/phobert-large": "MIT",
    "vinai/phobert-base-v2": "AGPL-3.0",
    "FacebookAI/xlm-roberta-base": "MIT",
    "xlm-roberta-base": "MIT",
}


def model_card(meta: dict[str, Any], report: str = "") -> str:
    """A README.md for the model directory, written from ``thidua_ner.json``."""
    base = meta["base_model"]
    licence = meta.get("license") or LICENSES.get(base, "see the base model's licence")
    test = meta.get("metrics", {}).get("test", {})
    dev = meta.get("metrics", {}).get("dev", {})
    training = meta.get("training", {})

    def f1(m: dict[str, Any], key: str) -> str:
        return f"{m[key]:.3f}" if key in m else "–"

    lines = [
        f"# thidua_ner transformer model ({base})",
        "",
        "Named entities of Vietnamese emulation–commendation news: " + ", ".join(meta["labels"]) + ".",
        "",
        "```python",
        "import thidua_ner",
        "nlp = thidua_ner.load(\"path/to/this/directory\")",
        "doc = nlp(\"Chủ tịch UBND tỉnh Nguyễn Văn A trao Bằng khen cho 12 tập thể.\")",
        "```",
        "",
        "| | |",
        "|---|---|",
        f"| base model | `{base}` ({'random initialisation, for tests only' if meta.get('init') == 'random' else 'fine-tuned'}) |",
        f"| base model licence | {licence} |",
        f"| word segmentation | {meta['segmentation']} (words joined with `{meta['word_joiner']}`) |",
        f"| max length | {meta['max_length']} sub-words; longer sentences are tagged in overlapping windows |",
        f"| trained on | {', '.join(meta['train_splits'])} ({meta['train_sentences']} sentences), data sha256 `{meta['data_sha256'][:16]}…` |",
        f"| training | lr {training.get('learning_rate')}, head lr {training.get('head_learning_rate')}, "
        f"{training.get('steps')} steps, seed {training.get('seed')} |",
        f"| thidua_ner / transformers | {meta['library_version']} / {meta.get('transformers_version')} |",
        "",
        "## Scores",
        "",
        "| split | seqeval micro F1 (strict IOB2, syllables) | exact character-span micro F1 |",
        "|---|---|---|",
        f"| dev | {f1(dev, 'seqeval_micro_f1')} | {f1(dev, 'span_micro_f1')} |",
        f"| test | {f1(test, 'seqeval_micro_f1')} | {f1(test, 'span_micro_f1')} |",
        "",
        "The dev split also chose the best epoch, so its score is optimistic; test is held out.",
    ]
    if report:
        lines += ["", "```", report, "```"]
    return "\n".join(lines) + "\n"
