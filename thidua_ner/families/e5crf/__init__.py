"""The e5 hybrid family: frozen multilingual-e5-small context vectors as CRF features.

Importing this package does not import torch; loading or training a model does.
"""

from __future__ import annotations

from ..base import Family
from .tagger import E5CRFTagger, load
from .training import E5CRFConfig, train, train_e5crf

FAMILY = Family(name="e5crf", load=load, config_class=E5CRFConfig, train=train)

__all__ = ["FAMILY", "E5CRFConfig", "E5CRFTagger", "train_e5crf"]
