"""tools/run_notebooks.py: notebooks are executed and saved with outputs; slow cells keep theirs; panels become
static pictures; a failing notebook is reported, left unchanged, and the others still run."""
import base64, io, json, subprocess, sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import run_notebooks as rn  # noqa: E402

SAVED_SLOW = {"output_type": "stream", "name": "stdout", "text": "full-size result: 0.917\n"}

def _nb(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, (src, outputs) in enumerate(cells):
        c = nbformat.v4.new_code_cell(src, id=f"c{i}")
        c.outputs = [nbformat.from_dict(o) for o in outputs]
        nb.cells.append(c)
    nb.cells.append(nbformat.v4.new_markdown_cell("The end.", id="last"))
    return nb

@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    d = tmp_path_factory.mktemp("nbs")
    good = _nb([
        ("import matplotlib.pyplot as plt, random\nprint('seeded', random.random())", []),
        ("#| slow\nprint('this must not run')", [SAVED_SLOW]),
        ("print('\\n'.join(f'line {i}' for i in range(500)))", []),
        ("fig, ax = plt.subplots(figsize=(20, 4), dpi=200); ax.plot([1, 3, 2]);", []),
        ("import ipywidgets as W\nfrom IPython.display import display\nout = W.Output()\n"
         "panel = W.VBox([W.HTML('<b>Panel title</b>'), W.HBox([W.IntSlider(value=7, description='k'),"
         " W.Dropdown(options=['alpha', 'beta'], value='beta', description='pick'), W.Button(description='Run')]), out])\n"
         "with out:\n    print('inside the output widget')\n    f2, a2 = plt.subplots(figsize=(3, 2)); a2.plot([0, 1]); plt.show()\n"
         "panel", []),
        ("from tqdm.auto import tqdm\nfor _ in tqdm(range(3)): pass", []),
    ])
    bad = _nb([("print('before')", []), ("raise ValueError('boom')", [])])
    nbformat.write(good, d / "10_good.ipynb")
    nbformat.write(bad, d / "05_bad.ipynb")
    bad_before = (d / "05_bad.ipynb").read_bytes()
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"), "--nbs", str(d)],
                          capture_output=True, text=True, timeout=600)
    return d, proc, bad_before

def test_failure_is_reported_and_the_rest_continue(ran):
    d, proc, bad_before = ran
    assert proc.returncode == 1
    assert "05_bad.ipynb: FAILED" in proc.stdout and "boom" in proc.stdout
    assert "10_good.ipynb: ok in" in proc.stdout          # ran after the failure, with its timing
    assert (d / "05_bad.ipynb").read_bytes() == bad_before   # a failed notebook is left as it was

def test_outputs_saved_and_slow_cells_kept(ran):
    d, _, _ = ran
    nb = json.loads((d / "10_good.ipynb").read_text())
    cells = {c["id"]: c for c in nb["cells"]}
    assert [c["id"] for c in nb["cells"]] == ["c0", "c1", "c2", "c3", "c4", "c5", "last"]   # nothing added or lost
    assert "seeded 0.844421851525048" in "".join(cells["c0"]["outputs"][0]["text"])        # random.seed(0) in the kernel
    kept = cells["c1"]["outputs"]                                                            # not re-run
    assert len(kept) == 1 and "".join(kept[0]["text"]) == SAVED_SLOW["text"]
    text = "".join(cells["c2"]["outputs"][0]["text"])
    assert "lines trimmed" in text and text.count("\n") < 80
    assert all(c.get("execution_count") is None for c in nb["cells"] if c["cell_type"] == "code")
    assert nb["metadata"]["kernelspec"]["display_name"] == "Python 3 (ipykernel)" and "widgets" not in nb["metadata"]

def test_images_are_downscaled(ran):
    from PIL import Image
    d, _, _ = ran
    nb = json.loads((d / "10_good.ipynb").read_text())
    png = next(o["data"]["image/png"] for o in nb["cells"][3]["outputs"] if "image/png" in o.get("data", {}))
    im = Image.open(io.BytesIO(base64.b64decode("".join(png))))
    assert im.width <= 720

def test_panel_is_a_static_picture(ran):
    d, _, _ = ran
    nb = json.loads((d / "10_good.ipynb").read_text())
    outs = nb["cells"][4]["outputs"]
    assert not any(rn.WIDGET_VIEW in o.get("data", {}) for o in outs)
    html = "".join(next(o["data"]["text/html"] for o in outs if "text/html" in o.get("data", {})))
    for shown in ("Panel title", "<code>7</code>", "beta", "Run", "inside the output widget", "data:image/png;base64,"):
        assert shown in html, shown
    plain = "".join(next(o["data"]["text/plain"] for o in outs if "text/html" in o.get("data", {})))
    assert "k 7" in plain and "pick beta" in plain and "[Run]" in plain
    assert nb["cells"][5]["outputs"] == []     # a tqdm bar (rates, times) is not saved

def test_directives():
    assert rn.is_skipped("#| slow\nx = 1", {"slow", "notest"})
    assert rn.is_skipped("#|notest\nx", {"slow", "notest"})
    assert rn.is_skipped("#| eval: false\nx", {"slow"})
    assert not rn.is_skipped("x = 1\n#| slow", {"slow"})
    assert not rn.is_skipped("#| export\nx = 1", {"slow", "notest"})
    assert rn.collapse_cr("50%\r100% done\nMap: 100%|##| 3/3 [00:00<00:00, 9.1it/s]\nok") == "100% done\nok"
