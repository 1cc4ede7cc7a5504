"""The ``thidua-ner`` command line: extract, train, evaluate, convert, validate, register, stats.

Bad input (missing file, invalid UTF-8, invalid annotation) ends with a one-line
message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import InputError, ThiduaError
from .inputs import Inputs, read_text, validate_paths

EXIT_BAD_INPUT = 2
CLIError = InputError  # an error the user can fix; printed without a traceback, exit code 2


# ---------------------------------------------------------------------------- input helpers


def iter_inputs(paths: Sequence[str], lines: bool) -> Iterator[tuple[str, str]]:
    """(source id, text) pairs: one per file, or one per non-empty line with ``--lines`` (raises on a bad one)."""
    for path in paths:
        text = read_text(path)
        if lines:
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    yield f"{path}:{n}", line
        else:
            yield path, text


# ---------------------------------------------------------------------------- output formats


# ---------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace) -> int:
    from .bulk import extract_command

    return extract_command(args)


def cmd_train(args: argparse.Namespace) -> int:
    from .training import train_from_config

    overrides = {}
    if args.output_dir:
        overrides["output_dir"] = args.output_dir
    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    out = train_from_config(args.config, overrides)
    print(f"model written to {out}", file=sys.stderr)
    meta = Path(out) / "thidua_ner.json"
    if meta.is_file():
        metrics = json.loads(meta.read_text(encoding="utf-8")).get("metrics")
        if metrics:
            print(json.dumps(metrics, ensure_ascii=False, indent=2))
    return 0


def _read_records(path: str, fmt: str):
    from .formats import read_any

    if not Path(path).is_file():
        raise CLIError(f"{path}: no such file")
    try:
        return read_any(path, fmt)
    except ThiduaError:
        raise
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise CLIError(f"{path}: cannot read as {fmt}: {exc}") from exc


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .catalog import load
    from .scoring import evaluate_records, format_report

    records = _read_records(args.data, args.data_format)
    nlp = load(args.model, events=args.events)
    result = evaluate_records(nlp, records, batch_size=args.batch_size)
    result["model"] = nlp.name
    if args.events:
        result["events"] = _evaluate_events(args, nlp, records)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"model: {nlp.name}   data: {args.data}")
        print(format_report(result))
        if args.events:
            from .scoring import format_event_scores

            for mode in ("gold_entities", "end_to_end"):
                print(f"\nevents ({mode.replace('_', ' ')}):")
                print(format_event_scores(result["events"][mode]))
    return 0


def _evaluate_events(args: argparse.Namespace, nlp, records) -> dict:
    from .events import extract
    from .scoring import score_events

    events_path = Path(args.events_file) if args.events_file else Path(args.data).with_suffix(".events.jsonl")
    if not events_path.is_file():
        raise CLIError(f"{events_path}: no event gold next to the data (pass --events-file)")
    gold = {}
    for line in events_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["id"]] = row
    missing = [r.id for r in records if r.id not in gold]
    if missing:
        raise CLIError(f"{events_path}: no event gold for ids {missing[:5]}")
    golds = [gold[r.id] for r in records]
    # Each record is scored as one unit, as the gold was annotated.
    on_gold = [extract(r.text, list(r.spans), sentences=[(0, len(r.text))]) for r in records]
    predicted = [
        extract(doc.text, doc.entities, sentences=[(0, len(doc.text))]) for doc in nlp.pipe(r.text for r in records)
    ]
    return {"gold_entities": score_events(golds, on_gold), "end_to_end": score_events(golds, predicted)}


def cmd_convert(args: argparse.Namespace) -> int:
    from .formats import write_any

    records = _read_records(args.input, args.from_format)
    if args.to_format == "spacy":
        from .spacy_component import write_docbin

        write_docbin(records, args.output)
    else:
        write_any(records, args.output, args.to_format)
    print(f"{len(records)} records written to {args.output} ({args.to_format})", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    return validate_paths(args.paths, include_events=args.include_events)


def cmd_stats(args: argparse.Namespace) -> int:
    from .formats.stats import corpus_table

    print(corpus_table(args.data_dir))
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from .awards import build_register, write_csv
    from .catalog import load

    nlp = load(args.model)
    reader = Inputs(args.paths, glob=args.glob, lines=args.lines)
    inputs = list(reader)
    docs = list(zip((s for s, _ in inputs), nlp.pipe(t for _, t in inputs)))
    rows = build_register(docs)
    write_csv(rows, args.output or sys.stdout)
    return reader.exit_code()


# ---------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__
    from .formats import FORMATS

    parser = argparse.ArgumentParser(prog="thidua-ner", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"thidua-ner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="tag texts and print entities (and events) per document")
    p.add_argument("paths", nargs="+", help="text files, folders (searched recursively), or - for stdin")
    p.add_argument("--model", default=None, help="built-in name (crf, e5-small) or model directory")
    p.add_argument("--format", choices=("jsonl", "conll", "html"), default="jsonl")
    p.add_argument("--lines", action="store_true", help="one document per non-empty line")
    p.add_argument("--glob", help="files to take from folders (default *.txt; *.jsonl/*.csv for records)")
    p.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl", "csv", "tsv"),
        default="auto",
        help="auto: records (by suffix) when --text-field/--id-field is given, else text",
    )
    p.add_argument("--text-field", help="JSONL key or CSV column holding the text (default text)")
    p.add_argument("--id-field", help="JSONL key or CSV column giving each record's source id")
    p.add_argument("--output", "-o", help="write to FILE instead of stdout")
    p.add_argument("--resume", action="store_true", help="skip documents already in --output FILE, append the rest")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (0: one per core)")
    p.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786): run on that cluster")
    p.add_argument("--no-events", action="store_true", help="entities only")
    p.add_argument("--batch-size", type=int, default=64, help="documents per chunk sent to a worker")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("train", help="train a model from a YAML config")
    p.add_argument("--config", required=True, help="e.g. training/configs/crf.yaml")
    p.add_argument("--output-dir", help="override the config's output_dir")
    p.add_argument("--data-dir", help="override the config's data_dir")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="seqeval report per label, micro/macro, and exact-span F1")
    p.add_argument("--model", default=None)
    p.add_argument("--data", required=True, help="annotated file, e.g. data/annotations/test.jsonl")
    p.add_argument("--data-format", choices=FORMATS, default="jsonl")
    p.add_argument("--events", action="store_true", help="also score award events and links")
    p.add_argument("--events-file", help="event gold (default: DATA with .events.jsonl)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch-size", type=int, default=64)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("convert", help="convert annotations between formats")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--from", dest="from_format", choices=FORMATS, required=True)
    p.add_argument(
        "--to",
        dest="to_format",
        choices=(*FORMATS, "spacy"),
        required=True,
        help="spacy writes a DocBin (.spacy) for `spacy train`",
    )
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("validate", help="check JSONL annotation files (file:line: problem)")
    p.add_argument("paths", nargs="+", help="files or directories (searched for *.jsonl)")
    p.add_argument("--include-events", action="store_true", help="also check *.events.jsonl event gold files")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="label counts per split of a corpus directory")
    p.add_argument("--data-dir", default="data/annotations")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("register", help="aggregate award events of many documents into a CSV register")
    p.add_argument("paths", nargs="+")
    p.add_argument("--model", default=None)
    p.add_argument("--lines", action="store_true")
    p.add_argument("--output", "-o", help="CSV file (default stdout)")
    p.add_argument("--glob", default="*.txt", help="files to read in a directory, recursively (default *.txt)")
    p.set_defaults(func=cmd_register)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ThiduaError as exc:
        print(f"thidua-ner: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `thidua-ner extract … | head`
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
