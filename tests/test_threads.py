"""One pipeline used from 8 threads gives exactly the sequential results (issue 14).

pycrfsuite's Tagger keeps the sentence it tagged in its C state and marginal() reads it, so two
threads sharing it mixed their sentences up (wrong scores, "position out of range"); the CRF
families now hold a lock from tag() to the last marginal()."""

from __future__ import annotations

import json
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    lines = (REPO / "data/annotations/test.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def _dump(doc) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)


def test_eight_threads_agree_with_sequential(nlp):
    texts = _texts()
    expected = [_dump(nlp(t)) for t in texts]
    got: dict[int, str] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(k: int) -> None:
        try:
            start.wait()
            mine = list(range(k, len(texts), 8))
            if k % 2:  # half the threads call nlp(text), half stream through nlp.pipe
                for i in mine:
                    got[i] = _dump(nlp(texts[i]))
            else:
                for i, doc in zip(mine, nlp.pipe((texts[i] for i in mine), batch_size=4)):
                    got[i] = _dump(doc)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    assert len(got) == len(texts)
    differ = [i for i in range(len(texts)) if got[i] != expected[i]]
    assert not differ, f"{len(differ)} documents differ from the sequential run, first #{differ[0]}"
