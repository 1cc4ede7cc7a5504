"""Baselines for the benchmark: a pure gazetteer/regex tagger and underthesea.ner.

Both expose ``pipe(texts, batch_size)`` yielding objects with ``.entities`` so
:func:`thidua_ner.scoring.evaluate_records` scores them like our pipelines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from thidua_ner.document import Entity
from thidua_ner.text.lexicon import GAZETTEERS


@dataclass
class _Doc:
    text: str
    entities: list[Entity] = field(default_factory=list)


def _alt(entries) -> str:
    phrases = sorted({" ".join(e) for e in entries}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in phrases)


_CAP = r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][^\s,.;:!?“”\"()]*"
_SURNAME = "|".join(sorted((w[0].capitalize() for w in GAZETTEERS["surname"] if len(w) == 1), key=len, reverse=True))
_TAIL = (
    r"(?:\s+(?:hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba|I{1,3}|\d)|của\s+(?:"
    + _CAP
    + r"\s*)+|"
    + _CAP
    + r"|cấp\s+\w+|toàn diện|đột xuất|chuyên đề|\d+\s+năm\s+tuổi\s+Đảng))*"
)
PATTERNS = [
    (
        "CAMPAIGN",
        re.compile(r"(?:phong trào|cuộc vận động|đợt thi đua)(?:\s+thi đua)?\s+[“\"]([^”\"]{3,200})[”\"]", re.I),
        1,
    ),
    (
        "CAMPAIGN",
        re.compile(r"phong trào thi đua yêu nước(?:\s+(?:năm\s+\d{4}|giai đoạn\s+\d{4}\s*-\s*\d{4}))?", re.I),
        0,
    ),
    (
        "AWARD",
        re.compile(r"(?:Huân chương|Huy chương|Bằng khen|Giấy khen|Cờ thi đua|Kỷ niệm chương|Huy hiệu)" + _TAIL, re.I),
        0,
    ),
    (
        "AWARD",
        re.compile(
            r"(?:Chiến sĩ thi đua (?:toàn quốc|cấp tỉnh|cấp bộ|cơ sở)|Lao động tiên tiến|Tập thể lao động xuất sắc|"
            r"(?:Nhà giáo|Thầy thuốc|Nghệ sĩ|Nghệ nhân) (?:nhân dân|ưu tú)|Anh hùng Lao động|Bà mẹ Việt Nam anh hùng)",
            re.I,
        ),
        0,
    ),
    (
        "QUANTITY",
        re.compile(
            r"(?<!\w)(?:\d+(?:[.,]\d+)*|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:"
            + _alt(GAZETTEERS["recip"])
            + r")(?!\w)"
        ),
        0,
    ),
    (
        "POSITION",
        re.compile(
            r"(?:"
            + "|".join(re.escape(" ".join(w)).capitalize() for w in GAZETTEERS["office"] if len(" ".join(w)) > 3)
            + r")(?:\s+(?:"
            + _CAP
            + r"|tỉnh|huyện|xã|phường|thành phố|nước|Chính phủ))*"
        ),
        0,
    ),
    ("PERSON", re.compile(r"(?<!\w)(?:" + _SURNAME + r")(?:\s+" + _CAP + r"){1,3}"), 0),
]


class RegexBaseline:
    """Longest-first regex matches from the project's gazetteers; no learning."""

    name = "regex-baseline"

    def tag(self, text: str) -> list[Entity]:
        taken = [False] * len(text)
        out = []
        for label, pattern, group in PATTERNS:
            for m in pattern.finditer(text):
                s, e = m.span(group)
                while e > s and not text[e - 1].isalnum():
                    e -= 1
                if e <= s or any(taken[s:e]):
                    continue
                for i in range(s, e):
                    taken[i] = True
                out.append(Entity(s, e, label, text[s:e]))
        return sorted(out)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[_Doc]:
        for t in texts:
            yield _Doc(t, self.tag(t))

    def __call__(self, text: str) -> _Doc:
        return _Doc(text, self.tag(text))


class UndertheseaNER:
    """underthesea.ner, its PER mapped to our PERSON (its other labels have no counterpart)."""

    name = "underthesea.ner"

    def __init__(self) -> None:
        from underthesea import ner

        self._ner = ner

    def tag(self, text: str) -> list[Entity]:
        out, cursor, start, end = [], 0, None, None
        for word, *_, tag in self._ner(text):
            pos = text.find(word, cursor)
            if pos < 0:
                continue
            cursor = pos + len(word)
            if tag == "B-PER":
                if start is not None:
                    out.append(Entity(start, end, "PERSON", text[start:end]))
                start, end = pos, cursor
            elif tag == "I-PER" and start is not None:
                end = cursor
            else:
                if start is not None:
                    out.append(Entity(start, end, "PERSON", text[start:end]))
                start = None
        if start is not None:
            out.append(Entity(start, end, "PERSON", text[start:end]))
        return out

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[_Doc]:
        for t in texts:
            yield _Doc(t, self.tag(t))

    def __call__(self, text: str) -> _Doc:
        return _Doc(text, self.tag(text))


class SpacyNER:
    """A spaCy NER (tok2vec + ner, CPU) trained on our corpus with training/configs/spacy-ner.cfg:
    what a spaCy user would build instead of using thidua_ner."""

    name = "spacy"

    def __init__(self, model_dir) -> None:
        import spacy

        self._nlp = spacy.load(model_dir)

    def _doc(self, sdoc) -> _Doc:
        return _Doc(sdoc.text, [Entity(e.start_char, e.end_char, e.label_, e.text) for e in sdoc.ents])

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[_Doc]:
        for sdoc in self._nlp.pipe(texts, batch_size=batch_size):
            yield self._doc(sdoc)

    def __call__(self, text: str) -> _Doc:
        return self._doc(self._nlp(text))


def train_spacy_ner(workdir, data_dir, config, max_steps: int = 3000):
    """Train the spaCy peer once into ``workdir/model-best`` (train split for training, dev for
    selection, as spaCy's own CLI does) and return ``(model dir, seconds)``; reused when present."""
    import json
    import subprocess
    import sys
    import time
    from pathlib import Path

    from thidua_ner.formats.corpus import read_jsonl
    from thidua_ner.spacy_component import write_docbin

    workdir = Path(workdir)
    done = workdir / "model-best"
    stamp = workdir / "train_seconds.json"
    if done.is_dir() and stamp.is_file():
        return done, json.loads(stamp.read_text())["seconds"]
    workdir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        write_docbin(read_jsonl(Path(data_dir) / f"{split}.jsonl"), workdir / f"{split}.spacy")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(config),
            "--output",
            str(workdir),
            "--paths.train",
            str(workdir / "train.spacy"),
            "--paths.dev",
            str(workdir / "dev.spacy"),
            "--training.max_steps",
            str(max_steps),
        ],
        check=True,
    )
    seconds = time.perf_counter() - started
    stamp.write_text(json.dumps({"seconds": seconds}))
    return done, seconds
