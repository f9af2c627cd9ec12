"""Build planted.jsonl, the fixed planted-contamination set of `nbs/25_decontam.ipynb` (run once; the output is
committed and not regenerated when the detector changes).

Evaluation set: the 252 user-oriented Self-Instruct instructions (`load_bundled("self_instruct_eval")`).
Training records planted with them:
  verbatim    every eval prompt, planted whole (prompt + its own or another completion) or embedded after a seed
              instruction in a longer prompt;
  light       every eval prompt with two seeded light edits (case, punctuation, one word dropped/duplicated/added,
              adjacent words swapped, a typo), planted the same ways;
  paraphrase  70 paraphrases written by hand (paraphrases.tsv), before any threshold was tuned;
  clean       the 175 Self-Instruct seed tasks, 300 MBPP prompts and 300 Tatoeba English sentences, none of which
              is an eval item.
Each record names its eval item (`eval_id`) and its `half`: 'calib' (thresholds are chosen on it) or 'report'
(figures are reported on it), split by a hash of the eval item (clean records: of their own id)."""
import csv, hashlib, json, random, re
from pathlib import Path

from sft_kit.bundled import load_bundled

HERE = Path(__file__).resolve().parent

def half(key: str) -> str:
    return "calib" if hashlib.blake2b(key.encode(), digest_size=4).digest()[0] % 2 == 0 else "report"

def light_edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    def lower(w): return [x.lower() for x in w]
    def punct(w):
        w = list(w); w[-1] = re.sub(r"[.?!:]*$", rng.choice(["", "!", " ?", "..."]), w[-1]); return w
    def drop(w):
        if len(w) < 3: return w
        w = list(w); del w[rng.randrange(1, len(w))]; return w
    def dup(w):
        w = list(w); i = rng.randrange(len(w)); w.insert(i, w[i]); return w
    def add(w): return [rng.choice(["Please", "Kindly", "Now,", "Hey,"])] + list(w)
    def swap(w):
        if len(w) < 3: return w
        w = list(w); i = rng.randrange(len(w) - 1); w[i], w[i + 1] = w[i + 1], w[i]; return w
    def typo(w):
        w = list(w); cand = [i for i, x in enumerate(w) if len(x) > 4 and x.isalpha()]
        if not cand: return w
        i = rng.choice(cand); x = w[i]; j = rng.randrange(1, len(x) - 2)
        w[i] = x[:j] + x[j + 1] + x[j] + x[j + 2:]; return w
    for f in rng.sample([lower, punct, drop, dup, add, swap, typo], 2): words = f(words)
    return " ".join(words)

def main():
    ev = list(load_bundled("self_instruct_eval"))
    seed = list(load_bundled("self_instruct_seed"))
    rng = random.Random(12)
    rows = []
    def plant(kind, e, prompt, k):
        host = seed[k % len(seed)]
        mode = ("whole", "whole_other_completion", "embedded")[k % 3]
        if mode == "whole": rec = {"prompt": prompt, "completion": e["completion"]}
        elif mode == "whole_other_completion": rec = {"prompt": prompt, "completion": host["completion"]}
        else: rec = {"prompt": host["prompt"] + "\n\n" + prompt, "completion": host["completion"]}
        rows.append({"id": f"{kind}-{len(rows):04d}", **rec, "kind": kind, "mode": mode, "eval_id": e["id"], "half": half(e["id"])})
    for k, e in enumerate(ev): plant("verbatim", e, e["prompt"], k)
    for k, e in enumerate(ev): plant("light", e, light_edit(e["prompt"], rng), k + 1)
    by_id = {e["id"]: e for e in ev}
    with open(HERE / "paraphrases.tsv", encoding="utf-8") as f:
        for k, p in enumerate(csv.DictReader(f, delimiter="\t")):
            e = by_id[p["eval_id"]]
            rows.append({"id": f"paraphrase-{len(rows):04d}", "prompt": p["paraphrase"], "completion": e["completion"] if k % 2 == 0 else "",
                         "kind": "paraphrase", "mode": "whole", "eval_id": e["id"], "half": half(e["id"])})
    clean = [(r["prompt"], r["completion"], r["id"]) for r in seed]
    mb = list(load_bundled("mbpp"))
    clean += [(r["prompt"], r["code"], r["id"]) for r in random.Random(1).sample(mb, 300)]
    tat = [r for r in load_bundled("tatoeba_en_zh") if len(r["source"].split()) >= 4]
    clean += [(r["source"], r["target"], r["id"]) for r in random.Random(2).sample(tat, 300)]
    for p, c, src in clean:
        rows.append({"id": f"clean-{len(rows):04d}", "prompt": p, "completion": c, "kind": "clean", "mode": "clean",
                     "eval_id": "", "half": half(src), "source": src})
    with open(HERE / "planted.jsonl", "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps({"source": "", **r}, ensure_ascii=False) + "\n")
    print(len(rows), "records")

if __name__ == "__main__": main()
