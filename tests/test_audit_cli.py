"""`sft-kit audit MODEL_DIR DATA --out DIR --train TRAIN` through the real console script, on tiny models built from
configs and trained a few steps (a classifier and a causal LM with canaries)."""
import json, os, random, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "OMP_NUM_THREADS": "1"}


def run(*args, timeout=600):
    exe = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run(exe + [str(a) for a in args], capture_output=True, text=True, env=ENV, timeout=timeout)


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sst():
    from sft_kit.bundled import load_bundled
    return load_bundled("sst2_train").shuffle(seed=1)


@pytest.mark.timeout(900)
def test_audit_classifier(tmp_path, sst):
    from sft_kit.privacy import dp_fine_tune
    from sft_kit.train import tiny_encoder
    train, held = sst.select(range(40)), sst.select(range(40, 80))
    fit = dp_fine_tune(train, model=tiny_encoder(tmp_path / "enc", hidden=32), epochs=2, batch_size=8, max_length=24, progress=False)
    model_dir = fit.save(tmp_path / "clf")
    tr = write_jsonl(tmp_path / "train.jsonl", train.to_list())
    data = write_jsonl(tmp_path / "data.jsonl", [{**r, "contact": "write to jo@example.org"} for r in held.to_list()])
    out = tmp_path / "audit"
    r = run("audit", model_dir, data, "--out", out, "--train", tr, "--attribution-limit", "5")
    assert r.returncode == 0, r.stderr[-3000:]
    a = json.loads((out / "audit.json").read_text())
    assert a["task"] == "classification" and a["sections"] == ["privacy", "bias", "attributions", "faithfulness", "influence"]
    assert set(a["bias"]) == {"gender", "race", "religion", "nationality", "age"}
    assert all({"flip_rate", "mean_abs_score_change", "n_pairs"} <= set(v) for v in a["bias"].values())
    assert len(a["attributions"]) == 5 and all({"id", "tokens", "scores", "method"} <= set(e) for e in a["attributions"])
    assert {"comprehensiveness", "sufficiency", "random_comprehensiveness", "random_sufficiency"} <= set(a["faithfulness"])
    # the explained records' influential training records, named by the ids of TRAIN
    assert [r["id"] for r in a["influence"]["records"]] == [e["id"] for e in a["attributions"]]
    train_ids = {r["id"] for r in train.to_list()}
    assert all(x["id"] in train_ids for r in a["influence"]["records"] for x in r["nearest"] + r["proponents"] + r["opponents"])
    p = a["privacy"]
    assert 0 <= p["membership_auc"] <= 1 and 0 <= p["tpr_at_1pct_fpr"] <= 1 and p["members"] == p["nonmembers"] == 40
    assert p["pii"]["contact"] == {"email": 40}
    # the ROC points (thinned) and where DATA and TRAIN came from: the privacy view redraws the curve and pages the records
    assert 2 <= len(p["roc"]["fpr"]) == len(p["roc"]["tpr"]) <= 200 and p["roc"]["fpr"][-1] == p["roc"]["tpr"][-1] == 1.0
    assert (a["data"], a["train"]) == (str(data.resolve()), str(tr.resolve()))
    from sft_kit.privacy_panel import load_audit
    view = load_audit(out)
    assert view.pii == p["pii"] and len(view.hits) == 40 and view.notes == []
    assert view.attacks["loss threshold"]["fpr"] == p["roc"]["fpr"]
    rep = (out / "report.md").read_text()
    assert "Membership inference" in rep and (out / "privacy_roc.png").stat().st_size > 0
    assert "membership AUC" in r.stdout
    # without --train the privacy section does not apply; bad input is a one-line error
    r0 = run("audit", model_dir, data, "--out", tmp_path / "audit0", "--sections", "privacy")
    assert r0.returncode == 0 and json.loads((tmp_path / "audit0" / "audit.json").read_text())["sections"] == []
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"text": "no label here"}])
    rb = run("audit", model_dir, bad, "--out", tmp_path / "audit_bad", "--train", tr)
    assert rb.returncode == 2 and "label" in rb.stderr and "Traceback" not in rb.stderr
    rm = run("audit", tmp_path / "nope", data, "--out", tmp_path / "audit_m")
    assert rm.returncode == 2 and "no such model folder" in rm.stderr


@pytest.mark.timeout(900)
def test_audit_causal_lm_with_canaries(tmp_path):
    from sft_kit.bundled import load_bundled
    from sft_kit.models import tiny_causal_lm
    from sft_kit.privacy import insert_canaries, make_canaries, train_causal_lm
    sms = list(dict.fromkeys(load_bundled("sms_spam")["text"])); random.Random(3).shuffle(sms)
    base = tiny_causal_lm(sms[500:800], str(tmp_path / "base"), vocab_size=300, n_layer=1, n_embd=32)
    canaries = make_canaries([1, 12], per_count=1, seed=5)
    texts = insert_canaries(sms[:80], canaries, seed=0)
    lm, tok = train_causal_lm(base, texts, epochs=2, batch_size=16, lr=5e-3, progress=False)
    lm.save_pretrained(tmp_path / "lm"); tok.save_pretrained(tmp_path / "lm")
    tr = write_jsonl(tmp_path / "train.jsonl", [{"text": t} for t in texts])
    data = write_jsonl(tmp_path / "data.jsonl", [{"text": t} for t in sms[100:180]])
    r = run("audit", tmp_path / "lm", data, "--out", tmp_path / "out", "--train", tr)
    assert r.returncode == 0, r.stderr[-3000:]
    p = json.loads((tmp_path / "out" / "audit.json").read_text())["privacy"]
    assert sorted((c["secret"], c["repetitions"]) for c in p["canaries"]) == sorted((c.secret, c.repetitions) for c in canaries)
    assert all(c["exposure_extrapolated"] >= 0 for c in p["canaries"]) and p["membership_auc"] is not None
    assert (tmp_path / "out" / "privacy_exposure.png").exists()
