"""Real-browser tests of notebooks and panels: one JupyterLab server + one headless Chromium per pytest session.

Use it through the session-scoped pytest fixture ``lab`` (tests/conftest.py)::

    import pytest
    from pathlib import Path
    NB = Path(__file__).parent / "browser_nbs" / "mypanel.ipynb"

    @pytest.mark.browser
    @pytest.mark.timeout(300)
    def test_mypanel(lab):
        page = lab.open_and_run(NB, wait_for=".my-panel")      # Playwright Page, every cell has run
        before = lab.text(page, ".my-panel .my-count")
        page.get_by_role("button", name="next").click()
        lab.wait_text_change(page, ".my-panel .my-count", before)
        lab.screenshot(page, "mypanel", selector=".my-panel")  # -> tests/artifacts/mypanel.png

API (class ``Lab``):

``lab.open_and_run(nb_path, wait_for=None, timeout=120) -> playwright Page``
    Copies the notebook (and nothing else) into a fresh folder under the server's temporary root, opens it in
    a new browser tab in its own JupyterLab workspace, waits for the status bar to read
    "Python 3 (ipykernel) | Idle", runs every cell with the menu *Run > Run All Cells*, and waits until each
    code cell has an execution count, the kernel is idle again, and no output still says "Loading widget...".
    If a cell raises, it fails at once with the cell's traceback text (``NotebookError``). ``wait_for``: a CSS
    selector that must then be visible (e.g. your panel's root class; use ``widget.add_class(...)`` on the panel).
    The notebook's kernel is the harness's Python (the repo's .venv), with ``HF_HUB_OFFLINE=1``; its working
    directory is the notebook's temporary folder, so write nothing relative and expect no neighbour files.
``lab.screenshot(page, name, selector=None) -> Path``
    Saves ``tests/artifacts/<name>.png`` (the viewport, or only the element ``selector`` after scrolling it into
    view) and returns its path.
``lab.text(page, selector) -> str``, ``lab.wait_text_change(page, selector, old, timeout=30) -> str``
    The inner text of the first element matching ``selector``; wait until it differs from ``old``.
``lab.close_page(page)``
    Closes the tab and shuts its kernel down. Done automatically after every test for the pages it opened
    (autouse fixture in conftest.py), so tests do not leak kernels into each other.
``lab.url``, ``lab.token``, ``lab.root``, ``lab.context`` (the Playwright BrowserContext)
    For anything else. ``lab.startup_s``: seconds to start server + browser; ``lab.timings``: seconds into the last
    ``open_and_run`` at which the notebook was shown, the kernel idle, the cells run, ``wait_for`` visible.

Settings (environment): ``SFT_KIT_CHROMIUM`` (default /usr/bin/chromium), ``SFT_KIT_BROWSER_HEADED=1`` (show the
window, for debugging), ``SFT_KIT_REQUIRE_BROWSER=1`` (CI: fail instead of skip when Chromium is missing).

The server listens on 127.0.0.1 on a free port with a random token; its config, data, runtime, workspaces and
settings dirs, and IPython's and matplotlib's, all live in a temporary directory, so nothing of the user's
Jupyter set-up is read or written. ``Lab.close()`` closes the browser, asks the server to shut down (which
stops its kernels), then terminates the server's process group if anything is left, and deletes the
temporary directory. Chromium is Debian's; Playwright never downloads a browser (never run ``playwright install``).
"""
from __future__ import annotations

import json, os, re, secrets, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request, uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
CHROMIUM = os.environ.get("SFT_KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--disable-breakpad", "--disable-crash-reporter"]
IDLE_TEXT = "Python 3 (ipykernel) | Idle"


def journal_events(path) -> list[dict]:
    "The events of an annotation journal file (JSON lines), [] while it does not exist yet."
    p = Path(path)
    return [json.loads(l) for l in p.read_text().splitlines() if l.strip()] if p.exists() else []


def wait_journal_events(path, n: int, timeout: float = 30) -> list[dict]:
    "Wait until the journal at `path` holds at least `n` events (a click in the browser reaches the disk a little later)."
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        ev = journal_events(path)
        if len(ev) >= n: return ev
        time.sleep(0.1)
    raise AssertionError(f"journal has {len(journal_events(path))} events, expected {n}")


class NotebookError(AssertionError):
    "A cell of the notebook under test raised, or the notebook did not finish running in time."


def unavailable_reason() -> str | None:
    "Why browser tests cannot run here (None when they can)."
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (f"Chromium not found at {CHROMIUM} (install Debian's: apt-get install chromium; "
                f"or set SFT_KIT_CHROMIUM)")
    import importlib.util
    for mod in ("playwright", "jupyterlab", "ipykernel", "ipywidgets"):
        if importlib.util.find_spec(mod) is None: return f"python package missing for browser tests: {mod}"
    return None


def _die_with_parent():
    "In the child: get SIGTERM when the test process dies, even by SIGKILL (Linux), so no server is left behind."
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)    # PR_SET_PDEATHSIG
    except Exception:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    "One JupyterLab server and one headless Chromium; see the module docstring."

    def __init__(self, startup_timeout: float = 90):
        self.tmp = Path(tempfile.mkdtemp(prefix="sftk-lab-"))
        self.root = self.tmp / "root"
        self.root.mkdir()
        self.token = secrets.token_hex(16)
        self.startup_timeout = startup_timeout
        self.proc = self._pw = self._browser = self.context = None
        self.port, self.url, self.startup_s, self.timings = None, None, None, {}
        self._pages: dict = {}          # page -> notebook path relative to root
        self._log = self.tmp / "jupyter.log"

    # -- start / stop ------------------------------------------------------------------------------------------------
    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
        for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                         ("IPYTHONDIR", "ipython"), ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"), ("MPLCONFIGDIR", "mpl")]:
            (self.tmp / sub).mkdir(exist_ok=True)
            env[var] = str(self.tmp / sub)
        env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TRANSFORMERS_OFFLINE="1", MPLBACKEND="Agg",
                   PYTHONUNBUFFERED="1")
        # no news, no update checks, no pop-ups
        notif = self.tmp / "lab-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notif.parent.mkdir(parents=True, exist_ok=True)
        notif.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        return env

    def start(self) -> "Lab":
        "Start the server and the browser (in parallel: Chromium launches while the server imports)."
        t0 = time.monotonic()
        env = self._env()
        self._start_server(env)
        from playwright.sync_api import sync_playwright
        self._pw = sync_playwright().start()
        self.context = self._pw.chromium.launch_persistent_context(
            str(self.tmp / "chromium-profile"), executable_path=CHROMIUM,
            headless=os.environ.get("SFT_KIT_BROWSER_HEADED") != "1", args=CHROMIUM_ARGS,
            viewport={"width": 1500, "height": 1000}, device_scale_factor=1)
        self.context.set_default_timeout(30_000)
        if not self._wait_server(t0 + self.startup_timeout):
            self._stop_server()
            self._start_server(env, retries=2, deadline=t0 + 2 * self.startup_timeout)
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_s = time.monotonic() - t0
        return self

    def _start_server(self, env, retries: int = 0, deadline: float | None = None):
        "Launch JupyterLab; with `retries`, wait for it and try fresh ports if it dies (port taken)."
        for attempt in range(retries + 1):
            self.port = _free_port()
            cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={self.port}",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.root}", "--LabApp.extension_manager=readonly",
                   "--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False",
                   "--MappingKernelManager.cull_idle_timeout=0"]
            log = open(self._log, "ab")
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
            log.close()
            self.url = f"http://127.0.0.1:{self.port}"
            if not retries: return
            if self._wait_server(deadline): return
            self._stop_server()
        raise RuntimeError(f"JupyterLab did not start; log tail:\n{self.log_tail()}")

    def _wait_server(self, deadline: float) -> bool:
        "Poll /api/status until it answers; False if the process died (port taken) or time ran out."
        while time.monotonic() < deadline:
            if self.proc.poll() is not None: return False
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200: return True
            except OSError:
                pass
            time.sleep(0.25)
        return False

    def _api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
            return json.loads(body) if body else None

    def _stop_server(self):
        if self.proc is None: return
        if self.proc.poll() is None and self.url:
            try: self._api("POST", "/api/shutdown")          # stops the kernels too
            except OSError: pass
            try: self.proc.wait(15)
            except subprocess.TimeoutExpired: pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try: self.proc.wait(10)
            except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait(10)
        # kernels and anything else the server started live in its own process group
        try: os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError): pass
        self.proc = None

    def close(self):
        "Close the browser, stop the server and its kernels, delete the temporary directory."
        try:
            if self.context is not None: self.context.close()
        except Exception: pass
        try:
            if self._pw is not None: self._pw.stop()
        except Exception: pass
        self.context = self._pw = None
        self._stop_server()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self): return self.start()
    def __exit__(self, *exc): self.close()

    def log_tail(self, n: int = 4000) -> str:
        try: return self._log.read_text(errors="replace")[-n:]
        except OSError: return ""

    # -- notebooks -----------------------------------------------------------------------------------------------
    def open_and_run(self, nb_path, wait_for: str | None = None, timeout: float = 120):
        "Open `nb_path` (a copy) in JupyterLab, run all cells, wait until done; returns the Playwright page."
        nb_path = Path(nb_path)
        sub = f"{nb_path.stem}-{uuid.uuid4().hex[:8]}"
        (self.root / sub).mkdir()
        shutil.copy2(nb_path, self.root / sub / nb_path.name)
        rel = f"{sub}/{nb_path.name}"
        page = self.context.new_page()
        self._pages[page] = rel
        page.goto(f"{self.url}/lab/workspaces/{sub}/tree/{rel}?token={self.token}", wait_until="domcontentloaded")
        deadline = time.monotonic() + timeout
        ms = lambda: max(1000, int((deadline - time.monotonic()) * 1000))
        t0, self.timings = time.monotonic(), {}
        mark = lambda k: self.timings.__setitem__(k, round(time.monotonic() - t0, 2))
        try:
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=ms()); mark("notebook_shown")
            self._wait_idle(page, ms()); mark("kernel_idle")
            page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            self._wait_done(page, ms()); mark("cells_run")
            if wait_for: page.wait_for_selector(wait_for, state="visible", timeout=ms())
            mark("ready")
        except NotebookError:
            raise
        except Exception as e:
            raise NotebookError(f"{nb_path.name}: did not finish in {timeout:.0f} s ({type(e).__name__}: "
                                f"{str(e).splitlines()[0] if str(e) else ''})\nstatus bar: {self._status(page)!r}\n"
                                f"server log tail:\n{self.log_tail(1500)}") from None
        return page

    def _status(self, page) -> str:
        try: return page.locator("#jp-main-statusbar").inner_text(timeout=2000).replace("\n", " ")
        except Exception: return "?"

    def _wait_idle(self, page, timeout_ms: int):
        page.wait_for_function("t => { const s = document.querySelector('#jp-main-statusbar');"
                               " return !!s && s.innerText.replace(/\\s+/g, ' ').includes(t); }",
                               arg=IDLE_TEXT, timeout=timeout_ms, polling=200)

    _DONE_JS = r"""t => {
      // a cell that raised: from the notebook model (window.jupyterapp), else a traceback in the DOM
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      const cells = w && w.content && w.content.model && w.content.model.cells;
      if (cells) for (let i = 0; i < cells.length; i++) {
        const c = cells.get(i);
        if (c.type === 'code' && c.outputs) for (const o of c.outputs.toJSON())
          if (o.output_type === 'error') return {error: `cell ${i}: ${o.ename}: ${o.evalue}\n` + (o.traceback || []).join('\n')};
      }
      const tb = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')].map(e => e.innerText)
        .find(x => x.includes('Traceback (most recent call last)'));
      if (tb) return {error: tb};
      // every code cell has an execution count (the model covers cells a windowed notebook has not drawn)
      let ran = 0;
      if (cells) {
        for (let i = 0; i < cells.length; i++) {
          const c = cells.get(i);
          if (c.type !== 'code') continue;
          if (c.executionCount === null || c.executionCount === undefined) return false;
          ran++;
        }
      } else {
        const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')].map(e => e.innerText.trim());
        if (!prompts.length || !prompts.every(p => /^\[\d+\]:?$/.test(p))) return false;
        ran = prompts.length;
      }
      const s = document.querySelector('#jp-main-statusbar');
      if (!s || !s.innerText.replace(/\s+/g, ' ').includes(t)) return false;
      if ([...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')].some(e => e.innerText.includes('Loading widget')))
        return false;
      return {ok: ran};
    }"""

    def _wait_done(self, page, timeout_ms: int):
        "Every code cell has run (prompt [n]), the kernel is idle, widgets have rendered; fail fast on a traceback."
        res = page.wait_for_function(self._DONE_JS, arg=IDLE_TEXT, timeout=timeout_ms, polling=250).json_value()
        if "error" in res:
            raise NotebookError("a cell raised:\n" + re.sub(r"\x1b\[[0-9;]*m", "", res["error"])[-3000:])

    def close_page(self, page):
        "Close the tab and shut its notebook's kernel down."
        rel = self._pages.pop(page, None)
        try: page.close()
        except Exception: pass
        if rel is None or self.url is None: return
        try:
            for s in self._api("GET", "/api/sessions") or []:
                if s.get("path") == rel or s.get("notebook", {}).get("path") == rel:
                    self._api("DELETE", f"/api/sessions/{s['id']}")
        except OSError:
            pass

    def close_pages(self):
        for p in list(self._pages): self.close_page(p)

    # -- helpers for tests -------------------------------------------------------------------------------------------
    def text(self, page, selector: str) -> str:
        "Inner text of the first element matching `selector`."
        return page.locator(selector).first.inner_text()

    def wait_text_change(self, page, selector: str, old: str, timeout: float = 30) -> str:
        "Wait until the inner text of `selector` differs from `old`; returns the new text."
        page.wait_for_function("([sel, old]) => { const e = document.querySelector(sel); return !!e && e.innerText !== old; }",
                               arg=[selector, old], timeout=int(timeout * 1000), polling=100)
        return self.text(page, selector)

    def screenshot(self, page, name: str, selector: str | None = None) -> Path:
        "Save tests/artifacts/<name>.png (viewport, or just `selector`'s element) and return its path."
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if selector:
            el = page.locator(selector).first
            el.scroll_into_view_if_needed()
            el.screenshot(path=str(path))
        else:
            page.screenshot(path=str(path))
        return path
