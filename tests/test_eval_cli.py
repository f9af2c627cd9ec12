"""`sft-kit eval` on a saved classifier and on prediction files, through the real console script."""
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}


def run(*args):
    exe = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run(exe + list(args), capture_output=True, text=True, env=ENV, timeout=300)


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_predictions_file_classification(tmp_path):
    rows = [{"label": t, "prediction": p, "src": s, "probs": pr} for t, p, s, pr in [
        ("ham", "ham", "a", [0.9, 0.1]), ("spam", "spam", "a", [0.2, 0.8]), ("spam", "ham", "b", [0.6, 0.4]),
        ("ham", "ham", "b", [0.7, 0.3])]]
    f = write_jsonl(tmp_path / "preds.jsonl", rows)
    r = run("eval", "--predictions", str(f), "--slice-by", "src", "--out", str(tmp_path / "m.json"))
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / "m.json").read_text())
    assert m["accuracy"] == 0.75 and m["per_class"]["spam"]["recall"] == 0.5 and m["per_class"]["ham"]["precision"] == pytest.approx(2 / 3)
    assert {s["slice"]: s["accuracy"] for s in m["slices"]} == {"a": 1.0, "b": 0.5}
    assert "ece" in m["calibration"]
    assert "accuracy 0.7500" in r.stdout


def test_predictions_file_translation(tmp_path):
    rows = [{"target": "我喜欢猫。", "hypothesis": "我喜欢猫。", "target_lang": "zh"},
            {"target": "今天很冷。", "hypothesis": "今天很热。", "target_lang": "zh"}]
    f = write_jsonl(tmp_path / "mt.jsonl", rows)
    r = run("eval", "--predictions", str(f), "--task", "translation", "--out", str(tmp_path / "m.json"))
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / "m.json").read_text())
    assert 0 < m["bleu"] < 100 and 0 < m["chrf"] < 100 and m["bleu_tokenize"] == "zh"


def test_saved_model(tmp_path):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from sft_kit.train import tiny_encoder
    enc = tiny_encoder(tmp_path / "enc")
    m = AutoModelForSequenceClassification.from_pretrained(enc, num_labels=2, id2label={0: "ham", 1: "spam"}, label2id={"ham": 0, "spam": 1})
    m.save_pretrained(tmp_path / "clf"); AutoTokenizer.from_pretrained(enc).save_pretrained(tmp_path / "clf")
    data = write_jsonl(tmp_path / "test.jsonl", [{"id": str(i), "text": t, "label": l} for i, (t, l) in
                                                 enumerate([("free prize call now", "spam"), ("see you soon", "ham")] * 3)])
    r = run("eval", "--model", str(tmp_path / "clf"), "--data", str(data), "--save-predictions", str(tmp_path / "p.jsonl"),
            "--out", str(tmp_path / "m.json"))
    assert r.returncode == 0, r.stderr
    preds = [json.loads(l) for l in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(preds) == 6 and all(p["prediction"] in ("ham", "spam") and len(p["probs"]) == 2 for p in preds)
    m = json.loads((tmp_path / "m.json").read_text())
    assert m["n"] == 6 and m["accuracy"] == sum(p["prediction"] == p["label"] for p in preds) / 6


def test_user_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"; bad.write_text('{"label": "a", "prediction": "a"}\n{not json\n')
    r = run("eval", "--predictions", str(bad))
    assert r.returncode == 2 and "bad.jsonl:2: not valid JSON" in r.stderr and "Traceback" not in r.stderr
    missing = write_jsonl(tmp_path / "m.jsonl", [{"label": "a"}])
    r = run("eval", "--predictions", str(missing))
    assert r.returncode == 2 and "missing field 'prediction'" in r.stderr
    r = run("eval")
    assert r.returncode == 2 and "either --model" in r.stderr
    r = run("eval", "--model", str(tmp_path / "nope"), "--data", str(missing))
    assert r.returncode == 2 and "no such model folder" in r.stderr
