"""Writing the kept records as JSON lines: `datasets.Dataset.to_json(lines=True, force_ascii=False)` (the peer, its
default batch size; its `num_proc` option was slower here, see below) against the kit's `core.write_dataset`, on the
same filtered dataset (an indices mapping, as every recipe output has), in one run; checks the bytes are identical.

Records: N synthetic classification records (id, 25-word text with non-ASCII and quotes, label, dup_cluster), every
13th dropped by a filter. Usage: .venv/bin/python bench/bench_write_jsonl.py [N] [--num-proc 2]
(--num-proc: also time `to_json(num_proc=...)`.)

Measured last (s7, 2-core machine otherwise idle, N = 1,000,000): 923,076 records: to_json 16.4 s, write_dataset
10.6 s (1.55x), same bytes; to_json(num_proc=2) 28.4 s (not profiled; its code sends the writer, with the dataset,
to the pool with every batch). At N = 300,000 (CI running beside it): 4.6 s vs 1.8 s, 2.51x.
"""
import argparse, shutil, sys, tempfile, time
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=300_000); ap.add_argument("--num-proc", type=int, default=None)
    a = ap.parse_args()
    import datasets
    from datasets import Dataset, load_from_disk
    from sft_kit.core import write_dataset
    datasets.disable_progress_bars()
    d = tempfile.mkdtemp()
    try:
        rng = np.random.default_rng(0)
        words = ["alpha", "beta", "gamma", "delta", "quantum", "zebra", "été", "中文", "it's", '"q"']
        Dataset.from_dict({"id": [f"r{i:07d}" for i in range(a.n)], "text": [" ".join(rng.choice(words, 25)) for _ in range(a.n)],
                           "label": rng.choice(["spam", "ham"], a.n).tolist(), "dup_cluster": [f"r{i:07d}" for i in range(a.n)]}
                          ).save_to_disk(f"{d}/ds")
        ds = load_from_disk(f"{d}/ds").filter(lambda ids: [int(i[1:]) % 13 != 0 for i in ids], batched=True, input_columns="id")
        t = time.perf_counter(); ds.to_json(f"{d}/peer.jsonl", lines=True, force_ascii=False); peer = time.perf_counter() - t
        t = time.perf_counter(); write_dataset(ds, f"{d}/kit.jsonl"); kit = time.perf_counter() - t
        same = Path(f"{d}/peer.jsonl").read_bytes() == Path(f"{d}/kit.jsonl").read_bytes()
        print(f"{len(ds):,} records: datasets to_json {peer:.1f} s, sft_kit write_dataset {kit:.1f} s: {peer / kit:.2f}x; same bytes: {same}")
        if a.num_proc:
            t = time.perf_counter(); ds.to_json(f"{d}/peer2.jsonl", lines=True, force_ascii=False, num_proc=a.num_proc)
            print(f"datasets to_json(num_proc={a.num_proc}) {time.perf_counter() - t:.1f} s")
        if not same: raise SystemExit("the two files differ")
    finally: shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
