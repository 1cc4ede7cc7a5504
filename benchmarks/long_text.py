"""Time and peak memory on long texts: 100 KB, 1 MB and 10 MB of ordinary paragraphs.

    python benchmarks/long_text.py                    # all sizes, both modes
    python benchmarks/long_text.py --sizes 100K 1M --modes doc

The text is paragraphs of our own corpus sentences (train, dev and test records, in order,
five sentences to a paragraph, paragraphs separated by a blank line), repeated until it has the
size asked for (UTF-8 bytes). Each size and mode runs in its own process, so the peak memory
(max RSS, which includes Python and the model) is that run's alone; ``CPU s`` is the process's
CPU time, the figure to read on a shared machine. Modes:

* ``doc``: ``nlp(text)`` on the whole text as one document (events included);
* ``pipe``: ``nlp.pipe(paragraphs)``, documents consumed and dropped as they come;
* ``extract``: ``events.extract(text, entities)`` on the whole text with the entities of ``doc``;
* ``list``: one numbered recipient list whose lines end in ``;`` (EVENT_SCHEMA v1.1: one sentence),
  as long as the size asked for — the worst case for the per-sentence event rules.

Goal (issue 14): linear growth; 10 MB under 60 s and under 1 GB peak.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIZES = {"100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}


def make_text(size: int) -> str:
    sentences = []
    for split in ("train", "dev", "test"):
        for line in (REPO / "data/annotations" / f"{split}.jsonl").read_text("utf-8").splitlines():
            sentences.append(" ".join(json.loads(line)["text"].split()))
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    out, total, i = [], 0, 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        total += len(p.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def make_list(size: int) -> str:
    lines, total, i = ["Danh sách đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh:"], 0, 0
    while total < size:
        i += 1
        line = f"{i % 999 + 1}. Ông Nguyễn Văn An, Trưởng phòng Nội vụ huyện, Bằng khen của Chủ tịch UBND tỉnh;"
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\nDanh sách có hiệu lực từ ngày ký."


def worker(size: int, mode: str) -> dict:
    import thidua_ner
    from thidua_ner import events

    text = make_list(size) if mode == "list" else make_text(size)
    nlp = thidua_ner.load()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    if mode in ("doc", "list"):
        doc = nlp(text)
        counts = {"sentences": len(doc.sentences), "entities": len(doc.entities), "events": len(doc.events)}
    elif mode == "pipe":
        counts = {"sentences": 0, "entities": 0, "events": 0}
        for doc in nlp.pipe(text.split("\n\n"), batch_size=64):
            counts["sentences"] += len(doc.sentences)
            counts["entities"] += len(doc.entities)
            counts["events"] += len(doc.events)
    else:
        ents = thidua_ner.load(events=False)(text).entities
        started, cpu = time.perf_counter(), time.process_time()
        doc = events.extract(text, ents)
        counts = {"entities": len(ents), "events": len(doc.events)}
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "mode": mode,
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "kb_per_s": round(len(text.encode("utf-8")) / 1000 / seconds, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_mb": round(base / 1024, 1),
        **counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument(
        "--modes", nargs="+", default=["doc", "pipe", "extract", "list"], choices=["doc", "pipe", "extract", "list"]
    )
    parser.add_argument("--worker", nargs=2, metavar=("SIZE", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(SIZES[args.worker[0]], args.worker[1])))
        return
    print(
        f"{'mode':8} {'size':>5} {'MB':>6} {'seconds':>8} {'CPU s':>7} {'KB/s':>7} {'peak MB':>8} "
        f"{'sentences':>9} {'entities':>9}"
    )
    for mode in args.modes:
        for size in args.sizes:
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", size, mode], capture_output=True, text=True, check=False
            )
            if proc.returncode != 0:
                print(f"{mode:8} {size:>5} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout)
            print(
                f"{mode:8} {size:>5} {r['bytes'] / 1e6:6.2f} {r['seconds']:8.2f} {r['cpu_seconds']:7.2f} "
                f"{r['kb_per_s']:7.1f} "
                f"{r['peak_rss_mb']:8.1f} {r.get('sentences', ''):>9} {r['entities']:>9}",
                flush=True,
            )


if __name__ == "__main__":
    main()
