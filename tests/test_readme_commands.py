"""Every `sft-kit` command the README shows runs as written (in a temporary folder with small inputs) and exits 0.
The commands are read from README.md itself, so a command added to the README is tested without touching this file."""
import json
from pathlib import Path

import pytest

from readme_cli import readme_commands, readme_demo_command, run_readme_command


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
def test_readme_command_runs(command, workdir, request):
    if command == readme_demo_command():
        # `sft-kit demo` reads no input: it ran once, exactly as written, in the session's `readme_demo` fixture,
        # whose outputs the demo tests (test_demo_cli.py) check; here, that run's exit and stderr
        demo = request.getfixturevalue("readme_demo")
        assert demo.command == command
        r = demo.result
    else:
        r = run_readme_command(command, workdir)
    assert r.returncode == 0, f"{command}\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
    assert "Traceback" not in r.stderr, r.stderr
