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
