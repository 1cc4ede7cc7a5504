"""Which CRF features help: train one model per feature variant and score each the same way.

    python benchmarks/crf_ablation.py                          # v1, v2, v2 without each extra
    python benchmarks/crf_ablation.py --variants v1 v2 v1+end --jobs 2
    python benchmarks/crf_ablation.py --train-splits train dev --eval test seeds

Variants: ``v1`` (feature set 1), ``v2`` (feature set 2: all extras), ``v1+X`` (v1 plus the
extra X alone), ``v2-X`` (v2 without X); extras are those of
:data:`thidua_ner.families.crf.features.KNOWN_EXTRAS` (``v2+comma``: an extra outside v2). Every model is trained on
``--train-splits`` with the parameters of ``training/configs/crf.yaml`` into a temporary
directory (never into ``thidua_ner/models``) and scored (exact character spans, micro and
per label) on:

- ``dev`` / ``test``: the corpus splits (a split trained on is refused);
- ``seeds``: ``../shared/eval/seeds_gold.jsonl`` (real text), when present;
- probes made from dev, same spans: ``dev-caps`` (the text in upper case), ``dev-dash``
  (`` - `` written `` – ``), ``dev-lower-award`` (award spans starting in lower case).
  They show whether a feature does what it is for; they are our own writing, transformed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
SEEDS = REPO.parent / "shared" / "eval" / "seeds_gold.jsonl"


def _extras_of(variant: str) -> tuple[int, frozenset[str]]:
    from thidua_ner.families.crf.features import KNOWN_EXTRAS, V2_EXTRAS

    if variant == "v1":
        return 1, frozenset()
    if variant == "v2":
        return 2, V2_EXTRAS
    if variant.startswith("v1+"):
        extras = frozenset(variant[3:].split("+"))
    elif variant.startswith("v2-"):
        extras = V2_EXTRAS - frozenset(variant[3:].split("-"))
    elif variant.startswith("v2+"):
        extras = V2_EXTRAS | frozenset(variant[3:].split("+"))
    else:
        raise SystemExit(f"unknown variant {variant!r}")
    if extras - KNOWN_EXTRAS:
        raise SystemExit(f"unknown extra(s) in {variant!r}: {', '.join(sorted(extras - KNOWN_EXTRAS))}")
    return 2, extras


def _probes(records):
    caps = [replace(r, text=r.text.upper()) for r in records if len(r.text.upper()) == len(r.text)]
    dash = [replace(r, text=r.text.replace(" - ", " – ")) for r in records]
    lower = []
    for r in records:
        chars = list(r.text)
        for s, _e, label in r.spans:
            if label == "AWARD":
                chars[s] = chars[s].lower()
        lower.append(replace(r, text="".join(chars)))
    return {"dev-caps": caps, "dev-dash": dash, "dev-lower-award": lower}


def run_variant(variant: str, train_splits: list[str], evals: list[str], params: dict) -> dict:
    import pycrfsuite

    from thidua_ner.families.crf.features import FeatureExtractor
    from thidua_ner.families.crf.tagger import MODEL_FILE, CRFTagger, model_attributes
    from thidua_ner.families.crf.training import DEFAULT_PARAMS
    from thidua_ner.formats.corpus import load_corpus, read_jsonl, record_tokens_tags
    from thidua_ner.pipeline import Pipeline
    from thidua_ner.schema import DEFAULT_LABELS
    from thidua_ner.scoring import evaluate_records

    version, extras = _extras_of(variant)
    corpus = load_corpus(REPO / "data" / "annotations")
    examples = []
    for split in train_splits:
        for record in corpus[split]:
            tokens, tags = record_tokens_tags(record)
            examples.append(([t.text for t in tokens], tags))
    sets = {}
    for name in evals:
        if name in ("dev", "test"):
            if name in train_splits:
                raise SystemExit(f"{name} is a training split here: scoring it would measure memory")
            sets[name] = corpus[name]
        elif name == "seeds":
            if SEEDS.is_file():
                sets[name] = read_jsonl(SEEDS)
        elif name.startswith("dev-"):
            if "dev" in train_splits:
                raise SystemExit("dev probes need dev held out")
            sets[name] = _probes(corpus["dev"])[name]
        else:
            raise SystemExit(f"unknown evaluation set {name!r}")
    extract = FeatureExtractor(version, extras=extras)
    with tempfile.TemporaryDirectory(prefix=f"crf_{variant}_") as tmp:
        trainer = pycrfsuite.Trainer(verbose=False)
        for tokens, tags in examples:
            if tokens:
                trainer.append(extract(tokens), tags)
        trainer.set_params({**DEFAULT_PARAMS, **params})
        started = time.perf_counter()
        trainer.train(str(Path(tmp) / MODEL_FILE))
        train_seconds = round(time.perf_counter() - started, 1)
        tagger = CRFTagger(Path(tmp) / MODEL_FILE, features=version)
        # This variant's extras, filtered to the model's attributes like the tagger's own.
        tagger._features = FeatureExtractor(version, known=model_attributes(tagger._tagger), extras=extras)
        tagger.meta = {"labels": list(DEFAULT_LABELS)}
        nlp = Pipeline(tagger, name=variant)
        scores = {}
        for name, records in sets.items():
            result = evaluate_records(nlp, records)
            scores[name] = {
                "micro": round(result["spans"]["micro"]["f1"], 4),
                **{k: round(v["f1"], 4) for k, v in result["spans"]["per_label"].items()},
            }
    return {"variant": variant, "train_seconds": train_seconds, "scores": scores}


def main(argv: list[str] | None = None) -> list[dict]:
    from thidua_ner.families.crf.features import V2_EXTRAS

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_variants = ["v1", "v2"] + [f"v2-{x}" for x in sorted(V2_EXTRAS)]
    parser.add_argument("--variants", nargs="+", default=default_variants)
    parser.add_argument("--train-splits", nargs="+", default=["train"])
    parser.add_argument("--eval", nargs="+", default=["dev", "seeds", "dev-caps", "dev-dash", "dev-lower-award"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    import yaml

    params = yaml.safe_load((REPO / "training" / "configs" / "crf.yaml").read_text("utf-8")).get("params", {})
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_variant, v, args.train_splits, args.eval, params) for v in args.variants]
        results = [f.result() for f in futures]
    labels = ["micro", "PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY"]
    print(f"trained on {'+'.join(args.train_splits)}; exact-span F1")
    for name in args.eval:
        print(f"\n{name}")
        print(f"{'variant':<16}" + "".join(f"{lab:>10}" for lab in labels))
        for r in results:
            row = r["scores"].get(name)
            if row:
                print(f"{r['variant']:<16}" + "".join(f"{row.get(lab, 0):>10.4f}" for lab in labels))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
