"""The CRF tagger (python-crfsuite): small, fast, no torch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from ...errors import ModelLoadError
from ..base import Tagger
from .features import sentence_features

MODEL_FILE = "model.crfsuite"


class CRFTagger(Tagger):
    """Linear-chain CRF tagger; small, fast, no torch."""

    family = "crf"

    def __init__(self, model_path: Path) -> None:
        self.model_path = Path(model_path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.model_path))

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        return [self._tagger.tag(sentence_features(tokens)) if tokens else [] for tokens in batch]

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        out = []
        for tokens in batch:
            if not tokens:
                out.append(([], []))
                continue
            tags = self._tagger.tag(sentence_features(tokens))
            out.append((tags, [self._tagger.marginal(t, i) for i, t in enumerate(tags)]))
        return out


def load(path: Path, meta: dict[str, Any]) -> CRFTagger:
    """Open the CRF model stored in ``path``."""
    model = path / meta.get("model_file", MODEL_FILE)
    if not model.is_file():
        raise ModelLoadError(f"{path}: the CRF weights file {model.name} is missing")
    return CRFTagger(model)
