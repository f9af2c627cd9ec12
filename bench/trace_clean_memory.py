"""Where the peak memory of `clean_file(..., num_proc=2)` comes from: per stage, the largest summed RSS of the process
tree, with its parts: the parent's anonymous memory (RssAnon) and RSS, the children (datasets' two pool workers, the
pool's Manager process, or a `core.run_in_child` child) summed RSS / RssAnon / PSS. A forked child counts every page
of the parent it still shares in its RSS, so the parent's anonymous memory at each fork shows up once per child.

Stages are named after the `Dataset.map`/`filter` call running (its `desc`, e.g. the fused ops), plus `load` and
`plan` (the keyed dedup plans). Input: the bench's records (`bench_clean_scale.make_input`), cached in --work.

Seconds per stage (column s) are the wall time from its start to the next stage's (a stage seen twice adds up;
writing the output and writing the ledger are stages of their own).

Usage: nice -n 10 .venv/bin/python bench/trace_clean_memory.py 200000 [--unfused] [--work /tmp/s5] [--trim] [--maps]
(--trim: gc + malloc_trim before each multi-process map, to see what the allocator keeps; --maps: at each stage's
peak, also the children's largest file-backed mappings by resident size, from /proc/PID/smaps).
"""
import argparse, ctypes, gc, os, shutil, sys, tempfile, threading, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for l in f:
            if l.startswith(key + ":"): return int(l.split()[1]) // 1024
    return 0


def _pss(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for l in f:
            if l.startswith("Pss:"): return int(l.split()[1]) // 1024
    return 0


def _file_maps(procs, top=8):
    "The largest file-backed mappings of `procs` by resident KiB, summed over them: [(file name, KiB)]."
    rss = {}
    for pr in procs:
        try:
            with open(f"/proc/{pr.pid}/smaps") as f:
                name = None
                for l in f:
                    parts = l.split()
                    if "-" in parts[0] and len(parts) >= 5 and not parts[0].endswith(":"):
                        name = " ".join(parts[5:]) if len(parts) > 5 and parts[5].startswith("/") else None
                    elif name and parts[0] == "Rss:":
                        rss[name] = rss.get(name, 0) + int(parts[1])
        except OSError: pass
    return sorted(((Path(n.split(" (")[0]).name + (" (deleted)" if "(deleted)" in n else ""), kb) for n, kb in rss.items()),
                  key=lambda x: -x[1])[:top]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int); ap.add_argument("--unfused", action="store_true"); ap.add_argument("--trim", action="store_true")
    ap.add_argument("--maps", action="store_true")
    ap.add_argument("--work", default=tempfile.gettempdir()); ap.add_argument("--num-proc", type=int, default=2)
    a = ap.parse_args()
    import psutil, datasets
    from bench_clean_scale import make_input
    src = Path(a.work) / f"trace_in{a.n}.jsonl"
    if not src.exists(): make_input(src, a.n)
    d = tempfile.mkdtemp(dir=a.work); os.environ["TMPDIR"] = d; tempfile.tempdir = None
    datasets.disable_progress_bars()
    stage, peaks, order, spent, since = ["start"], {}, ["start"], {}, [time.perf_counter()]
    def mark(s):   # a new stage starts: the seconds since the last mark go to the stage that was running
        now = time.perf_counter(); spent[stage[0]] = spent.get(stage[0], 0) + now - since[0]; since[0] = now
        stage[0] = s
        if s not in order: order.append(s)
    me = psutil.Process()
    orig_map, orig_filter = datasets.Dataset.map, datasets.Dataset.filter
    def traced_map(self, *args, **kw):
        if a.trim and (kw.get("num_proc") or 1) > 1: gc.collect(); ctypes.CDLL("libc.so.6").malloc_trim(0)
        mark(f"map {str(kw.get('desc') or '')[:40]} np={kw.get('num_proc')}"); return orig_map(self, *args, **kw)
    def traced_filter(self, *args, **kw): mark(f"filter np={kw.get('num_proc')}"); return orig_filter(self, *args, **kw)
    datasets.Dataset.map, datasets.Dataset.filter = traced_map, traced_filter
    import sft_kit.collect as collect, sft_kit.core as core, sft_kit.recipes as recipes
    for mod, name, label in ((collect, "load_input", "load"), (collect, "load_in_child", "load"), (core, "apply_keyed", "plan"),
                             (recipes, "write_dataset", "write output"), (recipes, "write_jsonl_atomic", "write ledger")):
        f = getattr(mod, name)
        def wrapped(*args, _f=f, _label=label, **kw):
            mark(_label); return _f(*args, **kw)
        setattr(mod, name, wrapped)
    stop = threading.Event()
    def sample():
        while not stop.is_set():
            try:
                kids = me.children(recursive=True)
                pa, pr, pp = _status(me.pid, "RssAnon"), me.memory_info().rss >> 20, _pss(me.pid)
                kr = ka = kp = 0
                for c in kids:
                    try: kr += c.memory_info().rss >> 20; ka += _status(c.pid, "RssAnon"); kp += _pss(c.pid)
                    except (psutil.Error, OSError): pass
                p = peaks.setdefault(stage[0], {})
                if pr + kr > p.get("rss", 0):
                    p.update(rss=pr + kr, pss=pp + kp, p_anon=pa, p_rss=pr, kids=len(kids), k_rss=kr, k_anon=ka, k_pss=kp)
                    if a.maps: p["maps"] = _file_maps(kids)
            except (psutil.Error, OSError): pass
            time.sleep(0.1)
    th = threading.Thread(target=sample, daemon=True); th.start()
    from sft_kit.recipes import clean_file
    t = time.perf_counter()
    clean_file(src, f"{d}/out.jsonl", num_proc=a.num_proc, progress=False, fuse=not a.unfused)
    stop.set(); th.join(); mark("end")
    print(f"{a.n:,} records, {'unfused' if a.unfused else 'fused'}, num_proc {a.num_proc}: {time.perf_counter() - t:.0f} s; MiB per stage at its peak of summed RSS")
    print(f"{'stage':<50}{'s':>6}{'RSS':>7}{'PSS':>7}{'parent anon':>12}{'parent RSS':>11}{'kids':>5}{'kids RSS':>9}{'kids anon':>10}{'kids PSS':>9}")
    for s in order:
        if (p := peaks.get(s)): print(f"{s:<50}{spent.get(s, 0):>6.1f}{p['rss']:>7}{p['pss']:>7}{p['p_anon']:>12}{p['p_rss']:>11}{p['kids']:>5}{p['k_rss']:>9}{p['k_anon']:>10}{p['k_pss']:>9}")
    if a.maps:
        for s in order:
            if (p := peaks.get(s)) and p.get("maps"):
                print(f"{s}: children's file-backed resident MiB by mapping: " + ", ".join(f"{m} {kb >> 10}" for m, kb in p["maps"]))
    shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
