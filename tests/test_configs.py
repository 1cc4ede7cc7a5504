"""Typed training configs: a misspelt or unknown key is refused for every family, naming the key,
before anything is written; the CLI turns it into one line and exit 2."""

from __future__ import annotations

import pytest
import yaml

from thidua_ner.cli import main
from thidua_ner.errors import ConfigError
from thidua_ner.training import parse_config

CASES = [
    ("crf", {"train_split": ["train", "dev"]}, "train_split"),
    ("crf", {"params": {"c1": 0.1, "max_iteration": 5}}, "max_iteration"),
    ("e5crf", {"pca_dim": 8}, "pca_dim"),
    ("transformer", {"learning_rate": 3e-5}, "learning_rate"),  # belongs in the trainer block now
    ("transformer", {"trainer": {"num_train_epoch": 2}}, "num_train_epoch"),
]


@pytest.mark.parametrize("family,keys,named", CASES, ids=[f"{f}-{n}" for f, _, n in CASES])
def test_unknown_keys_are_refused_by_name(family, keys, named):
    if family == "transformer":
        pytest.importorskip("transformers")
    with pytest.raises(ConfigError, match=named):
        parse_config({"family": family, **keys}, "test.yaml")


def test_wrong_types_are_refused():
    with pytest.raises(ConfigError, match="train_splits"):
        parse_config({"family": "crf", "train_splits": "train"}, "test.yaml")


def test_cli_refuses_a_misspelt_key_with_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "model"
    config = tmp_path / "bad.yaml"
    config.write_text(yaml.safe_dump({"family": "crf", "output_dir": str(out), "c1": 0.1}), encoding="utf-8")
    assert main(["train", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'c1'" in err[0] and "Traceback" not in err[0]
    assert not out.exists()
