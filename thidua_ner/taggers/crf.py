"""The embedded default model: a linear-chain CRF (python-crfsuite) over syllables.

Features are chosen for this text: Vietnamese names are runs of capitalised
syllables, offices and awards start with a small set of head words, counts are a
number followed by a recipient noun, and campaign names sit inside quotes.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from ..gazetteers import Gazetteer
from .base import META_FILE, Tagger, register

MODEL_FILE = "model.crfsuite"
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.02,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}
_GAZ = Gazetteer()
_OPEN_Q = "“\"«‘"
_BREAKERS = frozenset(",;.():!?")


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 3 else "4-6" if distance <= 6 else "7-10" if distance <= 10 else "11+"

_CLOSE_Q = "”\"»’"


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d" if len(tok) < 3 else "ddd"
    if re.fullmatch(r"\d+(?:[.,]\d+)+", tok):
        return "d.d"
    if not tok[0].isalnum():
        return "p"
    if tok.isupper() and len(tok) > 1:
        return "XX"
    if tok[0].isupper():
        return "Xx"
    if any(c.isdigit() for c in tok):
        return "xd"
    return "x"


def _cap_runs(tokens: Sequence[str]) -> list[str]:
    """Position of each token in its run of Title-case syllables (B/I/E/S, O outside)."""
    caps = [t[:1].isupper() and not t.isupper() or (len(t) == 1 and t.isupper()) for t in tokens]
    out = ["O"] * len(tokens)
    i = 0
    while i < len(tokens):
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and caps[j + 1]:
            j += 1
        if i == j:
            out[i] = "S"
        else:
            out[i] = "B"
            out[j] = "E"
            for k in range(i + 1, j):
                out[k] = "I"
        out[i] += str(min(j - i + 1, 5))
        i = j + 1
    return out


def _quote_state(tokens: Sequence[str]) -> list[str]:
    """Whether each token is inside quotation marks, and whether it opens/closes them."""
    depth, out = 0, []
    for tok in tokens:
        if tok in _OPEN_Q and (tok != '"' or depth == 0):
            depth += 1
            out.append("open")
        elif tok in _CLOSE_Q and depth > 0:
            depth -= 1
            out.append("close")
        else:
            out.append("in" if depth else "out")
    return out


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """crfsuite feature strings for each token of one sentence."""
    lowered = [t.lower() for t in tokens]
    shapes = [_shape(t) for t in tokens]
    gaz = _GAZ.mark(lowered)
    runs = _cap_runs(tokens)
    quotes = _quote_state(tokens)
    n = len(tokens)
    stretch_head: list[tuple[str, int] | None] = []
    current: tuple[str, int] | None = None
    for i in range(n):
        if tokens[i] in _BREAKERS:
            current = None
        stretch_head.append((current[0], i - current[1]) if current else None)
        heads = [m.split("=")[0] for m in gaz[i] if m.endswith("=B") and m.split("=")[0] in ("award", "office", "camp")]
        if heads:
            current = (heads[0], i)
    feats: list[list[str]] = []
    for i, tok in enumerate(tokens):
        low = lowered[i]
        f = [
            "b",
            f"w={low}",
            f"s={shapes[i]}",
            f"run={runs[i]}",
            f"q={quotes[i]}",
        ]
        if tok != low:
            f.append(f"W={tok}")
        f.extend(f"g:{m}" for m in gaz[i])
        if i == 0:
            f.append("BOS")
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={lowered[j]}")
                f.append(f"s{d}={shapes[j]}")
                if abs(d) <= 2:
                    f.append(f"run{d}={runs[j][:1]}")
                    f.extend(f"g{d}:{m}" for m in gaz[j])
            elif abs(d) == 1:
                f.append(f"w{d}=<{'BOS' if d < 0 else 'EOS'}>")
        if i > 0:
            f.append(f"bi-={lowered[i - 1]}|{low}")
        if i + 1 < n:
            f.append(f"bi+={low}|{lowered[i + 1]}")
        if i > 1:
            f.append(f"tri-={lowered[i - 2]}|{lowered[i - 1]}|{low}")
        if i + 2 < n:
            f.append(f"tri+={low}|{lowered[i + 1]}|{lowered[i + 2]}")
        # The nearest head word to the left within the sentence: awards, offices and
        # campaigns are long and their inner words are ordinary.
        for j in range(i - 1, max(-1, i - 12), -1):
            heads = [m for m in gaz[j] if m.endswith("=B") and m.split("=")[0] in ("award", "office", "camp")]
            if heads:
                f.append(f"lefthead={heads[0]}@{min(i - j, 6)}")
                break
        # The head that opens the current comma-free stretch: long unquoted names
        # ("Đợt thi đua đặc biệt kỷ niệm … ra Lời kêu gọi thi đua ái quốc") run until punctuation.
        if stretch_head[i]:
            kind, dist = stretch_head[i]
            f.append(f"stretch={kind}@{_bucket(dist)}")
        feats.append(f)
    return feats


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


@register("crf")
def _load(path: Path, meta: dict[str, Any]) -> CRFTagger:
    model = path / meta.get("model_file", MODEL_FILE)
    if not model.is_file():
        from .base import ModelLoadError

        raise ModelLoadError(f"{path}: the CRF weights file {model.name} is missing")
    return CRFTagger(model)


def train_crf(
    examples: Iterable[tuple[Sequence[str], Sequence[str]]],
    out_dir: str | Path,
    params: dict[str, Any] | None = None,
    extra_meta: dict[str, Any] | None = None,
    verbose: bool = False,
) -> Path:
    """Train on ``(tokens, tags)`` pairs and write a model directory. Deterministic for given data."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    n = 0
    for tokens, tags in examples:
        if tokens:
            trainer.append(sentence_features(tokens), list(tags))
            n += 1
    if n == 0:
        raise ValueError("no training sentences: the training data is empty")
    merged = {**DEFAULT_PARAMS, **(params or {})}
    trainer.set_params(merged)
    started = time.perf_counter()
    trainer.train(str(out_dir / MODEL_FILE))
    meta = {
        "family": "crf",
        "model_file": MODEL_FILE,
        "params": merged,
        "train_sentences": n,
        "train_seconds": round(time.perf_counter() - started, 1),
        **(extra_meta or {}),
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return out_dir
