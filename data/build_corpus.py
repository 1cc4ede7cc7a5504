"""Build data/annotations/ from the hand-written sources in data/source/.

Sources name spans by their surface text, never by typed offsets:

    {"docs": [{"doc": "b01-d001", "items": [
        {"text": "...", "ents": [["Trần Văn A", "PERSON"], ...],
         "events": [{"award": "Bằng khen", "giver_person": ["Trần Văn A"], ...}],
         "person_positions": [{"person": "Trần Văn A", "positions": ["Bí thư Tỉnh ủy"]}]}]}]}

Each surface is searched forward from the end of the previous span, on word
boundaries. Events and links refer to spans by surface, or by [surface, k] for
the k-th (0-based) span with that surface. Usage:

    python data/build_corpus.py                      # rebuild data/annotations/*.jsonl
    python data/build_corpus.py --check FILE...      # only validate these sources, print counts
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thidua_ner.formats.validation import span_problems  # noqa: E402
from thidua_ner.schema import LABELS  # noqa: E402

SOURCE_DIR = ROOT / "data" / "source"
OUT_DIR = ROOT / "data" / "annotations"
ROLES = {
    "giver_person": "PERSON",
    "giver_position": "POSITION",
    "on_behalf_of": "POSITION",
    "recipient_quantity": "QUANTITY",
    "recipient_person": "PERSON",
    "campaign": "CAMPAIGN",
}
SPLIT_CUTS = (("train", 64), ("dev", 74), ("test", 100))  # test is large: it carries the event gold
# Corpus v2 (batches 07 and later, written in the shape of whole real pages) has a test split of its
# own, `test_pages`, so the v1 test numbers stay comparable and the real-shape numbers stand apart.
V2_FIRST_BATCH = 7
V2_SPLIT_CUTS = (("train", 70), ("dev", 80), ("test_pages", 100))
SPLITS_OUT = ("train", "dev", "test", "test_pages")
MIN_NEAR_WORDS = 8  # records shorter than this are not compared for near-duplicates


class SourceError(ValueError):
    pass


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def locate(text: str, ents: list) -> list[dict]:
    spans, cursor = [], 0
    for ent in ents:
        if not (isinstance(ent, list) and len(ent) == 2 and all(isinstance(x, str) for x in ent)):
            raise SourceError(f"entity {ent!r} must be [surface, LABEL]")
        surface, label = ent
        if label not in LABELS:
            raise SourceError(f"entity {surface!r}: unknown label {label!r}")
        pos = text.find(surface, cursor)
        while pos >= 0:
            before = text[pos - 1] if pos > 0 else " "
            after = text[pos + len(surface)] if pos + len(surface) < len(text) else " "
            # A number inside a date or ratio ("10" in "17/10", "5" in "2.5") is no match either.
            in_number = (surface[0].isdigit() and pos > 1 and before in "/.,-" and text[pos - 2].isdigit()) or (
                surface[-1].isdigit()
                and after in "/.,"
                and text[pos + len(surface) + 1 : pos + len(surface) + 2].isdigit()
            )
            if (
                not in_number
                and not (_is_word_char(before) and _is_word_char(surface[0]))
                and not (_is_word_char(after) and _is_word_char(surface[-1]))
            ):
                break
            pos = text.find(surface, pos + 1)
        if pos < 0:
            raise SourceError(
                f"entity {surface!r} ({label}) not found after offset {cursor} (ents must be in text order)"
            )
        spans.append({"start": pos, "end": pos + len(surface), "label": label})
        cursor = pos + len(surface)
    return spans


def resolve(ref, text: str, spans: list[dict], want_label: str | None, what: str) -> list[int]:
    if isinstance(ref, str):
        surface, k = ref, None
    elif isinstance(ref, list) and len(ref) == 2 and isinstance(ref[0], str) and isinstance(ref[1], int):
        surface, k = ref
    else:
        raise SourceError(f"{what}: reference {ref!r} must be a surface or [surface, k]")
    matches = [s for s in spans if text[s["start"] : s["end"]] == surface]
    if not matches:
        raise SourceError(f"{what}: {surface!r} is not one of this sentence's ents")
    if k is None:
        if len(matches) > 1:
            raise SourceError(f"{what}: {surface!r} occurs {len(matches)} times; write [surface, k]")
        k = 0
    if k >= len(matches):
        raise SourceError(f"{what}: [{surface!r}, {k}] but only {len(matches)} such spans")
    span = matches[k]
    if want_label and span["label"] != want_label:
        raise SourceError(f"{what}: {surface!r} is {span['label']}, expected {want_label}")
    return [span["start"], span["end"]]


def compile_item(item: dict) -> tuple[dict, dict]:
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceError("item has no text")
    if text != unicodedata.normalize("NFC", text):
        raise SourceError("text is not NFC")
    if text != text.strip() or re.search(r"[ \t\r]{2,}|[\t\r]| \n|\n ", text):
        raise SourceError("text has leading/trailing or repeated whitespace")
    # A list over several lines is one sentence (EVENT_SCHEMA v1.1): a line may end only
    # where it runs on, after ':', ';' or ','.
    for m in re.finditer(r"\n", text):
        if m.start() == 0 or text[m.start() - 1] not in ":;," or text[m.start() + 1 : m.start() + 2] == "\n":
            raise SourceError("a line break inside an item must follow ':', ';' or ',' (a run-on list line)")
    spans = locate(text, item.get("ents", []))
    problems = span_problems(text, spans, strict=True)  # our guidelines: punctuation edges refused too
    if problems:
        raise SourceError("; ".join(problems))
    events = []
    awards_done: set[tuple[int, int]] = set()
    for ev in item.get("events", []):
        unknown = set(ev) - set(ROLES) - {"award"}
        if unknown:
            raise SourceError(f"event has unknown role(s) {sorted(unknown)}")
        award = resolve(ev.get("award"), text, spans, "AWARD", "event award")
        if tuple(award) in awards_done:
            raise SourceError(f"two events for the award at {award}")
        awards_done.add(tuple(award))
        out = {"award": award}
        for role, label in ROLES.items():
            fillers = [resolve(r, text, spans, label, f"role {role}") for r in ev.get(role, [])]
            if len({tuple(f) for f in fillers}) != len(fillers):
                raise SourceError(f"role {role} repeats a filler")
            out[role] = fillers
        events.append(out)
    missing = [
        text[s["start"] : s["end"]]
        for s in spans
        if s["label"] == "AWARD" and (s["start"], s["end"]) not in awards_done
    ]
    if missing:
        raise SourceError(f"AWARD span(s) without an event: {missing}")
    events.sort(key=lambda e: e["award"])
    links = set()
    for link in item.get("person_positions", []):
        person = resolve(link.get("person"), text, spans, "PERSON", "link person")
        for pos_ref in link.get("positions", []):
            links.add((tuple(person), tuple(resolve(pos_ref, text, spans, "POSITION", "link position"))))
    record = {"text": text, "spans": spans}
    gold = {"events": events, "person_positions": sorted([list(p), list(q)] for p, q in links)}
    return record, gold


def load_sources(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """Compile every item of every source file; return records and error messages."""
    records, errors = [], []
    seen_docs: set[str] = set()
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            errors.append(f"{path}: cannot read JSON: {exc}")
            continue
        for doc in data.get("docs", []):
            doc_id = doc.get("doc")
            if not doc_id or doc_id in seen_docs:
                errors.append(f"{path}: missing or repeated doc id {doc_id!r}")
                continue
            seen_docs.add(doc_id)
            source = doc.get("source", "written")
            for n, item in enumerate(doc.get("items", []), 1):
                where = f"{path.name}: doc {doc_id} item {n}"
                try:
                    record, gold = compile_item(item)
                except SourceError as exc:
                    errors.append(f"{where}: {exc} | text: {str(item.get('text'))[:80]!r}")
                    continue
                record = {"id": f"{doc_id}-{n:03d}", "doc": doc_id, **record, "source": source}
                if doc.get("template"):
                    record["template"] = doc["template"]
                records.append((record, gold))
    return records, errors


def near_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"\d+", "0", text)
    return " ".join(re.findall(r"\w+", text))


def shingles(text: str, n: int = 4) -> set[str]:
    toks = near_key(text).split()
    return {" ".join(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))}


def assign_splits(pairs: list[tuple[dict, dict]]) -> tuple[dict[str, str], int]:
    """Deterministic split by document; generated text only trains; near-duplicates follow train."""
    split_of: dict[str, str] = {}
    for record, _ in pairs:
        doc = record["doc"]
        if doc in split_of:
            continue
        if record["source"] == "generated":
            split_of[doc] = "train"
            continue
        bucket = int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 100
        cuts = V2_SPLIT_CUTS if _batch(doc) >= V2_FIRST_BATCH else SPLIT_CUTS
        split_of[doc] = next(name for name, cut in cuts if bucket < cut)
    index: dict[str, set[str]] = defaultdict(set)
    sh_of = {}
    for record, _ in pairs:
        # Page furniture ("Video", "Xem thêm:", a byline) repeats across pages by nature: short
        # lines say nothing about duplicated documents and take no part in the check.
        sh = shingles(record["text"]) if len(near_key(record["text"]).split()) >= MIN_NEAR_WORDS else set()
        sh_of[record["id"]] = sh
        for g in sh:
            index[g].add(record["id"])
    doc_of = {r["id"]: r["doc"] for r, _ in pairs}
    moved = 0
    for record, _ in pairs:
        if split_of[record["doc"]] == "train":
            continue
        sh = sh_of[record["id"]]
        cands = Counter(o for g in sh for o in index[g] if doc_of[o] != record["doc"])
        for other, shared in cands.items():
            if split_of[doc_of[other]] == split_of[record["doc"]]:
                continue
            union = len(sh | sh_of[other])
            if union and shared / union >= 0.6:
                split_of[record["doc"]] = "train"
                moved += 1
                break
    return split_of, moved


def _batch(doc: str) -> int:
    m = re.match(r"b(\d+)-", doc)
    return int(m.group(1)) if m else 0


def pages(chosen: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Each multi-item document as one page record: its items joined by line breaks, offsets shifted."""
    by_doc: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for r, g in chosen:
        by_doc[r["doc"]].append((r, g))
    out = []
    for doc, items in by_doc.items():
        if len(items) < 2:
            continue
        text, spans, events, links, offset = [], [], [], [], 0

        def shift(pair: list[int], by: int) -> list[int]:
            return [pair[0] + by, pair[1] + by]

        for r, g in items:
            text.append(r["text"])
            spans += [{**sp, "start": sp["start"] + offset, "end": sp["end"] + offset} for sp in r["spans"]]
            for ev in g["events"]:
                events.append(
                    {k: shift(v, offset) if k == "award" else [shift(f, offset) for f in v] for k, v in ev.items()}
                )
            links += [[shift(p, offset), shift(q, offset)] for p, q in g["person_positions"]]
            offset += len(r["text"]) + 1
        record = {"id": doc, "doc": doc, "text": "\n".join(text), "spans": spans, "source": items[0][0]["source"]}
        out.append((record, {"events": events, "person_positions": links}))
    return out


def stats_table(records: list[dict]) -> str:
    count = Counter(s["label"] for r in records for s in r["spans"])
    empty = sum(1 for r in records if not r["spans"])
    row = " ".join(f"{lab}={count[lab]}" for lab in LABELS)
    return f"{len(records)} records ({empty} with no span, {100 * empty / max(1, len(records)):.0f}%): {row}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", nargs="*", type=Path, help="validate only these source files")
    args = parser.parse_args(argv)
    paths = args.check if args.check else sorted(SOURCE_DIR.glob("*.json"))
    pairs, errors = load_sources(paths)
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    records = [r for r, _ in pairs]
    print(stats_table(records))
    n_events = sum(len(g["events"]) for _, g in pairs)
    n_links = sum(len(g["person_positions"]) for _, g in pairs)
    n_docs = len({r["doc"] for r in records})
    print(f"{n_docs} docs, {n_events} events, {n_links} person-position links")
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    if args.check:
        return 0
    split_of, moved = assign_splits(pairs)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    outputs = {name: [(r, g) for r, g in pairs if split_of[r["doc"]] == name] for name in SPLITS_OUT}
    # Whole pages of the real-shape test split, to score page splitting end to end.
    outputs["test_pages.docs"] = pages(outputs["test_pages"])
    for name, chosen in outputs.items():
        with open(OUT_DIR / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r, _ in chosen:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        with open(OUT_DIR / f"{name}.events.jsonl", "w", encoding="utf-8") as fh:
            for r, g in chosen:
                fh.write(json.dumps({"id": r["id"], **g}, ensure_ascii=False) + "\n")
        print(f"{name}: {stats_table([r for r, _ in chosen])}")
    print(f"{moved} dev/test docs moved to train as near-duplicates of another split")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
