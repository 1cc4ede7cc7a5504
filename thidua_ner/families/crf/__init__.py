"""The CRF family: the embedded default model (python-crfsuite over syllable features)."""

from __future__ import annotations

from ..base import Family
from .tagger import CRFTagger, load
from .training import CRFConfig, train, train_crf

FAMILY = Family(name="crf", load=load, config_class=CRFConfig, train=train)

__all__ = ["FAMILY", "CRFConfig", "CRFTagger", "train_crf"]
