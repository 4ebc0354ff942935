//! The order of every list a reader scans: the reader's language's collation with numbers
//! in numeric order.
//!
//! Swedish sorts å, ä and ö after z (Åre, Älvkarleby, Örebro come last, in that order) and
//! English sorts them with a and o; in both, digits compare by value ("LAN 2" before
//! "LAN 10") and case and accents only break ties. ICU4X's collator does the work, with the
//! CLDR rules of the language (`sv-u-kn`, `en-u-kn`). Equal strings by the collator are
//! ordered by their text, so a sort is total and every run gives the same order.

use super::i18n::Lang;
use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The collator of `lang`, made once per process.
fn collator(lang: Lang) -> Option<&'static CollatorBorrowed<'static>> {
    static SV: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    static EN: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    let (cell, tag) = match lang {
        Lang::Sv => (&SV, "sv-u-kn"),
        Lang::En => (&EN, "en-u-kn"),
    };
    cell.get_or_init(|| {
        let locale: icu_locale_core::Locale = tag.parse().ok()?;
        CollatorBorrowed::try_new(
            CollatorPreferences::from(&locale),
            CollatorOptions::default(),
        )
        .ok()
    })
    .as_ref()
}

/// `a` against `b` as `lang` sorts text, numbers by value; ties broken by the text itself.
pub fn cmp(lang: Lang, a: &str, b: &str) -> Ordering {
    match collator(lang) {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// Sorts `items` by the text `key` gives, as `lang` sorts text (a stable sort).
pub fn sort_by_text<T>(lang: Lang, items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|x, y| cmp(lang, key(x), key(y)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sort_by_text(lang, &mut v, |s| s.as_str());
        v
    }

    #[test]
    fn swedish_puts_a_ring_a_umlaut_o_umlaut_last() {
        let words = [
            "Örebro",
            "Älvkarleby",
            "Växjö",
            "Vetlanda",
            "Åre",
            "Arvika",
            "Zinkgruvan",
            "Övertorneå",
            "Ängelholm",
        ];
        assert_eq!(
            sorted(Lang::Sv, &words),
            [
                "Arvika",
                "Vetlanda",
                "Växjö",
                "Zinkgruvan",
                "Åre",
                "Älvkarleby",
                "Ängelholm",
                "Örebro",
                "Övertorneå",
            ]
        );
        // English sorts them with a and o.
        assert_eq!(
            sorted(Lang::En, &words)[..4],
            ["Älvkarleby", "Ängelholm", "Åre", "Arvika"]
        );
    }

    #[test]
    fn numbers_sort_by_value_and_case_only_breaks_ties() {
        let words = ["LAN 10", "LAN 2", "lan 1", "LAN 11", "LAN 1"];
        assert_eq!(
            sorted(Lang::Sv, &words),
            ["lan 1", "LAN 1", "LAN 2", "LAN 10", "LAN 11"]
        );
        assert_eq!(cmp(Lang::En, "wave 9", "wave 10"), Ordering::Less);
        assert_eq!(cmp(Lang::Sv, "x", "x"), Ordering::Equal);
    }
}
