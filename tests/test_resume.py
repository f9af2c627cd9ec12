"""A run interrupted after N steps and resumed from its checkpoint ends exactly where an uninterrupted run ends."""
import os
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import numpy as np
import pytest

torch = pytest.importorskip("torch")
from sft_kit.bundled import load_bundled
from sft_kit.train import fine_tune, tiny_encoder


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    torch.set_num_threads(1)
    enc = tiny_encoder(tmp_path_factory.mktemp("enc"))
    sms = load_bundled("sms_spam", limit=300).shuffle(seed=0)
    return enc, sms.select(range(96)), sms.select(range(96, 160))


def _run(enc, tr, ev, out, **kw):
    return fine_tune(tr, ev, model=enc, out_dir=str(out), max_steps=12, batch_size=8, eval_steps=6, save_steps=6,
                     lr=3e-3, max_length=32, live=False, seed=7, logging_steps=2, **kw)


def test_interrupted_and_resumed_equals_uninterrupted(setup, tmp_path):
    enc, tr, ev = setup
    full = _run(enc, tr, ev, tmp_path / "full")
    part = _run(enc, tr, ev, tmp_path / "part", stop_after=5)
    assert part.steps == 5 < full.steps == 12
    assert (tmp_path / "part" / "checkpoint-5").is_dir()
    resumed = _run(enc, tr, ev, tmp_path / "part", resume=True)
    assert resumed.steps == 12
    for k in ("eval_loss", "eval_accuracy", "eval_f1_macro"):
        assert resumed.metrics[k] == pytest.approx(full.metrics[k], abs=1e-6), k
    a, b = full.model.state_dict(), resumed.model.state_dict()
    assert max(float((a[k] - b[k]).abs().max()) for k in a) < 1e-6
    # training losses logged after the first log following the resume point (losses are averaged between logs)
    la = {h["step"]: h["loss"] for h in full.history if "loss" in h and h["step"] > 6}
    lb = {h["step"]: h["loss"] for h in resumed.history if "loss" in h and h["step"] > 6}
    assert la.keys() == lb.keys() and all(abs(la[s] - lb[s]) < 1e-4 for s in la)


def test_a_different_seed_differs(setup, tmp_path):
    """Guards the test above: equality is not vacuous."""
    enc, tr, ev = setup
    a = fine_tune(tr, None, model=enc, out_dir=str(tmp_path / "a"), max_steps=4, batch_size=8, lr=3e-3, max_length=32, live=False, seed=1)
    b = fine_tune(tr, None, model=enc, out_dir=str(tmp_path / "b"), max_steps=4, batch_size=8, lr=3e-3, max_length=32, live=False, seed=2)
    sa, sb = a.model.state_dict(), b.model.state_dict()
    assert max(float((sa[k] - sb[k]).abs().max()) for k in sa) > 1e-4
