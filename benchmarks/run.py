"""Benchmark every tagger on the same sentences, each in its own process.

    python benchmarks/run.py                 # all systems available here
    python benchmarks/run.py --systems crf underthesea --limit 200

For each system: micro and per-label F1 on the corpus test split (seqeval strict
IOB2 and exact character spans), sentences per second one at a time and batched
(after one warm-up pass that is not counted, the best of ``--rounds`` passes), load time, peak memory (max RSS of the worker process), size on disk and training
time. Writes benchmarks/results.json, benchmarks/results.md and benchmarks/results.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

SYSTEMS = ("crf", "e5-small", "spacy", "regex", "underthesea", "phobert-tiny")


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _load(system: str, workdir: Path):
    """Returns (pipeline-like object, size on disk in bytes, training seconds or None, note)."""
    import thidua_ner

    if system in ("crf", "e5-small"):
        nlp = thidua_ner.load(system, events=False)
        from thidua_ner.catalog import BUILTIN, MODELS_DIR

        path = MODELS_DIR / BUILTIN[system]
        meta = nlp.tagger.meta
        return nlp, dir_size(path), meta.get("train_seconds"), meta.get("size_note", "")
    if system == "regex":
        from baselines import RegexBaseline

        return RegexBaseline(), 0, None, "gazetteers in code"
    if system == "underthesea":
        import underthesea
        from baselines import UndertheseaNER

        return UndertheseaNER(), dir_size(Path(underthesea.__file__).parent), None, "PER only; size = package"
    if system == "spacy":
        from baselines import SpacyNER, train_spacy_ner

        model_dir, seconds = train_spacy_ner(
            workdir / "spacy", REPO / "data" / "annotations", REPO / "training" / "configs" / "spacy-ner.cfg"
        )
        return SpacyNER(model_dir), dir_size(model_dir), seconds, "tok2vec + ner, trained on train (dev selects)"
    if system == "phobert-tiny":
        from tiny_phobert import build_tiny_phobert

        model_dir = build_tiny_phobert(workdir / "phobert-tiny")
        nlp = thidua_ner.load(model_dir, events=False)
        return nlp, dir_size(model_dir), None, "random weights, speed only"
    raise ValueError(system)


def worker(system: str, limit: int, out: Path, rounds: int = 3) -> None:
    from thidua_ner.formats.corpus import load_corpus
    from thidua_ner.scoring import evaluate_records

    records = load_corpus(REPO / "data" / "annotations")["test"][: limit or None]
    texts = [r.text for r in records]
    t0 = time.perf_counter()
    nlp, size, train_s, note = _load(system, out.parent)
    load_s = time.perf_counter() - t0
    for t in texts:  # warm-up pass, not counted: lazy imports and per-word caches, for every system alike
        nlp(t)
    single = batched = 0.0
    for _ in range(rounds):  # the best of the rounds counts: the machine may be shared
        t0 = time.perf_counter()
        for t in texts:
            nlp(t)
        single = max(single, len(texts) / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=64))
        batched = max(batched, len(texts) / (time.perf_counter() - t0))
    result = evaluate_records(nlp, records)
    seq = result["seqeval"]
    out.write_text(
        json.dumps(
            {
                "system": system,
                "sentences": len(texts),
                "seqeval_micro_f1": seq.get("micro avg", {}).get("f1-score", 0.0),
                "span_micro_f1": result["spans"]["micro"]["f1"],
                "span_per_label_f1": {k: v["f1"] for k, v in result["spans"]["per_label"].items()},
                "seqeval_per_label_f1": {k: v["f1-score"] for k, v in seq.items() if "avg" not in k},
                "sent_per_s_single": single,
                "sent_per_s_batched": batched,
                "rounds": rounds,
                "load_s": load_s,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "size_mb": size / 1e6,
                "train_s": train_s,
                "note": note,
            },
            indent=2,
        ),
        encoding="utf-8",
    )


def markdown(results: list[dict]) -> str:
    labels = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")
    head = (
        "| system | seqeval micro F1 | span micro F1 | "
        + " | ".join(labels)
        + " | sent/s single | sent/s batched | load s | peak RSS MB | size MB | train s | note |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        per = " | ".join(f"{r['span_per_label_f1'].get(lab, 0):.3f}" for lab in labels)
        train = "" if r["train_s"] is None else f"{r['train_s']:.0f}"
        lines.append(
            f"| {r['system']} | {r['seqeval_micro_f1']:.3f} | {r['span_micro_f1']:.3f} | {per} | "
            f"{r['sent_per_s_single']:.0f} | {r['sent_per_s_batched']:.0f} | {r['load_s']:.2f} | "
            f"{r['peak_rss_mb']:.0f} | {r['size_mb']:.1f} | {train} | {r['note']} |"
        )
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
    width = 0.8 / max(1, len(results))
    for i, r in enumerate(results):
        xs = [j + i * width for j in range(len(labels))]
        ax1.bar(xs, [r["span_per_label_f1"].get(lab, 0) for lab in labels], width, label=r["system"])
    ax1.set_xticks([j + 0.4 - width / 2 for j in range(len(labels))], labels)
    ax1.set_ylabel("exact-span F1 (test split)")
    ax1.set_ylim(0, 1)
    ax1.legend(fontsize=8)
    names = [r["system"] for r in results]
    ax2.barh(names, [r["sent_per_s_batched"] for r in results])
    ax2.set_xscale("log")
    ax2.set_xlabel("sentences per second, batched (log)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N test sentences")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the sentences; the best counts")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.limit, Path(args.out), args.rounds)
        return 0
    results = []
    started = time.strftime("%Y-%m-%d %H:%M")
    tmp = HERE / ".work"
    tmp.mkdir(exist_ok=True)
    for system in args.systems:
        out = tmp / f"{system}.json"
        out.unlink(missing_ok=True)
        print(f"running {system} …", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", system, "--out", str(out), "--limit", str(args.limit)]
            + ["--rounds", str(args.rounds)],
            env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
        )
        if proc.returncode != 0 or not out.is_file():
            print(f"  {system}: skipped (exit {proc.returncode})", file=sys.stderr)
            continue
        results.append({**json.loads(out.read_text(encoding="utf-8")), "run": started})
    machine = f"{platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}"
    # Systems not run this time keep their row from the last run that had them, marked with its date:
    # ratios are only quoted between rows of one run.
    kept = []
    previous = HERE / "results.json"
    if previous.is_file():
        ran = {r["system"] for r in results}
        kept = [r for r in json.loads(previous.read_text(encoding="utf-8"))["results"] if r["system"] not in ran]
    rows = sorted(results + kept, key=lambda r: SYSTEMS.index(r["system"]) if r["system"] in SYSTEMS else 99)
    table = markdown(rows)
    runs = "; ".join(
        f"{', '.join(r['system'] for r in rows if r.get('run') == run)}: {run or 'an earlier run'}"
        for run in dict.fromkeys(r.get("run") for r in rows)
    )
    (HERE / "results.json").write_text(json.dumps({"machine": machine, "results": rows}, indent=2), encoding="utf-8")
    (HERE / "results.md").write_text(f"Machine: {machine}. Measured: {runs}.\n\n{table}\n", encoding="utf-8")
    if rows:
        plot(rows, HERE / "results.png")
    print(f"Machine: {machine}. Measured: {runs}.\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
