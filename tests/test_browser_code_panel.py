"""The code augmentation panel in a real JupyterLab: run the notebook, augment with a click, change the record and the
transforms from the widgets, check the verdict, the highlighted before/after and the diff in the DOM, and save
screenshots (tests/artifacts/code_panel.png: the panel)."""
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "code_panel.ipynb"
ROOT = ".sft-code-panel"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_code_panel_augments_and_shows_verdict_in_jupyterlab(lab):
    t0 = time.monotonic()
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sft-code-before pre")
    assert "Loading widget" not in page.locator(".jp-Notebook").inner_text()
    before = lab.text(page, f"{ROOT} .sft-code-before")
    assert "def min_cost(cost, m, n)" in before
    # Pygments highlighting: coloured spans inside the <pre>
    assert page.locator(f"{ROOT} .sft-code-before pre span[style]").count() > 5

    verdict = lab.text(page, f"{ROOT} .sft-code-verdict-box")
    page.locator(ROOT).get_by_role("button", name="augment").click()
    verdict = lab.wait_text_change(page, f"{ROOT} .sft-code-verdict-box", verdict, timeout=60)
    if "running" in verdict: verdict = lab.wait_text_change(page, f"{ROOT} .sft-code-verdict-box", verdict, timeout=60)
    assert "passes 3/3 tests" in verdict, verdict
    after = lab.text(page, f"{ROOT} .sft-code-after")
    assert "def min_cost(" not in after and "def " in after           # the function was renamed...
    assert "rename_function" in lab.text(page, f"{ROOT} .sft-code-ops")
    diff = lab.text(page, f"{ROOT} .sft-code-diff")
    assert "--- before" in diff and "+++ after" in diff and "-def min_cost(cost, m, n)" in diff

    # another record and other transforms, from the widgets
    page.locator(f"{ROOT} select").first.select_option(label="mbpp:002")
    lab.wait_text_change(page, f"{ROOT} .sft-code-before", before)
    page.locator(f"{ROOT} select[multiple]").select_option(["rename_variables", "add_comment"])
    old = lab.text(page, f"{ROOT} .sft-code-verdict-box")
    page.locator(ROOT).get_by_role("button", name="augment").click()
    verdict = lab.wait_text_change(page, f"{ROOT} .sft-code-verdict-box", old, timeout=60)
    if "running" in verdict: verdict = lab.wait_text_change(page, f"{ROOT} .sft-code-verdict-box", verdict, timeout=60)
    assert "passes 3/3 tests" in verdict, verdict
    ops = lab.text(page, f"{ROOT} .sft-code-ops")
    assert "rename_variables" in ops and "add_comment" in ops
    assert "#" in lab.text(page, f"{ROOT} .sft-code-after")           # the inserted comment is shown

    page.locator(ROOT).scroll_into_view_if_needed()
    shot = lab.screenshot(page, "code_panel", selector=ROOT)
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 10_000
    print(f"\ncode panel: JupyterLab + Chromium start {lab.startup_s:.1f} s; whole test {time.monotonic() - t0:.1f} s")
