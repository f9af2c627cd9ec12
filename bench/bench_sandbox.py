"""Cost of the OS boundary: the new sandbox (bubblewrap namespaces + seccomp, isolation="os") against the old
process-level isolation (isolation="process": a child process with rlimits and an audit hook), in one run.

    python bench/bench_sandbox.py [--runs 40] [--limit 200] [--aug-limit 100] [--workers 2]

Prints (1) the per-run time of one MBPP program with its tests, sequentially, both levels interleaved so that machine
load hits both alike (median of --runs each); (2) MBPP reference solutions through `run_many` with the worker pool;
(3) MBPP code-augmentation throughput (`AugmentCode`, one copy per record, every program verified in the sandbox);
each with the ratio os / process. The target of issue 10: at most 2x the per-run time with the worker pool.
"""
import argparse, os, statistics, sys, time

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40, help="sequential runs per level for the per-run time (default 40)")
    ap.add_argument("--limit", type=int, default=200, help="MBPP problems for the pool run (default 200)")
    ap.add_argument("--aug-limit", type=int, default=100, help="MBPP records for the augmentation run (default 100)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)

    import datasets
    datasets.disable_progress_bars()
    from sft_kit.bundled import load_bundled
    from sft_kit.core import Pipeline
    from sft_kit.code_augment import AugmentCode
    from sft_kit.sandbox import run_program, run_many, isolation_level, summarize

    levels = {"os": isolation_level("os"), "process": isolation_level("process")}
    mbpp = load_bundled("mbpp")
    print(f"sandbox bench: os = {levels['os']}, process = {levels['process']}; {args.workers} workers; "
          f"{os.cpu_count()} CPUs visible; load average {os.getloadavg()[0]:.1f}")

    rec = mbpp[1]
    per = {"os": [], "process": []}
    for level in ("os", "process"):   # warm-up (first bwrap start, page cache)
        run_program(rec["code"], rec["tests"], rec["test_setup"], isolation=level)
    for _ in range(args.runs):
        for level in ("os", "process"):
            t0 = time.perf_counter()
            v = run_program(rec["code"], rec["tests"], rec["test_setup"], isolation=level)
            per[level].append(time.perf_counter() - t0)
            assert v["passed"], v
    med = {k: statistics.median(v) * 1000 for k, v in per.items()}
    print(f"\n(1) per run, sequential ({rec['id']}, {len(rec['tests'])} tests, median of {args.runs}): "
          f"os {med['os']:.1f} ms, process {med['process']:.1f} ms -> overhead ratio {med['os'] / med['process']:.2f}x")

    jobs = [{"code": r["code"], "tests": r["tests"], "test_setup": r["test_setup"]}
            for r in mbpp.select(range(min(args.limit, len(mbpp))))]
    pool = {}
    for level in ("process", "os"):
        t0 = time.perf_counter()
        vs = run_many(jobs, workers=args.workers, isolation=level)
        dt = time.perf_counter() - t0
        pool[level] = dt / len(jobs)
        s = summarize(vs)
        print(f"(2) pool, {len(jobs)} MBPP references, {args.workers} workers, {level:7}: {len(jobs) / dt:.1f} runs/s "
              f"({pool[level] * 1000:.1f} ms per run), {s['passed']} passed, untrusted verdicts {s['untrusted_verdicts']}")
    print(f"    per-run time with the pool: overhead ratio os / process = {pool['os'] / pool['process']:.2f}x (target <= 2x)")

    ds = mbpp.select(range(min(args.aug_limit, len(mbpp))))
    aug = {}
    for level in ("process", "os"):
        t0 = time.perf_counter()
        res = Pipeline([AugmentCode(max_ops=2, workers=args.workers, isolation=level)], seed=0, batch_size=100).run(ds, progress=False)
        dt = time.perf_counter() - t0
        s = res.stats[0]
        aug[level] = s["added"] / dt
        print(f"(3) MBPP augmentation, {len(ds)} records, {level:7}: {s['added']} verified copies in {dt:.1f} s = "
              f"{aug[level]:.2f} augmented-and-verified programs/s")
    print(f"    augmentation time ratio os / process = {aug['process'] / aug['os']:.2f}x (1.00 = the boundary costs nothing)")


if __name__ == "__main__":
    sys.exit(main())
