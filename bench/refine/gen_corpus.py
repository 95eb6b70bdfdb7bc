#!/usr/bin/env python3
"""Generates a deterministic, news-like JSONL corpus for the refine benchmark.

Every article is a pure function of (seed, shard, index): its own random generator is seeded from
those three numbers, so shards are generated in parallel and any article can be regenerated
anywhere, which is how exact duplicates are made across shards (a duplicate is article (s', i')
regenerated and written again under a new id, url and site).

What is in it (all text comes from the templates and word lists in this file):
- English articles (about 85%) and German, French, Spanish and Russian ones (about 15%): a
  headline, 3-12 paragraphs of 2-5 sentences, direct and reported quotes with speakers and roles;
- per-site boilerplate: a navigation line, share/teaser lines, newsletter prompts, a copyright
  footer, repeated in that site's articles;
- exact duplicates (about 5% of records, `--dup-rate`), syndicated copies that differ only in
  boilerplate lines (about 2%), and low-quality records that the quality filters should reject
  (about 3%: keyword lists, very short notes, repeated lines, lorem ipsum).

Usage:
    gen_corpus.py OUTDIR                 # 1 GiB in 16 shards (shard-00000.jsonl ...)
    gen_corpus.py OUTDIR --small         # 50 MiB in 4 shards, for quick checks
    gen_corpus.py OUTDIR --size-mb 200 --shards 8 --seed 7 --jobs 2

Records: {"id", "url", "site", "title", "date", "author", "text", "section"} one per line.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time
from multiprocessing import Pool

# --------------------------------------------------------------------------------------------
# English vocabulary (written for this generator).

FIRST = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty
Mark Margaret Donald Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle
Kevin Carol Brian Amanda George Melissa Timothy Deborah Ronald Stephanie Jason Rebecca Edward Laura
Amara Kenji Priya Mateo Ingrid Tomasz Leila Arjun Sofia Dmitri Chen Fatima Olu Hana Rafael Aiko
Nadia Lars Yusuf Elena Kwame Marta Ibrahim Greta Omar Lucia""".split()

LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green
Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Okafor Tanaka Sharma Kowalski
Lindqvist Haddad Petrov Moreau Castillo Abebe Yamamoto Novak Osei Brennan Halvorsen Mensah Varga
Delacroix Iwasaki Marchetti Oyelaran Sorensen""".split()

ROLES = """spokesman spokeswoman minister chief executive director analyst economist professor
senator governor mayor chairman researcher commissioner lawyer prosecutor coach captain
ambassador treasurer superintendent president vice-president""".split()

ORGS = """the Ministry of Finance|the central bank|the city council|the national weather service|
the port authority|the transport agency|the health department|the electoral commission|
Northgate Holdings|Meridian Energy|Bluewater Shipping|Atlas Mining|Crescent Airlines|
Harbor Valley Hospital|the State University|the football federation|the teachers' union|
the chamber of commerce|the environmental agency|the supreme court|the parliament|
Redfield Motors|Sunline Telecom|Granite Bank|the regional police|the fire brigade""".replace("\n", "").split("|")

PLACES = """Lakemont|Ravensford|Port Elden|Calder Springs|Westbury|Northfield|Ashgrove|Brightwater|
Kingsbridge|Marlow Heights|Stonehaven|Eastcliff|Fairhaven|Glenmoor|Highmarsh|Oakridge|Redcastle|
Silverton|Thornbury|Millbrook|Dunmore|Carrow Bay|Elmstead""".replace("\n", "").split("|")

NOUNS = """government economy market budget plan proposal report study election vote campaign
company investors workers union strike contract deal agreement talks negotiations court case
trial verdict police investigation suspect officials residents council school teachers students
hospital patients doctors vaccine outbreak storm flood drought wildfire temperatures forecast
airport flights passengers railway line bridge road project construction housing rents prices
inflation interest rates exports imports factory plant jobs unemployment wages taxes spending
deficit debt bank lenders loans energy prices fuel electricity grid pipeline emissions climate
policy law bill legislation committee hearing inquiry scandal resignation coalition opposition
party leader candidate voters poll survey team match season tournament coach players stadium fans
festival museum exhibition concert film album book author award ceremony river coast harbour
region district village city centre neighbourhood community charity volunteers donations""".split()

ADJS = """new major local national regional federal international economic political financial
public private senior former recent annual controversial historic significant sharp steady
unexpected strong weak higher lower rising falling record modest large small early late key
long-awaited urgent temporary permanent independent official joint""".split()

VERBS_PAST = """announced approved rejected delayed launched criticised defended reported confirmed
denied proposed unveiled postponed cancelled extended expanded reduced raised cut increased
warned welcomed questioned signed blocked suspended reviewed investigated revealed accepted
completed opened closed won lost reached""".split()

SAY = """said|told reporters|said in a statement|told the newspaper|said on Tuesday|said on Monday|
said late on Friday|wrote in a letter|told a news conference|said in an interview|added|
explained|warned|insisted|noted""".replace("\n", "").split("|")

TIMES = """on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|over the weekend|last week|
earlier this month|this year|last year|in the first quarter|since January|by the end of the year|
within weeks|for the third time|after months of talks""".replace("\n", "").split("|")

CONNECT = """However|Meanwhile|In a statement|According to officials|At the same time|Earlier|
Separately|In response|Critics say|Supporters argue|Analysts expect that|Figures released
show that""".replace("\n", " ").split("|")

QUOTE_BODIES = [
    "We are not going to rush this decision",
    "This is a difficult moment for the whole {noun}",
    "The numbers speak for themselves",
    "We have done everything we can to protect {place}",
    "Nobody expected the {noun} to move this quickly",
    "Our priority remains the safety of residents",
    "It is too early to say what the long-term effects will be",
    "We will continue to work with {org}",
    "There is no evidence that the {noun} was affected",
    "I think people deserve a clear answer",
    "The {adj} {noun} is good news for {place}",
    "We expect the situation to improve by {time}",
    "This plan simply does not add up",
    "We welcome the decision and look forward to the next steps",
]

SECTIONS = "world politics business economy sport science health culture local weather".split()

# --------------------------------------------------------------------------------------------
# Other languages: short word lists and templates (enough for language identification).

OTHER = {
    "de": {
        "subj": ["Die Regierung", "Der Stadtrat", "Die Polizei", "Das Unternehmen", "Die Gewerkschaft",
                 "Der Minister", "Die Opposition", "Die Zentralbank", "Der Verband", "Die Schule"],
        "verb": ["hat am Montag", "hat am Dienstag", "will noch in dieser Woche", "hat überraschend",
                 "hat nach langen Verhandlungen", "wird voraussichtlich im Herbst"],
        "obj": ["einen neuen Plan vorgestellt", "die Preise erhöht", "den Vertrag unterzeichnet",
                "die Pläne für den Bahnhof verschoben", "mehr Geld für die Krankenhäuser gefordert",
                "die Ermittlungen ausgeweitet", "ein neues Gesetz beschlossen", "die Steuern gesenkt"],
        "tail": ["Das teilte ein Sprecher mit.", "Kritiker halten das für einen Fehler.",
                 "Die Entscheidung war lange umstritten.", "Die Bürger sollen im Mai darüber abstimmen.",
                 "Wie es weitergeht, ist noch unklar.", "Die Zahlen wurden am Abend veröffentlicht."],
        "say": "sagte", "quote": "„{q}“, {say} {name}, {role}.",
        "quotes": ["Wir haben keine andere Wahl", "Das ist ein guter Tag für die Stadt",
                   "Die Lage ist ernst, aber nicht hoffnungslos"],
        "roles": ["Sprecherin des Ministeriums", "Bürgermeister", "Vorsitzender des Verbands"],
    },
    "fr": {
        "subj": ["Le gouvernement", "La mairie", "La police", "L'entreprise", "Le syndicat",
                 "Le ministre", "L'opposition", "La banque centrale", "Le conseil régional"],
        "verb": ["a annoncé lundi", "a confirmé mardi", "devrait présenter cette semaine",
                 "a finalement", "a décidé après de longues négociations de"],
        "obj": ["un nouveau plan pour les transports", "la hausse des prix de l'énergie",
                "la signature du contrat", "le report des travaux du pont",
                "une enquête sur les dépenses publiques", "une réforme des retraites"],
        "tail": ["Selon un porte-parole, la décision est définitive.",
                 "Les critiques dénoncent une mesure injuste.", "Le vote aura lieu au printemps.",
                 "La suite reste incertaine.", "Les chiffres ont été publiés dans la soirée."],
        "say": "a déclaré", "quote": "« {q} », {say} {name}, {role}.",
        "quotes": ["Nous n'avons pas d'autre choix", "C'est une bonne nouvelle pour la ville",
                   "La situation est grave mais pas désespérée"],
        "roles": ["porte-parole du ministère", "maire de la ville", "président de l'association"],
    },
    "es": {
        "subj": ["El gobierno", "El ayuntamiento", "La policía", "La empresa", "El sindicato",
                 "El ministro", "La oposición", "El banco central", "La universidad"],
        "verb": ["anunció el lunes", "confirmó el martes", "presentará esta semana",
                 "aprobó finalmente", "rechazó tras largas negociaciones"],
        "obj": ["un nuevo plan de transporte", "la subida de los precios de la energía",
                "la firma del contrato", "el aplazamiento de las obras del puente",
                "una investigación sobre el gasto público", "una reforma de las pensiones"],
        "tail": ["Según un portavoz, la decisión es definitiva.", "Los críticos hablan de una medida injusta.",
                 "La votación tendrá lugar en primavera.", "El futuro sigue siendo incierto.",
                 "Las cifras se publicaron por la noche."],
        "say": "dijo", "quote": "«{q}», {say} {name}, {role}.",
        "quotes": ["No tenemos otra opción", "Es una buena noticia para la ciudad",
                   "La situación es grave pero no desesperada"],
        "roles": ["portavoz del ministerio", "alcalde de la ciudad", "presidente de la asociación"],
    },
    "ru": {
        "subj": ["Правительство", "Городской совет", "Полиция", "Компания", "Профсоюз",
                 "Министр", "Оппозиция", "Центральный банк"],
        "verb": ["в понедельник объявило", "во вторник подтвердило", "на этой неделе представит",
                 "после долгих переговоров одобрило"],
        "obj": ["новый план развития транспорта", "повышение цен на энергию",
                "подписание контракта", "перенос строительства моста", "расследование расходов"],
        "tail": ["Об этом сообщил представитель ведомства.", "Критики считают это ошибкой.",
                 "Голосование пройдет весной.", "Что будет дальше, пока неясно."],
        "say": "сказал", "quote": "«{q}», — {say} {name}, {role}.",
        "quotes": ["У нас нет другого выбора", "Это хорошая новость для города",
                   "Ситуация серьезная, но не безнадежная"],
        "roles": ["представитель министерства", "мэр города", "глава ассоциации"],
    },
}

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua.")

# --------------------------------------------------------------------------------------------


def article_rng(seed: int, shard: int, index: int, salt: str) -> random.Random:
    h = hashlib.blake2b(f"{seed}/{shard}/{index}/{salt}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(h, "little"))


def make_sites(seed: int, n: int = 60):
    """Sites with their own boilerplate lines (the same in every article of the site)."""
    rng = random.Random(seed * 7919 + 1)
    words = ["Daily", "Herald", "Courier", "Post", "Times", "Gazette", "Observer", "Tribune",
             "Chronicle", "Ledger", "Echo", "Star", "Record", "Journal", "Monitor", "Bulletin"]
    sites = []
    for k in range(n):
        town = rng.choice(PLACES)
        name = f"The {town} {rng.choice(words)}"
        host = (town + rng.choice(words)).lower().replace(" ", "") + f"{k}.example"
        nav = " | ".join(rng.sample(["Home", "News", "World", "Business", "Sport", "Opinion", "Culture",
                                     "Weather", "Video", "Podcasts", "Local", "Science"], 7))
        sites.append({
            "name": name,
            "host": host,
            "nav": nav,
            "footer": f"© {rng.randint(2015, 2025)} {name}. All rights reserved.",
            "share": rng.choice(["Share this article", "Share on Facebook Share on X Email",
                                 "Share | Tweet | Email | Print", "Copy link"]),
            "newsletter": rng.choice([f"Sign up for the {name} newsletter to get the latest headlines.",
                                      "Subscribe now for unlimited access to our journalism.",
                                      "Get our morning briefing delivered to your inbox."]),
        })
    return sites


def cap(s):
    """Upper-cases the first letter only (str.capitalize would lower-case proper names)."""
    return s[:1].upper() + s[1:]


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def fill(rng, template):
    return template.format(noun=rng.choice(NOUNS), adj=rng.choice(ADJS), place=rng.choice(PLACES),
                           org=rng.choice(ORGS), time=rng.choice(TIMES))


# Sentence templates: slots ({...}) are filled per sentence; fixed runs are kept short and each
# article cycles through a shuffled copy, so that a long article does not repeat the same 5-word
# sequences often enough to trip Gopher's repetition rules (real news does not either).
EN_TEMPLATES = [
    "{Org} {verb} the {adj} {noun} {time}.",
    "The {adj} {noun} in {place} {verb} {num} percent {time}.",
    "{Connect}, the {noun} of {place} {verb} a {adj} {noun} after the {noun2} was {verb2}.",
    "More than {num} {noun} were {verb} when {org} {verb2} the {noun2} {time}.",
    "Officials in {place} expect the {noun} to be {verb} before {month}.",
    "It was not immediately clear whether {org} had {verb} the {adj} {noun}.",
    "{Place} has {verb} its {noun} twice since {year}, and {org} {verb2} a {adj} review {time}.",
    "Residents of {place} said the {noun} had become {adj2} over the past {num} months.",
    "Under the {adj} {noun}, {org} would have {verb} about {money} in {noun2} by {year2}.",
    "A report published {time} by {org} found that {num} percent of {noun} in {place} were {verb}.",
    "The {noun} follows a {adj} dispute over {noun2} that {verb} {time}.",
    "{Org} did not respond to a request for comment.",
    "Shares in {company} {move} {pct} percent in early trading {time}.",
    "The decision is likely to be {verb} by {org}, which has {verb2} similar {noun} in {place}.",
    "Talks between {org} and {org2} are due to resume {time}.",
    "{Num} people were taken to hospital in {place}, where the {noun} {verb} {time}.",
    "The {noun} of {place} is home to about {num3} people.",
    "Last {month}, {org} {verb} plans to {plan} the {noun} in {place}.",
    "Critics of the {noun} say it {hurt} {noun2} and {hurt2} {noun3}.",
    "{Person}, who has {led} {org} since {year}, {verb} the {noun} as {adj}.",
]

MONTHS = "January February March April May June July August September October November December".split()
COMPANIES = ["Northgate Holdings", "Meridian Energy", "Bluewater Shipping", "Atlas Mining",
             "Crescent Airlines", "Redfield Motors", "Sunline Telecom", "Granite Bank"]
PLANS = "expand close sell modernise rebuild review relocate merge".split()
HURTS = "hurts|ignores|threatens|favours|undermines|overlooks|delays|neglects".split("|")
LED = "led|run|chaired|headed|managed".split("|")


def en_sentence(rng, templates=None):
    t = templates.pop() if templates else rng.choice(EN_TEMPLATES)
    return t.format(
        Org=cap(rng.choice(ORGS)), org=rng.choice(ORGS), org2=rng.choice(ORGS),
        verb=rng.choice(VERBS_PAST), verb2=rng.choice(VERBS_PAST),
        adj=rng.choice(ADJS), adj2=rng.choice(["more expensive", "less safe", "busier", "quieter",
                                               "harder to reach", "more crowded", "cleaner"]),
        noun=rng.choice(NOUNS), noun2=rng.choice(NOUNS), noun3=rng.choice(NOUNS),
        time=rng.choice(TIMES), place=rng.choice(PLACES), Place=rng.choice(PLACES),
        Connect=rng.choice(CONNECT), num=rng.randint(2, 98), Num=cap(rng.choice(
            ["two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven", "twelve"])),
        num3=f"{rng.randint(2, 900) * 1000:,}", month=rng.choice(MONTHS), year=rng.randint(1990, 2022),
        year2=rng.randint(2026, 2040), money=f"${rng.randint(2, 950)} million",
        company=rng.choice(COMPANIES), move=rng.choice(["rose", "fell", "jumped", "slipped"]),
        pct=f"{rng.randint(1, 19)}.{rng.randint(0, 9)}", plan=rng.choice(PLANS),
        hurt=rng.choice(HURTS), hurt2=rng.choice(HURTS), person=person(rng), Person=person(rng),
        led=rng.choice(LED),
    )


def en_quote(rng, speakers):
    name, role, org = rng.choice(speakers)
    q = fill(rng, rng.choice(QUOTE_BODIES))
    say = rng.choice(SAY)
    form = rng.random()
    last = name.split()[-1]
    if form < 0.35:
        return f'"{q}," {name}, {role} at {org}, {say}.'
    if form < 0.55:
        return f"“{q},” {say} {last}."
    if form < 0.7:
        return f'{name}, the {role}, {say}: "{q}."'
    if form < 0.85:
        return f"{last} {say} that the {rng.choice(NOUNS)} would be {rng.choice(VERBS_PAST)} {rng.choice(TIMES)}."
    return f'"{q}," {say} {last}. "{fill(rng, rng.choice(QUOTE_BODIES))}."'


def en_article(rng):
    speakers = [(person(rng), rng.choice(ROLES), rng.choice(ORGS)) for _ in range(rng.randint(1, 3))]
    topic = rng.choice(NOUNS)
    title = (f"{rng.choice(PLACES)} {topic} {rng.choice(VERBS_PAST)} "
             f"{rng.choice(['as', 'after', 'amid', 'despite'])} {rng.choice(ADJS)} {rng.choice(NOUNS)}")
    paras = []
    lead_name, lead_role, lead_org = speakers[0]
    deck = []

    def sentence():
        if not deck:
            deck.extend(EN_TEMPLATES)
            rng.shuffle(deck)
        return en_sentence(rng, deck)

    paras.append(f"{rng.choice(PLACES).upper()} — " + " ".join(sentence() for _ in range(rng.randint(2, 3))))
    for _ in range(rng.randint(3, 11)):
        r = rng.random()
        if r < 0.3:
            paras.append(en_quote(rng, speakers) + " " + sentence())
        else:
            paras.append(" ".join(sentence() for _ in range(rng.randint(2, 5))))
    if rng.random() < 0.3:
        paras.append(f"({rng.choice(['Reporting by', 'Additional reporting by', 'Editing by'])} {person(rng)})")
    return title, paras, f"{lead_name}" if rng.random() < 0.1 else person(rng)


def other_article(rng, lang):
    L = OTHER[lang]
    # Each closing remark at most once per article: the lists are short, and repeating them
    # would make every such article fail Gopher's repeated n-gram rules.
    tails = list(L["tail"])
    rng.shuffle(tails)

    def sent():
        s = f"{rng.choice(L['subj'])} {rng.choice(L['verb'])} {rng.choice(L['obj'])}."
        return f"{s} {tails.pop()}" if tails and rng.random() < 0.5 else s

    paras = []
    for _ in range(rng.randint(2, 5)):
        if rng.random() < 0.25:
            paras.append(L["quote"].format(q=rng.choice(L["quotes"]), say=L["say"], name=person(rng),
                                           role=rng.choice(L["roles"])) + " " + sent())
        else:
            paras.append(" ".join(sent() for _ in range(rng.randint(1, 3))))
    title = f"{rng.choice(L['subj'])} {rng.choice(L['verb'])} {rng.choice(L['obj'])}"
    return title, paras, person(rng)


def junk_article(rng):
    r = rng.random()
    if r < 0.3:
        return "Tags", [", ".join(rng.sample(NOUNS, 25))], None
    if r < 0.55:
        return "Update", [f"{rng.choice(PLACES)}: {rng.choice(NOUNS)}."], None
    if r < 0.8:
        line = en_sentence(rng)
        return "Live", [line] * rng.randint(6, 15), None
    return "Placeholder", [LOREM] * rng.randint(1, 4), None


def base_article(seed, shard, index, sites):
    """The article body (title, paragraphs, author, language) of article (shard, index)."""
    rng = article_rng(seed, shard, index, "body")
    r = rng.random()
    if r < 0.03:
        title, paras, author = junk_article(rng)
        lang = "en"
    elif r < 0.18:
        lang = rng.choice(["de", "fr", "es", "ru", "de", "fr", "es"])
        title, paras, author = other_article(rng, lang)
    else:
        lang = "en"
        title, paras, author = en_article(rng)
    site = rng.choice(sites)
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
    return {"title": title, "paras": paras, "author": author, "lang": lang, "site": site,
            "date": date, "section": rng.choice(SECTIONS)}


def dress(art, rng, site):
    """Adds the site's boilerplate lines (navigation, share, teaser, newsletter, footer)."""
    lines = []
    if rng.random() < 0.4:
        lines.append(site["nav"])
    if rng.random() < 0.5:
        lines.append(art["title"])
    paras = list(art["paras"])
    body = []
    for k, p in enumerate(paras):
        body.append(p)
        if k == 1 and rng.random() < 0.35:
            body.append(f"Read more: {rng.choice(PLACES)} {rng.choice(NOUNS)} {rng.choice(VERBS_PAST)}")
        if k == 3 and rng.random() < 0.2:
            body.append("Advertisement")
    lines.extend(body)
    if rng.random() < 0.5:
        lines.append(site["share"])
    if rng.random() < 0.4:
        lines.append(site["newsletter"])
    if rng.random() < 0.6:
        lines.append(site["footer"])
    return "\n".join(lines)


def record(seed, shard, index, sites, dup_rate, near_rate):
    """The JSON record written at position (shard, index)."""
    rng = article_rng(seed, shard, index, "record")
    r = rng.random()
    rid = f"s{shard:05d}-{index:08d}"
    if index > 0 and r < dup_rate + near_rate:
        # A copy of an earlier article: same shard or an earlier one, at a smaller index, which
        # that shard has already written (shards are of equal size, so it exists there too).
        src_shard = rng.randint(0, shard)
        src_index = rng.randrange(0, index)
        # The record actually written there (itself possibly a copy: the chain ends because
        # the index strictly decreases).
        src, _ = record(seed, src_shard, src_index, sites, dup_rate, near_rate)
        site = rng.choice(sites)
        src.update(id=rid, site=site["name"], url=f"https://{site['host']}/story/{rid}")
        if r >= dup_rate:
            # Near duplicate: the same text framed by another site's navigation and footer.
            src["text"] = f"{site['nav']}\n{src['text']}\n{site['footer']}"
            return src, "near"
        # Exact duplicate: identical text, republished under another id, url and site.
        return src, "dup"
    art = base_article(seed, shard, index, sites)
    site = art["site"]
    text = dress(art, rng, site)
    slug = "-".join(art["title"].lower().split()[:6])
    return {"id": rid, "url": f"https://{site['host']}/{art['section']}/{slug}-{index}", "site": site["name"],
            "title": art["title"], "date": art["date"], "author": art["author"],
            "section": art["section"], "text": text}, "orig"


def gen_shard(args):
    seed, shard, target_bytes, out_dir, dup_rate, near_rate = args
    sites = make_sites(seed)
    path = os.path.join(out_dir, f"shard-{shard:05d}.jsonl")
    tmp = path + ".tmp"
    counts = {"orig": 0, "dup": 0, "near": 0}
    written = 0
    index = 0
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
        while written < target_bytes:
            rec, kind = record(seed, shard, index, sites, dup_rate, near_rate)
            if rec["author"] is None:
                del rec["author"]
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            counts[kind] += 1
            index += 1
    os.replace(tmp, path)
    return shard, index, written, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--size-mb", type=float, default=1024.0, help="total size in MiB (default 1024)")
    ap.add_argument("--small", action="store_true", help="50 MiB in 4 shards")
    ap.add_argument("--shards", type=int, default=16)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dup-rate", type=float, default=0.05)
    ap.add_argument("--near-rate", type=float, default=0.02)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    a = ap.parse_args()
    if a.small:
        a.size_mb, a.shards = 50.0, 4
    os.makedirs(a.out_dir, exist_ok=True)
    per_shard = int(a.size_mb * (1 << 20) / a.shards)
    jobs = [(a.seed, s, per_shard, a.out_dir, a.dup_rate, a.near_rate) for s in range(a.shards)]
    t0 = time.time()
    totals = {"orig": 0, "dup": 0, "near": 0}
    docs = size = 0
    with Pool(a.jobs) as pool:
        for shard, n, written, counts in pool.imap_unordered(gen_shard, jobs):
            docs += n
            size += written
            for k, v in counts.items():
                totals[k] += v
    meta = {"seed": a.seed, "shards": a.shards, "docs": docs, "bytes": size, "kinds": totals,
            "dup_rate": a.dup_rate, "near_rate": a.near_rate}
    # Beside the folder, not in it: the folder holds only input shards.
    with open(os.path.normpath(a.out_dir) + ".json", "w") as f:
        json.dump(meta, f, indent=1)
    print(f"gen_corpus: {docs} docs, {size / 1e6:.1f} MB in {a.shards} shards, "
          f"{totals['dup']} exact and {totals['near']} near duplicates, "
          f"{time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
