"""Verified code augmentation on the bundled MBPP: throughput and per-transform behaviour preservation.

    python bench/bench_code_augment.py [--limit N] [--workers 2] [--table-limit N]

Prints (1) augmented-and-verified programs per second of `sft_kit.code_augment.AugmentCode` (one copy per
record, up to 2 composed transforms, every copy run against its tests in the sandbox, the original run first),
and (2) per transform applied alone: how many problems it applies to, how many copies pass the tests
(`preserved` = verified / applicable, `coverage` = verified / problems whose reference passes).
"""
import argparse, os, sys, time

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="records for the throughput run (default 300)")
    ap.add_argument("--table-limit", type=int, default=None, help="records for the per-transform table (default: all 974)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import datasets
    datasets.disable_progress_bars()
    from sft_kit.bundled import load_bundled
    from sft_kit.core import Pipeline
    from sft_kit.code_augment import AugmentCode, transform_report

    mbpp = load_bundled("mbpp")
    print(f"sft_kit code augmentation bench: MBPP ({len(mbpp)} problems), {args.workers} sandbox workers, "
          f"{os.cpu_count()} CPUs visible")

    ds = mbpp.select(range(min(args.limit, len(mbpp))))
    t0 = time.perf_counter()
    res = Pipeline([AugmentCode(max_ops=2, workers=args.workers)], seed=args.seed, batch_size=100).run(ds, progress=False)
    dt = time.perf_counter() - t0
    s = res.stats[0]
    rejected = sum(1 for r in res.ledger["reason"] if " rejected: " in r) if len(res.ledger) else 0
    runs = s["in"] + s["added"] + rejected
    print(f"\nthroughput ({len(ds)} records, 1 copy each, <=2 transforms): {s['added']} verified copies in {dt:.1f} s "
          f"= {s['added'] / dt:.1f} augmented-and-verified programs/s ({runs / dt:.1f} sandbox runs/s incl. originals); "
          f"{rejected} copies rejected")

    recs = list(mbpp if args.table_limit is None else mbpp.select(range(min(args.table_limit, len(mbpp)))))
    t0 = time.perf_counter()
    rep = transform_report(recs, seed=args.seed, workers=args.workers)
    dt = time.perf_counter() - t0
    n_runs = int(rep["applicable"].sum()) + len(recs)
    print(f"\nper-transform table ({len(recs)} problems, {rep['records'].iloc[0]} whose reference passes; "
          f"{n_runs} sandbox runs in {dt:.0f} s = {n_runs / dt:.1f} runs/s)\n")
    print("| transform | family | applicable | verified | preserved | coverage |")
    print("|---|---|---:|---:|---:|---:|")
    for name, r in rep.iterrows():
        pres = "–" if r["applicable"] == 0 else f"{r['preserved']:.1%}"
        print(f"| `{name}` | {r['family']} | {r['applicable']} | {r['verified']} | {pres} | {r['coverage']:.1%} |")
    tot_a, tot_v = int(rep["applicable"].sum()), int(rep["verified"].sum())
    print(f"| all | | {tot_a} | {tot_v} | {tot_v / max(tot_a, 1):.1%} | |")
    fails = rep.attrs.get("failures", [])
    if fails:
        print(f"\nrejected copies ({len(fails)}):")
        for name, sid, why in fails[:30]: print(f"  {name:22s} {sid}: {why[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
