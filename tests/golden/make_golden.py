"""Write the golden outputs the byte-identity test compares against.

Run once with the code whose behaviour must be preserved (it stores the inputs beside the outputs):

    python tests/golden/make_golden.py crf        # -> tests/golden/crf.jsonl.gz
    python tests/golden/make_golden.py e5-small   # -> tests/golden/e5-small.jsonl.gz

Inputs are our own corpus (test split sentences, and each test document joined into a page)
plus a few odd strings, so nothing here comes from ../shared.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def golden_inputs(limit: int | None = None) -> list[str]:
    records = [json.loads(line) for line in (ROOT / "data/annotations/test.jsonl").read_text("utf-8").splitlines()]
    records = records[:limit] if limit else records
    pages: dict[str, list[str]] = {}
    for r in records:
        pages.setdefault(r.get("doc") or r["id"], []).append(r["text"])
    texts = [r["text"] for r in records]
    texts += ["\n".join(items) for items in pages.values() if len(items) > 1]
    texts += [
        (ROOT / "examples/article.txt").read_text("utf-8"),
        "",
        "   ",
        "Bằng khen.",
        "THỪA ỦY QUYỀN CỦA CHỦ TỊCH NƯỚC",
    ]
    return texts


def main(name: str) -> None:
    import thidua_ner

    limit = 150 if name != "crf" else None
    nlp = thidua_ner.load(name)
    out = HERE / f"{name}.jsonl.gz"
    texts = golden_inputs(limit)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for doc in nlp.pipe(texts):
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    with gzip.open(HERE / f"{name}.inputs.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    print(out, out.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])
