"""`sft-kit clean` end to end on a JSONL made from the bundled SMS spam corpus: outputs, ledger, conservation."""
import json, os, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SFT_KIT = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def _cmd():
    return [str(SFT_KIT)] if SFT_KIT.exists() else [sys.executable, "-m", "sft_kit.cli"]


@pytest.fixture(scope="module")
def sms_jsonl(tmp_path_factory):
    from sft_kit.bundled import load_bundled
    ds = load_bundled("sms_spam")
    path = tmp_path_factory.mktemp("clean") / "sms.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in ds: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    seen, dups = set(), set()
    for i, t in zip(ds["id"], ds["text"]):
        if t in seen: dups.add(i)
        seen.add(t)
    assert len(dups) == 403
    return path, len(ds), dups


def _read(path):
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


def _run(args):
    p = subprocess.run(_cmd() + args, capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    return p


def test_clean_default_recipe(sms_jsonl, tmp_path):
    src, n, dups = sms_jsonl
    out, rej = tmp_path / "kept.jsonl", tmp_path / "rejects.jsonl"
    p = _run(["clean", str(src), str(out), "--rejects", str(rej), "--seed", "3"])
    kept, ledger = _read(out), _read(rej)
    dropped = [e for e in ledger if e["action"] == "drop"]
    # conservation: every input record is either kept or dropped exactly once
    assert len(kept) + len(dropped) == n
    assert len({r["id"] for r in kept} | {e["id"] for e in dropped}) == n
    assert not ({r["id"] for r in kept} & {e["id"] for e in dropped})
    # the 403 exact duplicates are found and ledgered by exact_dedup, each naming a kept survivor
    exact = {e["id"]: e for e in dropped if e["op"] == "exact_dedup"}
    assert dups <= set(exact), sorted(dups - set(exact))[:5]
    kept_ids = {r["id"] for r in kept}
    for e in exact.values():
        assert e["reason"].startswith("exact duplicate of sms_spam:")
        assert e["reason"].split()[3] in kept_ids or e["reason"].split()[3] in {d["id"] for d in dropped}
        assert set(e["original"]) >= {"id", "text", "label"}
    # every ledger line is complete
    for e in ledger:
        assert set(e) >= {"id", "op", "action", "reason", "original"} and e["reason"]
    # kept records carry dup_cluster and no two share a normalized text
    assert all(r["dup_cluster"] == r["id"] for r in kept)
    assert len({" ".join(r["text"].casefold().split()) for r in kept}) == len(kept)
    # the summary table: one line per op, and the totals
    assert "exact_dedup" in p.stdout and "near_dedup" in p.stdout
    assert f"total: {n:,} in, {len(kept):,} kept, {len(dropped):,} rejected" in p.stdout
    # the column dedup adds to every kept record is stated in the printed summary, not only visible in the output
    assert "exact_dedup added column 'dup_cluster'" in p.stdout and "near_dedup added column 'dup_cluster'" not in p.stdout


def test_clean_custom_recipe_num_proc(sms_jsonl, tmp_path):
    src, n, dups = sms_jsonl
    recipe = tmp_path / "exact.yaml"
    recipe.write_text("name: exact-only\nops:\n  - exact_dedup: {normalize: none}\n")
    out = tmp_path / "kept.parquet"
    _run(["clean", str(src), str(out), "--recipe", str(recipe), "--num-proc", "2", "--quiet"])
    rej = tmp_path / "kept.rejects.jsonl"          # default rejects path
    ledger = _read(rej)
    import pyarrow.parquet as pq
    assert pq.read_table(out).num_rows == n - 403
    assert {e["id"] for e in ledger} == dups and all(e["op"] == "exact_dedup" for e in ledger)


def test_clean_bad_recipe_is_one_line_error(sms_jsonl, tmp_path):
    src, _, _ = sms_jsonl
    recipe = tmp_path / "bad.yaml"
    recipe.write_text("ops:\n  - near_dedup: {treshold: 0.8}\n")
    p = subprocess.run(_cmd() + ["clean", str(src), str(tmp_path / "o.jsonl"), "--recipe", str(recipe), "--quiet"],
                       capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=600)
    assert p.returncode == 2
    assert "recipe op #1 (near_dedup)" in p.stderr and "Traceback" not in p.stderr
