"""Time the two-command workflow on CoNLL files: train (CRF, dev grid) and evaluate.

    python benchmarks/own_labels.py [--train F --dev F --test F] [--workers N]

Without files it writes the repository corpus (data/annotations) as IOBES CoNLL without
``# text`` lines — the shape of a published corpus — and uses that. Prints seconds and F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from thidua_ner.cli import main  # noqa: E402
from thidua_ner.formats.corpus import read_jsonl, record_tokens_tags  # noqa: E402


def published_shape(records, path: Path) -> None:
    """IOBES CoNLL, tokens only (no comments), like a corpus downloaded from elsewhere."""
    blocks = []
    for r in records:
        tokens, tags = record_tokens_tags(r)
        out = []
        for i, (tok, tag) in enumerate(zip(tokens, tags)):
            nxt = tags[i + 1] if i + 1 < len(tags) else "O"
            if tag.startswith("B-") and not nxt.startswith("I-"):
                tag = "S-" + tag[2:]
            elif tag.startswith("I-") and not nxt.startswith("I-"):
                tag = "E-" + tag[2:]
            out.append(f"{tok.text} {tag}")
        blocks.append("\n".join(out))
    path.write_text("-DOCSTART- -X- O O\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


def run() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train")
    parser.add_argument("--dev")
    parser.add_argument("--test")
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="own-labels-bench-"))
    files = {}
    for split in ("train", "dev", "test"):
        given = getattr(args, split)
        if given:
            files[split] = Path(given)
        else:
            files[split] = work / f"{split}.conll"
            published_shape(read_jsonl(REPO / "data" / "annotations" / f"{split}.jsonl"), files[split])
    extra = work / "extra.yaml"
    extra.write_text(f"workers: {args.workers}\n", encoding="utf-8")
    started = time.perf_counter()
    code = main(
        ["train", "--family", "crf", "--train", str(files["train"]), "--dev", str(files["dev"]),
         "--test", str(files["test"]), "--output", str(work / "model"), "--config", str(extra)]
    )  # fmt: skip
    train_s = time.perf_counter() - started
    assert code == 0
    started = time.perf_counter()
    code = main(["evaluate", "--model", str(work / "model"), "--data", str(files["test"]), "--json"])
    eval_s = time.perf_counter() - started
    meta = json.loads((work / "model" / "thidua_ner.json").read_text(encoding="utf-8"))
    print(
        json.dumps(
            {
                "train_seconds_with_dev_grid": round(train_s, 1),
                "grid_seconds": meta["selection"]["seconds"],
                "evaluate_seconds": round(eval_s, 1),
                "chosen": meta["selection"]["chosen"],
                "test_seqeval_micro_f1": round(meta["metrics"]["test"]["seqeval_micro_f1"], 4),
            },
            indent=1,
        ),
        file=sys.stderr,
    )


if __name__ == "__main__":
    run()
