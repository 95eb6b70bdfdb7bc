//! Quotations, reported speech and who said them, for news articles.
//!
//! Fact-checkers need every quotation with its speaker resolved to a person, not to the
//! mention "he". [`attribute`] finds direct quotations in every common quote style (with
//! unbalanced marks and multi-paragraph quotations recovered), partial quotations inside a
//! sentence (mixed) and reported speech (indirect); it links each to its cue and source mention,
//! and resolves the mention through an article-level table of people ([`Person`]) to a full name
//! and a role. Everything is rules over a light tokenisation: no model, no data to download,
//! thousands of articles per second per core.
//!
//! ```
//! let a = newsmill_attrib::attribute(
//!     "Kremlin spokesman Dmitri Peskov spoke on Monday.\n\"We hope for dialogue,\" Peskov said.",
//! );
//! assert_eq!(a.quotes.len(), 1);
//! assert_eq!(a.quotes[0].speaker.as_deref(), Some("Dmitri Peskov"));
//! assert_eq!(a.quotes[0].role.as_deref(), Some("Kremlin spokesman"));
//! ```
#![warn(missing_docs)]

mod attrib;
mod lexicon;
mod people;
mod tokens;

use newsmill_core::{Counters, Doc, Outcome, Person, Quote, Span, Stage};

/// The result of attributing one text: quotations (offsets in code points into the text as
/// given) and the people the text mentions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// Every quotation found, in text order.
    pub quotes: Vec<Quote>,
    /// People mentioned, most mentioned first, with roles and mention counts.
    pub people: Vec<Person>,
    /// The organisation a `(Source: CNN)` line credits, when the text has one.
    pub source: Option<String>,
    /// The quoted-words view: every stretch inside quotation marks that belongs to an
    /// attribution (a direct quote, or the quoted words of a mixed one), each as a direct quote
    /// with the attribution's cue, speaker and role. What a reader who wants verbatim quotations
    /// only (a fact-checker's list of "who said these exact words") consumes, so titles and
    /// short scare quotes inside reported speech are left out, stretches listed with "and" are
    /// one entry, and words shared by two attributions are listed once.
    pub quotations: Vec<Quote>,
}

/// Finds the quotations of a text, their speakers and the people it mentions. Never panics;
/// every offset lies on a character boundary inside `text`.
pub fn attribute(text: &str) -> Attribution {
    let an = attrib::analyse(text);
    // byte offset -> code point offset
    let mut b2c = vec![0usize; text.len() + 1];
    let mut ci = 0;
    for (bi, ch) in text.char_indices() {
        for slot in b2c.iter_mut().skip(bi).take(ch.len_utf8()) {
            *slot = ci;
        }
        ci += 1;
    }
    if let Some(last) = b2c.last_mut() {
        *last = ci;
    }
    let toks = &an.toks;
    let span = |s: usize, e: usize| -> Option<Span> {
        if s >= e || e > toks.len() {
            return None;
        }
        Some(Span {
            start: b2c[toks[s].s],
            end: b2c[toks[e - 1].e],
        })
    };
    let mut quotes: Vec<Quote> = Vec::with_capacity(an.quotes.len());
    for q in &an.quotes {
        let contents: Vec<Span> = q.contents.iter().filter_map(|&(s, e)| span(s, e)).collect();
        if contents.is_empty() {
            continue;
        }
        quotes.push(Quote {
            contents,
            kind: q.kind,
            cue: q.cue.and_then(|(s, e)| span(s, e)),
            speaker: q.speaker.clone(),
            speaker_mention: q.mention.and_then(|(s, e)| span(s, e)),
            role: q.role.clone(),
        });
    }
    quotes.sort_by_key(|q| q.contents.first().map(|c| c.start).unwrap_or(0));
    let mut quotations: Vec<Quote> = Vec::new();
    for q in &an.quotes {
        let cue = q.cue.and_then(|(s, e)| span(s, e));
        let mention = q.mention.and_then(|(s, e)| span(s, e));
        for &(s, e) in &q.quoted {
            if let Some(c) = span(s, e) {
                quotations.push(Quote {
                    contents: vec![c],
                    kind: newsmill_core::QuoteKind::Direct,
                    cue,
                    speaker: q.speaker.clone(),
                    speaker_mention: mention,
                    role: q.role.clone(),
                });
            }
        }
    }
    // The same quoted words can sit inside two attributions (`X said that Y "suggests" ...`,
    // `telling Mic, "...," he said`): list them once, with the attribution that names a speaker,
    // and among those the one whose cue is nearest the words (then the first).
    // Stable sort: attributions keep their text order within one span.
    quotations.sort_by_key(|q| {
        let c = q.contents[0];
        let dist = q.cue.map_or(usize::MAX, |u| {
            if u.end <= c.start {
                c.start - u.end
            } else {
                u.start.saturating_sub(c.end)
            }
        });
        (c.start, c.end, q.speaker.is_none(), dist)
    });
    quotations.dedup_by_key(|q| (q.contents[0].start, q.contents[0].end));
    let people = an
        .people
        .persons()
        .into_iter()
        .map(|(k, mentions)| Person {
            name: people::display_name(&an.people.names[k].words),
            role: an.people.role(k),
            mentions,
        })
        .collect();
    Attribution {
        quotes,
        people,
        source: newsmill_core::credited_source_in(text),
        quotations,
    }
}

/// The `quotes` stage of `refine`: fills `doc.quotes` and `doc.people` from `doc.text` (offsets
/// into the cleaned text). Attribution is annotation, so it never drops a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttributionStage;

impl Stage for AttributionStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let a = attribute(&doc.text);
        counters.add("quotes_found", a.quotes.len() as u64);
        counters.add(
            "quotes_with_speaker",
            a.quotes.iter().filter(|q| q.speaker.is_some()).count() as u64,
        );
        counters.add("people_found", a.people.len() as u64);
        if doc.source.is_none() {
            doc.source = a.source;
        }
        doc.quotes = a.quotes;
        doc.people = a.people;
        Outcome::Keep
    }
}

#[cfg(test)]
mod tests {
    //! One test per pattern, on sentences written for the tests.
    use super::*;
    use newsmill_core::QuoteKind;

    fn s(t: &str, sp: Span) -> String {
        t.chars().skip(sp.start).take(sp.end - sp.start).collect()
    }

    /// The quote whose content contains `needle`, as (contents, kind, cue, speaker, role).
    fn q(
        t: &str,
        needle: &str,
    ) -> (
        Vec<String>,
        QuoteKind,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        let a = attribute(t);
        let q = a
            .quotes
            .iter()
            .find(|q| q.contents.iter().any(|c| s(t, *c).contains(needle)))
            .unwrap_or_else(|| panic!("no quote with {needle:?} in {:?}", a.quotes));
        (
            q.contents.iter().map(|c| s(t, *c)).collect(),
            q.kind,
            q.cue.map(|c| s(t, c)),
            q.speaker.clone(),
            q.role.clone(),
        )
    }

    /// Asserts that each text yields an attribution whose one content is exactly `want`.
    fn assert_single_contents(cases: &[(&str, &str)]) {
        for &(t, want) in cases {
            let (c, _, _, _, _) = q(t, want);
            assert_eq!(c, vec![want], "{t}");
        }
    }

    /// Asserts that none of the texts yields an attribution.
    fn assert_no_reports(texts: &[&str]) {
        for t in texts {
            let a = attribute(t);
            assert!(a.quotes.is_empty(), "{t}: {:?}", a.quotes);
        }
    }

    const INTRO: &str = "Senator Jane Doe of Ohio and Mayor John Roe met on Tuesday.\n";

    #[test]
    fn trailing_cue_with_surname_resolves_to_full_name() {
        let t = format!("{INTRO}\"We will pass the bill,\" Doe said.");
        let (c, kind, cue, who, _) = q(&t, "pass the bill");
        assert_eq!(c, vec!["\"We will pass the bill,\""]);
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn inverted_cue_takes_role_from_premodifiers() {
        let t = "\u{201c}The talks are over,\u{201d} said Kremlin spokesman Ivan Petrov.";
        let (c, _, cue, who, role) = q(t, "talks are over");
        assert_eq!(c, vec!["\u{201c}The talks are over,\u{201d}"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Ivan Petrov"));
        assert_eq!(role.as_deref(), Some("Kremlin spokesman"));
    }

    #[test]
    fn leading_cue_with_colon() {
        let t = format!("{INTRO}Roe said: \"The city is ready.\"");
        let (c, kind, _, who, _) = q(&t, "city is ready");
        assert_eq!(c, vec!["\"The city is ready.\""]);
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn colon_at_paragraph_end_takes_next_paragraph() {
        let t = format!("{INTRO}Doe said:\n\"The vote is on Friday.\"");
        let (_, kind, cue, who, _) = q(&t, "vote is on Friday");
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn according_to_both_orders() {
        let t = format!("{INTRO}The bridge will close in May, according to Roe.");
        let (c, kind, cue, who, _) = q(&t, "bridge will close");
        assert_eq!(c, vec!["The bridge will close in May"]);
        assert_eq!(kind, QuoteKind::Indirect);
        assert_eq!(cue.as_deref(), Some("according to"));
        assert_eq!(who.as_deref(), Some("John Roe"));
        let t = format!("{INTRO}According to Doe, the budget is short.");
        let (c, _, _, who, _) = q(&t, "budget is short");
        assert_eq!(c, vec!["the budget is short"]);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn told_object_that_content() {
        let t = format!("{INTRO}Doe told reporters on Monday that the budget was balanced.");
        let (c, kind, cue, who, _) = q(&t, "budget was balanced");
        assert_eq!(c, vec!["that the budget was balanced"]);
        assert_eq!(kind, QuoteKind::Indirect);
        assert_eq!(cue.as_deref(), Some("told"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn reported_speech_verbs() {
        for verb in ["argued", "warned", "insisted", "denied"] {
            let t = format!("{INTRO}Roe {verb} that the plan would fail.");
            let (c, kind, cue, who, _) = q(&t, "plan would fail");
            assert_eq!(c, vec!["that the plan would fail"], "{verb}");
            assert_eq!(kind, QuoteKind::Indirect);
            assert_eq!(cue.as_deref(), Some(verb));
            assert_eq!(who.as_deref(), Some("John Roe"));
        }
    }

    #[test]
    fn clause_opening_with_another_cue_is_one_report() {
        let t = format!("{INTRO}Doe said she believes the levy is too high.");
        let (c, _, cue, who, _) = q(&t, "levy is too high");
        assert_eq!(c, vec!["she believes the levy is too high"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let t = format!("{INTRO}Roe told reporters that he wants to tell voters the truth.");
        let (c, _, cue, _, _) = q(&t, "the truth");
        assert_eq!(c, vec!["that he wants to tell voters the truth"]);
        assert_eq!(cue.as_deref(), Some("told"));
    }

    #[test]
    fn cue_inside_a_reported_clause_is_part_of_it() {
        let t = format!("{INTRO}Doe said the fee that Roe described as unfair will stay.");
        let (c, _, cue, who, _) = q(&t, "fee");
        assert_eq!(c, vec!["the fee that Roe described as unfair will stay"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert_eq!(attribute(&t).quotes.len(), 1);
        let t = format!("{INTRO}Doe said the council won by attacking the levy.");
        let (c, _, cue, _, _) = q(&t, "attacking");
        assert_eq!(c, vec!["the council won by attacking the levy"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(attribute(&t).quotes.len(), 1);
    }

    #[test]
    fn sentence_initial_and_is_not_part_of_the_subject() {
        let t = format!("{INTRO}The fund is small. And economists say the fund is too small.");
        let (c, _, cue, _, _) = q(&t, "too small");
        assert_eq!(c, vec!["the fund is too small"]);
        assert_eq!(cue.as_deref(), Some("say"));
    }

    #[test]
    fn name_and_colon_opening_a_paragraph() {
        let t = format!("{INTRO}Doe: The levy must go before the winter.\nThe vote is next.");
        let (c, _, cue, who, _) = q(&t, "levy must go");
        assert_eq!(c, vec!["The levy must go before the winter"]);
        assert_eq!(cue.as_deref(), Some(":"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        // a one-letter interview label is not a name
        let t = format!("{INTRO}Q: Will the levy go before the winter?\nA: It will.");
        assert!(attribute(&t).quotes.is_empty());
    }

    #[test]
    fn phrasal_cues_report_a_noun_phrase() {
        let t = format!("{INTRO}Doe called for a full audit of the port.");
        let (c, _, cue, who, _) = q(&t, "audit");
        assert_eq!(c, vec!["a full audit of the port"]);
        assert_eq!(cue.as_deref(), Some("called for"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let t = format!("{INTRO}\"He is wrong,\" Roe said, referring to the governor.");
        let (c, _, cue, _, _) = q(&t, "governor");
        assert_eq!(c, vec!["the governor"]);
        assert_eq!(cue.as_deref(), Some("referring to"));
        // a date after "called on" is no content
        let t = format!("{INTRO}Doe called on Monday and left.");
        assert!(attribute(&t).quotes.is_empty());
    }

    #[test]
    fn stance_verbs_report_their_object() {
        let t = format!("{INTRO}Doe opposed the new tax for drivers.");
        let (c, _, cue, _, _) = q(&t, "tax for drivers");
        assert_eq!(c, vec!["the new tax for drivers"]);
        assert_eq!(cue.as_deref(), Some("opposed"));
        // a participle right after a noun modifies it
        let t = format!("{INTRO}A fund supporting the mayor spent heavily.");
        assert!(attribute(&t).quotes.is_empty());
    }

    #[test]
    fn reported_clause_stops_before_relative_clause_and_parenthesis() {
        let t = format!("{INTRO}Doe said the bridge was built by Roe, who later left the city.");
        let (c, _, _, _, _) = q(&t, "bridge");
        assert_eq!(c, vec!["the bridge was built by Roe"]);
        let t = format!("{INTRO}Roe said the levy would end (a tax on ferries) as planned.");
        let (c, _, _, _, _) = q(&t, "levy");
        assert_eq!(c, vec!["the levy would end"]);
    }

    #[test]
    fn noun_phrase_content_runs_to_the_comma() {
        let t = format!("{INTRO}Doe blamed the delay on the storm and the floods, Roe said.");
        let (c, _, cue, _, _) = q(&t, "delay");
        assert_eq!(c, vec!["the delay on the storm and the floods"]);
        assert_eq!(cue.as_deref(), Some("blamed"));
        let t = format!("{INTRO}Roe cited two causes, including the storm, when he spoke.");
        let (c, _, _, _, _) = q(&t, "two causes");
        assert_eq!(c, vec!["two causes, including the storm"]);
    }

    #[test]
    fn asked_question_runs_to_the_comma() {
        let t = format!("{INTRO}When asked if she would run again, Doe smiled.");
        let (c, _, cue, _, _) = q(&t, "run again");
        assert_eq!(c, vec!["if she would run again"]);
        assert_eq!(cue.as_deref(), Some("asked"));
        let t = format!("{INTRO}Roe asked which road the trucks would take.");
        let (c, _, _, who, _) = q(&t, "trucks");
        assert_eq!(c, vec!["which road the trucks would take"]);
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn cue_word_after_an_article_is_a_noun() {
        let t = format!("{INTRO}The reported costs rose and the stated goal is far off.");
        assert!(attribute(&t).quotes.is_empty());
        let t = format!("{INTRO}Doe won most pledged delegates in the state.");
        assert!(attribute(&t).quotes.is_empty());
    }

    #[test]
    fn noun_with_that_clause_reports_it() {
        let t = format!("{INTRO}Voters doubt the claim that the levy will fall.");
        let (c, _, cue, who, _) = q(&t, "levy will fall");
        assert_eq!(c, vec!["that the levy will fall"]);
        assert_eq!(cue.as_deref(), Some("claim"));
        assert_eq!(who, None);
        // it never takes a quotation from its speaker
        let t = format!("{INTRO}Voters doubt the claim that \"the levy will fall soon.\"");
        let a = attribute(&t);
        assert!(a
            .quotes
            .iter()
            .all(|q| q.cue.map(|c| s(&t, c)).as_deref() != Some("claim")));
    }

    #[test]
    fn see_as_and_expected_to() {
        let t = format!("{INTRO}Doe sees the vote as a test of the new levy.");
        let (c, _, cue, who, _) = q(&t, "test of the new levy");
        assert_eq!(c, vec!["the vote as a test of the new levy"]);
        assert_eq!(cue.as_deref(), Some("sees"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let t = format!("{INTRO}The council is widely expected to pass the levy.");
        let (c, _, cue, who, _) = q(&t, "pass the levy");
        assert_eq!(c, vec!["to pass the levy"]);
        assert_eq!(cue.as_deref(), Some("expected"));
        assert_eq!(who, None);
    }

    #[test]
    fn long_subject_before_say_still_speaks() {
        let t =
            format!("{INTRO}Farmers in the valley and around the lake say the levy is too high.");
        let (c, _, cue, _, _) = q(&t, "too high");
        assert_eq!(c, vec!["the levy is too high"]);
        assert_eq!(cue.as_deref(), Some("say"));
    }

    #[test]
    fn beliefs_of_groups_and_named_people() {
        let t = format!("{INTRO}Party leaders believe the levy will cost them the seat.");
        let (c, _, cue, _, _) = q(&t, "cost them");
        assert_eq!(c, vec!["the levy will cost them the seat"]);
        assert_eq!(cue.as_deref(), Some("believe"));
        let t = format!("{INTRO}The fund believes the levy will cost them the seat.");
        assert!(attribute(&t).quotes.is_empty());
        let t = format!("{INTRO}Roe hopes to pass the levy next year.");
        let (c, _, cue, who, _) = q(&t, "pass the levy");
        assert_eq!(c, vec!["to pass the levy next year"]);
        assert_eq!(cue.as_deref(), Some("hopes"));
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn trailing_content_starts_after_colon_or_fronted_adverbial() {
        let t = format!("{INTRO}One fact stands out: the levy fell by half, according to Roe.");
        let (c, _, _, _, _) = q(&t, "levy fell");
        assert_eq!(c, vec!["the levy fell by half"]);
        let t = format!("{INTRO}At the same time, the port lost money, according to Doe.");
        let (c, _, _, _, _) = q(&t, "port lost");
        assert_eq!(c, vec!["the port lost money"]);
    }

    #[test]
    fn a_time_or_an_adverb_alone_is_no_content() {
        let t = format!("{INTRO}The port lost money, the paper reported Tuesday.");
        let a = attribute(&t);
        assert!(a
            .quotes
            .iter()
            .all(|q| q.contents.iter().all(|c| s(&t, *c) != "Tuesday")));
        let t = format!("{INTRO}Doe pushed for months.");
        assert!(attribute(&t).quotes.is_empty());
    }

    #[test]
    fn report_set_off_by_commas_reports_both_sides() {
        let t = format!("{INTRO}If the levy passes, Doe said, the port will close.");
        let (c, _, cue, who, _) = q(&t, "port will close");
        assert_eq!(c, vec!["If the levy passes", "the port will close"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        // an adverbial before a quotation is not reported
        let t = format!("{INTRO}In a statement, Doe said, \"The port will close.\"");
        let (c, _, _, _, _) = q(&t, "port will close");
        assert_eq!(c, vec!["\"The port will close.\""]);
    }

    #[test]
    fn data_and_footage_show() {
        let t = format!("{INTRO}A video of the rally shows the mayor leaving early.");
        let (c, _, cue, _, _) = q(&t, "leaving early");
        assert_eq!(c, vec!["the mayor leaving early"]);
        assert_eq!(cue.as_deref(), Some("shows"));
        let t = format!("{INTRO}The census data show the town shrank by a third.");
        let (c, _, _, _, _) = q(&t, "town shrank");
        assert_eq!(c, vec!["the town shrank by a third"]);
    }

    #[test]
    fn noun_phrase_report_keeps_inner_cue_and_party_tag() {
        let t = format!("{INTRO}Doe called on Gov. Al Vale (R) to resign.");
        let (c, _, _, _, _) = q(&t, "resign");
        assert_eq!(c, vec!["Gov. Al Vale (R) to resign"]);
        let t = format!("{INTRO}Roe called for an end to the cuts known as sequestration.");
        let (c, _, cue, _, _) = q(&t, "sequestration");
        assert_eq!(c, vec!["an end to the cuts known as sequestration"]);
        assert_eq!(cue.as_deref(), Some("called for"));
    }

    #[test]
    fn name_with_long_appositive_before_said() {
        let t = format!(
            "{INTRO}John Roe, a mayor who has run the port for years and hopes to retire soon, \
             said the levy is too high."
        );
        let (c, _, cue, who, _) = q(&t, "too high");
        assert_eq!(c, vec!["the levy is too high"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn partial_quote_is_mixed() {
        let t = format!("{INTRO}Doe said the bill was \"dead on arrival\" in the House.");
        let (c, kind, _, who, _) = q(&t, "dead on arrival");
        assert_eq!(c, vec!["the bill was \"dead on arrival\" in the House"]);
        assert_eq!(kind, QuoteKind::Mixed);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn interrupted_quotation_has_two_fragments() {
        let t = format!("{INTRO}\"The first part,\" Roe said, \"and the second part.\"");
        let (c, kind, _, who, _) = q(&t, "first part");
        assert_eq!(c, vec!["\"The first part,\"", "\"and the second part.\""]);
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn unattributed_paragraph_continues_previous_speaker() {
        let t = format!("{INTRO}\"We are ready,\" Roe said.\n\"The trucks leave at dawn and the crews are trained.\"");
        let (_, _, cue, who, _) = q(&t, "trucks leave at dawn");
        assert_eq!(cue, None);
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn multi_paragraph_quotation() {
        let t = format!("{INTRO}\"We are ready,\" Doe said. \"The first paragraph goes on\n\"and the second one ends it.\"");
        let (_, _, _, who, _) = q(&t, "second one ends it");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let (c, _, _, _, _) = q(&t, "first paragraph goes on");
        assert_eq!(
            c.last().map(String::as_str),
            Some("\"The first paragraph goes on")
        );
    }

    #[test]
    fn pronouns_follow_gender_and_last_speaker() {
        let t = format!("{INTRO}\"It is late,\" she said.");
        assert_eq!(q(&t, "It is late").3.as_deref(), Some("Jane Doe"));
        let t = format!("{INTRO}\"It is early,\" he said.");
        assert_eq!(q(&t, "It is early").3.as_deref(), Some("John Roe"));
        let t = format!("{INTRO}\"One,\" Roe said.\n\"Two,\" Doe said.\n\"Three,\" he said.");
        assert_eq!(q(&t, "Three").3.as_deref(), Some("John Roe"));
    }

    #[test]
    fn relative_who_resolves_to_the_name() {
        let t = "Prices will rise, according to economist Mary Major, who said the trend was \"hard to stop.\"";
        let (c, kind, cue, who, role) = q(t, "hard to stop");
        assert_eq!(c, vec!["the trend was \"hard to stop.\""]);
        assert_eq!(kind, QuoteKind::Mixed);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Mary Major"));
        assert_eq!(role.as_deref(), Some("economist"));
    }

    #[test]
    fn the_president_resolves_to_the_named_president() {
        let t = "President Ann Bell arrived in Lima.\nThe president said the treaty was signed.";
        let (_, _, _, who, _) = q(t, "treaty was signed");
        assert_eq!(who.as_deref(), Some("Ann Bell"));
    }

    #[test]
    fn appositive_role_and_subject() {
        let t = "Tom Hale, the mayor of Springfield, said the roads were safe.";
        let (_, _, _, who, role) = q(t, "roads were safe");
        assert_eq!(who.as_deref(), Some("Tom Hale"));
        assert_eq!(role.as_deref(), Some("mayor of Springfield"));
    }

    #[test]
    fn unbalanced_closing_mark_recovers_the_opening() {
        let t = format!("{INTRO}We will not back down from this fight,\" Doe said.");
        let (c, _, _, who, _) = q(&t, "back down");
        assert_eq!(c, vec!["We will not back down from this fight,\""]);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn every_quote_style() {
        for (o, c) in [
            ("\"", "\""),
            ("\u{201c}", "\u{201d}"),
            ("\u{201e}", "\u{201c}"),
            ("\u{ab}", "\u{bb}"),
            ("\u{2018}", "\u{2019}"),
            ("''", "''"),
            ("``", "''"),
        ] {
            let t = format!("{INTRO}{o}The budget is balanced today,{c} Doe said.");
            let (cs, kind, _, who, _) = q(&t, "budget is balanced");
            assert_eq!(
                cs,
                vec![format!("{o}The budget is balanced today,{c}")],
                "{o}"
            );
            assert_eq!(kind, QuoteKind::Direct);
            assert_eq!(who.as_deref(), Some("Jane Doe"), "{o}");
        }
    }

    #[test]
    fn dash_credit_after_quotation() {
        let t = "\u{201c}The best days are ahead of us.\u{201d} \u{2015} Carla Mendez";
        let (_, _, _, who, _) = q(t, "best days");
        assert_eq!(who.as_deref(), Some("Carla Mendez"));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        let a = attribute(
            "The so-called \"reset\" failed. She read \"The Old Man And The Sea\" twice.",
        );
        assert!(a.quotes.is_empty(), "{:?}", a.quotes);
    }

    #[test]
    fn quotations_view_lists_quoted_words_with_speakers() {
        let t = format!("{INTRO}Doe said the bill was \"dead on arrival in the House\" and called it \"a waste.\"\n\"We won,\" Roe said.");
        let a = attribute(&t);
        let got: Vec<(String, Option<String>)> = a
            .quotations
            .iter()
            .map(|q| (s(&t, q.contents[0]), q.speaker.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "\"dead on arrival in the House\"".to_string(),
                    Some("Jane Doe".to_string())
                ),
                ("\"a waste.\"".to_string(), Some("Jane Doe".to_string())),
                ("\"We won,\"".to_string(), Some("John Roe".to_string())),
            ]
        );
        assert!(a.quotations.iter().all(|q| q.kind == QuoteKind::Direct));
    }

    #[test]
    fn quotations_view_drops_titles_and_scare_quoted_words() {
        // a show title, a scare-quoted word and a slogan inside reported speech are not
        // something the speaker is on record saying; a short utterance and a naming verb are
        let t = format!(
            "{INTRO}Doe said on CBS's \"Meet the Voters\" that the file was \"secret\" for years.\n\
             Roe said the plan was fine and added, \"Go home!\" to the crowd.\n\
             Doe called the plan \"a mess\" on Friday."
        );
        let a = attribute(&t);
        let got: Vec<String> = a.quotations.iter().map(|q| s(&t, q.contents[0])).collect();
        assert_eq!(got, vec!["\"Go home!\"", "\"a mess\""]);
    }

    #[test]
    fn quotations_view_lists_shared_words_once() {
        // the quoted words sit inside two attributions: listed once, with a named speaker
        let t = format!(
            "{INTRO}Roe said in a letter that the advertisement \"wrongfully and very plainly\" suggests that the city backs the plan."
        );
        let a = attribute(&t);
        assert!(!a.quotes.is_empty(), "{:?}", a.quotes);
        let got: Vec<(String, Option<String>)> = a
            .quotations
            .iter()
            .map(|q| (s(&t, q.contents[0]), q.speaker.clone()))
            .collect();
        assert_eq!(
            got,
            vec![(
                "\"wrongfully and very plainly\"".to_string(),
                Some("John Roe".to_string())
            )]
        );
    }

    #[test]
    fn participle_with_adjunct_takes_the_quotation() {
        let t = format!(
            "{INTRO}\"We cannot pay for this,\" Doe said, adding later, \"The fund costs us a fortune.\""
        );
        let (c, kind, cue, who, _) = q(&t, "costs us");
        assert_eq!(c, vec!["\"The fund costs us a fortune.\""]);
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(cue.as_deref(), Some("adding"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn person_named_before_a_colon_speaks_the_quotation() {
        let t = format!(
            "{INTRO}The result does not surprise pollster Tim Shaw: \"Lesser-known candidates often gain after early wins.\""
        );
        let (_, _, _, who, role) = q(&t, "Lesser-known");
        assert_eq!(who.as_deref(), Some("Tim Shaw"));
        assert_eq!(role.as_deref(), Some("pollster"));
    }

    #[test]
    fn quotation_after_an_abbreviated_place_continues_the_speaker() {
        let t = format!(
            "{INTRO}\"We will win,\" Doe told reporters in Dover, Del. \"It would help if they came out to vote.\""
        );
        let a = attribute(&t);
        let got: Vec<(String, Option<String>)> = a
            .quotations
            .iter()
            .map(|q| (s(&t, q.contents[0]), q.speaker.clone()))
            .collect();
        assert_eq!(
            got[1],
            (
                "\"It would help if they came out to vote.\"".to_string(),
                Some("Jane Doe".to_string())
            )
        );
    }

    #[test]
    fn document_subject_with_read() {
        let t =
            format!("{INTRO}\"Friends, the vote is close and every call counts,\" the email read.");
        let a = attribute(&t);
        let q = &a.quotations[0];
        assert_eq!(q.cue.map(|c| s(&t, c)).as_deref(), Some("read"));
        assert_eq!(
            q.speaker_mention.map(|c| s(&t, c)).as_deref(),
            Some("the email")
        );
        assert_eq!(q.speaker, None);
    }

    #[test]
    fn told_after_an_appositive_names_the_listener_not_the_speaker() {
        let t = format!(
            "{INTRO}\"The race is tighter than last month,\" pollster Tim Shaw, part of the team running the survey, told NBC."
        );
        let (_, _, cue, who, _) = q(&t, "race is tighter");
        assert_eq!(cue.as_deref(), Some("told"));
        assert_eq!(who.as_deref(), Some("Tim Shaw"));
    }

    #[test]
    fn show_titles_headlines_and_credit_lines_are_not_quotations() {
        let t = format!(
            "{INTRO}\"We need more buses,\" Doe told \"Good Morning Ohio.\"\n\
             \u{2014}\"City museum names a new director,\" by the Herald's Ann Park.\n\
             \"Our city will keep every bus line open this year.\n\
             John Roe, mayor of the city.\""
        );
        let a = attribute(&t);
        let got: Vec<String> = a.quotations.iter().map(|q| s(&t, q.contents[0])).collect();
        assert!(got.iter().all(|g| !g.contains("Morning Ohio")), "{got:?}");
        assert!(got.iter().all(|g| !g.contains("museum names")), "{got:?}");
        assert!(
            got.iter().all(|g| !g.contains("mayor of the city")),
            "{got:?}"
        );
        assert!(got.iter().any(|g| g.contains("more buses")), "{got:?}");
        // a short sentence in title case is still speech
        let t = format!("{INTRO}\"Here Comes The Mayor!\" Doe said.");
        assert_eq!(attribute(&t).quotations.len(), 1);
    }

    #[test]
    fn a_pull_quote_repeated_in_the_article_is_listed_once() {
        let t = format!(
            "{INTRO}\"We will keep every bus line open this year,\" Roe said.\n\
             \"We will keep every bus line open this year.\"\n\
             The council meets on Friday."
        );
        let a = attribute(&t);
        assert_eq!(a.quotations.len(), 1, "{:?}", a.quotations);
        assert_eq!(a.quotations[0].speaker.as_deref(), Some("John Roe"));
    }

    #[test]
    fn trailing_cue_after_name_with_party_and_appositive() {
        let t = format!(
            "{INTRO}\"The budget is short again,\" Rep. Ann Vale (R-Ohio), a panel member, said in an interview."
        );
        let (_, _, cue, who, _) = q(&t, "budget is short");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn exclamation_then_named_writer_with_adverb() {
        let t = format!(
            "{INTRO}\"Long live the city council!\" Ann Vale, the editor of the Herald, wrote sarcastically on Monday."
        );
        let (_, _, cue, who, _) = q(&t, "Long live");
        assert_eq!(cue.as_deref(), Some("wrote"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        let t = format!(
            "{INTRO}\"We are proud to cast our votes for the mayor!\" State Senator Ann Vale said as she began."
        );
        let (_, _, _, who, _) = q(&t, "proud to cast");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn noun_like_cue_after_a_quoted_name_is_a_verb() {
        let t = format!(
            "{INTRO}\"It helps the party down the ballot,\" Doe reports on Monday evening."
        );
        let (_, _, cue, who, _) = q(&t, "helps the party");
        assert_eq!(cue.as_deref(), Some("reports"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn sentence_with_a_bare_cue_gives_the_next_quotation_its_speaker() {
        let t = format!(
            "{INTRO}\"It should not be funny,\" Doe said.\n\
             Her friend Ann Vale, 20, a nurse from Leeds, chimed in. \"I did not think I would vote at all.\""
        );
        let (_, _, cue, who, _) = q(&t, "did not think");
        assert_eq!(cue.as_deref(), Some("chimed in"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn party_appositive_and_inverted_advises() {
        let t = format!(
            "{INTRO}\"Investors are left high and dry,\" Senator Ann Vale, Republican of Ohio, told the committee."
        );
        let (_, _, _, who, _) = q(&t, "high and dry");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        let t =
            format!("{INTRO}\"Talk to people who support you,\" advises psychologist Ann Vale.");
        let (_, _, cue, who, _) = q(&t, "Talk to people");
        assert_eq!(cue.as_deref(), Some("advises"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn markup_values_cited_slogans_and_subheadings_are_not_quotations() {
        let t = format!(
            "{INTRO}\"We will keep every line open,\" Roe said.\n\
             'Bets Are Off.'\n\
             \"Related:\"\n\
             Watch it at <a href=\"http://video.example.com/clip\">the site</a>.\n\
             The party used the slogan \"No more new taxes, not ever!\" (2015) on posters."
        );
        let a = attribute(&t);
        let got: Vec<String> = a.quotations.iter().map(|q| s(&t, q.contents[0])).collect();
        assert_eq!(got, vec!["\"We will keep every line open,\""]);
    }

    #[test]
    fn participle_after_an_object_noun_takes_the_sentence_subject() {
        let t = format!(
            "{INTRO}Doe released a statement saying, \"The city has always paid its bills on time.\""
        );
        let (_, _, cue, who, _) = q(&t, "paid its bills");
        assert_eq!(cue.as_deref(), Some("saying"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        // ... but in "with X saying" X speaks
        let t = format!(
            "{INTRO}The office declined to comment, with spokesman Tim Shaw saying, \"We never discuss these files.\""
        );
        let (_, _, _, who, _) = q(&t, "never discuss");
        assert_eq!(who.as_deref(), Some("Tim Shaw"));
    }

    #[test]
    fn quotation_paragraph_continues_the_quoted_speaker_not_a_later_clause() {
        let t = format!(
            "{INTRO}\"They are spending millions against me,\" Doe said, referring to a group called Citizens First that says it is neutral.\n\
             \"So they clearly think I will keep every promise I made.\""
        );
        let a = attribute(&t);
        let last = a.quotations.last().unwrap();
        assert!(s(&t, last.contents[0]).contains("clearly think"));
        assert_eq!(last.speaker.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn who_after_a_place_refers_to_the_person() {
        let t = format!(
            "{INTRO}\"It is for the people,\" said Ann Vale, 24, from Manchester, who said the council listens.\n\
             \"It was built for the town, not for the banks.\""
        );
        let a = attribute(&t);
        let last = a.quotations.last().unwrap();
        assert_eq!(last.speaker.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn number_words_opening_a_sentence_are_not_names() {
        let t = format!(
            "{INTRO}Eight years ago, Doe backed the plan and said, \"The city has never done enough for us.\""
        );
        let (_, _, _, who, _) = q(&t, "never done enough");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert!(attribute(&t).people.iter().all(|p| p.name != "Eight"));
    }

    #[test]
    fn repeated_exclamation_marks_before_a_trailing_cue() {
        let t = format!("{INTRO}\"Roe is the greatest!!!\" Doe wrote in an email to the staff.");
        let (_, _, cue, who, _) = q(&t, "the greatest");
        assert_eq!(cue.as_deref(), Some("wrote"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_title_word_after_mr_is_a_surname() {
        let t =
            "Charlie King runs the field office.\n\"It is all about enthusiasm,\" Mr. King added.";
        let (_, _, cue, who, _) = q(t, "enthusiasm");
        assert_eq!(cue.as_deref(), Some("added"));
        assert_eq!(who.as_deref(), Some("Charlie King"));
    }

    #[test]
    fn interrupted_quotation_across_a_participle_clause() {
        let t = format!(
            "{INTRO}\"I am not sure about this year,\" Doe wrote in a statement explaining why she will speak, \"but most people agree the city is on the wrong track.\""
        );
        let a = attribute(&t);
        let q = a
            .quotes
            .iter()
            .find(|q| q.contents.len() == 2)
            .unwrap_or_else(|| panic!("{:?}", a.quotes));
        let (cue, who) = (q.cue.map(|c| s(&t, c)), q.speaker.clone());
        assert!(s(&t, q.contents[1]).contains("wrong track"));
        assert_eq!(cue.as_deref(), Some("wrote"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn reported_clause_stops_at_a_contrast() {
        let t = format!(
            "{INTRO}Aides said the trip was only a visit, but the mayor's shop was on every poster."
        );
        let (c, kind, _, _, _) = q(&t, "only a visit");
        assert_eq!(c, vec!["the trip was only a visit"]);
        assert_eq!(kind, QuoteKind::Indirect);
    }

    #[test]
    fn cue_with_only_an_adjunct_reports_nothing_and_speaks_the_next_quotation() {
        let t = format!(
            "{INTRO}Doe wrote in her memo.\nThe council met.\n\
             Roe said in a statement. \"There are no ballots to recount this year.\""
        );
        let a = attribute(&t);
        assert!(
            a.quotes
                .iter()
                .all(|q| !s(&t, q.contents[0]).contains("her memo")),
            "{:?}",
            a.quotes
        );
        let (_, _, cue, who, _) = q(&t, "no ballots");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn prepositional_to_and_coordinated_clauses_are_not_content() {
        let t = format!(
            "{INTRO}Doe took the county vote on Monday, adding to her margin over Roe.\n\
             Her backing is still short of what she hoped and the turnout stays low."
        );
        let a = attribute(&t);
        assert!(a.quotes.is_empty(), "{:?}", a.quotes);
    }

    #[test]
    fn fronted_phrase_ending_in_a_show_title_is_not_content() {
        let t = format!(
            "{INTRO}Last week, in an interview on NTV's \"Meet the Voters,\" Doe said that the plan would pass."
        );
        let (c, _, cue, who, _) = q(&t, "plan would pass");
        assert_eq!(c, vec!["that the plan would pass"]);
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert!(attribute(&t)
            .quotes
            .iter()
            .all(|q| !s(&t, q.contents[0]).contains("Earlier")));
    }

    #[test]
    fn stopword_surname_after_a_first_name() {
        let t = "\"You are no longer welcome,\" said Kristen Day, director of the group.";
        let (_, _, _, who, _) = q(t, "no longer welcome");
        assert_eq!(who.as_deref(), Some("Kristen Day"));
    }

    #[test]
    fn pressed_after_a_quotation_is_a_cue_but_the_press_is_not() {
        let t = format!(
            "{INTRO}\"Would the plan be open to changes?\" Roe pressed.\n\
             Doe told the press the plan was final."
        );
        let (_, _, cue, who, _) = q(&t, "open to changes");
        assert_eq!(cue.as_deref(), Some("pressed"));
        assert_eq!(who.as_deref(), Some("John Roe"));
        let a = attribute(&t);
        assert!(a
            .quotes
            .iter()
            .all(|q| q.cue.map(|c| s(&t, c)).as_deref() != Some("press")));
    }

    #[test]
    fn question_then_demanded_or_vowed_stays_one_sentence() {
        let t = format!("{INTRO}\"Why is this bank still too big to manage?\" Doe demanded.");
        let (_, _, cue, who, _) = q(&t, "too big to manage");
        assert_eq!(cue.as_deref(), Some("demanded"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let t = format!("{INTRO}\"We will never give up!\" Roe vowed.");
        let (_, _, cue, who, _) = q(&t, "never give up");
        assert_eq!(cue.as_deref(), Some("vowed"));
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    #[test]
    fn quotation_closed_by_a_comma_before_said_colon() {
        let t = format!(
            "{INTRO}\"This is the story the campaign is built on,\" Doe said: that Roe is careful."
        );
        let (_, _, cue, who, _) = q(&t, "story the campaign");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn invisible_formatting_characters_do_not_hide_quotation_marks() {
        let t = format!(
            "{INTRO}\u{202a}\u{201c}Thank you for standing up for the city!\u{201d} posted Ann Vale.\n\
             \u{200b}\"We will keep every bus line open,\" Roe said."
        );
        let a = attribute(&t);
        let got: Vec<(String, Option<String>)> = a
            .quotations
            .iter()
            .map(|q| (s(&t, q.contents[0]), q.speaker.clone()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Ann Vale"));
        assert_eq!(got[1].1.as_deref(), Some("John Roe"));
    }

    #[test]
    fn party_in_brackets_before_the_comma_and_coordinated_participle() {
        let t = format!(
            "{INTRO}At the rally, Gov. Ann Vale (R-OH), said, \"We are ready to win the state.\""
        );
        let (_, _, _, who, _) = q(&t, "ready to win");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        let t = format!(
            "{INTRO}Doe only hinted at Roe by mentioning the bridge and adding, \"I know who should pay for it.\""
        );
        let (_, _, cue, who, _) = q(&t, "who should pay");
        assert_eq!(cue.as_deref(), Some("adding"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn cue_with_a_title_as_its_only_object_speaks_the_next_quotation() {
        let t = format!(
            "{INTRO}\"We will win,\" Roe said.\n\
             Later that day, Doe told CBS's \"Meet the Voters.\" \"We will take every county in the state.\""
        );
        let a = attribute(&t);
        let got: Vec<(String, Option<String>)> = a
            .quotations
            .iter()
            .map(|q| (s(&t, q.contents[0]), q.speaker.clone()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_quotation_with_its_own_cue_is_not_taken_by_the_sentence_before() {
        let t = format!(
            "{INTRO}Roe almost seemed to agree. \"Illegal dumping is a problem,\" he said."
        );
        let a = attribute(&t);
        let q = &a.quotations[0];
        assert_eq!(q.cue.map(|c| s(&t, c)).as_deref(), Some("said"));
        assert_eq!(q.speaker_mention.map(|c| s(&t, c)).as_deref(), Some("he"));
        assert_eq!(q.speaker.as_deref(), Some("John Roe"));
    }

    #[test]
    fn shared_quotation_keeps_the_nearest_cue() {
        let t = format!(
            "{INTRO}Roe weighed in, telling a paper in an interview, \"But gosh, they are both qualified,\" he said."
        );
        let a = attribute(&t);
        assert_eq!(a.quotations.len(), 1, "{:?}", a.quotations);
        let q = &a.quotations[0];
        assert_eq!(q.cue.map(|c| s(&t, c)).as_deref(), Some("said"));
        assert_eq!(q.speaker.as_deref(), Some("John Roe"));
    }

    #[test]
    fn question_then_phrasal_cue_stays_one_sentence() {
        let t = format!(
            "{INTRO}Doe responded pointedly: \"It can happen to anyone.\"\n\
             \"You know, it happens, right?\" Roe went on, as though she had not spoken. \"But you have to move on.\""
        );
        let a = attribute(&t);
        let got: Vec<Option<String>> = a.quotations.iter().map(|q| q.speaker.clone()).collect();
        assert_eq!(
            got,
            vec![
                Some("Jane Doe".to_string()),
                Some("John Roe".to_string()),
                Some("John Roe".to_string())
            ]
        );
    }

    #[test]
    fn quotations_listed_with_and_are_one_quotation() {
        let t = format!(
            "{INTRO}Doe said the crowd chanted back, \"Fix the roads,\" and \"Open the schools.\""
        );
        let a = attribute(&t);
        let got: Vec<String> = a.quotations.iter().map(|q| s(&t, q.contents[0])).collect();
        assert_eq!(got, vec!["\"Fix the roads,\" and \"Open the schools.\""]);
    }

    #[test]
    fn abbreviated_titles_are_spelled_out_in_roles() {
        let t = "Massachusetts Sen. Elizabeth Warren spoke.\n\"It is wrong,\" Warren said.";
        let (_, _, _, who, role) = q(t, "It is wrong");
        assert_eq!(who.as_deref(), Some("Elizabeth Warren"));
        assert_eq!(role.as_deref(), Some("Massachusetts Senator"));
    }

    #[test]
    fn stage_fills_quotes_and_people_and_keeps() {
        let mut doc = Doc::new("d", format!("{INTRO}\"We will win,\" Doe said."));
        let mut c = Counters::default();
        assert!(AttributionStage.process(&mut doc, &mut c).is_keep());
        assert_eq!(doc.quotes.len(), 1);
        assert!(doc
            .people
            .iter()
            .any(|p| p.name == "Jane Doe" && p.mentions == 2));
        assert_eq!(c.get("quotes_found"), 1);
        assert_eq!(AttributionStage.name(), "quotes");
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for t in [
            "",
            "\"",
            "\u{201c}",
            "''",
            "said",
            "according to",
            "\n\n\n",
            "Mr. . said \"",
            "\u{2019}s",
        ] {
            let a = attribute(t);
            // Nothing here is a quotation, and nothing said about it points outside the text.
            assert!(a.quotes.is_empty(), "{t:?}: {:?}", a.quotes);
            assert!(a.quotations.is_empty(), "{t:?}: {:?}", a.quotations);
            assert!(a.people.iter().all(|p| !p.name.trim().is_empty()), "{t:?}");
        }
    }

    #[test]
    fn fronted_participle_clause_is_not_the_subject() {
        let t = "Mayor Bo Reed spoke in Ohio.\n\nSpeaking on a radio show Sunday, Reed read from \
                 his notes, promising \"more roads.\"\n\n\"We have to do it,\" he said.\n";
        let (_, _, _, who, _) = q(t, "more roads");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
        let (_, _, _, who, _) = q(t, "have to do it");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn press_before_a_role_noun_is_not_a_cue() {
        let t = "Ann Vale spoke.\n\n\"We see no change,\" City Hall press secretary Bo Reed \
                 told reporters.";
        let (_, _, cue, who, _) = q(t, "see no change");
        assert_eq!(cue.as_deref(), Some("told"));
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn name_before_role_words_modifies_the_speaker() {
        for t in [
            "Ann Vale spoke.\n\n\"She knows the details,\" said Vale\u{2019}s communications director, \
             Bo Reed, adding that it went well.",
            "Ann Vale spoke.\n\n\"She knows the details,\" said Vale constituent Bo Reed.",
        ] {
            let (_, _, _, who, _) = q(t, "knows the details");
            assert_eq!(who.as_deref(), Some("Bo Reed"), "{t}");
        }
        let t = "Ann Vale spoke.\n\n\"She knows the details,\" said Vale, a senator.";
        let (_, _, _, who, _) = q(t, "knows the details");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn names_print_with_plain_apostrophes() {
        let t = "Ann O\u{2019}Hara spoke.\n\n\"We will win,\" O\u{2019}Hara said.";
        let (_, _, _, who, _) = q(t, "will win");
        assert_eq!(who.as_deref(), Some("Ann O'Hara"));
    }

    #[test]
    fn quoted_as_saying_is_one_cue() {
        let t = format!("{INTRO}\"Our method works,\" Doe was quoted as saying. \"We call less.\"");
        let (c, _, cue, who, _) = q(&t, "method works");
        assert_eq!(cue.as_deref(), Some("quoted as saying"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert_eq!(c.len(), 2, "{c:?}");
        let t = format!("{INTRO}Doe was quoted as saying the plan would fail.");
        let (c, _, _, who, _) = q(&t, "plan would fail");
        assert_eq!(c, vec!["the plan would fail"]);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn whole_quoted_sentence_before_another_cue_continues_the_speaker() {
        let t = format!(
            "{INTRO}\"If it passes, it goes on,\" Doe said. \"It is a movement.\" Asked what \
             comes next, Roe said: \"We will see.\""
        );
        let (_, _, _, who, _) = q(&t, "It is a movement");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let (_, _, _, who, _) = q(&t, "We will see");
        assert_eq!(who.as_deref(), Some("John Roe"));
    }

    const FARM: &str = "Ann Vale spoke. Mayor Tom Kay met farmer Bo Reed.\n\n\"Hi,\" Kay said.\n\n";

    #[test]
    fn possessive_owner_before_a_name_is_not_the_speaker() {
        let t = format!(
            "{FARM}Debates change little, noted KXTV\u{2019}s Bo Reed.\n\n\"They come late,\" he wrote."
        );
        let (_, _, _, who, _) = q(&t, "change little");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
        let (_, _, _, who, _) = q(&t, "come late");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn question_and_long_fronted_adverbial_subjects_are_pronoun_antecedents() {
        let t = format!("{FARM}Was Reed happy with the answer?\n\n\"To a point,\" he said.");
        let (_, _, _, who, _) = q(&t, "To a point");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
        let t = format!(
            "{FARM}At a fair in Dayton, Ohio, on Thursday, Reed showed off his corn.\n\n\"We grow \
             it,\" he said."
        );
        let (_, _, _, who, _) = q(&t, "We grow");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn he_as_subject_follows_its_own_antecedent() {
        let t = format!(
            "{FARM}Bo Reed, 61, who grows beans by the river, drove to the \
             fair. He sat in front.\n\n\"Is he ready?\" he said."
        );
        let (_, _, _, who, _) = q(&t, "Is he ready");
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn an_acronym_is_no_antecedent_for_he() {
        let t = format!(
            "{FARM}The group ABCD said it would act. \"We will act,\" ABCD said.\n\n\"It is \
             late,\" he said."
        );
        let (_, _, _, who, _) = q(&t, "It is late");
        assert_ne!(who.as_deref(), Some("ABCD"));
    }

    #[test]
    fn bare_cue_in_a_subordinate_clause_does_not_take_the_next_quotation() {
        let t = format!(
            "{INTRO}\"I only carry the news,\" Doe said, as the crowd applauded. \"We won.\""
        );
        let (_, _, _, who, _) = q(&t, "We won");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn full_stop_quotation_before_a_cue_with_its_own_clause_is_not_its_content() {
        let t = format!(
            "{INTRO}\"It is a long night,\" Doe told reporters. \"We will mourn.\" Mayor Roe said \
             he would have closed the road."
        );
        let (_, _, _, who, _) = q(&t, "We will mourn");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn cue_with_colon_after_a_quoted_phrase_reports_the_quotation_after_the_colon() {
        let t = format!(
            "{INTRO}After Roe said that pupils learn more in \"small classes,\" Doe said: \"That \
             is simply wrong.\""
        );
        let (_, _, _, who, _) = q(&t, "simply wrong");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn participle_after_a_noun_phrase_subject() {
        let t = format!(
            "{INTRO}The candidate closed the rally by saying, \"We will win this race and more.\""
        );
        let a = attribute(&t);
        let q = a
            .quotations
            .iter()
            .find(|q| {
                q.contents
                    .iter()
                    .any(|c| s(&t, *c).contains("win this race"))
            })
            .expect("quotation");
        let m = q.speaker_mention.expect("a mention");
        assert_eq!(s(&t, m), "The candidate");
    }

    #[test]
    fn fronted_place_phrase_is_not_a_name() {
        let t = format!(
            "{INTRO}Outside the barn near the square, a few farmers stood, chanting \
             \"Save the farms now.\""
        );
        let a = attribute(&t);
        assert!(
            !a.people.iter().any(|p| p.name == "Outside"),
            "{:?}",
            a.people
        );
        assert!(a
            .quotations
            .iter()
            .all(|q| q.speaker.as_deref() != Some("Outside")));
    }

    #[test]
    fn trailing_source_with_a_long_role_before_the_name() {
        let t = format!(
            "{INTRO}\u{201c}They owe us an answer,\u{201d} Dayton Public Advocate Tia Jones \
             said. \"She stands with us.\""
        );
        let (_, _, cue, who, _) = q(&t, "owe us an answer");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Tia Jones"));
        let (_, _, _, who, _) = q(&t, "stands with us");
        assert_eq!(who.as_deref(), Some("Tia Jones"));
    }

    #[test]
    fn trailing_long_noun_phrase_source() {
        let t = format!(
            "{INTRO}\"The river is rising,\" the longtime Ohio senator and local party chairman \
             told reporters."
        );
        let a = attribute(&t);
        let q = a
            .quotations
            .iter()
            .find(|q| {
                q.contents
                    .iter()
                    .any(|c| s(&t, *c).contains("river is rising"))
            })
            .expect("quotation");
        let m = q.speaker_mention.expect("a mention");
        assert_eq!(
            s(&t, m),
            "the longtime Ohio senator and local party chairman"
        );
    }

    #[test]
    fn cue_adjunct_then_comma_reports_the_clause_after_it() {
        let t = format!("{INTRO}Doe argued in a memo, the rules must change.");
        let (c, kind, _, who, _) = q(&t, "rules must change");
        assert_eq!(c, vec!["the rules must change"]);
        assert_eq!(kind, QuoteKind::Indirect);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn role_words_at_the_front_of_a_capitalised_run_are_not_the_name() {
        for (src, name) in [
            ("said Acme CEO Jo Park", "Jo Park"),
            ("Filmmaker Jo Park said", "Jo Park"),
            ("said Co-anchor Jo Park", "Jo Park"),
            ("said Ohio-based Jo Park", "Jo Park"),
            ("said Vale Senior Adviser Jo Park", "Jo Park"),
            ("said Chief of Staff Tom Park", "Tom Park"),
        ] {
            let t = format!("Ann Vale spoke.\n\n\"We will win,\" {src}.");
            let (_, _, _, who, _) = q(&t, "will win");
            assert_eq!(who.as_deref(), Some(name), "{src}");
        }
        let t = "\"We will win,\" said Acme CEO Jo Park.";
        let (_, _, _, _, role) = q(t, "will win");
        assert_eq!(role.as_deref(), Some("Acme CEO"));
    }

    #[test]
    fn initials_and_organisation_words_stay_in_names() {
        let t = "\"We will look,\" Acme General Counsel Jon A. Baird said.";
        let (_, _, _, who, role) = q(t, "will look");
        assert_eq!(who.as_deref(), Some("Jon A Baird"));
        assert_eq!(role.as_deref(), Some("Acme General Counsel"));
        let t = "\"We will look,\" Civic Watch said.";
        let (_, _, _, who, _) = q(t, "will look");
        assert_eq!(who.as_deref(), Some("Civic Watch"));
    }

    #[test]
    fn the_plus_a_name_resolves_to_the_name() {
        let t = "\"We will look,\" the ACME report said.";
        let (_, _, _, who, _) = q(t, "will look");
        assert_eq!(who.as_deref(), Some("ACME"));
        let t = "\"We will look,\" the Daily Planet said this summer.";
        let (_, _, _, who, _) = q(t, "will look");
        assert_eq!(who.as_deref(), Some("Daily Planet"));
    }

    #[test]
    fn month_like_first_name_after_a_role_noun() {
        let t = "Mayor Ann Vale and Tom Roe spoke. \"We are ready,\" Vale said.\n\nFormer Ohio \
                 governor Jan Kerr, who backed Roe early, says safety comes first. \"It will \
                 resonate,\" she said in an interview.";
        let (_, _, _, who, _) = q(t, "will resonate");
        assert_eq!(who.as_deref(), Some("Jan Kerr"));
        let a = attribute(t);
        assert!(a
            .people
            .iter()
            .any(|p| p.name == "Jan Kerr" && p.role.as_deref() == Some("Former Ohio governor")));
    }

    #[test]
    fn first_name_named_by_a_kinship_noun_is_a_person() {
        let t = "Mayor Ann Vale and Tom Roe spoke. \"We are ready,\" Vale said.\n\nBut his \
                 wife, Mary, gave a hint.\n\n\"If he wins, he goes on,\" she said.";
        let (_, _, _, who, _) = q(t, "he goes on");
        assert_eq!(who.as_deref(), Some("Mary"));
    }

    #[test]
    fn words_before_a_title_that_starts_a_name_are_no_person() {
        let t =
            "Mayor Ann Vale spoke.\n\nInterim Party Chair Tom Kerr said the party needs a plan. \
                 \"Only a fool would skip the plan,\" he said.";
        let a = attribute(t);
        assert!(
            !a.people.iter().any(|p| p.name == "Interim Party"),
            "{:?}",
            a.people
        );
        let (_, _, _, who, _) = q(t, "skip the plan");
        assert_eq!(who.as_deref(), Some("Tom Kerr"));
    }

    #[test]
    fn cue_with_a_phrase_before_a_closing_colon_speaks_the_next_paragraph() {
        let t = "Mayor Ann Vale spoke.\n\nIn a release, Vale said about her plan for the park in \
                 the draft:\n\n\"The park will be open to all.\"";
        let (c, kind, _, who, _) = q(t, "open to all");
        assert_eq!(c, vec!["\"The park will be open to all.\""]);
        assert_eq!(kind, QuoteKind::Direct);
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn quoted_someone_with_an_appositive_as_saying() {
        let t = "Mayor Ann Vale spoke.\n\n\"We were not told,\" a local radio station quoted \
                 Ms. Vale, the mayor, as saying.";
        let a = attribute(t);
        let q = a
            .quotations
            .iter()
            .find(|q| q.contents.iter().any(|c| s(t, *c).contains("not told")))
            .expect("quotation");
        assert_eq!(
            q.cue.map(|c| s(t, c)).as_deref(),
            Some("quoted Ms. Vale, the mayor, as saying")
        );
        assert_eq!(
            q.speaker_mention.map(|c| s(t, c)).as_deref(),
            Some("a local radio station")
        );
    }

    const MAYORS: &str =
        "Mayor Ann Vale and Mayor Bo Roe spoke. \"Hi,\" said spokesman Jo Park.\n\n";

    #[test]
    fn but_now_said_takes_the_sentence_subject() {
        let t = format!(
            "{MAYORS}Rep. Tom Kerr backed Vale last year, but now said Roe had \u{201c}a real \
             shot.\u{201d}\n\n\u{201c}Let us get to work.\u{201d}"
        );
        let (_, _, _, who, _) = q(&t, "get to work");
        assert_eq!(who.as_deref(), Some("Tom Kerr"));
    }

    #[test]
    fn subordinate_cue_after_a_quotation_and_a_participle_after_of_name() {
        let t = format!(
            "{MAYORS}The ad closes on a clip of Roe saying at the forum, \u{201c}That shows \
             I am clever,\u{201d} when Vale blasted him for not paying tax."
        );
        let (_, _, _, who, _) = q(&t, "shows I am clever");
        assert_eq!(who.as_deref(), Some("Bo Roe"));
    }

    #[test]
    fn party_tag_appositive_keeps_a_trailing_cue_with_its_quotation() {
        let t = format!("{MAYORS}\"What a fair!\" Rep. Tom Kerr, R-Ohio, said of the week.");
        let (_, _, cue, who, _) = q(&t, "What a fair");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Tom Kerr"));
    }

    #[test]
    fn went_on_to_say_is_one_cue() {
        let t = format!("{INTRO}The letter went on to say, \u{201c}We will win this.\u{201d}");
        let a = attribute(&t);
        let found = a
            .quotations
            .iter()
            .find(|x| x.contents.iter().any(|c| s(&t, *c).contains("win this")))
            .expect("quotation");
        assert_eq!(
            found.cue.map(|c| s(&t, c)).as_deref(),
            Some("went on to say")
        );
        assert_eq!(
            found.speaker_mention.map(|c| s(&t, c)).as_deref(),
            Some("The letter")
        );
        let t = format!("{INTRO}Doe went on to argue that the plan would fail.");
        let (c, _, _, who, _) = q(&t, "plan would fail");
        assert_eq!(c, vec!["that the plan would fail"]);
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn participle_after_a_comma_inside_the_closing_mark() {
        let t = format!(
            "{INTRO}Doe stated, \u{201c}We will act,\u{201d} adding, \u{201c}It is not over.\u{201d}"
        );
        let (_, _, cue, who, _) = q(&t, "not over");
        assert_eq!(cue.as_deref(), Some("adding"));
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        let t = format!(
            "{INTRO}Doe said she thought they were telling her, \u{201c}You can relax,\u{201d} adding, \
             \u{201c}It is not over.\u{201d}"
        );
        let (_, _, _, who, _) = q(&t, "not over");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn weekday_adjunct_between_subject_and_cue() {
        let t = format!(
            "{MAYORS}Vale saves her scorn for Roe, who Vale on Wednesday called \u{201c}a \
             bad neighbor to us all.\u{201d}"
        );
        let (_, _, _, who, _) = q(&t, "bad neighbor");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn kinship_noun_gives_the_gender() {
        let t = "Mayor Tom Kay spoke. \"We win,\" Kay said.\n\nAnn Berg runs a shop. Together \
                 with her spouse, Carl Berg, who bakes bread, she gave to three groups.\n\n\
                 \"I like them all,\" she said.";
        let (_, _, _, who, _) = q(t, "like them all");
        assert_eq!(who.as_deref(), Some("Ann Berg"));
    }

    #[test]
    fn here_is_someone_colon_quotation() {
        for lead in ["Here\u{2019}s Vale in May 1992", "Here is Vale on the levy"] {
            let t = format!(
                "Mayor Ann Vale spoke.\n\n{lead}: \u{201c}It is too high for all of us.\u{201d}"
            );
            let (_, _, _, who, _) = q(&t, "too high");
            assert_eq!(who.as_deref(), Some("Ann Vale"), "{lead}");
        }
    }

    #[test]
    fn the_two_write() {
        let t =
            "Mayor Ann Vale and Bo Roe wrote a letter.\n\n\u{201c}You picked a new rule,\u{201d} \
                 the two write.";
        let a = attribute(t);
        let found = a
            .quotations
            .iter()
            .find(|x| x.contents.iter().any(|c| s(t, *c).contains("new rule")))
            .expect("quotation");
        assert_eq!(
            found.speaker_mention.map(|c| s(t, c)).as_deref(),
            Some("the two")
        );
    }

    #[test]
    fn emailed_and_texted_are_cues() {
        for verb in ["emailed", "texted"] {
            let t = format!("{INTRO}\u{201c}Save the birds!\u{201d} Doe {verb} her son in 2012.");
            let (_, _, cue, who, _) = q(&t, "Save the birds");
            assert_eq!(cue.as_deref(), Some(verb));
            assert_eq!(who.as_deref(), Some("Jane Doe"));
        }
    }

    #[test]
    fn a_clause_after_said_is_content_not_an_inverted_source() {
        // the subject, with a long appositive or a relative clause, stands before the cue
        for (t, who) in [
            (
                "But Jo Park, senior analyst at Acme, said buyers still want small cars.",
                Some("Jo Park"),
            ),
            (
                "The board, which polls growers in four counties, said most farms continued to hire.",
                None,
            ),
        ] {
            let a = attribute(t);
            assert_eq!(a.quotes.len(), 1, "{t}: {:?}", a.quotes);
            let got: Vec<String> = a.quotes[0].contents.iter().map(|c| s(t, *c)).collect();
            let want = if who.is_some() {
                "buyers still want small cars"
            } else {
                "most farms continued to hire"
            };
            assert_eq!(got, vec![want], "{t}");
            assert_eq!(a.quotes[0].speaker.as_deref(), who, "{t}");
        }
        // ... while a noun phrase closing the sentence is the source
        for t in [
            "The plan will fail, said the two aides.",
            "\"It will pass,\" said one aide involved in the talks.",
        ] {
            let a = attribute(t);
            assert_eq!(a.quotes.len(), 1, "{t}: {:?}", a.quotes);
            let m = a.quotes[0].speaker_mention.map(|c| s(t, c));
            assert!(
                m.as_deref().is_some_and(|m| m.contains("aide")),
                "{t}: {m:?}"
            );
        }
    }

    #[test]
    fn the_appositive_after_an_inverted_name_is_not_content() {
        let t = "If she wins, Vale would be the youngest mayor in a century, said Bo Reed, \
                 a history professor at Acme University.";
        let (c, _, _, who, role) = q(t, "youngest mayor");
        assert_eq!(
            c,
            vec!["If she wins, Vale would be the youngest mayor in a century"]
        );
        assert_eq!(who.as_deref(), Some("Bo Reed"));
        assert_eq!(
            role.as_deref(),
            Some("history professor at Acme University")
        );
    }

    #[test]
    fn states_that_opens_the_clause() {
        let t = "Officer Tom Reed wrote a memoir.\n\nIn it, Reed \u{2014} who was posted at \
                 the gate for a decade \u{2014} states that a shift on the night team felt like a penalty.";
        let (c, _, cue, who, _) = q(t, "penalty");
        assert_eq!(
            c,
            vec!["that a shift on the night team felt like a penalty"]
        );
        assert_eq!(cue.as_deref(), Some("states"));
        assert_eq!(
            who.as_deref(),
            Some("Tom Reed"),
            "the name before a dash-bounded aside"
        );
        assert!(
            !attribute(t)
                .quotes
                .iter()
                .any(|q| q.contents.iter().any(|c| s(t, *c).contains("the gate"))),
            "the relative clause on the subject is no report"
        );
    }

    #[test]
    fn an_initialism_in_the_subject_keeps_the_report_trailing() {
        let t = "The audit will not end by May, F.B.I. officials said, although they said \
                 a report might come sooner.";
        let a = attribute(t);
        let got: Vec<Vec<String>> = a
            .quotes
            .iter()
            .map(|q| q.contents.iter().map(|c| s(t, *c)).collect())
            .collect();
        assert_eq!(
            got,
            vec![
                vec!["The audit will not end by May".to_string()],
                vec!["a report might come sooner".to_string()],
            ]
        );
        let m = a.quotes[0].speaker_mention.map(|c| s(t, c));
        assert_eq!(m.as_deref(), Some("F.B.I. officials"));
        // ... and an initialism closing the subject keeps its dot
        let t = "The S.E.C. said it would review the filing.";
        let (c, _, cue, _, _) = q(t, "the filing");
        assert_eq!(c, vec!["it would review the filing"]);
        assert_eq!(cue.as_deref(), Some("said"));
    }

    #[test]
    fn nouns_that_look_like_cues_report_nothing() {
        assert_no_reports(&[
            // a word right after a possessive is a noun
            "Mayor Ann Vale spoke.\n\nVale's remarks on the levy were long and dull.",
            // "states that" + a verb opens a relative clause
            "The tour visits five states that have held caucuses.",
            // "went on" + a noun phrase is no speech
            "After the meeting, Mayor Ann Vale went on a long walk.",
            // "states" after a number, a capitalised or an -ing word is the plural noun
            "The ad will run in several states: Ohio, Iowa and Utah.",
            "Turnout in the four states that held caucuses on Monday fell.",
            "The chain has stores in Midwest and Western states, from Utah to Iowa.",
            // "declined" as a fall
            "Ticket sales at the fair declined slightly from last year.",
            "Ad revenue at the paper declined to $40 million last year.",
            // "know" with no fact known
            "The only bakery I know of closes at noon.",
            "Do you know where the spare keys are?",
        ]);
        let t = "Mayor Ann Vale declined our request for an interview.";
        let (_, _, cue, who, _) = q(t, "our request");
        assert_eq!(cue.as_deref(), Some("declined"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        let t = "The report states that the fee is legal.";
        let (c, _, cue, _, _) = q(t, "fee is legal");
        assert_eq!(c, vec!["that the fee is legal"]);
        assert_eq!(cue.as_deref(), Some("states"));
    }

    #[test]
    fn contractions_and_went_on_about_still_report() {
        let t = "Mayor Ann Vale spoke.\n\nShe\u{2019}s claiming that the fee is too high.";
        let (c, _, cue, who, _) = q(t, "fee is too high");
        assert_eq!(c, vec!["that the fee is too high"]);
        assert_eq!(cue.as_deref(), Some("claiming"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        let t = "Mayor Ann Vale spoke for an hour, and as Vale went on about \u{201c}the fee \
                 nobody wants,\u{201d} the crowd left.";
        let (_, _, cue, who, _) = q(t, "nobody wants");
        assert_eq!(cue.as_deref(), Some("went on"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn a_noun_of_speech_ending_in_sis_is_no_plural() {
        let t = "Mayor Ann Vale spoke.\n\nVale\u{2019}s emphasis that the old roof was \
                 safe surprised the board.";
        let (_, _, cue, _, _) = q(t, "old roof");
        assert_eq!(cue.as_deref(), Some("emphasis"));
    }

    #[test]
    fn called_that_names_or_phones_reports_nothing() {
        assert_no_reports(&[
            "She joined a club called Fair Votes Now last spring.",
            "Mayor Ann Vale called Jo Park on Monday.",
            "Mayor Ann Vale called into a cooking show.",
        ]);
        let t = "Mayor Ann Vale called Jo Park a liar.";
        let (c, _, cue, who, _) = q(t, "liar");
        assert_eq!(c, vec!["Jo Park a liar"]);
        assert_eq!(cue.as_deref(), Some("called"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn a_place_is_never_the_speaker_of_a_role_or_an_appositive() {
        let intro = "Sen. Bo Reed (I-Maine) spoke on Monday.\n\n";
        for (t, who) in [
            (
                format!("{intro}The Maine senator said the bank was too big."),
                Some("Bo Reed"),
            ),
            (
                format!("{intro}The senator from Maine said the bank was too big."),
                Some("Bo Reed"),
            ),
            (
                "Senator from Texas says the bank was too big.".to_string(),
                None,
            ),
            (
                "Rep. Tim Shore of Oregon, the ranking member, said the bank was too big."
                    .to_string(),
                Some("Tim Shore"),
            ),
            (
                "Nora Lind, a donor from Akron, Ohio, said the bank was too big.".to_string(),
                Some("Nora Lind"),
            ),
            (
                "Nora Lind, 59, of Akron, who watched on a screen, said the bank was too big."
                    .to_string(),
                Some("Nora Lind"),
            ),
        ] {
            let (c, _, _, got, _) = q(&t, "too big");
            assert_eq!(c, vec!["the bank was too big"], "{t}");
            assert_eq!(got.as_deref(), who, "{t}");
        }
    }

    #[test]
    fn a_capitalised_common_word_is_no_speaker() {
        let t = "Mayor Ann Vale asked the clerk for the minutes of the meeting.\n\n\
                 Minutes later, she sent a text saying \u{201c}all set.\u{201d}";
        let (_, _, _, who, _) = q(t, "all set");
        assert_eq!(
            who.as_deref(),
            Some("Ann Vale"),
            "she, after a fronted `Minutes later,`"
        );
        let t =
            "Mayor Ann Vale spoke.\n\nHours later, she sent a text saying \u{201c}all set.\u{201d}";
        let (_, _, _, who, _) = q(t, "all set");
        assert_eq!(who.as_deref(), Some("Ann Vale"), "a time noun is no name");
        let a = attribute(t);
        assert!(
            !a.people.iter().any(|p| p.name == "Minutes"),
            "{:?}",
            a.people
        );
    }

    #[test]
    fn feet_and_inch_marks_are_no_quotation_marks() {
        for h in ["6\u{2019}2\u{201d}", "5'2\""] {
            let t = format!(
                "Mayor Ann Vale spoke.\n\n\u{201c}My brother is tall; he is like {h},\u{201d} \
                 Vale said on Sunday."
            );
            let (c, kind, _, who, _) = q(&t, "brother is tall");
            assert_eq!(c.len(), 1, "{t}: {c:?}");
            assert!(c[0].ends_with(",\u{201d}"), "{t}: {c:?}");
            assert_eq!(kind, QuoteKind::Direct);
            assert_eq!(who.as_deref(), Some("Ann Vale"));
        }
    }

    #[test]
    fn the_person_before_an_organisation_phrase_speaks() {
        for org in [
            "the Acme Institute",
            "the Institute for Policy",
            "Acme Labs",
        ] {
            let t = format!(
                "\u{201c}The new design would work,\u{201d} Susan Kell of {org} wrote in a report."
            );
            let (_, _, cue, who, _) = q(&t, "new design");
            assert_eq!(cue.as_deref(), Some("wrote"), "{t}");
            assert_eq!(who.as_deref(), Some("Susan Kell"), "{t}");
        }
    }

    #[test]
    fn a_nickname_in_quotation_marks_is_part_of_the_name() {
        let t = "\"We are ready for the vote!\" Reed's cousin, state Del. Nora \"Lee\" Vale \
                 (D-Dayton), told the crowd.";
        let (_, _, cue, who, _) = q(t, "ready for the vote");
        assert_eq!(cue.as_deref(), Some("told"));
        assert_eq!(who.as_deref(), Some("Nora Vale"));
        let t = "Marine John \u{201c}Jack\u{201d} Reed said the plan would fail.";
        let a = attribute(t);
        assert!(
            a.quotations.is_empty(),
            "a nickname is no quotation: {:?}",
            a.quotations
        );
        let (c, _, _, who, _) = q(t, "plan would fail");
        assert_eq!(c, vec!["the plan would fail"]);
        assert_eq!(who.as_deref(), Some("John Reed"), "the service is a role");
    }

    #[test]
    fn a_quotation_in_the_subjects_relative_clause_leaves_the_subject_speaking() {
        let t = "Singer Katy Vale spoke.\n\nVale, who held a sign reading \
                 \u{201c}Vote early,\u{201d} shouted, \u{201c}See you at the polls!\u{201d}";
        let (_, _, cue, who, _) = q(t, "at the polls");
        assert_eq!(cue.as_deref(), Some("shouted"));
        assert_eq!(who.as_deref(), Some("Katy Vale"));
    }

    #[test]
    fn a_headline_run_of_capitals_expands_no_surname() {
        let t = "Angry Parent Corners Vale On Levy At Town Hall\n\n\
                 Mayor Ann Vale took questions on Tuesday.\n\n\
                 \u{201c}The levy stays,\u{201d} Vale said.";
        let (_, _, _, who, _) = q(t, "levy stays");
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn coordinated_speakers_after_role_words_close_the_quotation() {
        let t = "\u{201c}The new design would work,\u{201d} bridge engineers Dan Reed and Sara \
                 Kell wrote in a report.";
        let a = attribute(t);
        let q0 = a
            .quotes
            .iter()
            .find(|x| x.contents.iter().any(|c| s(t, *c).contains("new design")))
            .expect("quotation");
        assert_eq!(q0.cue.map(|c| s(t, c)).as_deref(), Some("wrote"));
        let m = q0.speaker_mention.map(|c| s(t, c)).unwrap_or_default();
        assert!(m.contains("Dan Reed and Sara Kell"), "{m:?}");
    }

    #[test]
    fn replies_and_letters_keep_their_own_speakers() {
        // "wrote to X": X is the listener, not content
        assert_no_reports(&["Jo Vale wrote to Ann Roe."]);
        // "writes back" is one cue; a quotation closed by a full stop before it is not its own
        let t = "Jo Vale wrote to Ann Roe.\n\nRoe answers Vale with, \u{201c}Is it due today? I \
                 was away all week.\u{201d} Vale then writes back, \u{201c}Take your time.\u{201d}";
        let (_, _, cue, who, _) = q(t, "due today");
        assert_eq!(cue.as_deref(), Some("answers"));
        assert_eq!(who.as_deref(), Some("Ann Roe"));
        let (_, _, cue, who, _) = q(t, "your time");
        assert_eq!(cue.as_deref(), Some("writes back"));
        assert_eq!(who.as_deref(), Some("Jo Vale"));
        // a quotation closed by "!" before a cue with a that-clause of its own
        let t = "Bo Reed emailed Ann Vale, telling her, \u{201c}you did great work!\u{201d} She \
                 wrote back to him that she was glad.";
        let (_, _, cue, who, _) = q(t, "great work");
        assert_eq!(cue.as_deref(), Some("telling"));
        assert_eq!(who.as_deref(), Some("Bo Reed"));
    }

    #[test]
    fn quotations_listed_after_a_cue_are_one_content() {
        let t = "Mayor Ann Vale spoke. The crowd yelled to her, \"Cut the fee,\" and \
                 \"Fix the roads.\"";
        let (c, _, _, _, _) = q(t, "Cut the fee");
        assert_eq!(c, vec!["\"Cut the fee,\" and \"Fix the roads.\""]);
        // ... after a participle, with a comma after "and"
        let t = "Mayor Ann Vale smiled, telling the crowd, \"I grew up here,\" and, \"Who \
                 here pays the fee?\"";
        let (c, _, cue, who, _) = q(t, "grew up here");
        assert_eq!(
            c,
            vec!["\"I grew up here,\" and, \"Who here pays the fee?\""]
        );
        assert_eq!(cue.as_deref(), Some("telling"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn a_phrasal_cue_may_report_a_quotation() {
        let t = "Mayor Ann Vale has also called for \"more buses on the road\" this year.";
        let (c, _, cue, who, _) = q(t, "more buses");
        assert_eq!(c, vec!["\"more buses on the road\""]);
        assert_eq!(cue.as_deref(), Some("called for"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn a_quotation_introduced_by_a_leading_cue_is_not_the_next_cues() {
        let t =
            "When a fan in the hall shouted, \u{201c}Vale,\u{201d} Reed joked, \u{201c}She owes \
                 me lunch!\u{201d}";
        let a = attribute(t);
        let shout: Vec<_> = a
            .quotes
            .iter()
            .filter(|x| x.contents.iter().any(|c| s(t, *c).contains("Vale,")))
            .collect();
        assert_eq!(shout.len(), 1, "{:?}", a.quotes);
        assert_eq!(shout[0].cue.map(|c| s(t, c)).as_deref(), Some("shouted"));
        let (_, _, cue, _, _) = q(t, "owes");
        assert_eq!(cue.as_deref(), Some("joked"));
    }

    #[test]
    fn asked_about_a_topic_is_no_question() {
        let t = "When asked about the bridge, Mayor Ann Vale said repairs start in June.";
        let a = attribute(t);
        assert!(
            !a.quotes
                .iter()
                .any(|x| x.contents.iter().any(|c| s(t, *c).contains("bridge"))),
            "{:?}",
            a.quotes
        );
        let (_, _, cue, who, _) = q(t, "repairs start");
        assert_eq!(cue.as_deref(), Some("said"));
        assert_eq!(who.as_deref(), Some("Ann Vale"));
        // ... a clause after it is reported
        let t = "Asked about claims that the levy will rise, Mayor Ann Vale smiled.";
        let (_, _, cue, _, _) = q(t, "will rise");
        assert_eq!(cue.as_deref(), Some("Asked"));
    }

    #[test]
    fn the_writers_additions_after_a_reported_clause_are_left_out() {
        assert_single_contents(&[
            (
                "Mayor Ann Vale said 60 percent of members backed the fee, compared with 30 percent.",
                "60 percent of members backed the fee",
            ),
            (
                "Mayor Ann Vale said she will sign the budget, even as she criticised it.",
                "she will sign the budget",
            ),
            (
                "Mayor Ann Vale said the old bridge must close, a view the council later shared.",
                "the old bridge must close",
            ),
            (
                "Mayor Ann Vale said she will sell the house, as has her brother.",
                "she will sell the house",
            ),
            (
                "Mayor Ann Vale said the levy will rise, and the council has already sued.",
                "the levy will rise",
            ),
        ]);
    }

    #[test]
    fn a_clause_without_that_starts_at_its_subject() {
        for (t, want) in [
            (
                "Mayor Ann Vale told reporters she would run again.",
                "she would run again",
            ),
            (
                "Mayor Ann Vale told the Gazette on Monday the bridge was safe.",
                "the bridge was safe",
            ),
            (
                "Mayor Ann Vale said Wednesday she agrees with the ruling.",
                "she agrees with the ruling",
            ),
            (
                "Mayor Ann Vale said in a statement the budget was balanced.",
                "the budget was balanced",
            ),
            (
                "Mayor Ann Vale said late Tuesday the levy had passed.",
                "the levy had passed",
            ),
        ] {
            let (c, _, _, who, _) = q(t, want);
            assert_eq!(c, vec![want], "{t}");
            assert_eq!(who.as_deref(), Some("Ann Vale"), "{t}");
        }
        // an object that a story or a wh-clause follows is no reported clause
        assert_no_reports(&[
            "Mayor Ann Vale told a story about how she grew up in Akron.",
            "Mayor Ann Vale told him the truth about the deal.",
        ]);
    }

    #[test]
    fn a_verb_with_a_particle_is_no_cue() {
        assert_no_reports(&[
            "Mayor Ann Vale showed up at the debate.",
            "The critic was booed and shouted down by the crowd.",
            "Spending on roads shot back up and grew by 5 percent.",
            "The council wrote off the old debt.",
            "The pledges added up to more than $8 million.",
        ]);
    }

    #[test]
    fn said_that_as_a_link_between_sentences_reports_nothing() {
        assert_no_reports(&[
            "Having said that, there are some critics who disagree.",
            "That said, the budget is a mess.",
            "But that said, the roads were fine.",
        ]);
        let t = "Mayor Ann Vale said that, in her view, the roads were fine.";
        let (_, _, cue, _, _) = q(t, "the roads were fine");
        assert_eq!(cue.as_deref(), Some("said"));
    }

    #[test]
    fn a_title_dot_does_not_end_the_object() {
        let t = "Mayor Ann Vale was telling Sen. Bo Reed that the plan would fail.";
        let (c, _, _, _, _) = q(t, "the plan would fail");
        assert_eq!(c, vec!["that the plan would fail"]);
    }

    #[test]
    fn a_phrase_fronted_before_an_infinitive_cue_is_no_content() {
        let t = "Aside from Tuesday night, Mayor Ann Vale appears to be fine.";
        let (c, _, cue, _, _) = q(t, "to be fine");
        assert_eq!(c, vec!["to be fine"]);
        assert_eq!(cue.as_deref(), Some("appears"));
        let a = attribute(t);
        assert!(
            a.quotes
                .iter()
                .all(|q| q.contents.iter().all(|c| !s(t, *c).contains("Aside"))),
            "{:?}",
            a.quotes
        );
        // a trailing cue with its listener after "to" still closes the quotation before it
        let t = "\"We will win,\" Mayor Ann Vale said to reporters.";
        let (c, _, _, who, _) = q(t, "We will win");
        assert_eq!(c, vec!["\"We will win,\""]);
        assert_eq!(who.as_deref(), Some("Ann Vale"));
    }

    #[test]
    fn a_cue_in_a_fronted_subordinate_clause_reports_nothing_past_its_comma() {
        assert_single_contents(&[
            (
                "While Mayor Ann Vale has said that taxes must rise, her office keeps cutting them.",
                "that taxes must rise",
            ),
            (
                "Even as Mayor Ann Vale claimed the roads were safe, two bridges closed.",
                "the roads were safe",
            ),
        ]);
        let t = "When Mayor Ann Vale answered a question on trade, the crowd cheered.";
        assert!(attribute(t)
            .quotes
            .iter()
            .all(|q| q.contents.iter().all(|c| !s(t, *c).contains("cheered"))));
        // ... but a comma that opens a quotation closes no clause
        let t = "When asked about it, Mayor Ann Vale said, \"No comment.\"";
        let (c, _, _, _, _) = q(t, "No comment");
        assert_eq!(c, vec!["\"No comment.\""]);
        // ... and `As Vale said, ...` reports the main clause
        let t = "As Mayor Ann Vale said, the bridge is unsafe.";
        let (c, _, _, _, _) = q(t, "bridge");
        assert_eq!(c, vec!["the bridge is unsafe"]);
    }

    #[test]
    fn knowing_a_person_or_a_name_is_no_report() {
        assert_no_reports(&[
            "Mayor Ann Vale has known Bo Reed for two decades.",
            "I know him well.",
            "They met at a club known as the Harbor Circle.",
        ]);
        let t = "Mayor Ann Vale knew Bo Reed was lying.";
        let (c, _, _, _, _) = q(t, "was lying");
        assert_eq!(c, vec!["Bo Reed was lying"]);
    }

    #[test]
    fn where_a_noun_phrase_was_delivered_is_left_out() {
        assert_single_contents(&[
            (
                "Mayor Ann Vale criticized the ruling through a spokeswoman.",
                "the ruling",
            ),
            (
                "Mayor Ann Vale criticized the council in a statement on Friday.",
                "the council",
            ),
            (
                "Mayor Ann Vale praised the firemen on Twitter.",
                "the firemen",
            ),
        ]);
    }

    #[test]
    fn a_relative_clause_on_a_claim_noun_is_no_claim() {
        assert_no_reports(&[
            "It was a charge that might have stung the mayor.",
            "Of all the arguments that could be made, none held.",
        ]);
        let t = "There is a claim that the bridge was unsafe.";
        let (c, _, cue, _, _) = q(t, "unsafe");
        assert_eq!(c, vec!["that the bridge was unsafe"]);
        assert_eq!(cue.as_deref(), Some("claim"));
    }

    #[test]
    fn a_poll_opening_the_sentence_is_the_source_of_its_clause() {
        for t in [
            "In a Gazette poll released Sunday, 60 percent of voters backed the fee.",
            "In the latest Gazette poll, conducted in May, 60 percent of voters backed the fee.",
        ] {
            let (c, _, cue, _, _) = q(t, "backed the fee");
            assert_eq!(c, vec!["60 percent of voters backed the fee"], "{t}");
            assert_eq!(cue.as_deref(), Some("In"), "{t}");
        }
        // an idiom or a preposition before the noun, or researchers with a verb of their own
        for t in [
            "In the wake of the report, the mayor resigned at once.",
            "In addition, the council voted to close the bridge.",
        ] {
            assert_no_reports(&[t]);
        }
        let t = "In a recent study, two economists found that the port lost money.";
        let (_, _, cue, _, _) = q(t, "lost money");
        assert_eq!(cue.as_deref(), Some("found"));
    }

    #[test]
    fn according_to_after_a_fronted_adverbial_reports_the_clause_after_it() {
        for t in [
            "By May 30, according to new filings, the fund had spent $28 million.",
            "But, according to the Gazette, the fund had spent $28 million.",
        ] {
            let (c, _, _, _, _) = q(t, "spent");
            assert_eq!(c, vec!["the fund had spent $28 million"], "{t}");
        }
        // a clause before it is still what it reports, whatever the writer adds after it
        let t = "The port lost money last year, according to the Gazette, and the mayor resigned.";
        let (c, _, _, _, _) = q(t, "lost money");
        assert_eq!(c, vec!["The port lost money last year"]);
        // a quantifier is a source too
        let t = "According to some on the council, the mayor was hiding.";
        let (c, _, _, _, _) = q(t, "hiding");
        assert_eq!(c, vec!["the mayor was hiding"]);
    }
}
