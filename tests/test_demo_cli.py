"""`sft-kit demo --out DIR` run as the user runs it: a subprocess of the installed console script."""
import json, os, shutil, subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SFT_KIT = ROOT / ".venv" / "bin" / "sft-kit"
EXE = str(SFT_KIT) if SFT_KIT.exists() else shutil.which("sft-kit") or str(SFT_KIT)


@pytest.mark.timeout(180)
def test_demo_writes_the_data_report(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    out = tmp_path / "demo out"                     # a space in the path on purpose
    r = subprocess.run([EXE, "demo", "--out", str(out), "--data-only"], capture_output=True, text=True, env=env, timeout=170)
    assert r.returncode == 0, r.stderr[-2000:]
    rep_dir = out / "data_report"
    assert sorted(p.name for p in rep_dir.iterdir()) == ["lengths.png", "report.json", "report.md"]
    rep = json.loads((rep_dir / "report.json").read_text(encoding="utf-8"))
    assert (rep["name"], rep["schema"], rep["records"]) == ("sms_spam", "classification", 5574)
    assert (rep["validation"]["valid"], rep["validation"]["invalid"]) == (5574, 0)
    assert rep["labels"]["counts"] == {"ham": 4827, "spam": 747}
    exact = rep["duplicates"]["exact"]
    assert (exact["rows"], exact["groups"], exact["rows_in_groups"], exact["distinct"]) == (403, 281, 684, 5171)
    assert rep["lengths"]["text"]["count"] == 5574 and rep["lengths"]["text"]["max"] == 910
    md = (rep_dir / "report.md").read_text(encoding="utf-8")
    assert "| exact duplicate rows | 403 in 281 groups |" in md and "![length histogram](lengths.png)" in md
    png = (rep_dir / "lengths.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    # the console summary and where the report is
    assert "5,574 records" in r.stdout and "403 exact duplicate rows in 281 groups" in r.stdout
    assert f"data report written to {rep_dir.resolve()}" in r.stdout
    assert "Traceback" not in r.stderr


def test_demo_help():
    r = subprocess.run([EXE, "demo", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "--out DIR" in r.stdout and "SMS spam" in r.stdout


@pytest.mark.timeout(900)
def test_demo_runs_the_whole_pipeline(readme_demo):
    """Every stage leaves its outputs, the responsible-use audit included. The run is the README's `sft-kit demo` line,
    shared with test_readme_commands.py (conftest's `readme_demo`): one demo run in CI, not two."""
    out, r = readme_demo.out, readme_demo.result
    assert r.returncode == 0, r.stderr[-3000:]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert (out / "report.md").exists() and (out / "data_report" / "report.md").exists()
    flat = json.dumps(metrics)
    assert "accuracy" in flat and "macro" in flat
    assert "report" in r.stdout and str(out.resolve()) in r.stdout
    # responsible use: the audit's files are in the demo's folder and the report shows and links them
    R = metrics["responsible_use"]
    assert R["sections"] == ["privacy", "bias", "attributions", "faithfulness", "influence"]
    n_members = min(200, metrics["data"]["train_originals"], metrics["data"]["test"])   # balanced, at most 200 each
    assert R["privacy"]["members"] == R["privacy"]["nonmembers"] == n_members and 0 <= R["privacy"]["membership_auc"] <= 1
    assert set(R["bias"]) == {"gender", "race", "religion", "nationality", "age"} and len(R["explained"]) == 5
    audit = json.loads((out / "audit" / "audit.json").read_text(encoding="utf-8"))
    train_ids = {json.loads(l)["id"] for l in (out / "train.jsonl").read_text(encoding="utf-8").splitlines()}
    assert all(x["id"] in train_ids for rec in audit["influence"]["records"] for x in rec["nearest"] + rec["proponents"])
    rep = (out / "report.md").read_text(encoding="utf-8")
    assert "## Responsible use" in rep and "](audit/privacy_roc.png)" in rep and (out / "audit" / "privacy_roc.png").stat().st_size > 0
    assert "membership AUC" in r.stdout


@pytest.mark.timeout(600)
def test_audit_runs_on_the_demo_model(readme_demo, tmp_path):
    """`sft-kit audit` on the demo's model directory and the data files the demo wrote (small limits: CI time; TRAIN is
    the first 200 records of the demo's train.jsonl, since the influence section reads every TRAIN record)."""
    out, r = readme_demo.out, readme_demo.result
    assert r.returncode == 0, r.stderr[-3000:]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    train = tmp_path / "train_head.jsonl"
    train.write_text("".join((out / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:200]), encoding="utf-8")
    res = subprocess.run([EXE, "audit", str(out / "model"), str(out / "test.jsonl"), "--train", str(train),
                          "--out", str(tmp_path / "audit"), "--limit", "50", "--attribution-limit", "2"],
                         capture_output=True, text=True, env=env, timeout=580)
    assert res.returncode == 0, res.stderr[-3000:]
    a = json.loads((tmp_path / "audit" / "audit.json").read_text(encoding="utf-8"))
    assert a["task"] == "classification" and a["sections"] == ["privacy", "bias", "attributions", "faithfulness", "influence"]
    assert a["privacy"]["members"] == a["privacy"]["nonmembers"] == 50 and 0 <= a["privacy"]["membership_auc"] <= 1
    assert "pii_train" in a["privacy"] and "pii" in a["privacy"]
    test_ids = [json.loads(l)["id"] for l in (out / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["id"] for e in a["attributions"]] == test_ids[:2]
    assert "membership AUC" in res.stdout and (tmp_path / "audit" / "report.md").exists()
