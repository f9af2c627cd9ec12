"""`sft-kit augment-code INPUT OUTPUT --seed N [--transforms ...]` end to end, through the console script."""
import json, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SFT = str(ROOT / ".venv" / "bin" / "sft-kit")


def run(*args, cwd=None):
    return subprocess.run([SFT, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HOME": str(cwd or ROOT)})


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


RECS = [
    {"id": "add", "prompt": "Write a function to add two numbers.", "code": "def add(a, b):\n    # sum\n    total = a + b\n    return total\n",
     "tests": ["assert add(1, 2) == 3", "assert add(-1, 1) == 0"], "entry_point": "add", "test_setup": ""},
    {"id": "evens", "prompt": "Write a function to keep the even numbers.", "code": "def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n",
     "tests": ["assert evens([1, 2, 3, 4]) == [2, 4]"], "entry_point": "evens", "test_setup": ""},
    # its own test is wrong: not augmented, the ledger says why
    {"id": "broken", "prompt": "Write a function to return one.", "code": "def one():\n    return 2\n",
     "tests": ["assert one() == 1"], "entry_point": "one", "test_setup": ""},
]


def test_augment_code_writes_verified_copies_with_provenance(tmp_path):
    inp = write_jsonl(tmp_path / "code.jsonl", RECS)
    out = tmp_path / "aug.jsonl"
    p = run("augment-code", inp, out, "--seed", 7, "--copies", 3, "--transforms", "rename_function,rename_variables,dead_code,comprehension_to_loop")
    assert p.returncode == 0, p.stderr
    assert "3 records +" in p.stdout
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    originals = [r for r in rows if not r["aug_ops"]]
    copies = [r for r in rows if r["aug_ops"]]
    assert [r["id"] for r in originals] == ["add", "evens", "broken"]
    assert len(copies) == 6                                   # 3 copies each of the two good records
    for c in copies:
        assert c["id"].startswith(c["source_id"] + "#aug") and c["aug_seed"] == 7
        assert set(c["aug_ops"]) <= {"rename_function", "rename_variables", "dead_code", "comprehension_to_loop"}
        params = json.loads(c["aug_params"])
        assert [p["op"] for p in params] == c["aug_ops"]
        if "rename_function" in c["aug_ops"]:               # tests and entry point follow the renamed function
            assert c["entry_point"] != c["source_id"] and all(t.startswith(f"assert {c['entry_point']}(") for t in c["tests"])
    ledger = [json.loads(l) for l in (tmp_path / "aug.ledger.jsonl").read_text().splitlines()]
    assert any(e["id"] == "broken" and "original program fails its own tests" in e["reason"] for e in ledger)
    summary = json.loads((tmp_path / "aug.summary.json").read_text())
    assert summary[0]["op"] == "augment_code" and summary[0]["added"] == 6

    # the same seed gives the same file; another seed another one
    out2 = tmp_path / "aug2.jsonl"
    assert run("augment-code", inp, out2, "--seed", 7, "--copies", 3, "--transforms", "rename_function,rename_variables,dead_code,comprehension_to_loop").returncode == 0
    assert out2.read_text() == out.read_text()
    out3 = tmp_path / "aug3.jsonl"
    assert run("augment-code", inp, out3, "--seed", 8, "--copies", 3, "--transforms", "rename_function,rename_variables,dead_code,comprehension_to_loop").returncode == 0
    assert out3.read_text() != out.read_text()


def test_every_written_copy_passes_its_tests(tmp_path):
    from sft_kit.sandbox import run_record
    out = tmp_path / "mbpp_aug.jsonl"
    p = run("augment-code", "bundled:mbpp", out, "--seed", 0, "--limit", 10, "--max-ops", 3)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    copies = [r for r in rows if r["aug_ops"]]
    assert len(copies) >= 8
    for c in copies:
        assert run_record(c)["passed"], c["id"]


def test_user_errors_are_one_line(tmp_path):
    p = run("augment-code", tmp_path / "missing.jsonl", tmp_path / "o.jsonl")
    assert p.returncode == 2 and "no such file" in p.stderr and "Traceback" not in p.stderr
    bad = write_jsonl(tmp_path / "text.jsonl", [{"id": "a", "text": "hello", "label": "x"}])
    p = run("augment-code", bad, tmp_path / "o.jsonl")
    assert p.returncode == 2 and "code" in p.stderr and "Traceback" not in p.stderr
    inp = write_jsonl(tmp_path / "code.jsonl", RECS[:1])
    p = run("augment-code", inp, tmp_path / "o.jsonl", "--transforms", "rename_everything")
    assert p.returncode == 2 and "unknown transform" in p.stderr


def test_help_lists_the_command():
    p = run("augment-code", "--help")
    assert p.returncode == 0 and "--seed" in p.stdout and "--transforms" in p.stdout and "rename_variables" in p.stdout
