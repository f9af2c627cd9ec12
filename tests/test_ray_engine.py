"""`--engine ray` writes the same kept records and the same ledger as `--engine local`, on data with planted exact and
near duplicates, contamination, label conflicts and bad lines: on a local Ray (2 CPUs, small object store) and on a
head plus one worker started with `ray start` (a two-node stand-in). Each test stops every process it started."""
import json, os, random, shutil, subprocess, sys, tempfile, time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "RAY_DEDUP_LOGS": "0", "RAY_USAGE_STATS_ENABLED": "0",
       "RAY_AUTH_MODE": "disabled"}   # private 127.0.0.1 clusters; a token left in ~/.ray by another run must not apply

RECIPE = """
name: ray-equality
schema: classification
ops:
  - validate
  - normalize_whitespace
  - empty_fields
  - decontaminate: {eval_sets: {sst2_small: EVAL}, n: 8}
  - label_conflicts: {near: null}
  - exact_dedup: {normalize: default, keep: first}
  - near_dedup: {threshold: 0.8, num_perm: 128, ngram: 3, keep: longest}
"""


def _eval_rows(k=40):
    """A small evaluation set (the first `k` SST-2 test sentences of 10+ words; `_planted` copies 15 of them into the
    training data): both tiers of decontamination run, but the semantic tier embeds 40 items, not all 872."""
    from sft_kit.bundled import load_bundled
    t = load_bundled("sst2_test")
    rows = [{"id": f"e{i}", "text": x, "label": y} for i, (x, y) in enumerate(zip(t["text"], t["label"])) if len(x.split()) >= 10]
    return rows[:k]


def _recipe():
    return RECIPE.replace("EVAL", json.dumps(_eval_rows()))     # JSON is YAML: the eval set inline in the recipe


def _planted(n=500, seed=0):
    "SST-2 sentences plus planted exact copies, one-word edits, copies with a flipped label, eval sentences, bad lines."
    from sft_kit.bundled import load_bundled
    rng = random.Random(seed)
    base = load_bundled("sst2_train").select(range(n))
    rows = [{"text": r["text"], "label": r["label"]} for r in base]
    long = [r for r in rows if len(r["text"].split()) >= 14]
    extra = [dict(r) for r in rng.sample(rows, 80)]                                        # exact duplicates
    extra += [{**r, "text": "  " + r["text"].upper() + " "} for r in rng.sample(rows, 20)]  # exact after normalisation
    for r in rng.sample(long, 80):                                                          # near duplicates
        w = r["text"].split(); w[rng.randrange(len(w))] = rng.choice(["movie", "film", "truly", "zzz"])
        extra.append({**r, "text": " ".join(w)})
    labels = sorted({r["label"] for r in rows})
    extra += [{**r, "label": next(l for l in labels if l != r["label"])} for r in rng.sample(rows, 15)]   # conflicts
    evals = [t for t in load_bundled("sst2_test")["text"] if len(t.split()) >= 10][:15]
    extra += [{"text": t, "label": labels[0]} for t in evals]                                              # contamination
    allr = rows + extra
    rng.shuffle(allr)
    lines = [json.dumps(r) for r in allr]
    lines.insert(37, "{not json")
    lines.insert(500, json.dumps({"text": "no label here"}))
    lines.insert(600, "")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("ray")
    src = d / "train.jsonl"
    src.write_text(_planted(), encoding="utf-8")
    (d / "recipe.yaml").write_text(_recipe())
    from sft_kit.recipes import clean_file
    local = clean_file(src, d / "local.jsonl", d / "recipe.yaml", progress=False, seed=3)
    kept = [json.loads(l) for l in (d / "local.jsonl").read_text(encoding="utf-8").splitlines() if l]
    ledger = [json.loads(l) for l in Path(local["rejects"]).read_text(encoding="utf-8").splitlines() if l]
    by_op = {}
    for s in local["stats"]: by_op[s["op"]] = s
    # the planted cases are really there, so equality below is not vacuous
    assert by_op["load"]["dropped"] == 2
    assert by_op["exact_dedup"]["dropped"] >= 100 and by_op["near_dedup"]["dropped"] >= 15
    assert by_op["decontaminate"]["dropped"] >= 10 and by_op["label_conflicts"]["changed"] >= 20
    return d, src, local, kept, ledger


def _canon(records):
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)


def _check_same(corpus, out_records, out_ledger):
    d, src, local, kept, ledger = corpus
    assert len(out_records) == len(kept)
    assert _canon(out_records) == _canon(kept)
    assert _canon(out_ledger) == _canon(ledger)


def _short_tmp():
    return Path(tempfile.mkdtemp(prefix="r", dir="/tmp"))     # Ray's socket paths must stay short


def _kill_started(temp_dir):
    "Stop every process whose command line names our Ray temp dir (and their children); nothing else."
    import psutil
    procs = []
    for p in psutil.process_iter(["cmdline"]):
        try:
            if any(str(temp_dir) in a for a in (p.info["cmdline"] or [])): procs.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied): pass
    allp = {q.pid: q for p in procs for q in [p, *p.children(recursive=True)] if q.is_running()}
    for q in allp.values():
        try: q.terminate()
        except psutil.NoSuchProcess: pass
    _, alive = psutil.wait_procs(list(allp.values()), timeout=15)
    for q in alive:
        try: q.kill()
        except psutil.NoSuchProcess: pass
    return allp


@pytest.mark.timeout(600)
def test_ray_local_same_as_local_engine(corpus, monkeypatch):
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    import ray
    from sft_kit.ray_scale import init_ray, clean_on_ray, read_shards
    d, src = corpus[0], corpus[1]
    tmp = _short_tmp()
    try:
        init_ray(num_cpus=2, object_store_mb=256, temp_dir=str(tmp))
        out = clean_on_ray(src, d / "ray_out", d / "recipe.yaml", seed=3, chunk_mb=0.02, batch_size=300)   # 3-4 read tasks, 3 batches
        assert len(list((d / "ray_out").glob("part-*.jsonl"))) >= 2
        _check_same(corpus, read_shards(d / "ray_out"), read_shards(out["rejects"]))
        assert out["stats"] == corpus[2]["stats"]
        with pytest.raises(Exception, match="never overwrites"):      # an existing output folder is left alone
            clean_on_ray(src, d / "ray_out", d / "recipe.yaml", seed=3)
    finally:
        ray.shutdown()
        _kill_started(tmp)
        shutil.rmtree(tmp, ignore_errors=True)


def _ray_cli(*args, timeout=240):
    p = subprocess.run([str(BIN / "ray"), *args], capture_output=True, text=True, env=ENV, timeout=timeout)
    assert p.returncode == 0, (p.stdout + p.stderr)[-3000:]


@pytest.mark.timeout(900)
def test_ray_head_and_worker_cli(corpus):
    "`ray start --head` + `ray start --address` (a second node process), then `sft-kit clean --engine ray --ray-address`."
    import socket
    d, src = corpus[0], corpus[1]
    tmp = _short_tmp()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    addr = f"127.0.0.1:{port}"
    common = ["--num-cpus=1", "--object-store-memory=200000000", f"--temp-dir={tmp}", "--disable-usage-stats"]
    try:
        _ray_cli("start", "--head", f"--port={port}", "--node-ip-address=127.0.0.1", "--include-dashboard=false", *common)
        _ray_cli("start", f"--address={addr}", "--node-ip-address=127.0.0.1", *common)
        check = subprocess.run([sys.executable, "-c", f"import ray; ray.init(address='{addr}', log_to_driver=False); "
                                "import time; time.sleep(2); print(len([n for n in ray.nodes() if n['Alive']]))"],
                               capture_output=True, text=True, env=ENV, timeout=120)
        assert check.stdout.strip().splitlines()[-1] == "2", check.stderr[-2000:]
        out, rej = d / "cluster_out.parquet", d / "cluster_rejects"
        p = subprocess.run([str(BIN / "sft-kit"), "clean", str(src), str(out), "--engine", "ray", "--ray-address", addr,
                            "--recipe", str(d / "recipe.yaml"), "--rejects", str(rej), "--seed", "3", "--batch-size", "300"],
                           capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]
        assert "near_dedup" in p.stdout and "total:" in p.stdout
        import pyarrow.parquet as pq
        from sft_kit.ray_scale import read_shards
        records = [r for f in sorted(out.glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]
        _check_same(corpus, records, read_shards(rej))
        from sft_kit.recipes import format_summary
        assert format_summary(corpus[2]["stats"]) in p.stdout         # the same per-op counts
    finally:
        started = _kill_started(tmp)
        shutil.rmtree(tmp, ignore_errors=True)
    assert started, "the test found none of the Ray processes it started"
