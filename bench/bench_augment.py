"""sft_kit.augment against its peers, used the fastest way each one's docs show, ratios measured in one run.

    .venv/bin/python bench/bench_augment.py [--n 2000] [--repeat 5] [--eda-ref bench/peers/eda.py]

Data: the first `--n` sentences of SST-2's training split (`load_bundled("sst2_train")`).
1. Each EDA operation alone, one copy per sentence, alpha 0.1, against nlpaug's word augmenter called ONCE with
   the whole LIST (`aug.augment(texts)`, nlpaug's fast path): swap and delete vs `RandomWordAug(action=...)`,
   synonym replacement vs `SynonymAug(aug_src="wordnet")`, and random insertion vs the same `SynonymAug` (nlpaug
   has no synonym insertion; its WordNet substitution stands in: it costs one lookup per edited word, as ours).
   Ours: the batch ops `Swap/Delete/Synonym/Insert(alpha=0.1, num_aug=1)` on the whole batch, ids, provenance
   columns, protected spans and formatting included, with the synonym quality filters ON (letters only, wordfreq
   Zipf >= 3).
2. EDA with all four operations, 4 copies per sentence, against the EDA paper's reference implementation
   (`eda.py` of jasonwei20/eda_nlp, MIT): `eda(sentence, 0.1, 0.1, 0.1, 0.1, num_aug=4)` per sentence, as its
   `augment.py` calls it. The reference file is not shipped with the kit: put it at bench/peers/eda.py (see
   bench/peers/README.md) or pass --eda-ref; without it this part is skipped and said so.

Both peers read WordNet through nltk, which cannot download here: WordNet 3.0 is copied from Debian's
wordnet-base into a temporary NLTK_DATA (needs /usr/share/wordnet); nlpaug's POS tagger (a download too) is
replaced by a constant 'NN' tagger, which makes nlpaug faster than it really is. 'formatting kept' = share of
copies whose sequence of punctuation marks, numbers and line breaks equals the original's.
Times are CPU time of this process (time.process_time; both sides run single-threaded in it), best of --repeat
runs with ours and the peer alternating: on a shared machine wall-clock time mostly measures the neighbours.
Caches: the ratios are for the steady state of a long run. Every tool first augments the NEXT --n sentences of
the same split once (warm-up on other text), then the timed runs keep whatever each tool caches (nltk's WordNet
reader for the peers, the kit's per-word synonym memo), as they would a million sentences in. The kit's rate with
its memo cleared before every run (a cold start, the protocol of earlier versions of this bench) is printed beside
it, so both figures can be read.
"""
import argparse, gzip, importlib.util, os, re, shutil, sys, tempfile, time
from pathlib import Path

def setup_nltk_wordnet() -> str | None:
    src = Path("/usr/share/wordnet")
    man = Path("/usr/share/man/man5/lexnames.5WN.gz")
    if not src.exists() or not man.exists(): return None
    root = Path(tempfile.mkdtemp(prefix="nltk-wn-"))
    dst = root / "corpora" / "wordnet"; dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file(): shutil.copy(f, dst / f.name)
    lex = [l.split("\t")[:2] for l in gzip.open(man, "rt", errors="replace").read().splitlines() if re.match(r"^\d\d\t", l)]
    cat = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
    (dst / "lexnames").write_text("".join(f"{num}\t{name.strip()}\t{cat[name.strip().split('.')[0]]}\n" for num, name in lex))
    os.environ["NLTK_DATA"] = str(root)
    import nltk; nltk.data.path.insert(0, str(root))
    return str(root)

def timed(fn, cold: bool = False) -> float:
    if cold:                                    # a cold start: the kit's synonym memo emptied first
        from sft_kit.augment import wordnet_synonyms
        wordnet_synonyms().cache_clear()
    t0 = time.process_time(); fn(); return time.process_time() - t0

def pair(fa, fb, repeat, cold_a: bool = False):
    "Best-of-`repeat` times of `fa` and `fb`, run alternately so that load from elsewhere hits both alike."
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(timed(fa, cold_a)); tb.append(timed(fb))
    return min(ta), min(tb)

_FMT = re.compile(r"[^\w\s]|\d+|\n")
_INNER = re.compile(r"(?<=\w)['’-](?=\w)")
def fmt_kept(orig, copy):
    "Same sequence of punctuation marks, numbers and line breaks (apostrophes/hyphens inside words aside)?"
    return _FMT.findall(_INNER.sub("", orig)) == _FMT.findall(_INNER.sub("", copy))

def share(pairs) -> str:
    pairs = list(pairs)
    return f"{sum(fmt_kept(o, c) for o, c in pairs) / max(1, len(pairs)):.1%}"

def load_reference_eda(path: Path):
    spec = importlib.util.spec_from_file_location("eda_reference", path)
    mod = importlib.util.module_from_spec(spec)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)       # `word is not ''` in the reference code
        spec.loader.exec_module(mod)
    return mod

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000); ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--eda-ref", default=str(Path(__file__).parent / "peers" / "eda.py"))
    a = ap.parse_args()
    from sft_kit.bundled import load_bundled
    from sft_kit.augment import EDA, Swap, Delete, Insert, Synonym, wordnet_synonyms
    import nlpaug.augmenter.word as naw
    both = load_bundled("sst2_train", limit=2 * a.n)
    ds, warm = both.select(range(a.n)), both.select(range(a.n, 2 * a.n))
    batch, texts, warm_batch, warm_texts = ds[:], list(ds["text"]), warm[:], list(warm["text"])
    n = len(texts)
    wordnet_synonyms()._load()
    wn_root = setup_nltk_wordnet()
    print(f"{n} SST-2 sentences, mean {sum(len(t.split()) for t in texts)/n:.1f} words; best of {a.repeat}, ours and the peer alternating")
    syn = None
    if wn_root:
        syn = naw.SynonymAug(aug_src="wordnet", aug_p=0.1)
        syn.model.pos_tag = lambda tokens: [(t, "NN") for t in tokens]     # no tagger offline: a free constant one
        syn.augment(["warm up the wordnet reader"])
    else: print("no /usr/share/wordnet (Debian wordnet-base): nlpaug's SynonymAug and the reference eda.py are skipped")
    peers = {"swap": naw.RandomWordAug(action="swap", aug_p=0.1), "delete": naw.RandomWordAug(action="delete", aug_p=0.1),
             "synonym": syn, "insert": syn}
    ours = {"swap": Swap(alpha=0.1, num_aug=1), "delete": Delete(alpha=0.1, num_aug=1),
            "synonym": Synonym(alpha=0.1, num_aug=1), "insert": Insert(alpha=0.1, num_aug=1)}
    src = dict(zip(batch["id"], batch["text"]))
    print(f"{'operation':9s} {'sft_kit rec/s':>14s} {'nlpaug rec/s':>13s} {'ratio':>7s}   formatting kept (sft_kit / nlpaug)"
          f"   | sft_kit cold memo: rec/s, ratio")
    for name, op in ours.items():
        peer = peers[name]
        if peer is None: continue
        op(warm_batch, seed=1); peer.augment(warm_texts)          # warm-up on other sentences
        t_c, _ = pair(lambda: op(batch, seed=0), lambda: None, a.repeat, cold_a=True)
        t_o, t_p = pair(lambda: op(batch, seed=0), lambda: peer.augment(texts), a.repeat)
        o, _ = op(batch, seed=0)
        k_o = share((src[s], t) for i, s, t in zip(o["id"], o["source_id"], o["text"]) if "#aug" in i)
        k_p = share(zip(texts, peer.augment(texts)))
        label = "SynonymAug" if name in ("synonym", "insert") else f"RandomWordAug({name})"
        print(f"{name:9s} {n/t_o:14,.0f} {n/t_p:13,.0f} {t_p/t_o:6.2f}x   {k_o} / {k_p}   (peer: {label}, list call)"
              f"   | {n/t_c:,.0f}, {t_p/t_c:.2f}x")

    ref_path = Path(a.eda_ref)
    if wn_root and ref_path.exists():
        ref = load_reference_eda(ref_path)
        eda = EDA(num_aug=4)
        run_ref = lambda ts: [ref.eda(t, 0.1, 0.1, 0.1, 0.1, num_aug=4) for t in ts]
        eda(warm_batch, seed=1); run_ref(warm_texts)             # warm-up on other sentences
        t_c, _ = pair(lambda: eda(batch, seed=0), lambda: None, a.repeat, cold_a=True)
        t_o, t_r = pair(lambda: eda(batch, seed=0), lambda: run_ref(texts), a.repeat)
        o, _ = eda(batch, seed=0)
        copies = [(src[s], t) for i, s, t in zip(o["id"], o["source_id"], o["text"]) if "#aug" in i]
        r_pairs = [(t, c) for t in texts[:500] for c in ref.eda(t, 0.1, 0.1, 0.1, 0.1, num_aug=4)[:-1]]
        print(f"EDA, 4 operations x 4 copies: sft_kit {n/t_o:,.0f} rec/s ({len(copies)/t_o:,.0f} copies/s) | reference "
              f"eda.py {n/t_r:,.0f} rec/s | ratio {t_r/t_o:.2f}x | formatting kept {share(copies)} / {share(r_pairs)}"
              f" | sft_kit cold memo {n/t_c:,.0f} rec/s, {t_r/t_c:.2f}x")
    elif wn_root:
        print(f"reference eda.py not found at {ref_path}: the EDA-vs-reference comparison is SKIPPED.\n"
              "  To run it: save code/eda.py of the repository jasonwei20/eda_nlp (Jason Wei and Kai Zou, MIT licence),\n"
              "  unmodified, as bench/peers/eda.py, or pass --eda-ref PATH. No PyPI package ships it (checked: eda4nlp\n"
              "  and didi-eda are other tools). See bench/peers/README.md.")
    if wn_root: shutil.rmtree(wn_root, ignore_errors=True)

if __name__ == "__main__":
    main()
