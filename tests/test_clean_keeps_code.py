"""`sft-kit clean` (`recipes.clean_file`) with the default recipes on instruction, chat and code files: no code is altered (fenced, inline
and indented code in answers, code fields), and html_to_text converts only the answers that are HTML documents."""
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _clean(src, tmp_path):
    "What `sft-kit clean SRC OUT --rejects REJ` does, in process (the CLI's own tests cover the command line)."
    from sft_kit.recipes import clean_file
    out, rej = tmp_path / "kept.jsonl", tmp_path / "rejects.jsonl"
    clean_file(src, out, rejects=rej, progress=False)
    read = lambda f: [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    return read(out), read(rej)


def _code(rec):
    "Every code span of every text (chat turns included), independently of sft_kit: fences, inline code, indented blocks."
    import re
    texts = [v for v in rec.values() if isinstance(v, str)]
    for v in rec.values():
        if isinstance(v, list): texts += [m["content"] for m in v if isinstance(m, dict) and isinstance(m.get("content"), str)]
    spans = Counter()
    for t in texts:
        fenced = re.findall(r"```[\s\S]*?```|~~~[\s\S]*?~~~", t)
        spans.update(fenced)
        rest = re.sub(r"```[\s\S]*?```|~~~[\s\S]*?~~~", "\0", t)
        spans.update(re.findall(r"`[^`\n]+`", rest))
        spans.update(m.group(0) for m in re.finditer(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|$))+", rest))
    return spans


@pytest.mark.parametrize("name", ["alpaca_html_code.jsonl", "sharegpt_html_code.jsonl"])
def test_default_recipe_keeps_code_and_converts_only_html_documents(name, tmp_path):
    kept, ledger = _clean(DATA / name, tmp_path)
    src = [json.loads(l) for l in (DATA / name).read_text(encoding="utf-8").splitlines()]
    by_expect = {}
    for i, r in enumerate(src): by_expect.setdefault(r["expect"], []).append(i)
    kept_by_expect = {k: [r for r in kept if r["expect"] == k] for k in by_expect}
    converted = [e for e in ledger if e["op"] == "html_to_text"]
    # html_to_text changed exactly the records whose answer is HTML formatting
    assert len(converted) == len(by_expect["html_doc"])
    assert all(e["original"]["expect"] == "html_doc" for e in converted)
    # no code span of any record was changed or lost by any op (kept records, compared with their original)
    originals = {}
    for e in ledger:
        originals.setdefault(e["id"], e["original"])       # the first ledger entry holds the record as loaded
    for r in kept:
        before = _code(originals.get(r["id"], r))
        assert not (before - _code(r)), (r["id"], before - _code(r))
    # the markup people *show* survives: an unfenced page the user asked for, tags named in prose
    texts = json.dumps(kept_by_expect["code"], ensure_ascii=False)
    if name.startswith("alpaca"):
        assert "<!DOCTYPE html>" in texts and "Use the <br> tag" in texts and "<iframe src=" in texts
    else:
        assert "Unlike <p>, it has no closing tag" in texts and '<a href=\\"https://example.com\\">' in texts
    # HTML formatting did become text, with a <pre> block kept as fenced code
    html_kept = json.dumps(kept_by_expect["html_doc"], ensure_ascii=False)
    assert "<div class=" not in html_kept and "<p>" not in html_kept


def test_default_code_recipe_leaves_code_fields_alone(tmp_path):
    from sft_kit.bundled import load_bundled
    recs = list(load_bundled("mbpp", limit=60))
    recs[0] = {**recs[0], "code": recs[0]["code"].replace("\n", "\r\n") + "   \n\n\n\n# trailing  \u200b\n"}
    recs[1] = {**recs[1], "prompt": recs[1]["prompt"] + "   \u200b"}
    src = tmp_path / "mbpp.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    kept, ledger = _clean(src, tmp_path)
    by_id = {r["id"]: r for r in kept}
    for r in recs:
        if r["id"] in by_id:
            assert by_id[r["id"]]["code"] == r["code"] and by_id[r["id"]]["tests"] == r["tests"]
    assert by_id[recs[1]["id"]]["prompt"] == recs[1]["prompt"].rstrip(" \u200b")   # the prompt is still cleaned


def test_humaneval_prompt_is_code_and_survives_the_default_recipe(tmp_path):
    "HumanEval's `prompt` is a program (signature + docstring, no fence): the default code recipe leaves it byte for byte."
    prompt = ('from typing import List\n\n\ndef below_zero(operations: List[int]) -> bool:\n'
              '    """ Given deposits and withdrawals, say whether the balance ever falls below zero.   \n'
              '    >>> below_zero([1, 2, -4, 5])\n    True\n    """\n')
    row = {"task_id": "HumanEval/3", "prompt": prompt,
           "canonical_solution": "    balance = 0\n    for op in operations:\n        balance += op\n        if balance < 0:\n            return True\n\n    return False\n",
           "test": "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    assert candidate([1, 2, -4, 5]) == True\n",
           "entry_point": "below_zero"}
    src = tmp_path / "HumanEval.jsonl"
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    kept, rejects = _clean(src, tmp_path)
    assert [r["prompt"] for r in kept] == [prompt]
    assert kept[0]["code"] == prompt + row["canonical_solution"]
    assert not [r for r in rejects if r["action"] == "change"]
