use super::cards::{cut_off, host_of, same_site};
use super::lines::{notice_line, post_meta_line, section_end, stock_phrase};
use super::names::{boiler_class, Boiler};
use super::params::Params;
use super::text::ends_sentence;
use super::*;
use crate::dom::parse;

fn params() -> Params {
    Params {
        min_paragraph_chars: 80,
        max_link_density: 0.5,
    }
}

#[test]
fn class_names_classify() {
    assert!(boiler_class("comments-section") == Boiler::Comments);
    assert!(boiler_class("related-links") == Boiler::Strong);
    assert!(boiler_class("article-body comments") == Boiler::Positive);
    assert!(boiler_class("ad-slot") == Boiler::Weak);
    assert!(boiler_class("shadow head") == Boiler::None);
    assert!(boiler_class("commentary") == Boiler::None);
    // Author boxes under the article, in the usual theme and plugin spellings.
    assert!(boiler_class("post-author") == Boiler::Strong);
    assert!(boiler_class("TestReport__AuthorBox") == Boiler::Strong);
    assert!(boiler_class("saboxplugin-wrap") == Boiler::Strong);
    assert!(boiler_class("about-the-author clearfix") == Boiler::Strong);
}

#[test]
fn headings_that_open_the_page_tail() {
    for head in [
        "Related",
        "Weitere Meldungen",
        "Contenido Relacionado",
        "Lesen Sie auch die folgenden Beiträge:",
        "Más noticias de Colombia",
        "About the author",
        "Explore further",
        "3 Kommentare",
        "12 comments",
    ] {
        assert!(section_end(head), "{head}");
    }
    for line in [
        "Related risks",
        "The author",
        "3 Kommentare zu dem Plan",
        "Comments from the minister were sharp, he said.",
    ] {
        assert!(!section_end(line), "{line}");
    }
}

#[test]
fn link_hosts_and_cut_off_excerpts() {
    assert_eq!(host_of("https://www.example.org/a/b"), Some("example.org"));
    assert_eq!(host_of("//cdn.example.org"), Some("cdn.example.org"));
    assert_eq!(host_of("/local/story"), None);
    assert!(same_site("/local/story", Some("example.org")));
    assert!(same_site("https://news.example.org/x", Some("example.org")));
    assert!(!same_site("https://other.example/x", Some("example.org")));
    assert!(same_site("https://other.example/x", None));
    assert!(cut_off("and the railings are..."));
    assert!(cut_off("and the railings are\u{2026} "));
    assert!(!cut_off("and the railings are new."));
}

#[test]
fn a_long_link_list_does_not_outweigh_the_sheet_beside_it() {
    // A data sheet in short sections, and in the same box a long list of other products;
    // beside it a privacy notice of one long paragraph.
    let section = |i: usize| {
        format!(
            "<h2>Section {i}</h2><p>Take one tablet in the morning with water; the dose may \
             be raised by the doctor after two weeks of treatment.</p>"
        )
    };
    let sheet: String = (0..8).map(section).collect();
    let list: String = (0..30)
        .map(|i| format!("<li><a href=/p{i}>Another product of the same maker, pack {i}</a></li>"))
        .collect();
    let notice = "We use cookies to count visits and to keep you signed in, and share what we \
                  learn with partners who may combine it with other data you gave them. "
        .repeat(2);
    // And the site's index of links at the foot of the page.
    let links: String = (0..40)
        .map(|i| format!("<a href=/c{i}>Category {i}</a> "))
        .collect();
    let html = format!(
        "<body><div class=content>{sheet}<ul>{list}</ul></div>\
         <div><p>{notice}</p></div><div>{links}</div></body>"
    );
    let c = extract(&parse(&html), None, None, None, &params());
    assert!(c.text.contains("Take one tablet"), "{}", c.text);
    assert!(!c.text.contains("We use cookies"), "{}", c.text);
    assert!(!c.text.contains("Another product"), "{}", c.text);
}

#[test]
fn story_cards_need_three_of_a_kind() {
    let para = "The ferry will run again from Monday after eleven months of repairs. ".repeat(4);
    let card = |i: usize| {
        format!(
            "<div><h3><a href=/s{i}>Another story from the same town {i}</a></h3>\
             <p>A short excerpt of that other story, which is a sentence long and tells what it is about.</p></div>"
        )
    };
    for (cards, kept) in [(2, true), (3, false)] {
        let list: String = (0..cards).map(card).collect();
        let html = format!(
            "<body><article><p>{para}</p><p>{para}</p><div class=stories>{list}</div>\
             </article></body>"
        );
        let c = extract(&parse(&html), None, None, None, &params());
        assert_eq!(
            c.text.contains("A short excerpt"),
            kept,
            "{cards}: {}",
            c.text
        );
    }
}

#[test]
fn picture_and_title_link_to_one_story_make_a_card() {
    let para = "The ferry will run again from Monday after eleven months of repairs. ".repeat(4);
    let card = |pic: bool| {
        move |i: usize| {
            let img = if pic {
                format!("<a href=/s{i}><img src=/s{i}.jpg></a>")
            } else {
                String::new()
            };
            format!(
                "<div>{img}<div class=title><a href=/s{i}>Story name {i}</a></div>\
                 <div>A short summary of that other story, a sentence long, about what it \
                 is.</div></div>"
            )
        }
    };
    for (pic, kept) in [(false, true), (true, false)] {
        let list: String = (0..3).map(card(pic)).collect();
        let html = format!(
            "<body><article><p>{para}</p><p>{para}</p><div class=stories>{list}</div>\
             </article></body>"
        );
        let c = extract(&parse(&html), None, None, None, &params());
        assert_eq!(
            c.text.contains("A short summary"),
            kept,
            "{pic}: {}",
            c.text
        );
    }
}

#[test]
fn closing_quotes_of_other_languages_end_sentences() {
    for c in [
        '\u{201C}', '\u{00BB}', '\u{00AB}', '\u{2019}', '\u{300D}', '\u{FF1F}',
    ] {
        assert!(ends_sentence(c), "{c}");
    }
    assert!(!ends_sentence('a'));
    // A short post of quoted lines (German quotes) outweighs a banner of the same size.
    let html = "<body><div class=post><p>\u{201E}Ich wei\u{DF}, ich bin m\u{FC}de und sollte \
                das nicht sagen\u{2026}\u{201C}</p><p>\u{2013} \u{201E}Dann sag es doch \
                einfach nicht, bitte\u{201C}</p><p>\u{2013} \u{201E}Gut, dann eben \
                nicht, wie du willst\u{201C}</p></div><div class=box><form>\
                <p>Diese Website verwendet Cookies und wenn du weiterklickst stimmst du zu \
                <a href=/c>mehr</a></p></form></div></body>";
    let c = extract(&parse(html), None, None, None, &params());
    assert!(c.text.contains("Dann sag es doch"), "{}", c.text);
}

#[test]
fn lead_names_classify() {
    for lead in [
        "teaser-text",
        "article__intro",
        "p-lead",
        "storyLead",
        "chapo",
    ] {
        assert!(boiler_class(lead) == Boiler::Lead, "{lead}");
    }
    // A story card, an ad slot, utility classes and field types are no leads.
    assert!(boiler_class("teaser") == Boiler::Strong);
    assert!(boiler_class("newsletter__subtitle") == Boiler::Strong);
    assert!(boiler_class("leaderboard") == Boiler::None);
    assert!(boiler_class("mt-2 leading-tight") == Boiler::None);
    assert!(boiler_class("subtitle-2") == Boiler::None);
    assert!(boiler_class("field--type-text-with-summary") == Boiler::None);
}

#[test]
fn lead_in_the_page_header_with_the_headline_is_kept() {
    // No `<article>`: the header holding the headline is the article's header, not the
    // site's, so its lead paragraph counts.
    let para =
        "Volunteers planted four hundred trees along the river bank over the weekend. ".repeat(3);
    let html = format!(
        "<body><header class=site><a href=/>Home</a> <a href=/news>News</a></header>\
         <main><header><h1>Trees for the river</h1><p>A new wood is growing on the east \
         bank, where the floods of last spring washed the old one away with the bridge.</p></header>\
         <div class=body><p>{para}</p><p>{para}</p></div></main></body>"
    );
    let dom = parse(&html);
    let c = extract(&dom, None, Some("Trees for the river"), None, &params());
    assert!(c.text.starts_with("A new wood is growing"), "{}", c.text);
    assert!(!c.text.contains("Home"), "{}", c.text);
}

#[test]
fn lead_several_levels_above_the_body_is_kept() {
    let para =
        "The committee met for the last time before the summer and agreed on the plan. ".repeat(3);
    let links: String = (0..6)
        .map(|i| format!("<li><a href=/s{i}>Another headline from the same section {i}</a></li>"))
        .collect();
    let html = format!(
        "<body><div class=wrap><div class=teaser-text><p>The plan for the new library \
         was approved on Monday, after two years of talks.</p></div>\
         <div class=col><div class=inner><div class=text><p>{para}</p><p>{para}</p></div></div>\
         <ul>{links}</ul></div></div></body>"
    );
    let dom = parse(&html);
    let c = extract(&dom, None, None, None, &params());
    assert!(
        c.text.starts_with("The plan for the new library"),
        "{}",
        c.text
    );
    assert!(!c.text.contains("Another headline"), "{}", c.text);
}

#[test]
fn picks_paragraphs_over_navigation() {
    let para =
        "This is a long paragraph of article text, with enough words to count as body. ".repeat(3);
    let html = format!(
        "<body><div class=menu><a href=/>Home</a> <a href=/a>World</a></div>\
         <div><p>{para}</p><p>{para}</p><ul><li><a href=x>Other story one here</a></li></ul></div>\
         <div class=foot>Contact us</div></body>"
    );
    let dom = parse(&html);
    let c = extract(&dom, None, None, None, &params());
    assert_eq!(c.paragraphs, 2, "{}", c.text);
    assert!(
        !c.text.contains("Home") && !c.text.contains("Other story") && !c.text.contains("Contact")
    );
}

#[test]
fn bare_related_line_late_in_the_text_starts_the_tail() {
    let para = "The harbour board approved the new ferry timetable after a long debate. ".repeat(3);
    let teaser =
        "Another story about something else entirely, told in a few short words. ".repeat(2);
    let html = format!(
        "<body><div><p>{para}</p><p>{para}</p><p>{para}</p><p>Related</p>\
         <p>{teaser}</p></div></body>"
    );
    let dom = parse(&html);
    let c = extract(&dom, None, None, None, &params());
    assert_eq!(c.paragraphs, 3, "{}", c.text);
}

#[test]
fn stock_phrases() {
    assert!(stock_phrase("Advertisement"));
    assert!(stock_phrase("ANZEIGE"));
    assert!(stock_phrase("  Read more: the other story"));
    assert!(!stock_phrase("He said the advertisement was misleading."));
    // "Read this too" links, disclosures, reading times and share calls.
    assert!(stock_phrase("Lesen Sie hier: Der andere Artikel"));
    assert!(stock_phrase("Le puede interesar: otra noticia"));
    assert!(notice_line(
        "This post contains affiliate links. See my disclosure."
    ));
    assert!(notice_line("Anzeige, enthält Affiliate Links"));
    assert!(notice_line(
        "We may earn a commission from the products on this page."
    ));
    assert!(!notice_line(
        "Affiliate programs: streamers earn a commission when viewers buy via affiliate links."
    ));
    assert!(!notice_line(
        "Follow trade news: read the journals and subscribe to industry newsletters."
    ));
    assert!(!notice_line("Brand deals, affiliate links, tips"));
    assert!(stock_phrase("4 Min Read"));
    assert!(stock_phrase("Lesezeit: 3 Minuten"));
    assert!(!stock_phrase("The reading took 4 min."));
    assert!(stock_phrase("Like it? Share it!"));
    assert!(stock_phrase("Möchten Sie den Artikel teilen?"));
    assert!(!stock_phrase("Farmers share the water."));
    assert!(stock_phrase("Lade weitere Inhalte ..."));
    assert!(stock_phrase(
        "https://www.example.com/news/article/a-cat-came-home-after-five-years-123456.php"
    ));
    assert!(!stock_phrase("https://example.com"));
    assert!(!stock_phrase("\"https://www.example.com/review/a/b\","));
    assert!(stock_phrase("Related news"));
    assert!(stock_phrase("Last updated: Dec 4, 2025"));
    assert!(stock_phrase("Aktualisiert am 17.01.2021"));
    assert!(!stock_phrase("Updated figures show a rise"));
    assert!(!stock_phrase(
        "Published in 2019, the report found that rents rose."
    ));
    assert!(notice_line(
        "Fresh stories every morning, straight to your inbox: sign up for our newsletter."
    ));
    assert!(notice_line(
        "Please note: comments are moderated and may take a day to appear."
    ));
    assert!(!notice_line(
        "Moderate engagement with comments, questions, discussions"
    ));
    assert!(notice_line("(Reporting by Ann Lee; Editing by Bo Chan)"));
    assert!(notice_line(
        "As an Amazon Associate we earn from qualifying purchases."
    ));
    assert!(notice_line(
        "Associated Press writer Jo Park contributed to this report."
    ));
    assert!(notice_line(
        "If you enjoyed this piece, tell a friend about the club."
    ));
}

#[test]
fn a_table_in_a_figure_is_kept_a_photo_caption_is_not() {
    let para = "The county kept its rainfall records for a hundred years, and the new \
                figures show that the last decade was the wettest since records began.";
    let page = format!(
        "<html><body><article><p>{para}</p>\
         <figure class=wp-block-table><table><tr><td>Year</td><td>Rain (mm)</td></tr>\
         <tr><td>2019</td><td>1,204</td></tr><tr><td>2020</td><td>1,311</td></tr></table>\
         </figure><p>{para}</p><figure><img src=a.jpg><figcaption>The river in flood, \
         seen from the old bridge.</figcaption></figure><p>{para}</p></article></body></html>"
    );
    let x = crate::extract(page.as_bytes(), None, None);
    assert!(x.text.contains("1,311"), "{}", x.text);
    assert!(!x.text.contains("river in flood"), "{}", x.text);
}

#[test]
fn code_comments_are_code_not_reader_comments() {
    let para = "To start a repository and save a first version of your files, run the \
                commands below in the folder that holds the project.";
    let page = format!(
        "<html><body><article><p>{para}</p><pre><code class=language-bash>\
         <span class=hljs-comment># start a repository</span>\ngit init\n\
         <span class=\"token comment\"># save a first version</span>\ngit commit -am first\
         </code></pre><p>{para}</p></article></body></html>"
    );
    let x = crate::extract(page.as_bytes(), None, None);
    assert!(x.text.contains("# start a repository"), "{}", x.text);
    assert!(x.text.contains("# save a first version"), "{}", x.text);
}

#[test]
fn a_first_line_repeating_the_title_goes() {
    let para = "The council voted on Tuesday to rebuild the old bridge, ending a debate that \
                had run for more than ten years in the town.";
    let page = format!(
        "<html><head><title>Council votes to rebuild the old bridge</title></head><body>\
         <article><div class=headline>Council votes to rebuild the old bridge</div>\
         <p>{para}</p><h2>Bridge works</h2><p>{para}</p></article></body></html>"
    );
    let x = crate::extract(page.as_bytes(), None, None);
    assert!(x.text.starts_with("The council voted"), "{}", x.text);
    assert!(x.text.contains("Bridge works"), "{}", x.text);
}

#[test]
fn post_meta_lines() {
    assert!(post_meta_line(
        "05/10/2018 - Posted by: Ann Lee - Category: Health - Tags: cars, theft"
    ));
    assert!(post_meta_line(
        "Veröffentlicht von Jan Roth · Kategorie: Garten"
    ));
    assert!(!post_meta_line(
        "Posted by the night shift, the note was found at dawn."
    ));
}
