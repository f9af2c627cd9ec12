"""PII detection: sft_kit.pii.detect_pii vs Presidio's pattern recognizers + its phone recognizer, same texts, one run.

Texts: the two bundled labelled sets (sft_kit/data/pii: pii_realtext, written independently before the detector
changed, and pii_cases), repeated to --records records for the speed run; recall is measured once per case.
Presidio (presidio-analyzer) is used the fastest way its docs allow without a spaCy model download: its
predefined recognizers are called directly (`recognizer.analyze(text, entities, nlp_artifacts=None)`), which skips
the NLP engine and the context enhancer, so Presidio is timed without any NLP cost. Recognizers: email, URL, IP,
credit card, IBAN, US SSN (pattern recognizers) and PhoneRecognizer (libphonenumber's PhoneNumberMatcher) with
(a) its default regions and (b) the same region list as sft_kit. Every Presidio result counts (score threshold 0),
which gives Presidio its highest recall.

A labelled entity counts as found when a span of the matching type covers at least 80% of it and is no more than
25% longer (the same rule for both tools). Types Presidio has no recognizer for (cn_id) are left out of the
comparison; cn_mobile counts as a phone number for Presidio.

Usage: .venv/bin/python bench/bench_pii.py [--records 2000]
Prints records per CPU-second for each, the speed ratio, and recall (and false hits on near misses) per type for each.
"""
import argparse, time
from collections import defaultdict

PRESIDIO_TYPE = {"email": "EMAIL_ADDRESS", "url": "URL", "ipv4": "IP_ADDRESS", "ipv6": "IP_ADDRESS",
                 "credit_card": "CREDIT_CARD", "iban": "IBAN_CODE", "us_ssn": "US_SSN", "phone": "PHONE_NUMBER",
                 "cn_mobile": "PHONE_NUMBER"}


def presidio_detector(regions=None):
    "A function text -> [(presidio type, start, end)] over Presidio's recognizers, called directly."
    import logging
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    # Presidio's e-mail recognizer asks tldextract, which would try to download the public-suffix list first;
    # offline it would fail (slowly) and fall back to its bundled snapshot: use the snapshot from the start.
    import tldextract.tldextract
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    from presidio_analyzer.predefined_recognizers import (EmailRecognizer, UrlRecognizer, IpRecognizer,
        CreditCardRecognizer, IbanRecognizer, UsSsnRecognizer, PhoneRecognizer)
    phone = PhoneRecognizer(supported_regions=regions) if regions else PhoneRecognizer()
    recs = [EmailRecognizer(), UrlRecognizer(), IpRecognizer(), CreditCardRecognizer(), IbanRecognizer(), UsSsnRecognizer(), phone]
    pairs = [(r, r.supported_entities) for r in recs]
    def detect(text):
        return [(x.entity_type, x.start, x.end) for r, ents in pairs for x in r.analyze(text, ents, None)]
    return detect


def kit_detector(regions=None):
    from sft_kit.pii import detect_pii, DEFAULT_PHONE_REGIONS
    regions = regions or DEFAULT_PHONE_REGIONS
    def detect(text):
        return [(PRESIDIO_TYPE.get(m.type, m.type.upper()), m.start, m.end) for m in detect_pii(text, phone_regions=regions)]
    return detect


def covers(spans, ptype, a, b):
    "Does some span of type `ptype` cover >= 80% of [a, b) while being at most 25% longer?"
    for t, x, y in spans:
        if t != ptype: continue
        inter = max(0, min(b, y) - max(a, x))
        if inter >= 0.8 * (b - a) and (y - x) <= 1.25 * (b - a): return True
    return False


def recall_table(cases, detect):
    found, total, near_fp, near_n = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for c in cases:
        spans = detect(c["text"])
        for e in c["entities"]:
            if e["type"] not in PRESIDIO_TYPE: continue
            a = c["text"].index(e["value"]); b = a + len(e["value"])
            total[e["type"]] += 1; found[e["type"]] += covers(spans, PRESIDIO_TYPE[e["type"]], a, b)
        of = c.get("near_miss_of")
        if of in PRESIDIO_TYPE:
            near_n[of] += 1
            gold = {(PRESIDIO_TYPE[e["type"]], e["value"]) for e in c["entities"] if e["type"] in PRESIDIO_TYPE}
            near_fp[of] += any(t == PRESIDIO_TYPE[of] and (t, c["text"][x:y]) not in gold for t, x, y in spans)
    return found, total, near_fp, near_n


def speed(detect, texts):
    t0 = time.process_time()   # CPU time of this process: both run single-threaded; robust to a busy machine
    n = sum(len(detect(t)) for t in texts)
    return len(texts) / (time.process_time() - t0), n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=2000)
    args = ap.parse_args()
    from sft_kit.pii import load_pii_cases, DEFAULT_PHONE_REGIONS
    sets = {"pii_realtext": load_pii_cases(name="pii_realtext"), "pii_cases": load_pii_cases(name="pii_cases")}
    pool = [c["text"] for cs in sets.values() for c in cs]
    texts = (pool * (args.records // len(pool) + 1))[:args.records]
    tools = {"sft_kit": kit_detector(), "presidio (default regions)": presidio_detector(),
             "presidio (sft_kit regions)": presidio_detector(list(DEFAULT_PHONE_REGIONS))}
    for d in tools.values():               # warm-up: imports, compiled patterns, suffix list
        for t in pool[:50]: d(t)
    rates = {}
    print(f"records: {len(texts)} (the {len(pool)} texts of both labelled sets, repeated)")
    for name, d in tools.items():
        rates[name], n = speed(d, texts)
        print(f"{name:28s} {rates[name]:10.0f} records/s   ({n} spans)")
    fastest_peer = max(v for k, v in rates.items() if k != "sft_kit")
    print(f"speed ratio sft_kit / fastest Presidio setup: {rates['sft_kit'] / fastest_peer:.1f}x")
    for set_name, cases in sets.items():
        print(f"\n== recall on {set_name} ({len(cases)} cases); 'near-miss hits' = near misses of that type flagged as it")
        tabs = {name: recall_table(cases, d) for name, d in tools.items()}
        types = sorted({t for tab in tabs.values() for t in tab[1]})
        print(f"{'type':12s} {'n':>4s} " + " ".join(f"{name[:26]:>27s}" for name in tools))
        tot = {name: [0, 0] for name in tools}
        for t in types:
            row = []
            for name, (found, total, near_fp, near_n) in tabs.items():
                tot[name][0] += found[t]; tot[name][1] += total[t]
                row.append(f"{found[t] / total[t]:6.3f} (near-miss hits {near_fp[t]}/{near_n[t]})".rjust(27))
            print(f"{t:12s} {total[t]:4d} " + " ".join(row))
        print(f"{'all':12s} {tot['sft_kit'][1]:4d} " + " ".join(f"{f / n:27.3f}" for f, n in tot.values()))


if __name__ == "__main__":
    main()
