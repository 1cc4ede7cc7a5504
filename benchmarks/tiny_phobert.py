"""A PhoBERT-path model for speed measurements: PhoBERT's real tokenizer and segmentation,
a small randomly initialised RoBERTa (its accuracy is meaningless; its speed is the
library's PhoBERT path minus the cost of a full-size encoder)."""

from __future__ import annotations

from pathlib import Path

import yaml

PHOBERT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "phobert-tokenizer"


def build_tiny_phobert(out_dir: Path, hidden: int = 256, layers: int = 4) -> Path:
    """Train a few steps (so the directory is a real trained-model directory) and return it."""
    from thidua_ner.training import train_from_config

    if not (PHOBERT_DIR / "bpe.codes").is_file():
        raise FileNotFoundError(f"{PHOBERT_DIR} is missing: the PhoBERT path needs its tokenizer files")
    out_dir = Path(out_dir)
    if (out_dir / "thidua_ner.json").is_file():
        return out_dir
    config = {
        "family": "transformer",
        "base_model": str(PHOBERT_DIR),
        "init": "random",
        "model_config": {
            "num_hidden_layers": layers,
            "hidden_size": hidden,
            "num_attention_heads": 4,
            "intermediate_size": hidden * 4,
            "max_position_embeddings": 258,
        },
        "segmentation": "underthesea",
        "limit": 32,
        "trainer": {"max_steps": 4, "num_train_epochs": 1, "per_device_train_batch_size": 8},
        "progress_bar": False,
        "output_dir": str(out_dir),
    }
    path = out_dir.parent / "tiny-phobert.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return train_from_config(path)
