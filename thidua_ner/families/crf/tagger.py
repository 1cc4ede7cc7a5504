"""The CRF tagger (python-crfsuite): small, fast, no torch.

The C library trusts its model file: a truncated or foreign file crashes the process. So every
file is sniffed (:func:`check_crfsuite_file`) before pycrfsuite opens it, and one Tagger is used
under a lock: crfsuite's tagger keeps the current sentence in its own state, so it is not
thread-safe.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from ...errors import ModelLoadError
from ..base import Tagger
from .features import DEFAULT_VERSION, VERSIONS, FeatureExtractor

MODEL_FILE = "model.crfsuite"
# crfsuite's CRF1d model header: magic, file size, type, version, counts, then the offsets of its
# five chunks (features, label and attribute dictionaries, label and attribute references).
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNKS = (b"FEAT", b"CQDB", b"CQDB", b"LFRF", b"AFRF")


def check_crfsuite_file(path: Path) -> None:
    """Raise :class:`ModelLoadError` unless ``path`` looks like a whole crfsuite CRF1d model:
    the ``lCRF``/``FOMC`` magic, the size its header records, and its five chunks in place."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ModelLoadError(f"{path}: cannot read the CRF weights ({exc.strerror or exc})") from exc
    if size < _HEADER.size:
        raise ModelLoadError(f"{path} is not a crfsuite model: {size} bytes, shorter than its header")
    magic, recorded, kind, _version, _nf, _nl, _na, *offsets = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelLoadError(f"{path} is not a crfsuite model (it starts with {data[:8]!r}, not b'lCRF')")
    if recorded != size:
        raise ModelLoadError(f"{path} is damaged: {size} bytes where its header says {recorded} (truncated?)")
    for offset, chunk in zip(offsets, _CHUNKS):
        end = offset + 8
        if offset < _HEADER.size or end > size or data[offset : offset + 4] != chunk:
            raise ModelLoadError(f"{path} is damaged: its {chunk.decode()} section is not where the header says")
        (length,) = struct.unpack_from("<I", data, offset + 4)
        if offset + length > size:
            raise ModelLoadError(f"{path} is damaged: its {chunk.decode()} section runs past the end of the file")


def open_crfsuite(path: Path) -> pycrfsuite.Tagger:
    """A pycrfsuite Tagger on a checked model file; :class:`ModelLoadError` instead of a crash."""
    check_crfsuite_file(path)
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelLoadError(f"{path}: crfsuite cannot open it ({exc})") from exc
    return tagger


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
        self._tagger = open_crfsuite(self.model_path)
        self._lock = threading.Lock()
        self.feature_version = features
        # Only the features the model knows go to crfsuite: it would ignore the others.
        self._features = FeatureExtractor(features, known=model_attributes(self._tagger), encoded=True)

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[str]]:
        out = []
        for tokens in batch:
            if not tokens:
                out.append([])
                continue
            features = self._features(tokens)  # pure Python: outside the lock
            with self._lock:
                out.append(self._tagger.tag(features))
        return out

    def tag_with_scores(self, batch: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float] | None]]:
        out: list[tuple[list[str], list[float] | None]] = []
        for tokens in batch:
            if not tokens:
                out.append(([], []))
                continue
            features = self._features(tokens)
            # tag() leaves the sentence in the C tagger's state and marginal() reads it: one
            # thread at a time from tag to the last marginal.
            with self._lock:
                tags = self._tagger.tag(features)
                scores = [self._tagger.marginal(t, i) for i, t in enumerate(tags)]
            out.append((tags, scores))
        return out


def load(path: Path, meta: dict[str, Any]) -> CRFTagger:
    """Open the CRF model stored in ``path``."""
    model = path / meta.get("model_file", MODEL_FILE)
    if not model.is_file():
        raise ModelLoadError(f"{path}: the CRF weights file {model.name} is missing")
    return CRFTagger(model, features=meta.get("features", DEFAULT_VERSION))
