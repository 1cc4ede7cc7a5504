"""Where the CRF pipeline's time goes, and how it compares with underthesea.ner, in one run.

    python benchmarks/crf_speed.py                       # the whole corpus, underthesea on 600
    python benchmarks/crf_speed.py --limit 500 --underthesea 200 --repeat 3

On the same sentences (every record of data/annotations: train, dev, test), sentences/s of:

- feature extraction: the code before issue 13 (``tests/crf_reference_features.py``), the
  current :func:`sentence_features` (same strings), and the tagger's extractor (the same
  strings less those the model has no weight for);
- crfsuite alone on precomputed features: Viterbi, then Viterbi + marginals (the limit: no
  Python feature extraction can make tagging faster than this);
- the whole ``nlp.pipe`` (normalise, split, tokenise, features, Viterbi, marginals, events),
  with today's features and with the old ones swapped in, and its parts: ``make_doc``
  alone (normalise, split, tokenise), the pipe without components (no events, what
  ``underthesea.ner`` does too) and ``nlp(text)`` one text per call without events;
- ``underthesea.ner`` on the first ``--underthesea`` sentences.

Each timing is the best of ``--repeat`` rounds of process CPU time (everything here runs on
one thread; wall-clock time on a shared machine also counts other processes), rounds
interleaved so that a busy machine slows every system alike. Prints a table and the ratios; ``--json`` writes them too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def _timer(func: Callable[[], object]) -> float:
    # CPU time of this process: on a shared machine the wall clock also counts the time
    # other processes held the core. Everything measured here is single-threaded.
    started = time.process_time()
    func()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="records (0: all)")
    parser.add_argument("--underthesea", type=int, default=600, help="sentences for underthesea.ner (0: skip)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default="crf", help="built-in name or model directory")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)

    from crf_reference_features import sentence_features_reference

    import thidua_ner
    from thidua_ner.families.crf.features import sentence_features
    from thidua_ner.formats.corpus import load_corpus
    from thidua_ner.pipeline import Pipeline

    corpus = load_corpus(REPO / "data" / "annotations")
    records = [r for split in ("train", "dev", "test") for r in corpus.get(split, [])]
    records = records[: args.limit or None]
    texts = [r.text for r in records]
    nlp = thidua_ner.load(args.model)
    tagger = nlp.tagger
    if tagger.family != "crf":
        raise SystemExit(f"{args.model} is a {tagger.family} model; this benchmark is for the CRF")
    # The sentences exactly as the pipeline tags them.
    sentences = [[t.text for t in s.tokens] for text in texts for s in nlp.make_doc(text).sentences]
    sentences = [s for s in sentences if s]
    n = len(sentences)
    version = tagger.feature_version
    crf = tagger._tagger  # the pycrfsuite.Tagger

    def extract(func):
        return lambda: [func(s) for s in sentences]

    full = [sentence_features(s, version) for s in sentences]
    kept = [tagger._features(s) for s in sentences]

    def viterbi(feats):
        return lambda: [crf.tag(f) for f in feats]

    def viterbi_marginals(feats):
        def run():
            for f in feats:
                tags = crf.tag(f)
                [crf.marginal(t, i) for i, t in enumerate(tags)]

        return run

    def pipe():
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    bare = Pipeline(tagger, nlp.name, components=[])

    def pipe_no_events():
        for _ in bare.pipe(texts, batch_size=64):
            pass

    def single_no_events():
        for text in texts:
            bare(text)

    def make_docs():
        for text in texts:
            nlp.make_doc(text)

    def pipe_old_features():
        saved = tagger._features
        tagger._features = sentence_features_reference
        try:
            pipe()
        finally:
            tagger._features = saved

    jobs: dict[str, Callable[[], object]] = {
        "features, before issue 13": extract(sentence_features_reference),
        "features, now (training, all strings)": extract(lambda s: sentence_features(s, version)),
        "features, now (tagger, model's strings)": extract(tagger._features),
        "crfsuite Viterbi, all strings": viterbi(full),
        "crfsuite Viterbi, model's strings": viterbi(kept),
        "crfsuite Viterbi + marginals (the limit)": viterbi_marginals(kept),
        "nlp.pipe, features before issue 13": pipe_old_features,
        "nlp.pipe, now": pipe,
        "  of which: make_doc (normalise, split, tokenise)": make_docs,
        "  nlp.pipe without components (no events)": pipe_no_events,
        "  nlp(text) one at a time, no events": single_no_events,
    }
    if version != 1:
        del jobs["features, before issue 13"], jobs["nlp.pipe, features before issue 13"]
    uts_sentences = 0
    if args.underthesea:
        try:
            from underthesea import ner
        except ImportError:
            print("underthesea is not installed: skipped", file=sys.stderr)
        else:
            uts_texts = [" ".join(s) for s in sentences[: args.underthesea]]
            uts_sentences = len(uts_texts)
            ner(uts_texts[0])  # loads its model
            jobs["underthesea.ner"] = lambda: [ner(t) for t in uts_texts]

    best: dict[str, float] = {name: float("inf") for name in jobs}
    for name, job in jobs.items():  # warm-up: caches, lazy imports
        job() if name != "underthesea.ner" else None
    for _ in range(max(1, args.repeat)):
        for name, job in jobs.items():
            best[name] = min(best[name], _timer(job))
    rate = {name: (uts_sentences if name == "underthesea.ner" else n) / seconds for name, seconds in best.items()}

    print(f"{n} sentences ({sum(map(len, sentences))} tokens), model {args.model} (features v{version}), ", end="")
    print(f"best of {args.repeat}; {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}")
    if "underthesea.ner" in rate:
        print(f"underthesea.ner on the first {uts_sentences} of them")
    print(f"{'':50} {'sent/s':>9} {'s':>7}")
    for name, value in rate.items():
        print(f"{name:50} {value:9.0f} {best[name]:7.2f}")
    ratios: dict[str, float] = {}
    if "features, before issue 13" in rate:
        ratios["features: now (tagger) / before"] = (
            rate["features, now (tagger, model's strings)"] / rate["features, before issue 13"]
        )
        ratios["features: now (training) / before"] = (
            rate["features, now (training, all strings)"] / rate["features, before issue 13"]
        )
        ratios["nlp.pipe: now / before"] = rate["nlp.pipe, now"] / rate["nlp.pipe, features before issue 13"]
    ratios["nlp.pipe / crfsuite limit"] = rate["nlp.pipe, now"] / rate["crfsuite Viterbi + marginals (the limit)"]
    if "underthesea.ner" in rate:
        ratios["nlp.pipe / underthesea.ner"] = rate["nlp.pipe, now"] / rate["underthesea.ner"]
        for name in ("  nlp.pipe without components (no events)", "  nlp(text) one at a time, no events"):
            ratios[f"{name.strip()} / underthesea.ner"] = rate[name] / rate["underthesea.ner"]
        ratios["crfsuite limit / underthesea.ner"] = (
            rate["crfsuite Viterbi + marginals (the limit)"] / rate["underthesea.ner"]
        )
        if "nlp.pipe, features before issue 13" in rate:
            ratios["nlp.pipe before / underthesea.ner"] = (
                rate["nlp.pipe, features before issue 13"] / rate["underthesea.ner"]
            )
    for name, value in ratios.items():
        print(f"{name:50} {value:9.2f}x")
    result = {
        "sentences": n,
        "underthesea_sentences": uts_sentences,
        "repeat": args.repeat,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}",
        "sentences_per_second": {k: round(v, 1) for k, v in rate.items()},
        "ratios": {k: round(v, 2) for k, v in ratios.items()},
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
