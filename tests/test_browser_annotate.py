"The annotation panel in a real JupyterLab: labels typed on the keyboard reach the journal file on disk."
import json, time
from pathlib import Path

import pytest

from browser_harness import journal_events as _events, wait_journal_events as _wait_events

NB = Path(__file__).parent / "browser_nbs" / "annotate.ipynb"
ROOT = ".sftk-annotate"


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_keyboard_label_reaches_the_journal(lab):
    page = lab.open_and_run(NB, wait_for=f"{ROOT} .sftk-ann-keys input")
    journal = lab.text(page, ".journal-path").strip()
    assert journal.endswith("journal.jsonl") and _events(journal) == []
    header = lab.text(page, f"{ROOT} .sftk-ann-header")
    assert "0 / 20" in header and "annotator browser" in header
    assert "sms_spam:00001" in lab.text(page, f"{ROOT} .sftk-ann-record")

    # put the focus in the key box, then type like a person: "2" = spam. In command mode JupyterLab would
    # take a bare digit as "change cell type"; inside the box it reaches the panel.
    box = page.locator(f"{ROOT} .sftk-ann-keys input")
    box.click()
    page.keyboard.type("2")
    header = lab.wait_text_change(page, f"{ROOT} .sftk-ann-header", header)
    assert "1 / 20" in header and "spam 1" in header
    ev = _wait_events(journal, 1)
    assert [(e["annotator"], e["action"], e["id"], e["value"]) for e in ev] == [("browser", "label", "sms_spam:00001", "spam")]
    assert "sms_spam:00002" in lab.text(page, f"{ROOT} .sftk-ann-record")
    assert box.input_value() == ""                                   # the box was cleared for the next key

    # more keys: 1 (ham for record 2), s (skip 3), u (undo the skip)
    for key, n in (("1", 2), ("s", 3), ("u", 4)):
        page.keyboard.type(key)
        _wait_events(journal, n)
    ev = _events(journal)
    assert [e["action"] for e in ev] == ["label", "label", "skip", "undo"]
    assert ev[1]["value"] == "ham" and ev[3]["target"] == ev[2]["uid"]
    lab.wait_text_change(page, f"{ROOT} .sftk-ann-record .sftk-ann-id", "sms_spam:00004")
    assert "sms_spam:00003" in lab.text(page, f"{ROOT} .sftk-ann-record .sftk-ann-id")

    # a click on a label button works as well
    header = lab.text(page, f"{ROOT} .sftk-ann-header")
    page.get_by_role("button", name="2: spam").click()
    lab.wait_text_change(page, f"{ROOT} .sftk-ann-header", header)
    ev = _wait_events(journal, 5)
    assert (ev[4]["id"], ev[4]["value"]) == ("sms_spam:00003", "spam")

    # typing at a brisk human pace (one key every 150 ms): every key is one event, none doubled or lost
    box.click()
    page.keyboard.type("1212s", delay=150)
    ev = _wait_events(journal, 10)
    time.sleep(1.0)
    ev = _events(journal)
    assert [(e["action"], e.get("value")) for e in ev[5:]] == [("label", "ham"), ("label", "spam"), ("label", "ham"), ("label", "spam"), ("skip", None)], ev[5:]
    assert [e["id"] for e in ev[5:]] == [f"sms_spam:{k:05d}" for k in range(4, 9)]

    # the panel was never replaced by cell-type changes: the notebook still has its code cell
    assert page.locator(".jp-Notebook .jp-CodeCell").count() == 1
    shot = lab.screenshot(page, "annotate", selector=ROOT)
    assert shot.exists() and shot.stat().st_size > 5_000
