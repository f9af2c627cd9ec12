"""Shared pytest fixtures. `lab`: a session-wide JupyterLab + headless Chromium for real-browser tests (see browser_harness.py).
`readme_demo`: the README's `sft-kit demo` line, run once for the whole session (see readme_cli.py)."""
import os

import pytest

import browser_harness
import readme_cli

_LAB = None


@pytest.fixture(scope="session")
def lab():
    """A started `browser_harness.Lab`: `lab.open_and_run(nb) -> page`, `lab.screenshot(page, name) -> Path`.

    Skips the test when Chromium/Playwright are missing, unless SFT_KIT_REQUIRE_BROWSER=1 (CI), then fails."""
    global _LAB
    reason = browser_harness.unavailable_reason()
    if reason:
        if os.environ.get("SFT_KIT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (SFT_KIT_REQUIRE_BROWSER=1) but cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    lab = browser_harness.Lab()
    try:
        lab.start()
    except Exception:
        lab.close()
        raise
    _LAB = lab
    try:
        yield lab
    finally:
        _LAB = None
        lab.close()


@pytest.fixture(scope="session")
def readme_demo(tmp_path_factory) -> readme_cli.DemoRun:
    """The README's `sft-kit demo` command, run as written once per session in a fresh folder: the README test checks
    that it ran (exit 0, no traceback), test_demo_cli.py checks every stage's outputs. One run instead of two."""
    return readme_cli.run_readme_demo(tmp_path_factory.mktemp("readme_demo"))


@pytest.fixture(autouse=True)
def _close_lab_pages():
    "After each test, close the tabs (and kernels) it opened in the session's JupyterLab, if one is running."
    yield
    if _LAB is not None:
        _LAB.close_pages()
