"""Property tests and fuzzing (issue 14) over nlp(text), nlp.pipe, events.extract, the register and
every converter: no exception on any string, offsets exact, entities non-overlapping and never across
a line break, round trips lossless.

The normal suite runs a few hundred cases; ``THIDUA_NER_FUZZ=10`` (CI's fuzz run) multiplies every
count, a few thousand cases within a minute.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua_ner
from thidua_ner.awards import build_register, to_csv_string
from thidua_ner.events import extract
from thidua_ner.formats.conll import _join_tokens, from_conll, to_conll
from thidua_ner.formats.corpus import Record, parse_record
from thidua_ner.formats.doccano import from_doccano, to_doccano
from thidua_ner.formats.label_studio import from_label_studio, to_label_studio
from thidua_ner.text.tokens import tokenize

REPO = Path(__file__).resolve().parent.parent
FUZZ = float(os.environ.get("THIDUA_NER_FUZZ", "1"))
LABELS = ("PERSON", "POSITION", "AWARD", "CAMPAIGN", "QUANTITY")


def _settings(n: int):
    return settings(
        max_examples=max(10, int(n * FUZZ)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=FUZZ == 1,  # the normal suite is deterministic; a fuzz run explores
    )


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for line in (REPO / "data/annotations/test.jsonl").read_text("utf-8").splitlines()[:200]:
        words.update(t.text for t in tokenize(json.loads(line)["text"]))
    return sorted(words)


WORDS = _vocabulary()
ODD = [
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\u00ad",
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\ud800",
    "\udfff",
    "&amp;",
    "&nbsp;",
    "&#10;",
    "\u0301",
    "\u1100\u1161",
    "hoà",
    "UỶ BAN",
    "THỪA ỦY QUYỀN",
    "1.",
    "I.",
    "a)",
    ":",
    ";",
    ",",
    ".",
    "“",
    "”",
    '"',
    "…",
    "Ảnh:",
    "TP.",
    "\r\n",
    "\x00",
]
# Page-like text: corpus words, separators, and everything odd we know of.
page_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.just(" ")), max_size=60).map(
    lambda parts: " ".join(parts) if len(parts) % 3 else "".join(parts)
)
# Any string at all, lone surrogates included.
any_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=40),
    page_text,
)


@pytest.fixture(scope="module")
def nlp():
    return thidua_ner.load()


def _check_doc(text, doc):
    prev_end = 0
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.start >= prev_end, "entities overlap or are out of order"
        assert "\n" not in e.text
        prev_end = e.end
    prev = 0
    for s in doc.sentences:
        assert prev <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
        prev = s.end
    ents = set(doc.entities)
    for ev in doc.events:
        assert ev.award in ents
        assert all(x in ents for role in thidua_ner.events.ROLES for x in getattr(ev, role))
        json.dumps(ev.to_dict(), ensure_ascii=False)


@_settings(300)
@given(any_text)
def test_nlp_never_fails_and_offsets_are_exact(nlp, text):
    _check_doc(text, nlp(text))


@_settings(60)
@given(st.lists(any_text, max_size=6), st.integers(1, 5))
def test_pipe_equals_one_by_one(nlp, texts, batch_size):
    piped = [d.to_dict() for d in nlp.pipe(texts, batch_size=batch_size)]
    assert piped == [nlp(t).to_dict() for t in texts]


@st.composite
def text_and_spans(draw):
    text = draw(any_text)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10, unique=True)))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < b:
            spans.append((a, b, draw(st.sampled_from(LABELS))))
    return text, spans


@_settings(300)
@given(text_and_spans())
def test_events_extract_on_any_entities(case):
    text, spans = case
    doc = extract(text, spans)
    given_spans = {(s, e) for s, e, _ in spans}
    for ev in doc.events:
        assert ev.award.span in given_spans and ev.award.label == "AWARD"
        for role in thidua_ner.events.ROLES:
            assert all(x.span in given_spans for x in getattr(ev, role))


@_settings(60)
@given(st.lists(any_text, min_size=1, max_size=4))
def test_register_on_any_documents(nlp, texts):
    docs = [(f"d{i}", nlp(t)) for i, t in enumerate(texts)]
    rows = build_register(docs)
    assert sum(r.mentions for r in rows) >= sum(len(d.events) for _, d in docs)
    for r in rows:
        assert r.total_count is None or r.total_count >= 0
        assert r.events <= r.mentions
    to_csv_string(rows)


@st.composite
def records(draw):
    """A valid record whose text is CoNLL's joined form: spans on whole tokens, non-overlapping."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text, tokens = _join_tokens(words)
    spans, i = [], 0
    while i < len(tokens):
        if draw(st.booleans()):
            j = draw(st.integers(i, min(i + 4, len(tokens) - 1)))
            first, last = tokens[i], tokens[j]
            if text[first.start].isalnum() and text[last.end - 1].isalnum():
                spans.append((first.start, last.end, draw(st.sampled_from(LABELS))))
                i = j + 1
                continue
        i += 1
    rid = draw(st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True))
    return Record(rid, text, tuple(spans))


@_settings(200)
@given(st.lists(records(), min_size=1, max_size=4))
def test_converters_round_trip_losslessly(recs):
    key = [(r.id, r.text, r.spans) for r in recs]
    assert [(r.id, r.text, r.spans) for r in from_doccano(to_doccano(recs))] == key
    assert [(r.id, r.text, r.spans) for r in from_label_studio(to_label_studio(recs))] == key
    assert [(r.id, r.text, r.spans) for r in from_conll(to_conll(recs))] == key
    back = [parse_record(json.loads(json.dumps(r.to_json(), ensure_ascii=False)), "x") for r in recs]
    assert [(r.id, r.text, r.spans) for r in back] == key
    assert [(r.id, r.text, r.spans) for r in from_conll(to_conll(from_conll(to_conll(recs))))] == key
