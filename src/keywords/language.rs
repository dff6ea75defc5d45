//! Which languages a corpus is written in, and which keyword pipeline each text takes.
//!
//! Each text is routed by script, which is exact: a text with a Chinese character goes to jieba, any
//! other text with letters to the path of the corpus's space-separated language. Which language that
//! is comes from `whatlang` run once over all those texts together: on single headings and link texts
//! (a few words) whatlang called 22–59 % of English segments English, while on the concatenated text
//! of a corpus it is reliable. The languages shown are those of at least [`MIN_SHARE`] of the texts.

use whatlang::Lang;

/// Smallest share of the texts for a language to be shown.
const MIN_SHARE: f64 = 0.05;
/// Most characters of space-separated text handed to the detector.
const SAMPLE_CHARS: usize = 200_000;

/// A language the keyword layer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Language {
    Chinese,
    Japanese,
    English,
    French,
    German,
    Spanish,
    Portuguese,
    Italian,
    Dutch,
    Russian,
    /// A language with no pipeline of its own: read like today's mixed text.
    Other,
}

impl Language {
    /// ISO 639-1 code (`und` for other languages).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::Chinese => "zh",
            Language::Japanese => "ja",
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
            Language::Portuguese => "pt",
            Language::Italian => "it",
            Language::Dutch => "nl",
            Language::Russian => "ru",
            Language::Other => "und",
        }
    }

    /// The language of an ISO 639-1 code from [`Language::code`].
    pub(crate) fn from_code(code: &str) -> Option<Language> {
        const ALL: [Language; 11] = [
            Language::Chinese,
            Language::Japanese,
            Language::English,
            Language::French,
            Language::German,
            Language::Spanish,
            Language::Portuguese,
            Language::Italian,
            Language::Dutch,
            Language::Russian,
            Language::Other,
        ];
        ALL.into_iter().find(|l| l.code() == code)
    }

    fn of(lang: Lang) -> Language {
        match lang {
            Lang::Eng => Language::English,
            Lang::Fra => Language::French,
            Lang::Deu => Language::German,
            Lang::Spa => Language::Spanish,
            Lang::Por => Language::Portuguese,
            Lang::Ita => Language::Italian,
            Lang::Nld => Language::Dutch,
            Lang::Rus => Language::Russian,
            Lang::Cmn => Language::Chinese,
            Lang::Jpn => Language::Japanese,
            _ => Language::Other,
        }
    }
}

/// A Chinese (Han) character.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

/// The languages of a corpus's keyword texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Languages {
    /// Languages with their share of the texts, largest first; only shares of at least [`MIN_SHARE`].
    pub shares: Vec<(Language, f64)>,
    /// The language of the texts without Chinese characters, if there are any.
    pub spaced: Option<Language>,
}

impl Languages {
    /// Detects the languages of `texts`.
    pub(crate) fn detect<'t>(texts: impl IntoIterator<Item = &'t str>) -> Languages {
        let (mut chinese, mut japanese, mut spaced, mut total) = (0usize, 0usize, 0usize, 0usize);
        let mut sample = String::new();
        for text in texts {
            if !text.chars().any(char::is_alphabetic) {
                continue;
            }
            total += 1;
            if text.chars().any(is_kana) {
                japanese += 1;
            } else if text.chars().any(is_han) {
                chinese += 1;
            } else {
                spaced += 1;
                if sample.len() < SAMPLE_CHARS {
                    sample.push_str(text);
                    sample.push_str(".\n");
                }
            }
        }
        let spaced_language = (spaced > 0)
            .then(|| whatlang::detect_lang(&sample).map_or(Language::Other, Language::of));
        let mut shares: Vec<(Language, f64)> = [
            (Some(Language::Chinese), chinese),
            (Some(Language::Japanese), japanese),
            (spaced_language, spaced),
        ]
        .into_iter()
        .filter_map(|(language, n)| Some((language?, n as f64 / total.max(1) as f64)))
        .filter(|&(_, share)| share >= MIN_SHARE)
        .collect();
        shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Languages {
            shares,
            spaced: spaced_language,
        }
    }

    /// `zh 92 %, en 8 %`, or `none` for a corpus without text.
    pub(crate) fn describe(&self) -> String {
        if self.shares.is_empty() {
            return "none".to_string();
        }
        let parts: Vec<_> = self
            .shares
            .iter()
            .map(|(language, share)| format!("{} {:.0} %", language.code(), share * 100.0))
            .collect();
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_texts_are_told_by_script_and_the_rest_by_the_detector() {
        let texts = [
            "深度学习入门",
            "贝叶斯方法",
            "卷积神经网络",
            "A gentle introduction to the theory of neural networks and their training",
        ];
        let languages = Languages::detect(texts);
        assert_eq!(languages.spaced, Some(Language::English));
        assert_eq!(languages.describe(), "zh 75 %, en 25 %");
    }

    #[test]
    fn a_french_corpus_is_french() {
        let texts = [
            "Les réseaux de neurones et leur apprentissage",
            "Une introduction à la théorie des graphes pour les débutants",
        ];
        assert_eq!(Languages::detect(texts).spaced, Some(Language::French));
        assert_eq!(Languages::detect(["", "123"]).describe(), "none");
    }
}
