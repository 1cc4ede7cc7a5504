"""Write the tag-and-score digests of the shipped CRF model that tests/test_crf_scores.py keeps.

Run once with the code whose behaviour must be preserved (issue 13: the faster tagger must give
byte-identical tags and scores):

    python tests/golden/make_crf_scores.py    # -> tests/golden/crf-scores.{inputs,digests}.jsonl.gz

Inputs: every text of our corpus (all splits, whole pages too), an ALL-CAPS and an NFD copy of every
tenth one, and a few odd strings. For every piece of text the pipeline hands the tagger, the digest
is a hash of its tags and of the exact bits of every marginal (``float.hex``), so a change in the
last bit of one score is caught.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
INPUTS = HERE / "crf-scores.inputs.jsonl.gz"
DIGESTS = HERE / "crf-scores.digests.jsonl.gz"


def corpus_texts() -> list[str]:
    texts: list[str] = []
    for name in ("train", "dev", "test", "test_pages", "test_pages.docs"):
        with open(ROOT / "data" / "annotations" / f"{name}.jsonl", encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    texts += [t.upper() for t in texts[::10]]
    texts += [unicodedata.normalize("NFD", t) for t in texts[5::10]]
    texts += ["", "   ", "Bằng khen.", "THỪA ỦY QUYỀN CỦA CHỦ TỊCH NƯỚC", "a " * 900]
    return texts


def digest(tags: list[str], scores: list[float] | None) -> str:
    text = " ".join(tags) + "|" + ("none" if scores is None else ",".join(float.hex(s) for s in scores))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Recorder:
    """Wraps a tagger; keeps the digest of every piece it tags, in order."""

    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self.digests: list[str] = []

    def __getattr__(self, name):
        return getattr(self.tagger, name)

    def tag_with_scores(self, batch):
        out = self.tagger.tag_with_scores(batch)
        self.digests += [digest(tags, scores) for tags, scores in out]
        return out


def tag_digests(texts: list[str]) -> list[str]:
    import thidua_ner

    nlp = thidua_ner.load("crf", events=False)
    recorder = Recorder(nlp.tagger)
    nlp.tagger = recorder
    for _ in nlp.pipe(texts):
        pass
    return recorder.digests


def main() -> None:
    texts = corpus_texts()
    digests = tag_digests(texts)
    with gzip.open(INPUTS, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    with gzip.open(DIGESTS, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(d + "\n" for d in digests)
    print(f"{len(texts)} texts, {len(digests)} tagged pieces -> {DIGESTS} ({DIGESTS.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
