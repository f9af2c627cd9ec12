"""Packing vs plain padding for instruction SFT (TRL SFTTrainer, tiny GPT-2, bundled self-instruct seed tasks).

Measures, in one run and side by side: the share of non-padding tokens in the training batches, and training
throughput in real (non-padding) tokens per second, for three set-ups: plain padding (dynamic, to the longest in the
batch); TRL's default packing (`bfd`: best-fit decreasing, padding-free — one flattened row per batch with
position_ids restarting per example); and `wrapped` packing (fixed rows of max_length, examples cut at row ends). Usage: .venv/bin/python bench/bench_packing.py [--epochs 1]
"""
import argparse, json, os, tempfile, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    import torch, transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer
    from sft_kit.bundled import load_bundled
    from sft_kit.models import tiny_causal_lm
    from sft_kit.sft import sft_dataset
    torch.set_num_threads(a.threads); transformers.logging.set_verbosity_error()
    seeds = load_bundled("self_instruct_seed")
    lm = tiny_causal_lm([r["prompt"] + "\n" + r["completion"] for r in seeds], tempfile.mkdtemp())
    tok = AutoTokenizer.from_pretrained(lm)
    data = sft_dataset(seeds)
    out = {}
    for name, packing, strategy in (("padding", False, "bfd"), ("packing_bfd", True, "bfd"), ("packing_wrapped", True, "wrapped")):
        torch.manual_seed(0)
        cfg = SFTConfig(tempfile.mkdtemp(), num_train_epochs=a.epochs, per_device_train_batch_size=a.batch_size,
                        max_length=a.max_length, packing=packing, packing_strategy=strategy, learning_rate=1e-3, report_to=[], use_cpu=True,
                        save_strategy="no", logging_steps=1000, disable_tqdm=True, seed=0)
        tr = SFTTrainer(model=AutoModelForCausalLM.from_pretrained(lm), args=cfg, train_dataset=data, processing_class=tok)
        real = slots = 0
        for b in tr.get_train_dataloader():
            ids = b["input_ids"]
            slots += ids.numel()
            real += int(b["attention_mask"].sum()) if "attention_mask" in b else ids.numel()
        t = time.perf_counter(); tr.train(); secs = time.perf_counter() - t
        steps = tr.state.global_step
        out[name] = {"steps": steps, "real_tokens_per_epoch": real, "token_slots": slots,
                                                    "non_pad_share": round(real / slots, 4), "train_s": round(secs, 2),
                                                    "real_tokens_per_s": round(real * a.epochs / secs, 1)}
        print(f"{name:16s}" + json.dumps(out[name]), flush=True)
    p = out["padding"]
    print(f"\n{torch.get_num_threads()} thread(s), batch {a.batch_size}, max_length {a.max_length}, {a.epochs} epoch(s):")
    for name, q in out.items():
        print(f"{name:16s} non-padding share {q['non_pad_share']:.1%}  real tokens/s {q['real_tokens_per_s']:.0f} "
              f"({q['real_tokens_per_s'] / p['real_tokens_per_s']:.2f}x padding)")


if __name__ == "__main__":
    main()
