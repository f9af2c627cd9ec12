"""Execute notebooks in nbs/ and save them WITH their outputs, so that a reader on a code host sees the results.

    python tools/run_notebooks.py                 # every notebook in nbs/
    python tools/run_notebooks.py 95 96_tutorial  # those whose file name starts with (or equals) a name given
    make notebooks NB="95 96"                     # the same through make

What it does, per notebook (each in a fresh kernel, one after the other; a failing notebook is reported and left
untouched on disk, and the rest continue; the exit status is 1 when any failed):

* runs every code cell except those flagged `#| slow`, `#| notest` (the `tst_flags` of settings.ini) or
  `#| eval: false`: those keep the outputs saved in them (full-size results their authors ran themselves);
* starts the kernel with fixed seeds (`random`, numpy, torch, `PYTHONHASHSEED=0`), offline hub settings and
  small PNG figures (`--dpi`, default 72), so that reruns give the same files where the notebook allows;
* turns every ipywidgets panel into a static picture of its state (HTML: labels, values, buttons, tables, and
  the plots inside its Output widgets), rendered from the widget state the kernel reported, so that it shows
  on a web page without a kernel, and drops the widget-state blobs;
* downscales PNGs wider than `--max-width` pixels, trims long text outputs and collapses progress-bar
  carriage returns; then cleans the notebook the way `nbdev_clean` does (no execution counts, no metadata).

Writes are atomic (a temporary file next to the notebook, then a rename). Prints the time each notebook took.
"""
from __future__ import annotations

import argparse, base64, configparser, copy, html, io, os, re, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / "nbs"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

# ---------------------------------------------------------------------------------------------------------------
# Which cells run

def skip_flags(settings: Path = ROOT / "settings.ini") -> set[str]:
    "The nbdev test flags (cells nbdev_test skips), from settings.ini's `tst_flags`."
    cfg = configparser.ConfigParser()
    cfg.read(settings)
    return set(cfg.get("DEFAULT", "tst_flags", fallback="notest slow").split())

_DIRECTIVE = re.compile(r"^\s*#\|\s*(.*?)\s*$")

def directives(source: str) -> list[str]:
    "The `#|` directive lines at the top of a cell, e.g. ['export', 'slow', 'eval: false']."
    out = []
    for line in source.splitlines():
        m = _DIRECTIVE.match(line)
        if not m:
            if line.strip(): break
            continue
        out.append(m.group(1))
    return out

def is_skipped(source: str, flags: set[str]) -> bool:
    "True for a cell that must keep its saved outputs: a test flag (`slow`, `notest`) or `eval: false`."
    for d in directives(source):
        words = d.replace(":", " ").split()
        if not words: continue
        if words[0] in flags: return True
        if words[0] == "eval" and len(words) > 1 and words[1].lower() == "false": return True
    return False

# ---------------------------------------------------------------------------------------------------------------
# Output post-processing: images, long text, progress bars

def shrink_png(b64: str, max_width: int) -> str:
    "A PNG (base64) no wider than `max_width`, re-encoded with a palette when that is smaller."
    from PIL import Image
    raw = base64.b64decode(b64)
    im = Image.open(io.BytesIO(raw))
    im.load()
    if im.width > max_width:
        im = im.resize((max_width, round(im.height * max_width / im.width)), Image.LANCZOS)
    best = raw if im.size == Image.open(io.BytesIO(raw)).size else None
    for candidate in (im, im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)):
        buf = io.BytesIO()
        candidate.save(buf, format="PNG", optimize=True)
        if best is None or len(buf.getvalue()) < len(best): best = buf.getvalue()
    return base64.b64encode(best).decode("ascii")

_TQDM_LINE = re.compile(r"\d+%\|.*\|.*\[\d+:\d+(<|\])")

def collapse_cr(text: str) -> str:
    "Keep what a terminal would show of lines rewritten with carriage returns; drop text-mode tqdm bars (timings)."
    lines = (line.rsplit("\r", 1)[-1] if "\r" in line.rstrip("\r") else line.rstrip("\r") for line in text.split("\n"))
    return "\n".join(l for l in lines if not _TQDM_LINE.search(l))

def trim_text(text: str, max_lines: int, max_chars: int) -> str:
    "Head and tail of a long text with a note of what was cut."
    lines = text.split("\n")
    if len(lines) > max_lines:
        head, tail = max_lines * 2 // 3, max_lines // 3
        lines = lines[:head] + [f"… [{len(lines) - head - tail} lines trimmed by tools/run_notebooks.py] …"] + lines[-tail:]
        text = "\n".join(lines)
    if len(text) > max_chars:
        text = text[:max_chars * 2 // 3] + f"\n… [{len(text) - max_chars} characters trimmed] …\n" + text[-max_chars // 3:]
    return text

def _join(v) -> str: return "".join(v) if isinstance(v, list) else (v or "")

# ---------------------------------------------------------------------------------------------------------------
# Widgets -> a static picture (HTML + a text fallback) from the widget state the kernel sent

_BOX = {"VBoxModel": "column", "HBoxModel": "row", "BoxModel": "row", "GridBoxModel": "row"}
_CHOICE = {"DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectionSliderModel",
           "ComboboxModel"}

def _ref(x):
    return x[len("IPY_MODEL_"):] if isinstance(x, str) and x.startswith("IPY_MODEL_") else None

class WidgetRenderer:
    "Render ipywidgets models (their synced state) to HTML and to plain text, recursively."

    def __init__(self, state: dict, max_width: int = 720, text_lines: int = 40):
        self.state, self.max_width, self.text_lines = state, max_width, text_lines

    def render(self, model_id: str) -> tuple[str, str]:
        body, text = self._html(model_id, 0), self._text(model_id, 0)
        return (f'<div style="border:1px solid #ccc;border-radius:4px;padding:6px;font-family:sans-serif;font-size:13px">'
                f'<div style="color:#888;font-size:11px">static picture of an interactive panel, saved by tools/run_notebooks.py</div>'
                f'{body}</div>', text)

    def _model(self, mid):
        return self.state.get(mid) or {}

    def _desc(self, s) -> str:
        d = s.get("description") or ""
        return f"<b>{html.escape(d)}</b> " if d else ""

    def _visible(self, s) -> bool:
        lay = self._model(_ref(s.get("layout")) or "")
        return (lay.get("display") != "none") and (lay.get("visibility") != "hidden")

    def _outputs_html(self, outputs) -> str:
        parts = []
        for o in outputs or []:
            data = o.get("data", {})
            if o.get("output_type") == "stream":
                parts.append(f"<pre>{html.escape(trim_text(collapse_cr(_join(o.get('text'))), self.text_lines, 4000))}</pre>")
            elif WIDGET_VIEW in data and _ref("IPY_MODEL_" + data[WIDGET_VIEW].get("model_id", "")) in self.state:
                parts.append(self._html(data[WIDGET_VIEW]["model_id"], 1))
            elif "image/png" in data:
                png = shrink_png(_join(data["image/png"]).strip(), self.max_width)
                parts.append(f'<img src="data:image/png;base64,{png}" style="max-width:100%"/>')
            elif "text/html" in data:
                parts.append(_join(data["text/html"]))
            elif "text/markdown" in data:
                parts.append(f"<pre>{html.escape(_join(data['text/markdown']))}</pre>")
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(trim_text(_join(data['text/plain']), self.text_lines, 4000))}</pre>")
            elif o.get("output_type") == "error":
                parts.append(f"<pre>{html.escape(o.get('ename', ''))}: {html.escape(o.get('evalue', ''))}</pre>")
        return "".join(parts)

    def _outputs_text(self, outputs, pad) -> list[str]:
        out = []
        for o in outputs or []:
            data = o.get("data", {})
            if o.get("output_type") == "stream": t = collapse_cr(_join(o.get("text")))
            elif WIDGET_VIEW in data: out += self._text(data[WIDGET_VIEW]["model_id"], len(pad) // 2 + 1); continue
            elif "text/plain" in data: t = _join(data["text/plain"])
            elif "image/png" in data: t = "[figure]"
            else: continue
            out += [pad + l for l in trim_text(t, self.text_lines, 4000).splitlines()]
        return out

    def _value(self, name, s) -> str:
        "The displayed value of a control."
        if name in _CHOICE:
            labels, idx = s.get("_options_labels") or [], s.get("index")
            return html.escape(str(labels[idx])) if isinstance(idx, int) and 0 <= idx < len(labels) else "—"
        if name == "SelectMultipleModel":
            labels = s.get("_options_labels") or []
            return html.escape(", ".join(str(labels[i]) for i in s.get("index") or [] if i < len(labels))) or "—"
        v = s.get("value")
        if isinstance(v, float): v = f"{v:.4g}"
        return html.escape(str(v))

    def _html(self, mid: str, depth: int) -> str:
        s = self._model(mid)
        name = s.get("_model_name", "")
        if not s or depth > 40 or not self._visible(s): return ""
        if name in _BOX or name in ("TabModel", "AccordionModel", "StackModel"):
            kids = [k for k in (_ref(c) for c in s.get("children") or []) if k]
            if name in ("TabModel", "AccordionModel", "StackModel"):
                titles = s.get("titles") or s.get("_titles") or []
                if isinstance(titles, dict): titles = [titles.get(str(i), "") for i in range(len(kids))]
                sel = s.get("selected_index")
                heads = " | ".join(("<u><b>" if i == sel else "") + html.escape(str(titles[i] if i < len(titles) and titles[i] else f"tab {i + 1}"))
                                   + ("</b></u>" if i == sel else "") for i in range(len(kids)))
                shown = [kids[sel]] if isinstance(sel, int) and 0 <= sel < len(kids) else kids[:1]
                return f'<div style="margin:2px 0"><div style="border-bottom:1px solid #ddd">{heads}</div>{"".join(self._html(k, depth + 1) for k in shown)}</div>'
            direction = _BOX[name]
            inner = "".join(f'<div style="margin:2px 6px 2px 0">{self._html(k, depth + 1)}</div>' for k in kids)
            return f'<div style="display:flex;flex-direction:{direction};flex-wrap:wrap;align-items:flex-start">{inner}</div>'
        if name == "OutputModel": return self._outputs_html(s.get("outputs"))
        if name in ("HTMLModel", "HTMLMathModel"): return self._desc(s) + (s.get("value") or "")
        if name == "LabelModel": return self._desc(s) + html.escape(s.get("value") or "")
        if name in ("ButtonModel",):
            return f'<span style="border:1px solid #999;border-radius:3px;padding:1px 8px;background:#eee">{html.escape(s.get("description") or s.get("icon") or "button")}</span>'
        if name in ("CheckboxModel", "ToggleButtonModel"):
            return ("☑ " if s.get("value") else "☐ ") + html.escape(s.get("description") or "")
        if name in ("IntProgressModel", "FloatProgressModel"):
            lo, hi, v = s.get("min", 0), s.get("max", 100), s.get("value", 0)
            frac = 0 if hi == lo else max(0.0, min(1.0, (v - lo) / (hi - lo)))
            return (f'{self._desc(s)}<span style="display:inline-block;width:160px;height:10px;background:#eee;vertical-align:middle">'
                    f'<span style="display:block;width:{frac * 100:.0f}%;height:10px;background:#4a90d9"></span></span> {frac:.0%}')
        if name.endswith("SliderModel") and name not in _CHOICE:
            v = s.get("value")
            shown = (f"{v[0]} – {v[1]}" if isinstance(v, list) else self._value(name, s))
            return f'{self._desc(s)}<code>{html.escape(str(shown))}</code> <span style="color:#888">(range {s.get("min")}–{s.get("max")})</span>'
        if name in ("TextModel", "TextareaModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
                    "BoundedFloatTextModel", "PasswordModel") or name in _CHOICE or name == "SelectMultipleModel":
            val = "•••" if name == "PasswordModel" else self._value(name, s)
            if name == "TextareaModel": return f'{self._desc(s)}<pre style="border:1px solid #ccc;padding:2px">{val}</pre>'
            return f'{self._desc(s)}<code style="border:1px solid #ccc;padding:0 4px">{val or "&nbsp;"}</code>'
        if name == "ImageModel": return "<i>[image widget]</i>"
        return f"<i>[{html.escape(name.replace('Model', '') or 'widget')}]</i>"

    def _text(self, mid: str, depth: int) -> list[str]:
        s, pad = self._model(mid), "  " * depth
        name = s.get("_model_name", "")
        if not s or depth > 40 or not self._visible(s): return []
        kids = [k for k in (_ref(c) for c in s.get("children") or []) if k]
        if kids: return [l for k in kids for l in self._text(k, depth + 1)]
        if name == "OutputModel": return self._outputs_text(s.get("outputs"), pad)
        if name in ("HTMLModel", "HTMLMathModel"):
            t = re.sub(r"<[^>]+>", " ", s.get("value") or "")
            t = re.sub(r"[ \t]+", " ", html.unescape(t)).strip()
            return [pad + l for l in t.splitlines() if l.strip()][:self.text_lines]
        if name == "ButtonModel": return [f"{pad}[{s.get('description') or 'button'}]"]
        if name in ("CheckboxModel", "ToggleButtonModel"): return [f"{pad}[{'x' if s.get('value') else ' '}] {s.get('description') or ''}"]
        if name.endswith("Model") and ("value" in s or "index" in s):
            return [f"{pad}{(s.get('description') or '').strip()} {html.unescape(self._value(name, s))}".rstrip()]
        return []

    def is_progress_bar(self, mid: str) -> bool:
        "A tqdm.auto bar (HBox of HTML, progress, HTML): its rates and times say nothing to a reader and change every run."
        s = self._model(mid)
        kids = [self._model(_ref(c) or "").get("_model_name") for c in s.get("children") or []]
        return s.get("_model_name") == "HBoxModel" and len(kids) == 3 and kids[0] == kids[2] == "HTMLModel" \
            and kids[1] in ("FloatProgressModel", "IntProgressModel")

def staticize_widgets(outputs: list, renderer: WidgetRenderer) -> list:
    "Replace widget views in a cell's outputs with the static picture of the widget (tqdm bars are dropped)."
    new = []
    for o in outputs:
        data = o.get("data", {})
        if WIDGET_VIEW in data:
            mid = data[WIDGET_VIEW].get("model_id", "")
            if renderer.is_progress_bar(mid): continue
            if mid in renderer.state:
                h, t = renderer.render(mid)
                new.append({"output_type": "display_data", "metadata": {},
                            "data": {"text/html": h, "text/plain": "\n".join(t) or "[interactive panel]"}})
                continue
            data.pop(WIDGET_VIEW)     # a view whose model the kernel never reported: keep the text fallback only
            if not data: continue
        new.append(o)
    return new

def tidy_outputs(outputs: list, max_width: int, max_lines: int, max_chars: int) -> list:
    "Downscale images, trim text, merge consecutive stream chunks of one stream."
    out = []
    for o in outputs:
        if o.get("output_type") == "stream":
            text = _join(o.get("text"))
            if out and out[-1].get("output_type") == "stream" and out[-1].get("name") == o.get("name"):
                out[-1]["text"] = _join(out[-1]["text"]) + text
            else:
                out.append(dict(o, text=text))
            continue
        data = o.get("data")
        if data:
            for k in list(data):
                if k == "image/png": data[k] = shrink_png(_join(data[k]).strip(), max_width)
                elif k in ("text/plain",): data[k] = trim_text(_join(data[k]), max_lines, max_chars)
                elif k == "text/html" and len(_join(data[k])) > 20 * max_chars and "text/plain" in data:
                    data.pop(k)     # an HTML blob this large (a huge table) is not worth its bytes; the text stays
        out.append(o)
    for o in out:
        if o.get("output_type") == "stream": o["text"] = trim_text(collapse_cr(o["text"]), max_lines, max_chars)
    return [o for o in out if not (o.get("output_type") == "stream" and not o["text"].strip())]

# ---------------------------------------------------------------------------------------------------------------
# Running

PREAMBLE = """\
import os, random, warnings
random.seed(0)
try:
    import numpy as _np; _np.random.seed(0)
except ImportError: pass
try:
    import torch as _torch; _torch.manual_seed(0)
except ImportError: pass
try:
    import matplotlib as _mpl
    _mpl.rcParams.update({{"figure.dpi": {dpi}, "savefig.dpi": {dpi}}})
    get_ipython().run_line_magic("config", "InlineBackend.figure_formats = ['png']")
    get_ipython().run_line_magic("config", "InlineBackend.rc = {{'figure.dpi': {dpi}}}")
    get_ipython().run_line_magic("config", "InlineBackend.print_figure_kwargs = {{'bbox_inches': 'tight', 'metadata': {{'Software': None}}}}")
except Exception: pass
"""

def kernel_env() -> dict:
    env = dict(os.environ)
    env.update({"PYTHONHASHSEED": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
                "TOKENIZERS_PARALLELISM": "false", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
                "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    return env

def run_notebook(path: Path, timeout: int = 1800, dpi: int = 72, max_width: int = 720, max_lines: int = 60,
                 max_chars: int = 6000, flags: set[str] | None = None) -> dict:
    "Execute one notebook and save it with outputs (see the module docstring). Returns a summary dict."
    import nbformat
    from nbclient import NotebookClient
    from nbdev.clean import clean_nb
    flags = skip_flags() if flags is None else flags
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False, store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    ran = kept = 0
    t0 = time.time()
    metadata = copy.deepcopy({k: v for k, v in nb.metadata.items() if k != "widgets"})   # kept as it was (nbdev_clean would change it)
    with client.setup_kernel(env=kernel_env(), cwd=str(path.parent)):
        # Seeds and figure settings: a cell that runs first and is then taken out of the notebook again.
        nb.cells.insert(0, nbformat.v4.new_code_cell(PREAMBLE.format(dpi=dpi)))
        try: client.execute_cell(nb.cells[0], 0)
        finally: nb.cells.pop(0)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code": continue
            if is_skipped(cell.source, flags):
                kept += 1
                continue
            cell.outputs = []
            client.execute_cell(cell, i)
            ran += 1
    renderer = WidgetRenderer(client.widget_state, max_width=max_width)
    for cell in nb.cells:
        if cell.cell_type != "code": continue
        outs = [dict(o) for o in cell.get("outputs", [])]
        outs = staticize_widgets(outs, renderer)
        cell.outputs = [nbformat.from_dict(o) for o in tidy_outputs(outs, max_width, max_lines, max_chars)]
    clean_nb(nb)
    nb.metadata = nbformat.from_dict(metadata)
    text = nbformat.writes(nbformat.from_dict(nb), version=4)
    nbformat.validate(nbformat.reads(text, as_version=4))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    tmp.replace(path)
    return {"notebook": path.name, "seconds": time.time() - t0, "cells_run": ran, "cells_kept": kept,
            "bytes": path.stat().st_size}

def select(names: list[str], nbs: Path = NBS) -> list[Path]:
    "Notebooks in `nbs` whose file name equals or starts with one of `names` (all when none are given)."
    every = sorted(p for p in nbs.glob("*.ipynb") if not p.name.startswith((".", "_")))
    if not names: return every
    out = []
    for n in names:
        hits = [p for p in every if p.name == Path(n).name or p.stem == Path(n).stem or p.name.startswith(Path(n).name)]
        if not hits: raise SystemExit(f"run_notebooks: no notebook in {nbs} matches {n!r}")
        out += [p for p in hits if p not in out]
    return out

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="notebook names or prefixes in nbs/ (default: all)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    ap.add_argument("--nbs", type=Path, default=NBS, help="folder of notebooks (default: nbs/)")
    ap.add_argument("--dpi", type=int, default=72)
    ap.add_argument("--max-width", type=int, default=720, help="PNGs wider than this are downscaled")
    ap.add_argument("--max-lines", type=int, default=60, help="text outputs longer than this are trimmed")
    ap.add_argument("--include-slow", action="store_true",
                    help="also run `#| slow`/`#| notest` cells (an author saving full-size results; can take long)")
    args = ap.parse_args(argv)
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    paths, results, failed = select(args.names, args.nbs), [], []
    for p in paths:
        t0 = time.time()
        print(f"[run_notebooks] {p.name} …", flush=True)
        try:
            r = run_notebook(p, timeout=args.timeout, dpi=args.dpi, max_width=args.max_width, max_lines=args.max_lines,
                             flags=set() if args.include_slow else None)
            results.append(r)
            print(f"[run_notebooks] {p.name}: ok in {r['seconds']:.1f} s ({r['cells_run']} cells run, "
                  f"{r['cells_kept']} kept their saved outputs, {r['bytes'] / 1024:.0f} KiB)", flush=True)
        except (CellExecutionError, CellTimeoutError, Exception) as e:      # report and go on with the next notebook
            msg = str(e).strip().splitlines()
            failed.append(p.name)
            print(f"[run_notebooks] {p.name}: FAILED after {time.time() - t0:.1f} s (left unchanged): "
                  f"{type(e).__name__}: {' | '.join(msg[-3:])[:600]}", flush=True)
    total = sum(r["seconds"] for r in results)
    size = sum(p.stat().st_size for p in args.nbs.glob("*.ipynb"))
    print(f"[run_notebooks] {len(results)} saved, {len(failed)} failed{': ' + ', '.join(failed) if failed else ''}; "
          f"{total:.0f} s; nbs/ notebooks now {size / 2**20:.1f} MiB")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
