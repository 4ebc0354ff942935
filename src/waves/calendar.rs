//! The calendar of a plan: wave dates, the run date, the planning horizon, and freeze
//! periods.
//!
//! Wave N spans the N-th period of `wave_months` months from `plan.start` (docs/format.md §5).
//! Each wave's start is computed from `plan.start` directly, so month-end clamping (31 January
//! plus one month is 28 February) never accumulates. A wave that ends before the run date is
//! past (v1.2): the calendar holds only the waves from the first one that is not, and looks no
//! further than [`HORIZON_YEARS`] beyond that wave's start; that bound is what makes every loop
//! in the planner finite, and keeping past waves out keeps its memory independent of how long
//! ago `plan.start` was.

use crate::model::{Date, Freeze, Plan};
use chrono::{Datelike, Days, Months};

/// How far ahead the planner looks: waves that start within this many years of the first
/// wave that is not past. Work that cannot be placed before then is reported as unplaceable.
pub const HORIZON_YEARS: u32 = 100;

/// The waves of the planning horizon, from the first that is not past.
#[derive(Clone, Debug)]
pub struct Calendar {
    plan_start: Date,
    months: u32,
    /// The number of the first wave that ends on or after the run date.
    first: u32,
    /// `starts[k]` is the first day of wave `first + k`; one more than the horizon's waves,
    /// so the last wave has an end.
    starts: Vec<Date>,
}

/// `plan_start` plus `n - 1` periods of `months`: the first day of wave `n`.
fn wave_start(plan_start: Date, months: u32, n: u32) -> Option<Date> {
    let k = u64::from(n.saturating_sub(1)) * u64::from(months);
    let k = u32::try_from(k).ok()?;
    plan_start.checked_add_months(Months::new(k))
}

impl Calendar {
    /// The calendar of `plan` as seen on the run date `run`.
    pub fn new(plan: &Plan, run: Date) -> Calendar {
        let months = plan.wave_months.max(1);
        let start = |n: u32| wave_start(plan.start, months, n);
        // The wave holding the run date: estimated from the months between, then corrected.
        let mut first = 1u32;
        if run > plan.start {
            let between = (run.year() - plan.start.year()) * 12 + run.month() as i32
                - plan.start.month() as i32;
            first = (between.max(0) as u32 / months).saturating_add(1).max(1);
            while first > 1 && start(first).is_none_or(|s| s > run) {
                first -= 1;
            }
            while start(first + 1).is_some_and(|s| s <= run) {
                first += 1;
            }
        }
        let waves = (HORIZON_YEARS * 12).div_ceil(months);
        let starts = (0..=waves)
            .map_while(|k| start(first + k))
            .collect::<Vec<_>>();
        Calendar {
            plan_start: plan.start,
            months,
            first,
            starts,
        }
    }

    /// The first wave that is not past: the first that ends on or after the run date.
    pub fn first(&self) -> u32 {
        self.first
    }

    /// The last wave of the horizon (waves are numbered `first()..=last()`).
    pub fn last(&self) -> u32 {
        self.first + self.starts.len().saturating_sub(2) as u32
    }

    /// How many waves the horizon holds.
    pub fn len(&self) -> u32 {
        self.starts.len().saturating_sub(1) as u32
    }

    /// Whether the horizon holds no wave (only when dates run out of the calendar).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first day of wave `n` (also of a past wave).
    pub fn start(&self, n: u32) -> Date {
        match n.checked_sub(self.first) {
            Some(k) if (k as usize) < self.starts.len() => self.starts[k as usize],
            _ => wave_start(self.plan_start, self.months, n).unwrap_or(self.plan_start),
        }
    }

    /// The last day of wave `n`.
    pub fn end(&self, n: u32) -> Date {
        let next = self.start(n + 1);
        next.checked_sub_days(Days::new(1)).unwrap_or(next)
    }

    /// The last day of the horizon.
    pub fn horizon_end(&self) -> Date {
        self.end(self.last())
    }

    /// The first wave of the horizon that ends on or after `d`; `None` when no wave of the
    /// horizon does.
    pub fn first_ending_on_or_after(&self, d: Date) -> Option<u32> {
        // Wave first + k ends the day before starts[k + 1]; it ends on or after d when
        // starts[k + 1] > d.
        let i = self.starts.get(1..)?.partition_point(|&s| s <= d);
        let n = self.first + i as u32;
        (i < self.len() as usize).then_some(n)
    }

    /// The first wave of the horizon that starts on or after `d` (`last() + 1` when none
    /// does): waves before it start before `d`.
    pub fn first_starting_on_or_after(&self, d: Date) -> u32 {
        let waves = &self.starts[..self.len() as usize];
        self.first + waves.partition_point(|&s| s < d) as u32
    }
}

/// A yearly day in a given year; 29 February in a common year becomes 1 March when it
/// opens a period (`up`) and 28 February when it closes one.
fn day_in(year: i32, (m, d): (u32, u32), up: bool) -> Option<Date> {
    Date::from_ymd_opt(year, m, d).or_else(|| {
        if up {
            Date::from_ymd_opt(year, 3, 1)
        } else {
            Date::from_ymd_opt(year, m, 28)
        }
    })
}

/// Does the yearly freeze share a day with the period `start..=end`?
pub fn overlaps(f: &Freeze, start: Date, end: Date) -> bool {
    let wraps = f.to < f.from;
    // An occurrence that begins in year y ends in y (or y + 1 when it wraps the new year);
    // the one beginning the year before `start` may still be running.
    for y in start.year() - 1..=end.year() {
        let from = day_in(y, f.from, true);
        let to = day_in(if wraps { y + 1 } else { y }, f.to, false);
        if let (Some(from), Some(to)) = (from, to)
            && from <= end
            && to >= start
        {
            return true;
        }
    }
    false
}

/// A freeze as people write it: `06-15..08-15`.
pub fn describe(f: &Freeze) -> String {
    format!(
        "{:02}-{:02}..{:02}-{:02}",
        f.from.0, f.from.1, f.to.0, f.to.1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Num, Selector};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn plan(start: &str, months: u32) -> Plan {
        Plan {
            start: d(start),
            wave_months: months,
            capacity_hours: Num(100.0),
            org_capacity_hours: None,
            freeze: vec![],
            loc: Loc::default(),
        }
    }

    fn freeze(from: (u32, u32), to: (u32, u32)) -> Freeze {
        Freeze {
            from,
            to,
            select: Selector::default(),
            loc: Loc::default(),
        }
    }

    #[test]
    fn waves_tile_the_calendar() {
        let c = Calendar::new(&plan("2025-01-31", 1), d("2025-01-01"));
        assert_eq!(c.first(), 1);
        assert_eq!(c.start(1), d("2025-01-31"));
        assert_eq!(c.end(1), d("2025-02-27"));
        assert_eq!(c.start(2), d("2025-02-28"));
        assert_eq!(c.start(3), d("2025-03-31"));
        assert_eq!(c.last(), 1200);
        let q = Calendar::new(&plan("2026-01-01", 3), d("2026-01-01"));
        assert_eq!(q.end(1), d("2026-03-31"));
        assert_eq!(q.last(), 400);
        assert_eq!(q.horizon_end(), d("2125-12-31"));
    }

    #[test]
    fn waves_that_ended_before_the_run_date_are_past() {
        let plan = plan("2026-01-01", 3);
        for (run, first) in [
            ("2025-06-01", 1),
            ("2026-03-31", 1),
            ("2026-04-01", 2),
            ("2026-12-01", 4),
            ("2026-12-31", 4),
            ("2027-01-01", 5),
        ] {
            let c = Calendar::new(&plan, d(run));
            assert_eq!(c.first(), first, "{run}");
            if d(run) >= d("2026-01-01") {
                assert!(c.start(first) <= d(run) && c.end(first) >= d(run), "{run}");
            }
            assert_eq!(c.len(), 400);
            assert_eq!(c.last(), first + 399);
        }
        let c = Calendar::new(&plan, d("2026-12-01"));
        assert_eq!(c.start(4), d("2026-10-01"));
        // Past waves still have dates, for messages.
        assert_eq!(c.start(1), d("2026-01-01"));
        assert_eq!(c.end(3), d("2026-09-30"));
        assert_eq!(c.horizon_end(), d("2126-09-30"));
        // Month ends: waves of one month from 31 January.
        let c = Calendar::new(&self::plan("2025-01-31", 1), d("2025-03-30"));
        assert_eq!((c.first(), c.start(c.first())), (2, d("2025-02-28")));
        // A plan that started long ago keeps only the horizon in memory.
        let c = Calendar::new(&self::plan("0001-01-01", 1), d("9999-12-31"));
        assert_eq!(c.start(c.first()), d("9999-12-01"));
        assert_eq!(c.len(), 1200);
    }

    #[test]
    fn contract_end_picks_the_first_wave_ending_on_or_after_it() {
        let q = Calendar::new(&plan("2026-01-01", 3), d("2026-01-01"));
        assert_eq!(q.first_ending_on_or_after(d("2020-01-01")), Some(1));
        assert_eq!(q.first_ending_on_or_after(d("2026-03-31")), Some(1));
        assert_eq!(q.first_ending_on_or_after(d("2026-04-01")), Some(2));
        assert_eq!(q.first_ending_on_or_after(d("2125-12-31")), Some(400));
        assert_eq!(q.first_ending_on_or_after(d("2126-01-01")), None);
        let past = Calendar::new(&plan("2026-01-01", 3), d("2026-12-01"));
        assert_eq!(past.first_ending_on_or_after(d("2026-01-01")), Some(4));
        assert_eq!(past.first_ending_on_or_after(d("2027-01-01")), Some(5));
    }

    #[test]
    fn deadlines_pick_the_first_wave_starting_on_or_after_them() {
        let q = Calendar::new(&plan("2026-01-01", 3), d("2026-01-01"));
        assert_eq!(q.first_starting_on_or_after(d("2025-01-01")), 1);
        assert_eq!(q.first_starting_on_or_after(d("2026-01-01")), 1);
        assert_eq!(q.first_starting_on_or_after(d("2026-01-02")), 2);
        assert_eq!(q.first_starting_on_or_after(d("2026-04-01")), 2);
        assert_eq!(q.first_starting_on_or_after(d("2200-01-01")), 401);
    }

    #[test]
    fn freezes_overlap_on_a_shared_day_and_wrap_the_new_year() {
        let summer = freeze((6, 15), (8, 15));
        assert!(overlaps(&summer, d("2026-04-01"), d("2026-06-15")));
        assert!(!overlaps(&summer, d("2026-04-01"), d("2026-06-14")));
        assert!(!overlaps(&summer, d("2026-08-16"), d("2026-12-31")));
        let yule = freeze((12, 20), (1, 6));
        assert!(overlaps(&yule, d("2026-01-01"), d("2026-03-31")));
        assert!(!overlaps(&yule, d("2026-01-07"), d("2026-12-19")));
        assert!(overlaps(&yule, d("2026-10-01"), d("2026-12-31")));
        let leap = freeze((2, 29), (2, 29));
        assert!(overlaps(&leap, d("2028-02-29"), d("2028-02-29")));
        assert!(!overlaps(&leap, d("2027-02-01"), d("2027-02-27")));
    }
}
