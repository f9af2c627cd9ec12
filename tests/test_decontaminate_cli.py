"""`sft-kit decontaminate TRAIN OUT --eval EVAL [--eval EVAL ...] [--n 13] [--rejects REJECTS]`: verbatim short and
long eval items, a light edit and a paraphrase are flagged (each rejects line names the record, the tier, the score
and the eval record), clean records pass untouched, the input is never overwritten, and bad input is a clear error."""
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SFT = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}


def _run(*args, cwd):
    return subprocess.run([str(SFT), "decontaminate", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env=ENV)


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


EVAL_A = [{"id": "qa-1", "prompt": "Suggest a recipe for a vegan dessert.", "completion": "Try a coconut chia pudding."},
          {"id": "qa-2", "prompt": "Write a step-by-step guide for resolving merge conflicts in a git repository "
                                   "when two branches changed the same lines of one file.", "completion": "1. Run git status ..."},
          {"id": "qa-3", "prompt": "Which genres does the TV series Manifest belong to?", "completion": "Drama, mystery"}]
EVAL_B = [{"id": "b-1", "question": "How do you say good evening in French?", "answer": "Bonsoir"}]


def _train():
    return [
        {"id": "t-short", "prompt": "Suggest a recipe for a vegan dessert", "completion": "Banana nice cream."},       # short item, verbatim
        {"id": "t-embedded", "prompt": "Here is my task for today.\n\n" + EVAL_A[1]["prompt"], "completion": "Sure."},  # long item inside
        {"id": "t-light", "prompt": "write a step by step guide for resolving merge conflicts in a git repo when two "
                                    "branches changed the same lines of one file", "completion": "ok"},              # light edit
        {"id": "t-para", "prompt": "What is the French way of saying 'good evening'?", "completion": "Bonsoir"},      # paraphrase, 2nd eval set
        {"id": "t-clean1", "prompt": "Write a haiku about autumn leaves falling on a quiet pond.", "completion": "..."},
        {"id": "t-clean2", "prompt": "Convert 5 kilometres to miles.", "completion": "About 3.1 miles."},
        {"id": "t-clean3", "prompt": "List three uses of baking soda around the house.", "completion": "Cleaning, deodorising, baking."},
        {"id": "t-clean4", "prompt": "Explain what a binary search tree is.", "completion": "A tree where ..."},
    ]


def test_decontaminate_cli_tiers(tmp_path):
    train, out, rej = tmp_path / "train.jsonl", tmp_path / "clean.jsonl", tmp_path / "flagged.jsonl"
    ea, eb = tmp_path / "eval_a.jsonl", tmp_path / "eval_b.jsonl"
    _write(train, _train()); _write(ea, EVAL_A); _write(eb, EVAL_B)
    before = train.read_bytes()
    p = _run(train, out, "--eval", ea, "--eval", eb, "--n", "13", "--rejects", rej, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-3000:]
    assert train.read_bytes() == before
    kept = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in kept] == ["t-clean1", "t-clean2", "t-clean3", "t-clean4"]
    assert kept[0] == _train()[4]                                     # untouched, every field kept
    flagged = {r["id"]: r for r in map(json.loads, rej.read_text(encoding="utf-8").splitlines())}
    assert set(flagged) == {"t-short", "t-embedded", "t-light", "t-para"}      # one line per flagged record
    assert "whole item" in flagged["t-short"]["reason"] and "qa-1 (eval_a)" in flagged["t-short"]["reason"]
    assert "qa-2 (eval_a)" in flagged["t-embedded"]["reason"]
    assert "qa-2 (eval_a)" in flagged["t-light"]["reason"]
    assert "embedding, cosine" in flagged["t-para"]["reason"] and "b-1 (eval_b)" in flagged["t-para"]["reason"]
    assert flagged["t-para"]["original"] == _train()[3]
    assert "4 contaminated" in p.stdout


def test_decontaminate_cli_flag_and_no_semantic(tmp_path):
    train, out, ea = tmp_path / "train.jsonl", tmp_path / "flagged_out.jsonl", tmp_path / "eval_a.jsonl"
    _write(train, _train()); _write(ea, EVAL_A)
    p = _run(train, out, "--eval", ea, "--action", "flag", "--no-semantic", cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-3000:]
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert len(rows) == 8
    assert rows["t-short"]["contamination"] == "eval_a:qa-1" and rows["t-para"]["contamination"] == ""
    assert (tmp_path / "flagged_out.rejects.jsonl").exists()


def test_decontaminate_cli_errors(tmp_path):
    train, ea = tmp_path / "train.jsonl", tmp_path / "eval_a.jsonl"
    _write(train, _train()); _write(ea, EVAL_A)
    p = _run(train, train, "--eval", ea, cwd=tmp_path)                    # would overwrite its input
    assert p.returncode == 2 and "overwrite" in p.stderr and "Traceback" not in p.stderr
    assert json.loads(train.read_text().splitlines()[0])["id"] == "t-short"
    p = _run(train, tmp_path / "o.jsonl", "--eval", tmp_path / "missing.jsonl", cwd=tmp_path)
    assert p.returncode == 2 and "missing.jsonl" in p.stderr and "Traceback" not in p.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "prompt": "fine"}\n{not json\n')
    p = _run(bad, tmp_path / "o2.jsonl", "--eval", ea, "--no-semantic", cwd=tmp_path)
    assert "bad.jsonl" in p.stderr and "Traceback" not in p.stderr
