//! Word lists the rules lean on: reporting verbs, titles, role nouns, name parts. The lists are
//! data (`crates/newsmill-attrib/data/`), one word a line, sorted; the tests below keep them free
//! of duplicates, dead entries and conflicts.
//!
//! Written by hand from general knowledge of English news style (never from evaluation
//! text), so that the rules generalise to articles they were not tuned on.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// How a reporting verb behaves, which decides where its content and source can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueInfo {
    /// Takes a clause ("said (that) ...") whose span is the reported content.
    pub clause: bool,
    /// May follow its quotation with the subject after it (`," said Peskov`).
    pub inversion: bool,
    /// Takes a person object before the clause (`told reporters that ...`).
    pub object: bool,
    /// Takes a noun phrase as content (`criticized the plan`, `called it "a disaster"`).
    pub np: bool,
    /// Mental state rather than speech (`believes`, `hopes`): weaker, only with a clear subject.
    pub mental: bool,
}

const C: u8 = 1; // clause
const I: u8 = 2; // inversion
const O: u8 = 4; // object
const N: u8 = 8; // noun-phrase content
const M: u8 = 16; // mental

/// A word list kept as data (`data/*.txt`: one word a line, `#` comments), in an open-addressing
/// hash table: the rules look words up for every token, so a lookup is one short hash and one or
/// two probes (as fast as the `match` arms these lists used to be).
pub(crate) struct WordList {
    slots: Vec<&'static str>,
    mask: usize,
}

impl WordList {
    /// Parses a data file's text.
    pub(crate) fn parse(text: &'static str) -> Self {
        let words: Vec<&'static str> = data_lines(text).collect();
        let size = (words.len() * 2).max(8).next_power_of_two();
        let mut list = WordList {
            slots: vec![""; size],
            mask: size - 1,
        };
        for w in words {
            let mut i = hash(w) & list.mask;
            while !list.slots[i].is_empty() && list.slots[i] != w {
                i = (i + 1) & list.mask;
            }
            list.slots[i] = w;
        }
        list
    }

    /// Whether the list holds `w` exactly.
    pub(crate) fn contains(&self, w: &str) -> bool {
        if w.is_empty() {
            return false;
        }
        let mut i = hash(w) & self.mask;
        loop {
            match self.slots[i] {
                "" => return false,
                s if s == w => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// A multiply-rotate hash of a short word's bytes.
fn hash(w: &str) -> usize {
    let mut h: u64 = w.len() as u64;
    for &b in w.as_bytes() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    (h >> 32) as usize
}

/// The entries of a data file: its non-blank lines that are not `#` comments, trimmed.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Declares a word list read from `data/<file>` on first use.
macro_rules! word_list {
    ($name:ident, $file:literal) => {
        static $name: LazyLock<WordList> =
            LazyLock::new(|| WordList::parse(include_str!(concat!("../data/", $file))));
    };
}

word_list!(DOUBLING, "doubling_verbs.txt");
word_list!(AUX_OR_ADVERB, "aux_or_adverb.txt");
word_list!(WEEKDAY, "weekday.txt");
word_list!(PERSON_PRONOUN, "person_pronoun.txt");
word_list!(TITLE, "title.txt");
word_list!(FEMALE_TITLE, "female_title.txt");
word_list!(ROLE_NOUN, "role_noun.txt");
word_list!(ROLE_MODIFIER, "role_modifier.txt");
word_list!(NAME_STOPWORD, "name_stopword.txt");
word_list!(ORG_WORD, "org_word.txt");
word_list!(FEMALE_FIRST_NAME, "female_first_name.txt");
word_list!(MALE_FIRST_NAME, "male_first_name.txt");

/// Reporting verbs (`data/reporting_verbs.tsv`): lemma and behaviour flags.
fn verbs() -> impl Iterator<Item = (&'static str, u8)> {
    data_lines(include_str!("../data/reporting_verbs.tsv")).filter_map(|l| {
        let (lemma, flags) = l.split_once('\t')?;
        let f = flags.chars().fold(0u8, |f, c| {
            f | match c {
                'C' => C,
                'I' => I,
                'O' => O,
                'N' => N,
                'M' => M,
                _ => 0,
            }
        });
        Some((lemma, f))
    })
}

/// Past forms that do not follow the `-ed` rule (`data/irregular_verbs.tsv`): form and lemma.
fn irregular() -> impl Iterator<Item = (&'static str, &'static str)> {
    data_lines(include_str!("../data/irregular_verbs.tsv")).filter_map(|l| l.split_once('\t'))
}

fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let last = lemma.chars().last().unwrap_or('a');
    let before_last = lemma.chars().rev().nth(1).unwrap_or('a');
    let vowel = |c: char| "aeiou".contains(c);
    // third person singular
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
    {
        out.push(format!("{lemma}es"));
    } else if last == 'y' && !vowel(before_last) {
        out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    // past and -ing
    if DOUBLING.contains(lemma) && last != 'y' {
        out.push(format!("{lemma}{last}ed"));
        out.push(format!("{lemma}{last}ing"));
    } else if last == 'e' {
        out.push(format!("{lemma}d"));
        if lemma.ends_with("ee") {
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{}ing", &lemma[..lemma.len() - 1]));
        }
    } else if last == 'y' && !vowel(before_last) {
        out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

fn flags_to_info(f: u8) -> CueInfo {
    CueInfo {
        clause: f & C != 0,
        inversion: f & I != 0,
        object: f & O != 0,
        np: f & N != 0,
        mental: f & M != 0,
    }
}

/// Lowercase word form to its cue behaviour.
pub(crate) fn cue(word_lower: &str) -> Option<CueInfo> {
    static MAP: OnceLock<HashMap<String, CueInfo>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        let verbs: HashMap<&str, u8> = verbs().collect();
        for (&lemma, &f) in &verbs {
            let info = flags_to_info(f);
            for form in inflections(lemma) {
                m.entry(form).or_insert(info);
            }
        }
        for (form, lemma) in irregular() {
            if let Some(&f) = verbs.get(lemma) {
                m.insert(form.to_string(), flags_to_info(f));
            }
        }
        m
    })
    .get(word_lower)
    .copied()
}

/// Words that may sit between a subject and its reporting verb (`he also said`, `has said`).
pub(crate) fn is_aux_or_adverb(w: &str) -> bool {
    AUX_OR_ADVERB.contains(w)
}

/// Day names (lowercase), which open time adjuncts (`said on Monday`, `Tuesday, he said`) in
/// several word lists of the attribution rules.
pub(crate) fn is_weekday(w: &str) -> bool {
    WEEKDAY.contains(w)
}

/// Personal pronouns that can be a speaker mention.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    PERSON_PRONOUN.contains(w)
}

/// Titles that precede a name and are not part of it (`Sen.`, `President`).
pub(crate) fn is_title(w: &str) -> bool {
    TITLE.contains(w.trim_end_matches('.'))
}

/// Female titles, for pronoun agreement.
pub(crate) fn is_female_title(w: &str) -> bool {
    FEMALE_TITLE.contains(w.trim_end_matches('.'))
}

/// Nouns that make a phrase a role (`spokesman`, `CEO`), lowercased.
pub(crate) fn is_role_noun(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    ROLE_NOUN.contains(w)
}

/// Lowercase words that may stand inside a role before a name (`former`, `press`).
pub(crate) fn is_role_modifier(w: &str) -> bool {
    ROLE_MODIFIER.contains(w)
}

/// Capitalised words that never start or continue a person's name.
pub(crate) fn is_name_stopword(w: &str) -> bool {
    NAME_STOPWORD.contains(w)
}

/// Last words that make a capitalised phrase an organisation or place, not a person.
pub(crate) fn is_org_word(w: &str) -> bool {
    ORG_WORD.contains(w)
}

/// Common female first names, so that `she` finds the right person.
pub(crate) fn is_female_first_name(w: &str) -> bool {
    FEMALE_FIRST_NAME.contains(w)
}

/// Common male first names: evidence, with the female list, that a capitalised pair is a person.
pub(crate) fn is_male_first_name(w: &str) -> bool {
    MALE_FIRST_NAME.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &[(&str, &str)] = &[
        (
            "doubling_verbs.txt",
            include_str!("../data/doubling_verbs.txt"),
        ),
        (
            "aux_or_adverb.txt",
            include_str!("../data/aux_or_adverb.txt"),
        ),
        ("weekday.txt", include_str!("../data/weekday.txt")),
        (
            "person_pronoun.txt",
            include_str!("../data/person_pronoun.txt"),
        ),
        ("title.txt", include_str!("../data/title.txt")),
        ("female_title.txt", include_str!("../data/female_title.txt")),
        ("role_noun.txt", include_str!("../data/role_noun.txt")),
        (
            "role_modifier.txt",
            include_str!("../data/role_modifier.txt"),
        ),
        (
            "name_stopword.txt",
            include_str!("../data/name_stopword.txt"),
        ),
        ("org_word.txt", include_str!("../data/org_word.txt")),
        (
            "female_first_name.txt",
            include_str!("../data/female_first_name.txt"),
        ),
        (
            "male_first_name.txt",
            include_str!("../data/male_first_name.txt"),
        ),
        (
            "reporting_verbs.tsv",
            include_str!("../data/reporting_verbs.tsv"),
        ),
        (
            "irregular_verbs.tsv",
            include_str!("../data/irregular_verbs.tsv"),
        ),
    ];

    fn entries(text: &'static str) -> Vec<&'static str> {
        data_lines(text).collect()
    }

    /// The first field of a line: the word of a list, the lemma or form of a table.
    fn key(line: &str) -> &str {
        line.split('\t').next().unwrap_or(line)
    }

    #[test]
    fn every_list_is_sorted_and_has_no_duplicates() {
        for (name, text) in LISTS {
            let keys: Vec<&str> = entries(text).into_iter().map(key).collect();
            for pair in keys.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} then {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn no_entry_is_dead() {
        // Titles are looked up without their trailing dot, so a dotted entry never matches.
        for (name, text) in LISTS {
            if name.contains("title") || *name == "role_noun.txt" {
                for w in entries(text) {
                    assert!(!w.ends_with('.'), "{name}: {w} can never match");
                }
            }
        }
        let lemmas: Vec<&str> = verbs().map(|v| v.0).collect();
        for (form, lemma) in irregular() {
            assert!(lemmas.contains(&lemma), "irregular {form}: no verb {lemma}");
        }
        for w in entries(LISTS[0].1) {
            assert!(lemmas.contains(&w), "doubling {w}: not a reporting verb");
        }
    }

    #[test]
    fn verb_flags_are_known_letters_and_forms_do_not_conflict() {
        for line in entries(include_str!("../data/reporting_verbs.tsv")) {
            let (lemma, flags) = line.split_once('\t').expect("lemma TAB flags");
            assert!(!flags.is_empty(), "{lemma}: no flags");
            assert!(
                flags.chars().all(|c| "CIONM".contains(c)),
                "{lemma}: {flags}"
            );
        }
        // Two lemmas must not generate one form with different behaviour.
        let mut forms: HashMap<String, (&str, u8)> = HashMap::new();
        for (lemma, f) in verbs() {
            for form in inflections(lemma) {
                if let Some((other, g)) = forms.insert(form.clone(), (lemma, f)) {
                    assert!(
                        g == f || other == lemma,
                        "{form}: {other} and {lemma} disagree"
                    );
                }
            }
        }
    }

    #[test]
    fn lists_overlap_only_where_the_rules_expect_it() {
        let set = |t: &'static str| {
            entries(t)
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
        };
        let female = set(include_str!("../data/female_first_name.txt"));
        let male = set(include_str!("../data/male_first_name.txt"));
        // Names given to both (the female list decides a pronoun's gender first).
        let both: Vec<_> = female.intersection(&male).copied().collect();
        assert_eq!(both, ["Jean", "Kim"]);
        let titles = set(include_str!("../data/title.txt"));
        for w in set(include_str!("../data/female_title.txt")) {
            assert!(titles.contains(w), "female title {w} is not a title");
        }
    }

    #[test]
    fn lookups_match_the_lists() {
        assert!(is_title("Sen.") && is_title("President") && !is_title("Senate"));
        assert!(is_weekday("monday") && !is_weekday("Monday"));
        assert!(is_female_first_name("Hillary") && is_male_first_name("Barack"));
        assert!(cue("said").is_some_and(|c| c.clause && c.inversion));
        assert!(cue("told").is_some_and(|c| c.object));
        assert!(cue("table").is_none());
    }
}
