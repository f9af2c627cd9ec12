"""`sft-kit augment INPUT OUTPUT`: defaults (EDA's four operations, 9 copies), options, recipes, refusal of held-out
splits, byte-identical output for a seed whatever the process count, protected spans."""
import json, os, re, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "sft-kit"
RECS = [
    {"id": "a", "text": "The film was great, I loved every minute of it! Call 555-0199 or see https://ex.com/x.", "label": "pos"},
    {"id": "b", "text": "Terrible plot and the acting was even worse; I want my {amount} back.", "label": "neg"},
    {"id": "c", "text": "A quiet, lovely evening with friends and good food.\nWould go again.", "label": "pos"},
]


def run(*args):
    cmd = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def read(path):
    return [json.loads(l) for l in path.read_text().splitlines()]


def test_defaults_are_eda_four_ops_nine_copies(tmp_path):
    src = write(tmp_path / "in.jsonl", RECS)
    out = tmp_path / "out.jsonl"
    r = run("augment", src, out, "--seed", 1)
    assert r.returncode == 0, r.stderr
    rows = read(out)
    ids = [x["id"] for x in rows]
    assert ids[:1] == ["a"] and {"a", "b", "c"} <= set(ids)
    for rid in "abc":
        copies = [x for x in rows if x["source_id"] == rid and x["id"] != rid]
        assert 5 <= len(copies) <= 9                                   # 9 planned, unchanged ones are not written
        assert [c["id"] for c in copies] == [f"{rid}#aug{k}" for k in range(1, len(copies) + 1)]
    ops = {o for x in rows for o in x["aug_ops"]}
    assert ops == {"sr", "ri", "rs", "rd"}
    params = json.loads(next(x for x in rows if x["aug_ops"] == ["sr"])["aug_params"])
    assert params["alpha"] == 0.1 and params["num_aug"] == 9
    orig = next(x for x in rows if x["id"] == "a")
    assert orig["aug_ops"] == [] and orig["source_id"] == "a" and orig["aug_seed"] == 1
    for x in rows:                                                     # protected spans and labels survive
        if x["source_id"] == "a": assert "555-0199" in x["text"] and "https://ex.com/x" in x["text"] and x["label"] == "pos"
        if x["source_id"] == "b": assert "{amount}" in x["text"]
    assert (tmp_path / "out.summary.json").exists() and (tmp_path / "out.ledger.jsonl").exists()


def test_same_seed_same_bytes_any_num_proc(tmp_path):
    rows = [{"id": f"r{i}", "text": f"message {i}: please call me back when you get home, it is quite urgent", "label": "ham"}
            for i in range(2200)]
    src = write(tmp_path / "in.jsonl", rows)
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    assert run("augment", src, a, "--seed", 3, "--num-aug", 2).returncode == 0
    assert run("augment", src, b, "--seed", 3, "--num-aug", 2, "--num-proc", 2).returncode == 0
    assert run("augment", src, c, "--seed", 4, "--num-aug", 2).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_options_and_recipe(tmp_path):
    src = write(tmp_path / "in.jsonl", RECS)
    out = tmp_path / "o.jsonl"
    r = run("augment", src, out, "--ops", "rs,rd", "--alpha", 0.3, "--num-aug", 3)
    assert r.returncode == 0, r.stderr
    rows = read(out)
    assert {o for x in rows for o in x["aug_ops"]} <= {"rs", "rd"}
    assert max(int(x["id"].split("#aug")[1]) for x in rows if "#aug" in x["id"]) <= 3
    recipe = tmp_path / "r.yaml"
    recipe.write_text("op: swap\nalpha: 0.2\nnum_aug: 2\n")
    assert run("augment", src, out, "--recipe", recipe).returncode == 0
    assert {o for x in read(out) for o in x["aug_ops"]} == {"rs"}
    bad = run("augment", src, out, "--ops", "xx")
    assert bad.returncode == 2 and "unknown operation" in bad.stderr


def test_refuses_held_out_splits(tmp_path):
    src = write(tmp_path / "in.jsonl", [{**r, "split": s} for r, s in zip(RECS, ["train", "test", "train"])])
    out = tmp_path / "o.jsonl"
    r = run("augment", src, out)
    assert r.returncode == 2 and "refusing to augment" in r.stderr and not out.exists()
    r = run("augment", write(tmp_path / "t.jsonl", RECS), out, "--split", "validation")
    assert r.returncode == 2 and "validation" in r.stderr
    assert run("augment", src, out, "--force", "--num-aug", 1).returncode == 0


def test_instruction_data_keeps_completion(tmp_path):
    rows = [{"id": "p", "prompt": "Explain briefly why the sky looks blue during the day, in 2 sentences.",
             "completion": "Sunlight scatters off air molecules.\n```\nI ~ 1/lambda^4\n```\nBlue scatters most."}]
    out = tmp_path / "o.jsonl"
    assert run("augment", write(tmp_path / "p.jsonl", rows), out, "--num-aug", 4, "--content-words", "change").returncode == 0
    got = read(out)
    assert len(got) > 1 and {x["completion"] for x in got} == {rows[0]["completion"]}
    assert all(re.search(r"\b2\b", x["prompt"]) for x in got)
    assert run("augment", write(tmp_path / "p.jsonl", rows), out, "--num-aug", 4, "--fields", "prompt,completion").returncode == 0
    for x in read(out): assert "```\nI ~ 1/lambda^4\n```" in x["completion"]


PAIRS = [{"id": "q1", "prompt": "What is the capital of France?", "completion": "Paris."},
         {"id": "q2", "prompt": "How many legs does a spider have?", "completion": "A spider has eight legs."},
         {"id": "q3", "prompt": "Which planet is known as the Red Planet?", "completion": "Mars."}]


def content(text):
    return [w for w in re.findall(r"[A-Za-z']+", text.lower()) if w not in
            "a an the is are was were be been being am have has had having do does did doing".split()]


def test_instruction_defaults_keep_content_words_and_checks_ledger(tmp_path):
    src = write(tmp_path / "q.jsonl", PAIRS)
    out = tmp_path / "o.jsonl"
    r = run("augment", src, out, "--num-aug", 6)
    assert r.returncode == 0, r.stderr
    assert "left out" in r.stderr                                        # the warning says what the default did
    rows = read(out)
    src_of = {p["id"]: p for p in PAIRS}
    assert len(rows) > len(PAIRS)
    for x in rows:
        assert content(x["prompt"]) == content(src_of[x["source_id"]]["prompt"]), x["prompt"]
    assert {o for x in rows for o in x["aug_ops"]} <= {"rs", "rd"}
    r = run("augment", src, out, "--num-aug", 6, "--content-words", "change", "--consistency-check", "--seed", 2)
    assert r.returncode == 0, r.stderr
    assert "PairConsistency" in r.stderr
    ledger = read(tmp_path / "o.ledger.jsonl")
    kept = read(out)
    made = len(kept) - len(PAIRS) + len(ledger)
    assert made > 0 and all(e["op"] == "pair_consistency" and e["original"]["id"].startswith("q") for e in ledger)
    assert f"{len(kept) - len(PAIRS)} augmented copies" in r.stdout


def test_label_safety_option(tmp_path):
    rows = [{"id": f"s{i}", "text": t, "label": l} for i, (t, l) in enumerate(
        [("WINNER! You have won a FREE prize, call now to claim it", "spam"), ("see you at lunch tomorrow then", "ham"),
         ("FREE entry to win cash, text WIN now", "spam"), ("are you coming home for dinner tonight", "ham"),
         ("Claim your FREE ringtone now, reply YES", "spam"), ("I will call you when I get to the station", "ham")])]
    src = write(tmp_path / "s.jsonl", rows)
    out = tmp_path / "o.jsonl"
    r = run("augment", src, out, "--num-aug", 4, "--label-safety", "--min-similarity", "0.9")
    assert r.returncode == 0, r.stderr
    ledger = read(tmp_path / "o.ledger.jsonl")
    assert ledger and {e["op"] for e in ledger} == {"label_safety"}
    assert all(e["original"]["id"] != e["original"]["source_id"] for e in ledger)      # only copies are dropped
    assert {x["id"] for x in read(out)} >= {r["id"] for r in rows}
    bad = run("augment", src, out, "--label-safety", "--label-field", "nope")
    assert bad.returncode == 2 and "nope" in bad.stderr
