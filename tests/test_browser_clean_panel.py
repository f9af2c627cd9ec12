"""The cleaning explorer in a real JupyterLab: run the notebook, check the bar chart and the counts, page removed
records, changed records (before/after diff) and duplicate clusters with clicks, move the near-duplicate threshold in the browser and check that the
preview of what would be removed changes (tests/artifacts/clean_panel.png: the panel on its thresholds tab;
clean_panel_changes.png: changed records before/after; clean_panel_clusters.png: a duplicate cluster)."""
import re
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "clean_panel.ipynb"
ROOT = ".sftk-clean"
PREVIEW = f"{ROOT} .sftk-clean-preview-near_dup_threshold"


def _would(text: str) -> int:
    m = re.search(r"would remove ([\d,]+) of", text)
    assert m, text
    return int(m.group(1).replace(",", ""))


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_clean_panel_in_jupyterlab(lab):
    t0 = time.monotonic()
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-clean-records .sftk-clean-record", timeout=180)
    assert "Loading widget" not in page.locator(".jp-Notebook").inner_text()
    summary = lab.text(page, f"{ROOT} .sftk-clean-summary")
    assert "5,574 records in" in summary and "dropped" in summary, summary
    # the bar chart is a real, decoded PNG
    assert page.locator(f"{ROOT} img.sftk-clean-bar").evaluate("img => img.complete && img.naturalWidth") > 200

    # removed records: page with a click
    pos = lab.text(page, f"{ROOT} .sftk-clean-position")
    assert pos.startswith("removed 1–3 of"), pos
    page.locator(ROOT).get_by_role("button", name="next", exact=True).click()
    new_pos = lab.wait_text_change(page, f"{ROOT} .sftk-clean-position", pos)
    assert new_pos.startswith("removed 4–6 of"), new_pos

    # changed records tab: what the normalization ops rewrote, before beside after, with the changes marked
    page.locator(f"{ROOT} .lm-TabBar-tab", has_text="changed records").click()
    page.wait_for_selector(f"{ROOT} .sftk-clean-changed .sftk-clean-change", state="visible")
    chpos = lab.text(page, f"{ROOT} .sftk-clean-changed-position")
    assert chpos.startswith("changed 1–3 of"), chpos
    assert page.locator(f"{ROOT} .sftk-clean-changed table.sftk-change-table").count() == 3
    assert page.locator(f"{ROOT} .sftk-clean-changed del, {ROOT} .sftk-clean-changed ins").count() > 0
    assert "before" in lab.text(page, f"{ROOT} .sftk-clean-changed") and "after" in lab.text(page, f"{ROOT} .sftk-clean-changed")
    lab.screenshot(page, "clean_panel_changes", selector=ROOT)
    page.locator(ROOT).get_by_role("button", name="next change").click()
    assert lab.wait_text_change(page, f"{ROOT} .sftk-clean-changed-position", chpos).startswith("changed 4–6 of")

    # duplicate clusters tab
    page.locator(f"{ROOT} .lm-TabBar-tab", has_text="duplicate clusters").click()
    cpos = lab.text(page, f"{ROOT} .sftk-clean-cluster-position")
    assert cpos.startswith("cluster 1 of"), cpos
    assert page.locator(f"{ROOT} .sftk-clean-cluster table.sftk-cluster-table").count() == 1
    # the first clusters are those whose members differ: the diff is drawn (struck words left, added words right)
    assert page.locator(f"{ROOT} .sftk-clean-cluster del, {ROOT} .sftk-clean-cluster ins").count() > 0
    lab.screenshot(page, "clean_panel_clusters", selector=ROOT)
    page.locator(ROOT).get_by_role("button", name="next cluster").click()
    assert lab.wait_text_change(page, f"{ROOT} .sftk-clean-cluster-position", cpos).startswith("cluster 2 of")

    # thresholds tab: move the near-duplicate threshold in the browser, the preview changes before anything is applied
    page.locator(f"{ROOT} .lm-TabBar-tab", has_text="thresholds").click()
    page.wait_for_selector(PREVIEW, state="visible")
    before = lab.text(page, PREVIEW)
    n_before = _would(before)
    readout = page.locator(f"{ROOT} .sftk-clean-knob-near_dup_threshold .widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("0.6")
    page.keyboard.press("Enter")
    after = lab.wait_text_change(page, PREVIEW, before, timeout=60)
    assert _would(after) > n_before, (before, after)
    examples = lab.text(page, f"{ROOT} .sftk-clean-examples")
    assert "near_dup_threshold = 0.6" in examples and "near duplicate of" in examples, examples[:300]
    # the slider shows the new value
    assert lab.text(page, f"{ROOT} .sftk-clean-knob-near_dup_threshold .widget-readout").strip() == "0.60"

    shot = lab.screenshot(page, "clean_panel", selector=ROOT)
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 10_000
    print(f"\nclean_panel: JupyterLab + Chromium start {lab.startup_s:.1f} s; whole test {time.monotonic() - t0:.1f} s; "
          f"preview {n_before} -> {_would(after)}")
