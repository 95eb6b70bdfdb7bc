//! The `language` stage: records the language of the text and, only when configured, keeps a
//! chosen set of languages.
//!
//! Identification uses `whatlang` (trigram and alphabet models compiled into the crate: nothing is
//! downloaded at run time; 69 languages; a confidence in `[0, 1]`). It was measured against
//! `whichlang` (16 languages, faster, no confidence) and `lingua` (75 languages, far larger); see
//! `bench/text/RESULTS.md` for the numbers and the reasons for the choice.
//!
//! Only the first `max_chars` characters are read (news language is settled in the first
//! paragraphs, and it bounds the cost per document). Codes are ISO 639-1 where one exists (`en`),
//! else ISO 639-3 (`cmn` is written `zh`).
//!
//! By default the stage only records `doc.language` and never drops. With a non-empty `allow`
//! list, a document whose language is not in it (or is unknown, or below `min_confidence`) is
//! dropped with reason `language_not_allowed` and details `{language, confidence, allow}`.
//! Counters: `language_detected`, `language_unknown`.

use newsmill_core::{Counters, Doc, Language, Outcome, Stage};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

/// Settings of the `[language]` table.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageConfig {
    /// Languages to keep (ISO 639-1 or 639-3 codes); empty keeps every document.
    pub allow: Vec<String>,
    /// With `allow`: below this confidence the language counts as unknown and the doc is dropped.
    pub min_confidence: f32,
    /// Characters of text read for identification.
    pub max_chars: usize,
}

impl Default for LanguageConfig {
    fn default() -> Self {
        LanguageConfig {
            allow: Vec::new(),
            min_confidence: 0.0,
            max_chars: 2000,
        }
    }
}

/// ISO 639-3 codes of whatlang mapped to ISO 639-1 where that exists.
fn iso1(code3: &str) -> &str {
    match code3 {
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "epo" => "eo",
        other => other,
    }
}

/// Identifies the language of `text` from its first `max_chars` characters. `None` when the text
/// has no letters to go on.
pub fn detect_language(text: &str, max_chars: usize) -> Option<Language> {
    let end = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| i);
    let info = whatlang::detect(&text[..end])?;
    Some(Language {
        code: iso1(info.lang().code()).to_string(),
        confidence: info.confidence() as f32,
    })
}

/// The `language` document stage (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct LanguageStage {
    cfg: LanguageConfig,
    /// The allow-list in ISO 639-1 form where one exists, so `eng` and `en` both work.
    allow: Vec<String>,
}

impl LanguageStage {
    /// A stage with these settings.
    pub fn new(cfg: LanguageConfig) -> Self {
        let allow = cfg
            .allow
            .iter()
            .map(|c| {
                let c = c.trim().to_ascii_lowercase();
                iso1(&c).to_string()
            })
            .collect();
        LanguageStage { cfg, allow }
    }
}

impl Stage for LanguageStage {
    fn name(&self) -> &'static str {
        "language"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let lang = detect_language(&doc.text, self.cfg.max_chars);
        counters.add("language_detected", u64::from(lang.is_some()));
        counters.add("language_unknown", u64::from(lang.is_none()));
        doc.language = lang;
        if self.allow.is_empty() {
            return Outcome::Keep;
        }
        let ok = doc.language.as_ref().is_some_and(|l| {
            l.confidence >= self.cfg.min_confidence && self.allow.contains(&l.code)
        });
        if ok {
            return Outcome::Keep;
        }
        let mut d = Map::new();
        d.insert(
            "language".into(),
            json!(doc.language.as_ref().map(|l| l.code.clone())),
        );
        d.insert(
            "confidence".into(),
            json!(doc.language.as_ref().map(|l| l.confidence)),
        );
        d.insert("allow".into(), json!(self.allow));
        Outcome::drop_with("language_not_allowed", d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_news_languages() {
        let cases = [
            ("en", "The government said on Tuesday that it would raise taxes on fuel next year to pay for the new hospitals."),
            ("de", "Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff im nächsten Jahr zu erhöhen, um die neuen Krankenhäuser zu bezahlen."),
            ("es", "El gobierno anunció el martes que subirá los impuestos sobre el combustible el próximo año para pagar los nuevos hospitales."),
            ("fr", "Le gouvernement a annoncé mardi qu'il augmenterait les taxes sur le carburant l'année prochaine pour financer les nouveaux hôpitaux."),
            ("ru", "Правительство во вторник заявило, что в следующем году повысит налоги на топливо, чтобы оплатить новые больницы."),
        ];
        for (code, text) in cases {
            let l = detect_language(text, 2000).expect("detected");
            assert_eq!(l.code, code, "{text}");
            assert!(l.confidence > 0.5, "{code}: {}", l.confidence);
        }
        assert_eq!(detect_language("12345 !!!", 2000), None);
    }

    #[test]
    fn records_by_default_and_filters_when_asked() {
        let text = "Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff im nächsten Jahr zu erhöhen.";
        let mut doc = Doc::new("a", text);
        let mut c = Counters::default();
        assert!(LanguageStage::default().process(&mut doc, &mut c).is_keep());
        assert_eq!(doc.language.as_ref().map(|l| l.code.as_str()), Some("de"));
        let en_only = LanguageStage::new(LanguageConfig {
            allow: vec!["eng".into()],
            ..LanguageConfig::default()
        });
        match en_only.process(&mut doc, &mut c) {
            Outcome::Drop(r) => {
                assert_eq!(r.reason, "language_not_allowed");
                assert_eq!(r.details["language"], json!("de"));
            }
            Outcome::Keep => panic!("German kept by an English-only filter"),
        }
        let de = LanguageStage::new(LanguageConfig {
            allow: vec!["de".into(), "en".into()],
            ..LanguageConfig::default()
        });
        assert!(de.process(&mut doc, &mut c).is_keep());
    }
}
