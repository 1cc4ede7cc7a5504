"""Throughput of `thidua-ner extract` on one core, on every core and on a Dask cluster, in one run.

    python benchmarks/scale.py                  # 538 test sentences × 40, all modes
    python benchmarks/scale.py --repeat 5 --big-mb 0      # quick: no 1 GB streaming check

Each mode is the real command line (`python -m thidua_ner.cli extract FILE.jsonl --text-field text
--id-field id -o OUT`) timed from start to exit, model loading and process start included:

- `1 process` — the default; `--jobs 2` — two worker processes;
- `dask, 1 worker` / `dask, 2 workers` — `--scheduler` against a real cluster of separate
  processes on 127.0.0.1 (`thidua_ner.distributed.spawn_cluster`, started before the clock);
- `2 × 1 process at once` — two independent one-process runs side by side: not a mode of ours but
  the parallelism this machine gives right now (on an idle 2-core machine ≈ 2×; on a shared one less);
- `underthesea.ner` — the same sentences, once each after a warm-up pass, in its own process (it only
  finds PER; its model loading is not counted, ours is).

Entities only by default (`--no-events`, as underthesea); `--events` runs the whole pipeline.

Sentences are counted by our sentence splitter, the same count for every mode. Peak memory is
the largest sum of the resident sets of every process the mode used (client, workers, scheduler),
sampled every 50 ms. The outputs of all our modes are compared byte for byte. Modes run interleaved
for ``--rounds`` rounds and the best time of each counts (the machine may be shared). The
streaming check runs `--jobs 2` on a 1 GB input for 20 s: output must start at once and memory
stay flat (an engine that read all input first would need more than the input's size).
Writes benchmarks/scale_results.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}


class PeakRSS:
    """Samples the summed RSS of every descendant of this process until stopped."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for p in self._me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def make_input(texts: list[str], repeat: int, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in range(repeat):
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": f"{r}-{i}", "text": text}, ensure_ascii=False) + "\n")


def run_cli(input_path: Path, out: Path, extra: list[str]) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "thidua_ner.cli", "extract", str(input_path), "--text-field", "text"]
    cmd += ["--id-field", "id", "--quiet", "--output", str(out), *extra]
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, env=ENV, cwd=REPO)
        seconds = time.perf_counter() - t0
    return seconds, mem.peak


CEILING = "2 × 1 process at once"


def run_pair(input_path: Path, work: Path, extra: list[str]) -> tuple[float, int]:
    """Two independent one-process runs side by side: the parallelism the machine gives us right now."""
    cmd = [sys.executable, "-m", "thidua_ner.cli", "extract", str(input_path), "--text-field", "text"]
    cmd += ["--id-field", "id", "--quiet", *extra]
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        procs = [subprocess.Popen([*cmd, "--output", str(work / f"pair{i}.jsonl")], env=ENV, cwd=REPO) for i in (0, 1)]
        if any(p.wait() for p in procs):
            raise RuntimeError("a one-process run failed")
        seconds = time.perf_counter() - t0
    shutil.copyfile(work / "pair0.jsonl", work / "pair.jsonl")
    return seconds, mem.peak


UNDERTHESEA = """
import sys, json, time
sys.path.insert(0, {here!r})
from baselines import UndertheseaNER
texts = [json.loads(line)["text"] for line in open({path!r}, encoding="utf-8")]
ner = UndertheseaNER()
for t in texts:  # a warm-up pass, as benchmarks/run.py gives every system
    ner.tag(t)
t0 = time.perf_counter()
for t in texts:
    ner.tag(t)
print(time.perf_counter() - t0)
"""


def run_underthesea(path: Path) -> tuple[float, int]:
    code = UNDERTHESEA.format(here=str(HERE), path=str(path))
    with PeakRSS() as mem:
        out = subprocess.run([sys.executable, "-c", code], check=True, env=ENV, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1]), mem.peak


def stream_check(once: Path, work: Path, big_mb: int, seconds: float, flags: list[str]) -> dict:
    """`extract --jobs 2` on a big input for ``seconds``: time to first output, documents, peak RSS."""
    big = work / "big.jsonl"
    block = once.read_bytes()
    with open(big, "wb") as fh:
        for _ in range(max(1, big_mb * 2**20 // len(block))):
            fh.write(block)  # the same ids again: fine for a speed and memory check
    out = work / "big-out.jsonl"
    cmd = [sys.executable, "-m", "thidua_ner.cli", "extract", str(big), "--text-field", "text", "--id-field", "id"]
    cmd += ["--quiet", "--output", str(out), "--jobs", "2", *flags]
    first = None
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, cwd=REPO)
        while time.perf_counter() - t0 < seconds and proc.poll() is None:
            if first is None and out.is_file() and out.stat().st_size:
                first = time.perf_counter() - t0
            time.sleep(0.05)
        proc.terminate()
        proc.wait()
        elapsed = time.perf_counter() - t0
    with open(out, "rb") as fh:
        written = sum(1 for _ in fh)
    result = {
        "input_mb": big.stat().st_size / 2**20,
        "seconds": elapsed,
        "first_output_s": first if first is not None else float("nan"),
        "documents_out": written,
        "peak_rss_mb": mem.peak / 2**20,
    }
    big.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="times the test split is repeated (default 40)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of all modes; the best time counts (default 3)")
    parser.add_argument("--big-mb", type=int, default=1024, help="size of the streaming check's input (0: skip)")
    parser.add_argument("--big-seconds", type=float, default=20, help="how long the streaming check runs")
    parser.add_argument("--no-underthesea", action="store_true")
    parser.add_argument(
        "--events", action="store_true", help="also extract events (default: entities only, as underthesea)"
    )
    args = parser.parse_args()
    flags = [] if args.events else ["--no-events"]

    import thidua_ner
    from thidua_ner.distributed import spawn_cluster

    texts = [json.loads(line)["text"] for line in (REPO / "data/annotations/test.jsonl").open(encoding="utf-8")]
    nlp = thidua_ner.load(events=False)
    per_pass = sum(len(nlp.make_doc(t).sentences) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="thidua-scale-"))
    once, big_input = work / "once.jsonl", work / "input.jsonl"
    make_input(texts, 1, once)
    make_input(texts, args.repeat, big_input)
    sentences = per_pass * args.repeat
    rows: list[dict] = []

    def record(mode: str, seconds: float, peak: int, n: int, out: Path | None = None) -> None:
        rows.append(
            {
                "mode": mode,
                "sentences": n,
                "seconds": seconds,
                "sent_per_s": n / seconds,
                "peak_rss_mb": peak / 2**20,
                "output": str(out) if out else None,
            }
        )
        print(
            f"{mode:<22} {n:>7} sentences {seconds:7.2f} s {n / seconds:8.0f} sent/s  peak {peak / 2**20:6.0f} MB",
            flush=True,
        )

    run_cli(once, work / "warm-up.jsonl", flags)  # file caches warm for every mode alike
    modes = {
        "1 process": (flags, 0),
        "--jobs 2": ([*flags, "--jobs", "2"], 0),
        "dask, 1 worker": (flags, 1),
        "dask, 2 workers": (flags, 2),
        CEILING: (flags, 0),
    }
    best: dict[str, tuple[float, int]] = {}
    outputs: dict[str, Path] = {}
    for round_ in range(args.rounds):  # modes interleaved, best of the rounds: the fairest on a shared machine
        for mode, (extra, n_workers) in modes.items():
            out = work / ("pair.jsonl" if mode == CEILING else f"{mode.replace(' ', '_').replace(',', '')}.jsonl")
            if mode == CEILING:
                seconds, peak = run_pair(big_input, work, extra)
            elif n_workers:
                with spawn_cluster(n_workers=n_workers, nthreads=1) as address:
                    seconds, peak = run_cli(big_input, out, [*extra, "--scheduler", address])
            else:
                seconds, peak = run_cli(big_input, out, extra)
            print(f"  round {round_ + 1}: {mode:<16} {seconds:6.2f} s", flush=True)
            old = best.get(mode)
            best[mode] = (min(seconds, old[0]) if old else seconds, max(peak, old[1]) if old else peak)
            outputs[mode] = out
    for mode in modes:
        record(mode, *best[mode], 2 * sentences if mode == CEILING else sentences, outputs[mode])
    if not args.no_underthesea:
        runs = [run_underthesea(once) for _ in range(max(1, min(args.rounds, 2)))]
        record("underthesea.ner", min(r[0] for r in runs), max(r[1] for r in runs), per_pass)

    reference = outputs["1 process"].read_bytes()
    identical = all(Path(r["output"]).read_bytes() == reference for r in rows if r["output"])
    memory = None
    if args.big_mb:
        memory = stream_check(once, work, args.big_mb, args.big_seconds, flags)
        print(
            f"streaming check: {memory['input_mb']:.0f} MB input, --jobs 2 for {memory['seconds']:.0f} s: "
            f"{memory['documents_out']} documents written, peak {memory['peak_rss_mb']:.0f} MB",
            flush=True,
        )

    base = rows[0]["sent_per_s"]
    ut = next((r["sent_per_s"] for r in rows if r["mode"] == "underthesea.ner"), None)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"load average {load:.1f} at the end"
    )
    lines = [
        f"Machine: {machine}. Input: the {len(texts)} test records ({per_pass} sentences) × {args.repeat}.",
        f"Outputs of all our modes byte-identical: {'yes' if identical else 'NO'}.",
        "",
        "| mode | sentences | s | sent/s | × 1 process | × underthesea | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        vs_ut = f"{r['sent_per_s'] / ut:.1f}" if ut else ""
        lines.append(
            f"| {r['mode']} | {r['sentences']} | {r['seconds']:.2f} | {r['sent_per_s']:.0f} | "
            f"{r['sent_per_s'] / base:.2f} | {vs_ut} | {r['peak_rss_mb']:.0f} |"
        )
    if memory:
        lines += [
            "",
            f"Streaming check: on a {memory['input_mb']:.0f} MB JSONL input, `--jobs 2` wrote its first record after "
            f"{memory['first_output_s']:.1f} s and {memory['documents_out']} documents in {memory['seconds']:.0f} s "
            f"(stopped there) with a peak of {memory['peak_rss_mb']:.0f} MB for all its processes.",
        ]
    text = "\n".join(lines)
    print("\n" + text)
    (HERE / "scale_results.md").write_text(text + "\n", encoding="utf-8")
    (HERE / "scale_results.json").write_text(
        json.dumps({"machine": machine, "identical": identical, "rows": rows, "memory": memory}, indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
