"The annotation journal survives SIGKILL mid-annotation and concurrent writers from several processes."
import json, os, signal, subprocess, sys, time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}

CHILD = r'''
import sys, random
from sft_kit.annotate import AnnotationPanel
from sft_kit.bundled import load_bundled
p = AnnotationPanel(load_bundled("sms_spam", limit=3000), sys.argv[1], annotator="crash", labels=["ham", "spam"])
rnd = random.Random(int(sys.argv[2]))
print("ready", flush=True)
while p.current is not None:
    r = rnd.random()
    if r < 0.1:
        rid = p.state.events[p.state.undo_target("crash")]["id"] if p.state.undo_target("crash") else None
        p.keys.value = "u"                    # undo, through the key box
        print(f"undo\t{rid}\t", flush=True)
    elif r < 0.15:
        rid = p.current; p.keys.value = "s"
        print(f"skip\t{rid}\t", flush=True)
    else:
        rid, k = p.current, rnd.choice("12")
        p.keys.value = k                      # a label, through the key box
        print(f"label\t{rid}\t{['ham', 'spam'][int(k) - 1]}", flush=True)
'''


def _expected_labels(events):
    "Labels after `events` (label/skip/undo of one annotator), computed independently of sft_kit's replay."
    stack = []
    for e in events:
        if e["action"] in ("label", "skip"): stack.append(e)
        elif e["action"] == "undo": stack = [x for x in stack if x["uid"] != e["target"]]
    out = {}
    for e in stack:
        if e["action"] == "label": out[e["id"]] = e["value"]
        else: out.pop(e["id"], None)
    return out


def test_sigkill_mid_annotation_loses_no_label(tmp_path):
    from sft_kit.annotate import Journal, replay, AnnotationState, AnnotationPanel
    from sft_kit.bundled import load_bundled
    journal = tmp_path / "j.jsonl"
    prev = 0                                                       # events of earlier rounds (same journal)
    for round_, n_before_kill in enumerate((120, 37)):            # kill, reopen (resume), kill again
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(journal), str(round_)], stdout=subprocess.PIPE,
                                text=True, env=ENV, cwd=ROOT)
        assert proc.stdout.readline().strip() == "ready"
        given = []
        for _ in range(n_before_kill):
            line = proc.stdout.readline()
            assert line, "child died"
            given.append(line.rstrip("\n").split("\t"))
        os.kill(proc.pid, signal.SIGKILL)                           # no clean-up, no flush, no atexit
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        events = Journal(journal).events()
        # every action reported as done before the kill is in the journal, in order, with its record and value
        mine = events[prev:]
        assert len(mine) - len(given) in (0, 1)                    # at most the action in flight is extra
        for (a, rid, v), e in zip(given, mine):
            assert e["action"] == a and e.get("id") == rid and (a != "label" or e["value"] == v), (a, rid, v, e)
        # replaying the journal up to the last reported action gives exactly the labels given so far
        upto = events[: prev + len(given)]
        assert AnnotationState(upto).labels("crash") == _expected_labels(upto)
        reported = _expected_labels(upto)
        last = {}
        for a, rid, v in given:
            if a == "label": last[rid] = v
        assert all(reported[r] == v for r, v in last.items() if r in reported)
        assert sum(a == "label" for a, _, _ in given) > 0
        prev = len(events)
    # reopening resumes: the panel shows the first record without a label or skip
    p = AnnotationPanel(load_bundled("sms_spam", limit=3000), journal, annotator="crash", labels=["ham", "spam"])
    full = replay(journal)
    done = set(full.labels("crash")) | full.skipped("crash")
    assert p.counts()["labelled"] == len(full.labels("crash")) > 50
    assert p.current == next(i for i in p.order if i not in done)


def _writer(path, name, n, size):
    from sft_kit.annotate import Journal
    j = Journal(path)
    for k in range(n):
        j.append({"annotator": name, "action": "label", "id": f"{name}-{k}", "value": name[0] * size, "seq": k})


def test_concurrent_writers_never_corrupt_the_journal(tmp_path):
    path = tmp_path / "shared.jsonl"
    ctx = get_context("spawn")
    names, n, size = [f"w{k}" for k in range(4)], 150, 9000      # lines of ~9 KB: larger than PIPE_BUF
    procs = [ctx.Process(target=_writer, args=(str(path), nm, n, size)) for nm in names]
    t0 = time.monotonic()
    for p in procs: p.start()
    for p in procs: p.join(120)
    assert all(p.exitcode == 0 for p in procs)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""                                     # ends with a newline
    events = [json.loads(l) for l in lines[:-1]]                # every line parses
    assert len(events) == len(names) * n
    for nm in names:
        seqs = [e["seq"] for e in events if e["annotator"] == nm]
        assert seqs == list(range(n))                           # none lost, each writer's order kept
        assert all(e["value"] == nm[0] * size for e in events if e["annotator"] == nm)
    from sft_kit.annotate import replay
    assert len(replay(path).labels()) == len(names) * n
    print(f"{len(events)} events from {len(names)} processes in {time.monotonic() - t0:.1f} s")


def test_reopening_skips_valid_json_lines_that_are_not_events(tmp_path):
    "A line that parses but lacks a field (or has one of the wrong type) is skipped with a warning; later labels survive."
    import warnings
    from sft_kit.annotate import AnnotationPanel, replay
    from sft_kit.bundled import load_bundled
    recs = load_bundled("sms_spam", limit=20)
    journal = tmp_path / "j.jsonl"
    p = AnnotationPanel(recs, journal, annotator="ann", labels=["ham", "spam"])
    first = p.current; p.keys.value = "1"
    with open(journal, "a") as f:                   # a hand edit, another tool's line, a truncated field set
        f.write(json.dumps({"annotator": "ann", "action": "label", "uid": "x1", "value": "spam"}) + "\n")
        f.write(json.dumps({"annotator": "ann", "action": "skip", "id": {"a": 1}, "uid": "x2"}) + "\n")
        f.write(json.dumps({"annotator": "ann", "action": "redo", "target": 5}) + "\n")
    p.journal.bad_lines = 0
    second = p.current; p.keys.value = "2"          # written after the damaged lines
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reopened = AnnotationPanel(recs, journal, annotator="ann", labels=["ham", "spam"])
    msgs = [str(w.message) for w in caught if "damaged line" in str(w.message)]
    assert msgs and "line 2" in msgs[0] and "'id'" in msgs[0] and "line 4" in msgs[0], msgs
    assert reopened.state.labels("ann") == {first: "ham", second: "spam"}
    assert replay(journal).labels("ann") == {first: "ham", second: "spam"}
    assert reopened.current not in (first, second)  # resumes after the last good label
