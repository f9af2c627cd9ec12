"""`sft-kit train` end to end through the console script, offline, with tiny models and a few steps per task."""
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "sft-kit"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "OMP_NUM_THREADS": "1"}


def run(*args):
    exe = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "sft_kit.cli"]
    return subprocess.run(exe + [str(a) for a in args], capture_output=True, text=True, env=ENV, timeout=900)


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    "Small files cut from the bundled sets (classification, regression, prompt-completion, messages, pairs)."
    from sft_kit.bundled import load_bundled
    d = tmp_path_factory.mktemp("data")
    sms = list(load_bundled("sms_spam").shuffle(seed=1).select(range(60)))
    write_jsonl(d / "sms.jsonl", [{"text": r["text"], "label": r["label"]} for r in sms])
    write_jsonl(d / "reg.jsonl", [{"text": r["text"], "target": float(len(r["text"].split()))} for r in sms])
    si = list(load_bundled("self_instruct_seed").select(range(40)))
    write_jsonl(d / "pc.jsonl", [{"prompt": r["prompt"], "completion": r["completion"]} for r in si])
    write_jsonl(d / "chat.jsonl", [{"messages": [{"role": "user", "content": r["prompt"]},
                                                 {"role": "assistant", "content": r["completion"]}]} for r in si])
    tat = list(load_bundled("tatoeba_en_zh").shuffle(seed=1).select(range(80)))
    write_jsonl(d / "pairs.jsonl", [{k: r[k] for k in ("source", "target", "source_lang", "target_lang")} for r in tat])
    from sft_kit.train import tiny_encoder
    tiny_encoder(d / "enc", hidden=32, layers=1)
    return d


def outputs_ok(out: Path) -> dict:
    for name in ("model", "train_log.jsonl", "loss.png", "train_summary.json", "train_config.json"):
        assert (out / name).exists(), name
    assert (out / "loss.png").read_bytes()[:4] == b"\x89PNG"
    log = [json.loads(l) for l in (out / "train_log.jsonl").read_text().splitlines()]
    assert any("loss" in r for r in log)
    return json.loads((out / "train_summary.json").read_text())


def test_classification_default_model_minilm(data, tmp_path):
    "No --model: the offline MiniLM encoder; a few steps; the saved classifier loads and predicts both labels' names."
    out = tmp_path / "clf"
    r = run("train", data / "sms.jsonl", "--out", out, "--max-steps", 3, "--batch-size", 8, "--seed", 1)
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    from sft_kit.models import minilm_path
    assert s["task"] == "classification" and s["steps"] == 3 and s["model"] == minilm_path() and not s["built_from_config"]
    assert s["n_eval"] == 6 and s["n_train"] == 54 and {"accuracy", "f1_macro", "loss"} <= set(s["metrics"])
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    m = AutoModelForSequenceClassification.from_pretrained(out / "model")
    AutoTokenizer.from_pretrained(out / "model")
    assert sorted(m.config.label2id) == ["ham", "spam"]
    assert "trained classification" in r.stdout


def test_regression_with_config_file_and_flag_override(data, tmp_path):
    out = tmp_path / "reg"
    cfg = tmp_path / "reg.yaml"
    cfg.write_text(f"data: {data / 'reg.jsonl'}\ntask: regression\nmodel: {data / 'enc'}\nout: {out}\nmax-steps: 50\nlr: 0.001\nseed: 3\n")
    r = run("train", "--config", cfg, "--max-steps", 2)     # the flag wins over the file's 50
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    assert s["task"] == "regression" and s["steps"] == 2 and s["seed"] == 3
    assert {"mse", "mae", "pearson"} <= set(s["metrics"])
    saved = json.loads((out / "train_config.json").read_text())
    assert saved["max_steps"] == 2 and saved["lr"] == 0.001


def test_sft_prompt_completion_packing_and_resume(data, tmp_path):
    "Tiny causal LM built from a config; packing; --resume continues from the checkpoint and extends the run."
    out = tmp_path / "sft"
    r = run("train", data / "pc.jsonl", "--out", out, "--max-steps", 2, "--save-steps", 2, "--packing", "--max-length", 64)
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    assert s["task"] == "sft" and s["built_from_config"] and s["steps"] == 2 and "perplexity" in s["metrics"]
    assert (out / "checkpoints" / "checkpoint-2").is_dir() and (out / "base" / "config.json").exists()
    r = run("train", "--out", out, "--resume", "--max-steps", 4)
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    assert s["steps"] == 4 and Path(s["resumed_from"]).name == "checkpoint-2"
    log = [json.loads(l) for l in (out / "train_log.jsonl").read_text().splitlines()]
    assert max(r["step"] for r in log) == 4
    from transformers import AutoModelForCausalLM
    AutoModelForCausalLM.from_pretrained(out / "model")


def test_sft_messages_lora_merged(data, tmp_path):
    out = tmp_path / "chat"
    r = run("train", data / "chat.jsonl", "--out", out, "--max-steps", 2, "--lora", "--max-length", 64)
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    tr = s["trainable_parameters"]
    assert 0 < tr["trainable"] < tr["total"] / 5        # only the adapters trained
    from transformers import AutoModelForCausalLM
    m = AutoModelForCausalLM.from_pretrained(out / "model")   # merged: a plain model, no peft needed to load it
    assert not any("lora" in n for n, _ in m.named_parameters())


def test_seq2seq_tiny_marian_bleu(data, tmp_path):
    out = tmp_path / "mt"
    r = run("train", data / "pairs.jsonl", "--out", out, "--max-steps", 3, "--generate-limit", 5, "--eval-fraction", 0.1)
    assert r.returncode == 0, r.stderr
    s = outputs_ok(out)
    assert s["task"] == "seq2seq" and s["built_from_config"] and s["n_eval"] == 8
    assert {"bleu", "chrf", "loss"} <= set(s["metrics"]) and s["metrics"]["bleu_tokenize"] == "zh"
    from transformers import AutoModelForSeq2SeqLM
    AutoModelForSeq2SeqLM.from_pretrained(out / "model")


def test_refusals(data, tmp_path):
    # OUT is DATA / holds DATA
    r = run("train", data / "sms.jsonl", "--out", data / "sms.jsonl", "--model", data / "enc", "--max-steps", 1)
    assert r.returncode == 2 and "input" in r.stderr and "Traceback" not in r.stderr
    r = run("train", data / "sms.jsonl", "--out", data, "--model", data / "enc", "--max-steps", 1)
    assert r.returncode == 2 and "input" in r.stderr
    # existing non-empty OUT without --resume / --overwrite
    out = tmp_path / "busy"; out.mkdir(); (out / "keep.txt").write_text("mine")
    r = run("train", data / "sms.jsonl", "--out", out, "--model", data / "enc", "--max-steps", 1)
    assert r.returncode == 2 and "--overwrite" in r.stderr and sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    r = run("train", data / "sms.jsonl", "--out", out, "--model", data / "enc", "--max-steps", 1, "--overwrite")
    assert r.returncode == 0, r.stderr
    assert (out / "keep.txt").read_text() == "mine" and (out / "model").is_dir()
    # --resume where no run was
    r = run("train", data / "sms.jsonl", "--out", tmp_path / "fresh", "--resume")
    assert r.returncode == 2 and "no earlier run" in r.stderr
    r = run("train", data / "sms.jsonl", "--out", out, "--resume", "--overwrite")
    assert r.returncode == 2


def test_bad_input_names_file_line_field(data, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a"}\n{"text": "b"}\n')
    r = run("train", bad, "--task", "classification", "--out", tmp_path / "o1")
    assert r.returncode == 2 and str(bad) in r.stderr and "line 1" in r.stderr and "'label'" in r.stderr
    assert "Traceback" not in r.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "a", "label": "x"}\n{"text": "b", "label": \n')
    r = run("train", broken, "--out", tmp_path / "o2")      # line 2 quarantined (named), one record left: too few
    assert r.returncode == 2 and "line 2" in r.stderr and "too few" in r.stderr
    r = run("train", data / "pc.jsonl", "--task", "seq2seq", "--out", tmp_path / "o3")
    assert r.returncode == 2 and "'source'" in r.stderr
    cfg = tmp_path / "c.yaml"; cfg.write_text("max_stepz: 3\n")
    r = run("train", data / "sms.jsonl", "--config", cfg, "--out", tmp_path / "o4")
    assert r.returncode == 2 and str(cfg) in r.stderr and "'max_stepz'" in r.stderr
    r = run("train", data / "sms.jsonl", "--out", tmp_path / "o5", "--max-steps", "x")
    assert r.returncode == 2 and "--max-steps" in r.stderr
    r = run("train", tmp_path / "missing.jsonl", "--out", tmp_path / "o6")
    assert r.returncode == 2 and "missing.jsonl" in r.stderr and "Traceback" not in r.stderr
    for o in ("o1", "o3", "o6"): assert not (tmp_path / o / "model").exists()
