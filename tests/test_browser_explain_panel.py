"""The explanation panel in a real JupyterLab: it renders, follows the record picked in the dropdown and the method
picked on the buttons, and a click on "send to review" reaches the annotation journal on disk."""
import json, time
from pathlib import Path

import pytest

from browser_harness import journal_events as _events, wait_journal_events as _wait_events

NB = Path(__file__).parent / "browser_nbs" / "explain_panel.ipynb"
ROOT = ".sftk-explain"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_explain_panel_renders_and_sends_to_review(lab):
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-explain-send")
    journal = lab.text(page, ".journal-path").strip()
    assert journal.endswith("journal.jsonl") and _events(journal) == []

    # the first record: its tokens coloured, the prediction, a gender counterfactual, three influential records
    assert lab.text(page, f"{ROOT} .sftk-explain-id") == "p0"
    assert "predicted" in lab.text(page, f"{ROOT} .sftk-explain-pred")
    assert page.locator(f"{ROOT} .sftk-attr-tok").count() >= 5
    assert page.locator(f"{ROOT} .sftk-explain-cf-row").count() == 1
    assert page.locator(f"{ROOT} .sftk-explain-send").count() == 3

    # pick another record in the dropdown: the view follows
    text0 = lab.text(page, f"{ROOT} .sftk-attr-text")
    page.locator(f"{ROOT} .sftk-explain-record select").select_option(index=2)
    assert lab.wait_text_change(page, f"{ROOT} .sftk-explain-id", "p0") == "p2"
    assert lab.text(page, f"{ROOT} .sftk-attr-text") != text0

    # another attribution method
    legend = lab.text(page, f"{ROOT} .sftk-explain-view")
    page.locator(ROOT).get_by_role("button", name="occlusion").click()
    assert "occlusion: green" in lab.wait_text_change(page, f"{ROOT} .sftk-explain-view", legend)

    # "send to review" on the second influential record: one review event, with its id and the reason
    second = page.locator(f"{ROOT} .sftk-explain-infl-id").nth(1).inner_text()
    page.locator(f"{ROOT} .sftk-explain-send").nth(1).click()
    ev = _wait_events(journal, 1)
    assert [(e["annotator"], e["action"], e["id"], e["reason"]) for e in ev] == [("browser", "review", second, "influential for p2")]
    assert ev[0]["rank"] == 2 and ev[0]["influence_method"] == "knn"
    lab.wait_text_change(page, f"{ROOT} .sftk-explain-status", "")
    assert f"sent {second} to review" in lab.text(page, f"{ROOT} .sftk-explain-status")
    shot = lab.screenshot(page, "explain_panel", selector=ROOT)
    assert shot.exists() and shot.stat().st_size > 5_000
