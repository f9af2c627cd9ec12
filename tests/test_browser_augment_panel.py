"""The augmentation tuner in a real JupyterLab: run the notebook, move a strength slider with the keyboard, see the
preview change; switch an operation off; apply to the training split. Screenshot: tests/artifacts/augment_panel.png."""
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "augment_panel.ipynb"
ROOT = ".sftk-augment"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_augment_panel_slider_updates_preview(lab):
    t0 = time.monotonic()
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-aug-preview .sftk-aug-row")
    assert "Loading widget" not in page.locator(".jp-Notebook").inner_text()
    assert page.locator(f"{ROOT} .sftk-aug-preview .sftk-aug-row").count() == 4
    assert page.locator(f"{ROOT} .widget-slider").count() >= 6          # 4 strengths, copies, samples
    preview = lab.text(page, f"{ROOT} .sftk-aug-preview")
    summary = lab.text(page, f"{ROOT} .sftk-aug-status")
    assert "4 samples" in summary and "seed 0" in summary

    # move the random-swap strength slider with the keyboard: the kernel recomputes, the DOM changes
    handle = page.locator(f"{ROOT} .sftk-aug-rs .noUi-handle, {ROOT} .sftk-aug-rs .ui-slider-handle").first
    handle.focus()
    for _ in range(15): page.keyboard.press("ArrowRight")
    new_preview = lab.wait_text_change(page, f"{ROOT} .sftk-aug-preview", preview)
    assert new_preview != preview
    assert lab.text(page, f"{ROOT} .sftk-aug-rs .widget-readout") != "0.10"
    # highlighted edits are there
    assert page.locator(f"{ROOT} .sftk-aug-preview ins.sftk-ins, {ROOT} .sftk-aug-preview del.sftk-del, "
                        f"{ROOT} .sftk-aug-preview span.sftk-sub").count() > 0
    page.locator(ROOT).scroll_into_view_if_needed()
    shot = lab.screenshot(page, "augment_panel", selector=ROOT)
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 10_000

    # switch synonym replacement off: no copy is tagged sr any more
    before = lab.text(page, f"{ROOT} .sftk-aug-preview")
    page.locator(f"{ROOT} .sftk-aug-on-sr input[type=checkbox]").click()
    lab.wait_text_change(page, f"{ROOT} .sftk-aug-preview", before)
    assert page.locator(f"{ROOT} .sftk-copy[data-op=sr]").count() == 0

    # apply: the whole training split is augmented
    status = lab.text(page, f"{ROOT} .sftk-aug-status")
    page.locator(ROOT).get_by_role("button", name="apply").click()
    deadline = time.monotonic() + 120
    while "applied" not in lab.text(page, f"{ROOT} .sftk-aug-status"):
        assert time.monotonic() < deadline, "apply did not finish"
        time.sleep(0.5)
    assert "200 training records" in lab.text(page, f"{ROOT} .sftk-aug-status")
    print(f"\naugment panel: whole test {time.monotonic() - t0:.1f} s")
