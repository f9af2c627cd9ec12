"""The live loss panel in a real JupyterLab: while a short training run executes, the progress line advances and the
loss figure is redrawn in place (display-handle updates), and at the end the figure shows the finished run.
Screenshots: tests/artifacts/live_loss_running.png (mid-run), tests/artifacts/live_loss.png (finished)."""
import re
import time
from pathlib import Path

import pytest

NB = Path(__file__).parent / "browser_nbs" / "live_loss.ipynb"
PROGRESS = ".jp-OutputArea-output .sftkit-live-text"
STEP = re.compile(r"step (\d+)/(\d+)")


def _state(page):
    "(step, total, figure src) as shown now; (None, None, None) before the panel exists."
    loc = page.locator(PROGRESS)
    if loc.count() == 0: return None, None, None
    m = STEP.search(loc.first.inner_text())
    imgs = page.locator(".jp-OutputArea-output img")
    src = imgs.first.get_attribute("src") if imgs.count() else None
    return (int(m.group(1)), int(m.group(2)), src) if m else (None, None, src)


@pytest.mark.browser
@pytest.mark.timeout(400)
def test_live_loss_panel_updates_during_training(lab):
    page = lab.open_and_run(NB, wait_for=PROGRESS, timeout=240)
    step, total, src = _state(page)
    assert (step, total) == (30, 30) and src and src.startswith("data:image/png")
    assert "loss" in lab.text(page, PROGRESS)

    # run it again and watch: the same output area must change while the kernel is busy
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    steps, srcs, shot = [], set(), False
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try: s, t, im = _state(page)
        except Exception: s, t, im = None, None, None     # output area being replaced
        if s is not None and (not steps or s != steps[-1]): steps.append(s)
        if im and s is not None and s < 30: srcs.add(im)
        if s is not None and 12 <= s < 30 and not shot:
            lab.screenshot(page, "live_loss_running"); shot = True
        if s == 30 and len(steps) > 1: break
        time.sleep(0.2)
    mid = [s for s in steps if 0 < s < 30]
    assert len(mid) >= 4, f"progress seen at steps {steps}"
    assert mid == sorted(mid), steps                      # it only moves forward
    assert len(srcs) >= 2, "the loss figure was not redrawn during the run"
    assert steps[-1] == 30
    lab._wait_done(page, 120_000)
    lab.screenshot(page, "live_loss")
