//! Word lists the rules lean on: reporting verbs, titles, role nouns, name parts.
//!
//! Written by hand from general knowledge of English news style (never from evaluation
//! text), so that the rules generalise to articles they were not tuned on.

use std::collections::HashMap;
use std::sync::OnceLock;

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

/// Reporting verbs by lemma, with flags. Inflections are generated.
const VERBS: &[(&str, u8)] = &[
    ("say", C | I),
    ("tell", C | O | I),
    ("add", C | I),
    ("write", C | I),
    ("ask", C | O | I),
    ("note", C | I),
    ("explain", C | I),
    ("argue", C | I),
    ("claim", C | I),
    ("insist", C | I),
    ("warn", C | O | I),
    ("deny", C | N | I),
    ("admit", C | I),
    ("acknowledge", C | I),
    ("state", C | I),
    ("declare", C | I),
    ("announce", C | I),
    ("report", C | I),
    ("reply", C | I),
    ("respond", C | I),
    ("recall", C | I),
    ("continue", I),
    ("conclude", C | I),
    ("suggest", C | I),
    ("predict", C | I),
    ("promise", C | O),
    ("vow", C | I),
    ("pledge", C | I),
    ("confirm", C | I),
    ("contend", C | I),
    ("assert", C | I),
    ("maintain", C),
    ("complain", C | I),
    ("observe", C | I),
    ("remark", C | I),
    ("stress", C | I),
    ("emphasize", C | I),
    ("tweet", C | I),
    ("joke", C | I),
    ("quip", C | I),
    ("concede", C | I),
    ("boast", C | I),
    ("brag", C | I),
    ("allege", C | I),
    ("testify", C | I),
    ("indicate", C),
    ("mention", C | I),
    ("counter", C | I),
    ("charge", C | I),
    ("estimate", C),
    ("reiterate", C | I),
    ("repeat", C | I),
    ("caution", C | I),
    ("exclaim", C | I),
    ("shout", C | I),
    ("yell", C | I),
    ("scream", C | I),
    ("proclaim", C | I),
    ("hint", C),
    ("signal", C),
    ("wonder", C | I),
    ("muse", C | I),
    ("swear", C),
    ("assure", C | O),
    ("inform", C | O),
    ("remind", C | O),
    ("advise", C | O | I),
    ("demand", C | N | I),
    ("urge", C | O | N),
    ("reveal", C | I),
    ("recount", C | I),
    ("lament", C | I),
    ("retort", C | I),
    ("agree", C | I),
    ("disagree", C),
    ("speculate", C),
    ("propose", C | N),
    ("recommend", C | N),
    ("imply", C),
    ("predict", C),
    ("show", C),
    ("find", C),
    ("suggest", C),
    ("believe", C | M),
    ("think", C | M),
    ("hope", C | M),
    ("fear", C | M),
    ("worry", C | M),
    ("know", C | M),
    ("feel", C | M),
    ("expect", C | M),
    ("doubt", C | M),
    ("criticize", N),
    ("praise", N),
    ("accuse", N),
    ("blame", N),
    ("attack", N),
    ("defend", N),
    ("endorse", N),
    ("dismiss", N),
    ("reject", N),
    ("slam", N),
    ("blast", N),
    ("mock", N),
    ("question", N),
    ("cite", N),
    ("describe", N),
    ("call", N),
    ("sing", C | I),
    ("answer", C | I),
    ("seem", C | M),
    ("appear", C | M),
    ("want", C | M),
    ("decline", C),
    ("refuse", C),
    ("seek", C | M),
    ("intend", C | M),
    ("plan", C | M),
    ("post", C | I),
    ("read", I),
    ("implore", C | I),
    ("riff", C | I),
    ("gush", C | I),
    ("snap", C | I),
    ("scoff", C | I),
    ("plead", C | I),
    ("beg", C | I),
    ("marvel", C | I),
    ("rail", C),
    ("fume", C | I),
    ("vent", C | I),
    ("crow", C | I),
    ("interject", C | I),
    ("intone", C | I),
    ("laugh", C | I),
    ("sigh", C | I),
    ("thunder", C | I),
    ("taunt", C | I),
    ("tout", C | I),
    ("gripe", C | I),
    ("grumble", C | I),
    ("opine", C | I),
    ("pronounce", C | I),
    ("reason", C | I),
    ("posit", C | I),
    ("mutter", C | I),
    ("murmur", C | I),
    ("whisper", C | I),
    ("rant", C | I),
    ("preach", C | I),
    ("summarize", C | I),
    ("elaborate", C | I),
    ("clarify", C | I),
    ("caution", C | I),
    ("warn", C | O | I),
    ("cry", C | I),
    ("exclaim", C | I),
    ("chide", C | I),
    ("scold", C | I),
    ("boom", C | I),
    ("declare", C | I),
    ("acknowledge", C | I),
    ("chant", C | I),
    ("chime", C | I),
    ("press", C | I),
    ("support", N),
    ("oppose", N),
    ("denounce", N),
    ("condemn", N),
    ("discuss", N),
    ("express", N),
    ("echo", N),
    ("advocate", N),
    ("applaud", N),
    ("hail", N),
    ("laud", N),
    ("decry", N),
    ("highlight", N),
];

/// Past forms that do not follow the `-ed` rule.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    // "she emailed her daughter", "he texted": past forms only (the nouns are common)
    ("emailed", "write"),
    ("e-mailed", "write"),
    ("texted", "write"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("felt", "feel"),
    ("found", "find"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("shown", "show"),
    ("sang", "sing"),
    ("sought", "seek"),
    ("sung", "sing"),
];

/// Verbs whose final consonant doubles before `-ed` / `-ing`.
const DOUBLING: &[&str] = &[
    "admit", "quip", "brag", "slam", "testify", "snap", "beg", "plan",
];

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
    if DOUBLING.contains(&lemma) && last != 'y' {
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
        for &(lemma, f) in VERBS {
            let info = flags_to_info(f);
            for form in inflections(lemma) {
                m.entry(form).or_insert(info);
            }
        }
        for &(form, lemma) in IRREGULAR {
            if let Some(&(_, f)) = VERBS.iter().find(|(l, _)| *l == lemma) {
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
    matches!(
        w,
        "also"
            | "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "were"
            | "are"
            | "would"
            | "will"
            | "could"
            | "might"
            | "may"
            | "did"
            | "does"
            | "do"
            | "then"
            | "now"
            | "later"
            | "previously"
            | "recently"
            | "once"
            | "again"
            | "repeatedly"
            | "often"
            | "already"
            | "simply"
            | "just"
            | "even"
            | "still"
            | "flatly"
            | "firmly"
            | "publicly"
            | "privately"
            | "quickly"
            | "bluntly"
            | "frequently"
            | "openly"
            | "reportedly"
            | "allegedly"
            | "explicitly"
            | "clearly"
            | "never"
            | "not"
            | "only"
            | "long"
            | "since"
            | "originally"
            | "initially"
            | "first"
            | "further"
            | "specifically"
            | "ultimately"
            | "finally"
    )
}

/// Personal pronouns that can be a speaker mention.
/// Day names (lowercase), which open time adjuncts (`said on Monday`, `Tuesday, he said`) in
/// several word lists of the attribution rules.
pub(crate) fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

pub(crate) fn is_person_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "i" | "we" | "who")
}

/// Titles that precede a name and are not part of it (`Sen.`, `President`).
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Adm"
            | "Prof"
            | "Rev"
            | "Judge"
            | "Justice"
            | "President"
            | "President-elect"
            | "Senator"
            | "Governor"
            | "Speaker"
            | "Secretary"
            | "Representative"
            | "Congressman"
            | "Congresswoman"
            | "Mayor"
            | "Chancellor"
            | "Minister"
            | "Premier"
            | "Ambassador"
            | "Pope"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Sheriff"
            | "Commissioner"
            | "Chairman"
            | "Chairwoman"
            | "Director"
            | "Attorney"
            | "General"
            | "Vice"
            | "Prime"
            | "Leader"
            | "Pastor"
            | "Bishop"
            | "Father"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "Representatives"
            | "Senators"
            | "Officer"
            | "Del"
            | "Delegate"
            | "Assemblyman"
            | "Assemblywoman"
            | "Councilman"
            | "Councilwoman"
            | "Alderman"
            | "Trooper"
            | "Superintendent"
            | "Admiral"
            | "Rear"
            | "Captain"
            | "Lieutenant"
            | "Colonel"
            | "Sergeant"
            | "Major"
            | "Corporal"
            | "Detective"
            | "Agent"
            | "Deputy"
            | "Chief"
            | "Cardinal"
            | "Rabbi"
            | "Imam"
            | "Sheikh"
            | "Commander"
            | "Treasurer"
            | "Spokesman"
            | "Spokeswoman"
            | "Sec"
            | "Supt"
            | "Insp"
            | "Cpl"
            | "Pvt"
            | "Maj"
            | "Sgt."
            | "Atty"
    )
}

/// Female titles, for pronoun agreement.
pub(crate) fn is_female_title(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Mrs"
            | "Ms"
            | "Miss"
            | "Congresswoman"
            | "Chairwoman"
            | "Queen"
            | "Princess"
            | "Dame"
            | "Lady"
    )
}

/// Nouns that make a phrase a role (`spokesman`, `CEO`), lowercased.
pub(crate) fn is_role_noun(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "president"
            | "president-elect"
            | "vice-president"
            | "senator"
            | "sen"
            | "rep"
            | "gov"
            | "governor"
            | "secretary"
            | "minister"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "ceo"
            | "cfo"
            | "founder"
            | "co-founder"
            | "adviser"
            | "advisor"
            | "aide"
            | "manager"
            | "strategist"
            | "leader"
            | "candidate"
            | "nominee"
            | "official"
            | "analyst"
            | "economist"
            | "professor"
            | "lawyer"
            | "counsel"
            | "advocate"
            | "attorney"
            | "judge"
            | "justice"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "mayor"
            | "ambassador"
            | "chief"
            | "commissioner"
            | "executive"
            | "editor"
            | "reporter"
            | "correspondent"
            | "columnist"
            | "historian"
            | "pollster"
            | "consultant"
            | "surrogate"
            | "head"
            | "researcher"
            | "scientist"
            | "expert"
            | "host"
            | "anchor"
            | "author"
            | "activist"
            | "operative"
            | "officer"
            | "general"
            | "sheriff"
            | "prosecutor"
            | "chancellor"
            | "premier"
            | "speaker"
            | "whip"
            | "lawmaker"
            | "mp"
            | "partner"
            | "fellow"
            | "chairperson"
            | "commentator"
            | "businessman"
            | "businesswoman"
            | "billionaire"
            | "mogul"
            | "king"
            | "queen"
            | "pope"
            | "coach"
            | "owner"
            | "treasurer"
            | "organizer"
            | "vp"
            | "producer"
            | "writer"
            | "actor"
            | "actress"
            | "singer"
            | "rapper"
            | "star"
            | "comedian"
            | "student"
            | "teacher"
            | "doctor"
            | "physician"
            | "pastor"
            | "bishop"
            | "speechwriter"
            | "ally"
            | "confidant"
            | "loyalist"
            | "backer"
            | "critic"
            | "rival"
            | "challenger"
            | "opponent"
            | "adviser's"
            | "friend"
            | "donor"
            | "supporter"
            | "voter"
            | "delegate"
            | "resident"
            | "narrator"
            | "blogger"
            | "journalist"
            | "attorney-general"
            | "chairman's"
            | "president-elect's"
    )
}

/// Lowercase words that may stand inside a role before a name (`former`, `press`).
pub(crate) fn is_role_modifier(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "presidential"
            | "vice"
            | "deputy"
            | "senior"
            | "top"
            | "chief"
            | "campaign"
            | "press"
            | "national"
            | "foreign"
            | "state"
            | "general"
            | "communications"
            | "executive"
            | "assistant"
            | "acting"
            | "longtime"
            | "incoming"
            | "outgoing"
            | "then"
            | "current"
            | "security"
            | "policy"
            | "political"
            | "economic"
            | "defense"
            | "finance"
            | "interior"
            | "prime"
            | "managing"
            | "associate"
            | "senate"
            | "house"
            | "majority"
            | "minority"
            | "party"
            | "district"
            | "county"
            | "city"
            | "federal"
            | "regional"
            | "international"
            | "white"
            | "republican"
            | "democratic"
            | "independent"
            | "conservative"
            | "liberal"
            | "progressive"
            | "veteran"
            | "retired"
            | "founding"
            | "co"
            | "digital"
            | "media"
            | "legal"
            | "research"
            | "polling"
            | "news"
            | "senior-level"
            | "attorney"
            | "of"
    )
}

/// Capitalised words that never start or continue a person's name.
pub(crate) fn is_name_stopword(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "In"
            | "On"
            | "At"
            | "For"
            | "But"
            | "And"
            | "Or"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "As"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Its"
            | "Your"
            | "There"
            | "Here"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Which"
            | "So"
            | "Yet"
            | "Still"
            | "Now"
            | "Then"
            | "Also"
            | "Asked"
            | "According"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            // number words open sentences ("Eight years ago, ...") and are never names
            | "Three"
            | "Four"
            | "Five"
            | "Six"
            | "Seven"
            | "Eight"
            | "Nine"
            | "Ten"
            | "Eleven"
            | "Twelve"
            | "Twenty"
            | "Thirty"
            | "Forty"
            | "Fifty"
            | "Hundreds"
            | "Thousands"
            | "Millions"
            | "Once"
            | "Republican"
            | "Republicans"
            | "Democrat"
            | "Democrats"
            | "Democratic"
            | "American"
            | "Americans"
            | "GOP"
            | "US"
            | "U.S"
            | "UK"
            | "EU"
            | "Not"
            | "No"
            | "Yes"
            | "Mr"
            | "Of"
            | "To"
            | "With"
            | "By"
            | "From"
            | "Is"
            | "Was"
            | "Are"
            | "Do"
            | "Does"
            | "Did"
            | "Has"
            | "Have"
            | "Had"
            | "Would"
            | "Can"
            | "Could"
            | "Should"
            | "Even"
            | "Just"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Every"
            | "Each"
            | "One"
            | "Two"
            | "Last"
            | "Next"
            | "Both"
            | "Former"
            | "Said"
            | "Says"
            | "Today"
            | "Tonight"
            | "Yesterday"
            | "Thanksgiving"
            | "Christmas"
            | "Election"
            | "Day"
            | "Like"
            | "Unlike"
            | "However"
            | "Meanwhile"
            | "Although"
            | "Because"
            | "Since"
            | "Until"
            | "During"
            | "Despite"
            | "Under"
            | "Over"
            | "About"
            | "Against"
            | "Through"
            | "Instead"
            | "Then-candidate"
            | "Maybe"
            | "Perhaps"
            | "Well"
            | "Oh"
            | "Sure"
            | "Obviously"
            | "Clearly"
            | "Indeed"
            | "Actually"
            | "Please"
            | "Thanks"
            | "Hey"
            | "Again"
            | "Later"
            | "Earlier"
            | "Finally"
            | "Only"
            | "Whether"
            | "Let"
            | "Dear"
            | "Happy"
            | "Thank"
            | "God"
            | "Breaking"
            | "Watch"
            | "Read"
            | "See"
            | "Update"
            | "Editor"
            | "Photo"
            | "Getty"
            | "Click"
            | "Sen"
            | "Rep"
    )
}

/// Last words that make a capitalised phrase an organisation or place, not a person.
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "House"
            | "Street"
            | "Court"
            | "News"
            | "Times"
            | "Post"
            | "Journal"
            | "Party"
            | "Committee"
            | "Department"
            | "Agency"
            | "Council"
            | "Institute"
            | "University"
            | "College"
            | "Center"
            | "Centre"
            | "Foundation"
            | "Association"
            | "Bank"
            | "Group"
            | "Inc"
            | "Corp"
            | "Company"
            | "Campaign"
            | "Administration"
            | "Senate"
            | "Congress"
            | "America"
            | "States"
            | "Union"
            | "Fund"
            | "Office"
            | "Service"
            | "Bureau"
            | "Commission"
            | "Board"
            | "Network"
            | "Media"
            | "Press"
            | "Magazine"
            | "Club"
            | "Church"
            | "Hospital"
            | "School"
            | "Airport"
            | "Station"
            | "Ministry"
            | "Army"
            | "Navy"
            | "Force"
            | "Security"
            | "County"
            | "City"
            | "State"
            | "Island"
            | "River"
            | "Valley"
            | "Park"
            | "Square"
            | "Hall"
            | "Tower"
            | "Building"
            | "Project"
            | "Act"
            | "Plan"
            | "Convention"
            | "Debate"
            | "Avenue"
            | "Road"
            | "Review"
            | "Report"
            | "Tribune"
            | "Herald"
            | "Daily"
            | "Weekly"
            | "Broadcasting"
            | "Radio"
            | "Television"
            | "TV"
            | "Reuters"
            | "Foundation's"
            | "Coalition"
            | "Caucus"
            | "Alliance"
            | "Federation"
            | "Organization"
            | "Society"
            | "Trust"
            | "Capital"
            | "Partners"
            | "Holdings"
            | "Industries"
            | "Co"
            | "LLC"
            | "Ltd"
            | "Kingdom"
            | "Republic"
            | "Federal"
            | "Reserve"
            | "Guard"
            | "Patrol"
            | "Police"
            | "Academy"
            | "Library"
            | "Museum"
            | "Times's"
            | "Watch"
            | "Action"
            | "PAC"
            | "Post's"
            | "Today"
            | "Wire"
            | "Monitor"
            | "Observer"
            | "Gazette"
            | "Star"
            | "Sun"
            | "Telegraph"
            | "Guardian"
            | "Economist"
            | "Politico"
            | "Breitbart"
            | "CNN"
            | "NBC"
            | "CBS"
            | "ABC"
            | "MSNBC"
            | "Fox"
            | "Twitter"
            | "Facebook"
            | "Google"
            | "Kremlin"
            | "Pentagon"
            | "Congressional"
            | "Supreme"
            | "Ohio"
            | "York"
            | "Carolina"
            | "Virginia"
            | "Florida"
            | "Texas"
            | "California"
            | "Dakota"
            | "Hampshire"
            | "Jersey"
            | "Mexico"
            | "Angeles"
            | "Francisco"
            | "Vegas"
            | "Washington"
            | "Russia"
            | "China"
            | "Iran"
            | "Syria"
            | "Israel"
            | "Iraq"
            | "Korea"
            | "Europe"
            | "Africa"
            | "Asia"
    )
}

/// Common female first names, so that `she` finds the right person.
pub(crate) fn is_female_first_name(w: &str) -> bool {
    matches!(
        w,
        "Hillary"
            | "Elizabeth"
            | "Mary"
            | "Kellyanne"
            | "Nancy"
            | "Sarah"
            | "Michelle"
            | "Melania"
            | "Ivanka"
            | "Chelsea"
            | "Huma"
            | "Donna"
            | "Debbie"
            | "Jennifer"
            | "Karen"
            | "Susan"
            | "Linda"
            | "Patricia"
            | "Barbara"
            | "Margaret"
            | "Lisa"
            | "Laura"
            | "Jessica"
            | "Emily"
            | "Anna"
            | "Ann"
            | "Anne"
            | "Angela"
            | "Katie"
            | "Kate"
            | "Katherine"
            | "Catherine"
            | "Kathleen"
            | "Kathy"
            | "Amy"
            | "Rachel"
            | "Rebecca"
            | "Julia"
            | "Julie"
            | "Maria"
            | "Marie"
            | "Megyn"
            | "Megan"
            | "Meghan"
            | "Nicole"
            | "Samantha"
            | "Stephanie"
            | "Heather"
            | "Hope"
            | "Sheryl"
            | "Carly"
            | "Condoleezza"
            | "Madeleine"
            | "Theresa"
            | "Teresa"
            | "Diane"
            | "Dianne"
            | "Jill"
            | "Jane"
            | "Janet"
            | "Joan"
            | "Joanna"
            | "Judith"
            | "Judy"
            | "Kamala"
            | "Kirsten"
            | "Tammy"
            | "Tulsi"
            | "Claire"
            | "Lauren"
            | "Loretta"
            | "Nikki"
            | "Sally"
            | "Samantha's"
            | "Sharon"
            | "Tina"
            | "Virginia"
            | "Wendy"
            | "Zoe"
            | "Alicia"
            | "Alexandra"
            | "Allison"
            | "Andrea"
            | "Ashley"
            | "Betsy"
            | "Brittany"
            | "Carol"
            | "Caroline"
            | "Christine"
            | "Christina"
            | "Cindy"
            | "Claudia"
            | "Dana"
            | "Deborah"
            | "Denise"
            | "Dolores"
            | "Ellen"
            | "Emma"
            | "Erin"
            | "Eva"
            | "Gabrielle"
            | "Gina"
            | "Gloria"
            | "Grace"
            | "Hannah"
            | "Helen"
            | "Irene"
            | "Jacqueline"
            | "Jeanne"
            | "Jenna"
            | "Joy"
            | "Joyce"
            | "Kelly"
            | "Kim"
            | "Kristen"
            | "Leah"
            | "Lynn"
            | "Madison"
            | "Marianne"
            | "Marsha"
            | "Martha"
            | "Melissa"
            | "Michele"
            | "Monica"
            | "Natalie"
            | "Olivia"
            | "Pamela"
            | "Paula"
            | "Penny"
            | "Rosa"
            | "Rose"
            | "Ruth"
            | "Sandra"
            | "Shannon"
            | "Sophia"
            | "Stacey"
            | "Sue"
            | "Suzanne"
            | "Tara"
            | "Tracy"
            | "Valerie"
            | "Vanessa"
            | "Victoria"
            | "Yvonne"
            | "Gennifer"
            | "Betty"
            | "Jane's"
            | "Katy"
            | "Krystal"
            | "Carla"
            | "Ariana"
            | "Azucena"
            | "Ivana"
            | "Tiffany"
            | "Hope's"
            | "Kristin"
            | "Kristina"
            | "Lorraine"
            | "Lucy"
            | "Maxine"
            | "Mia"
            | "Molly"
            | "Nina"
            | "Nora"
            | "Paige"
            | "Rita"
            | "Roberta"
            | "Sara"
            | "Sheila"
            | "Sonia"
            | "Sylvia"
            | "Terri"
            | "Ursula"
            | "Vera"
            | "Yolanda"
            | "Abigail"
            | "Alice"
            | "Amanda"
            | "Amber"
            | "Audrey"
            | "Becky"
            | "Beth"
            | "Bonnie"
            | "Brenda"
            | "Candice"
            | "Cathy"
            | "Charlotte"
            | "Cheryl"
            | "Connie"
            | "Crystal"
            | "Dawn"
            | "Diana"
            | "Dorothy"
            | "Eleanor"
            | "Elaine"
            | "Elena"
            | "Elise"
            | "Ellie"
            | "Evelyn"
            | "Frances"
            | "Gail"
            | "Gwen"
            | "Hilary"
            | "Jasmine"
            | "Jean"
            | "Jenny"
            | "Jo"
            | "Josephine"
            | "Joni"
            | "Kara"
            | "Kay"
            | "Kayla"
            | "Kristi"
            | "Liz"
            | "Lois"
            | "Louise"
            | "Lydia"
            | "Marcia"
            | "Marilyn"
            | "Marina"
            | "Maureen"
            | "Mayra"
            | "Meg"
            | "Mindy"
            | "Miriam"
            | "Naomi"
            | "Patty"
            | "Peggy"
            | "Priscilla"
            | "Rebekah"
            | "Robin"
            | "Sabrina"
            | "Shelby"
            | "Stacy"
            | "Susana"
            | "Tamara"
            | "Tanya"
            | "Trisha"
            | "Zeynep"
            | "Angelina"
            | "Beyonce"
            | "Beyoncé"
            | "Oprah"
            | "Madonna"
            | "Marine"
            | "Ségolène"
            | "Ingrid"
            | "Natalia"
            | "Olga"
            | "Svetlana"
            | "Yulia"
            | "Irina"
    )
}

/// Common male first names: evidence, with the female list, that a capitalised pair is a person.
pub(crate) fn is_male_first_name(w: &str) -> bool {
    matches!(
        w,
        "Donald"
            | "Bill"
            | "Barack"
            | "Bernie"
            | "Mike"
            | "Michael"
            | "John"
            | "Joe"
            | "Paul"
            | "Ted"
            | "Marco"
            | "Jeb"
            | "Ben"
            | "Chris"
            | "Christopher"
            | "Tim"
            | "Timothy"
            | "Mitch"
            | "Harry"
            | "James"
            | "Jim"
            | "Robert"
            | "Bob"
            | "Rob"
            | "David"
            | "Dave"
            | "Richard"
            | "Rick"
            | "Dick"
            | "Thomas"
            | "Tom"
            | "Charles"
            | "Charlie"
            | "Joseph"
            | "Daniel"
            | "Dan"
            | "Matthew"
            | "Matt"
            | "Mark"
            | "Steven"
            | "Steve"
            | "Stephen"
            | "Andrew"
            | "Andy"
            | "Kenneth"
            | "Ken"
            | "George"
            | "Edward"
            | "Ed"
            | "Brian"
            | "Ronald"
            | "Ron"
            | "Anthony"
            | "Kevin"
            | "Jason"
            | "Jeff"
            | "Jeffrey"
            | "Gary"
            | "Eric"
            | "Jonathan"
            | "Larry"
            | "Justin"
            | "Scott"
            | "Brandon"
            | "Frank"
            | "Gregory"
            | "Greg"
            | "Raymond"
            | "Samuel"
            | "Sam"
            | "Patrick"
            | "Jack"
            | "Dennis"
            | "Jerry"
            | "Tyler"
            | "Aaron"
            | "Henry"
            | "Douglas"
            | "Doug"
            | "Peter"
            | "Adam"
            | "Nathan"
            | "Zach"
            | "Walter"
            | "Kyle"
            | "Harold"
            | "Carl"
            | "Arthur"
            | "Lawrence"
            | "Roger"
            | "Keith"
            | "Jeremy"
            | "Terry"
            | "Sean"
            | "Christian"
            | "Austin"
            | "Jesse"
            | "Willie"
            | "Billy"
            | "Bruce"
            | "Ralph"
            | "Roy"
            | "Louis"
            | "Eugene"
            | "Russell"
            | "Bobby"
            | "Philip"
            | "Phil"
            | "Johnny"
            | "Howard"
            | "Martin"
            | "Reince"
            | "Newt"
            | "Rudy"
            | "Rudolph"
            | "Corey"
            | "Kellyanne's"
            | "Steve's"
            | "Vladimir"
            | "Dmitri"
            | "Dmitry"
            | "Sergei"
            | "Sergey"
            | "Angel"
            | "Lindsey"
            | "Rand"
            | "Lamar"
            | "Jared"
            | "Eric's"
            | "Hugh"
            | "Jake"
            | "Jay"
            | "Jon"
            | "Josh"
            | "Joshua"
            | "Ryan"
            | "Evan"
            | "Gerald"
            | "Elijah"
            | "Alan"
            | "Allen"
            | "Al"
            | "Alex"
            | "Alexander"
            | "Rahm"
            | "Nate"
            | "Van"
            | "Wolf"
            | "Lester"
            | "Anderson"
            | "Sean's"
            | "Roger's"
            | "Gov"
            | "Tony"
            | "Victor"
            | "Vince"
            | "Vincent"
            | "Warren"
            | "Wayne"
            | "William"
            | "Will"
            | "Franklin"
            | "Hank"
            | "Harvey"
            | "Ivan"
            | "Jimmy"
            | "Kurt"
            | "Lou"
            | "Luke"
            | "Marcus"
            | "Mario"
            | "Max"
            | "Mitt"
            | "Nick"
            | "Nicholas"
            | "Noah"
            | "Oliver"
            | "Omar"
            | "Pat"
            | "Randy"
            | "Ray"
            | "Reggie"
            | "Rex"
            | "Roberto"
            | "Rodney"
            | "Ross"
            | "Sal"
            | "Seth"
            | "Simon"
            | "Stan"
            | "Stuart"
            | "Todd"
            | "Travis"
            | "Trey"
            | "Wade"
            | "Xi"
            | "Benjamin"
            | "Bashar"
            | "Recep"
            | "Francois"
            | "François"
            | "Emmanuel"
            | "Nigel"
            | "Boris"
            | "Justin's"
            | "Mohammed"
            | "Muhammad"
            | "Ahmed"
            | "Ali"
            | "Hassan"
            | "Abdul"
            | "Jose"
            | "José"
            | "Juan"
            | "Carlos"
            | "Luis"
            | "Jorge"
            | "Miguel"
            | "Antonio"
            | "Giuseppe"
            | "Pierre"
            | "Jean"
            | "Hans"
            | "Klaus"
            | "Gerhard"
            | "Kim"
            | "Shinzo"
            | "Narendra"
            | "Khizr"
    )
}
