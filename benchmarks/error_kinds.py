"""The error kinds of issue 9, measured for one or more models on an annotated file.

    python benchmarks/error_kinds.py --data data/annotations/test_pages.jsonl MODEL [MODEL ...]

Each row is a recall or precision over the gold spans (or predictions) of one shape, so a
before/after pair of models shows which kind of error moved. Markdown on stdout.
"""

from __future__ import annotations

import argparse
import re

import thidua_ner
from thidua_ner.formats.corpus import read_jsonl

LOWER_HEAD = re.compile(r"^(?:bằng khen|giấy khen|cờ thi đua|huân chương|huy chương|kỷ niệm chương|cờ)\b")
ABBREV = re.compile(r"[A-ZĐ]{2,}|&|/")
VERB_AFTER = re.compile(
    r"^\s+(?:phát biểu|cho biết|chủ trì|trao|tặng|khẳng định|nhấn mạnh|đề nghị|yêu cầu|dự|chúc mừng)\b"
)


def _recall(gold_spans, pred_set) -> tuple[int, int]:
    return sum(1 for s in gold_spans if s in pred_set), len(gold_spans)


def measure(model: str, records) -> dict[str, tuple[int, int]]:
    nlp = thidua_ner.load(model, events=False)
    rows: dict[str, list[int]] = {}

    def add(name: str, hit: int, total: int) -> None:
        cell = rows.setdefault(name, [0, 0])
        cell[0] += hit
        cell[1] += total

    for record, doc in zip(records, nlp.pipe(r.text for r in records)):
        text = record.text
        gold = set(record.spans)
        pred = {(e.start, e.end, e.label) for e in doc.entities}
        by_label: dict[str, list] = {}
        for span in gold:
            by_label.setdefault(span[2], []).append(span)

        def g(lab: str, spans=by_label) -> list:
            return spans.get(lab, [])

        # 1. POSITION boundaries: gold titles followed by a verb, gold titles right before a name
        add(
            "1 POSITION before a verb: exact",
            *_recall([s for s in g("POSITION") if VERB_AFTER.match(text[s[1] :])], pred),
        )
        before_name = [s for s in g("POSITION") if any(p[0] in (s[1] + 1,) and p[2] == "PERSON" for p in gold)]
        add("1 POSITION right before a name: exact", *_recall(before_name, pred))
        add("1 POSITION (all): exact", *_recall(g("POSITION"), pred))
        # 2. AWARD in lower case and bare
        add(
            "2 AWARD with a lower-case head: exact",
            *_recall([s for s in g("AWARD") if LOWER_HEAD.match(text[s[0] : s[1]])], pred),
        )
        add("2 AWARD (all): exact", *_recall(g("AWARD"), pred))
        # 3. CAMPAIGN precision
        p_camp = [p for p in pred if p[2] == "CAMPAIGN"]
        add("3 CAMPAIGN precision", sum(p in gold for p in p_camp), len(p_camp))
        add("3 CAMPAIGN recall", *_recall(g("CAMPAIGN"), pred))
        # 4. QUANTITY with abbreviations or ratios
        add(
            "4 QUANTITY with an abbreviation or ratio: exact",
            *_recall([s for s in g("QUANTITY") if ABBREV.search(text[s[0] : s[1]])], pred),
        )
        p_q = [p for p in pred if p[2] == "QUANTITY"]
        add("4 QUANTITY precision", sum(p in gold for p in p_q), len(p_q))
        # 5. PERSON in ALL CAPS (bylines, credits)
        add("5 PERSON in ALL CAPS: exact", *_recall([s for s in g("PERSON") if text[s[0] : s[1]].isupper()], pred))
        p_p = [p for p in pred if p[2] == "PERSON"]
        add("5 PERSON precision", sum(p in gold for p in p_p), len(p_p))
    return {k: tuple(v) for k, v in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    records = read_jsonl(args.data)
    results = {m: measure(m, records) for m in args.models}
    names = list(next(iter(results.values())))
    print("| error kind | " + " | ".join(args.models) + " |")
    print("|---" * (len(args.models) + 1) + "|")
    for name in names:
        cells = []
        for m in args.models:
            hit, total = results[m][name]
            cells.append(f"{hit / total:.3f} ({hit}/{total})" if total else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
