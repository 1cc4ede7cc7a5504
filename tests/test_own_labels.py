"""Any label set end to end: tagging schemes, lossless conversions, training on CoNLL files, output guard."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from thidua_ner.cli import main
from thidua_ner.errors import AnnotationError, ConfigError
from thidua_ner.formats import normalise_and_check, read_any, write_any
from thidua_ner.formats.conll import from_conll, to_conll
from thidua_ner.formats.corpus import Record, check_file, read_jsonl, to_nfc
from thidua_ner.formats.doccano import from_doccano, to_doccano
from thidua_ner.formats.label_studio import from_label_studio, to_label_studio
from thidua_ner.iob import detect_scheme, to_iob2

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "own-labels"
CORPUS_FILES = sorted(p for p in (REPO / "data" / "annotations").glob("*.jsonl") if not p.name.count(".events"))


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------- tagging schemes


@pytest.mark.parametrize(
    "scheme,tags",
    [
        ("iob2", ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]),
        ("iob1", ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC"]),
        ("iobes", ["B-PER", "E-PER", "O", "S-LOC", "B-LOC", "E-LOC"]),
        ("bilou", ["B-PER", "L-PER", "O", "U-LOC", "B-LOC", "L-LOC"]),
    ],
)
def test_every_scheme_becomes_the_same_iob2(scheme, tags):
    expected = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert detect_scheme([tags]) == scheme
    assert to_iob2(tags) == expected
    assert to_iob2(tags, scheme) == expected


def test_bioes_long_chunk_and_aliases():
    assert to_iob2(["B-ORG", "I-ORG", "I-ORG", "E-ORG", "S-ORG"], "bioes") == [
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "I-ORG",
        "B-ORG",
    ]
    assert to_iob2(["B-X", "I-X"], "bio") == ["B-X", "I-X"]


@pytest.mark.parametrize(
    "tags,scheme", [(["B-PER", "X-PER"], "auto"), (["S-PER"], "iob2"), (["B"], "auto"), (["S-A", "U-A"], "auto")]
)
def test_bad_tags_raise_instead_of_becoming_o(tags, scheme):
    with pytest.raises(ValueError):
        to_iob2(tags, scheme)


def test_conll_iobes_file_keeps_single_token_chunks():
    content = "Ông\tO\nAn\tS-PER\nở\tO\nHuế\tS-LOC\n\nBà\tO\nLan\tS-PER\n"
    records = from_conll(content)
    assert [[r.text[s:e] for s, e, _ in r.spans] for r in records] == [["An", "Huế"], ["Lan"]]
    with pytest.raises(AnnotationError, match="Q-PER"):
        from_conll("An\tQ-PER\n")


# ---------------------------------------------------------------------------- CoNLL reading


def test_conll_docstart_hash_tokens_spaceafter_and_comments():
    content = (
        "-DOCSTART- -X- O O\n\n"
        "# a free comment\n"
        "#\tO\n"
        "SốngXanh\tB-EVT\n\n"
        "-DOCSTART- -X- O O\n\n"
        "Sở\tO\tO\tB-ORG\n"
        "GD\t_\tSpaceAfter=No\tI-ORG\n"
        "&\t_\tSpaceAfter=No\tI-ORG\n"
        "ĐT\t_\t_\tI-ORG\n"
        "ngày\t_\t_\tB-DATE\n"
        "28\t_\tSpaceAfter=No\tI-DATE\n"
        "/\t_\tSpaceAfter=No\tI-DATE\n"
        "12\t_\tSpaceAfter=No\tI-DATE\n"
        ".\t_\t_\tO\n"
    )
    a, b = from_conll(content, source="f")
    assert a.text == "# SốngXanh" and a.spans == ((2, 10, "EVT"),)
    assert b.text == "Sở GD&ĐT ngày 28/12."
    assert [b.text[s:e] for s, e, _ in b.spans] == ["Sở GD&ĐT", "ngày 28/12"]
    assert a.doc != b.doc and a.doc and b.doc


def test_conll_text_line_gives_the_exact_text():
    content = "# id = x1\n# text = Sở GD&ĐT, ngày 28/12.\nSở\tB-ORG\nGD\tI-ORG\n&\tI-ORG\nĐT\tI-ORG\n,\tO\nngày\tB-DATE\n28\tI-DATE\n/\tI-DATE\n12\tI-DATE\n.\tO\n"
    (r,) = from_conll(content)
    assert r.id == "x1" and r.text == "Sở GD&ĐT, ngày 28/12."
    assert [r.text[s:e] for s, e, _ in r.spans] == ["Sở GD&ĐT", "ngày 28/12"]
    with pytest.raises(AnnotationError, match="does not match"):
        from_conll("# text = Hà Nội\nHà\tB-LOC\nNam\tI-LOC\n")


def test_conll_writer_is_lossless_for_odd_texts():
    records = [
        Record("a", "Sở GD&ĐT  ngày 28/12 # nhé", ((0, 8, "ORG"), (10, 20, "DATE")), source="generated", doc="d1"),
        Record("b", " xuống\ndòng\t", ((1, 6, "X"),)),
        Record("c", "TP.HCM.", ((0, 7, "LOC"),)),
        Record("d", "2.655 người", ((2, 5, "NUM"),)),  # a span inside one of our tokens
        Record("e", "", ()),
    ]
    assert from_conll(to_conll(records)) == records


# ---------------------------------------------------------------------------- lossless round trips over the whole corpus


def _corpus_records():
    records = [r for path in CORPUS_FILES for r in read_jsonl(path)]
    assert len(records) > 2000
    return records


def test_whole_corpus_conll_round_trip_is_lossless():
    records = _corpus_records()
    assert from_conll(to_conll(records)) == records


def test_whole_corpus_doccano_and_label_studio_round_trips_are_lossless():
    records = _corpus_records()
    assert from_doccano(json.loads(json.dumps(to_doccano(records), ensure_ascii=False))) == records
    assert from_label_studio(json.loads(json.dumps(to_label_studio(records), ensure_ascii=False))) == records
    assert any(r.doc for r in records) and {r.source for r in records} >= {"written", "generated"}


@pytest.mark.parametrize("fmt,ext", [("conll", "conll"), ("doccano", "jsonl"), ("label-studio", "json")])
def test_convert_command_round_trip_over_a_corpus_file(tmp_path, capsys, fmt, ext):
    source = REPO / "data" / "annotations" / "dev.jsonl"
    out, back = tmp_path / f"out.{ext}", tmp_path / "back.jsonl"
    assert run(["convert", source, out, "--from", "jsonl", "--to", fmt], capsys)[0] == 0
    assert run(["convert", out, back, "--from", fmt, "--to", "jsonl"], capsys)[0] == 0
    assert back.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_convert_normalises_to_nfc_and_refuses_what_validate_rejects(tmp_path, capsys):
    nfd = unicodedata.normalize("NFD", "Ông Nguyễn Văn Ấn ở Huế")
    start = nfd.index(unicodedata.normalize("NFD", "Nguyễn"))
    end = nfd.index(unicodedata.normalize("NFD", " ở"))
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "text": nfd, "spans": []}) + "\n", encoding="utf-8")
    record = Record("1", nfd, ((start, end, "PER"),))
    fixed = to_nfc(record)
    assert (
        fixed.text == "Ông Nguyễn Văn Ấn ở Huế" and fixed.text[fixed.spans[0][0] : fixed.spans[0][1]] == "Nguyễn Văn Ấn"
    )
    doccano = tmp_path / "in.doccano.jsonl"
    doccano.write_text(json.dumps({"id": "1", "text": nfd, "label": [[start, end, "PER"]]}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run(["convert", doccano, out, "--from", "doccano", "--to", "jsonl"], capsys)[0] == 0
    assert check_file(out) == ([], [])
    assert read_jsonl(out)[0] == Record("1", fixed.text, fixed.spans)
    bad = tmp_path / "bad.doccano.jsonl"
    bad.write_text(json.dumps({"id": "1", "text": "An ", "label": [[0, 3, "PER"]]}) + "\n", encoding="utf-8")
    code, _, err = run(["convert", bad, tmp_path / "x.jsonl", "--from", "doccano", "--to", "jsonl"], capsys)
    assert code == 2 and "whitespace" in err and not (tmp_path / "x.jsonl").exists()
    with pytest.raises(AnnotationError, match="twice"):
        normalise_and_check([Record("1", "a", ()), Record("1", "b", ())])


# ---------------------------------------------------------------------------- punctuation at span edges


def test_punctuation_at_span_edges_is_a_warning_not_an_error(tmp_path, capsys):
    path = tmp_path / "pub.jsonl"
    path.write_text(
        json.dumps({"id": "1", "text": "Về TP.HCM. Xong", "spans": [{"start": 3, "end": 10, "label": "LOC"}]}) + "\n",
        encoding="utf-8",
    )
    errors, warnings = check_file(path)
    assert errors == [] and len(warnings) == 1 and "punctuation" in warnings[0] and ":1:" in warnings[0]
    assert read_jsonl(path)[0].spans == ((3, 10, "LOC"),)
    code, out, err = run(["validate", path], capsys)
    assert code == 0 and "1 warning" in out and "warning:" in err
    assert run(["validate", "--strict", path], capsys)[0] == 2
    # Our own guidelines keep the rule: the corpus build refuses it.
    import sys

    sys.path.insert(0, str(REPO / "data"))
    try:
        import build_corpus

        with pytest.raises(build_corpus.SourceError, match="punctuation"):
            build_corpus.compile_item({"text": "Ông Trần Văn An. Xong", "ents": [["Trần Văn An.", "PERSON"]]})
    finally:
        sys.path.remove(str(REPO / "data"))


def test_validate_summarises_many_errors(tmp_path, capsys):
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": str(i), "text": "An", "spans": [{"start": 0, "end": 9, "label": "X"}]}) + "\n"
            for i in range(80)
        ),
        encoding="utf-8",
    )
    code, out, err = run(["validate", path], capsys)
    assert code == 2 and out.strip().splitlines()[-1] == "1 files, 80 records, 80 problems"
    assert "and 30 more problems" in err and err.count("out of range") == 50


# ---------------------------------------------------------------------------- training on files with their own labels


@pytest.fixture(scope="module")
def own_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("own") / "model"
    code = main(
        [
            "train", "--family", "crf",
            "--train", str(EXAMPLE / "train.conll"),
            "--dev", str(EXAMPLE / "dev.conll"),
            "--test", str(EXAMPLE / "test.conll"),
            "--output", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    return out


def test_train_on_conll_with_own_labels_and_evaluate(own_model, capsys):
    import thidua_ner

    meta = json.loads((own_model / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["DATE", "LOC", "ORG", "PER"]
    assert set(meta["metrics"]) == {"dev", "test"} and meta["metrics"]["test"]["seqeval_micro_f1"] > 0.5
    # dev selection: a grid, recorded, and the chosen point is the best one
    sel = meta["selection"]
    assert len(sel["grid"]) == 4 and sel["chosen"] in [p["params"] for p in sel["grid"]]
    best = max(p["dev_f1"] for p in sel["grid"])
    assert [p["dev_f1"] for p in sel["grid"] if p["params"] == sel["chosen"]] == [best]
    assert meta["params"]["c1"] == sel["chosen"]["c1"] and "Model selection" in (own_model / "README.md").read_text(
        "utf-8"
    )
    nlp = thidua_ner.load(own_model)
    assert nlp.labels == ("DATE", "LOC", "ORG", "PER")
    doc = nlp("Bà Nguyễn Thị Lan làm việc ở Hà Nội từ năm 2019.")
    assert {e.label for e in doc.entities} <= {"DATE", "LOC", "ORG", "PER"} and doc.entities
    code, out, _ = run(["evaluate", "--model", own_model, "--data", EXAMPLE / "test.conll", "--json"], capsys)
    result = json.loads(out)
    assert code == 0
    assert result["seqeval"]["micro avg"]["f1-score"] == pytest.approx(meta["metrics"]["test"]["seqeval_micro_f1"])
    assert set(result["spans"]["per_label"]) == {"DATE", "LOC", "ORG", "PER"}
    code, out, _ = run(["evaluate", "--model", own_model, "--data", EXAMPLE / "test.conll"], capsys)
    assert code == 0 and "DATE" in out and "micro" in out


def test_dev_selection_is_reproducible_and_off_when_params_are_fixed(own_model, tmp_path):
    from thidua_ner.training import train_files

    again = train_files(EXAMPLE / "train.conll", EXAMPLE / "dev.conll", output=tmp_path / "again")
    assert (again / "model.crfsuite").read_bytes() == (own_model / "model.crfsuite").read_bytes()
    extra = tmp_path / "extra.yaml"
    extra.write_text("params: {c1: 0.3, c2: 0.01, max_iterations: 50}\n", encoding="utf-8")
    fixed = train_files(EXAMPLE / "train.conll", EXAMPLE / "dev.conll", output=tmp_path / "fixed", config=extra)
    meta = json.loads((fixed / "thidua_ner.json").read_text(encoding="utf-8"))
    assert "selection" not in meta and meta["params"]["c1"] == 0.3
    extra.write_text("params: {max_iterations: 50}\nearly_stopping_patience: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="early_stopping_patience"):
        train_files(EXAMPLE / "train.conll", output=tmp_path / "typo", config=extra)
    assert not (tmp_path / "typo").exists()


def test_train_refuses_the_package_and_existing_models(own_model, tmp_path, capsys):
    code, _, err = run(["train", "--train", EXAMPLE / "train.conll", "--output", own_model], capsys)
    assert code == 2 and "--overwrite" in err and err.count("\n") == 1
    inside = REPO / "thidua_ner" / "models" / "crf"
    before = (inside / "model.crfsuite").read_bytes()
    code, _, err = run(["train", "--train", EXAMPLE / "train.conll", "--output", inside], capsys)
    assert code == 2 and "inside the thidua_ner package" in err
    code, _, err = run(["train", "--config", REPO / "training" / "configs" / "crf.yaml"], capsys)
    assert code == 2 and "package" in err
    assert (inside / "model.crfsuite").read_bytes() == before


def test_train_on_jsonl_files_and_format_flag(tmp_path):
    from thidua_ner.training import train_files

    records = read_any(EXAMPLE / "train.conll")
    write_any(records, tmp_path / "train.data", "jsonl")
    out = train_files(
        tmp_path / "train.data", output=tmp_path / "m", data_format="jsonl", config={"params": {"max_iterations": 20}}
    )
    meta = json.loads((out / "thidua_ner.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["DATE", "LOC", "ORG", "PER"] and meta["train_sentences"] == len(records)


@pytest.mark.slow
def test_xlm_roberta_config_offline_fails_with_one_line(tmp_path):
    pytest.importorskip("transformers")
    import os
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    for split in ("train", "dev"):
        write_any(read_any(EXAMPLE / f"{split}.conll"), data / f"{split}.jsonl", "jsonl")
    config = REPO / "training" / "configs" / "xlm-roberta-base.yaml"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", "from thidua_ner.cli import main; raise SystemExit(main())", "train", "--config", str(config),
         "--output", str(tmp_path / "x"), "--data-dir", str(data)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    err = proc.stderr.strip()
    assert proc.returncode == 2, err
    assert "\n" not in err and "xlm-roberta-base" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_published_shape_conll_with_punctuation_edges_trains_and_evaluates(tmp_path, capsys):
    lines = []
    for i in range(12):
        lines += [
            "-DOCSTART- -X- O O",
            "",
            f"Ông O\nAn{i} S-PER\nvề O\nTP.HCM. S-LOC\n",
        ]
    path = tmp_path / "pub.iob"
    path.write_text("\n".join(lines), encoding="utf-8")
    records = read_any(path)
    assert records[0].text == "Ông An0 về TP.HCM." and records[0].spans == ((4, 7, "PER"), (11, 18, "LOC"))
    code, out, err = run(["validate", path], capsys)
    assert code == 0 and "12 warning(s)" in out
    extra = tmp_path / "extra.yaml"
    extra.write_text("params: {max_iterations: 30}\n", encoding="utf-8")
    model = tmp_path / "m"
    assert run(["train", "--train", path, "--test", path, "--output", model, "--config", extra], capsys)[0] == 0
    code, out, _ = run(["evaluate", "--model", model, "--data", path, "--json"], capsys)
    assert code == 0 and set(json.loads(out)["spans"]["per_label"]) == {"LOC", "PER"}
