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
    if args.format == "label-studio":
        return _extract_label_studio(args)
    from .bulk import extract_command

    return extract_command(args)


def _extract_label_studio(args: argparse.Namespace) -> int:
    """Label Studio tasks with the model's spans as pre-annotations, one JSON list for the run."""
    from .annotate import label_studio_tasks
    from .catalog import load
    from .inputs import Inputs

    nlp = load(args.model, events=not args.no_events)
    reader = Inputs(args.paths, glob=args.glob or "*.txt", lines=args.lines)
    tasks = label_studio_tasks(nlp, list(reader), args.batch_size or 64)
    text = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return reader.exit_code()


def cmd_train(args: argparse.Namespace) -> int:
    from .training import train_files, train_from_config

    if args.learning_curve:
        return cmd_learning_curve(args)
    if args.train:
        if not args.output_dir:
            raise CLIError("train --train FILE needs --output DIR")
        if args.data_dir:
            raise CLIError("--data-dir and --train are alternatives: give one")
        out = train_files(
            args.train,
            args.dev,
            args.test,
            output=args.output_dir,
            family=args.family,
            config=args.config,
            data_format=args.format,
            scheme=args.scheme,
            overwrite=args.overwrite,
        )
    elif args.config:
        overrides = {"family": args.family}
        if args.output_dir:
            overrides["output_dir"] = args.output_dir
        if args.data_dir:
            overrides["data_dir"] = args.data_dir
        out = train_from_config(args.config, overrides, overwrite=args.overwrite)
    else:
        raise CLIError("train needs --train FILE [--dev FILE] [--test FILE] --output DIR, or --config FILE")
    print(f"model written to {out}", file=sys.stderr)
    meta = Path(out) / "thidua_ner.json"
    if meta.is_file():
        metrics = json.loads(meta.read_text(encoding="utf-8")).get("metrics")
        if metrics:
            print(json.dumps(metrics, ensure_ascii=False, indent=2))
    return 0


def _read_records(path: str, fmt: str | None, scheme: str = "auto", unannotated: str = "empty"):
    from .formats import format_for_path, read_any

    if not Path(path).is_file():
        raise CLIError(f"{path}: no such file")
    fmt = fmt or format_for_path(path)
    try:
        return read_any(path, fmt, scheme=scheme, unannotated=unannotated)
    except ThiduaError:
        raise
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise CLIError(f"{path}: cannot read as {fmt}: {exc}") from exc


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .catalog import load
    from .scoring import evaluate_records, format_report

    records = _read_records(args.data, args.data_format, args.scheme)
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
    from .formats import format_for_path, normalise_and_check, write_any

    records = _read_records(args.input, args.from_format, args.scheme, args.unannotated)
    # What convert writes is NFC and passes validate (errors stop it; warnings are counted).
    records, warnings = normalise_and_check(records, args.input)
    _print_warnings(warnings)
    args.to_format = args.to_format or format_for_path(args.output)
    if args.to_format == "spacy":
        from .spacy_component import write_docbin

        write_docbin(records, args.output)
    else:
        write_any(records, args.output, args.to_format)
    print(f"{len(records)} records written to {args.output} ({args.to_format})", file=sys.stderr)
    return 0


def _print_warnings(warnings: list[str], limit: int = 20) -> None:
    for w in warnings[:limit]:
        print(f"warning: {w}", file=sys.stderr)
    if len(warnings) > limit:
        print(f"warning: … and {len(warnings) - limit} more warnings like these", file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    return validate_paths(
        args.paths,
        include_events=args.include_events,
        fmt=args.format,
        scheme=args.scheme,
        labels=args.labels.split(",") if args.labels else None,
        strict=args.strict,
        max_errors=args.max_errors,
    )


def cmd_stats(args: argparse.Namespace) -> int:
    from .formats.stats import corpus_table

    print(corpus_table(args.data_dir))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from .annotate import suggest, write_suggestions
    from .catalog import load

    nlp = load(args.model, events=False)
    rows = suggest(nlp, iter_inputs(args.paths, args.lines), top=args.top, batch_size=args.batch_size)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            write_suggestions(rows, fh, args.format)
        print(f"{len(rows)} sentences written to {args.output}", file=sys.stderr)
    else:
        write_suggestions(rows, sys.stdout, args.format)
    return 0


def _learning_curve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learning-curve", action="store_true", help="train on growing fractions; CSV + PNG of F1")
    p.add_argument("--fractions", default="0.1,0.25,0.5,0.75,1", help="with --learning-curve (default %(default)s)")


def cmd_learning_curve(args: argparse.Namespace) -> int:
    from .annotate import learning_curve

    if not (args.train and args.test and args.output_dir):
        raise CLIError("learning-curve needs --train FILE --test FILE --output DIR")
    try:
        fractions = [float(f) for f in args.fractions.split(",") if f.strip()]
    except ValueError as exc:
        raise CLIError(f"--fractions: {exc}") from exc
    rows = learning_curve(
        args.train,
        args.test,
        args.output_dir,
        dev=args.dev,
        family=args.family or "crf",
        fractions=fractions,
        config=args.config,
        data_format=args.format,
        overwrite=args.overwrite,
    )
    for r in rows:
        print(
            f"{r['train_records']:>7} records  seqeval F1 {r['seqeval_micro_f1']:.3f}  span F1 {r['span_micro_f1']:.3f}"
        )
    print(f"written: {Path(args.output_dir) / 'learning_curve.csv'} and .png", file=sys.stderr)
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
    from .iob import SCHEMES

    parser = argparse.ArgumentParser(prog="thidua-ner", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"thidua-ner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="tag texts and print entities (and events) per document")
    p.add_argument("paths", nargs="+", help="text files, folders (searched recursively), or - for stdin")
    p.add_argument("--model", default=None, help="built-in name (crf, e5-small) or model directory")
    p.add_argument(
        "--format",
        choices=("jsonl", "conll", "html", "label-studio"),
        default="jsonl",
        help="label-studio: a JSON list of tasks with the model's spans as pre-annotations",
    )
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
    p.add_argument(
        "--batch-size", type=int, help="documents per chunk sent to a worker (default 64; 256 with --scheduler)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("train", help="train a model on annotation files (any labels) or from a YAML config")
    p.add_argument("--family", help="crf (default), e5crf, transformer")
    p.add_argument("--train", help="training file: CoNLL (.conll/.txt/.bio/.iob) or JSONL")
    p.add_argument("--dev", help="dev file: model selection, and scored")
    p.add_argument("--test", help="test file: only scored")
    p.add_argument("--format", choices=FORMATS, help="format of the files (default: from the extension)")
    p.add_argument("--scheme", choices=SCHEMES, default="auto", help="CoNLL tagging scheme (default: detect)")
    p.add_argument("--config", help="YAML config, e.g. training/configs/crf.yaml (with --train: extra keys)")
    p.add_argument("--output", "--output-dir", dest="output_dir", help="model directory to write")
    p.add_argument("--data-dir", help="override the config's data_dir")
    p.add_argument("--overwrite", action="store_true", help="allow replacing a model or writing inside the package")
    _learning_curve_args(p)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="seqeval report per label, micro/macro, and exact-span F1")
    p.add_argument("--model", default=None)
    p.add_argument("--data", required=True, help="annotated file, e.g. data/annotations/test.jsonl")
    p.add_argument("--data-format", "--format", dest="data_format", choices=FORMATS, help="default: from the extension")
    p.add_argument("--scheme", choices=SCHEMES, default="auto", help="CoNLL tagging scheme (default: detect)")
    p.add_argument("--events", action="store_true", help="also score award events and links")
    p.add_argument("--events-file", help="event gold (default: DATA with .events.jsonl)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch-size", type=int, default=64)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("convert", help="convert annotations between formats")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--from", dest="from_format", choices=FORMATS, help="default: from the extension")
    p.add_argument(
        "--to",
        dest="to_format",
        choices=(*FORMATS, "spacy"),
        help="default: from the extension; spacy writes a DocBin (.spacy) for `spacy train`",
    )
    p.add_argument("--scheme", choices=SCHEMES, default="auto", help="CoNLL tagging scheme of the input")
    p.add_argument(
        "--unannotated",
        choices=("empty", "predictions", "skip"),
        default="empty",
        help="Label Studio tasks with no annotation: no spans, their prediction, or left out",
    )
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("validate", help="check annotation files (file:line: problem), errors then warnings")
    p.add_argument("paths", nargs="+", help="files or directories (searched for *.jsonl)")
    p.add_argument("--include-events", action="store_true", help="also check *.events.jsonl event gold files")
    p.add_argument("--format", choices=FORMATS, help="default: from the extension")
    p.add_argument("--scheme", choices=SCHEMES, default="auto")
    p.add_argument("--labels", help="comma-separated label set to enforce (default: any label)")
    p.add_argument(
        "--strict", action="store_true", help="our guidelines: warnings (punctuation at span edges) are errors"
    )
    p.add_argument("--max-errors", type=int, default=50, help="errors printed per file (all are counted)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="label counts per split of a corpus directory")
    p.add_argument("--data-dir", default="data/annotations")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("suggest", help="rank unlabelled sentences by the model's uncertainty (annotate these next)")
    p.add_argument("paths", nargs="+", help="text files, or - for stdin")
    p.add_argument("--model", default=None)
    p.add_argument("--top", type=int, default=200, help="how many sentences (default %(default)s)")
    p.add_argument("--lines", action="store_true", help="one document per non-empty line")
    p.add_argument("--format", choices=("jsonl", "txt", "label-studio"), default="jsonl")
    p.add_argument("--output", "-o", help="file to write (default stdout)")
    p.add_argument("--batch-size", type=int, default=64)
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("learning-curve", help="train on growing fractions of TRAIN; CSV + PNG of test F1 against size")
    p.add_argument("--family", help="crf (default), e5crf, transformer")
    p.add_argument("--train", required=True)
    p.add_argument("--dev", help="passed to every training (CRF: turns on the dev grid)")
    p.add_argument("--test", required=True)
    p.add_argument("--format", choices=FORMATS)
    p.add_argument("--config", help="extra training keys (YAML)")
    p.add_argument("--output", "--output-dir", dest="output_dir", required=True)
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--fractions", default="0.1,0.25,0.5,0.75,1")
    p.set_defaults(func=cmd_learning_curve)

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
