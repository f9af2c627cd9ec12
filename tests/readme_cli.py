"""The README's `sft-kit` commands, and one shared run of its `sft-kit demo` (the costliest command in the test suite:
the README test checks that it ran as written, the demo tests check its outputs; see `readme_demo` in conftest.py)."""
import os, shlex, subprocess, sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("sft-kit"))
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def readme_commands() -> list[str]:
    "The `sft-kit ...` lines of README.md's fenced code blocks, without their trailing comments."
    cmds, fenced = [], False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"): fenced = not fenced; continue
        if fenced and line.strip().startswith("sft-kit "):
            cmds.append(" ".join(shlex.split(line.strip(), comments=True)))
    return cmds


def run_readme_command(command: str, cwd: Path) -> subprocess.CompletedProcess:
    "Run one README command as written (the installed console script), in `cwd`."
    return subprocess.run([EXE, *shlex.split(command)[1:]], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=900)


@dataclass
class DemoRun:
    command: str                        # the README's line, exactly
    cwd: Path
    out: Path                           # its --out folder
    result: subprocess.CompletedProcess


def readme_demo_command() -> str:
    "The README's one `sft-kit demo` line."
    demos = [c for c in readme_commands() if c.split()[1] == "demo"]
    assert len(demos) == 1, f"expected one `sft-kit demo` line in README.md, found {demos}"
    return demos[0]


def run_readme_demo(cwd: Path) -> DemoRun:
    "Run the README's `sft-kit demo` line as written in `cwd`; its outputs land where its `--out` says."
    command = readme_demo_command()
    args = shlex.split(command)
    out = cwd / (args[args.index("--out") + 1] if "--out" in args else "demo_out")
    return DemoRun(command, cwd, out, run_readme_command(command, cwd))
