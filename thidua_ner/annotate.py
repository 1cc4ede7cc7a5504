"""The annotation loop: pre-annotated Label Studio tasks, what to annotate next, learning curves.

- :func:`label_studio_tasks` — the model's predictions as Label Studio tasks (``extract --format label-studio``);
- :func:`suggest` — unlabelled sentences ranked by the model's uncertainty (``thidua-ner suggest``):
  a sentence's confidence is its least confident token (CRF: the marginal probability of the
  predicted tag; transformer: the softmax probability of the predicted label), lowest first;
- :func:`learning_curve` — F1 against training-set size (``thidua-ner learning-curve``).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError


def model_version(nlp) -> str:
    """A model's version string for Label Studio: name, family and library version."""
    from ._version import __version__

    return f"{nlp.name} ({nlp.tagger.family}, thidua_ner {__version__})"


def label_studio_tasks(nlp, inputs: Iterable[tuple[str, str]], batch_size: int = 64) -> list[dict[str, Any]]:
    """Tasks with the model's entities as predictions for ``(id, text)`` pairs."""
    from .formats.label_studio import predictions_to_label_studio

    inputs = list(inputs)
    docs = nlp.pipe((t for _, t in inputs), batch_size=batch_size)
    return predictions_to_label_studio(zip((i for i, _ in inputs), docs), model_version(nlp))


def sentence_confidences(nlp, inputs: Iterable[tuple[str, str]], batch_size: int = 64) -> list[dict[str, Any]]:
    """One row per sentence: ``source``, ``start``/``end`` (offsets into the input text), ``text``,
    ``confidence`` (its least confident token; 1.0 when the model gives no scores) and the mean."""
    rows: list[dict[str, Any]] = []
    pending: list[tuple[str, Any, Any]] = []
    for source, text in inputs:
        doc = nlp.make_doc(text)
        pending += [(source, doc, s) for s in doc.sentences if s.tokens]
    for lo in range(0, len(pending), batch_size):
        batch = pending[lo : lo + batch_size]
        results = nlp.tagger.tag_with_scores([[t.text for t in s.tokens] for _, _, s in batch])
        for (source, _doc, sentence), (_tags, scores) in zip(batch, results):
            scores = list(scores or [1.0])
            rows.append(
                {
                    "source": source,
                    "start": sentence.start,
                    "end": sentence.end,
                    "text": sentence.text,
                    "confidence": round(float(min(scores)), 6),
                    "mean_confidence": round(float(sum(scores) / len(scores)), 6),
                }
            )
    return rows


def suggest(nlp, inputs: Iterable[tuple[str, str]], top: int = 200, batch_size: int = 64) -> list[dict[str, Any]]:
    """The ``top`` least confident sentences (each distinct sentence once), least confident first.

    Ties keep input order, so the ranking is reproducible."""
    rows = sentence_confidences(nlp, inputs, batch_size)
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = " ".join(row["text"].split())
        if key not in seen:
            seen.add(key)
            unique.append(row)
    order = sorted(range(len(unique)), key=lambda i: (unique[i]["confidence"], unique[i]["mean_confidence"], i))
    return [{"rank": k + 1, **unique[i]} for k, i in enumerate(order[:top])]


DEFAULT_FRACTIONS = (0.1, 0.25, 0.5, 0.75, 1.0)


def learning_curve(
    train: str | Path,
    test: str | Path,
    output: str | Path,
    *,
    dev: str | Path | None = None,
    family: str = "crf",
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    config: str | Path | dict[str, Any] | None = None,
    data_format: str | None = None,
    seed: int = 13,
    overwrite: bool = False,
) -> list[dict[str, Any]]:
    """Train on growing fractions of ``train`` (a fixed shuffle by ``seed``; each fraction holds
    the smaller ones), score each model on ``test``, and write ``learning_curve.csv`` and
    ``learning_curve.png`` (if matplotlib is installed) in ``output``. Returns the CSV rows.

    ``dev`` is passed to every training (for the CRF it turns on the dev grid: slower)."""
    from .formats import read_any, write_any
    from .training import train_files

    if not fractions or any(not 0 < f <= 1 for f in fractions):
        raise ConfigError("fractions must be numbers in (0, 1]")
    records = read_any(train, data_format)
    if not records:
        raise ConfigError(f"{train}: no training records")
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    rows = []
    for fraction in sorted(set(fractions)):
        n = max(1, round(fraction * len(records)))
        part = output / f"train-{n}.jsonl"
        write_any([records[i] for i in sorted(order[:n])], part, "jsonl")
        model_dir = train_files(
            part, dev, test, output=output / f"model-{n}", family=family, config=config, overwrite=overwrite
        )
        from .families.base import read_meta

        metrics = read_meta(model_dir).get("metrics", {}).get("test", {})
        rows.append(
            {
                "fraction": fraction,
                "train_records": n,
                "train_spans": sum(len(records[i].spans) for i in order[:n]),
                "seqeval_micro_f1": round(metrics.get("seqeval_micro_f1", 0.0), 6),
                "span_micro_f1": round(metrics.get("span_micro_f1", 0.0), 6),
                "model_dir": str(model_dir),
            }
        )
        part.unlink()
    with open(output / "learning_curve.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _plot(rows, output / "learning_curve.png")
    return rows


def _plot(rows: list[dict[str, Any]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - the bench extra has matplotlib
        return
    fig, ax = plt.subplots(figsize=(5, 3.5), dpi=120)
    x = [r["train_records"] for r in rows]
    ax.plot(x, [r["seqeval_micro_f1"] for r in rows], marker="o", label="seqeval micro F1")
    ax.plot(x, [r["span_micro_f1"] for r in rows], marker="s", linestyle="--", label="exact-span micro F1")
    ax.set_xlabel("training records")
    ax.set_ylabel("F1 on test")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_suggestions(rows: list[dict[str, Any]], out, fmt: str = "jsonl") -> None:
    """Suggestions as JSON lines (all fields), plain text (one sentence a line) or Label Studio tasks."""
    import json

    if fmt == "txt":
        out.write("".join(" ".join(r["text"].split()) + "\n" for r in rows))
    elif fmt == "label-studio":
        tasks = [
            {"data": {"text": r["text"], "id": f"{r['source']}:{r['start']}", "confidence": r["confidence"]}}
            for r in rows
        ]
        out.write(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
