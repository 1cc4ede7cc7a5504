"""The CRF tagger (python-crfsuite): small, fast, no torch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from ...errors import ModelLoadError
from ..base import Tagger
from .features import DEFAULT_VERSION, VERSIONS, FeatureExtractor

MODEL_FILE = "model.crfsuite"


def model_attributes(tagger: pycrfsuite.Tagger) -> frozenset[str] | None:
    """The attributes the opened model has weights for, or ``None`` if they cannot be read
    back completely (then nothing is filtered)."""
    try:
        info = tagger.info()
        attributes = frozenset(info.attributes)
        if len(attributes) != int(info.header["num_attrs"]):
            return None
    except Exception:  # noqa: BLE001 - the dump parser is a convenience; without it we filter nothing
        return None
    return attributes


class CRFTagger(Tagger):
    """Linear-chain CRF tagger; small, fast, no torch.

    ``features``: the feature-set version the model was trained with (``features`` in its
    ``thidua_ner.json``; 1 for models that do not say).
    """

    family = "crf"

    def __init__(self, model_path: Path, features: int = DEFAULT_VERSION) -> None:
        self.model_path = Path(model_path)
        if features not in VERSIONS:
            raise ModelLoadError(
                f"{self.model_path}: feature set version {features!r} is unknown to this library "
                f"(it knows {', '.join(map(str, VERSIONS))}); upgrade thidua_ner"
            )
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.model_path))
        self.feature_version = features
        # Only the features the model knows go to crfsuite: it would ignore the others.
        self._features = FeatureExtractor(features, known=model_attributes(self._tagger))

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        features, tag = self._features, self._tagger.tag
        return [tag(features(tokens)) if tokens else [] for tokens in batch]

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        features, tag, marginal = self._features, self._tagger.tag, self._tagger.marginal
        out: list[tuple[list[str], list[float] | None]] = []
        for tokens in batch:
            if not tokens:
                out.append(([], []))
                continue
            tags = tag(features(tokens))
            out.append((tags, [marginal(t, i) for i, t in enumerate(tags)]))
        return out


def load(path: Path, meta: dict[str, Any]) -> CRFTagger:
    """Open the CRF model stored in ``path``."""
    model = path / meta.get("model_file", MODEL_FILE)
    if not model.is_file():
        raise ModelLoadError(f"{path}: the CRF weights file {model.name} is missing")
    return CRFTagger(model, features=meta.get("features", DEFAULT_VERSION))
