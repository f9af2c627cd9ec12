"""Classification training throughput: sft_kit's path (dynamic padding + length-grouped batches) against a plain
Trainer fed with padding='max_length', same model (offline MiniLM by default), same data, same number of steps.

Usage: .venv/bin/python bench/bench_train_padding.py [--steps 20] [--max-length 128] [--model PATH] [--tiny]
Prints examples/s of both and their ratio, and the share of non-padding tokens each one feeds the model.
"""
import argparse, json, os, tempfile, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--model", default=None, help="encoder path (default: offline MiniLM)")
    ap.add_argument("--tiny", action="store_true", help="use the tiny random encoder (a quick smoke run)")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: 1 when the machine is busy, else default)")
    a = ap.parse_args()
    import numpy as np, torch, transformers
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments, DataCollatorWithPadding
    from sft_kit.bundled import load_bundled
    from sft_kit.train import fine_tune, label_maps, tiny_encoder
    from sft_kit.models import minilm_path
    from sft_kit.pipeline_demo import pick_threads
    th = a.threads or pick_threads()
    if th: torch.set_num_threads(th)
    transformers.logging.set_verbosity_error()
    model = tiny_encoder(tempfile.mkdtemp()) if a.tiny else (a.model or minilm_path())
    n = a.steps * a.batch_size
    ds = load_bundled("sms_spam").shuffle(seed=0).select(range(n))
    tok = AutoTokenizer.from_pretrained(model)
    l2i, i2l = label_maps(ds["label"])

    # ours
    r = fine_tune(ds, None, model=model, out_dir=tempfile.mkdtemp(), max_steps=a.steps, batch_size=a.batch_size,
                  max_length=a.max_length, live=False, class_weights=None, logging_steps=1000)
    lens = np.array([min(len(x), a.max_length) for x in tok(list(ds["text"]), truncation=True, max_length=a.max_length)["input_ids"]])
    # padded slots of ours: replay the sampler's batches
    sampler = r.trainer._get_train_sampler(r.trainer.train_dataset)
    order = list(iter(sampler)) if sampler is not None else list(range(n))
    slots = sum(len(b) * lens[b].max() for b in (np.array(order[i:i + a.batch_size]) for i in range(0, n, a.batch_size)))
    ours = {"examples_per_s": round(n / r.train_seconds, 2), "train_s": round(r.train_seconds, 1), "non_pad_share": round(lens.sum() / slots, 3)}
    print("ours  ", json.dumps(ours), flush=True)

    # plain: padding='max_length', random batches, default collator
    transformers.set_seed(0)
    enc = ds.map(lambda b: {**tok(b["text"], padding="max_length", truncation=True, max_length=a.max_length),
                            "labels": [l2i[x] for x in b["label"]]}, batched=True, remove_columns=ds.column_names)
    net = AutoModelForSequenceClassification.from_pretrained(model, num_labels=len(l2i))
    args = TrainingArguments(tempfile.mkdtemp(), max_steps=a.steps, per_device_train_batch_size=a.batch_size, report_to=[],
                             save_strategy="no", logging_steps=1000, disable_tqdm=True, use_cpu=True, seed=0)
    tr = Trainer(model=net, args=args, train_dataset=enc)
    t = time.perf_counter(); tr.train(); secs = time.perf_counter() - t
    plain = {"examples_per_s": round(n / secs, 2), "train_s": round(secs, 1), "non_pad_share": round(lens.sum() / (n * a.max_length), 3)}
    print("plain ", json.dumps(plain), flush=True)
    print(f"\n{'tiny encoder' if a.tiny else (a.model or 'MiniLM')}, {a.steps} steps x {a.batch_size}, max_length {a.max_length}, "
          f"{torch.get_num_threads()} thread(s): ours {ours['examples_per_s']:.1f} ex/s vs plain {plain['examples_per_s']:.1f} ex/s "
          f"-> {ours['examples_per_s'] / plain['examples_per_s']:.2f}x")


if __name__ == "__main__":
    main()
