"""The cost of `core.drop_mapped_pages` (madvise(MADV_DONTNEED) on the read-only maps of Arrow files), which every
worker of a fused pass calls once per 16 batches: the time of one call, and reading a memory-mapped dataset of N short
records in batches of 1,000 without it and with it every 16 batches (the dropped pages fault back in from the page
cache: that cost is included), side by side in one run.

Usage: .venv/bin/python bench/bench_drop_pages.py [N]   (default 1,000,000)
Measured last (s7, 2-core machine, CI running beside it): 2.3 ms per call with 825 maps; 1M records read in 0.08 s
without, 0.31 s with it (+234 ns per record). The script it came from, lightly loaded: 6.4 ms, 0.30 s -> 0.50 s.
"""
import shutil, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    import datasets
    from datasets import Dataset, load_from_disk
    from sft_kit.core import drop_mapped_pages
    datasets.disable_progress_bars()
    d = tempfile.mkdtemp()
    try:
        Dataset.from_dict({"text": [f"some text of a record {i}" for i in range(n)]}).save_to_disk(f"{d}/ds")
        ds = load_from_disk(f"{d}/ds")
        for lo in range(0, n, 10_000): ds[lo:lo + 10_000]["text"]                 # pages mapped, as in a pass
        n_maps = len(open("/proc/self/maps").read().splitlines())
        t, calls = time.perf_counter(), 200
        for _ in range(calls): drop_mapped_pages()
        per_call = (time.perf_counter() - t) / calls
        t = time.perf_counter()
        for lo in range(0, n, 1000): ds[lo:lo + 1000]["text"]
        without = time.perf_counter() - t
        drop_mapped_pages()
        t = time.perf_counter()
        for k, lo in enumerate(range(0, n, 1000)):
            ds[lo:lo + 1000]["text"]
            if k % 16 == 15: drop_mapped_pages()
        with_drops = time.perf_counter() - t
        print(f"drop_mapped_pages: {per_call * 1e3:.2f} ms per call ({n_maps} maps in this process)")
        print(f"reading {n:,} records in batches of 1,000: {without:.2f} s without, {with_drops:.2f} s with a drop every 16 batches "
              f"(+{(with_drops - without) / n * 1e9:.0f} ns per record)")
    finally: shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
