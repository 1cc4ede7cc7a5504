"""Build train/dev/test CoNLL files of this example from sentences.txt.

    python examples/own-labels/build.py

Every 5th sentence goes to test, every 5th after that (offset 1) to dev, the rest to train.
The files carry a ``# text = …`` line per sentence, so the spacing is exact.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from thidua_ner.formats.conll import to_conll  # noqa: E402
from thidua_ner.formats.corpus import Record  # noqa: E402

MARK = re.compile(r"\[([^\]]+)\]\(([A-Z]+)\)")


def parse(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        text.append(line[pos : m.start()])
        start = sum(map(len, text))
        text.append(m.group(1))
        spans.append((start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    text.append(line[pos:])
    return "".join(text), spans


def main() -> None:
    lines = [x.strip() for x in (HERE / "sentences.txt").read_text(encoding="utf-8").splitlines()]
    lines = [x for x in lines if x and not x.startswith("# ")]
    splits: dict[str, list[Record]] = {"train": [], "dev": [], "test": []}
    for n, line in enumerate(lines):
        text, spans = parse(line)
        split = "test" if n % 5 == 0 else "dev" if n % 5 == 1 and n % 10 == 1 else "train"
        splits[split].append(Record(f"own-{n + 1:03d}", text, tuple(spans), source="written"))
    for split, records in splits.items():
        (HERE / f"{split}.conll").write_text(to_conll(records), encoding="utf-8")
        print(f"{split}: {len(records)} sentences, {sum(len(r.spans) for r in records)} spans")


if __name__ == "__main__":
    main()
