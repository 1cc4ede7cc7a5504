"""The transformer family (PhoBERT first): token classification over words with the library's
own character → syllable → word → sub-word alignment. Needs torch and transformers."""

from __future__ import annotations

from ..base import Family
from .tagger import TransformerTagger, load
from .training import TransformerConfig, model_card, train

FAMILY = Family(
    name="transformer", load=load, config_class=TransformerConfig, train=train, model_card=model_card, resumable=True
)

__all__ = ["FAMILY", "TransformerConfig", "TransformerTagger"]
