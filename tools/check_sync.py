"""Fail when sft_kit/ or README.md differ from what the notebooks in nbs/ produce.

Exports the notebooks (nbdev_export) and renders the README, and compares file contents before and after.
Run by `make test`; on failure the tree is left re-exported so that `git diff` shows what was stale.
"""
from pathlib import Path
import hashlib, sys

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

def snapshot() -> dict:
    files = sorted((ROOT / "sft_kit").glob("**/*.py")) + [ROOT / "README.md"] + sorted((ROOT / "README_files").glob("*"))
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.exists()}

def main() -> int:
    import os
    os.chdir(ROOT)
    before = snapshot()
    from nbdev.doclinks import nbdev_export
    nbdev_export()
    import make_readme
    make_readme.main()
    after = snapshot()
    stale = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    if stale:
        print("Out of sync with the notebooks (now re-exported; review and commit):", *stale, sep="\n  ")
        return 1
    print(f"sync: sft_kit/ and README.md match nbs/ ({len(after)} files)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
