//! Renderings of a gap analysis (`samdrift gaps`) and of a comparison of two analyses
//! (`samdrift diff`).
//!
//! Every format is rendered from the same [`Analysis`] or
//! [`Comparison`](crate::gaps::Comparison); nothing here decides what is a gap, what counts
//! or in which order gaps come. Text formats are for people (a terminal, a merge-request
//! comment); JSON, SARIF and JUnit are for machines and are byte-identical run to run.

pub mod diff;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod table;

use crate::gaps::Analysis;
use crate::model::{Num, Severity};

/// `samdrift gaps --format json`: docs/format.md §4, plus the analysis' warnings.
pub fn json(a: &Analysis) -> String {
    // Sized for the usual gap (about 700 bytes pretty-printed), so the text is rarely moved
    // while it grows. Serializing plain data to memory cannot fail.
    let mut out = Vec::with_capacity(4096 + a.gaps.len() * 768);
    let _ = serde_json::to_writer_pretty(&mut out, a);
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// A number for people: whole numbers with a space every three digits (`1 049 000`, as
/// Swedish writes them), fractions with at most two decimals.
pub fn amount(n: Num) -> String {
    let s = n.to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A signed difference for people: `+80`, `-1 200`, `0`.
pub fn delta(n: f64) -> String {
    let n = crate::gaps::tidy(n);
    if n.get() > 0.0 {
        format!("+{}", amount(n))
    } else {
        amount(n)
    }
}

/// Each analysed organisation with its gaps (a slice: gaps are sorted by organisation).
pub fn per_org(a: &Analysis) -> Vec<(crate::model::OrgIdx, &[crate::gaps::Gap])> {
    a.orgs
        .iter()
        .map(|&o| {
            let start = a.gaps.partition_point(|g| g.org_idx < o);
            let end = a.gaps.partition_point(|g| g.org_idx <= o);
            (o, &a.gaps[start..end])
        })
        .collect()
}

/// `n thing` or `n things`.
pub fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", crate::diag::plural(n))
}

/// Open gaps per severity, highest first, as (severity, count), leaving out zeros.
pub fn by_severity<'g>(gaps: impl Iterator<Item = &'g crate::gaps::Gap>) -> Vec<(Severity, usize)> {
    let mut n = [0usize; 4];
    for g in gaps.filter(|g| !g.waived) {
        n[g.severity as usize] += 1;
    }
    Severity::ALL
        .iter()
        .rev()
        .map(|&s| (s, n[s as usize]))
        .filter(|&(_, k)| k > 0)
        .collect()
}

/// Cuts `s` to `width` characters, marking a cut with `…`.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let mut out: String = s.chars().take(width - 1).collect();
        out.push('…');
        out
    }
}

/// ANSI colour for terminals, or nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }

    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }

    pub fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }

    pub fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }

    /// A severity's colour: critical bold red, high red, medium yellow, low cyan.
    pub fn severity(self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
        };
        self.wrap(code, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(amount(Num(0.0)), "0");
        assert_eq!(amount(Num(999.0)), "999");
        assert_eq!(amount(Num(1000.0)), "1 000");
        assert_eq!(amount(Num(1_049_000.0)), "1 049 000");
        assert_eq!(amount(Num(1234.5)), "1 234.5");
        assert_eq!(amount(Num(-1200.0)), "-1 200");
        assert_eq!(delta(80.0), "+80");
        assert_eq!(delta(-0.5), "-0.5");
        assert_eq!(delta(0.0), "0");
    }

    #[test]
    fn fitting() {
        assert_eq!(fit("virt-gemensam", 20), "virt-gemensam");
        assert_eq!(fit("virt-gemensam", 5), "virt…");
        assert_eq!(fit("gnosjö", 6), "gnosjö");
    }
}
