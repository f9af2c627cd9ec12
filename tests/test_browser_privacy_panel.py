"""The privacy view in a real JupyterLab: run the notebook (synthetic results, no training), check the PII table,
the bar chart, the exposure and ROC plots are real decoded images, click a count in the table and check the records
shown change to those with that PII, with the redacted preview; page with a click; switch the redaction mode.
Screenshot: tests/artifacts/privacy_panel.png."""
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "privacy_panel.ipynb"
ROOT = ".sftk-privacy"
POS = f"{ROOT} .sftk-priv-position"
RECORDS = f"{ROOT} .sftk-priv-records"


def _selected(page, selector: str) -> str:
    "The shown option of a dropdown (ipywidgets writes spaces in labels as no-break spaces)."
    return page.locator(f"{selector} select").evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")


def _img_ok(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("img => img.complete && img.naturalWidth > 100")


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_privacy_panel_in_jupyterlab(lab):
    t0 = time.monotonic()
    page = lab.open_and_run(NB, wait_for=f"{RECORDS} .sftk-pii-record")
    assert "Loading widget" not in page.locator(".jp-Notebook").inner_text()
    summary = lab.text(page, f"{ROOT} .sftk-priv-summary")
    assert "7 PII matches in 4 records" in summary and "6 canaries" in summary and "AUC" in summary, summary
    # the plots are real, decoded PNGs; the attack table has both attacks
    for sel in (".sftk-priv-pii-bar", ".sftk-priv-exposure-plot", ".sftk-priv-roc-plot"):
        assert _img_ok(page, f"{ROOT} img{sel}"), sel
    attacks = lab.text(page, f"{ROOT} .sftk-priv-attacks")
    assert "loss" in attacks and "reference" in attacks and "TPR@1%FPR" in attacks, attacks

    pos = lab.text(page, POS)
    assert pos == "any PII in any field: records 1–2 of 6", pos
    # click the count of e-mail addresses in `text`: only those records, the e-mail spans marked, the preview redacted
    page.locator(f"{ROOT} .sftk-priv-cell-email-text button, {ROOT} button.sftk-priv-cell-email-text").first.click()
    new_pos = lab.wait_text_change(page, POS, pos)
    assert new_pos == "email in text: records 1–2 of 2", new_pos
    ids = page.locator(f"{RECORDS} .sftk-pii-record").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert ids == ["r1", "r4"], ids
    assert page.locator(f"{RECORDS} .sftk-pii-original mark.sftk-pii[data-type=email]").count() == 2
    assert "[EMAIL]" in lab.text(page, f"{RECORDS} .sftk-pii-redacted")
    # the dropdowns follow the click
    assert _selected(page, f"{ROOT} .sftk-priv-type") == "email"
    assert _selected(page, f"{ROOT} .sftk-priv-field") == "text"
    lab.screenshot(page, "privacy_panel", selector=ROOT)

    # all phone numbers, then the next page with a click
    pos = lab.text(page, POS)
    page.locator(f"{ROOT} .sftk-priv-cell-phone-all button, {ROOT} button.sftk-priv-cell-phone-all").first.click()
    pos = lab.wait_text_change(page, POS, pos)
    assert pos == "phone in any field: records 1–2 of 3", pos
    assert _selected(page, f"{ROOT} .sftk-priv-field") == "all fields"
    page.locator(ROOT).get_by_role("button", name="next", exact=True).click()
    assert lab.wait_text_change(page, POS, pos) == "phone in any field: records 3–3 of 3"
    assert page.locator(f"{RECORDS} .sftk-pii-record").count() == 1

    # the redaction mode: mask keeps the last digits
    before = lab.text(page, RECORDS)
    page.locator(f"{ROOT} .sftk-priv-redact select").select_option(label="mask")
    after = lab.wait_text_change(page, RECORDS, before)
    assert "[PHONE]" not in after and "** ** ** 56 78" in after, after

    shot = lab.screenshot(page, "privacy_panel_phone", selector=ROOT)
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 10_000
    print(f"\nprivacy panel: JupyterLab + Chromium start {lab.startup_s:.1f} s; whole test {time.monotonic() - t0:.1f} s")
