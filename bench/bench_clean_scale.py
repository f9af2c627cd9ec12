"""The default cleaning recipe at scale: `sft-kit clean --num-proc 2` over 100k and 1M short records.

Records are classification records (text, label) made of 2-3 real sentences (SMS Spam Collection + Tatoeba
English), with 5% exact duplicates (case/whitespace variants of earlier records), 2% near duplicates (one
word edited), 1% messy text (HTML entities, zero-width spaces, mojibake, double spaces) and 0.5% blank
texts. Each size runs `sft-kit clean INPUT OUTPUT --num-proc 2 --quiet` in a fresh subprocess (so its
memory is its own); a sampler thread sums the resident memory of the process and all its children every
0.1 s: RSS, its anonymous part RssAnon (without memory-mapped Arrow files), and PSS (proportional set size,
which counts a page shared by forked workers once in total instead of once per process).

With --ab: per size, the same input file cleaned fused (the default: consecutive per-batch ops in one pass) and
unfused (`--unfused`: one pass per op), side by side in this run; prints the fused/unfused records/s ratio and
checks that both wrote identical kept records and ledgers.

With --baseline DIR (and --ab): also the unfused recipe of the checkout DIR (its `sft_kit` first on PYTHONPATH, same
venv), e.g. `git worktree add /tmp/base main`: the "today's unfused recipe" when the ops themselves got faster.

Usage: .venv/bin/python bench/bench_clean_scale.py [--sizes 100000,1000000] [--num-proc 2] [--ab [--baseline DIR]]
Prints records/s and peak memory per size, and the ratio of peak memory between the largest and smallest size.
With --per-op: one process (num_proc 1) per size, printing anonymous and peak RSS after loading and after each op.
Per stage and per process (parent vs forked workers) with num_proc 2: bench/trace_clean_memory.py.

Measured last (s7, the 2-core machine otherwise idle, see nbs/08_ray_scale.ipynb): --sizes 100000,1000000 --ab:
fused peak RSS 525 -> 785 MiB (x1.50; anonymous x1.41, PSS 201 -> 471 MiB); fused/unfused 1.78x at 100k, 2.32x at 1M
(fused 110 s, unfused 256 s). The s6 code: 542 -> 898 MiB (x1.66), 1.81x at 1M.
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_input(path, n, seed=0):
    from sft_kit.bundled import load_bundled
    pool = list(load_bundled("sms_spam")["text"]) + list(dict.fromkeys(load_bundled("tatoeba_en_zh")["source"]))
    rng = random.Random(seed)
    texts = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            u = rng.random()
            recent = texts[rng.randrange(max(0, len(texts) - 5000), len(texts))] if texts else ""
            if u < 0.05 and recent.strip():
                t = ("  " + recent.upper()) if rng.random() < 0.5 else recent.replace(" ", "  ", 1)
            elif u < 0.07 and recent.strip():
                w = recent.split(); w[rng.randrange(len(w))] = rng.choice(("banana", "zebra", "quantum"))
                t = " ".join(w)
            else:
                t = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 3)))
                v = rng.random()
                if v < 0.0025: t = "<p>" + t.replace("&", "&amp;") + "</p>"
                elif v < 0.005: t = t.replace(" ", "\u200b ", 1)
                elif v < 0.0075: t = t.replace("'", "\u00e2\u20ac\u2122")
                elif v < 0.01: t = t.replace(" ", "   ", 2)
                elif v < 0.015: t = "   "
            texts.append(t)
            if len(texts) > 10000: del texts[:5000]
            f.write(json.dumps({"id": f"r{i:07d}", "text": t, "label": "spam" if rng.random() < 0.13 else "ham"}) + "\n")


def _tree_mem(proc):
    "(RSS, RssAnon, PSS) summed over `proc` and its children; PSS splits pages shared by forked workers fairly."
    import psutil
    rss = anon = pss = 0
    try: procs = [proc] + proc.children(recursive=True)
    except (psutil.NoSuchProcess, psutil.AccessDenied): return rss, anon, pss   # the run just ended
    for p in procs:
        try:
            rss += p.memory_info().rss
            with open(f"/proc/{p.pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"): anon += int(line.split()[1]) * 1024; break
            with open(f"/proc/{p.pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"): pss += int(line.split()[1]) * 1024; break
        except (psutil.NoSuchProcess, psutil.AccessDenied, FileNotFoundError, ProcessLookupError, PermissionError): pass
    return rss, anon, pss


def run_size(n, num_proc, work, extra=(), src=None, keep=False, code=None):
    "One `sft-kit clean` run in a fresh process; `code`: a checkout whose `sft_kit` to run instead (first on PYTHONPATH)."
    import psutil
    d = Path(tempfile.mkdtemp(dir=work))
    out = d / "out.jsonl"
    if src is None:
        src = d / "in.jsonl"; make_input(src, n)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TMPDIR": str(d), "HF_DATASETS_CACHE": str(d / "hf")}
    if code: env["PYTHONPATH"] = str(Path(code).resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [str(ROOT / ".venv/bin/sft-kit"), "clean", str(src), str(out), "--num-proc", str(num_proc), "--quiet", *extra]
    peak = [0, 0, 0]
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    stop = threading.Event()
    def sample():
        while not stop.is_set():
            for k, v in enumerate(_tree_mem(proc)): peak[k] = max(peak[k], v)
            time.sleep(0.1)
    th = threading.Thread(target=sample, daemon=True); th.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set(); th.join()
    if proc.returncode != 0: raise SystemExit(f"size {n}: sft-kit clean failed:\n{stderr[-3000:]}")
    kept = sum(1 for _ in open(out, encoding="utf-8"))
    rejects = sum(1 for _ in open(d / "out.rejects.jsonl", encoding="utf-8"))
    size_mb = src.stat().st_size / 2**20
    digest = _digest(out, d / "out.rejects.jsonl")
    if not keep: shutil.rmtree(d, ignore_errors=True)
    return {"digest": digest, "src": src, "n": n, "wall": wall, "docs_s": n / wall, "peak_rss": peak[0], "peak_anon": peak[1], "peak_pss": peak[2], "kept": kept,
            "ledger": rejects, "input_mb": size_mb, "summary": stdout.strip().splitlines()}


def _digest(*paths):
    "Order-insensitive digest of JSON lines (kept records and ledger), to check that two runs wrote the same."
    import hashlib
    h = 0
    for p in paths:
        for line in open(p, encoding="utf-8"):
            h ^= int.from_bytes(hashlib.blake2b(json.dumps(json.loads(line), sort_keys=True).encode(), digest_size=8).digest(), "big")
    return h


def _line(what, r):
    return (f"{r['n']:>9,} records, {what}: {r['wall']:.0f} s, {r['docs_s']:,.0f} records/s, peak RSS {r['peak_rss'] / 2**20:,.0f} MiB "
            f"(anonymous {r['peak_anon'] / 2**20:,.0f} MiB, PSS {r['peak_pss'] / 2**20:,.0f} MiB)")

def ab(n, num_proc, work, baseline=None):
    """Fused and unfused on the same input file, side by side; with `baseline` (a checkout of an older version, e.g.
    `git worktree add /tmp/base main`) also that version's unfused recipe, the "today's unfused" of the A/B.
    Each run's figures are printed as soon as it ends."""
    fused = run_size(n, num_proc, work, keep=True)
    print(_line("fused", fused), flush=True)
    unfused = run_size(n, num_proc, work, extra=("--unfused",), src=fused["src"])
    print(_line("unfused", unfused), flush=True)
    print(f"{'':>9}  ratio fused/unfused {fused['docs_s'] / unfused['docs_s']:.2f}x", flush=True)
    base = None
    if baseline:
        base = run_size(n, num_proc, work, extra=("--unfused",), src=fused["src"], code=baseline)
        print(_line(f"unfused of {baseline}", base), flush=True)
        print(f"{'':>9}  ratio fused/baseline-unfused {fused['docs_s'] / base['docs_s']:.2f}x", flush=True)
    shutil.rmtree(Path(fused["src"]).parent, ignore_errors=True)
    same = fused["digest"] == unfused["digest"] and (base is None or base["digest"] == fused["digest"])
    print(f"{'':>9}  same kept records and ledger in every run: {same}", flush=True)
    if not same: raise SystemExit("fused and unfused runs differ")
    return fused

def _status_mib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"): return int(line.split()[1]) // 1024
    return 0


def per_op_memory(n, work):
    "One process, num_proc=1: load, then each op of the default recipe; anonymous RSS and peak RSS after each."
    from datasets import disable_progress_bars
    from sft_kit.collect import load
    from sft_kit.recipes import build_ops
    from sft_kit.core import apply_op, op_name
    disable_progress_bars()
    d = Path(tempfile.mkdtemp(dir=work)); src = d / "in.jsonl"
    make_input(src, n)
    os.environ["TMPDIR"] = str(d); tempfile.tempdir = None
    print(f"{n:,} records, one process: after each step, RssAnon / peak RSS (VmHWM) in MiB", flush=True)
    print(f"  start {_status_mib('RssAnon')} / {_status_mib('VmHWM')}", flush=True)
    ds = load(src).dataset
    print(f"  load {_status_mib('RssAnon')} / {_status_mib('VmHWM')}", flush=True)
    for op in build_ops("classification"):
        t = time.perf_counter(); ds, _, _ = apply_op(ds, op)
        print(f"  {op_name(op)} ({time.perf_counter() - t:.0f} s) {_status_mib('RssAnon')} / {_status_mib('VmHWM')}", flush=True)
    shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--num-proc", type=int, default=2)
    ap.add_argument("--work", default=None, help="where the bench makes its scratch folder (default: system temp); only that folder is removed")
    ap.add_argument("--per-op", action="store_true", help="instead: one process, memory after each op, per size")
    ap.add_argument("--ab", action="store_true", help="fused vs unfused on the same records, per size")
    ap.add_argument("--baseline", default=None, help="with --ab: also run the unfused recipe of this checkout (e.g. a worktree of main)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    if a.work: Path(a.work).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sft_bench_", dir=a.work))   # its own folder: only what the bench made is removed
    if a.per_op:
        for n in sizes: per_op_memory(n, work)
        shutil.rmtree(work, ignore_errors=True); return
    res = []
    for n in sizes:
        r = ab(n, a.num_proc, work, a.baseline) if a.ab else run_size(n, a.num_proc, work); res.append(r)
        print(f"{n:>9,} records ({r['input_mb']:.0f} MB JSONL): {r['wall']:.0f} s, {r['docs_s']:,.0f} records/s, "
              f"peak RSS {r['peak_rss'] / 2**20:,.0f} MiB (anonymous {r['peak_anon'] / 2**20:,.0f} MiB, PSS {r['peak_pss'] / 2**20:,.0f} MiB), "
              f"kept {r['kept']:,}, ledger lines {r['ledger']:,}", flush=True)
        print("    " + "\n    ".join(r["summary"][:-2]), flush=True)
    if len(res) > 1:
        lo, hi = res[0], res[-1]
        print(f"ratio {hi['n'] // lo['n']}x records: peak RSS x{hi['peak_rss'] / lo['peak_rss']:.2f}, "
              f"anonymous memory x{hi['peak_anon'] / lo['peak_anon']:.2f}, PSS x{hi['peak_pss'] / max(lo['peak_pss'], 1):.2f}, "
              f"records/s x{hi['docs_s'] / lo['docs_s']:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
