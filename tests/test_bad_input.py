"""The bad-input corpus: every case ends in a clear error naming file/line/field, or a quarantined record with its
reason while the rest of the file still loads. Never a deep traceback, never a silent drop."""
import gzip, json, subprocess, sys
from pathlib import Path

import pytest

from sft_kit.collect import load
from sft_kit.core import InputError

GOOD = '{"text": "fine", "label": "ham"}\n'
BIG = "x" * (10 * 1024 * 1024)


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


# (case id, file name, content bytes, load kwargs, expected)
# expected: ("error", substring that must appear, after the file name) or
#           ("ok", records loaded, [(line, field, substring of reason), ...] quarantined)
CASES = [
    ("malformed_json_line", "a.jsonl", (GOOD + '{"text": "cut", "label": \n' + GOOD).encode(), {},
     ("ok", 2, [(2, None, "not valid JSON")])),
    ("invalid_utf8_line", "a.jsonl", GOOD.encode() + b'{"text": "caf\xe9", "label": "ham"}\n' + GOOD.encode(), {},
     ("ok", 2, [(2, None, "invalid UTF-8")])),
    ("bom", "a.jsonl", b"\xef\xbb\xbf" + (GOOD * 2).encode(), {}, ("ok", 2, [])),
    ("crlf", "a.jsonl", (GOOD * 3).replace("\n", "\r\n").encode(), {}, ("ok", 3, [])),
    ("empty_file", "a.jsonl", b"", {}, ("error", "file is empty")),
    ("blank_lines_only", "a.jsonl", b"\n\n  \n", {}, ("error", "contains no records")),
    ("missing_field", "a.jsonl", (GOOD + '{"text": "no label"}\n').encode(), {}, ("ok", 1, [(2, "label", "is missing")])),
    ("wrong_type_text", "a.jsonl", (GOOD + '{"text": 123, "label": "ham"}\n').encode(), {},
     ("ok", 1, [(2, "text", "expected a string, got int")])),
    ("wrong_type_label", "a.jsonl", (GOOD + '{"text": "x", "label": [1]}\n').encode(), {},
     ("ok", 1, [(2, "label", "expected a string or integer label")])),
    ("null_label", "a.jsonl", (GOOD + '{"text": "x", "label": null}\n').encode(), {}, ("ok", 1, [(2, "label", "is missing")])),
    ("empty_text", "a.jsonl", (GOOD + '{"text": "", "label": "ham"}\n').encode(), {}, ("ok", 1, [(2, "text", "is empty")])),
    ("whitespace_text", "a.jsonl", (GOOD + '{"text": " \\t ", "label": "ham"}\n').encode(), {}, ("ok", 1, [(2, "text", "is empty")])),
    ("ten_mb_record", "a.jsonl", (GOOD + json.dumps({"text": BIG, "label": "ham"}) + "\n" + GOOD).encode(), {},
     ("ok", 2, [(2, None, "10.5 MB, over max_record_bytes")])),
    ("nul_byte", "a.jsonl", (GOOD + '{"text": "a\\u0000b", "label": "ham"}\n').encode(), {}, ("ok", 1, [(2, "text", "NUL byte")])),
    ("lone_surrogate", "a.jsonl", (GOOD + '{"text": "a\\ud800b", "label": "ham"}\n').encode(), {},
     ("ok", 1, [(2, "text", "lone surrogate")])),
    ("truncated_gzip", "a.jsonl.gz", gz("".join(json.dumps({"text": f"message {i} " * (i % 7 + 1), "label": "ham"}) + "\n"
                                                  for i in range(3000)).encode())[:-400], {}, ("ok", None, [(None, None, "gzip stream is truncated")])),
    ("not_gzip", "a.jsonl.gz", (GOOD * 2).encode(), {}, ("error", "not a gzip file")),
    ("gzip_ok", "a.jsonl.gz", gz((GOOD * 5).encode()), {}, ("ok", 5, [])),
    ("ragged_csv_no_header", "a.csv", b"ham,hello\nspam,win,now,free\nham,bye\n", {},
     ("ok", 2, [(2, None, "row has 4 fields, expected 2")])),
    ("ragged_tsv", "a.tsv", b"ham\thello\nspam\nham\tbye\n", {}, ("ok", 2, [(2, None, "row has 1 fields, expected 2")])),
    ("csv_header_missing_column", "a.csv", b"text,category\nhello,a\n", {}, ("error", "match no schema")),
    ("csv_invalid_utf8", "a.csv", b"text,label\nhello,ham\ncaf\xe9,ham\n", {}, ("ok", 1, [(3, "text", "invalid UTF-8")])),
    ("csv_quoted_newline", "a.csv", b'text,label\n"two\nlines",ham\nok,spam\n', {}, ("ok", 2, [])),
    ("json_array_non_object", "a.json", b'[{"text": "a", "label": 1}, 42, {"text": "b", "label": 0}]', {},
     ("ok", 2, [(2, None, "expected a JSON object, got int")])),
    ("json_file_malformed", "a.json", b'[{"text": "a", "label": 1},\n {"text": ]', {}, ("error", ":2: not valid JSON")),
    ("json_scalar", "a.json", b'"just a string"', {}, ("error", "expected an array of records")),
    ("unknown_extension", "a.xml", b"<a/>", {}, ("error", "cannot tell the format")),
    ("no_such_file", None, None, {}, ("error", "no such file")),
    ("directory", "", None, {}, ("error", "is a directory")),
    ("corrupt_parquet", "a.parquet", b"PAR1 this is not parquet", {}, ("error", "not a readable Parquet file")),
    ("duplicate_ids", "a.jsonl", b'{"id": 1, "text": "a", "label": "x"}\n{"id": 1, "text": "b", "label": "y"}\n', {},
     ("ok", 1, [(2, "id", "repeats the record on line 1")])),
    ("json_array_line", "a.jsonl", (GOOD + '["text", "label"]\n').encode(), {}, ("ok", 1, [(2, None, "expected a JSON object, got list")])),
    ("bad_chat_role", "a.jsonl", b'{"messages": [{"role": "user", "content": "hi"}, {"role": "bot", "content": "yo"}]}\n', {},
     ("ok", 0, [(1, "messages", "role 'bot' is not one of")])),
    ("sharegpt_unknown_speaker", "a.jsonl", b'{"conversations": [{"from": "human", "value": "hi"}, {"from": "robot", "value": "x"}]}\n', {},
     ("ok", 0, [(1, "conversations", "unknown speaker 'robot'")])),
    ("regression_nan", "a.jsonl", b'{"text": "a", "target": 1.5}\n{"text": "b", "target": NaN}\n', {},
     ("ok", 1, [(2, "target", "not finite")])),
    ("no_trailing_newline", "a.jsonl", (GOOD + GOOD.strip()).encode(), {}, ("ok", 2, [])),
    ("no_header_three_columns", "a.csv", b"a,b,c\nd,e,f\n", {}, ("error", "has no header and 3 columns")),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, tmp_path):
    name, fname, content, kwargs, expected = case
    if fname is None:
        path = tmp_path / "missing.jsonl"
    elif fname == "":
        path = tmp_path
    else:
        path = tmp_path / fname
        path.write_bytes(content)
    if expected[0] == "error":
        with pytest.raises(InputError) as e:
            load(path, **kwargs)
        msg = str(e.value)
        assert str(path) in msg, msg                  # names the file
        assert expected[1] in msg, msg
        return
    got = load(path, **kwargs)
    _, n_loaded, quarantined = expected
    if n_loaded is not None:
        assert len(got.dataset) == n_loaded, (len(got.dataset), got.quarantine)
    assert len(got.quarantine) == len(quarantined), got.quarantine
    for q, (line, field, reason) in zip(got.quarantine, quarantined):
        assert q["file"] == str(path)
        if line is not None:
            assert q["line"] == line, q
        assert q["field"] == field, q
        assert reason in q["reason"], q
    if name == "truncated_gzip":   # the lines before the cut still load
        assert len(got.dataset) > 50


def test_corpus_has_at_least_25_cases():
    assert len(CASES) >= 25


def test_cli_bad_input_is_one_line_not_a_traceback(tmp_path):
    bad = tmp_path / "empty.jsonl"
    bad.write_bytes(b"")
    exe = Path(sys.executable).with_name("sft-kit")
    r = subprocess.run([str(exe), "info", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert r.stderr.strip() == f"sft-kit info: error: {bad}: file is empty"


def test_cli_convert_writes_quarantine(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(GOOD + '{"text": ""}\n' + GOOD.replace("fine", "also fine"), encoding="utf-8")
    out = tmp_path / "out.parquet"
    exe = Path(sys.executable).with_name("sft-kit")
    r = subprocess.run([str(exe), "convert", str(src), str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "wrote 2 records" in r.stdout and "quarantined 1 records" in r.stdout
    q = [json.loads(l) for l in open(tmp_path / "out.quarantine.jsonl")]
    assert q[0]["line"] == 2 and q[0]["field"] == "text"
    r = subprocess.run([str(exe), "info", str(out)], capture_output=True, text=True)
    assert "records:    2 loaded, 0 quarantined" in r.stdout, r.stdout


# ---------------------------------------------------------------------------------------------------------------------
# Issue 11: what real files did to the kit. Files below look like what people have: alpaca exports, HumanEval rows,
# fastText / SST / TREC lines, a latin-1 CSV from a spreadsheet.
import base64, contextlib, io, os

from sft_kit.cli import main as cli_main
from sft_kit.collect import raw_bytes

ALPACA = [
    {"instruction": "Give three tips for staying healthy.", "input": "", "output": "1. Eat well.\n2. Exercise.\n3. Sleep."},
    {"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour"},
    {"instruction": "What is the capital of France?", "input": "", "output": "Paris."},
    {"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"},
    {"instruction": "Write a haiku about rain.", "input": "", "output": "Soft rain on the roof", "source": "self-written",
     "meta": {"annotator": "ann1", "quality": 4}},
    {"instruction": "Name a prime number.", "input": "", "output": "7", "meta": {"annotator": "ann2", "reviewed": True}},
]


def run_cli(*argv, cwd=None):
    "In-process `sft-kit ...`: (exit status, stdout, stderr)."
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        if cwd: os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try: rc = cli_main([str(a) for a in argv])
            except SystemExit as e: rc = e.code
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue()


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# --- 1. an output that is the input is refused, in every command, and the input stays as it was -------------------
def _inputs(tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", [{"text": f"message number {i} about the weather", "label": "ham" if i % 3 else "spam"}
                                                  for i in range(12)])
    preds = write_jsonl(tmp_path / "preds.jsonl", [{"label": "a", "prediction": "a"}, {"label": "b", "prediction": "a"}])
    journal = write_jsonl(tmp_path / "journal.jsonl", [{"id": "data:000001", "annotator": "ann", "label": "ham"}])
    return data, preds, journal


SAME_AS_INPUT = {   # command line where OUT stands for the output to test; IN is the input it must not replace
    "clean": ["clean", "IN", "OUT"], "clean-rejects": ["clean", "IN", "x.jsonl", "--rejects", "OUT"],
    "augment": ["augment", "IN", "OUT"], "convert": ["convert", "IN", "OUT"], "augment-code": ["augment-code", "IN", "OUT"],
    "eval": ["eval", "PRED", "--out", "OUT"], "annotated": ["annotated", "IN", "JOURNAL", "OUT"],
}


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hardlink"])
@pytest.mark.parametrize("cmd", list(SAME_AS_INPUT))
def test_output_that_is_the_input_is_refused(cmd, how, tmp_path):
    data, preds, journal = _inputs(tmp_path)
    target = preds if cmd == "eval" else data
    if how == "same": out = str(target)
    elif how == "relative": (tmp_path / "sub").mkdir(); out = f"sub/../{target.name}"
    elif how == "symlink": out = "link.jsonl"; (tmp_path / out).symlink_to(target)
    else: out = "hard.jsonl"; os.link(target, tmp_path / out)
    before = target.read_bytes()
    argv = [{"IN": str(data), "PRED": str(preds), "JOURNAL": str(journal), "OUT": out}.get(a, a) for a in SAME_AS_INPUT[cmd]]
    rc, stdout, stderr = run_cli(*argv, cwd=tmp_path)
    assert rc != 0, (argv, stdout, stderr)
    assert len(stderr.strip().splitlines()) == 1 and "is the input" in stderr, stderr
    assert target.read_bytes() == before


def test_companion_file_that_is_the_input_is_refused(tmp_path):
    "`augment x.ledger.jsonl x.jsonl` would write its ledger over the input."
    src = write_jsonl(tmp_path / "x.ledger.jsonl", [{"text": "a b c d e f", "label": "x"}])
    before = src.read_bytes()
    rc, _, err = run_cli("augment", src, tmp_path / "x.jsonl")
    assert rc == 2 and "would write x.ledger.jsonl, which is the input" in err, err
    assert src.read_bytes() == before and not (tmp_path / "x.jsonl").exists()


def test_split_refuses_an_output_folder_holding_the_input(tmp_path):
    (tmp_path / "splits").mkdir()
    src = write_jsonl(tmp_path / "splits" / "train.jsonl", [{"text": f"t {i}", "label": "a"} for i in range(20)])
    before = src.read_bytes()
    rc, _, err = run_cli("split", src, tmp_path / "splits")
    assert rc == 2 and "output folder holds the input" in err, err
    assert src.read_bytes() == before and sorted(p.name for p in (tmp_path / "splits").iterdir()) == ["train.jsonl"]


# --- 2. fields present on some lines only, and types that change across lines ----------------------------------------
def test_field_first_seen_on_line_5_survives_load(tmp_path):
    got = load(write_jsonl(tmp_path / "alpaca.jsonl", ALPACA))
    rows = got.dataset.to_list()
    assert got.quarantine == [] and len(rows) == 6
    assert rows[4]["source"] == "self-written" and rows[0]["source"] is None
    assert rows[4]["meta"] == {"annotator": "ann1", "quality": 4, "reviewed": None}         # objects unified key by key
    assert rows[5]["meta"] == {"annotator": "ann2", "quality": None, "reviewed": True}


def test_field_on_line_1_only_does_not_fail_the_file(tmp_path):
    rows = [{"text": "first", "label": "a", "note": "only here"}] + [{"text": f"t{i}", "label": "b"} for i in range(5)]
    got = load(write_jsonl(tmp_path / "a.jsonl", rows))
    assert len(got.dataset) == 6 and got.dataset["note"] == ["only here"] + [None] * 5


@pytest.mark.parametrize("fmt", ["jsonl", "json", "list", "parquet"])
def test_sparse_fields_in_every_source(fmt, tmp_path):
    rows = [{"text": f"text {i}", "label": "x"} for i in range(4)] + [{"text": "t5", "label": "y", "score": 0.5, "tags": ["a"]}]
    if fmt == "jsonl": src = write_jsonl(tmp_path / "a.jsonl", rows)
    elif fmt == "json": src = tmp_path / "a.json"; src.write_text(json.dumps(rows))
    elif fmt == "list": src = rows
    else:
        import pyarrow as pa, pyarrow.parquet as pq
        schema = pa.schema([("text", pa.string()), ("label", pa.string()), ("score", pa.float64()), ("tags", pa.list_(pa.string()))])
        src = tmp_path / "a.parquet"; pq.write_table(pa.Table.from_pylist(rows, schema=schema), src)
    ds = load(src).dataset
    assert ds["score"] == [None] * 4 + [0.5] and ds["tags"] == [None] * 4 + [["a"]]


def test_csv_rows_missing_a_cell_keep_every_field(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("text,label,source\nhello,ham,sms\nwin now,spam,\n", encoding="utf-8")
    ds = load(p).dataset
    assert ds.column_names == ["id", "text", "label", "source"] and ds["source"] == ["sms", ""]


def test_types_changing_across_lines(tmp_path):
    rows = [{"text": "a", "label": "x", "score": 1, "tags": ["p"], "meta": {"k": 1}},
            {"text": "b", "label": "x", "score": 2.5, "tags": ["q", "r"], "meta": {"k": 2, "j": "s"}},   # int+float -> float
            {"text": "c", "label": "x", "score": 3, "tags": "single", "meta": {"k": 3}},                  # str where lists are
            {"text": "d", "label": "x", "score": "high", "tags": ["s"], "meta": {"k": 4}},                # str where numbers are
            {"text": "e", "label": "x", "score": 4, "tags": ["t"], "meta": {"k": "five"}},               # dict field changes type
            {"text": "f", "label": "x", "score": 5, "tags": [1, "mixed"], "meta": {"k": 6}}]             # no Arrow type at all
    got = load(write_jsonl(tmp_path / "a.jsonl", rows))
    assert got.dataset["text"] == ["a", "b"]
    assert got.dataset["score"] == [1.0, 2.5]
    assert got.dataset["meta"] == [{"k": 1, "j": None}, {"k": 2, "j": "s"}]
    q = {e["line"]: e for e in got.quarantine}
    assert set(q) == {3, 4, 5, 6}
    assert q[3]["field"] == "tags" and "is a string here, but a list of strings" in q[3]["reason"]
    assert q[4]["field"] == "score" and "is a string here, but a number" in q[4]["reason"]
    assert q[5]["field"] == "meta" and q[6]["field"] == "tags" and "mixes" in q[6]["reason"]
    assert json.loads(q[4]["raw"]) == rows[3]                       # the exact line, to fix and reload


def test_convert_info_clean_keep_a_late_field(tmp_path):
    src = write_jsonl(tmp_path / "alpaca.jsonl", ALPACA)
    rc, out, _ = run_cli("info", src)
    assert rc == 0 and "source" in out.split("columns:")[1].splitlines()[0]
    rc, _, err = run_cli("convert", src, tmp_path / "out.jsonl")
    assert rc == 0, err
    rows = [json.loads(l) for l in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows[4]["source"] == "self-written" and rows[5]["meta"]["reviewed"] is True
    rc, _, err = run_cli("clean", src, tmp_path / "clean.jsonl", "--quiet")
    assert rc == 0, err
    kept = [json.loads(l) for l in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert any(r.get("source") == "self-written" for r in kept)


# --- 3. rejected lines are restorable byte for byte -------------------------------------------------------------------
def test_quarantine_keeps_the_exact_line_and_clean_rejects_writes_it(tmp_path):
    long_bad = json.dumps({"text": "x" * 5000, "label": None})                  # a 5 KB record (more than any preview)
    latin = '{"text": "caf\xe9 cr\xe8me", "label": "pos"}'.encode("latin-1")   # not UTF-8
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(b'{"text": "fine", "label": "pos"}\n' + long_bad.encode() + b"\n" + latin + b"\n" + b'{"text": "cut\n')
    got = load(src)
    by_line = {q["line"]: q for q in got.quarantine}
    assert by_line[2]["raw"] == long_bad and "raw_base64" not in by_line[2]
    assert raw_bytes(by_line[3]) == latin and base64.b64decode(by_line[3]["raw_base64"]) == latin
    assert by_line[4]["raw"] == '{"text": "cut'
    rc, _, err = run_cli("clean", src, tmp_path / "out.jsonl", "--rejects", tmp_path / "rej.jsonl", "--quiet")
    assert rc == 0, err
    rej = [json.loads(l) for l in (tmp_path / "rej.jsonl").read_text().splitlines()]
    loads = {r["id"]: r["original"] for r in rej if r["op"] == "load"}
    assert loads[f"{src}:2"]["raw"] == long_bad
    assert base64.b64decode(loads[f"{src}:3"]["raw_base64"]) == latin


def test_csv_quarantine_keeps_the_exact_row(tmp_path):
    src = tmp_path / "a.csv"
    src.write_bytes(b'text,label\n"two\nlines, quoted",ham\n"extra",ham,oops\n')
    got = load(src)
    assert [q["raw"] for q in got.quarantine] == ['"extra",ham,oops']


# --- 4. space-separated `label text` files ---------------------------------------------------------------------------
LABEL_TEXT = {
    "fasttext.txt": ("__label__positive a gripping , moving film\n__label__negative dull and lifeless\n", {}, ["positive", "negative"]),
    "sst.txt": ("1 a gripping , moving film\n0 dull and lifeless\n", {"adapter": "label_text"}, ["1", "0"]),
    "trec.txt": ("DESC:manner How did serfdom develop in and then leave Russia ?\nNUM:date When was Ozzy Osbourne born ?\n",
                 {"adapter": "label_text", "delimiter": " "}, ["DESC:manner", "NUM:date"]),
}


@pytest.mark.parametrize("name", list(LABEL_TEXT))
def test_label_text_files(name, tmp_path):
    content, kwargs, labels = LABEL_TEXT[name]
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    ds = load(p, **kwargs).dataset
    assert ds["label"] == labels
    assert ds["text"][0] in ("a gripping , moving film", "How did serfdom develop in and then leave Russia ?")


def test_label_text_from_the_command_line(tmp_path):
    p = tmp_path / "trec.txt"
    p.write_text(LABEL_TEXT["trec.txt"][0], encoding="utf-8")
    rc, out, err = run_cli("info", p)
    assert rc == 2 and "--adapter label_text" in err, err           # the hint, not a silent misreading
    rc, out, err = run_cli("convert", p, tmp_path / "trec.jsonl", "--adapter", "label_text", "--separator", "space")
    assert rc == 0, err
    rows = [json.loads(l) for l in (tmp_path / "trec.jsonl").read_text().splitlines()]
    assert rows[1] == {"id": "trec:000002", "label": "NUM:date", "text": "When was Ozzy Osbourne born ?"}


def test_fasttext_multilabel_line_is_quarantined_with_a_reason(tmp_path):
    p = tmp_path / "ft.txt"
    p.write_text("__label__a one label\n__label__a __label__b two labels\n", encoding="utf-8")
    got = load(p)
    assert len(got.dataset) == 1 and got.quarantine[0]["field"] == "label" and "2 fastText labels" in got.quarantine[0]["reason"]


# --- 5. text that is not UTF-8 ----------------------------------------------------------------------------------------
def test_latin1_csv_hint_and_encoding_option(tmp_path):
    src = tmp_path / "reviews.csv"
    src.write_bytes("text,label\n\"Caf\u00e9 au lait, tr\u00e8s bon\",pos\nNa\u00efve and dull,neg\nfine,pos\n".encode("latin-1"))
    rc, _, err = run_cli("clean", src, tmp_path / "out.jsonl", "--quiet")
    assert "--encoding" in err, err                                   # named, not silently quarantined
    rc, _, err = run_cli("convert", src, tmp_path / "ok.jsonl", "--encoding", "latin-1")
    assert rc == 0, err
    rows = [json.loads(l) for l in (tmp_path / "ok.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["Caf\u00e9 au lait, tr\u00e8s bon", "Na\u00efve and dull", "fine"]
    assert load(src, encoding="cp1252").dataset["text"][1] == "Na\u00efve and dull"
    rc, _, err = run_cli("info", src, "--encoding", "klingon")
    assert rc == 2 and "unknown encoding" in err


# --- 6. HumanEval / EvalPlus rows, MBPP ids ---------------------------------------------------------------------------
HUMANEVAL = [
    {"task_id": "HumanEval/2", "prompt": 'def truncate_number(number: float) -> float:\n    """ Return the decimal part.\n    >>> truncate_number(3.5)\n    0.5\n    """\n',
     "canonical_solution": "    return number % 1.0\n",
     "test": "\n\nMETADATA = {'author': 'jt'}\n\n\ndef check(candidate):\n    assert candidate(3.5) == 0.5\n    assert abs(candidate(1.33) - 0.33) < 1e-6\n",
     "entry_point": "truncate_number"},
    {"task_id": "HumanEval/23", "prompt": 'def strlen(string: str) -> int:\n    """ Return length of given string\n    >>> strlen(\'abc\')\n    3\n    """\n',
     "canonical_solution": "    return len(string)\n",
     "test": "\n\ndef check(candidate):\n    assert candidate('') == 0\n    assert candidate('asdasnakj') == 9\n",
     "entry_point": "strlen", "base_input": [[""], ["x"]], "plus_input": [["abc" * 3], [1]]},   # EvalPlus fields
]


def test_humaneval_rows_become_code_records(tmp_path):
    got = load(write_jsonl(tmp_path / "HumanEval.jsonl", HUMANEVAL))
    assert got.adapter == "humaneval" and got.schema == "code" and not got.quarantine
    r = got.dataset[0]
    assert r["code"] == HUMANEVAL[0]["prompt"] + HUMANEVAL[0]["canonical_solution"]
    assert r["tests"] == [HUMANEVAL[0]["test"].rstrip() + "\n\ncheck(truncate_number)\n"]
    assert r["task_id"] == "HumanEval/2" and r["entry_point"] == "truncate_number"
    assert json.loads(got.dataset[1]["plus_input"]) == [["abcabcabc"], [1]]


def test_augment_code_takes_humaneval_with_no_flags(tmp_path):
    src = write_jsonl(tmp_path / "HumanEval.jsonl", HUMANEVAL)
    rc, out, err = run_cli("augment-code", src, tmp_path / "aug.jsonl", "--seed", "0", "--quiet")
    assert rc == 0, err
    rows = [json.loads(l) for l in (tmp_path / "aug.jsonl").read_text().splitlines()]
    assert len(rows) > 2 and "2 records +" in out
    ledger = (tmp_path / "aug.ledger.jsonl").read_text().splitlines()
    assert f"({len(ledger)} ledger entries)" in out                  # the report adds up to the ledger


def test_zero_records_written_is_not_success(tmp_path):
    "HumanEval rows forced through the wrong adapter: every record quarantined, and the command says so."
    src = write_jsonl(tmp_path / "he.jsonl", HUMANEVAL)
    rc, _, err = run_cli("convert", src, tmp_path / "out.jsonl", "--schema", "code", "--adapter", "identity", "--map", "test=tests")
    assert rc == 2 and "no record could be loaded" in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out.jsonl").exists()


def test_every_adapter_keeps_a_given_id():
    mbpp = {"id": "mbpp-11", "task_id": 11, "text": "Write a function to add.", "code": "def add(a, b):\n    return a + b",
            "test_list": ["assert add(1, 2) == 3"], "test_setup_code": "", "challenge_test_list": []}
    assert load([mbpp]).dataset[0]["id"] == "mbpp-11"
    he = {**HUMANEVAL[0], "id": "he-2"}
    assert load([he]).dataset[0]["id"] == "he-2"
    assert load([{"id": "a1", **ALPACA[0]}]).dataset[0]["id"] == "a1"
    assert load([{"id": "s1", "conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}]}]).dataset[0]["id"] == "s1"
    si = {"id": "t7", "instruction": "Add.", "instances": [{"input": "1 2", "output": "3"}, {"input": "2 2", "output": "4"}]}
    assert load([si]).dataset["id"] == ["t7.0", "t7.1"]


# --- 7. the command line keeps its word -------------------------------------------------------------------------------
RANDOM = bytes(random_byte for random_byte in __import__("random").Random(11).randbytes(4096))

EVERY_COMMAND = [["info", "IN"], ["convert", "IN", "o.jsonl"], ["clean", "IN", "o.jsonl"], ["augment", "IN", "o.jsonl"],
                 ["augment-code", "IN", "o.jsonl"], ["split", "IN", "outdir"], ["eval", "IN"], ["annotated", "IN", "J", "o.jsonl"]]


@pytest.mark.parametrize("argv", EVERY_COMMAND, ids=[a[0] for a in EVERY_COMMAND])
def test_random_bytes_fail_every_command_with_one_line(argv, tmp_path):
    (tmp_path / "random.jsonl").write_bytes(RANDOM)
    write_jsonl(tmp_path / "j.jsonl", [{"id": "x", "annotator": "a", "label": "b"}])
    argv = [{"IN": "random.jsonl", "J": "j.jsonl"}.get(a, a) for a in argv]
    rc, _, err = run_cli(*argv, cwd=tmp_path)
    assert rc not in (0, None), err
    assert len(err.strip().splitlines()) == 1 and "random.jsonl" in err and "Traceback" not in err, err
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize("argv,flag", [
    (["clean", "IN", "o.jsonl", "--num-proc", "0"], "--num-proc"), (["clean", "IN", "o.jsonl", "--batch-size", "0"], "--batch-size"),
    (["split", "IN", "out", "--sizes", "0.5", "abc"], "--sizes"), (["split", "IN", "out", "--threshold", "1.5"], "--threshold"),
    (["augment", "IN", "o.jsonl", "--num-aug", "-1"], "--num-aug"), (["augment-code", "IN", "o.jsonl", "--workers", "0"], "--workers"),
    (["augment", "IN", "o.jsonl", "--alpha", "nan"], "--alpha")])
def test_numeric_flags_are_checked(argv, flag, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"text": "a b c", "label": "x"}])
    rc, _, err = run_cli(*[("in.jsonl" if a == "IN" else a) for a in argv], cwd=tmp_path)
    assert rc == 2 and f"argument {flag}" in err, err


def test_convert_refuses_a_format_that_contradicts_the_name(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"text": "a", "label": "x"}])
    rc, _, err = run_cli("convert", tmp_path / "in.jsonl", tmp_path / "out.jsonl", "--to", "parquet")
    assert rc == 2 and "--to parquet" in err and not (tmp_path / "out.jsonl").exists()


def test_eval_takes_the_predictions_file_as_shown_in_the_readme(tmp_path):
    write_jsonl(tmp_path / "predictions.jsonl", [{"text": "a", "label": "spam", "prediction": "spam"},
                                                 {"text": "b", "label": "ham", "prediction": "spam"}])
    rc, out, err = run_cli("eval", "predictions.jsonl", cwd=tmp_path)
    assert rc == 0 and "accuracy 0.5000" in out, err


def test_every_command_accepts_bundled(tmp_path):
    rc, out, err = run_cli("info", "bundled:sms_spam")
    assert rc == 0 and "5,574 loaded" in out, err
    rc, out, err = run_cli("convert", "bundled:tatoeba_en_zh", tmp_path / "t.parquet")
    assert rc == 0, err


# --- 8. no progress-bar noise -------------------------------------------------------------------------------------------
NOISE = ("Generating train split", "Creating json from Arrow format", "Filter", "Map", "Saving the dataset")


def _sft(*args, cwd):
    exe = Path(sys.executable).with_name("sft-kit")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_shows_no_datasets_bars_and_none_with_quiet(tmp_path):
    write_jsonl(tmp_path / "alpaca.jsonl", ALPACA * 3)
    r = _sft("clean", "alpaca.jsonl", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert not any(n in r.stderr for n in NOISE), r.stderr
    r = _sft("clean", "alpaca.jsonl", "out2.jsonl", "--quiet", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr.strip() == "", r.stderr
    r = _sft("convert", "alpaca.jsonl", "out.parquet", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr.strip() == "", r.stderr


def test_library_calls_with_progress_false_are_silent(tmp_path, capfd):
    from sft_kit.recipes import clean_file
    src = write_jsonl(tmp_path / "alpaca.jsonl", ALPACA)
    capfd.readouterr()
    clean_file(src, tmp_path / "out.jsonl", progress=False)
    err = capfd.readouterr().err
    assert not any(n in err for n in NOISE), err
