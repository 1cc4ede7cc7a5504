"""Transformer token classifiers (PhoBERT first, XLM-R, e5, any BERT-like encoder).

The library owns the alignment, so training and inference see the same input:

1. syllable tokens → words (:mod:`thidua_ner.segment`; PhoBERT words are joined with
   ``_`` as in its pre-training data: ``Nguyễn_Văn_A``),
2. words → sub-words, tokenised word by word (PhobertTokenizer is slow-only and has no
   offset mapping, so ``word_ids()`` is not an option), then wrapped in the tokenizer's
   own special tokens (``<s>`` … ``</s>``),
3. a label on the first sub-word of each word; a predicted word label goes back to its
   syllables as ``B-X I-X …`` (or ``I-X I-X …``).

Sentences longer than ``max_length`` sub-words are tagged in overlapping windows of
whole words; each word takes its label from the window where it sits farthest from a
cut, so nothing is dropped or counted twice.

A model directory holds the Hugging Face files (``config.json`` with ``id2label``,
weights, tokenizer files) and ``thidua_ner.json``::

    {"family": "transformer", "base_model": "vinai/phobert-base", "segmentation": "underthesea",
     "max_length": 256, "word_joiner": "_", "library_version": "...", "data_sha256": "...", "metrics": {...}}

The device defaults to CPU; ``THIDUA_NER_DEVICE=cuda`` (or ``tagger.to("cuda")``) moves it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer, PreTrainedTokenizerBase

from ...errors import ModelLoadError
from ...text.words import DEFAULT_BACKEND, Word, join_word, segment, split_at_boundaries
from ..base import Tagger

IGNORE = -100  # the label index torch's cross-entropy skips (non-first sub-words, specials)
_PHOBERT_FILES = ("vocab.txt", "bpe.codes")


# ---------------------------------------------------------------------------- tokenizer helpers


def load_tokenizer(name_or_path: str | Path) -> PreTrainedTokenizerBase:
    """A tokenizer from a hub id or directory. A bare PhoBERT folder (just ``vocab.txt`` and
    ``bpe.codes``, as in the fairseq release) is recognised and opened as ``PhobertTokenizer``."""
    path = Path(name_or_path)
    if (
        path.is_dir()
        and all((path / f).is_file() for f in _PHOBERT_FILES)
        and not (path / "tokenizer_config.json").is_file()
    ):
        from transformers import PhobertTokenizer

        return PhobertTokenizer(vocab_file=str(path / "vocab.txt"), merges_file=str(path / "bpe.codes"))
    return AutoTokenizer.from_pretrained(str(name_or_path))


def is_phobert(tokenizer: PreTrainedTokenizerBase) -> bool:
    return "phobert" in type(tokenizer).__name__.lower()


def default_joiner(tokenizer: PreTrainedTokenizerBase) -> str:
    """How a multi-syllable word is written for ``tokenizer``: PhoBERT saw ``sinh_viên``,
    sentencepiece models saw ordinary spaces."""
    return "_" if is_phobert(tokenizer) else " "


def special_tokens_around(tokenizer: PreTrainedTokenizerBase) -> tuple[list[int], list[int]]:
    """The ids the tokenizer puts before and after a single text (``<s>`` … ``</s>`` for
    PhoBERT/XLM-R, ``[CLS]`` … ``[SEP]`` for BERT). Found by encoding a probe with and without
    specials: fast tokenizers in transformers 5 have no ``build_inputs_with_special_tokens``."""
    bare = tokenizer("a", add_special_tokens=False)["input_ids"]
    full = tokenizer("a")["input_ids"]
    for lead in range(len(full) - len(bare) + 1):
        if full[lead : lead + len(bare)] == bare:
            return list(full[:lead]), list(full[lead + len(bare) :])
    raise ValueError(f"cannot tell the special tokens of {type(tokenizer).__name__}")


@dataclass
class Window:
    """Words ``[lo, hi)`` of one sentence encoded as one model input."""

    sentence: int
    lo: int
    hi: int
    input_ids: list[int]
    first_positions: list[int]  # position in input_ids of each word's first sub-word


class WordEncoder:
    """Syllables → words → sub-word ids, shared by training and inference."""

    def __init__(
        self,
        tokenizer: PreTrainedTokenizerBase,
        segmentation: str = DEFAULT_BACKEND,
        max_length: int = 256,
        word_joiner: str | None = None,
        cache_size: int = 200_000,
    ) -> None:
        self.tokenizer = tokenizer
        self.segmentation = segmentation
        self.max_length = max_length
        self.joiner = default_joiner(tokenizer) if word_joiner is None else word_joiner
        self.prefix, self.suffix = special_tokens_around(tokenizer)
        self.budget = max_length - len(self.prefix) - len(self.suffix)
        if self.budget < 8:
            raise ValueError(f"max_length {max_length} leaves no room for words")
        self.unk = tokenizer.unk_token_id if tokenizer.unk_token_id is not None else 0
        self._cache: dict[str, list[int]] = {}
        self._cache_size = cache_size

    def words(self, tokens: Sequence[str]) -> list[Word]:
        return segment(tokens, self.segmentation)

    def word_strings(self, tokens: Sequence[str], words: Sequence[Word]) -> list[str]:
        return [unicodedata.normalize("NFC", join_word([tokens[i] for i in w], self.joiner)) for w in words]

    def piece_ids(self, word_strings: Sequence[str]) -> list[list[int]]:
        """Sub-word ids of each word, tokenised on its own (cached: news repeats words)."""
        missing = list(dict.fromkeys(w for w in word_strings if w not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self._cache_size:
                self._cache.clear()
            encoded = self.tokenizer(missing, add_special_tokens=False)["input_ids"]
            for word, ids in zip(missing, encoded):
                # A word the tokenizer drops entirely (an odd symbol) still needs a slot.
                self._cache[word] = list(ids[: self.budget]) or [self.unk]
        return [self._cache[w] for w in word_strings]

    def windows(self, pieces: Sequence[Sequence[int]], sentence: int = 0) -> list[Window]:
        """Cut a sentence's words into windows of at most ``max_length`` ids, overlapping by
        about half a window so every word has a window where it is far from a cut."""
        counts = [len(p) for p in pieces]
        n = len(counts)
        out: list[Window] = []
        lo = 0
        while lo < n:
            hi, total = lo, 0
            while hi < n and total + counts[hi] <= self.budget:
                total += counts[hi]
                hi += 1
            out.append(self._encode(pieces, sentence, lo, hi))
            if hi >= n:
                break
            # Next window starts after the first half of this one (always moving forward).
            nxt, consumed = lo, 0
            while nxt < hi - 1 and consumed + counts[nxt] <= total // 2:
                consumed += counts[nxt]
                nxt += 1
            lo = max(nxt, lo + 1)
        return out

    def _encode(self, pieces: Sequence[Sequence[int]], sentence: int, lo: int, hi: int) -> Window:
        ids = list(self.prefix)
        firsts = []
        for p in pieces[lo:hi]:
            firsts.append(len(ids))
            ids.extend(p)
        ids.extend(self.suffix)
        return Window(sentence, lo, hi, ids, firsts)

    def encode_sentence(self, tokens: Sequence[str], sentence: int = 0) -> tuple[list[Word], list[Window]]:
        words = self.words(tokens)
        return words, self.windows(self.piece_ids(self.word_strings(tokens, words)), sentence)

    def training_features(self, tokens: Sequence[str], tags: Sequence[str], label2id: dict[str, int]) -> list[dict]:
        """Model inputs with word labels for one gold sentence (one row per window).

        Words are split at gold entity edges first, so every word has one true label.
        """
        words = split_at_boundaries(self.words(tokens), tags)
        pieces = self.piece_ids(self.word_strings(tokens, words))
        rows = []
        for win in self.windows(pieces):
            labels = [IGNORE] * len(win.input_ids)
            for k, pos in enumerate(win.first_positions):
                labels[pos] = label2id[tags[words[win.lo + k][0]]]
            rows.append({"input_ids": win.input_ids, "attention_mask": [1] * len(win.input_ids), "labels": labels})
        return rows


def word_tags_to_syllables(words: Sequence[Word], labels: Sequence[str], n_tokens: int) -> list[str]:
    """Spread word labels over syllables: ``B-X`` on the first, ``I-X`` on the rest. An ``I-X``
    word that does not continue an ``X`` entity starts one (so window seams never split spans
    into fragments with a dangling ``I-``)."""
    tags = ["O"] * n_tokens
    prev = "O"
    for word, label in zip(words, labels):
        if label != "O":
            prefix, _, name = label.partition("-")
            if prefix == "I" and prev[2:] != name:
                prefix = "B"
            tags[word[0]] = f"{prefix}-{name}"
            for i in word[1:]:
                tags[i] = f"I-{name}"
        prev = label if label == "O" else f"I-{label[2:]}"
    return tags


# ---------------------------------------------------------------------------- the tagger


class TransformerTagger(Tagger):
    """A fine-tuned token classifier behind the :class:`Tagger` interface."""

    family = "transformer"

    def __init__(
        self,
        path: str | Path,
        meta: dict[str, Any] | None = None,
        device: str | torch.device = "cpu",
        batch_size: int = 16,
    ) -> None:
        self.path = Path(path)
        meta = meta or {}
        self.model = AutoModelForTokenClassification.from_pretrained(str(self.path))
        self.model.eval()
        self.tokenizer = load_tokenizer(self.path)
        self.id2label = {int(k): v for k, v in self.model.config.id2label.items()}
        self.encoder = WordEncoder(
            self.tokenizer,
            segmentation=meta.get("segmentation", DEFAULT_BACKEND),
            max_length=int(meta.get("max_length", 256)),
            word_joiner=meta.get("word_joiner"),
        )
        self.batch_size = batch_size
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        self.device = torch.device("cpu")
        self.to(device)

    def to(self, device: str | torch.device) -> TransformerTagger:
        self.device = torch.device(device)
        self.model.to(self.device)
        return self

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        return [tags for tags, _ in self.tag_with_scores(batch)]

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        """Tags and, per syllable, the softmax probability of its word's predicted label."""
        sentences = [list(tokens) for tokens in batch]
        all_words: list[list[Word]] = []
        windows: list[Window] = []
        for s, tokens in enumerate(sentences):
            words, wins = self.encoder.encode_sentence(tokens, s) if tokens else ([], [])
            all_words.append(words)
            windows.extend(wins)

        predictions = self._predict(windows)
        # For each word keep the prediction from the window where it is farthest from a cut
        # (a sentence's own start and end are not cuts).
        best: list[list[tuple[float, int, float]]] = [[(-1.0, 0, 0.0)] * len(w) for w in all_words]
        for win, (label_ids, probs) in zip(windows, predictions):
            n = len(all_words[win.sentence])
            for k in range(win.hi - win.lo):
                j = win.lo + k
                left = k if win.lo > 0 else float("inf")
                right = win.hi - 1 - j if win.hi < n else float("inf")
                margin = min(left, right)
                if margin > best[win.sentence][j][0]:
                    best[win.sentence][j] = (margin, label_ids[k], probs[k])

        out: list[tuple[list[str], list[float] | None]] = []
        for tokens, words, chosen in zip(sentences, all_words, best):
            labels = [self.id2label[c[1]] for c in chosen]
            tags = word_tags_to_syllables(words, labels, len(tokens))
            scores = [0.0] * len(tokens)
            for word, c in zip(words, chosen):
                for i in word:
                    scores[i] = c[2]
            out.append((tags, scores))
        return out

    def _predict(self, windows: Sequence[Window]) -> list[tuple[list[int], list[float]]]:
        """Label id and its probability for each word of each window; batched by length."""
        results: list[tuple[list[int], list[float]]] = [([], [])] * len(windows)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids), reverse=True)
        with torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                chunk = order[lo : lo + self.batch_size]
                width = max(len(windows[i].input_ids) for i in chunk)
                ids = torch.full((len(chunk), width), self.pad_id, dtype=torch.long)
                mask = torch.zeros((len(chunk), width), dtype=torch.long)
                for row, i in enumerate(chunk):
                    seq = windows[i].input_ids
                    ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
                    mask[row, : len(seq)] = 1
                logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
                probs, labels = torch.softmax(logits.float(), dim=-1).max(dim=-1)
                probs, labels = probs.cpu(), labels.cpu()
                for row, i in enumerate(chunk):
                    pos = torch.tensor(windows[i].first_positions, dtype=torch.long)
                    results[i] = (labels[row, pos].tolist(), probs[row, pos].tolist())
        return results


def load(path: Path, meta: dict[str, Any]) -> TransformerTagger:
    if not (path / "config.json").is_file():
        raise ModelLoadError(f"{path}: config.json of the transformer model is missing")
    if not any(
        (path / f).is_file() for f in ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")
    ):
        raise ModelLoadError(f"{path}: the transformer weights (model.safetensors) are missing")
    device = os.environ.get("THIDUA_NER_DEVICE", "cpu")
    return TransformerTagger(path, meta, device=device)
