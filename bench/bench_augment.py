"""EDA (sft_kit.augment) against nlpaug on the same SMS texts, ratios measured in one run.

    .venv/bin/python bench/bench_augment.py [--n 2000] [--repeat 5]

1. EDA, all four operations, alpha 0.1, 4 copies per record (one copy per operation, EDA's distribution), WordNet
   synonyms, formatting preserved -- the batch op `EDA(num_aug=4)` (ids + provenance columns included) -- against
   nlpaug making 4 copies per text with the equivalent word operations: SynonymAug(wordnet) substitute, again
   SynonymAug for the insertion copy (nlpaug has no synonym *insertion*; its cost stands in), RandomWordAug swap
   and RandomWordAug delete, all aug_p=0.1.
2. Single swap and single delete (1 copy) against nlpaug's RandomWordAug(action="swap"/"delete", aug_p=0.1).

nlpaug's SynonymAug needs nltk's WordNet and POS tagger, which cannot be downloaded here: WordNet 3.0 is copied
from Debian's wordnet-base into a temporary NLTK_DATA (if /usr/share/wordnet exists) and the POS tagger is
replaced by a constant 'NN' tagger -- which makes nlpaug *faster* than it really is. Without /usr/share/wordnet
the synonym parts are skipped and said so.
Also printed: 'formatting kept', the share of copies whose sequence of punctuation marks, numbers and line
breaks equals the original's (apostrophes and hyphens inside words aside).
"""
import argparse, gzip, os, re, shutil, sys, tempfile, time
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

def pair(fa, fb, repeat):
    "Best-of-`repeat` times of `fa` and `fb`, run alternately so that load from elsewhere hits both alike."
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(best(fa, 1)); tb.append(best(fb, 1))
    return min(ta), min(tb)

def best(fn, repeat):
    from sft_kit.augment import wordnet_synonyms
    ts = []
    for _ in range(repeat):
        wordnet_synonyms().cache_clear()            # every timed run starts with a cold synonym memo
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return min(ts)

_FMT = re.compile(r"[^\w\s]|\d+|\n")
_INNER = re.compile(r"(?<=\w)['’-](?=\w)")
def fmt_kept(orig, copy):
    "Same sequence of punctuation marks, numbers and line breaks (apostrophes/hyphens inside words aside)?"
    return _FMT.findall(_INNER.sub("", orig)) == _FMT.findall(_INNER.sub("", copy))

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--n", type=int, default=2000); ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from sft_kit.bundled import load_bundled
    from sft_kit.augment import EDA, Swap, Delete, wordnet_synonyms
    import nlpaug.augmenter.word as naw
    ds = load_bundled("sms_spam", limit=a.n)
    batch, texts = ds[:], ds["text"]
    wordnet_synonyms()._load()
    wn_root = setup_nltk_wordnet()
    syn = None
    if wn_root:
        syn = naw.SynonymAug(aug_src="wordnet", aug_p=0.1)
        syn.model.pos_tag = lambda tokens: [(t, "NN") for t in tokens]     # no tagger offline: a free constant one
        syn.augment("warm up the wordnet reader")
    swap, dele = naw.RandomWordAug(action="swap", aug_p=0.1), naw.RandomWordAug(action="delete", aug_p=0.1)
    n = len(texts)
    print(f"{n} sms_spam texts, mean {sum(len(t.split()) for t in texts)/n:.1f} words; best of {a.repeat}, ours and nlpaug alternating")

    # 1. EDA x4 vs nlpaug x4
    eda = EDA(num_aug=4)
    out, _ = eda(batch, seed=0)
    src = dict(zip(batch["id"], batch["text"]))
    copies = [(src[s], t) for i, s, t in zip(out["id"], out["source_id"], out["text"]) if "#aug" in i]
    kept_eda = sum(fmt_kept(o, c) for o, c in copies) / len(copies)
    def nl4():
        res = []
        for t in texts:
            if syn is not None: res += [syn.augment(t), syn.augment(t)]
            res += [swap.augment(t), dele.augment(t)]
        return res
    t_eda, t_nl = pair(lambda: eda(batch, seed=0), nl4, a.repeat)
    nl_out = nl4()
    per = 4 if syn is not None else 2
    nl_pairs = [(texts[i // per], (c[0] if isinstance(c, list) and c else c)) for i, c in enumerate(nl_out)]
    kept_nl = sum(fmt_kept(o, c) for o, c in nl_pairs) / len(nl_pairs)
    print(f"EDA 4 ops x4 copies (sft_kit, batch op): {n/t_eda:9.0f} records/s  ({len(copies)/t_eda:8.0f} copies/s)  formatting kept {kept_eda:.1%}")
    print(f"nlpaug equivalent x4 ({'synonym x2 + ' if syn else 'NO synonyms + '}swap + delete): {n/t_nl:9.0f} records/s  formatting kept {kept_nl:.1%}")
    print(f"  ratio EDA / nlpaug: {t_nl/t_eda:.2f}x")

    # 2. single operations, one copy each
    for name, ours, theirs in [("swap", Swap(alpha=0.1, num_aug=1), swap), ("delete", Delete(alpha=0.1, num_aug=1), dele)]:
        t_o, t_t = pair(lambda: ours(batch, seed=0), lambda: [theirs.augment(t) for t in texts], a.repeat)
        o, _ = ours(batch, seed=0)
        k_o = [fmt_kept(src[s], t) for i, s, t in zip(o["id"], o["source_id"], o["text"]) if "#aug" in i]
        k_t = [fmt_kept(t, theirs.augment(t)[0]) for t in texts[:500]]
        print(f"{name:6s}: sft_kit {n/t_o:9.0f} records/s (formatting kept {sum(k_o)/len(k_o):.1%}) | nlpaug RandomWordAug "
              f"{n/t_t:9.0f} records/s (formatting kept {sum(k_t)/len(k_t):.1%}) | ratio {t_t/t_o:.2f}x")
    if syn is not None:
        from sft_kit.augment import Synonym
        ours = Synonym(alpha=0.1, num_aug=1)
        t_o, t_t = pair(lambda: ours(batch, seed=0), lambda: [syn.augment(t) for t in texts], a.repeat)
        print(f"synonym: sft_kit {n/t_o:9.0f} records/s | nlpaug SynonymAug(wordnet, constant tagger) {n/t_t:9.0f} records/s | ratio {t_t/t_o:.2f}x")
    if wn_root: shutil.rmtree(wn_root, ignore_errors=True)

if __name__ == "__main__":
    main()
