# The two commands a fresh machine needs: `make demo` and `make test`. Each sets up .venv first.
PY      := .venv/bin/python
PIP     := $(PY) -m pip
STAMP   := .venv/.installed
# Heavy stages are skipped by nbdev_test unless asked for (see tst_flags in settings.ini).
NBTEST_FLAGS ?=
OUT     ?= demo_out

.PHONY: demo test venv sync nbtest pytest browser-deps sandbox-deps readme export clean bench notebooks

venv: $(STAMP)

$(STAMP): settings.ini setup.py constraints.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	.venv/bin/sft-kit demo --out $(OUT)

# Chromium for the real-browser tests (Debian's package; Playwright never downloads a browser here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

# bubblewrap: the OS boundary of sft_kit.sandbox (Debian's package).
sandbox-deps:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null; \
	  else echo "the sandbox needs bubblewrap: sudo apt-get install bubblewrap"; fi; }
	@command -v node >/dev/null 2>&1 || command -v nodejs >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null; \
	  else echo "JavaScript code tests (sft_kit.code_translate) need node: sudo apt-get install nodejs"; fi; }

export: $(STAMP)
	.venv/bin/nbdev_export

readme: $(STAMP)
	$(PY) tools/make_readme.py

# Fails when sft_kit/ or README.md differ from what the notebooks produce.
sync: $(STAMP)
	$(PY) tools/check_sync.py

nbtest: $(STAMP) sandbox-deps
	.venv/bin/nbdev_test --n_workers 2 --timing $(NBTEST_FLAGS)

pytest: $(STAMP) browser-deps sandbox-deps
	.venv/bin/python -m pytest -q --durations=25 tests

test: $(STAMP) sync nbtest pytest

bench: $(STAMP)
	for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf _proc _docs .pytest_cache tests/artifacts $(OUT)

# Execute notebooks and save them with their outputs (all, or NB="95 96_tutorial_topic"); `#| slow`/`#| notest`
# cells keep the outputs saved in them. One failing notebook is reported and the rest continue.
NB ?=
notebooks: $(STAMP)
	nice -n 10 $(PY) tools/run_notebooks.py $(NB)
