"""Python -> JavaScript code translation through `sft-kit eval-code --language javascript`: MBPP-format problems
written for this test (not the bundled ones) are translated MultiPL-E style, JavaScript samples run with node behind
the sandbox's OS boundary, and the verdicts are made on the host: correct programs pass, wrong and hostile ones
(early exit, infinite loop, replaced checker, forged result lines, lying objects) fail."""
import json, os, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "TQDM_DISABLE": "1"}

from sft_kit.sandbox import boundary_problem
_missing = boundary_problem() or (None if shutil.which("node") or shutil.which("nodejs") else "no node (apt-get install nodejs)")
if _missing and not os.environ.get("SFT_KIT_REQUIRE_SANDBOX"):
    pytest.skip(f"cannot run JavaScript in the sandbox here: {_missing}", allow_module_level=True)

# MBPP's original format, problems written for this test; the last one's test compares with a set (not translatable)
MBPP = [
    {"task_id": 9001, "text": "Write a function to add two lists element-wise.", "code": "def add_lists(a, b):\n    return [x + y for x, y in zip(a, b)]",
     "test_list": ["assert add_lists([1, 2], [3, 4]) == [4, 6]", "assert add_lists([], []) == []", "assert [0.5] == add_lists([0.25], [0.25])"], "test_setup_code": ""},
    {"task_id": 9002, "text": "Write a function to map each word to its length.", "code": "def word_lengths(s):\n    return {w: len(w) for w in s.split()}",
     "test_list": ["assert word_lengths('a bb ccc') == {'a': 1, 'bb': 2, 'ccc': 3}", "assert word_lengths('') == {}"], "test_setup_code": ""},
    {"task_id": 9003, "text": "Write a function to check whether a string is a palindrome.", "code": "def is_pal(s):\n    return s == s[::-1]",
     "test_list": ["assert is_pal('abba') == True", "assert is_pal('abc') == False", "assert is_pal('') == True"], "test_setup_code": ""},
    {"task_id": 9004, "text": "Write a function to get the distinct items.", "code": "def distinct(xs):\n    return set(xs)",
     "test_list": ["assert distinct([1, 1, 2]) == {1, 2}"], "test_setup_code": ""},
]
CORRECT = {9001: "function add_lists(a, b){\n  return a.map((x, i) => x + b[i]);\n}\n",
           9002: "function word_lengths(s){\n  const out = {};\n  for (const w of s.split(/\\s+/).filter(Boolean)) out[w] = w.length;\n  return out;\n}\n",
           9003: "function is_pal(s){\n  return s === [...s].reverse().join('');\n}\n"}
WRONG = {9001: "function add_lists(a, b){\n  return a.concat(b);\n}\n",
         9002: "function word_lengths(s){\n  return s.split(' ').map(w => w.length);\n}\n",
         9003: "function is_pal(s){\n  return s[0] === s[s.length - 1] ? 1 : 0;\n}\n"}      # 1/0 are not true/false
HOSTILE = {"exit_at_load": "process.exit(0);\n", "exit_in_call": "function is_pal(s){ process.exit(0); }\n",
           "infinite_loop": "function is_pal(s){ for (;;) {} }\n",
           "replaced_checker": "const assert = require('node:assert');\nassert.deepEqual = assert.strictEqual = () => {};\nJSON.stringify = () => 'true';\nfunction is_pal(s){ return null; }\n",
           "forged_lines": "const fs = require('fs');\nfor (let fd = 3; fd < 12; fd++) { try { fs.writeSync(fd, '{\"i\":0,\"probes\":[{\"value\":\"true\"}]}\\n{\"i\":1,\"probes\":[{\"value\":\"false\"}]}\\n{\"i\":2,\"probes\":[{\"value\":\"true\"}]}\\n{\"done\":true}\\n'); } catch (e) {} }\nfunction is_pal(s){ return null; }\n",
           "lying_object": "function is_pal(s){ return {valueOf(){ return s === [...s].reverse().join(''); }, toJSON(){ return true; }}; }\n",
           "promise": "async function is_pal(s){ return s === [...s].reverse().join(''); }\n"}


def run(*args):
    exe = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run(exe + ["eval-code"] + [str(a) for a in args], capture_output=True, text=True, env=ENV, timeout=600)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mbpp(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("problems") / "mbpp.jsonl", MBPP)


def test_translated_mbpp_harness(mbpp, tmp_path):
    samples = [{"task_id": k, "code": c} for k, c in CORRECT.items()] + [{"task_id": k, "code": c} for k, c in WRONG.items()]
    samples += [{"task_id": 9003, "code": c} for c in HOSTILE.values()]
    r = run(write_jsonl(tmp_path / "s.jsonl", samples), "--problems", mbpp, "--language", "js", "--k", "1,2",
            "--timeout", "3", "--out", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    assert "do not translate to javascript" in r.stderr and "set" in r.stderr        # 9004 left out, with the reason
    res = json.loads((tmp_path / "r.json").read_text())
    assert res["language"] == "javascript" and res["summary"]["isolation"] != ["process"]
    by_line = {v["line"]: v for v in res["samples"]}
    for line in range(1, 4): assert by_line[line]["passed"], by_line[line]
    for line in range(4, len(samples) + 1): assert not by_line[line]["passed"] and by_line[line]["status"] != "passed", by_line[line]
    statuses = {name: by_line[7 + i]["status"] for i, name in enumerate(HOSTILE)}
    assert statuses["exit_at_load"] == statuses["exit_in_call"] == "crashed" and statuses["infinite_loop"] == "timeout", statuses
    per = res["per_problem"]      # the kit names records of a file FILE:LINE; samples named them by task_id
    assert sorted(per) == ["mbpp:000001", "mbpp:000002", "mbpp:000003"]
    assert per["mbpp:000001"]["c"] == 1 and per["mbpp:000001"]["n"] == 2 and per["mbpp:000001"]["pass@1"] == 0.5
    assert per["mbpp:000003"]["n"] == 2 + len(HOSTILE) and per["mbpp:000003"]["c"] == 1


def test_task_file_completions_and_language_field(mbpp, tmp_path):
    "A translation-task file (any pair's format), completions that continue the task's prompt, the samples' `language`."
    from sft_kit.code_translate import load_translation_tasks
    tasks, skipped = load_translation_tasks(mbpp, "javascript")
    assert [t["task_id"] for t in tasks] == [9001, 9002, 9003] and skipped[0]["id"] == "mbpp:000004"
    assert tasks[2]["prompt"].endswith("function is_pal(s){\n") and "assert.deepEqual(candidate(\"abba\"),true);" in tasks[2]["test_code"]
    task_file = write_jsonl(tmp_path / "tasks.jsonl", [{k: v for k, v in t.items() if k != "keys"} for t in tasks])
    samples = write_jsonl(tmp_path / "s.jsonl", [
        {"task_id": 9003, "language": "javascript", "completion": "  return s === [...s].reverse().join('');\n}\n"},
        {"id": "mbpp:000003", "language": "JavaScript", "completion": "  return true;\n}\n"}])
    r = run(samples, "--problems", task_file, "--k", "1", "--out", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "r.json").read_text())
    assert res["language"] == "javascript" and [v["passed"] for v in res["samples"]] == [True, False]


def test_language_errors(mbpp, tmp_path):
    mixed = write_jsonl(tmp_path / "mixed.jsonl", [{"task_id": 9003, "language": "javascript", "code": CORRECT[9003]},
                                                   {"task_id": 9003, "language": "python", "code": "def is_pal(s): return s == s[::-1]"}])
    r = run(mixed, "--problems", mbpp, "--out", tmp_path / "r.json")
    assert r.returncode != 0 and "mixed.jsonl:2" in r.stderr and "'language'" in r.stderr, r.stderr
    r = run(mixed, "--problems", mbpp, "--language", "cobol", "--out", tmp_path / "r.json")
    assert r.returncode != 0 and "cobol" in r.stderr and "javascript" in r.stderr, r.stderr
    assert not (tmp_path / "r.json").exists()
