"""Build sft_kit/data/wordnet_synonyms/ from the WordNet 3.0 database files (Debian's `wordnet-base`).

    apt-get install wordnet-base && .venv/bin/python tools/build_synonyms.py [/usr/share/wordnet]

Output (package data, read by `sft_kit.augment.WordNetSynonyms`):
  synonyms.tsv.gz   one line per (word, part of speech): `word<TAB>pos<TAB>syn1|syn2|...`, pos in n/v/a/r,
                    synonyms in WordNet's sense order (most frequent sense first), then `#exc<TAB>pos<TAB>form|lemma`
                    lines with WordNet's morphological exception lists (irregular inflections).
  LICENSE           WordNet 3.0's licence, which allows redistribution with its notice.
Only lemmas made of lower-case letters, spaces, hyphens and apostrophes are kept (no proper nouns, no digits);
synsets with a single lemma give no synonym and are skipped.
"""
import gzip, re, sys
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_OK = re.compile(r"^[a-z][a-z' -]*[a-z]$")

def _lemma(w: str) -> str:
    return re.sub(r"\([a-z]+\)$", "", w).replace("_", " ")

def read_synsets(wn: Path, pos: str) -> dict:
    "offset -> list of lemmas (original case) for one part of speech."
    out = {}
    with open(wn / f"data.{POS_FILES[pos]}", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "): continue
            parts = line.split(" ")
            n = int(parts[3], 16)
            out[parts[0]] = [_lemma(parts[4 + 2 * i]) for i in range(n)]
    return out

def build(wn: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for pos, fname in POS_FILES.items():
        synsets = read_synsets(wn, pos)
        with open(wn / f"index.{fname}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "): continue
                parts = line.split()
                word, n_syn, n_ptr = parts[0].replace("_", " "), int(parts[2]), int(parts[3])
                if not _OK.match(word): continue
                offsets = parts[6 + n_ptr:6 + n_ptr + n_syn]
                syns = []
                for off in offsets:
                    for lem in synsets[off]:
                        low = lem.lower()
                        if lem != low or low == word or not _OK.match(low) or low in syns: continue
                        syns.append(low)
                if syns: lines.append(f"{word}\t{pos}\t{'|'.join(syns)}")
        exc = wn / f"{fname}.exc"
        for line in open(exc, encoding="latin-1"):
            form, *lemmas = line.split()
            lemmas = [l.replace("_", " ") for l in lemmas if _OK.match(l.replace("_", " "))]
            if lemmas and _OK.match(form.replace("_", " ")):
                lines.append(f"#exc\t{pos}\t{form.replace('_', ' ')}|{'|'.join(lemmas)}")
    path = out_dir / "synonyms.tsv.gz"
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:   # mtime=0: byte-identical rebuilds
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    lic = Path("/usr/share/doc/wordnet-base/copyright")
    text = lic.read_text() if lic.exists() else ""
    m = re.search(r"License: WordNet3.0\n(.*?)\n\n", text, re.S)
    body = "\n".join(l[1:] if l.startswith(" ") else l for l in m.group(1).splitlines()).replace("\n.\n", "\n\n") if m else ""
    (out_dir / "LICENSE").write_text(
        "The synonym table in this folder is derived from WordNet 3.0 (Princeton University), built by\n"
        "tools/build_synonyms.py from the WordNet database files. WordNet's licence follows.\n\n"
        "WordNet Release 3.0\n\n" + body.strip() + "\n")
    return path

if __name__ == "__main__":
    wn = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    root = Path(__file__).resolve().parents[1]
    p = build(wn, root / "sft_kit" / "data" / "wordnet_synonyms")
    print(p, p.stat().st_size, "bytes")
