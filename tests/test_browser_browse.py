"""The sample browser in a real JupyterLab: run the notebook, page with a click, filter from the widgets, check the
DOM after each, and save screenshots (tests/artifacts/browse.png: JupyterLab with the panel; browse_panel.png: the panel)."""
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "browse.ipynb"
ROOT = ".sftk-browser"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_browse_pages_and_filters_in_jupyterlab(lab):
    t0 = time.monotonic()
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-records .sftk-record")
    t_run = time.monotonic() - t0
    # the panel rendered as live widgets, not "Loading widget..." nor a text repr
    assert page.locator(f"{ROOT} .widget-slider").count() == 1
    assert "Loading widget" not in page.locator(".jp-Notebook").inner_text()
    header = lab.text(page, f"{ROOT} .sftk-header")
    assert "schema: classification" in header and "5,574 records" in header and "ham 4,827" in header
    pos = lab.text(page, f"{ROOT} .sftk-position")
    records = lab.text(page, f"{ROOT} .sftk-records")
    assert pos.startswith("records 1–3 of 5,574") and "sms_spam:00001" in records
    assert page.locator(f"{ROOT} .sftk-records .sftk-record").count() == 3
    # the length histogram is a real, decoded PNG
    assert page.locator(f"{ROOT} img.sftk-hist").evaluate("img => img.complete && img.naturalWidth") > 100

    # page with a click: the kernel answers, the DOM changes
    page.locator(ROOT).get_by_role("button", name="next").click()
    new_pos = lab.wait_text_change(page, f"{ROOT} .sftk-position", pos)
    new_records = lab.text(page, f"{ROOT} .sftk-records")
    assert new_pos.startswith("records 4–6 of 5,574 · page 2 of 1,858"), new_pos
    assert new_records != records and "sms_spam:00004" in new_records and "sms_spam:00001" not in new_records
    assert lab.text(page, f"{ROOT} .widget-readout") == "2"          # the slider followed the button
    page.locator(ROOT).scroll_into_view_if_needed()
    shot = lab.screenshot(page, "browse")
    panel = lab.screenshot(page, "browse_panel", selector=ROOT)
    for p in (shot, panel):
        assert p.exists() and p.read_bytes()[:4] == b"\x89PNG" and p.stat().st_size > 10_000

    # filter from the widgets: field dropdown, pattern, the filter button
    page.locator(f"{ROOT} select").first.select_option("label")
    page.locator(f"{ROOT} input[type=text]").first.fill("^spam$")
    page.locator(ROOT).get_by_role("button", name="filter").click()
    header = lab.wait_text_change(page, f"{ROOT} .sftk-header", header)
    assert "747 match" in header and "spam 747" in header
    assert lab.text(page, f"{ROOT} .sftk-position").startswith("records 1–3 of 747")
    print(f"\nbrowse: JupyterLab + Chromium start {lab.startup_s:.1f} s; open and run the notebook {t_run:.1f} s; "
          f"whole test {time.monotonic() - t0:.1f} s")
