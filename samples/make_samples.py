#!/usr/bin/env python3
"""Builds the generated sample inputs of newsmill from the stories written below.

Writes, deterministically (gzip mtime 0, fixed record ids and dates):
  jsonl/news.jsonl       15 JSONL records (text or html, plus an extra `feed` field)
  jsonl/more.jsonl.gz    4 more records, gzip-compressed
  warc/crawl.warc.gz     a WARC/1.1 crawl: warcinfo, request, response and metadata records,
                         each record its own gzip member; 8 HTML responses, one in windows-1252
                         declared only in the HTTP header, one in ISO-8859-1 declared only in <meta>

Every story is invented for newsmill's samples. Python 3 standard library only:
    python3 samples/make_samples.py        (from anywhere; writes next to this script)
"""

import base64
import gzip
import hashlib
import io
import json
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# The wire story that three sites carry (original on Northwire, copies in html/ and the WARC).

LITHIUM_TITLE = "Tamsin Ridge lithium mine wins approval despite protests"
LITHIUM = [
    "The national environment agency on Wednesday approved a lithium mine at Tamsin Ridge, "
    "clearing the way for what would be the country's first large-scale source of the battery "
    "metal, despite months of protests by residents and conservation groups.",
    "The open-pit mine, proposed by Greystone Minerals, is expected to produce about 25,000 tonnes "
    "of lithium carbonate a year from 2028 and employ around 600 people once running.",
    "\u201cThis decision balances the need for the materials of the energy transition with strict "
    "protection of water and wildlife,\u201d Environment Minister Clara Jensen said in a statement. "
    "She said the permit came with 74 conditions, including continuous monitoring of groundwater.",
    "Campaigners said they would challenge the permit in court. \u201cThe agency has signed away a "
    "river to a company that has never run a mine of this size,\u201d said Owen Price, spokesman for "
    "the Save Tamsin Ridge coalition. He added that more than 18,000 people had objected during "
    "the consultation.",
    "Greystone's chief executive, Laila Haddad, said the company would begin site preparation "
    "within weeks. \u201cWe understand the concerns of our neighbours, and we will earn their trust "
    "through how we operate,\u201d she said.",
    "Shares in Greystone rose 12 percent in early trading after the announcement.",
]

RATES = (
    "Finance Minister Ana Lopez said on Thursday that the government would not ask the central "
    "bank to cut interest rates before inflation was back below three percent, pushing back "
    "against calls from business groups for cheaper credit.\n"
    "\"Cutting too early would be the most expensive mistake we could make,\" Lopez told "
    "lawmakers at the finance committee. \"We have seen what happens when inflation comes back "
    "for a second round.\" She added that wage growth was still running well above what the "
    "economy could sustain.\n"
    "The central bank has held its main rate at 5.25 percent since September. Its governor, "
    "Henrik Dahl, is due to present the bank's quarterly outlook next week.\n"
    "The Chamber of Commerce said small firms were struggling to refinance loans taken out when "
    "rates were close to zero. \"Every month of waiting costs jobs,\" said the chamber's chief "
    "economist, Sofia Marin.\n"
    "Annual inflation eased to 3.8 percent in March from 4.1 percent in February, the statistics "
    "office said last week."
)

JSONL = [
    {
        "id": "nw-20260507-001",
        "url": "https://northwire.example/wire/2026/05/07/tamsin-ridge-lithium",
        "date": "2026-05-07T13:02:00Z",
        "title": LITHIUM_TITLE,
        "feed": "northwire-business",
        "text": "TAMSIN RIDGE, May 7 (Northwire) - " + "\n".join(LITHIUM),
    },
    {
        "id": "nw-20260410-014",
        "url": "https://northwire.example/wire/2026/04/10/lopez-rates",
        "date": "2026-04-10T10:15:00Z",
        "title": "Finance minister rules out early push for rate cut",
        "feed": "northwire-economy",
        "text": RATES,
    },
    {
        "id": "hd-2026-0331-health",
        "url": "https://harbour-daily.example/health/waiting-lists-fall",
        "date": "31 March 2026",
        "feed": "harbour-daily-rss",
        "text": "Home | News | Health | Sport | Weather\n"
        "Hospital waiting lists fall for the first time in four years\n"
        "By Oliver Grant\n"
        "The number of patients waiting more than a year for planned surgery has fallen for the "
        "first time in four years, figures published by the health ministry on Monday show.\n"
        "About 182,000 people were waiting for operations such as hip and knee replacements at "
        "the end of February, down from 197,000 in the autumn.\n"
        "Health Minister Farid Haddou said weekend operating lists and two new surgical centres "
        "had made the difference. \"We are not where we need to be, but for the first time the "
        "line is going the right way,\" he said.\n"
        "Nurses' union leader Carol Benson warned that the gains depended on staff working extra "
        "shifts. \"You cannot run a health service on goodwill forever,\" she said.\n"
        "Share on Facebook\nShare on WhatsApp\n"
        "Sign up for our newsletter\n"
        "Ambulance response times improve in rural areas after new stations open in...",
    },
    {
        "id": "hd-2026-0402-stadium",
        "url": "https://harbour-daily.example/sport/rovers-stadium-plan",
        "date": "2026-04-02",
        "feed": "harbour-daily-rss",
        "text": "Harbour Rovers unveil plans for 30,000-seat stadium\n"
        "Harbour Rovers have unveiled plans for a 30,000-seat stadium on the site of the old "
        "gasworks, three miles from the ground the club has played at since 1904.\n"
        "Club chairman Victor Lindgren said the move was the only way to compete with bigger "
        "clubs. \"Our supporters love the old ground, and so do I, but it holds 11,000 people and "
        "it is falling apart,\" Lindgren said.\n"
        "Supporters' trust chairwoman Ruth Abara said fans would be balloted before the club "
        "submitted a planning application. She added that many older supporters were worried "
        "about transport to the new site.\n"
        "The club hopes to play its first match in the new stadium in 2030.",
    },
    {
        "id": "tb-88412",
        "url": "https://techbeat.example/2026/03/brightloop-layoffs",
        "date": "2026-03-19",
        "feed": "techbeat-atom",
        "author": "Priya Raman",
        "text": "Brightloop cuts a quarter of its staff as growth stalls\n"
        "Brightloop, the grocery delivery start-up valued at 2 billion dollars two years ago, is "
        "cutting about 450 jobs, a quarter of its workforce, according to an internal memo seen "
        "by TechBeat.\n"
        "Chief executive Marcus Yeo told staff that the company had expanded into too many "
        "cities too quickly. \"I take full responsibility for the decisions that brought us "
        "here,\" Yeo wrote in the memo.\n"
        "According to two people familiar with the matter, the company is also in talks to sell "
        "its operations in three smaller markets.\n"
        "Brightloop declined to comment beyond the memo.\n"
        "(Source: TechBeat)",
    },
    {
        "id": "pg-school-meals",
        "url": "https://portvale-gazette.example/news/free-school-meals",
        "date": "2026-01-22",
        "feed": "portvale-gazette-sitemap",
        "html": "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        "<title>Free school meals for all primary pupils from September - Portvale Gazette</title>"
        "<meta property=\"og:site_name\" content=\"Portvale Gazette\"></head><body>"
        "<nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | <a href=\"/city\">City</a></nav>"
        "<article><h1>Free school meals for all primary pupils from September</h1>"
        "<p class=\"byline\">By Nadia Rahman</p>"
        "<p>Every primary school pupil in Portvale will get a free hot lunch from September, the "
        "city's education department announced on Wednesday, extending a scheme that until now "
        "covered only children from low-income families.</p>"
        "<p>The change will cost about 6.5 million crowns a year and benefit around 14,000 "
        "children.</p>"
        "<p>&ldquo;No child learns well on an empty stomach,&rdquo; Education Councillor Amira "
        "Saleh said. She said the city would hire extra kitchen staff and buy locally grown "
        "vegetables where it could.</p>"
        "<p>Head teachers welcomed the plan but asked for money to expand school kitchens, some "
        "of which were built for a third of today's pupils.</p></article>"
        "<footer>&copy; Portvale Gazette 2026 | Cookie settings</footer></body></html>",
    },
    {
        "id": "ns-museum-reopens",
        "url": "https://northern-star.example/culture/maritime-museum-reopens",
        "date": "2026-02-28",
        "feed": "northern-star-rss",
        "text": "Maritime museum reopens after five-year restoration\n"
        "The Maritime Museum in Kestrel Bay reopened on Saturday after a five-year restoration "
        "that cost 40 million crowns and uncovered a forgotten collection of ship models in its "
        "basement.\n"
        "More than 3,000 visitors queued in the rain on the first day. Museum director Elif "
        "Demir said the restored galleries told \"the story of the people who built, sailed and "
        "lost these ships, not only of the ships themselves\".\n"
        "The highlight is a 19th-century pilot boat, lifted into the main hall by crane through "
        "a temporary opening in the roof.\n"
        "Entry is free for children under 16.",
    },
    {
        "id": "vt-flood-defences",
        "url": "https://valley-times.example/news/flood-wall-riverbend",
        "date": "2026-03-05",
        "feed": "valley-times-rss",
        "text": "Riverbend gets new flood wall after years of delays\n"
        "Work on a 2.4-kilometre flood wall along the river in Riverbend will begin in May, the "
        "environment agency said on Thursday, six years after the town was last flooded.The "
        "agency said the wall would protect about 1,100 homes and 200 businesses.\n"
        "Local MP Hannah Cole said residents had been let down by repeated delays. \"People here "
        "have had their homes flooded twice in ten years,\" Cole said. \"They have stopped "
        "believing promises.\"Agency area manager Stefan Novak said the scheme had been "
        "redesigned after ground surveys found old mine workings under part of the route.\n"
        "The wall is due to be finished by the end of 2027.",
    },
    {
        "id": "nw-20260301-007",
        "url": "https://northwire.example/wire/2026/03/01/greyford-recount",
        "date": "2026-03-01T22:40:00Z",
        "feed": "northwire-politics",
        "text": "GREYFORD, March 1 (Northwire) - Election officials in Greyford ordered a full recount "
        "of the mayoral vote on Sunday after the two leading candidates finished just 37 votes "
        "apart out of more than 48,000 cast.\n"
        "Incumbent mayor Jonas Berg, who trailed by 37 votes on the first count, asked for the "
        "recount, citing problems with postal ballots in two districts. His challenger, former "
        "police officer Amina Yusuf, said she was confident the result would stand.\n"
        "\"Every vote will be counted again, in public, and the result will be the result,\" "
        "said the city's chief returning officer, Peter Holm.\n"
        "The recount is expected to take three days.",
    },
    {
        "id": "hd-2026-0614-drought",
        "url": "https://harbour-daily.example/news/calder-drought",
        "date": "2026-06-14",
        "feed": "harbour-daily-rss",
        "note": "the same text as text/calder-drought.txt: an exact duplicate across formats",
        "text": None,  # filled in from text/calder-drought.txt below
    },
    {
        "id": "mt-lopez-rates",
        "url": "https://metrodaily.example/economy/lopez-rules-out-rate-cut",
        "date": "2026-04-10T15:30:00+01:00",
        "feed": "metrodaily-partner",
        "note": "the Northwire rates story carried word for word: an exact duplicate",
        "text": RATES,
    },
    {
        "id": "vt-paywalled",
        "url": "https://valley-times.example/premium/council-budget",
        "date": "2026-03-06",
        "feed": "valley-times-rss",
        "note": "a paywalled page the crawler got no text for",
        "text": "",
    },
    {
        "id": "ns-heatwave",
        "url": "https://northern-star.example/weather/heatwave-warning",
        "date": "2026-07-02",
        "feed": "northern-star-rss",
        "text": "Heatwave warning issued as temperatures head for 38C\n"
        "The national weather service issued its highest heat warning for five regions on "
        "Thursday, with temperatures expected to reach 38 degrees Celsius on Saturday.\n"
        "Officials urged people to check on elderly neighbours, drink plenty of water and avoid "
        "strenuous activity in the afternoon. Several cities said they would open air-conditioned "
        "public buildings as cool rooms.\n"
        "\"Heat is a silent killer, and the people most at risk are often the ones who do not ask "
        "for help,\" said chief medical officer Dr Ingrid Halvorsen.",
    },
    {
        "id": "mt-caf\u00e9-review",
        "url": "https://metrodaily.example/food/harbour-cafe-review",
        "date": "2026-05-20",
        "feed": "metrodaily-food",
        "note": "mojibake from a double-decoded feed",
        "text": "A harbour caf\u00c3\u00a9 that does one thing perfectly\n"
        "The fish soup at Caf\u00c3\u00a9 Marin is the reason to come, and the owners know it "
        "\u00e2\u20ac\u201c there are only four other things on the menu.\n"
        "Chef Ren\u00c3\u00a9e Moreau, who opened the caf\u00c3\u00a9 with her brother in "
        "2019, says the recipe is her grandmother\u00e2\u20ac\u2122s. "
        "\u00e2\u20ac\u0153We change nothing, ever,\u00e2\u20ac\u009d she said.\n"
        "A bowl costs 14 crowns, bread included. Book ahead at weekends.",
    },
    {
        "id": "nw-20260512-003",
        "url": "https://northwire.example/wire/2026/05/12/port-strike-ends",
        "date": "2026-05-12T08:00:00Z",
        "feed": "northwire-business",
        "text": "Kestrel Bay port strike ends with 7 percent pay deal\n"
        "KESTREL BAY, May 12 (Northwire) - Dock workers at Kestrel Bay returned to work on "
        "Tuesday after accepting a 7 percent pay rise over two years, ending a two-week stoppage "
        "that left more than 60 container ships waiting offshore.\n"
        "Union negotiator Karl Eriksen said members had voted 81 percent in favour. \"This is "
        "a fair deal, won by people who stood together,\" Eriksen said.\n"
        "Port authority chief executive Naomi Clarke said it would take about ten days to clear "
        "the backlog.",
    },
]

MORE_JSONL = [
    {
        "id": "hd-2026-0708-ferry",
        "url": "https://harbour-daily.example/news/night-ferry",
        "date": "2026-07-08",
        "feed": "harbour-daily-archive",
        "text": "Night ferry to the islands returns after twelve years\n"
        "A night ferry between Portvale and the Outer Isles will return in October, twelve years "
        "after the last sailing, the regional transport authority said on Wednesday.\n"
        "Transport Commissioner Leif Andersen said the service would run three nights a week "
        "through the winter. \"Island families should not have to lose a whole day to get to a "
        "hospital appointment on the mainland,\" he said.\n"
        "Tickets go on sale in August.",
    },
    {
        "id": "vt-solar-airfield",
        "url": "https://valley-times.example/business/solar-airfield",
        "date": "2026-05-05",
        "feed": "valley-times-archive",
        "text": "Solar farm on former airfield to power 30,000 homes\n"
        "A solar farm covering most of the former Greyford airfield was switched on on Monday, "
        "and its operator says it will supply enough electricity for about 30,000 homes.\n"
        "The 95-megawatt farm, built by Sunfield Energy, also includes a battery that can store "
        "power for four hours after sunset. Sunfield's project director, Emma Kowalski, said "
        "sheep would graze between the panels from next spring.",
    },
    {
        "id": "ns-library-closures",
        "url": "https://northern-star.example/news/library-closures",
        "date": "2026-02-11",
        "feed": "northern-star-archive",
        "text": "Five branch libraries to close under council budget plan\n"
        "Five of Kestrel Bay's eleven branch libraries will close next year under budget plans "
        "published on Tuesday, prompting protests from parents and writers.\n"
        "Council leader Graham Price said the council had to find 18 million crowns of savings. "
        "\"Nobody went into local politics to close libraries,\" Price said. He added that the "
        "remaining branches would open for longer hours.\n"
        "Children's author Bea Lindholm, who grew up in the town, called the plan \"a decision to "
        "make the town poorer for a generation\".",
    },
    {
        "id": "nw-20260615-010",
        "url": "https://northwire.example/wire/2026/06/15/airline-strike",
        "date": "2026-06-15T06:30:00Z",
        "feed": "northwire-business",
        "text": "NORDAIR cancels 300 flights as cabin crew strike\n"
        "Nordair cancelled about 300 flights on Monday as cabin crew began a three-day strike "
        "over rosters, disrupting the travel plans of some 40,000 passengers at the start of the "
        "summer season.\n"
        "The airline said passengers on cancelled flights could rebook free of charge or ask "
        "for a refund. Cabin crew union spokeswoman Dana Petrova said talks had broken down over "
        "rest periods between long shifts.",
    },
]

# ---------------------------------------------------------------------------------------------
# WARC pages: a few invented sites, each with its own page template.


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page(site, nav, title, byline, date, paras, url, charset_meta="utf-8", teasers=(), extra=""):
    ps = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    nav_html = " | ".join(f'<a href="/{n.lower()}">{n}</a>' for n in nav)
    teaser_html = "\n".join(f'<li><a href="/more/{i}">{esc(t)}</a></li>' for i, t in enumerate(teasers))
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": date,
            "publisher": {"@type": "Organization", "name": site},
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{meta}
<title>{esc(title)} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{ld}</script>
</head>
<body>
<div class="cookie-bar">We use cookies to give you the best experience on our website. <a href="/cookies">Learn more</a></div>
<header><div class="logo">{site}</div><nav>{nav_html}</nav></header>
<main><article>
<h1>{esc(title)}</h1>
<p class="byline">{esc(byline)}</p>
{ps}
{extra}
</article>
<aside><h3>Read next</h3><ul>
{teaser_html}
</ul></aside></main>
<footer><p>&copy; 2026 {site}. All rights reserved.</p><p>Share on Facebook | Share on X | RSS</p></footer>
</body>
</html>
"""


METRO_NAV = ["Home", "News", "Business", "Sport", "Culture", "Travel"]
METRO_TEASERS = [
    "Five things to do in the city this weekend, from jazz on the quay to...",
    "Why the price of your morning coffee is about to go up again, according to...",
]

WARC_PAGES = [
    # (url, date, http content-type, encoding, html)
    (
        "https://metrodaily.example/business/tamsin-ridge-mine-approved",
        "2026-05-07T18:11:03Z",
        "text/html; charset=utf-8",
        "utf-8",
        page(
            "Metro Daily",
            METRO_NAV,
            "Lithium mine at Tamsin Ridge gets green light",
            "Northwire | 7 May 2026",
            "2026-05-07",
            LITHIUM[:5],
            "https://metrodaily.example/business/tamsin-ridge-mine-approved",
            teasers=METRO_TEASERS,
            extra='<p class="credit">Additional reporting by Metro Daily staff.</p>',
        ),
    ),
    (
        "https://kestrel-courier.example/local/bakery-turns-100",
        "2026-03-14T07:45:10Z",
        "text/html; charset=windows-1252",
        "cp1252",
        page(
            "Kestrel Courier",
            ["Home", "Local", "Food", "Sport"],
            "Caf\u00e9 Ros\u00e9n\u2019s bakery turns 100 \u2013 and still opens at 5 a.m.",
            "By Zo\u00eb Andr\u00e9",
            "2026-03-14",
            [
                "The R\u00f6sner family bakery on Harbour Street celebrated its 100th birthday on "
                "Saturday with free cinnamon buns for anyone who queued \u2013 and the queue "
                "started at 4.30 a.m.",
                "Fourth-generation owner Andr\u00e9 R\u00f6sner, 58, still starts work at 3 a.m. "
                "\u201cThe ovens don\u2019t care that it\u2019s a holiday,\u201d he said, "
                "dusting flour from his apron. \u201cNeither do the customers.\u201d",
                "His great-grandfather opened the bakery in 1926 with a single wood-fired oven, "
                "which still stands in the back room. The caf\u00e9 next door was added in 1978.",
                "Mayor Elena Voss, who cut a ribbon made of pastry, called the bakery \u201cthe "
                "most reliable institution in Kestrel Bay\u201d. R\u00f6sner\u2019s daughter, "
                "Ir\u00e8ne, is expected to take over next year.",
            ],
            "https://kestrel-courier.example/local/bakery-turns-100",
            charset_meta=None,
            teasers=["Harbour Street to go car-free on Sundays from June\u2026"],
        ),
    ),
    (
        "https://metrodaily.example/news/rail-line-reopens",
        "2026-04-01T12:00:00Z",
        "text/html; charset=UTF-8",
        "utf-8",
        page(
            "Metro Daily",
            METRO_NAV,
            "Greyford rail line reopens after 50 years",
            "By Tom Achebe, Transport Correspondent",
            "2026-04-01",
            [
                "Passenger trains returned to the Greyford branch line on Wednesday for the first "
                "time in half a century, after a 120 million crown project to relay track and "
                "rebuild three stations.",
                "Hundreds of people lined the platforms at Greyford for the first departure at "
                "6.12 a.m. \u201cMy father worked on the last train in 1976, and I am on the "
                "first one back,\u201d said passenger Alan Reyes, 71.",
                "Transport Minister Sara Lindqvist said the line would cut the journey to the "
                "regional capital from 75 minutes by bus to 38 minutes. She added that trains "
                "would run every half hour at peak times.",
                "Local businesses hope the line will bring day visitors to the town's market.",
            ],
            "https://metrodaily.example/news/rail-line-reopens",
            teasers=METRO_TEASERS,
        ),
    ),
    (
        "https://metrodaily.example/business/",
        "2026-05-07T18:15:40Z",
        "text/html; charset=utf-8",
        "utf-8",
        page(
            "Metro Daily",
            METRO_NAV,
            "Business",
            "Latest business news",
            "2026-05-07",
            [
                "Lithium mine at Tamsin Ridge gets green light...",
                "Port workers vote on pay offer as ships wait offshore...",
                "Brightloop to cut a quarter of its staff, memo says...",
                "Solar farm on former airfield to power 30,000 homes...",
                "Page 1 of 48 | Next page",
            ],
            "https://metrodaily.example/business/",
            teasers=METRO_TEASERS,
        ),
    ),
    (
        "https://kestrel-courier.example/world/climate-talks-deal",
        "2026-11-21T23:59:00Z",
        "text/html",
        "iso-8859-1",
        page(
            "Kestrel Courier",
            ["Home", "Local", "World", "Sport"],
            "Climate talks end with deal on adaptation fund",
            "By Jos\u00e9 \u00c1lvarez in Bonnhaven",
            "2026-11-21",
            [
                "Negotiators from 140 countries agreed early on Saturday to triple a fund that "
                "helps poor countries adapt to floods, droughts and rising seas, after talks in "
                "Bonnhaven ran more than a day over schedule.",
                "\u201cThis is not everything we asked for, but it is real money for real "
                "people,\u201d said Malia Tuilagi, the chief negotiator for a group of Pacific "
                "island states. She said the deal would pay for sea walls and early warning "
                "systems.",
                "Talks chair Bernhard M\u00fcller said the agreement showed that cooperation was "
                "still possible. Critics said the deal said nothing about cutting emissions "
                "faster.",
            ],
            "https://kestrel-courier.example/world/climate-talks-deal",
            charset_meta="iso-8859-1",
        ),
    ),
    (
        "https://valley-times.example/news/wolves-return",
        "2026-09-03T09:30:00Z",
        "text/html; charset=utf-8",
        "utf-8",
        page(
            "The Valley Times",
            ["Home", "News", "Sport", "Business", "Life"],
            "Wolves confirmed in Calder Valley for the first time in a century",
            "By Lena Fischer",
            "2026-09-03",
            [
                "Wildlife officials have confirmed that a pair of wolves has settled in the "
                "forests above the Calder Valley, the first known wolves in the region for more "
                "than a hundred years.",
                "Camera traps recorded the animals on eleven nights in August, and droppings "
                "collected by rangers were confirmed as wolf by a genetics laboratory, the "
                "regional wildlife service said.",
                "Sheep farmer Ewan MacLeod said he was worried for his flock. \u201cIt is a "
                "wonderful thing for people who live in cities,\u201d he said. \u201cFor us it "
                "means nights without sleep.\u201d",
                "The wildlife service said it would pay for electric fencing and compensate "
                "farmers for any animals killed by wolves.",
            ],
            "https://valley-times.example/news/wolves-return",
        ),
    ),
    (
        "https://portvale-gazette.example/news/harbour-tunnel-study",
        "2026-03-10T15:20:00Z",
        "text/html; charset=utf-8",
        "utf-8",
        page(
            "Portvale Gazette",
            ["Home", "News", "City", "Sport", "Weather"],
            "Engineers to study road tunnel under the harbour",
            "By Nadia Rahman",
            "2026-03-10",
            [
                "Portvale will pay engineers 2 million crowns to study whether a road tunnel "
                "under the harbour could take lorries out of the old town, the city's transport "
                "committee decided on Monday.",
                "Committee chairman Ravi Menon said the study would report within eighteen "
                "months. \u201cThe bridge will take the bikes and the walkers; the question is "
                "what we do with the trucks,\u201d Menon said.",
                "The harbour master, Ingrid Solberg, said a tunnel would have to be bored deep "
                "enough to allow for future dredging of the channel.",
            ],
            "https://portvale-gazette.example/news/harbour-tunnel-study",
        ),
    ),
]

# The comet page from html/ mirrored, byte for byte, on a partner site: an exact duplicate.
MIRROR = (
    "https://partner-mirror.example/northern-star/amateur-astronomer-new-comet",
    "2026-01-10T04:00:00Z",
    "text/html; charset=utf-8",
    None,  # bytes read from html/northern-star-comet.html
    None,
)

# ---------------------------------------------------------------------------------------------


def write_gzip(path, data):
    """One gzip member, no file name, mtime 0: the same bytes on every run."""
    with open(path, "wb") as f:
        f.write(gzip_member(data))


def gzip_member(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as g:
        g.write(data)
    return buf.getvalue()


def record_id(*parts):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "newsmill-samples:" + ":".join(parts))


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def warc_record(kind, date, block, url=None, content_type=None, extra=()):
    rid = record_id(kind, url or "", date)
    headers = [
        ("WARC-Type", kind),
        ("WARC-Record-ID", rid),
        ("WARC-Date", date),
    ]
    if url:
        headers.append(("WARC-Target-URI", url))
    headers.extend(extra)
    if content_type:
        headers.append(("Content-Type", content_type))
    headers.append(("WARC-Block-Digest", digest(block)))
    headers.append(("Content-Length", str(len(block))))
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + block + b"\r\n\r\n", rid


def http_response(body, content_type, date):
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"Date: {date}\r\n"
        "Server: nginx\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def http_request(url):
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return (
        f"GET /{path} HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "User-Agent: newsmill-sample-crawler/0.1 (+https://example.invalid/bot)\r\n"
        "Accept: text/html\r\n\r\n"
    ).encode("ascii")


def build_warc():
    members = []
    info = (
        "software: newsmill-sample-crawler/0.1\r\n"
        "format: WARC File Format 1.1\r\n"
        "description: invented news pages for newsmill's samples\r\n"
        "isPartOf: newsmill-samples\r\n"
    ).encode("ascii")
    rec, _ = warc_record(
        "warcinfo",
        "2026-11-22T00:00:00Z",
        info,
        content_type="application/warc-fields",
        extra=[("WARC-Filename", "crawl.warc.gz")],
    )
    members.append(rec)

    with open(os.path.join(HERE, "html", "northern-star-comet.html"), "rb") as f:
        comet = f.read()
    pages = [(u, d, ct, enc, h.encode(enc, "xmlcharrefreplace")) for (u, d, ct, enc, h) in WARC_PAGES]
    pages.insert(4, (MIRROR[0], MIRROR[1], MIRROR[2], "utf-8", comet))
    for i, (url, date, ctype, _enc, body) in enumerate(pages):
        req, req_id = warc_record(
            "request", date, http_request(url), url, "application/http; msgtype=request"
        )
        members.append(req)
        payload = http_response(body, ctype, "Sat, 21 Nov 2026 12:00:00 GMT")
        resp, resp_id = warc_record(
            "response",
            date,
            payload,
            url,
            "application/http; msgtype=response",
            extra=[
                ("WARC-Concurrent-To", req_id),
                ("WARC-Payload-Digest", digest(body)),
                ("WARC-IP-Address", f"192.0.2.{10 + i}"),
            ],
        )
        members.append(resp)
        if i % 2 == 0:
            meta = f"via: https://metrodaily.example/\r\nfetchTimeMs: {120 + 7 * i}\r\n".encode("ascii")
            rec, _ = warc_record(
                "metadata",
                date,
                meta,
                url,
                "application/warc-fields",
                extra=[("WARC-Refers-To", resp_id)],
            )
            members.append(rec)
    return b"".join(gzip_member(m) for m in members)


def jsonl_bytes(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def main():
    with open(os.path.join(HERE, "text", "calder-drought.txt"), encoding="utf-8") as f:
        drought = f.read().rstrip("\n")
    records = []
    for r in JSONL:
        r = dict(r)
        if "html" not in r and r["text"] is None:
            r["text"] = drought
        records.append(r)
    with open(os.path.join(HERE, "jsonl", "news.jsonl"), "wb") as f:
        f.write(jsonl_bytes(records))
    write_gzip(os.path.join(HERE, "jsonl", "more.jsonl.gz"), jsonl_bytes(MORE_JSONL))
    with open(os.path.join(HERE, "warc", "crawl.warc.gz"), "wb") as f:
        f.write(build_warc())


if __name__ == "__main__":
    main()
