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
def test_demo_runs_the_whole_pipeline_small(tmp_path):
    "What `make demo` runs, with a small training sample so that CI stays quick: every stage leaves its outputs."
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    out = tmp_path / "demo"
    r = subprocess.run([EXE, "demo", "--out", str(out), "--n-train", "48", "--num-aug", "1", "--max-length", "32"],
                       capture_output=True, text=True, env=env, timeout=880)
    assert r.returncode == 0, r.stderr[-3000:]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert (out / "report.md").exists() and (out / "data_report" / "report.md").exists()
    flat = json.dumps(metrics)
    assert "accuracy" in flat and "macro" in flat
    assert "report" in r.stdout and str(out.resolve()) in r.stdout
