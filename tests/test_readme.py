"""Every ```python block of the README runs as written, each in a fresh interpreter from the repo
root (a block whose first line is a comment saying "not run" is skipped, and says why)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_python_blocks():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index, tmp_path):
    code = BLOCKS[index]
    first = code.strip().splitlines()[0]
    if first.startswith("#") and "not run" in first:
        pytest.skip(first.lstrip("# "))
    script = tmp_path / f"block{index}.py"
    script.write_text(code, encoding="utf-8")
    # The checkout under test comes first, whatever is installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
