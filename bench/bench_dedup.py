"""Near-duplicate detection: sft_kit's vectorised MinHash + banded LSH vs rensa (Rust MinHash, the fastest peer)
and datasketch's MinHash + MinHashLSH.

Same documents, same word 3-gram shingles, same num_perm (128) and threshold (0.7), hence the same bands
(b=14, r=9). Documents are 3-6 real sentences (SMS Spam Collection + Tatoeba English); a fifth of them get a
planted near-duplicate copy with 1-3 word edits (substitute, delete, insert, swap).

Ground truth: a pair is a true near-duplicate when the exact Jaccard similarity of its shingle sets is at
least the threshold. The truth set pools the planted pairs and every pair either method reports (each
checked exactly), so recall is measured against all true pairs either method could see. A pair counts as
found when its two documents end up in the same cluster (connected component of the reported pairs);
precision is over the pairs each method reports (datasketch: raw LSH candidates; sft_kit: verified pairs).

rensa (pinned 0.5.0) runs its bulk path: `RMinHash.from_token_sets` (same shingle sets), `RMinHashLSH.insert_many`
and `query_all` (num_bands 16 by default: bands must divide num_perm), then each candidate pair checked by the
sketches' estimated Jaccard against the threshold, as its `RMinHashDeduplicator` does.

Usage: .venv/bin/python bench/bench_dedup.py [--docs 20000] [--threshold 0.7] [--num-perm 128] [--rensa-bands 16]
Prints docs/s for each, the ratios against rensa and datasketch, and precision/recall (all measured in this run).
"""
import argparse, random, time

import numpy as np


def edit_words(text, rng, vocab):
    "1-3 random word edits: substitute, delete, insert or swap."
    w = text.split()
    for _ in range(rng.randint(1, 3)):
        op, k = rng.choice(("sub", "del", "ins", "swap")), rng.randrange(len(w))
        if op == "sub": w[k] = rng.choice(vocab)
        elif op == "del" and len(w) > 3: del w[k]
        elif op == "ins": w.insert(k, rng.choice(vocab))
        elif op == "swap" and k + 1 < len(w): w[k], w[k + 1] = w[k + 1], w[k]
    return " ".join(w)


def build_corpus(n_docs, seed=0):
    "Documents of 3-6 real sentences, plus an edited copy of a fifth of them; returns (docs, planted pairs)."
    from sft_kit.bundled import load_bundled
    sms = list(load_bundled("sms_spam")["text"])
    tat = list(dict.fromkeys(load_bundled("tatoeba_en_zh")["source"]))
    pool = sms + tat
    rng = random.Random(seed)
    vocab = sorted({w for s in rng.sample(pool, 3000) for w in s.split()})
    docs = [" ".join(rng.choice(pool) for _ in range(rng.randint(3, 6))) for _ in range(n_docs)]
    planted = []
    for i in rng.sample(range(n_docs), n_docs // 5):
        planted.append((i, len(docs)))
        docs.append(edit_words(docs[i], rng, vocab))
    return docs, planted


def shingle_sets(docs, mh, n=3):
    out = []
    for d in docs:
        t = mh.tokens(d)
        if len(t) < n: t = t + [""] * (n - len(t))
        out.append({" ".join(t[i:i + n]) for i in range(len(t) - n + 1)})
    return out


def components(n, pairs):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    g = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    return connected_components(g, directed=False)[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--verify-margin", type=float, default=0.0)
    ap.add_argument("--fn-weight", type=float, default=0.8)
    ap.add_argument("--rensa-bands", type=int, default=16)
    a = ap.parse_args()
    from sft_kit.dedup import MinHasher, near_duplicate_pairs, lsh_params, NearDedup
    from datasketch import MinHash, MinHashLSH

    docs, planted = build_corpus(a.docs)
    n = len(docs)
    mh = MinHasher(a.num_perm, 3)
    print(f"{n:,} documents ({a.docs:,} built from real sentences + {len(planted):,} planted near-duplicates), "
          f"mean {np.mean([len(d.split()) for d in docs]):.0f} words; num_perm={a.num_perm}, threshold={a.threshold}, "
          f"bands (b, r): datasketch {lsh_params(a.threshold, a.num_perm)}, sft_kit {lsh_params(a.threshold, a.num_perm, 1 - a.fn_weight, a.fn_weight)} "
          f"(fn_weight {a.fn_weight}, verify_margin {a.verify_margin})")

    # --- datasketch: shingles -> MinHash.update_batch -> MinHashLSH.insert, then query every document
    t0, c0 = time.perf_counter(), time.process_time()
    sets = shingle_sets(docs, mh)
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    sigs = []
    for i, s in enumerate(sets):
        m = MinHash(num_perm=a.num_perm)
        m.update_batch([x.encode("utf-8") for x in s])
        lsh.insert(i, m); sigs.append(m)
    ds_pairs = {(min(i, j), max(i, j)) for i, m in enumerate(sigs) for j in lsh.query(m) if j != i}
    ds_wall, ds_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert (lsh.b, lsh.r) == lsh_params(a.threshold, a.num_perm)

    # --- rensa: shingles -> RMinHash.from_token_sets -> RMinHashLSH.insert_many / query_all -> verify by sketch
    from rensa import RMinHash, RMinHashLSH
    t0, c0 = time.perf_counter(), time.process_time()
    rsets = shingle_sets(docs, mh)
    rmh = RMinHash.from_token_sets(rsets, a.num_perm, 42)
    rlsh = RMinHashLSH(a.threshold, a.num_perm, a.rensa_bands)
    rlsh.insert_many(rmh)
    rs_pairs = {(min(i, j), max(i, j)) for i, cands in enumerate(rlsh.query_all(rmh)) for j in cands
                if j != i and rmh[i].jaccard(rmh[j]) >= a.threshold}
    rs_wall, rs_cpu = time.perf_counter() - t0, time.process_time() - c0

    # --- sft_kit: vectorised MinHash + banded LSH + verification (same shingles, same bands)
    t0, c0 = time.perf_counter(), time.process_time()
    pairs, est = near_duplicate_pairs(docs, threshold=a.threshold, num_perm=a.num_perm, ngram=3,
                                      verify_margin=a.verify_margin, fn_weight=a.fn_weight)
    my_wall, my_cpu = time.perf_counter() - t0, time.process_time() - c0
    my_pairs = {tuple(p) for p in pairs.tolist()}

    # --- the op end to end (Dataset.map prepare + batch call), for reference
    from datasets import Dataset, disable_progress_bars
    from sft_kit.core import apply_op
    disable_progress_bars()
    dset = Dataset.from_dict({"id": [f"d{i}" for i in range(n)], "text": docs})
    t0 = time.perf_counter()
    kept, ledger, counts = apply_op(dset, NearDedup(threshold=a.threshold, num_perm=a.num_perm,
                                                    verify_margin=a.verify_margin, fn_weight=a.fn_weight))
    op_wall = time.perf_counter() - t0

    # --- ground truth by exact Jaccard over the pooled pairs
    def jac(i, j):
        u = len(sets[i] | sets[j]); return len(sets[i] & sets[j]) / u if u else 1.0
    pool = set(planted) | ds_pairs | my_pairs | rs_pairs
    truth = {p for p in pool if jac(*p) >= a.threshold}
    def scores(reported):
        comp = components(n, sorted(reported) or np.zeros((0, 2)))
        found = sum(comp[i] == comp[j] for i, j in truth)
        prec = sum(p in truth for p in reported) / max(len(reported), 1)
        return prec, found / max(len(truth), 1)
    ds_p, ds_r = scores(ds_pairs)
    my_p, my_r = scores(my_pairs)
    rs_p, rs_r = scores(rs_pairs)
    planted_true = sum(p in truth for p in planted)
    print(f"true near-duplicate pairs (exact Jaccard >= {a.threshold}): {len(truth):,} "
          f"({planted_true:,} of the {len(planted):,} planted pairs; the rest occur naturally)")
    print(f"{'method':<34}{'docs/s (wall)':>14}{'docs/s (CPU)':>14}{'pairs':>9}{'precision':>11}{'recall':>9}")
    print(f"{'datasketch MinHash+MinHashLSH':<34}{n / ds_wall:>14,.0f}{n / ds_cpu:>14,.0f}{len(ds_pairs):>9,}{ds_p:>11.3f}{ds_r:>9.3f}")
    print(f"{f'rensa RMinHash+LSH ({a.rensa_bands} bands)':<34}{n / rs_wall:>14,.0f}{n / rs_cpu:>14,.0f}{len(rs_pairs):>9,}{rs_p:>11.3f}{rs_r:>9.3f}")
    print(f"{'sft_kit MinHasher+LSH (verified)':<34}{n / my_wall:>14,.0f}{n / my_cpu:>14,.0f}{len(my_pairs):>9,}{my_p:>11.3f}{my_r:>9.3f}")
    print(f"{'sft_kit NearDedup op (apply_op)':<34}{n / op_wall:>14,.0f}{'':>14}{'':>9}{'':>11}{'':>9}  ({counts['dropped']:,} dropped)")
    print(f"ratio sft_kit/rensa docs/s: wall {rs_wall / my_wall:.2f}x, CPU {rs_cpu / my_cpu:.2f}x "
          f"({'at least' if my_cpu <= rs_cpu else 'BELOW'} rensa's throughput by CPU time); "
          f"recall {my_r:.3f} vs {rs_r:.3f} ({'not lower' if my_r >= rs_r else 'LOWER'}); precision {my_p:.3f} vs {rs_p:.3f}")
    print(f"ratio sft_kit/datasketch docs/s: wall {ds_wall / my_wall:.1f}x, CPU {ds_cpu / my_cpu:.1f}x; "
          f"recall {my_r:.3f} vs {ds_r:.3f} ({'not lower' if my_r >= ds_r else 'LOWER'}); precision {my_p:.3f} vs {ds_p:.3f}")


if __name__ == "__main__":
    main()
