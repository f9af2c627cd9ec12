"""The sandbox contains what untrusted programs do: each case is reported as a failure with its reason, and this
process (the host) carries on. The audit hook (defence in depth) names the reason first here; the attack corpus that
defeats the hook and checks what the OS layer holds is tests/test_sandbox_attacks.py.
Run: .venv/bin/python -m pytest -q tests/test_sandbox.py"""
import os, time

import pytest

from sft_kit.sandbox import run_program, run_many, netns_prefix, boundary_problem

if boundary_problem():
    if os.environ.get("SFT_KIT_REQUIRE_SANDBOX"):
        raise RuntimeError(boundary_problem())
    pytest.skip(boundary_problem(), allow_module_level=True)


def test_pass_and_fail_verdicts():
    v = run_program("def add(a, b):\n    return a + b", ["assert add(1, 2) == 3"])
    assert v["passed"] and v["status"] == "passed" and v["n_passed"] == 1
    v = run_program("def add(a, b):\n    return a - b", ["assert add(0, 0) == 0", "assert add(1, 2) == 3"])
    assert not v["passed"] and v["status"] == "failed" and v["failed_test"] == 1 and "test 1" in v["detail"]


def test_infinite_loop_is_killed():
    t0 = time.monotonic()
    v = run_program("def f():\n    while True:\n        pass", ["assert f()"], timeout=1)
    assert v["status"] == "timeout" and not v["passed"]
    assert time.monotonic() - t0 < 6


def test_fork_bomb_is_refused_and_nothing_is_left_running():
    code = "import os\nwhile True:\n    os.fork()"
    v = run_program(code, [])
    assert v["status"] == "blocked" and "os.fork" in v["detail"]
    for code in ("import subprocess\nsubprocess.Popen(['sleep', '37.25'])", "import os\nos.system('sleep 37.25 &')",
                 "import os\nos.execv('/bin/sh', ['sh'])", "import multiprocessing\nmultiprocessing.Process(target=print).start()",
                 "import ctypes\nctypes.CDLL(None).fork()", "import os\nos.posix_spawn('/bin/sh', ['sh'], {})"):
        v = run_program(code, [])
        assert v["status"] == "blocked", (code, v)
    # no stray `sleep 37.25` was started by any of them
    # (an unusual duration, compared line by line, so that other processes on the machine cannot match)
    assert "sleep 37.25" not in [l.strip() for l in os.popen("ps -eo args").read().splitlines()]


def test_a_fork_that_catches_the_refusal_still_fails():
    v = run_program("import os\ntry:\n    os.fork()\nexcept Exception:\n    pass\ndef f(): return 1", ["assert f() == 1"])
    assert v["status"] == "blocked" and not v["passed"]


def test_huge_allocation_is_a_memory_failure():
    v = run_program("x = bytearray(16 * 1024**3)", [], memory_mb=256)
    assert v["status"] == "memory" and not v["passed"]
    v = run_program("def f():\n    return [0] * (10**10)", ["assert f()"], memory_mb=256)
    assert v["status"] == "memory"


def test_writing_outside_its_directory_is_refused(tmp_path):
    target = tmp_path / "escape.txt"
    for code in (f"open({str(target)!r}, 'w').write('x')", f"import os\nos.open({str(target)!r}, os.O_WRONLY | os.O_CREAT)",
                 f"import os\nos.remove({str(tmp_path / 'x')!r})", f"import shutil\nshutil.rmtree({str(tmp_path)!r})",
                 "import os\nos.chdir('/')\nopen('sft_escape.txt', 'w')", "open('../escape.txt', 'w')",
                 "import os\nos.symlink('/etc', 'etc')"):
        (tmp_path / "x").write_text("keep")
        v = run_program(code, [])
        assert v["status"] == "blocked", (code, v)
        assert not target.exists() and (tmp_path / "x").exists() and not os.path.exists("/sft_escape.txt")
    # inside its own directory it may write, within RLIMIT_FSIZE
    assert run_program("open('a.txt', 'w').write('ok')\nassert open('a.txt').read() == 'ok'", [])["passed"]
    v = run_program("open('big', 'wb').write(b'x' * (20 * 1024 * 1024))", [], fsize_mb=1)
    assert not v["passed"] and v["status"] == "error" and "File too large" in v["detail"]


def test_environment_and_host_files_are_not_readable(monkeypatch):
    monkeypatch.setenv("SFT_SANDBOX_SECRET", "hunter2")
    v = run_program("import os\nsecret = os.environ.get('SFT_SANDBOX_SECRET')", ["assert secret == 'hunter2'"])
    assert v["status"] == "failed"
    v = run_program("import os\nkeys = sorted(os.environ)", ["assert keys"])
    assert v["status"] == "failed"                       # an empty environment
    for path in (f"/proc/{os.getpid()}/environ", "/proc/self/environ", "/etc/passwd", os.path.expanduser("~/.bashrc")):
        v = run_program(f"data = open({path!r}, 'rb').read()", ["assert data"])
        assert v["status"] == "blocked", (path, v)
    v = run_program("import os\nnames = os.listdir('/root')", ["assert names"])
    assert v["status"] == "blocked"


def test_network_is_refused():
    for code in ("import socket\nsocket.create_connection(('127.0.0.1', 22), timeout=1)",
                 "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:1', timeout=1)",
                 "import socket\nsocket.getaddrinfo('example.com', 80)"):
        v = run_program(code, [])
        assert v["status"] == "blocked", (code, v)


def test_killing_and_raising_limits_are_refused():
    for code in (f"import os, signal\nos.kill({os.getpid()}, signal.SIGTERM)", "import resource\nresource.setrlimit(resource.RLIMIT_AS, (-1, -1))"):
        v = run_program(code, [])
        assert v["status"] == "blocked", (code, v)


def test_forged_verdict_and_early_exit_are_not_passes():
    v = run_program("import os\nos.write(1, b'{\"status\": \"passed\"}\\n')\nos._exit(0)", ["assert False"])
    assert not v["passed"] and v["status"] == "crashed"
    v = run_program("import sys\nsys.exit(0)", ["assert True"])
    assert not v["passed"]


def test_host_survives_and_pool_runs_in_parallel():
    jobs = [{"code": "def f(): return 1", "tests": ["assert f() == 1"]}] * 6 + [
        {"code": "while True: pass", "tests": []}, {"code": "import os\nos.fork()", "tests": []},
        {"code": "x = bytearray(10**11)", "tests": []}]
    vs = run_many(jobs, workers=2, timeout=2)
    assert [v["status"] for v in vs] == ["passed"] * 6 + ["timeout", "blocked", "memory"]
    # and this process still works normally
    assert sum(range(10)) == 45 and os.getpid() > 0


def test_network_namespace_probe_is_cached():
    assert netns_prefix() == netns_prefix()


def test_missing_boundary_is_refused_in_one_line_unless_process_is_asked(monkeypatch):
    import sft_kit.sandbox as sb
    monkeypatch.setattr(sb.shutil, "which", lambda name: None)
    sb.boundary_problem.cache_clear()
    try:
        with pytest.raises(sb.SandboxUnavailable) as e:
            run_program("def f(): return 1", ["assert f() == 1"])
        msg = str(e.value)
        assert "\n" not in msg and "bubblewrap" in msg and "apt-get install bubblewrap" in msg and "isolation='process'" in msg
        with pytest.raises(sb.SandboxUnavailable):
            run_many([{"code": "x = 1", "tests": []}] * 3)
        v = run_program("def f(): return 1", ["assert f() == 1"], isolation="process")
        assert v["passed"] and v["isolation"] == "process"
    finally:
        monkeypatch.undo()
        sb.boundary_problem.cache_clear()
    assert sb.boundary_problem() is None or not os.environ.get("SFT_KIT_REQUIRE_SANDBOX")


def test_output_cap_is_configurable_and_verdicts_state_their_isolation():
    v = run_program("print('x' * 5000)\ndef f(): return 1", ["assert f() == 1"], output_limit=1000)
    assert v["status"] == "output_limit" and not v["passed"] and v["output_bytes"]["stdout"] <= 1000
    v = run_program("print('x' * 500)\ndef f(): return 1", ["assert f() == 1"], output_limit=1000)
    assert v["passed"] and v["stdout"].strip() == "x" * 500
    from sft_kit.sandbox import summarize
    vs = run_many([{"code": "def f(x): return x", "tests": ["assert f(1) == 1", "y = f(2)\nassert y == 2"]},
                   {"code": "def f(x): return x", "tests": ["assert f(1) == 2"]}], workers=2)
    s = summarize(vs)
    assert s["runs"] == 2 and s["passed"] == 1 and s["untrusted_verdicts"] == 1 and s["untrusted_tests"] == 1
    assert all(i.startswith("bwrap") for i in s["isolation"])


def test_cli_refuses_without_the_boundary_and_states_the_level(tmp_path):
    import json, subprocess
    from pathlib import Path
    sft = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "sft-kit")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "add", "prompt": "add", "code": "def add(a, b):\n    return a + b\n",
                               "tests": ["assert add(1, 2) == 3"], "entry_point": "add", "test_setup": ""}) + "\n")
    def run(*args, path):
        return subprocess.run([sft, "augment-code", str(inp), str(tmp_path / "out.jsonl"), *args], capture_output=True,
                              text=True, timeout=300, env={"PATH": path, "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path)})
    p = run(path=str(tmp_path))                     # no bwrap on this PATH
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "apt-get install bubblewrap" in p.stderr
    p = run("--isolation", "process", path=str(tmp_path))
    assert p.returncode == 0 and "sandbox isolation: process" in p.stdout, p.stderr
