"""Every `sft-kit` command the README shows runs as written (in a temporary folder with small inputs) and exits 0.
The commands are read from README.md itself, so a command added to the README is tested without touching this file."""
import json, os, shlex, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("sft-kit"))


def readme_commands() -> list[str]:
    "The `sft-kit ...` lines of README.md's fenced code blocks, without their trailing comments."
    cmds, fenced = [], False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"): fenced = not fenced; continue
        if fenced and line.strip().startswith("sft-kit "):
            cmds.append(" ".join(shlex.split(line.strip(), comments=True)))
    return cmds


COMMANDS = readme_commands()

WORDS = "the a free call now win prize you me love ok see tomorrow later text reply stop meeting lunch home".split()


def small_inputs(d: Path) -> None:
    "The files the README's commands read, small: classification records, a CSV, predictions."
    import random
    rng = random.Random(0)
    recs = [{"text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))), "label": rng.choice(["ham", "spam"])}
            for _ in range(60)]
    recs += recs[:5]                     # a few exact duplicates for clean to remove
    for name in ("data.jsonl", "in.jsonl"):
        (d / name).write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    (d / "data.csv").write_text("text,label\n" + "".join(f"{r['text']},{r['label']}\n" for r in recs), encoding="utf-8")
    (d / "predictions.jsonl").write_text("".join(json.dumps({"text": r["text"], "label": r["label"],
                                                            "prediction": rng.choice(["ham", "spam"])}) + "\n" for r in recs))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("readme")
    small_inputs(d)
    return d


def test_the_readme_shows_commands():
    assert len(COMMANDS) >= 8, COMMANDS
    assert {c.split()[1] for c in COMMANDS} >= {"info", "convert", "clean", "split", "augment", "augment-code", "eval", "demo"}


@pytest.mark.parametrize("command", COMMANDS)     # in README order: later commands read what earlier ones wrote
def test_readme_command_runs(command, workdir):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    r = subprocess.run([EXE, *shlex.split(command)[1:]], cwd=workdir, capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, f"{command}\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
    assert "Traceback" not in r.stderr, r.stderr
