"""The split panel in a real JupyterLab: before the first split it shows what to do (no broken image); a click on
split shows the sizes, the leakage verdict with what fixes it, and the plot; ticking near duplicates makes it clean
(tests/artifacts/split_panel.png)."""
import pytest

NB = __import__("pathlib").Path(__file__).parent / "browser_nbs" / "split_panel.ipynb"
ROOT = ".sftk-split"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_split_panel_in_jupyterlab(lab):
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-split-summary .sftk-split-placeholder", timeout=180)
    assert "No split yet" in lab.text(page, f"{ROOT} .sftk-split-summary")
    # no image element is shown before there is a plot (an empty widgets Image is a broken-image icon)
    assert page.locator(f"{ROOT} img.sftk-split-plot").evaluate("img => getComputedStyle(img).display") == "none"

    before = lab.text(page, f"{ROOT} .sftk-split-summary")
    page.locator(ROOT).get_by_role("button", name="split", exact=True).click()
    summary = lab.wait_text_change(page, f"{ROOT} .sftk-split-summary", before, timeout=120)
    assert "NOT clean" in summary and "group near duplicates" in summary, summary
    img = page.locator(f"{ROOT} img.sftk-split-plot")
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=img.element_handle(), timeout=30_000)

    page.locator(f"{ROOT} .widget-checkbox input").check()
    page.locator(ROOT).get_by_role("button", name="split", exact=True).click()
    after = lab.wait_text_change(page, f"{ROOT} .sftk-split-summary", summary, timeout=120)
    assert "NOT clean" not in after and "clean" in after and "group near duplicates" not in after, after
    shot = lab.screenshot(page, "split_panel", selector=ROOT)
    assert shot.exists() and shot.read_bytes()[:4] == b"\x89PNG"
