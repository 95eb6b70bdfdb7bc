//! The article-level table of names: every capitalised name sequence with its frequency, the
//! people among them (with roles from pre-modifiers and appositives, gender hints and mention
//! counts), and the lookups that turn a mention (`Peskov`, `the president`, `she`) into a
//! full name.

use crate::lexicon::*;
use crate::tokens::{Kind, Tok};
use std::collections::HashMap;

/// Gender as far as the article tells it, for pronoun agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Female,
    Male,
    Unknown,
}

/// A name occurrence in the text.
#[derive(Debug, Clone)]
pub(crate) struct NameMention {
    /// Token range of the name words `[s, e)` (titles and roles excluded).
    pub s: usize,
    pub e: usize,
    /// Token where the mention with its pre-modifiers (role, title) starts.
    pub np_s: usize,
    /// Index into `People::names`.
    pub name: usize,
}

/// One distinct name string with what the article says about it.
#[derive(Debug, Clone)]
pub(crate) struct NameEntry {
    pub words: Vec<String>,
    pub count: usize,
    pub person_evidence: bool,
    pub org: bool,
    pub gender: Gender,
    pub role: Option<String>,
    pub title_president: bool,
    /// Seen right after a personal title (`Mr.`, `Sen.`).
    pub title_present: bool,
    /// Seen at least once outside a headline paragraph.
    pub in_body: bool,
    /// Seen at least once inside a sentence (not first in it), where a capital marks a name.
    pub mid_sentence: bool,
    /// A one-word name the text also writes in lower case (`Minutes later`, `Signs read`):
    /// a capitalised common word at a sentence start, not a name.
    pub common_word: bool,
}

/// A name as printed: its words joined by spaces, with typographic apostrophes made plain
/// (`O’Hara` -> `O'Hara`) so that one person reads the same in every article.
pub(crate) fn display_name(words: &[String]) -> String {
    words.join(" ").replace('\u{2019}', "'")
}

/// The article's name table.
#[derive(Debug, Default)]
pub(crate) struct People {
    pub names: Vec<NameEntry>,
    index: HashMap<String, usize>,
    pub mentions: Vec<NameMention>,
    /// Last word -> names ending with it, so that lookups stay linear in the article.
    by_last: HashMap<String, Vec<usize>>,
    /// First word -> multi-word names starting with it.
    by_first: HashMap<String, Vec<usize>>,
    /// `persons()` as first computed, for role lookups (`the president`).
    persons_cache: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// Per paragraph: whether it is set in title case or capitals (a headline), where
    /// capitalised runs (`Parent Corners Vale`) are no reliable names.
    headline_para: Vec<bool>,
}

pub(crate) fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.s..t.e]
}

/// Strips a possessive ending (`Trump’s` -> `Trump`).
pub(crate) fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["\u{2019}s", "'s"] {
        if let Some(x) = w.strip_suffix(suf) {
            return (x, true);
        }
    }
    (w, false)
}

/// Per paragraph, whether it reads as a headline: at least four words, and every one that is
/// not a short function word starts with a capital (a sentence has lower-case verbs).
fn headline_paragraphs(text: &str, toks: &[Tok]) -> Vec<bool> {
    let n = toks.last().map_or(0, |t| t.para + 1);
    let mut words = vec![0usize; n];
    let mut caps = vec![0usize; n];
    // (a paragraph with one lower-case content word is settled: its other words are skipped)
    let mut settled = vec![false; n];
    for t in toks.iter().filter(|t| t.is_word()) {
        if settled[t.para] {
            continue;
        }
        let w = word(text, t);
        let Some(c) = w.chars().next() else { continue };
        if !c.is_alphabetic()
            || matches!(
                w,
                "a" | "an"
                    | "the"
                    | "of"
                    | "in"
                    | "on"
                    | "to"
                    | "for"
                    | "and"
                    | "or"
                    | "at"
                    | "by"
                    | "with"
                    | "as"
                    | "vs"
            )
        {
            continue;
        }
        words[t.para] += 1;
        if c.is_uppercase() {
            caps[t.para] += 1;
        } else {
            settled[t.para] = true;
        }
    }
    (0..n)
        .map(|p| words[p] >= 4 && caps[p] == words[p])
        .collect()
}

/// Whether the quotation mark at `open` starts a nickname inside a name (`Nora "Lee" Vale`,
/// `James “Jim” Reed`): one capitalised word between marks, after a known first name and
/// before a capitalised word.
pub(crate) fn is_nickname(text: &str, toks: &[Tok], open: usize) -> bool {
    let cap_word = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.is_word() && is_cap_word(word(text, t)))
    };
    let mark = |k: usize| {
        toks.get(k)
            .is_some_and(|t| matches!(t.kind, Kind::Quote(_)))
    };
    open > 0
        && mark(open)
        && cap_word(open - 1)
        && {
            let first = word(text, &toks[open - 1]);
            is_female_first_name(first) || is_male_first_name(first)
        }
        && cap_word(open + 1)
        && mark(open + 2)
        && cap_word(open + 3)
        && toks[open - 1].para == toks[open + 3].para
}

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(c) = cs.next() else { return false };
    let n = w.chars().count();
    // "Trump", "J", and short acronyms of organisations ("CBS", "ACU")
    c.is_uppercase()
        && (w.chars().any(|c| c.is_lowercase())
            || n == 1
            || ((2..=5).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase())))
}

/// Whether the title at `j` is followed by a name (`Capt. Jeff`, `Speaker Paul`), so that it
/// starts a new name rather than being a surname (`Mary Major, who`).
fn title_starts_name(text: &str, toks: &[Tok], j: usize) -> bool {
    let mut k = j + 1;
    if toks.get(k).is_some_and(|t| t.kind == Kind::Punct('.')) {
        k += 1;
    }
    toks.get(k)
        .is_some_and(|t| t.is_word() && t.para == toks[j].para && is_cap_word(word(text, t)))
}

fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "bin"
            | "al"
            | "da"
            | "del"
            | "la"
            | "le"
            | "di"
            | "du"
            | "der"
            | "den"
    )
}

fn is_suffix(w: &str) -> bool {
    matches!(w, "Jr" | "Sr" | "II" | "III" | "IV")
}

/// How many words at the front of a capitalised run are a role rather than the name: up to the
/// last role noun (`Acme CEO`, `Co-anchor`, `Editor-in-Chief`), a `-based` adjective, or a
/// department after `of` before a known first name (`[Chief of] Staff Jo Park`). Two words
/// always stay.
fn leading_role_words(words: &[String], after_of: bool) -> usize {
    if words.len() < 3 {
        return 0;
    }
    let is_role = |w: &str| {
        let lw = w.to_lowercase();
        is_role_noun(&lw)
            || lw.ends_with("-based")
            || lw.ends_with("maker")
            || (lw.contains('-') && lw.split('-').any(is_role_noun))
    };
    let mut drop = 0;
    for (k, w) in words.iter().enumerate().take(words.len() - 2) {
        if is_role(w) {
            drop = k + 1;
        }
    }
    let first_name = |w: &str| is_female_first_name(w) || is_male_first_name(w);
    if drop == 0 && after_of && first_name(&words[1]) {
        drop = 1;
    }
    // `Marine Jo Reed`, `Democrat Jo Park`: a service or a party before a first name and a
    // surname is a role (`Marine` before a surname-like word stays a first name)
    if drop == 0
        && matches!(
            words[0].as_str(),
            "Marine" | "Army" | "Navy" | "Democrat" | "Republican" | "Libertarian"
        )
        && first_name(&words[1])
    {
        drop = 1;
    }
    drop
}

impl People {
    /// Scans the text for name sequences and builds the table.
    pub fn build(text: &str, toks: &[Tok]) -> People {
        let mut p = People {
            headline_para: headline_paragraphs(text, toks),
            ..People::default()
        };
        let mut i = 0;
        while i < toks.len() {
            if let Some((m, next)) = p.scan_name(text, toks, i) {
                p.mentions.push(m);
                i = next;
            } else {
                i += 1;
            }
        }
        p.mark_common_words(text, toks);
        p
    }

    /// Flags one-word names without a title, seen only first in a sentence, whose lower-case
    /// form is a word of the text.
    fn mark_common_words(&mut self, text: &str, toks: &[Tok]) {
        // (a sorted list searched by halves: cheaper than hashing every token)
        let mut wanted: Vec<(String, usize)> = self
            .names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.words.len() == 1 && !n.title_present && !n.mid_sentence)
            .map(|(k, n)| (n.words[0].to_lowercase(), k))
            .collect();
        if wanted.is_empty() {
            return;
        }
        wanted.sort_unstable();
        // (lengths and first letters present, to skip most tokens without a search)
        let mut lens = 0u64;
        let mut firsts = 0u32;
        for (lower, _) in &wanted {
            lens |= 1 << lower.len().min(63);
            if let Some(b) = lower.bytes().next().filter(u8::is_ascii_lowercase) {
                firsts |= 1 << (b - b'a');
            }
        }
        for t in toks.iter().filter(|t| t.is_word()) {
            let w = word(text, t);
            let b = w.as_bytes()[0];
            if !b.is_ascii_lowercase()
                || lens & (1 << w.len().min(63)) == 0
                || firsts & (1 << (b - b'a')) == 0
            {
                continue;
            }
            if let Ok(i) = wanted.binary_search_by(|(lower, _)| lower.as_str().cmp(w)) {
                let k = wanted[i].1;
                self.names[k].common_word = true;
            }
        }
    }

    /// Recognises a name starting at token `i` (possibly after titles); returns the mention and
    /// the token after it.
    fn scan_name(&mut self, text: &str, toks: &[Tok], i: usize) -> Option<(NameMention, usize)> {
        let w0 = word(text, &toks[i]);
        if !toks[i].is_word() || !is_cap_word(w0) {
            return None;
        }
        // `Hours later,`, `Days earlier,`, `Weeks ago,`: a time noun, not a name
        if matches!(
            w0,
            "Seconds"
                | "Minutes"
                | "Moments"
                | "Hours"
                | "Days"
                | "Weeks"
                | "Months"
                | "Years"
                | "Decades"
        ) && toks
            .get(i + 1)
            .is_some_and(|t| t.is_word() && matches!(word(text, t), "later" | "earlier" | "ago"))
        {
            return None;
        }
        let Titles {
            mut j,
            female: title_female,
            president: title_president,
            any: had_title,
        } = titles_at(text, toks, i);
        let mut start = j;
        let (mut words, word_toks, stopped_at_title);
        (words, word_toks, stopped_at_title, j) = name_words(text, toks, i, j, had_title);
        while words.last().is_some_and(|w| is_particle(w)) {
            words.pop();
        }
        // role words capitalised inside the run belong to the role, not the name
        // ("Acme CEO Jo Park", "Filmmaker Jo Park", "Co-anchor Jo Park", "Ohio-based Jo Park",
        // "Chief of Staff Jo Park")
        let drop = leading_role_words(
            &words,
            i > 0 && start == i && word(text, &toks[i - 1]) == "of",
        );
        if drop > 0 {
            words.drain(..drop);
            start = word_toks[drop];
        }
        if words.is_empty() {
            return None;
        }
        // a lone capitalised word at a sentence start is usually not a name
        let single = words.len() == 1;
        let first = words[0].as_str();
        let last = words.last().map(String::as_str).unwrap_or("");
        let org = words.iter().any(|w| is_org_word(w)) || stopped_at_title && !had_title;
        // "his wife, Jo,", "her husband, Carl Berg,": a kinship noun before the name
        let kin = kinship_before(text, toks, start);
        let kin_before = kin.is_some();
        let gender = if title_female || is_female_first_name(first) {
            Gender::Female
        } else if is_male_first_name(first) || had_title && !title_female && !single {
            Gender::Male
        } else if let Some(g) = kin {
            g
        } else {
            Gender::Unknown
        };
        let evidence = !org
            && (had_title
                || (single
                    && kin_before
                    && (is_female_first_name(first) || is_male_first_name(first)))
                || (!single && (is_female_first_name(first) || is_male_first_name(first)))
                || (!single && words.iter().any(|w| w.chars().count() == 1)));
        let idx = self.entry_for(&words, org);
        let e = self.names.get_mut(idx)?;
        e.count += 1;
        e.person_evidence |= evidence;
        e.in_body |= !self
            .headline_para
            .get(toks[i].para)
            .copied()
            .unwrap_or(false);
        e.mid_sentence |= i > 0
            && toks[i - 1].para == toks[i].para
            && !matches!(
                toks[i - 1].kind,
                Kind::Punct('.' | '!' | '?' | ':' | '\u{2014}' | '-') | Kind::Quote(_)
            );
        e.title_president |= title_president;
        e.title_present |= had_title;
        if e.gender == Gender::Unknown {
            e.gender = gender;
        }
        let _ = last;
        // role: pre-modifiers before the titles/name, then an appositive after
        let (np_s, pre) = premodifier_role(text, toks, i, start);
        if e.role.is_none() {
            e.role = pre.or_else(|| appositive_role(text, toks, j));
        }
        if e.role.is_some() && !org {
            e.person_evidence = true;
        }
        Some((
            NameMention {
                s: start,
                e: j,
                np_s,
                name: idx,
            },
            j.max(i + 1),
        ))
    }

    /// The table entry of a name, created on its first mention.
    fn entry_for(&mut self, words: &[String], org: bool) -> usize {
        let key = words.join(" ");
        match self.index.get(&key) {
            Some(&k) => k,
            None => {
                self.names.push(NameEntry {
                    words: words.to_vec(),
                    count: 0,
                    person_evidence: false,
                    org,
                    gender: Gender::Unknown,
                    role: None,
                    title_president: false,
                    title_present: false,
                    common_word: false,
                    in_body: false,
                    mid_sentence: false,
                });
                let k = self.names.len() - 1;
                self.index.insert(key, k);
                if let Some(l) = words.last() {
                    self.by_last.entry(l.clone()).or_default().push(k);
                }
                if words.len() > 1 {
                    self.by_first.entry(words[0].clone()).or_default().push(k);
                }
                self.names.len() - 1
            }
        }
    }

    /// The full name a mention stands for: the most frequent name in the article that ends with
    /// the same words (ties go to the longer), as a reader expands "Peskov" to "Dmitri Peskov".
    pub fn expand(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        let mut best: Option<(usize, usize, usize)> = None; // (count, len, idx)
        let empty = Vec::new();
        let cands = words
            .last()
            .and_then(|l| self.by_last.get(l))
            .unwrap_or(&empty);
        for &k in cands {
            let n = &self.names[k];
            if n.words.len() < words.len() || !n.words.ends_with(words) {
                continue;
            }
            // a longer form seen only in headlines (`Parent Corners Vale`) expands nothing
            if n.words.len() > words.len() && !n.in_body {
                continue;
            }
            let cand = (n.count, n.words.len(), k);
            // prefer person names, then frequency, then length
            let better = match best {
                None => true,
                Some((c, l, b)) => {
                    let (pe, pb) = (self.names[k].person_evidence, self.names[b].person_evidence);
                    (pe && !pb)
                        || (pe == pb
                            && (n.words.len() > 1)
                            && (cand.0 > c || (cand.0 == c && cand.1 > l)))
                        || (pe == pb && l == 1 && n.words.len() > 1)
                }
            };
            if better {
                best = Some(cand);
            }
        }
        if let Some((_, _, k)) = best {
            return Some(k);
        }
        // a first name alone ("Hillary") expands to the one person with that first name
        if words.len() == 1 {
            let c: Vec<usize> = self
                .by_first
                .get(&words[0])
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&k| self.names[k].person_evidence)
                        .collect()
                })
                .unwrap_or_default();
            if c.len() == 1 {
                return Some(c[0]);
            }
        }
        None
    }

    /// The entry a name stands for once expanded (`Peskov` -> `Dmitri Peskov`), or itself.
    pub fn canonical(&self, k: usize) -> usize {
        self.expand(&self.names[k].words).unwrap_or(k)
    }

    /// Groups name entries into people: each multi-word person name with every shorter name
    /// that ends with its surname. Returns (canonical entry, mention count).
    pub fn persons(&self) -> Vec<(usize, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for m in &self.mentions {
            let n = &self.names[m.name];
            let Some(k) = self.expand(&n.words) else {
                continue;
            };
            if self.is_person(k) {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Whether an entry looks like a person (not an organisation or place).
    pub fn is_person(&self, k: usize) -> bool {
        let n = &self.names[k];
        if n.common_word {
            return false;
        }
        if n.words.len() == 1 {
            let w = n.words[0].as_str();
            let groupish = ["ians", "ans", "ese", "ish", "ian", "ists", "ers"]
                .iter()
                .any(|suf| w.ends_with(suf))
                && !n.title_present;
            if groupish {
                return false;
            }
        }
        !n.org && (n.person_evidence || n.words.len() >= 2 && n.role.is_some())
    }

    /// The role of a person: of the entry itself, else of any shorter/longer form of the name.
    pub fn role(&self, k: usize) -> Option<String> {
        if let Some(r) = &self.names[k].role {
            return Some(r.clone());
        }
        let last = self.names[k].words.last()?;
        self.by_last
            .get(last)?
            .iter()
            .map(|&o| &self.names[o])
            .filter(|n| self.names[k].words.ends_with(&n.words))
            .find_map(|n| n.role.clone())
    }

    /// The gender of a person, looking at every form of the name.
    pub fn gender(&self, k: usize) -> Gender {
        let n = &self.names[k];
        if n.gender != Gender::Unknown {
            return n.gender;
        }
        let Some(cands) = n.words.last().and_then(|l| self.by_last.get(l)) else {
            return Gender::Unknown;
        };
        for &o in cands {
            let o = &self.names[o];
            if o.gender != Gender::Unknown && n.words.ends_with(&o.words) {
                return o.gender;
            }
        }
        Gender::Unknown
    }

    /// The person a role phrase names (`the president` -> the person the article calls
    /// President), the most mentioned one when several fit.
    pub fn by_role(&self, role_word: &str) -> Option<usize> {
        let persons = self.persons_cache.get_or_init(|| self.persons());
        persons
            .iter()
            .find(|&&(k, _)| {
                let n = &self.names[k];
                (role_word.starts_with("president") && n.title_president)
                    || self.role(k).is_some_and(|r| {
                        r.to_lowercase()
                            .split(|c: char| c.is_whitespace())
                            .any(|w| {
                                let w = w.trim_end_matches('.');
                                // (`Sen.` holds the role `senator`, `Gov.` `governor`)
                                w == role_word
                                    || matches!(
                                        (w, role_word),
                                        ("sen", "senator")
                                            | ("gov", "governor")
                                            | ("rep", "representative" | "congressman")
                                    )
                            })
                    })
            })
            .map(|&(k, _)| k)
    }
}

/// Role words before a name (`Kremlin spokesman`, `US President-elect`), ending at the name or its
/// titles. Returns where the noun phrase starts and the role text.
fn premodifier_role(
    text: &str,
    toks: &[Tok],
    name_tok: usize,
    name_start: usize,
) -> (usize, Option<String>) {
    // titles between name_tok and name_start are part of the role
    let mut s = name_tok;
    let mut has_role_noun = name_start > name_tok;
    let mut k = name_tok;
    let mut steps = 0;
    while k > 0 && steps < 6 {
        let t = &toks[k - 1];
        if t.para != toks[name_tok].para || !t.is_word() {
            break;
        }
        let w = word(text, t);
        let lw = w.to_lowercase();
        let (base, poss) = strip_possessive(w);
        let role_like =
            is_role_noun(&lw) || lw.rsplit_once('-').is_some_and(|(_, r)| is_role_noun(r));
        if role_like || is_title(w) {
            has_role_noun = true;
        } else if poss && is_cap_word(base) {
            // "Trump's campaign manager Kellyanne Conway": possessive owner belongs to the role
        } else if is_role_modifier(&lw)
            || (is_cap_word(w) && !is_name_stopword(w))
            || w.chars().all(|c| c.is_uppercase())
        {
            if !has_role_noun {
                break; // modifiers only count before a role noun
            }
        } else {
            break;
        }
        k -= 1;
        steps += 1;
        s = k;
    }
    if !has_role_noun || s == name_start {
        return (name_tok, None);
    }
    // a role does not start with a preposition ("of US President-elect")
    while s < name_start && matches!(word(text, &toks[s]), "of" | "and" | "for") {
        s += 1;
    }
    if s >= name_start {
        return (name_tok, None);
    }
    let a = toks[s].s;
    let b = toks[name_start - 1].e;
    let role = expand_title_abbreviations(text[a..b].trim());
    if role.is_empty() {
        return (name_tok, None);
    }
    (s, Some(role))
}

/// Spells out abbreviated titles in a role (`Massachusetts Sen.` -> `Massachusetts Senator`), so
/// that roles read the same whichever form the article used.
fn expand_title_abbreviations(role: &str) -> String {
    role.split(' ')
        .map(|w| match w {
            "Sen." => "Senator",
            "Sens." => "Senators",
            "Rep." => "Representative",
            "Reps." => "Representatives",
            "Gov." => "Governor",
            "Gen." => "General",
            "Lt." => "Lieutenant",
            "Col." => "Colonel",
            "Sgt." => "Sergeant",
            "Capt." => "Captain",
            "Adm." => "Admiral",
            "Prof." => "Professor",
            "Rev." => "Reverend",
            "Dr." => "Doctor",
            "Del." => "Delegate",
            "Atty." => "Attorney",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An appositive role after a name: `Peskov, the Kremlin's spokesman,` / `Smith, a spokesman for X`.
fn appositive_role(text: &str, toks: &[Tok], after: usize) -> Option<String> {
    if after >= toks.len() || toks[after].kind != Kind::Punct(',') {
        return None;
    }
    let para = toks[after].para;
    let mut k = after + 1;
    let first = toks.get(k)?;
    let fw = word(text, first).to_lowercase();
    if matches!(fw.as_str(), "the" | "a" | "an") {
        k += 1;
    }
    let start = k;
    let mut has_role = false;
    while k < toks.len() && toks[k].para == para && toks[k].is_word() && k - start < 8 {
        let w = word(text, &toks[k]).to_lowercase();
        if matches!(w.as_str(), "who" | "said" | "says" | "and" | "which") {
            return None;
        }
        if is_role_noun(strip_possessive(&w).0) {
            has_role = true;
        }
        k += 1;
    }
    if !has_role || k == start {
        return None;
    }
    // must be closed by a comma, dash, period or paragraph end
    let closed = k >= toks.len()
        || toks[k].para != para
        || matches!(
            toks[k].kind,
            Kind::Punct(',' | '.' | ';' | '\u{2014}' | '-' | ')')
        );
    if !closed {
        return None;
    }
    Some(text[toks[start].s..toks[k - 1].e].trim().to_string())
}

/// The titles before a name (`Sen.`, `Secretary of State`): where the name starts and what the
/// titles say about the person.
struct Titles {
    j: usize,
    female: bool,
    president: bool,
    any: bool,
}

fn titles_at(text: &str, toks: &[Tok], i: usize) -> Titles {
    let mut j = i;
    let mut title_female = false;
    let mut title_president = false;
    let mut had_title = false;
    // titles
    while j < toks.len() && toks[j].is_word() && toks[j].para == toks[i].para {
        let w = word(text, &toks[j]);
        // a capitalised role noun before a name is a title too ("Billionaire Donald Trump")
        let role_title = is_role_noun(&w.to_lowercase()) && title_starts_name(text, toks, j);
        if !is_title(w) && !role_title {
            break;
        }
        // "Mr. King added": a title word after a title, with no name after it, is the surname
        if had_title && !title_starts_name(text, toks, j) {
            break;
        }
        had_title = true;
        title_female |= is_female_title(w);
        title_president |= w.starts_with("President");
        j += 1;
        if j < toks.len() && toks[j].kind == Kind::Punct('.') {
            j += 1;
        }
    }
    // "Secretary of State Ann Vale", "Secretary of Labor Bo Reed": the
    // department belongs to the title; the name is the last two capitalised words
    if had_title && j + 1 < toks.len() && toks[j].is_word() && word(text, &toks[j]) == "of" {
        let mut k = j + 1;
        while k < toks.len()
            && toks[k].is_word()
            && toks[k].para == toks[i].para
            && is_cap_word(word(text, &toks[k]))
        {
            k += 1;
        }
        let run = k - (j + 1);
        if run >= 3 {
            j = k - 2;
        } else if run == 2 {
            j = k - 1;
        }
    }
    Titles {
        j,
        female: title_female,
        president: title_president,
        any: had_title,
    }
}

/// The words of a name from token `j`: the words, their tokens, whether a title that starts
/// another name stopped them, and the token after them.
fn name_words(
    text: &str,
    toks: &[Tok],
    i: usize,
    mut j: usize,
    had_title: bool,
) -> (Vec<String>, Vec<usize>, bool, usize) {
    let mut words: Vec<String> = Vec::new();
    // the token of each word, so that role words dropped from the front move the start
    let mut word_toks: Vec<usize> = Vec::new();
    let mut stopped_at_title = false;
    while j < toks.len() && toks[j].para == toks[i].para {
        let t = &toks[j];
        // (`Nora "Lee" Vale`: the nickname is skipped, the name goes on)
        if !words.is_empty() && is_nickname(text, toks, j) {
            j += 3;
            continue;
        }
        if !t.is_word() {
            break;
        }
        let raw = word(text, t);
        let (w, poss) = strip_possessive(raw);
        // a title ends the name before it ("House Speaker Paul Ryan", "Navy Capt. Jeff Davis")
        let ok = if words.is_empty() {
            // "governor Jan Kerr", "aide April Ross": after a role noun a first name that
            // is also a month starts the name
            let first_name_after_role = (is_female_first_name(w)
                || is_male_first_name(w)
                || matches!(w, "Jan" | "April" | "May" | "June" | "Will" | "Grant"))
                && j > 0
                && toks[j - 1].is_word()
                && is_role_noun(word(text, &toks[j - 1]))
                && toks.get(j + 1).is_some_and(|t| {
                    t.is_word() && t.para == toks[j].para && is_cap_word(word(text, t))
                });
            is_cap_word(w)
                && (!is_name_stopword(w) || first_name_after_role)
                && (!is_title(w) || had_title && !title_starts_name(text, toks, j))
        } else {
            // "Kristen Day", "Theresa May": after a known first name a stopword is a surname
            let after_first_name = words.len() == 1
                && (is_female_first_name(&words[0]) || is_male_first_name(&words[0]));
            // ("Jon A. Baird": a one-letter initial with its dot, even "A"; "Civic
            // Watch": an organisation word goes on)
            let initial_with_dot = w.chars().count() == 1
                && w.chars().all(char::is_uppercase)
                && toks.get(j + 1).is_some_and(|t| t.kind == Kind::Punct('.'));
            (is_cap_word(w)
                && (!is_name_stopword(w)
                    || after_first_name && w.chars().count() > 2
                    || is_org_word(w))
                && !(is_title(w) && title_starts_name(text, toks, j)))
                || initial_with_dot
                || is_particle(w)
                || is_suffix(w)
        };
        if !ok {
            // "Acme Party Chair Jo Park": the words before a title that starts a name modify it
            stopped_at_title = !words.is_empty() && is_title(w) && title_starts_name(text, toks, j);
            break;
        }
        // an initial takes its dot
        let initial = w.chars().count() == 1;
        if initial
            && !(j + 1 < toks.len() && toks[j + 1].kind == Kind::Punct('.'))
            && !words.is_empty()
        {
            break;
        }
        words.push(w.to_string());
        word_toks.push(j);
        j += 1;
        if initial && j < toks.len() && toks[j].kind == Kind::Punct('.') {
            j += 1;
        }
        if poss {
            break;
        }
        if words.len() >= 5 {
            break;
        }
    }
    (words, word_toks, stopped_at_title, j)
}

/// "his wife, Jo,", "her husband, Carl Berg,": a kinship noun before the name, with the gender
/// it gives.
fn kinship_before(text: &str, toks: &[Tok], start: usize) -> Option<Gender> {
    {
        let mut k = start;
        if k > 0 && toks[k - 1].kind == Kind::Punct(',') {
            k -= 1;
        }
        (k > 0 && toks[k - 1].is_word()).then(|| word(text, &toks[k - 1]))
    }
    .and_then(|w| match w {
        "wife" | "mother" | "daughter" | "sister" | "widow" => Some(Gender::Female),
        "husband" | "father" | "son" | "brother" | "widower" => Some(Gender::Male),
        "partner" => Some(Gender::Unknown),
        _ => None,
    })
}
