//! Contract terms as of the run date (docs/format.md §5, "Contracts", v1.2): the effective end of
//! a contract that renews itself unless notice is given, the notice deadline that passed, and
//! the date by which to give notice so that the contract ends as an item leaves.
//!
//! Month arithmetic keeps the day of the month, or takes the month's last day when the month
//! is shorter (31 January plus one month is 28 or 29 February). Every renewal end is computed
//! from `contract.ends` directly (k × `renews_months` months after it), so clamping never
//! accumulates: 2027-01-31 renewed monthly ends 2027-02-28, then 2027-03-31.

use crate::model::{Contract, Date};
use chrono::{Datelike, Months};

/// `d` moved by `months` (negative: back), keeping the day or clamping to the month's end;
/// `None` outside the calendar.
pub fn add_months(d: Date, months: i64) -> Option<Date> {
    let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

/// Whole months from `a` to `b` by calendar month (the day is ignored).
fn months_between(a: Date, b: Date) -> i64 {
    i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// A contract's term as of the run date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// `contract.ends` as written.
    pub ends: Date,
    /// The effective end: `ends`, or the first renewal end whose notice deadline is on or
    /// after the run date.
    pub end: Date,
    /// How many times it renewed because a notice deadline passed.
    pub renewals: u32,
    /// The last notice deadline that passed (when it renewed at least once).
    pub missed: Option<Date>,
    /// Whether it renews unless notice is given (`auto_renew`).
    pub auto_renew: bool,
    notice_months: i64,
    renews_months: i64,
}

impl Term {
    /// The term of `c` as of `run`; `None` when it has no `ends`, or its effective end lies
    /// outside the calendar.
    pub fn of(c: &Contract, run: Date) -> Option<Term> {
        let ends = c.ends?;
        let auto_renew = c.auto_renew.unwrap_or(false);
        let notice_months = c.notice_months.unwrap_or(0).min(1_200_000) as i64;
        let renews_months = c.renewal_months().clamp(1, 1_200_000) as i64;
        let mut t = Term {
            ends,
            end: ends,
            renewals: 0,
            missed: None,
            auto_renew,
            notice_months,
            renews_months,
        };
        if !auto_renew || t.deadline(0)? >= run {
            return Some(t);
        }
        // The deadline moves by `renews_months` per renewal (give or take a clamped day), so
        // the renewal is found by division, then corrected by a step or two.
        let behind = months_between(t.deadline(0)?, run).max(0);
        let mut k = (behind / renews_months - 1).max(1);
        while k > 1 && t.deadline(k - 1)? >= run {
            k -= 1;
        }
        while t.deadline(k)? < run {
            k += 1;
        }
        t.renewals = u32::try_from(k).ok()?;
        t.end = t.end_of(k)?;
        t.missed = t.deadline(k - 1);
        Some(t)
    }

    /// The end of the contract after `k` renewals.
    fn end_of(&self, k: i64) -> Option<Date> {
        add_months(self.ends, k.checked_mul(self.renews_months)?)
    }

    /// The notice deadline of the end after `k` renewals.
    fn deadline(&self, k: i64) -> Option<Date> {
        add_months(self.end_of(k)?, -self.notice_months)
    }

    /// The notice deadline of the effective end.
    pub fn notice_deadline(&self) -> Option<Date> {
        self.deadline(i64::from(self.renewals))
    }

    /// For an auto-renewing contract, the notice deadline of the last contract end (the
    /// effective end or a later renewal) on or before `until`: notice given by then ends the
    /// contract as an item that leaves on `until` goes. `None` for a contract that does not
    /// renew itself.
    pub fn notice_by(&self, until: Date) -> Option<Date> {
        if !self.auto_renew {
            return None;
        }
        let first = i64::from(self.renewals);
        let mut k = first + (months_between(self.end, until).max(0) / self.renews_months);
        while k > first && self.end_of(k).is_none_or(|e| e > until) {
            k -= 1;
        }
        while self.end_of(k + 1).is_some_and(|e| e <= until) {
            k += 1;
        }
        self.deadline(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn contract(ends: &str, notice: u64, auto: bool, renews: Option<u64>) -> Contract {
        Contract {
            ends: Some(d(ends)),
            notice_months: Some(notice),
            auto_renew: Some(auto),
            renews_months: renews,
            ..Contract::default()
        }
    }

    #[test]
    fn months_keep_the_day_or_clamp_to_the_month_end() {
        assert_eq!(add_months(d("2027-01-31"), 1), Some(d("2027-02-28")));
        assert_eq!(add_months(d("2028-01-31"), 1), Some(d("2028-02-29")));
        assert_eq!(add_months(d("2027-03-31"), -1), Some(d("2027-02-28")));
        assert_eq!(add_months(d("2027-03-31"), -12), Some(d("2026-03-31")));
        assert_eq!(add_months(d("2026-05-15"), 0), Some(d("2026-05-15")));
    }

    #[test]
    fn hylte_advania_renewed_because_the_notice_date_passed() {
        // Ends 2027-03-31, twelve months' notice, renews by two years: notice was due
        // 2026-03-31; on 2026-12-01 it runs to 2029-03-31, notice due 2028-03-31.
        let c = contract("2027-03-31", 12, true, Some(24));
        let t = Term::of(&c, d("2026-12-01")).unwrap();
        assert_eq!(t.end, d("2029-03-31"));
        assert_eq!(t.renewals, 1);
        assert_eq!(t.missed, Some(d("2026-03-31")));
        assert_eq!(t.notice_deadline(), Some(d("2028-03-31")));
        // On the deadline itself notice can still be given.
        let t = Term::of(&c, d("2026-03-31")).unwrap();
        assert_eq!((t.end, t.renewals, t.missed), (d("2027-03-31"), 0, None));
    }

    #[test]
    fn renewals_are_counted_from_the_written_end() {
        // Monthly renewals from 31 January: ends keep the 31st where the month has one.
        let c = contract("2027-01-31", 0, true, Some(1));
        let t = Term::of(&c, d("2027-03-15")).unwrap();
        assert_eq!((t.end, t.renewals), (d("2027-03-31"), 2));
        assert_eq!(t.missed, Some(d("2027-02-28")));
        // Many renewals: found without stepping through each.
        let c = contract("1990-06-30", 3, true, Some(12));
        let t = Term::of(&c, d("2026-12-01")).unwrap();
        assert_eq!(t.end, d("2027-06-30"));
        assert_eq!(t.missed, Some(d("2026-03-30")));
        assert_eq!(t.renewals, 37);
        // Default: a renewal is twelve months.
        let c = contract("2026-06-30", 3, true, None);
        assert_eq!(Term::of(&c, d("2026-12-01")).unwrap().end, d("2027-06-30"));
    }

    #[test]
    fn contracts_that_do_not_renew_end_as_written() {
        let c = contract("2026-06-30", 12, false, Some(24));
        let t = Term::of(&c, d("2026-12-01")).unwrap();
        assert_eq!((t.end, t.renewals, t.missed), (d("2026-06-30"), 0, None));
        assert_eq!(t.notice_by(d("2027-12-31")), None);
        assert_eq!(Term::of(&Contract::default(), d("2026-12-01")), None);
    }

    #[test]
    fn notice_by_is_the_deadline_of_the_last_end_before_the_item_leaves() {
        let c = contract("2027-03-31", 12, true, Some(24));
        let t = Term::of(&c, d("2026-12-01")).unwrap();
        // Leaving in a wave that ends 2029-06-30: the end 2029-03-31 is the last before it.
        assert_eq!(t.notice_by(d("2029-06-30")), Some(d("2028-03-31")));
        assert_eq!(t.notice_by(d("2029-03-31")), Some(d("2028-03-31")));
        // Leaving after the next renewal's end: notice by that renewal's deadline.
        assert_eq!(t.notice_by(d("2031-06-30")), Some(d("2030-03-31")));
        let c = contract("2026-04-30", 3, true, Some(12));
        let t = Term::of(&c, d("2026-01-01")).unwrap();
        assert_eq!(t.notice_by(d("2026-06-30")), Some(d("2026-01-30")));
        assert_eq!(t.notice_by(d("2027-06-30")), Some(d("2027-01-30")));
    }
}
