"""Fine-tune a transformer token classifier (PhoBERT, XLM-R, e5, …) from a typed config.

    thidua-ner train --config training/configs/phobert-base.yaml

The corpus goes through :func:`thidua_ner.formats.corpus.to_dataset_dict` and the
library's own alignment (:class:`~thidua_ner.families.transformer.tagger.WordEncoder`); the
``transformers`` Trainer does the rest: evaluation on dev every epoch (seqeval entity
micro-F1 on word labels), the best epoch kept, early stopping, fixed seeds, and automatic
resumption from the last checkpoint in ``output_dir`` after an interruption.

Config (:class:`TransformerConfig`)::

    family: transformer
    base_model: vinai/phobert-base     # hub id or local directory
    tokenizer: null                    # defaults to base_model (a bare vocab.txt+bpe.codes folder works)
    init: pretrained                   # or "random": a fresh model from model_config (tests, smoke runs)
    model_config: {}                   # with init: random, e.g. {num_hidden_layers: 2, hidden_size: 64}
    segmentation: underthesea          # underthesea | pyvi | none
    max_length: 256
    head_learning_rate: null           # a separate rate for the new classification head
    freeze_embeddings: false
    early_stopping_patience: 3
    trainer:                           # handed whole to transformers.TrainingArguments (checked against it)
      num_train_epochs: 10
      learning_rate: 3.0e-5
      warmup_steps: 0.1                # transformers >= 5: a float below 1 is a ratio of the steps

The label set comes from the training data and sizes the classification head.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ConfigError, ModelLoadError
from ...formats.corpus import to_dataset_dict
from ...schema import tags_for
from ..base import TrainConfig, TrainingData, write_meta

log = logging.getLogger(__name__)

#: What TrainingArguments gets unless the config's ``trainer`` block says otherwise.
TRAINER_DEFAULTS: dict[str, Any] = {
    "num_train_epochs": 10,
    "per_device_train_batch_size": 16,
    "per_device_eval_batch_size": 32,
    "learning_rate": 3e-5,
    "weight_decay": 0.01,
    "warmup_steps": 0.1,
    "lr_scheduler_type": "linear",
    "max_grad_norm": 1.0,
    "logging_strategy": "steps",
    "logging_steps": 10,
    "eval_strategy": "epoch",
    "save_strategy": "epoch",
    "save_total_limit": 2,
    "load_best_model_at_end": True,
    "metric_for_best_model": "f1",
    "greater_is_better": True,
    "report_to": "none",
    "dataloader_num_workers": 0,
}
_OURS = ("output_dir", "seed", "data_seed", "use_cpu")  # set from the config's own keys


@dataclass
class TransformerConfig(TrainConfig):
    """``family: transformer``. ``trainer`` is handed whole to ``transformers.TrainingArguments``."""

    base_model: str = "vinai/phobert-base"
    tokenizer: str | None = None
    init: str = "pretrained"
    model_config: dict[str, Any] = field(default_factory=dict)
    model_type: str = "roberta"
    segmentation: str = "underthesea"
    word_joiner: str | None = None
    max_length: int = 256
    head_learning_rate: float | None = None
    freeze_embeddings: bool = False
    early_stopping_patience: int = 3
    resume: Any = True
    keep_checkpoints: bool = False
    device: str = "auto"
    progress_bar: bool = True
    license: str | None = None
    seed: int = 42
    trainer: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from transformers import TrainingArguments

        if self.init not in ("pretrained", "random"):
            raise ConfigError(f"init must be 'pretrained' or 'random', not {self.init!r}")
        known = {f.name: f for f in dataclasses.fields(TrainingArguments)}
        unknown = sorted(set(self.trainer) - set(known))
        if unknown:
            raise ConfigError(f"unknown TrainingArguments key(s) in 'trainer': {', '.join(unknown)}")
        taken = sorted(set(self.trainer) & set(_OURS))
        if taken:
            raise ConfigError(f"'trainer' may not set {', '.join(taken)}: use the config's own keys")
        # YAML 1.1 reads "3e-5" (no dot) as a string; accept it rather than fail deep inside torch.
        for key, value in list(self.trainer.items()):
            if isinstance(value, str) and known[key].type in (float, "float"):
                try:
                    self.trainer[key] = float(value)
                except ValueError as exc:
                    raise ConfigError(f"trainer.{key} must be a number, not {value!r}") from exc

    def training_arguments(self, out_dir: Path, use_cpu: bool) -> Any:
        from transformers import TrainingArguments

        block = {**TRAINER_DEFAULTS, "disable_tqdm": not self.progress_bar, **self.trainer}
        return TrainingArguments(output_dir=str(out_dir), seed=self.seed, data_seed=self.seed, use_cpu=use_cpu, **block)


# ---------------------------------------------------------------------------- model


def build_model(config: TransformerConfig, tokenizer: Any, tags: tuple[str, ...]) -> Any:
    """A token classifier sized for ``tags``: pre-trained weights, or a fresh random model."""
    from transformers import AutoConfig, AutoModelForTokenClassification

    id2label = dict(enumerate(tags))
    label2id = {t: i for i, t in id2label.items()}
    if config.init == "pretrained":
        return AutoModelForTokenClassification.from_pretrained(
            config.base_model, num_labels=len(tags), id2label=id2label, label2id=label2id
        )
    model_config = dict(config.model_config)
    model_type = model_config.pop("model_type", config.model_type)
    # RoBERTa-style models (PhoBERT, XLM-R) number positions from padding_idx + 1.
    offset = 2 if model_type in ("roberta", "xlm-roberta", "camembert") else 0
    model_config.setdefault("max_position_embeddings", config.max_length + offset)
    hf_config = AutoConfig.for_model(
        model_type,
        vocab_size=len(tokenizer),
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        num_labels=len(tags),
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


def _metrics_for(tags: tuple[str, ...]):
    return lambda eval_pred: _compute_metrics(eval_pred, tags)


def _compute_metrics(eval_pred: Any, tags: tuple[str, ...]) -> dict[str, float]:
    """seqeval strict IOB2 entity micro P/R/F1 on word labels (first sub-word of each word)."""
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    logits, labels = eval_pred.predictions, eval_pred.label_ids
    preds = np.argmax(logits, axis=-1)
    gold_seqs, pred_seqs = [], []
    for pred_row, gold_row in zip(preds, labels):
        keep = gold_row != -100
        gold_seqs.append([tags[i] for i in gold_row[keep]])
        pred_seqs.append([tags[i] for i in pred_row[keep]])
    kwargs = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {
        "precision": float(precision_score(gold_seqs, pred_seqs, **kwargs)),
        "recall": float(recall_score(gold_seqs, pred_seqs, **kwargs)),
        "f1": float(f1_score(gold_seqs, pred_seqs, **kwargs)),
    }


# ---------------------------------------------------------------------------- training


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
            (
                getattr(dataset, "_fingerprint", len(dataset)),
                type(encoder.tokenizer).__name__,
                len(encoder.tokenizer),
                encoder.segmentation,
                encoder.max_length,
                encoder.joiner,
            )
        ).encode()
    ).hexdigest()[:16]
    # Windows of a long sentence become extra rows, so map in batches and drop the old columns.
    return dataset.map(
        encode, batched=True, remove_columns=dataset.column_names, desc="aligning", new_fingerprint=fingerprint
    )


def _from_hub(make: Any, name: str) -> Any:
    """``make()``, with a missing download (offline, no cache, a wrong name) as one ModelLoadError line."""
    try:
        return make()
    except OSError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelLoadError(
            f"cannot load {name!r}: it is not a local directory and could not be fetched from the Hugging Face hub "
            f"or found in its cache ({first}); download it where there is network, or set base_model to a local copy"
        ) from exc


def train(config: TransformerConfig, data: TrainingData, out_dir: Path, meta: dict[str, Any]) -> Path:
    """Fine-tune on ``data`` and write a model directory (the family's training entry point)."""
    import torch
    import transformers
    from transformers import DataCollatorForTokenClassification, EarlyStoppingCallback, set_seed
    from transformers.trainer_utils import get_last_checkpoint

    from .tagger import WordEncoder, default_joiner, load_tokenizer

    set_seed(config.seed)
    if not data.dev:
        raise ConfigError("the transformer family needs dev data: it picks the best epoch on it")
    tokenizer = _from_hub(
        lambda: load_tokenizer(config.tokenizer or config.base_model), config.tokenizer or config.base_model
    )
    tags = tags_for(data.labels)
    dd = to_dataset_dict({"train": data.train, "dev": data.dev}, labels=data.labels)
    joiner = config.word_joiner if config.word_joiner is not None else default_joiner(tokenizer)
    encoder = WordEncoder(tokenizer, config.segmentation, config.max_length, joiner)
    label2id = {t: i for i, t in enumerate(tags)}
    train_ds = _features(dd["train"], encoder, label2id)
    dev_ds = _features(dd["dev"], encoder, label2id)

    out_dir.mkdir(parents=True, exist_ok=True)
    model = _from_hub(lambda: build_model(config, tokenizer, tags), config.base_model)
    if config.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    use_cpu = config.device == "cpu" or (config.device == "auto" and not torch.cuda.is_available())
    args = config.training_arguments(out_dir, use_cpu)
    callbacks = []
    if config.early_stopping_patience:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=config.early_stopping_patience))
    trainer = _trainer_class(config.head_learning_rate)(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=dev_ds,
        processing_class=tokenizer,
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=_metrics_for(tags),
        callbacks=callbacks,
    )
    resume = None
    if config.resume:
        resume = config.resume if isinstance(config.resume, str) else get_last_checkpoint(str(out_dir))
        if resume:
            log.warning("resuming from %s", resume)
    result = trainer.train(resume_from_checkpoint=resume)

    # The best epoch is loaded back at the end; save it (and the tokenizer files, which for
    # PhoBERT are vocab.txt + bpe.codes) at the top of output_dir.
    trainer.save_model(str(out_dir))
    history = [e for e in trainer.state.log_history if "eval_f1" in e]
    meta = {
        "family": "transformer",
        "base_model": config.base_model,
        "init": config.init,
        "segmentation": config.segmentation,
        "word_joiner": joiner,
        "max_length": config.max_length,
        **meta,
        "tags": list(tags),
        "transformers_version": transformers.__version__,
        "train_sentences": len(data.train),
        "training": {
            "head_learning_rate": config.head_learning_rate,
            "freeze_embeddings": config.freeze_embeddings,
            "seed": config.seed,
            "early_stopping_patience": config.early_stopping_patience,
            "trainer": {k: v for k, v in args.to_dict().items() if k in {**TRAINER_DEFAULTS, **config.trainer}},
            "steps": result.global_step,
            "best_checkpoint_dev_f1": trainer.state.best_metric,
            "dev_f1_by_epoch": [round(e["eval_f1"], 4) for e in history],
        },
        "license": config.license or LICENSES.get(config.base_model),
    }
    write_meta(out_dir, meta)
    if not config.keep_checkpoints:
        for ckpt in out_dir.glob("checkpoint-*"):
            shutil.rmtree(ckpt, ignore_errors=True)
    return out_dir


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
        'nlp = thidua_ner.load("path/to/this/directory")',
        'doc = nlp("Chủ tịch UBND tỉnh Nguyễn Văn A trao Bằng khen cho 12 tập thể.")',
        "```",
        "",
        "| | |",
        "|---|---|",
        f"| base model | `{base}` ({'random initialisation, for tests only' if meta.get('init') == 'random' else 'fine-tuned'}) |",
        f"| base model licence | {licence} |",
        f"| word segmentation | {meta['segmentation']} (words joined with `{meta['word_joiner']}`) |",
        f"| max length | {meta['max_length']} sub-words; longer sentences are tagged in overlapping windows |",
        f"| trained on | {', '.join(meta['train_splits'])} ({meta['train_sentences']} sentences), data sha256 `{meta['data_sha256'][:16]}…` |",
        f"| training | lr {training.get('trainer', {}).get('learning_rate')}, head lr {training.get('head_learning_rate')}, "
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
