//! Tokens, paragraphs, quotation-mark spans and sentences: the layout the attribution rules
//! read. All offsets here are byte offsets into the text; conversion to code points happens
//! once, at the very end.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters/digits, with inner apostrophes, hyphens and dots (`don't`, `U.S`, `2.5`).
    Word,
    /// A quotation mark (`"`, `“`, `''`, ...).
    Quote(Mark),
    /// Any other non-space character.
    Punct(char),
}

/// A quotation mark with what its shape and surroundings allow it to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Double-quote family (`"`, `“`, `''`, `«`), as opposed to single (`‘`, `'`).
    pub double: bool,
    /// The glyph only opens (`“`, `„`, `«`, `` `` ``, `‘`).
    pub opener: bool,
    /// The glyph only closes (`”`, `»`, `’`).
    pub closer: bool,
    /// Preceded by start/space/bracket and followed by a non-space: looks like an opening.
    pub open_ctx: bool,
    /// Preceded by a non-space and followed by space/punctuation/end: looks like a closing.
    pub close_ctx: bool,
}

/// One token: byte span, kind, paragraph index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub para: usize,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn mark(&self) -> Option<Mark> {
        match self.kind {
            Kind::Quote(m) => Some(m),
            _ => None,
        }
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}'
            | '\u{201d}'
            | '\u{201e}'
            | '\u{201f}'
            | '\u{00ab}'
            | '\u{00bb}'
            | '\u{2018}'
            | '\u{2019}'
            | '\''
            | '`'
    )
}

/// Whitespace, and the invisible formatting characters pasted text carries (zero-width
/// spaces, bidirectional marks, byte-order marks), which must not glue a quotation mark to a
/// word.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits the text into tokens, each tagged with its paragraph (`\n`-separated).
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut toks = Vec::with_capacity(n / 4);
    let mut para = 0usize;
    let mut i = 0usize;
    while i < n {
        let c = chars[i].1;
        if c == '\n' {
            // blank lines do not count: a paragraph is a line with tokens
            if toks.last().is_some_and(|t: &Tok| t.para == para) {
                para += 1;
            }
            i += 1;
            continue;
        }
        if is_space(c) {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            i += 1;
            while i < n {
                let c = chars[i].1;
                if c.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let prev = chars[i - 1].1;
                let next = at(i + 1);
                let next_alnum = next.is_some_and(|x| x.is_alphanumeric());
                if is_apostrophe(c)
                    && next.is_some_and(|x| x.is_alphabetic())
                    && prev.is_alphanumeric()
                {
                    i += 1;
                    continue;
                }
                if (c == '-' || c == '\u{2011}') && next_alnum {
                    i += 1;
                    continue;
                }
                // a height (`6\u{2019}2\u{201d}`, `5'2"`): feet and inch marks, no quotation
                if matches!(c, '\'' | '\u{2019}' | '\u{2032}')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    i += 1;
                    continue;
                }
                if matches!(c, '"' | '\u{201d}' | '\u{2033}')
                    && prev.is_ascii_digit()
                    && chars[start..i]
                        .iter()
                        .any(|&(_, x)| matches!(x, '\'' | '\u{2019}' | '\u{2032}'))
                {
                    i += 1;
                    break;
                }
                if (c == '.' || c == ',')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    i += 1;
                    continue;
                }
                // U.S, D.C, a.m: a dot between single letters
                if c == '.' && next.is_some_and(|x| x.is_alphabetic()) && prev.is_alphabetic() {
                    let single_before = i < 2 || !chars[i - 2].1.is_alphabetic();
                    let single_after = !at(i + 2).is_some_and(|x| x.is_alphabetic());
                    if single_before && single_after {
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            toks.push(Tok {
                s: byte(start),
                e: byte(i),
                kind: Kind::Word,
                para,
            });
            continue;
        }
        if is_quote_char(c) {
            // two-character marks: '' and ``
            let two = (c == '\'' || c == '`') && at(i + 1) == Some(c);
            let len = if two { 2 } else { 1 };
            let prev = if i == 0 { None } else { Some(chars[i - 1].1) };
            let next = at(i + len);
            let open_ctx = prev.is_none_or(|p| {
                is_space(p) || "([{-\u{2014}\u{2013}/".contains(p) || is_quote_char(p)
            }) && next.is_some_and(|x| !is_space(x));
            let close_ctx = prev.is_some_and(|p| !is_space(p))
                && next.is_none_or(|x| is_space(x) || (!x.is_alphanumeric()));
            let (double, opener, closer) = match c {
                '"' => (true, false, false),
                '\u{201c}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' => (true, true, false),
                '\u{201d}' | '\u{00bb}' => (true, false, true),
                '\u{2018}' => (false, true, false),
                '\u{2019}' => (false, false, true),
                '\'' if two => (true, false, false),
                '`' if two => (true, true, false),
                _ => (false, false, false),
            };
            toks.push(Tok {
                s: byte(i),
                e: byte(i + len),
                kind: Kind::Quote(Mark {
                    double,
                    opener,
                    closer,
                    open_ctx,
                    close_ctx,
                }),
                para,
            });
            i += len;
            continue;
        }
        toks.push(Tok {
            s: byte(i),
            e: byte(i + 1),
            kind: Kind::Punct(c),
            para,
        });
        i += 1;
    }
    toks
}

/// A stretch of text inside quotation marks, as token indices of its marks.
#[derive(Debug, Clone)]
pub(crate) struct QSpan {
    /// Token index of the opening mark, or of the first content token when recovered.
    pub first: usize,
    /// Token index of the closing mark, or of the last content token when unclosed.
    pub last: usize,
    /// The paragraph opened a quotation that it did not close and the next paragraph reopens
    /// it: a multi-paragraph quotation continues there.
    pub continues: bool,
    /// This span continues a quotation of the previous paragraph.
    pub continued: bool,
    /// Number of word tokens inside.
    pub words: usize,
}

/// Finds quotation spans paragraph by paragraph: double marks first, then single marks outside
/// them; unbalanced marks are recovered at paragraph edges.
pub(crate) fn quote_spans(toks: &[Tok]) -> Vec<QSpan> {
    let mut spans = Vec::new();
    let mut p0 = 0;
    while p0 < toks.len() {
        let para = toks[p0].para;
        let mut p1 = p0;
        while p1 < toks.len() && toks[p1].para == para {
            p1 += 1;
        }
        let before = spans.len();
        pair_double(toks, p0, p1, &mut spans);
        // single marks outside double spans
        let doubles: Vec<(usize, usize)> =
            spans[before..].iter().map(|q| (q.first, q.last)).collect();
        pair_single(toks, p0, p1, &doubles, &mut spans);
        p0 = p1;
    }
    spans.sort_by_key(|q| q.first);
    // link multi-paragraph quotations
    for k in 0..spans.len() {
        if !spans[k].continues {
            continue;
        }
        let open_para = toks[spans[k].first].para;
        let next_first = spans.get(k + 1).map(|q| q.first);
        let ok = next_first.is_some_and(|f| {
            toks[f].para > open_para
                && f > 0
                && toks[f - 1].para != toks[f].para
                && toks[f].mark().is_some()
        });
        if ok {
            spans[k + 1].continued = true;
        } else {
            spans[k].continues = false;
        }
    }
    for q in &mut spans {
        q.words = toks[q.first..=q.last]
            .iter()
            .filter(|t| t.is_word())
            .count();
    }
    spans.retain(|q| q.words > 0);
    spans
}

fn pair_double(toks: &[Tok], p0: usize, p1: usize, out: &mut Vec<QSpan>) {
    let mut open: Option<usize> = None;
    let mut last_end = p0; // first token not yet inside a closed span
    for i in p0..p1 {
        let Some(m) = toks[i].mark() else { continue };
        if !m.double {
            continue;
        }
        match open {
            None => {
                let opens = m.opener
                    || (!m.closer && (m.open_ctx || !m.close_ctx))
                    || (m.closer && m.open_ctx && !m.close_ctx);
                if opens {
                    open = Some(i);
                } else if i > last_end {
                    // a closing mark with no opening: the quotation started at the paragraph
                    // (or after the previous quotation)
                    let first = last_end;
                    if (first..i).any(|k| toks[k].is_word()) && first == p0 {
                        out.push(QSpan {
                            first,
                            last: i,
                            continues: false,
                            continued: false,
                            words: 0,
                        });
                    }
                    last_end = i + 1;
                }
            }
            Some(o) => {
                let closes = m.closer
                    || (!m.opener && (m.close_ctx || !m.open_ctx))
                    || (m.opener && m.close_ctx && !m.open_ctx);
                if closes {
                    out.push(QSpan {
                        first: o,
                        last: i,
                        continues: false,
                        continued: false,
                        words: 0,
                    });
                    open = None;
                    last_end = i + 1;
                } else {
                    // a second opening before any close: the first one was never closed; end it
                    // at the sentence end before this mark when there is one
                    let mut end = i - 1;
                    while end > o && !matches!(&text_of_punct(toks, end), Some('.' | '?' | '!')) {
                        end -= 1;
                    }
                    if end > o {
                        out.push(QSpan {
                            first: o,
                            last: end,
                            continues: false,
                            continued: false,
                            words: 0,
                        });
                    }
                    open = Some(i);
                }
            }
        }
    }
    if let Some(o) = open {
        if p1 > o + 1 {
            out.push(QSpan {
                first: o,
                last: p1 - 1,
                continues: true,
                continued: false,
                words: 0,
            });
        }
    }
}

/// The character of a punctuation token.
fn text_of_punct(toks: &[Tok], i: usize) -> Option<char> {
    match toks.get(i)?.kind {
        Kind::Punct(c) => Some(c),
        _ => None,
    }
}

fn pair_single(
    toks: &[Tok],
    p0: usize,
    p1: usize,
    doubles: &[(usize, usize)],
    out: &mut Vec<QSpan>,
) {
    // The double spans come in order and do not overlap: one cursor walks them (a scan per
    // mark would make a long paragraph of quotations quadratic).
    let mut next_double = 0;
    let mut inside = |i: usize| {
        while doubles.get(next_double).is_some_and(|&(_, b)| b < i) {
            next_double += 1;
        }
        doubles.get(next_double).is_some_and(|&(a, _)| a <= i)
    };
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate().take(p1).skip(p0) {
        let Some(m) = t.mark() else { continue };
        let in_double = inside(i);
        if m.double || in_double {
            if in_double {
                open = None;
            }
            continue;
        }
        match open {
            None => {
                if m.open_ctx && !m.closer && (m.opener || !m.close_ctx) {
                    open = Some(i);
                }
            }
            Some(o) => {
                if m.close_ctx && !m.opener {
                    // a possessive (`voters’ `) closes too early only if followed by a word
                    out.push(QSpan {
                        first: o,
                        last: i,
                        continues: false,
                        continued: false,
                        words: 0,
                    });
                    open = None;
                } else if m.open_ctx && !m.closer {
                    open = Some(i);
                }
            }
        }
    }
}

/// Sentences as token ranges `[a, b)`, never crossing a paragraph, and widened so that no
/// quotation span is cut (a multi-sentence quotation and its cue form one unit).
pub(crate) fn sentences(text: &str, toks: &[Tok], spans: &[QSpan]) -> Vec<(usize, usize)> {
    let mut cuts = vec![false; toks.len() + 1];
    for i in 0..toks.len() {
        let t = &toks[i];
        if i + 1 < toks.len() && toks[i + 1].para != t.para {
            cuts[i + 1] = true;
            continue;
        }
        let Kind::Punct(c) = t.kind else { continue };
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // sentence end: next token (after closing marks) starts uppercase / digit / opening mark
        let mut j = i + 1;
        while j < toks.len() && toks[j].para == t.para {
            match toks[j].kind {
                Kind::Quote(m) if m.close_ctx && !m.opener => j += 1,
                Kind::Punct(')' | ']' | '.' | '?' | '!') => j += 1,
                _ => break,
            }
        }
        if j >= toks.len() || toks[j].para != t.para {
            continue; // the paragraph cut handles it
        }
        let nt = &toks[j];
        // `"... false equivalency!" Maher replied.`: a quotation's own end is not the sentence's
        // when its attribution follows
        // (`"...!!!" McDonough wrote`: the marks may follow more punctuation)
        if j > i + 1
            && (i + 1..j).any(|x| toks[x].mark().is_some())
            && attribution_follows(text, toks, j)
        {
            continue;
        }
        let first = text[nt.s..nt.e].chars().next().unwrap_or(' ');
        let starts_ok = first.is_uppercase() || first.is_ascii_digit() || nt.mark().is_some();
        if !starts_ok {
            continue;
        }
        if c == '.' && i > 0 && toks[i - 1].is_word() && toks[i - 1].e == t.s {
            let w = &text[toks[i - 1].s..toks[i - 1].e];
            if is_abbreviation(w) {
                continue;
            }
        }
        cuts[j] = true;
    }
    let mut out = Vec::new();
    let mut a = 0;
    for (i, &cut) in cuts.iter().enumerate().skip(1) {
        if i == toks.len() || cut {
            if i > a {
                out.push((a, i));
            }
            a = i;
        }
    }
    // merge sentences a quotation crosses
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        if let Some(last) = merged.last_mut() {
            // spans are sorted by their first token: only those opening before the boundary can cross
            let lo = spans.partition_point(|q| q.first < last.1);
            let crosses = spans[..lo]
                .iter()
                .rev()
                .take(4)
                .any(|q| q.first < last.1 && q.last >= last.1 && q.last >= a && q.first < a);
            if crosses && toks[last.0].para == toks[a].para {
                last.1 = b;
                continue;
            }
        }
        merged.push((a, b));
    }
    merged
}

/// A party-and-state tag (`R-Pa`, `D-Ohio`, `I-Vt`), after which a dot ends no sentence.
fn is_party_tag(w: &str) -> bool {
    let mut parts = w.splitn(2, '-');
    let (Some(p), Some(st)) = (parts.next(), parts.next()) else {
        return false;
    };
    matches!(p, "R" | "D" | "I")
        && (2..=6).contains(&st.chars().count())
        && st.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a short name or pronoun followed by a reporting verb starts at `j`
/// (`Maher replied.`, `said Sen. Warren.`).
fn attribution_follows(text: &str, toks: &[Tok], j: usize) -> bool {
    let para = toks[j].para;
    let first = &text[toks[j].s..toks[j].e];
    let starts_ok = toks[j].is_word()
        && (first.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(
                first,
                "he" | "she" | "they" | "a" | "an" | "the" | "one" | "another"
            ));
    if !starts_ok {
        return false;
    }
    let mut after_comma = false;
    for k in j..(j + 30).min(toks.len()) {
        let t = &toks[k];
        if t.para != para {
            return false;
        }
        match t.kind {
            Kind::Punct('.')
                if k > j && toks[k - 1].e == t.s && toks[k - 1].is_word() && {
                    let w = &text[toks[k - 1].s..toks[k - 1].e];
                    w.chars().count() == 1
                        || crate::lexicon::is_title(w)
                        || is_abbreviation(w)
                        || is_party_tag(w)
                } =>
            {
                continue
            } // "Sen.", "O.", "R-Pa."
            Kind::Punct(',') => {
                after_comma = true;
                continue;
            }
            Kind::Punct('(' | ')' | '-' | '\u{2019}') => continue,
            Kind::Word => {}
            _ => return false,
        }
        let w = text[t.s..t.e].to_lowercase();
        // phrasal cues: `"...?" Trump went on, ...`, `"...!" she shot back.`
        let particle = toks
            .get(k + 1)
            .filter(|n| n.is_word() && n.para == para)
            .map(|n| text[n.s..n.e].to_lowercase());
        let phrasal = matches!(
            (w.as_str(), particle.as_deref()),
            ("went" | "goes", Some("on"))
                | ("shot" | "fired" | "hit" | "snapped", Some("back"))
                | ("chimed", Some("in"))
        );
        if phrasal {
            return k <= j + 7 || after_comma;
        }
        if let Some(cue) = crate::lexicon::cue(&w).filter(|c| c.inversion) {
            // right after the name (or after an appositive closed by a comma), and ending the
            // clause: `Maher replied.`, `he said in a statement`, not `He said he had ...`
            let prev_comma = k > j && matches!(toks[k - 1].kind, Kind::Punct(','));
            let ends = match toks.get(k + 1) {
                None => true,
                Some(n) if n.para != para => true,
                Some(n) => match n.kind {
                    // a comma only when a quotation or a participle follows it
                    Kind::Punct(',') => toks.get(k + 2).is_some_and(|x| {
                        x.mark().is_some() || (x.is_word() && text[x.s..x.e].ends_with("ing"))
                    }),
                    Kind::Punct(c) => matches!(c, '.' | ';' | '!' | '?' | ':' | '\u{2014}'),
                    Kind::Word => {
                        let nw = text[n.s..n.e].to_lowercase();
                        matches!(
                            nw.as_str(),
                            "in" | "on"
                                | "at"
                                | "during"
                                | "after"
                                | "before"
                                | "while"
                                | "when"
                                | "last"
                                | "this"
                                | "of"
                                | "about"
                                | "to"
                                | "via"
                                | "through"
                                | "with"
                                | "from"
                                | "earlier"
                                | "later"
                                | "yesterday"
                                | "today"
                                | "tonight"
                                | "recently"
                                | "then"
                                | "again"
                                | "told"
                                | "also"
                                | "as"
                        ) || crate::lexicon::is_weekday(&nw)
                            || (nw.len() > 4 && nw.ends_with("ly"))
                            || (k == j + 1
                                && text[n.s..n.e]
                                    .chars()
                                    .next()
                                    .is_some_and(|c| c.is_uppercase()))
                            || cue.object
                    }
                    Kind::Quote(_) => false,
                },
            };
            // a name or pronoun right before the verb ("Dawson shouted, shorthand for ...")
            // ... or a run of capitalised words (`US Senator Jeff Sessions said`)
            let capitalised_run = k <= j + 6
                && (j..k).all(|x| {
                    toks[x].kind == Kind::Punct('.')
                        || toks[x].is_word()
                            && text[toks[x].s..toks[x].e]
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase())
                });
            let close_subject = (k <= j + 3 || capitalised_run)
                && text[toks[j].s..toks[j].e]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
                && !matches!(
                    &text[toks[j].s..toks[j].e],
                    "This" | "That" | "The" | "It" | "These" | "Those" | "A" | "An"
                );
            return (ends || close_subject) && (k <= j + 7 || prev_comma);
        }
        if !after_comma && k > j + 7 {
            return false;
        }
    }
    false
}

/// Words followed by a dot that does not end a sentence.
fn is_abbreviation(w: &str) -> bool {
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "Mary J. Blige"
    }
    if w.contains('.') {
        return true; // U.S, D.C
    }
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
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
            | "St"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Co"
            | "Corp"
            | "Ltd"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "vs"
            | "etc"
            | "approx"
            | "Ft"
            | "Mt"
            | "Ave"
            | "Blvd"
            | "Dept"
            | "Univ"
            | "Calif"
            | "Fla"
            | "Ill"
            | "Mass"
            | "Mich"
            | "Minn"
            | "Penn"
            | "Tenn"
            | "Wash"
            | "Wis"
            | "Ky"
            | "Ariz"
            | "Ala"
            | "Conn"
            | "Colo"
            | "Ga"
            | "Ind"
            | "Kan"
            | "La"
            | "Md"
            | "Mo"
            | "Miss"
            | "Neb"
            | "Nev"
            | "Okla"
            | "Ore"
            | "Pa"
            | "Tex"
            | "Va"
            | "Vt"
            | "Del"
    )
}
