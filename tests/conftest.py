from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import thidua_ner

    return thidua_ner.load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "seeds_gold.jsonl").is_file():
        pytest.skip("../shared/eval is not present")
    return SHARED
