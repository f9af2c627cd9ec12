"""Label conflicts, PII redaction and decontamination named in a YAML recipe and run by `sft-kit clean`: the ops are
found through the recipe registry, every change/drop is in the rejects file with its reason, and conservation holds
with several worker processes too."""
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SFT = ROOT / ".venv" / "bin" / "sft-kit"

RECIPE = """
name: extras
schema: classification
ops:
  - redact_pii: {mode: mask}
  - label_conflicts: {near: null, drop: minority}
  - decontaminate: {eval_sets: [self_instruct_eval], n: 8}
"""


def _eval_prompt():
    from sft_kit.bundled import load_bundled
    return load_bundled("self_instruct_eval")[0]["prompt"]


def _rows():
    leak = _eval_prompt()
    rows = [{"id": "r1", "text": "Mail me at jane.doe@example.com or call +44 20 7946 0958", "label": "ham"},
            {"id": "r2", "text": "WIN a FREE prize now!!", "label": "spam"},
            {"id": "r3", "text": "win a free prize now", "label": "spam"},
            {"id": "r4", "text": "Win a free prize, now", "label": "ham"},          # minority label of its group
            {"id": "r5", "text": "Training text: " + leak, "label": "ham"},          # contaminated
            {"id": "r6", "text": "See you at lunch", "label": "ham"}]
    rows += [{"id": f"x{i}", "text": f"plain message number {i} with card 4111 1111 1111 1111" if i % 50 == 0
              else f"plain message number {i}", "label": "ham"} for i in range(300)]
    return rows


@pytest.mark.parametrize("num_proc", [1, 2])
def test_recipe_with_label_pii_decontam_ops(tmp_path, num_proc):
    inp, out, rej, rec = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rej.jsonl", tmp_path / "r.yaml"
    rows = _rows()
    inp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    rec.write_text(RECIPE)
    p = subprocess.run([str(SFT), "clean", str(inp), str(out), "--recipe", str(rec), "--rejects", str(rej), "--quiet",
                        "--num-proc", str(num_proc), "--batch-size", "100"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr[-2000:]
    kept = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    ledger = [json.loads(l) for l in rej.read_text().splitlines()]
    by = {(e["op"], e["id"]): e for e in ledger}
    # PII: masked in the output, the types named in the reason, the original kept in the ledger
    assert kept["r1"]["text"] == "Mail me at j***@***.com or call +** ** **** 0958"
    assert by[("redact_pii", "r1")]["reason"] == "pii redacted (mask): email, phone in text"
    assert "jane.doe@example.com" in by[("redact_pii", "r1")]["original"]["text"]
    assert kept["x50"]["text"].endswith("**** **** **** 1111")
    assert sum(e["op"] == "redact_pii" for e in ledger) == 1 + 6
    # label conflicts: r2-r4 are one group; the ham minority is dropped, the spam members flagged
    assert "r4" not in kept and by[("label_conflicts", "r4")]["action"] == "drop"
    assert kept["r2"]["label_conflict"] == kept["r3"]["label_conflict"] == "r2"
    assert kept["r6"]["label_conflict"] == ""
    assert "labels ['ham', 'spam']" in by[("label_conflicts", "r2")]["reason"]
    # decontamination: the record quoting the eval set is dropped, the reason names the eval record and the n-gram
    assert "r5" not in kept
    reason = by[("decontaminate", "r5")]["reason"]
    assert reason.startswith("contaminated: shares ") and "self_instruct_eval:001.0 (self_instruct_eval)" in reason
    assert '8-gram(s)' in reason and 'e.g. "' in reason
    # conservation: in = kept + dropped
    assert len(kept) + sum(e["action"] == "drop" for e in ledger) == len(rows)
    assert "redact_pii" in p.stdout and "decontaminate" in p.stdout and "label_conflicts" in p.stdout


def test_ops_are_registered():
    from sft_kit.recipes import list_ops
    ops = list_ops()
    for name in ("redact_pii", "decontaminate", "label_conflicts", "label_noise"):
        assert name in ops, name
