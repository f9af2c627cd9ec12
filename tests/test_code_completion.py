"""Statement-level completion and docstring generation scoring (sft_kit.code_completion) on programs written for this
test (not the bundled MBPP): known-correct predictions score exact match / BLEU / chrF at the top and pass their tests
in the sandbox; known-wrong ones do not."""
import os
import pytest

from sft_kit.code_completion import (completion_examples, docstring_examples, edit_similarity, exact_match,
                                     first_statement, score_completions, score_docstrings, statement_targets)
from sft_kit.sandbox import boundary_problem

SANDBOX = boundary_problem() is None or bool(os.environ.get("SFT_KIT_REQUIRE_SANDBOX"))

RECORDS = [
    {"id": "t:1", "entry_point": "running_max", "prompt": "Return the running maximum of a list of numbers.",
     "code": "def running_max(xs):\n    out, best = [], None\n    for x in xs:\n        if best is None or x > best:\n            best = x\n        out.append(best)\n    return out\n",
     "tests": ["assert running_max([1, 3, 2, 5]) == [1, 3, 3, 5]", "assert running_max([]) == []", "assert running_max([-2, -3]) == [-2, -2]"]},
    {"id": "t:2", "entry_point": "vowel_count", "prompt": "Count the vowels of a string, ignoring case.",
     "code": "def vowel_count(s):\n    \"\"\"Number of vowels (a, e, i, o, u) in s, case-insensitive.\"\"\"\n    n = 0\n    for ch in s.lower():  # one pass\n        if ch in 'aeiou':\n            n += 1\n    return n\n",
     "tests": ["assert vowel_count('Hello World') == 3", "assert vowel_count('xyz') == 0", "assert vowel_count('AEIOU') == 5"]},
    {"id": "t:3", "entry_point": "chunk", "prompt": "Split a list into chunks of size n.",
     "code": "def chunk(xs, n):\n    return [xs[i:i + n]\n            for i in range(0, len(xs), n)]\n",
     "tests": ["assert chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]", "assert chunk([], 3) == []"]},
]


def test_cut_points_and_metrics():
    t = statement_targets(RECORDS[0]["code"])
    assert [x["text"] for x in t] == ["out, best = [], None", "for x in xs:", "if best is None or x > best:", "best = x",
                                      "out.append(best)", "return out"]
    ex = completion_examples(RECORDS, per_program=10)
    assert len(ex) == 6 + 5 + 1
    for e in ex:      # prompt + reference + suffix is the program
        rec = next(r for r in RECORDS if r["id"] == e["source_id"])
        assert e["prompt"] + e["reference"] + e["suffix"] == rec["code"]
    assert any(e["reference"] == "return [xs[i:i + n]\n            for i in range(0, len(xs), n)]" for e in ex)
    assert first_statement("n += 1\n    return n") == "n += 1" and exact_match(" n  += 1", "n += 1")
    assert edit_similarity("return n", "return n") == 1.0 and 0 < edit_similarity("return m", "return n") < 1


@pytest.mark.skipif(not SANDBOX, reason="no sandbox boundary here")
def test_completion_scores_known_predictions():
    ex = completion_examples(RECORDS, per_program=10)
    right = score_completions(ex, {e["id"]: e["reference"] + "\n" + "    pass\n" for e in ex}, run_tests=True)
    assert (right["exact_match"], right["edit_similarity"], right["pass_rate"]) == (1.0, 1.0, 1.0)
    # same meaning, other text: not an exact match, still passes (the functional check sees what text scores miss)
    alt = {e["id"]: "n = n + 1" for e in ex if e["reference"] == "n += 1"}
    r = score_completions([e for e in ex if e["id"] in alt], alt, run_tests=True)
    assert r["exact_match"] == 0 and r["pass_rate"] == 1.0
    # wrong statements: another example's reference
    wrong = score_completions(ex, {e["id"]: ex[(i + 3) % len(ex)]["reference"] for i, e in enumerate(ex)}, run_tests=True)
    assert wrong["exact_match"] < 0.2 and wrong["edit_similarity"] < 0.5 and wrong["pass_rate"] < 0.3


@pytest.mark.skipif(not SANDBOX, reason="no sandbox boundary here")
def test_docstring_scores_known_predictions():
    dx = docstring_examples(RECORDS)
    assert [d["reference"] for d in dx] == [RECORDS[0]["prompt"], "Number of vowels (a, e, i, o, u) in s, case-insensitive.", RECORDS[2]["prompt"]]
    assert '"""' not in dx[1]["code"] and "#" not in dx[1]["code"]          # the model is given the code without its docs
    right = score_docstrings(dx, {d["id"]: d["reference"] for d in dx})
    assert right["bleu"] > 99.9 and right["chrf"] > 99.9 and right["same_code_rate"] == 1 and right["pass_rate"] == 1
    other = score_docstrings(dx, {d["id"]: dx[(i + 1) % 3]["reference"] for i, d in enumerate(dx)})
    assert other["bleu"] < 20 and other["chrf"] < 40 and other["pass_rate"] == 1
    rewrite = {d["id"]: {"code": d["code"].replace("def ", f'def ', 1).replace("    ", '    """' + d["reference"] + '"""\n    ', 1).replace("x > best", "x >= best").replace("n += 1", "n += 2").replace("len(xs), n", "len(xs), n + 1")} for d in dx}
    r = score_docstrings(dx, rewrite)
    assert r["bleu"] > 99 and r["same_code_rate"] == 0 and r["pass_rate"] < 0.7, r
