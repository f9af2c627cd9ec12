"""Update latency of the augmentation tuner: one slider move = one `refresh` of 8 samples (EDA's four operations,
9 copies each, diff HTML), as the widget callback runs it. Target: < 100 ms.

    .venv/bin/python bench/bench_augment_panel.py [--samples 8] [--moves 40]
"""
import argparse, statistics, time

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--samples", type=int, default=8); ap.add_argument("--moves", type=int, default=40)
    a = ap.parse_args()
    from sft_kit.bundled import load_bundled
    from sft_kit.augment_panel import AugmentPanel
    panel = AugmentPanel(load_bundled("sms_spam", limit=500), n_samples=a.samples)     # first refresh loads WordNet
    values = [round(0.05 + 0.01 * (i % 30), 2) for i in range(a.moves)]
    ops = ["sr", "ri", "rs", "rd"]
    ms, changed = [], 0
    for i, v in enumerate(values):
        before = panel.w_preview.value
        t0 = time.perf_counter()
        panel.w_strength[ops[i % 4]].value = v          # what the browser does: set the slider, the observer refreshes
        ms.append(1000 * (time.perf_counter() - t0))
        changed += panel.w_preview.value != before
    n_copies = sum(len(r["copies"]) for r in panel.rows)
    print(f"{a.samples} samples, {n_copies} copies in the last preview; {a.moves} slider moves, preview changed {changed} times")
    print(f"update latency: median {statistics.median(ms):.1f} ms, p90 {sorted(ms)[int(0.9 * len(ms)) - 1]:.1f} ms, "
          f"max {max(ms):.1f} ms (target < 100 ms)")

if __name__ == "__main__":
    main()
