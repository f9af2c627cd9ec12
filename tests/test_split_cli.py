"`sft-kit split` end to end: files, determinism, leakage report, formats and user errors."
import json, os, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [str(ROOT / ".venv" / "bin" / "sft-kit")] if (ROOT / ".venv" / "bin" / "sft-kit").exists() else [sys.executable, "-m", "sft_kit.cli"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def run(*args):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=ENV, timeout=300)


def _planted(tmp_path):
    "Records with planted near duplicates (changed case, punctuation and one word) and a user group column."
    from sft_kit.bundled import load_bundled
    rows = [dict(r) for r in load_bundled("sms_spam", limit=400)]
    out = []
    for k, r in enumerate(rows):
        out.append({"id": r["id"], "text": r["text"], "label": r["label"], "user": f"u{k % 97}"})
        w = r["text"].split()
        if k % 5 == 0:             # same text after normalisation (case, punctuation)
            out.append({"id": r["id"] + "#near", "text": r["text"].upper() + " !!", "label": r["label"], "user": f"v{k}"})
        elif len(w) >= 25:         # one word changed in a long message: Jaccard of char 5-grams stays > 0.7
            w[len(w) // 2] = "zzz"
            out.append({"id": r["id"] + "#near", "text": " ".join(w), "label": r["label"], "user": f"v{k}"})
    p = tmp_path / "planted.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in out))
    return p, len(out)


def test_split_writes_three_files_and_clean_report(tmp_path):
    inp, n = _planted(tmp_path)
    r = run("split", inp, tmp_path / "out", "--seed", 7, "--near-dups")
    assert r.returncode == 0, r.stderr
    files = sorted(os.listdir(tmp_path / "out"))
    assert files == ["leakage_report.json", "test.jsonl", "train.jsonl", "validation.jsonl"]
    splits = {s: [json.loads(l) for l in open(tmp_path / "out" / f"{s}.jsonl")] for s in ("train", "validation", "test")}
    assert sum(map(len, splits.values())) == n
    ids = [x["id"] for v in splits.values() for x in v]
    assert len(set(ids)) == n
    assert all(x["split"] == s for s, v in splits.items() for x in v)
    # every near-dup pair planted stays together
    where = {x["id"]: s for s, v in splits.items() for x in v}
    for i in where:
        if i.endswith("#near"): assert where[i] == where[i[:-5]]
    rep = json.loads((tmp_path / "out" / "leakage_report.json").read_text())
    assert rep["clean"] and rep["near_duplicates"]["cross_split_clusters"] == 0
    assert rep["method"] == "stratified_group"
    assert "clean" in r.stdout


def test_random_split_reports_the_planted_leaks(tmp_path):
    inp, _ = _planted(tmp_path)
    r = run("split", inp, tmp_path / "out", "--seed", 7, "--by", "random")
    assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "out" / "leakage_report.json").read_text())
    assert not rep["clean"] and rep["near_duplicates"]["cross_split_clusters"] > 0
    assert "NOT clean" in r.stdout
    assert "hint:" in r.stdout and "--near-dups" in r.stdout       # says what fixes it


def test_deterministic_by_seed_and_grouped_by_user(tmp_path):
    inp, _ = _planted(tmp_path)
    outs = []
    for k, seed in enumerate((3, 3, 4)):
        d = tmp_path / f"o{k}"
        r = run("split", inp, d, "--seed", seed, "--by", "group", "--group-col", "user", "--sizes", "0.7", "0.15", "0.15")
        assert r.returncode == 0, r.stderr
        outs.append((d / "test.jsonl").read_text())
        rows = [json.loads(l) for s in ("train", "validation", "test") for l in open(d / f"{s}.jsonl")]
        users = {}
        for x in rows: users.setdefault(x["user"], set()).add(x["split"])
        assert max(map(len, users.values())) == 1
        assert json.loads((d / "leakage_report.json").read_text())["groups"]["cross_split_groups"]["user"] == 0
    assert outs[0] == outs[1] and outs[0] != outs[2]


def test_parquet_absolute_sizes_and_time(tmp_path):
    rows = [{"id": f"r{i}", "text": f"message number {i} about topic {i % 7}", "t": 1000 - i} for i in range(200)]
    inp = tmp_path / "d.jsonl"; inp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    r = run("split", inp, tmp_path / "o", "--time-col", "t", "--sizes", "None", "20", "30", "--format", "parquet")
    assert r.returncode == 0, r.stderr
    import pyarrow.parquet as pq
    test = pq.read_table(tmp_path / "o" / "test.parquet").to_pydict()
    assert len(test["id"]) == 30 and min(test["t"]) > max(pq.read_table(tmp_path / "o" / "train.parquet").to_pydict()["t"])


def test_user_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"; bad.write_text('{"id": "a", "text": "x"}\n{oops\n')
    r = run("split", bad, tmp_path / "o")     # a broken line is quarantined, said on stderr, and the rest is split
    assert r.returncode == 0 and "1 record(s) quarantined, e.g. line 2: not valid JSON" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "empty.jsonl").write_text("")
    r = run("split", tmp_path / "empty.jsonl", tmp_path / "o")
    assert r.returncode == 2 and "empty.jsonl: file is empty" in r.stderr and "Traceback" not in r.stderr
    r = run("split", tmp_path / "missing.jsonl", tmp_path / "o")
    assert r.returncode == 2 and "no such file" in r.stderr
    inp, _ = _planted(tmp_path)
    r = run("split", inp, tmp_path / "o", "--sizes", "0.5", "0.2")
    assert r.returncode == 2 and "add up to 1" in r.stderr
