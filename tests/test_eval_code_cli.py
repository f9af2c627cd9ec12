"""`sft-kit eval-code` / `generate-code` through the console script: harness validation on MBPP and HumanEval-format
problems (references pass@1 = 1.0; mutants, early exits, infinite loops and always-equal objects 0), the HumanEval
`task_id` + `completion` samples format, input errors, and sampling from the tiny causal LM."""
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "TQDM_DISABLE": "1"}

from sft_kit.sandbox import boundary_problem
if boundary_problem() and not os.environ.get("SFT_KIT_REQUIRE_SANDBOX"):
    pytest.skip(f"no sandbox boundary here: {boundary_problem()}", allow_module_level=True)

# HumanEval-format problems written for these tests (the real HumanEval is not bundled): two checks that are lists
# of asserts, one with a loop (runs whole), one with a float tolerance and a helper import.
HUMANEVAL = [
    {"task_id": "Toy/0", "entry_point": "add", "prompt": 'def add(a: int, b: int) -> int:\n    """Sum of a and b."""\n',
     "canonical_solution": "    return a + b\n",
     "test": "METADATA = {'author': 'test'}\n\n\ndef check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n    assert candidate(10, 0) == 10\n"},
    {"task_id": "Toy/1", "entry_point": "evens", "prompt": 'def evens(xs: list) -> list:\n    """The even numbers of xs, in order."""\n',
     "canonical_solution": "    return [x for x in xs if x % 2 == 0]\n",
     "test": "def check(candidate):\n    assert candidate([1, 2, 3, 4]) == [2, 4]\n    assert candidate([]) == []\n    assert candidate([7, 8]) == [8]\n"},
    {"task_id": "Toy/2", "entry_point": "mean", "prompt": 'def mean(xs: list) -> float:\n    """Arithmetic mean of a non-empty list."""\n',
     "canonical_solution": "    return sum(xs) / len(xs)\n",
     "test": "def check(candidate):\n    assert abs(candidate([1, 2, 3]) - 2.0) < 1e-9\n    for n in range(1, 5):\n        assert abs(candidate([n] * n) - n) < 1e-9\n"},
    {"task_id": "Toy/3", "entry_point": "hypot", "prompt": 'import math\n\n\ndef hypot(a: float, b: float) -> float:\n    """Length of the hypotenuse."""\n',
     "canonical_solution": "    return math.sqrt(a * a + b * b)\n",
     "test": "import math\n\ndef check(candidate):\n    assert math.isclose(candidate(3, 4), 5.0)\n    assert candidate(0, 0) == 0\n"},
]


def run(*args):
    exe = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run(exe + [str(a) for a in args], capture_output=True, text=True, env=ENV, timeout=900)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def wrong_programs(ep: str, code: str, key: str) -> dict:
    from sft_kit.passk import mutants
    eq = ("class Agree:\n    def __eq__(self, o): return True\n    def __ne__(self, o): return False\n"
          "    def __lt__(self, o): return True\n    def __le__(self, o): return True\n    def __sub__(self, o): return self\n"
          "    def __abs__(self): return self\n    def __bool__(self): return True\n"
          f"def {ep}(*a, **k):\n    return Agree()\n")
    sub = f"class S(list):\n    def __eq__(self, o): return True\ndef {ep}(*a, **k):\n    return S()\n"
    out = {f"mutant{i}": m["code"] for i, m in enumerate(mutants(code, 2, seed=0, key=key))}
    return out | {"always_equal": eq, "list_subclass": sub, "exit_in_call": f"import sys\ndef {ep}(*a, **k):\n    sys.exit(0)\n",
                  "exit_at_import": "import os\nos._exit(0)\n", "quit_at_import": f"def {ep}(*a):\n    return 0\nraise SystemExit(0)\n",
                  "infinite_loop": f"def {ep}(*a, **k):\n    while True: pass\n"}


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    d = tmp_path_factory.mktemp("problems")
    # MBPP in its original format (text/code/test_list), five problems with simple asserts
    raw = [json.loads(l) for l in (ROOT / "sft_kit" / "data" / "mbpp" / "mbpp.jsonl").read_text().splitlines()[10:15]]
    write_jsonl(d / "mbpp.jsonl", raw)
    write_jsonl(d / "humaneval.jsonl", HUMANEVAL)
    return d, raw


def test_harness_validation_mbpp(problems, tmp_path):
    d, raw = problems
    right = [{"id": str(r["task_id"]), "code": r["code"]} for r in raw]
    wrong = []
    for r in raw:
        import re
        ep = re.search(r"assert\s+\(?\s*(?:set\()?\s*([A-Za-z_]\w*)\s*\(", r["test_list"][0]).group(1)
        wrong += [{"id": str(r["task_id"]), "code": c, "kind": k} for k, c in wrong_programs(ep, r["code"], str(r["task_id"])).items()]
    rr = run("eval-code", write_jsonl(tmp_path / "right.jsonl", right), "--problems", d / "mbpp.jsonl", "--k", "1", "--out", tmp_path / "r.json")
    assert rr.returncode == 0, rr.stderr
    res = json.loads((tmp_path / "r.json").read_text())
    assert res["pass@1"] == 1.0 and res["n_problems"] == 5
    assert res["summary"]["isolation"] in (["bwrap+seccomp"], ["bwrap"])          # the OS boundary, not process
    rw = run("eval-code", write_jsonl(tmp_path / "wrong.jsonl", wrong), "--problems", d / "mbpp.jsonl", "--k", "1,5",
             "--timeout", "3", "--out", tmp_path / "w.json")
    assert rw.returncode == 0, rw.stderr
    res = json.loads((tmp_path / "w.json").read_text())
    assert res["pass@1"] == 0.0 and res["pass@5"] == 0.0, [s for s in res["samples"] if s["passed"]]
    assert not any(s["passed"] for s in res["samples"]) and len(res["samples"]) == len(wrong)
    statuses = set(res["summary"]["statuses"])
    assert "timeout" in statuses and "failed" in statuses
    assert all(set(q) >= {"n", "c", "pass@1", "pass@5"} for q in res["per_problem"].values())


def test_harness_validation_humaneval_completions(problems, tmp_path):
    d, _ = problems
    right = [{"task_id": p["task_id"], "completion": p["canonical_solution"]} for p in HUMANEVAL]
    r = run("eval-code", write_jsonl(tmp_path / "right.jsonl", right), "--problems", d / "humaneval.jsonl", "--k", "1", "--out", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "r.json").read_text())
    assert res["pass@1"] == 1.0 and res["n_problems"] == 4
    assert res["summary"]["untrusted_verdicts"] == 1          # Toy/2's loop runs whole
    wrong = [{"id": p["task_id"], "code": c} for p in HUMANEVAL
             for c in wrong_programs(p["entry_point"], p["prompt"] + p["canonical_solution"], p["task_id"]).values()]
    wrong.append({"task_id": "Toy/0", "completion": "    return a - b\n"})
    r = run("eval-code", write_jsonl(tmp_path / "wrong.jsonl", wrong), "--problems", d / "humaneval.jsonl", "--timeout", "3", "--out", tmp_path / "w.json")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "w.json").read_text())
    assert res["pass@1"] == 0.0 and not any(s["passed"] for s in res["samples"]), [s for s in res["samples"] if s["passed"]]
    assert "pass@10" not in res and res["problems_per_k"]["pass@10"] == 0 and "warnings" in res   # 8 samples per problem < 10


def test_passk_unbiased_per_problem(problems, tmp_path):
    "3 of 4 samples right on one problem, 1 of 4 on the other: the Chen et al. values, averaged."
    d, _ = problems
    p0, p1 = HUMANEVAL[0], HUMANEVAL[1]
    rows = [{"task_id": p0["task_id"], "completion": p0["canonical_solution"]}] * 3 + [{"task_id": p0["task_id"], "completion": "    return 0\n"}]
    rows += [{"task_id": p1["task_id"], "completion": p1["canonical_solution"]}] + [{"task_id": p1["task_id"], "completion": "    return xs\n"}] * 3
    r = run("eval-code", write_jsonl(tmp_path / "s.jsonl", rows), "--problems", d / "humaneval.jsonl", "--k", "1,2,10", "--out", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "r.json").read_text())
    from sft_kit.passk import pass_at_k
    assert res["per_problem"]["humaneval:000001"]["c"] == 3 and res["per_problem"]["humaneval:000002"]["c"] == 1
    assert res["pass@1"] == pytest.approx((0.75 + 0.25) / 2)
    assert res["pass@2"] == pytest.approx((pass_at_k(4, 3, 2) + pass_at_k(4, 1, 2)) / 2)
    assert "pass@10" not in res and "pass@10" in " ".join(res["warnings"])
    assert res["problems_without_samples"] == ["humaneval:000003", "humaneval:000004"]


def test_input_errors(problems, tmp_path):
    d, _ = problems
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task_id": "Toy/0", "completion": "    return a + b\\n"}\n{"task_id": "Toy/77", "completion": "x"}\n')
    r = run("eval-code", bad, "--problems", d / "humaneval.jsonl", "--out", tmp_path / "r.json")
    assert r.returncode == 2 and f"{bad}:2: field 'task_id'" in r.stderr and "Traceback" not in r.stderr
    bad.write_text('{"id": "Toy/0", "code": 3}\n')
    r = run("eval-code", bad, "--problems", d / "humaneval.jsonl", "--out", tmp_path / "r.json")
    assert r.returncode == 2 and f"{bad}:1: field 'code'" in r.stderr
    bad.write_text('not json\n')
    r = run("eval-code", bad, "--problems", d / "humaneval.jsonl", "--out", tmp_path / "r.json")
    assert r.returncode == 2 and f"{bad}:1" in r.stderr
    r = run("eval-code", bad, "--problems", d / "humaneval.jsonl", "--k", "0", "--out", tmp_path / "r.json")
    assert r.returncode == 2 and "--k" in r.stderr
    r = run("eval-code", bad, "--problems", d / "humaneval.jsonl", "--out", bad)
    assert r.returncode == 2 and bad.read_text() == "not json\n"           # never overwrites its input
    assert not (tmp_path / "r.json").exists()


def test_generate_code_tiny_model_then_eval(problems, tmp_path):
    "The untrained tiny model's programs fail (pass@k = 0): the path works, the model cannot code."
    d, raw = problems
    from sft_kit.models import tiny_causal_lm
    lm = tiny_causal_lm([r["code"] for r in raw] * 20, tmp_path / "lm", vocab_size=400, n_layer=1, n_embd=64)
    r = run("generate-code", lm, d / "humaneval.jsonl", "--n", 3, "--out", tmp_path / "s.jsonl", "--max-new-tokens", 16,
            "--batch-size", 4, "--temperature", 0.8, "--seed", 1)
    assert r.returncode == 0, r.stderr
    samples = [json.loads(l) for l in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(samples) == 12 and [s["sample"] for s in samples[:3]] == [0, 1, 2]
    assert all(s["code"].startswith(HUMANEVAL[int(s["id"][-1]) - 1]["prompt"]) for s in samples)
    r = run("generate-code", lm, d / "mbpp.jsonl", "--n", 2, "--out", tmp_path / "m.jsonl", "--max-new-tokens", 16, "--temperature", 0)
    assert r.returncode == 0, r.stderr
    ms = [json.loads(l) for l in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert len(ms) == 10 and ms[0]["code"] == ms[1]["code"] and ms[0]["code"].startswith("def ")   # greedy: identical
    r = run("eval-code", tmp_path / "s.jsonl", "--problems", d / "humaneval.jsonl", "--k", "1,3", "--out", tmp_path / "r.json")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "r.json").read_text())
    assert res["pass@1"] == 0.0 and res["pass@3"] == 0.0 and res["n_samples"] == 12
