"""Build sft_kit/data/pii/pii_realtext.jsonl: the second, independent labelled PII set (issue 14).

Written BEFORE the detector was changed and kept fixed afterwards. Sentences are hand-written in the shapes people
type (English, Chinese, German, French, Spanish, Hindi-English, chat and e-mail snippets, logs); numbers that carry a
checksum (cards, IBANs, Chinese IDs) are completed with their check digits so that they are real-looking, everything
else is written as people write it. Labels: each entity's `type` (sft_kit.pii types) and its exact `value` as it
appears in the text. Phone values include a leading `+`, `00` or `(` when the number starts with one; extensions are
not part of the value. `kind`: positive / near_miss (text built to fool a pattern; `near_miss_of` names the type it
resembles) / negative. Run: `python tools/build_pii_realtext.py` (deterministic).
"""
import json, random, sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sft_kit" / "data" / "pii" / "pii_realtext.jsonl"
rng = random.Random(14)

def luhn_complete(body: str) -> str:
    for d in "0123456789":
        s = body + d; tot = 0
        for i, ch in enumerate(reversed(s)):
            k = int(ch)
            if i % 2: k = k * 2 - 9 if k * 2 > 9 else k * 2
            tot += k
        if tot % 10 == 0: return s

def luhn_bad(body: str) -> str:
    good = luhn_complete(body)
    return good[:-1] + str((int(good[-1]) + 3) % 10)

def card(prefix: str, length: int) -> str:
    return luhn_complete(prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1)))

def groups(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes: out.append(s[i:i + n]); i += n
    return sep.join(out)

def iban(country: str, bban: str) -> str:
    num = int("".join(str(int(c, 36)) for c in (bban + country + "00").upper()))
    return f"{country}{98 - num % 97:02d}{bban}"

CNW = [2 ** (17 - i) % 11 for i in range(17)]
def cn_id(region: str, birth: str, seq: str) -> str:
    b = region + birth + seq
    return b + "10X98765432"[sum(int(c) * w for c, w in zip(b, CNW)) % 11]

cases = []
def add(text, ents=(), near=None, note=""):
    for t, v in ents:
        assert v in text, (t, v, text)
    kind = "near_miss" if near else ("positive" if ents else "negative")
    cases.append({"id": f"rt-{len(cases) + 1:03d}", "text": text, "entities": [{"type": t, "value": v} for t, v in ents],
                  "kind": kind, "near_miss_of": near, "note": note})

P = "phone"; M = "cn_mobile"
# ---------------------------------------------------------------- phones: domestic formats, no +country
for text, v in [
    # United Kingdom
    ("Call me on 07700 900123 after six.", "07700 900123"),
    ("Our London office: 020 7946 0018 (reception).", "020 7946 0018"),
    ("Ring the surgery on 0161 496 0000 to book.", "0161 496 0000"),
    ("Mob: 07911 123456", "07911 123456"),
    ("Tel. (020) 7946 0958, ask for Priya.", "(020) 7946 0958"),
    ("If the line is busy try 01632 960983.", "01632 960983"),
    ("text me - 07400123456 - when you land", "07400123456"),
    ("Helpline 0800 028 0198 is free from landlines.", "0800 028 0198"),
    ("Edinburgh branch: 0131 496 0645", "0131 496 0645"),
    ("Leave a voicemail at 0117 496 0123 and we'll call back.", "0117 496 0123"),
    # Germany
    ("Sie erreichen uns unter 030 12345678.", "030 12345678"),
    ("Telefon: 089/636-48018", "089/636-48018"),
    ("Handy 0151 23456789, bitte nur abends.", "0151 23456789"),
    ("Rückruf bitte an 0171 1234567.", "0171 1234567"),
    ("Tel.: 040 / 822 44 99", "040 / 822 44 99"),
    ("Zentrale (069) 1234 5678, Durchwahl -12", "(069) 1234 5678"),
    ("Kontakt: 0221-9876543", "0221-9876543"),
    ("Mobil: 0176 98765432", "0176 98765432"),
    # France
    ("Appelez-nous au 01 42 68 53 00.", "01 42 68 53 00"),
    ("Mon portable : 06 12 34 56 78", "06 12 34 56 78"),
    ("Tél. 01.45.67.89.10 du lundi au vendredi", "01.45.67.89.10"),
    ("Standard : 04 91 55 12 34 (Marseille)", "04 91 55 12 34"),
    ("Envoyez un SMS au 07 81 22 33 44.", "07 81 22 33 44"),
    ("tel 0612345678 svp", "0612345678"),
    ("Service client 09 70 80 90 10", "09 70 80 90 10"),
    # India
    ("My number is 098765 43210, WhatsApp also.", "098765 43210"),
    ("Call 98765 43210 for delivery updates.", "98765 43210"),
    ("Mumbai office: 022 2496 1234", "022 2496 1234"),
    ("Delhi helpdesk 011-23456789", "011-23456789"),
    ("ph: 9876543210 (Ravi)", "9876543210"),
    ("Contact Anita at 080-4123 4567 during office hours.", "080-4123 4567"),
    ("मेरा नंबर 98123 45678 है, कॉल करें।", "98123 45678"),
    # United States / Canada
    ("Call toll-free 1-800-642-7676 for help.", "1-800-642-7676"),
    ("You can text me at 4158675309.", "4158675309"),
    ("Office: (415) 867-5309", "(415) 867-5309"),
    ("Reach the front desk at 415.867.5309.", "415.867.5309"),
    ("Phone 212-736-5000 ext. 12", "212-736-5000"),
    ("Call 1 (800) 275-8777 to track a package.", "1 (800) 275-8777"),
    ("my cell is 646 555 3290 if anything comes up", "646 555 3290"),
    ("Toronto: 416-979-4000", "416-979-4000"),
    ("Phone: 1.877.393.4448", "1.877.393.4448"),
    ("Questions? Call us at (312) 744-5000.", "(312) 744-5000"),
    # China: landlines (phone) and mobiles (cn_mobile)
    ("北京办公室电话：010-6552 9988", "010-6552 9988"),
    ("请拨打 021-12345678 联系客服。", "021-12345678"),
    ("深圳分公司 0755-8888 6666", "0755-8888 6666"),
    ("咨询电话(020)87654321", "(020)87654321"),
    ("Our Chengdu office is on 028 8612 3456.", "028 8612 3456"),
    # Other countries, domestic
    ("東京本社: 03-1234-5678", "03-1234-5678"),
    ("Llámame al 612 34 56 78.", "612 34 56 78"),
    ("Chiamami al 347 123 4567 dopo cena.", "347 123 4567"),
    ("Ligue para (11) 91234-5678 no WhatsApp.", "(11) 91234-5678"),
    ("Call Sarah on 0412 345 678.", "0412 345 678"),
    ("Sydney office (02) 9374 4000", "(02) 9374 4000"),
    ("Bel ons op 020-123 4567.", "020-123 4567"),
    ("Ring oss på 08-123 456 78.", "08-123 456 78"),
    ("Zadzwoń: 512 345 678", "512 345 678"),
    ("Mi teléfono es 55 1234 5678 (CDMX).", "55 1234 5678"),
    ("Seoul branch 02-312-3456", "02-312-3456"),
]:
    add(text, [(P, v)], note="domestic format")

# ---------------------------------------------------------------- phones: international formats
for text, v in [
    ("Call +44 20 7946 0958 from abroad.", "+44 20 7946 0958"),
    ("UK mobile +44 (0)7700 900123", "+44 (0)7700 900123"),
    ("Unsere Nummer: +49 30 901820", "+49 30 901820"),
    ("Tel. 0049 89 12345678", "0049 89 12345678"),
    ("Joignable au +33 1 42 68 53 00", "+33 1 42 68 53 00"),
    ("Portable : +33 (0)6 12 34 56 78", "+33 (0)6 12 34 56 78"),
    ("WhatsApp +91 98765 43210", "+91 98765 43210"),
    ("US line: +1 (212) 736-5000", "+1 (212) 736-5000"),
    ("+1-415-867-5309 is my direct line", "+1-415-867-5309"),
    ("Tokyo: +81 3-1234-5678", "+81 3-1234-5678"),
    ("Madrid +34 912 345 678", "+34 912 345 678"),
    ("Roma +39 06 6982 1234", "+39 06 6982 1234"),
    ("São Paulo +55 11 91234-5678", "+55 11 91234-5678"),
    ("Melbourne +61 3 9123 4567", "+61 3 9123 4567"),
    ("Moscow +7 495 123-45-67", "+7 495 123-45-67"),
    ("Dial 0033 1 42 68 53 00 from Germany.", "0033 1 42 68 53 00"),
    ("Amsterdam: +31 20 123 4567", "+31 20 123 4567"),
    ("Singapore +65 6123 4567", "+65 6123 4567"),
    ("Zürich +41 44 668 18 00", "+41 44 668 18 00"),
    ("Dublin +353 1 234 5678", "+353 1 234 5678"),
]:
    add(text, [(P, v)], note="international format")

# ---------------------------------------------------------------- Chinese mobiles
for text, v in [
    ("我的手机号是13812345678，有事打我。", "13812345678"),
    ("联系人：王先生 138 1234 5678", "138 1234 5678"),
    ("手机：139-1234-5678", "139-1234-5678"),
    ("请加微信或拨打 +86 139 1234 5678", "+86 139 1234 5678"),
    ("Call my Chinese mobile +86-186-1234-5678.", "+86-186-1234-5678"),
    ("快递员电话15012345678", "15012345678"),
    ("tel:+8617712345678", "+8617712345678"),
    ("联系方式 0086 135 0000 1234", "0086 135 0000 1234"),
    ("陈女士，手机 199 8765 4321。", "199 8765 4321"),
    ("Her WeChat number is 18600001111.", "18600001111"),
    ("收件人：李明，电话：17612345678，地址见附件", "17612345678"),
    ("手机号码:1 3 8 1 2 3 4 5 6 7 8 这种写法也常见", None),
]:
    if v is None:
        add(text, [], note="digits spaced one by one: people do this to dodge filters, left unlabelled (ambiguous)")
    else:
        add(text, [(M, v)], note="Chinese mobile")

# ---------------------------------------------------------------- US SSNs
ssns = ["123-45-6789", "219-09-9998", "536-22-1234", "401-33-7788", "078-12-3456", "772-31-0419"]
for text, v in [
    ("SSN: 123-45-6789", "123-45-6789"),
    ("Her social security number is 536 22 1234.", "536 22 1234"),
    ("ssn 401337788 on the W-2", "401337788"),
    ("Social Security No. 772310419", "772310419"),
    ("Please confirm your SSN (219-09-9998) on the form.", "219-09-9998"),
    ("SSN#: 078 12 3456", "078 12 3456"),
    ("Employee SSN 345-67-8901, start date 3/1.", "345-67-8901"),
    ("The applicant's social security number: 612 45 9087", "612 45 9087"),
    ("my ss# is 234567890", "234567890"),
    ("SSN 287-65-4320 was reported stolen.", "287-65-4320"),
    ("Numéro de sécurité sociale américain (SSN) : 456-78-9012", "456-78-9012"),
    ("Tax form lists SSN 531 84 2267 and EIN 12-3456789", "531 84 2267"),
]:
    add(text, [("us_ssn", v)], note="SSN")

# ---------------------------------------------------------------- IBANs (incl. lowercase, compact, grouped)
ibans = [iban("GB", "WEST12345698765432"), iban("DE", "370400440532013000"), iban("FR", "30006000011234567890189"),
         iban("NL", "ABNA0417164300"), iban("ES", "21000418450200051332"), iban("IT", "X0542811101000000123456"),
         iban("CH", "00762011623852957"), iban("BE", "539007547034"), iban("PL", "109010140000071219812874"),
         iban("AT", "1904300234573201")]
def spaced(s): return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
for i, (tmpl, form) in enumerate([
    ("Please transfer the deposit to {}.", "spaced"), ("IBAN: {}", "compact"), ("Bankverbindung: IBAN {} (Sparkasse)", "spaced"),
    ("RIB / IBAN : {}", "spaced"), ("iban {} thanks!", "lower_spaced"), ("Pay into {} by Friday", "lower_compact"),
    ("Cuenta IBAN {}", "spaced"), ("Bonifico su {}, causale: affitto", "compact"), ("收款账户IBAN：{}", "spaced"),
    ("Account {} (BIC BKAUATWW)", "spaced"),
]):
    v = ibans[i]
    v = {"spaced": spaced(v), "compact": v, "lower_spaced": spaced(v).lower(), "lower_compact": v.lower()}[form]
    add(tmpl.format(v), [("iban", v)], note=f"IBAN {form}")

# ---------------------------------------------------------------- payment cards
cards = [("4", 16, [4, 4, 4, 4]), ("5425", 16, [4, 4, 4, 4]), ("37", 15, [4, 6, 5]), ("6011", 16, [4, 4, 4, 4]),
         ("3530", 16, [4, 4, 4, 4]), ("2221", 16, [4, 4, 4, 4]), ("4", 16, [4, 4, 4, 4]), ("62", 16, [4, 4, 4, 4]),
         ("36", 14, [4, 6, 4]), ("51", 16, [4, 4, 4, 4])]
for (pfx, n, g), (tmpl, sep) in zip(cards, [
    ("Card number: {}", " "), ("charge it to {} exp 09/27", "-"), ("Visa {} please", ""), ("Kartennummer {}", " "),
    ("カード番号 {}", "-"), ("Mastercard ending... actually full number {}", " "), ("cc={}&cvv=123", ""),
    ("银联卡号 {}", " "), ("Diners {}", " "), ("Carte bancaire n° {}", " "),
]):
    c = card(pfx, n)
    v = groups(c, g, sep) if sep else c
    add(tmpl.format(v), [("credit_card", v)], note="card")

# ---------------------------------------------------------------- Chinese resident IDs (incl. spaced, lowercase x)
ids = [cn_id("110105", "19880312", "123"), cn_id("310101", "19920704", "456"), cn_id("440301", "20010115", "78" + "1"),
       cn_id("510107", "19751230", "002"), cn_id("330106", "19990909", "314"), cn_id("420102", "19850220", "567")]
for i, (tmpl, form) in enumerate([
    ("身份证号：{}", "compact"), ("身份证号码 {}，请核对。", "spaced"), ("ID card no. {}", "compact"),
    ("证件号 {} 已登记", "spaced"), ("公民身份号码{}", "compact"), ("Chinese ID {}", "lower"),
]):
    v = ids[i]
    if v[-1] != "X" and form == "lower":  # make a lowercase-x case real: find a seq ending in X
        for s in range(1000):
            c = cn_id("420102", "19850220", f"{s:03d}")
            if c.endswith("X"): v = c; break
    v = {"compact": v, "spaced": f"{v[:6]} {v[6:14]} {v[14:]}", "lower": v.lower()}[form]
    add(tmpl.format(v), [("cn_id", v)], note=f"CN ID {form}")

# ---------------------------------------------------------------- e-mails, URLs, IPs
for text, ents in [
    ("Send the draft to maria.garcia@universidad.es before Monday.", [("email", "maria.garcia@universidad.es")]),
    ("邮箱：zhang_san2024@163.com", [("email", "zhang_san2024@163.com")]),
    ("Schreib mir an k.mueller@beispiel.de", [("email", "k.mueller@beispiel.de")]),
    ("Contact: dev-team+alerts@corp.example.co.uk", [("email", "dev-team+alerts@corp.example.co.uk")]),
    ("From: \"Tom\" <tom.h@fastmail.fm>", [("email", "tom.h@fastmail.fm")]),
    ("mail me: ANNA.K@GMAIL.COM", [("email", "ANNA.K@GMAIL.COM")]),
    ("Écrivez à contact@mairie-lyon.fr ou appelez le 04 72 10 30 30.", [("email", "contact@mairie-lyon.fr"), (P, "04 72 10 30 30")]),
    ("Docs at https://docs.example.org/guide?lang=zh#install.", [("url", "https://docs.example.org/guide?lang=zh#install")]),
    ("See www.example.com/pricing for plans", [("url", "www.example.com/pricing")]),
    ("详情见 https://www.example.cn/news/2024/05/01.html。", [("url", "https://www.example.cn/news/2024/05/01.html")]),
    ("Login from 203.0.113.45 blocked", [("ipv4", "203.0.113.45")]),
    ("Server IP: 192.168.0.17, port 8080", [("ipv4", "192.168.0.17")]),
    ("client=10.12.0.5 status=200", [("ipv4", "10.12.0.5")]),
    ("IPv6 2001:db8:85a3::8a2e:370:7334 connected", [("ipv6", "2001:db8:85a3::8a2e:370:7334")]),
    ("ping fe80::1ff:fe23:4567:890a", [("ipv6", "fe80::1ff:fe23:4567:890a")]),
    ("用户IP：114.114.114.114，登录失败", [("ipv4", "114.114.114.114")]),
    # mixed records
    ("Name: J. Smith | Tel 020 7946 0321 | Email j.smith@example.co.uk", [(P, "020 7946 0321"), ("email", "j.smith@example.co.uk")]),
    ("Kunde: Herr Meyer, Tel. 030 23125 678, IBAN " + spaced(iban("DE", "500105175407324931")),
     [(P, "030 23125 678"), ("iban", spaced(iban("DE", "500105175407324931")))]),
    ("收货人 张伟 13912345678 身份证 " + cn_id("320102", "19900101", "111"), [(M, "13912345678"), ("cn_id", cn_id("320102", "19900101", "111"))]),
    ("Applicant SSN 145 67 8902, phone (617) 253-1000", [("us_ssn", "145 67 8902"), (P, "(617) 253-1000")]),
    ("Patient called from 0161 306 6000 and gave SSN 321-54-9876", [(P, "0161 306 6000"), ("us_ssn", "321-54-9876")]),
    ("Réservation : M. Dubois, 06 98 76 54 32, dubois.p@orange.fr", [(P, "06 98 76 54 32"), ("email", "dubois.p@orange.fr")]),
    ("User 42 logged in from 198.51.100.7 with email lee@example.net", [("ipv4", "198.51.100.7"), ("email", "lee@example.net")]),
    ("Support chat: 'hi my number is 07123 456789 and my card is " + groups(card("4", 16), [4, 4, 4, 4]) + "'",
     [(P, "07123 456789"), ("credit_card", None)]),
]:
    if ents and ents[-1][1] is None:  # the card value is the one in the text
        import re
        v = re.search(r"\d{4} \d{4} \d{4} \d{4}", text).group(); ents = ents[:-1] + [("credit_card", v)]
    add(text, ents, note="mixed / other types")

# ---------------------------------------------------------------- near misses
near = [
    # versions vs IPv4
    ("Upgrade to version 4.3.2.1 before Friday.", "ipv4"), ("Build 10.0.19045.3693 fixes it.", "ipv4"),
    ("Requires Python 3.11.4 and numpy 1.26.4.", "ipv4"), ("Chrome 120.0.6099.109 is out", "ipv4"),
    ("Firmware v2.4.10.8 released", "ipv4"), ("OID 1.3.6.1.4.1 in the MIB", "ipv4"), ("section 2.1.3.4 of the spec", "ipv4"),
    ("固件版本 5.1.0.12 已推送", "ipv4"),
    # dates and times vs phones / ids
    ("Meeting on 2024-03-15 at 14:30.", P), ("Geboren am 15.03.1988 in Köln.", P), ("Due 03/15/2024, paid 04/01/2024.", P),
    ("会议时间 2024年3月15日 下午3点", P), ("Timestamp 2024-03-15T14:30:00Z", P), ("Le 12/05/2023 à 18h30", P),
    ("between 1998-2004 and 2010-2015", P), ("Period 20230101-20231231", P), ("dated 15/03/2024 14:30:59", P),
    # order numbers, tracking, invoices, account-like numbers
    ("Order #20240315-88412 has shipped.", P), ("Your order number is 1234567890.", P), ("订单号：202403151234567890", "cn_id"),
    ("Tracking: 1Z999AA10123456784", P), ("Invoice INV-2024-000123 is attached.", P), ("Ticket ID 5550123456 closed.", P),
    ("Bestellnummer 4021-7733-9810", P), ("Commande n° 10 482 331 expédiée", P), ("Case 2023-CV-004512 filed.", P),
    ("运单号 SF1234567890123", P), ("Ref: 9876543210123 (customs)", P), ("Reservation code 7300112233, seat 14C", P),
    ("Product SKU 4006381333931", P), ("Employee number 004417 badge 88231", P), ("user_id=4158675310&page=2", P),
    ("Unix time 1700000000 is in Nov 2023.", P), ("Population: 1411750000 (2023)", P), ("Request took 1234567 ns", P),
    # ISBNs
    ("ISBN 978-3-16-148410-0", "credit_card"), ("ISBN: 0-306-40615-2", P), ("Buy it: ISBN 9780306406157", P),
    ("书号 ISBN 978-7-02-008723-1", P), ("ISBN-13 978 0 13 110362 7", P),
    # coordinates and measurements
    ("Meet at 51.5074, -0.1278 (London).", P), ("坐标 39.9042, 116.4074", P), ("GPS: 40.7128° N, 74.0060° W", P),
    ("lat=48.8566&lon=2.3522", "ipv4"), ("Elevation 1234.5678 m", P), ("Distance 12 345 678 km", P),
    # prices and amounts
    ("Total: $1,299.99 incl. tax", P), ("Preis: 2.499,00 €", P), ("售价 ¥12,800.00", P), ("Budget of 1 250 000 EUR", P),
    ("Revenue grew to 4,158,675,309 USD", P), ("Salary 98,765.43 per year", P), ("Prix : 1 234 567,89 €", P),
    # numbers that fail a checksum or rule
    ("Card 4111 1111 1111 1112 was declined.", "credit_card"), ("Number " + luhn_bad("542500000000000") + " fails Luhn", "credit_card"),
    ("IBAN GB82 WEST 1234 5698 7654 33 (typo)", "iban"), ("iban de89 3704 0044 0532 0130 01", "iban"),
    ("SSN 000-12-3456 is never issued", "us_ssn"), ("SSN 666-45-6789 is invalid", "us_ssn"), ("SSN 123-00-4567", "us_ssn"),
    ("身份证 110105198803121235 (校验位错)", "cn_id"), ("证件 110105 19880230 1234", "cn_id"), ("IP 999.12.3.4 is invalid", "ipv4"),
    ("Address 256.256.256.256", "ipv4"), ("手机号 12812345678 不存在", M), ("号码 1381234567 少一位", M),
    # digit runs in code, hashes and the like
    ("commit 4a1b2c3d4e5f67890123456789abcdef01234567", P), ("uuid 123e4567-e89b-12d3-a456-426614174000", "ipv6"),
    ("MAC 00:1A:2B:3C:4D:5E", "ipv6"), ("time 12:30:45.123", "ipv6"), ("ratio 16:9:4", "ipv6"),
    ("x = 3.14159265358979", P), ("hex 0x7fffffff = 2147483647", P), ("Port range 49152-65535", P),
    ("Chapter 11, verses 12-14, page 1234", P), ("score 98-87-76-65 over four rounds", P),
    ("Flight LH 2024 departs gate B12 at 07:45", P), ("Model no. RTX-4090-24G", P), ("Serial S/N 0612 3456 78X", P),
    ("Postleitzahl 80331 München", P), ("Zip 94103-1234", P), ("Room 1204, floor 12, building 3", P),
    ("Lottery numbers 07 12 23 34 41 45", P), ("Bus 207 at 08 15 and 09 45", P), ("Weights: 0.12 0.34 0.56 0.78", P),
    ("Matrix 3 4 5 6 7 8 9 10 11 12", P), ("He scored 1 800 points in 2019.", P), ("Temperature 36.6 38.2 37.9", P),
    ("第1800章 共2024页", P), ("2023年GDP为1260582亿元", P), ("ISO 8601 and RFC 3339 both allow it", P),
    ("Error code 0x80070005 (E_ACCESSDENIED)", P), ("Record 000123456 of 999999999", "us_ssn"),
    ("Routing number 021000021", "us_ssn"), ("Pieces: 123456789 in stock", "us_ssn"),
]
for text, of in near:
    add(text, [], near=of, note="near miss")

# ---------------------------------------------------------------- negatives: ordinary text
for text in [
    "The weather in Beijing was lovely this weekend.", "今天天气很好，我们去公园散步吧。", "Bitte senden Sie mir die Unterlagen bis Montag.",
    "Merci pour votre aide, à bientôt !", "Can you summarise this article in three sentences?", "请把这段话翻译成英文。",
    "def add(a, b):\n    return a + b", "The quick brown fox jumps over the lazy dog.", "¿Dónde está la estación de tren?",
    "The results improved by 12 percent over the baseline.", "我们公司成立于二零一五年，员工三百人。", "Thanks, see you at the meeting!",
]:
    add(text)

# ---------------------------------------------------------------- more real-text shapes (chat, e-mail signatures, forms)
for text, ents in [
    ("Best regards,\nAnna Schmidt\nTel.: +49 (0)211 5678 910\nFax: +49 (0)211 5678 911",
     [(P, "+49 (0)211 5678 910"), (P, "+49 (0)211 5678 911")]),
    ("Kind regards, Tom | M: 07700 900 456 | T: 0113 496 0000", [(P, "07700 900 456"), (P, "0113 496 0000")]),
    ("hey its me, new number 07 68 12 34 56 save it", [(P, "07 68 12 34 56")]),
    ("pls call back 0203 123 4567 asap", [(P, "0203 123 4567")]),
    ("Our hotline (toll free): 1800 180 1961", [(P, "1800 180 1961")]),
    ("Hotline 400-810-8888，全年无休", [(P, "400-810-8888")]),
    ("客服热线：95588", []),
    ("报警请拨110，火警119", []),
    ("Emergency: call 999 or 112", []),
    ("Tel/WhatsApp: +234 803 123 4567", [(P, "+234 803 123 4567")]),
    ("Nairobi office +254 20 123 4567", [(P, "+254 20 123 4567")]),
    ("Fax 030-2757 5301", [(P, "030-2757 5301")]),
    ("电话 0571-8765 4321 或 13588889999", [(P, "0571-8765 4321"), (M, "13588889999")]),
    ("Whatsapp pe message karo: 91234 56789", [(P, "91234 56789")]),
    ("Telefon 0800 3301000 (kostenlos)", [(P, "0800 3301000")]),
    ("Le numéro du cabinet est le 0145678910.", [(P, "0145678910")]),
    ("Reach me on 020-7946-0321", [(P, "020-7946-0321")]),
    ("Cell: 312-555-2368 | Office: 312 744 5000", [(P, "312-555-2368"), (P, "312 744 5000")]),
    ("Numero: 02 8901 2345 (Milano)", [(P, "02 8901 2345")]),
    ("我的SSN是 523-61-7890，请保密", [("us_ssn", "523-61-7890")]),
    ("SSN: 298 76 5432 DOB: 04/12/1985", [("us_ssn", "298 76 5432")]),
    ("social security number 389475610", [("us_ssn", "389475610")]),
    ("Reply-To: noreply+bounce-8812@mailer.shop.example.com", [("email", "noreply+bounce-8812@mailer.shop.example.com")]),
    ("微信同号 18912345678，邮箱 chen.jing@qq.com", [(M, "18912345678"), ("email", "chen.jing@qq.com")]),
    ("Visit http://192.168.1.1/admin to log in", [("url", "http://192.168.1.1/admin")]),
    ("GET /api/v1/users HTTP/1.1 from 172.16.254.3", [("ipv4", "172.16.254.3")]),
    ("Bind to ::1 and 127.0.0.1", [("ipv6", "::1"), ("ipv4", "127.0.0.1")]),
    ("Überweisung an " + iban("AT", "1904300234573201").lower() + " erfolgt", [("iban", iban("AT", "1904300234573201").lower())]),
    ("Account: " + spaced(iban("IE", "AIBK93115212345678")), [("iban", spaced(iban("IE", "AIBK93115212345678")))]),
    ("身份证 " + cn_id("370202", "19680808", "551"), [("cn_id", cn_id("370202", "19680808", "551"))]),
    ("Reg. ID " + " ".join([cn_id("500103", "19950606", "219")[:6], cn_id("500103", "19950606", "219")[6:14], cn_id("500103", "19950606", "219")[14:]]),
     [("cn_id", " ".join([cn_id("500103", "19950606", "219")[:6], cn_id("500103", "19950606", "219")[6:14], cn_id("500103", "19950606", "219")[14:]]))]),
]:
    add(text, ents, note="real-text shapes" if ents else "short codes and service numbers are not personal numbers")

for text, of in [
    ("Version 192.168.1 of the dataset", "ipv4"), ("Release 2024.03.15.1 notes", "ipv4"), ("Kernel 6.1.0.18-amd64", "ipv4"),
    ("Catalogue no. 0207 946 0018 1", P), ("Batch 07700900123456 in stock", P), ("Part number 0151-2345-6789-00", P),
    ("Sum of 415 + 867 + 5309", P), ("Years 1984 1999 2004 2010 2016", P), ("IDs: 101 102 103 104 105 106", P),
    ("Score 030 12 34 in the table", P), ("The code is 8675 3090 1234", "credit_card"), ("Account 12345678 sort code 12-34-56", P),
    ("订单编号 4403 0120 0101 1578 12", "cn_id"), ("发票号码 31000212345678901234", "cn_id"), ("工号 20190815", P),
    ("Case no. 2019/0815/3421", P), ("EAN 5901234123457", P), ("Coordinates: -33.8688, 151.2093", P),
    ("Page 12 of 345, line 6789", P), ("Measured 0.001234 s per call", P), ("Seed 1234567 gave 0.8921", P),
    ("Price 19.99 - 24.99 - 29.99", P), ("Rechnung Nr. 2024-001-4711", P), ("Référence 2023 04 17 001", P),
    ("Ticket 0043 1234 5678 expires", P), ("tx 0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be", P),
    ("Chromosome 7q31.2 region 117,120,017-117,308,718", P), ("Load avg 0.52 0.58 0.59", "ipv4"),
]:
    add(text, [], near=of, note="near miss")

for text in [
    "Let's meet at the café near the station.", "这本书讲的是人工智能的发展历史。", "Il fait beau aujourd'hui à Paris.",
    "Please write a haiku about autumn.", "Wie spät ist es in Tokio?", "Translate: 我爱你 -> I love you",
    "for i in range(10):\n    print(i)", "The model reached 0.91 accuracy after 3 epochs.", "他三十五岁，住在上海。",
    "Remember to water the plants on Tuesday.",
]:
    add(text)

if __name__ == "__main__":
    OUT.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    kinds = {k: sum(c["kind"] == k for c in cases) for k in ("positive", "near_miss", "negative")}
    types = {}
    for c in cases:
        for e in c["entities"]: types[e["type"]] = types.get(e["type"], 0) + 1
    print(len(cases), kinds, types, file=sys.stderr)
