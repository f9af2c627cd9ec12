"""Training runs use private, unpredictable working directories, and saved models/reports are written atomically:
a crash mid-save leaves the previous output, never half of a new one."""
import os, stat, time
from pathlib import Path

import pytest
from datasets import Dataset


@pytest.fixture(scope="module")
def tiny_fit(tmp_path_factory):
    from sft_kit.train import tiny_encoder, fine_tune
    tiny = tiny_encoder(tmp_path_factory.mktemp("tiny"))
    train = Dataset.from_dict({"text": ["good film", "bad film", "great plot", "awful plot"] * 2,
                               "label": ["pos", "neg", "pos", "neg"] * 2})
    return fine_tune, tiny, train


def test_default_run_dir_is_private_and_not_predictable(tiny_fit, tmp_path, monkeypatch):
    fine_tune, tiny, train = tiny_fit
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile; monkeypatch.setattr(tempfile, "tempdir", None)     # re-read TMPDIR
    now = 1_700_000_000
    monkeypatch.setattr(time, "time", lambda: now)
    planted = tmp_path / f"sft_kit_run_{now}"                            # what another user could create first
    planted.mkdir(); (planted / "attacker.txt").write_text("x")
    fit = fine_tune(train, model=tiny, max_steps=2, batch_size=4, live=False, save_steps=1)
    run = Path(fit.out_dir)
    assert run != planted and run.parent == tmp_path and run.name.startswith("sft_kit_run_")
    assert stat.S_IMODE(run.stat().st_mode) == 0o700
    assert sorted(os.listdir(planted)) == ["attacker.txt"]             # nothing written into the planted folder
    assert any(p.name.startswith("checkpoint-") for p in run.iterdir())


def test_model_save_is_atomic(tiny_fit, tmp_path, monkeypatch):
    fine_tune, tiny, train = tiny_fit
    fit = fine_tune(train, model=tiny, max_steps=1, batch_size=4, live=False, out_dir=str(tmp_path / "run"))
    target = tmp_path / "model"
    fit.save(target)
    before = {p.name: p.stat().st_size for p in target.iterdir()}
    assert {"config.json", "training.json"} <= set(before)
    def dies_mid_save(path, *a, **k):
        Path(path, "model.safetensors").write_bytes(b"half a model")
        raise KeyboardInterrupt("killed mid-save")
    monkeypatch.setattr(fit.tokenizer, "save_pretrained", dies_mid_save)
    with pytest.raises(KeyboardInterrupt):
        fit.save(target)
    assert {p.name: p.stat().st_size for p in target.iterdir()} == before   # the previous model, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "run"]   # no temporary folder left behind


def test_pipeline_demo_figures_and_reports_are_atomic(tmp_path, monkeypatch):
    import matplotlib; matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sft_kit import pipeline_demo
    path = tmp_path / "loss.png"
    fig, ax = plt.subplots(); ax.plot([1, 2]); pipeline_demo._save(fig, path)
    good = path.read_bytes()
    fig, ax = plt.subplots(); ax.plot([2, 1])
    def dies(self, fname, *a, **k):
        Path(fname).write_bytes(b"\x89PNG half"); raise KeyboardInterrupt
    monkeypatch.setattr(type(fig), "savefig", dies)
    with pytest.raises(KeyboardInterrupt): pipeline_demo._save(fig, path)
    assert path.read_bytes() == good and sorted(os.listdir(tmp_path)) == ["loss.png"]
