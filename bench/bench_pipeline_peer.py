"""The kit's default cleaning recipe against datatrove (Hugging Face's data-processing pipeline), on the same records.

Records: short classification records (text, label) from `bench_clean_scale.make_input` (2-3 real sentences from
the SMS Spam Collection + Tatoeba English, 5% exact duplicates with case/space variants, 2% one-word-edited near
duplicates, 1% messy text, 0.5% blank).

sft_kit: `clean_file(IN, OUT)` with the default classification recipe (validate, fix_mojibake, html_to_text,
unicode_normalize NFC, strip_control, normalize_whitespace, empty_fields, length_chars, exact_dedup with
case/whitespace normalisation, near_dedup threshold 0.8 / 128 perms / word 3-grams), one process, ledger written.

datatrove (pinned 0.10.1), the closest equivalent ops, used the way its own examples do (one LocalPipelineExecutor
per stage, files between stages, workers=1):
  1. JsonlReader -> FTFYFormatter (mojibake/unicode/control repair) -> LambdaFilter (blank text) -> LambdaFilter
     (length <= 50,000) -> JsonlWriter
  2-4. exact dedup: ExactDedupSignature (content: case-folded, whitespace-collapsed text, as the kit's key) ->
     ExactFindDedups -> JsonlReader -> ExactDedupFilter -> JsonlWriter
  5-8. MinHash dedup with word 3-grams and the kit's bands for threshold 0.8 / 128 perms:
     (HashConfig(hash_fc="sha1"): its xxhash helper hands str to the pinned xxhash, which refuses it)
     MinhashDedupSignature -> MinhashDedupBuckets -> MinhashDedupCluster -> JsonlReader -> MinhashDedupFilter -> JsonlWriter
It has no ledger of what each step changed, no id validation and no HTML-to-text step: it does less work.

Usage: .venv/bin/python bench/bench_pipeline_peer.py [--records 20000]
Prints records/s (wall and CPU, both in this run) and kept records for each, and the ratio kit/datatrove.
"""
import argparse, json, os, resource, shutil, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_clean_scale import make_input


def cpu_seconds():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def run_kit(inp, work):
    from sft_kit.recipes import clean_file
    out = work / "kit" / "out.jsonl"; out.parent.mkdir()
    res = clean_file(inp, out, progress=False)
    return res["kept"]


def run_datatrove(inp, work, n_grams=3, threshold=0.8, num_perm=128):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.filters import LambdaFilter
    from datatrove.pipeline.dedup import (ExactDedupConfig, ExactDedupFilter, ExactDedupSignature, ExactFindDedups,
                                          MinhashDedupSignature, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter)
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.utils.hashing import HashConfig
    from sft_kit.dedup import lsh_params
    d = work / "dt"
    src = d / "in"; src.mkdir(parents=True); shutil.copy(inp, src / "part.jsonl")
    b, r = lsh_params(threshold, num_perm, 0.2, 0.8)        # the kit's bands for its near_dedup defaults
    # sha1: datatrove's default xxhash helper hands str to the pinned xxhash, which refuses it
    mcfg = MinhashConfig(n_grams=n_grams, num_buckets=b, hashes_per_bucket=r, hash_config=HashConfig(hash_fc="sha1"))
    ecfg = ExactDedupConfig(content_getter=lambda doc: " ".join(doc.text.casefold().split()).encode("utf-8"))
    reader = lambda p: JsonlReader(str(p), compression=None, glob_pattern="*.jsonl")
    writer = lambda p: JsonlWriter(str(p), output_filename="${rank}.jsonl", compression=None)
    def run(pipeline, name, tasks=1):
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1, logging_dir=str(d / "logs" / name)).run()
    run([reader(src), FTFYFormatter(), LambdaFilter(lambda doc: bool(doc.text.strip())),
         LambdaFilter(lambda doc: len(doc.text) <= 50_000), writer(d / "s1")], "s1")
    run([reader(d / "s1"), ExactDedupSignature(str(d / "esig"), ecfg)], "e1")
    run([ExactFindDedups(str(d / "esig"), str(d / "edup"), ecfg)], "e2")
    run([reader(d / "s1"), ExactDedupFilter(str(d / "edup"), ecfg), writer(d / "s2")], "e3")
    run([reader(d / "s2"), MinhashDedupSignature(str(d / "msig"), config=mcfg)], "m1")
    run([MinhashDedupBuckets(str(d / "msig"), str(d / "mbuck"), config=mcfg)], "m2", tasks=mcfg.num_buckets)
    run([MinhashDedupCluster(str(d / "mbuck"), str(d / "mrem"), config=mcfg)], "m3")
    run([reader(d / "s2"), MinhashDedupFilter(str(d / "mrem")), writer(d / "out")], "m4")
    return sum(1 for f in (d / "out").glob("*.jsonl") for _ in open(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20000)
    a = ap.parse_args()
    import logging; logging.disable(logging.WARNING)
    try:
        from loguru import logger; logger.remove()      # datatrove logs every step to stderr
    except ImportError: pass
    from datasets import disable_progress_bars; disable_progress_bars()
    with tempfile.TemporaryDirectory(prefix="peer_bench_") as tmp:
        work = Path(tmp); inp = work / "records.jsonl"
        make_input(inp, a.records)
        rows = []
        for name, fn in (("datatrove", run_datatrove), ("sft_kit", run_kit)):
            t0, c0 = time.perf_counter(), cpu_seconds()
            kept = fn(inp, work)
            rows.append((name, time.perf_counter() - t0, cpu_seconds() - c0, kept))
    n = a.records
    print(f"{n:,} short classification records (5% exact, 2% near duplicates planted); one process each")
    print(f"{'pipeline':<12}{'records/s (wall)':>18}{'records/s (CPU)':>17}{'kept':>9}")
    for name, w, c, kept in rows: print(f"{name:<12}{n / w:>18,.0f}{n / c:>17,.0f}{kept:>9,}")
    (_, dw, dc, _), (_, kw, kc, _) = rows
    print(f"ratio sft_kit/datatrove records/s: wall {dw / kw:.2f}x, CPU {dc / kc:.2f}x")


if __name__ == "__main__":
    main()
