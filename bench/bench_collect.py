"""Loading a large JSONL file: records/s and peak memory of sft_kit.collect.load against two baselines,
measured in the same run, each in a fresh subprocess:

- pandas.read_json(lines=True)  (the whole file as Python objects, then a DataFrame)
- datasets.Dataset.from_json    (Arrow's JSON reader; no per-record validation or quarantine)

sft_kit's loader validates every record, quarantines bad lines with file/line/field, and streams into Arrow, so
its peak memory should stay flat as the file grows while pandas' grows with the file.
Usage: python bench/bench_collect.py [N_RECORDS ...]   (default 200000 1000000)
"""
import json, os, random, subprocess, sys, tempfile, time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if kind == "sft_kit":
    from sft_kit.collect import load
    n = len(load(path).dataset)
elif kind == "pandas":
    import pandas as pd
    n = len(pd.read_json(path, lines=True))
else:
    from datasets import Dataset
    import tempfile
    n = len(Dataset.from_json(path, cache_dir=tempfile.mkdtemp()))
dt = time.perf_counter() - t
print(json.dumps({"n": n, "seconds": dt, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_file(path: Path, n: int) -> None:
    words = "the a free call now win prize you me love ok see tomorrow later text reply stop".split()
    rng = random.Random(0)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"text": " ".join(rng.choice(words) for _ in range(rng.randint(3, 30))),
                                "label": rng.choice(["ham", "spam"])}) + "\n")


def run(kind: str, path: Path) -> dict:
    env = {**os.environ, "HF_DATASETS_DISABLE_PROGRESS_BARS": "1", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(path)], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes):
    print(f"{'records':>9} {'loader':<22} {'records/s':>10} {'peak RSS MB':>12}")
    results = {}
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            path = Path(d) / f"data_{n}.jsonl"
            make_file(path, n)
            for kind in ("sft_kit", "datasets.from_json", "pandas"):
                r = run(kind, path)
                assert r["n"] == n, r
                results[(n, kind)] = r
                print(f"{n:>9,} {kind:<22} {n / r['seconds']:>10,.0f} {r['peak_rss_mb']:>12,.0f}")
            path.unlink()
    lo, hi = min(sizes), max(sizes)
    for kind in ("sft_kit", "datasets.from_json", "pandas"):
        growth = results[(hi, kind)]["peak_rss_mb"] / results[(lo, kind)]["peak_rss_mb"]
        print(f"peak memory {hi:,} vs {lo:,} records, {kind}: x{growth:.2f} (input grew x{hi / lo:.0f})")
    print(f"sft_kit peak memory vs pandas at {hi:,} records: x{results[(hi, 'sft_kit')]['peak_rss_mb'] / results[(hi, 'pandas')]['peak_rss_mb']:.2f}")
    print(f"sft_kit speed vs pandas at {hi:,} records: x{results[(hi, 'pandas')]['seconds'] / results[(hi, 'sft_kit')]['seconds']:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200_000, 1_000_000])
