//! The calendar of a plan: wave dates, the planning horizon, and freeze periods.
//!
//! Wave N spans the N-th period of `wave_months` months from `plan.start` (docs/format.md §5).
//! Each wave's start is computed from `plan.start` directly, so month-end clamping (31 January
//! plus one month is 28 February) never accumulates. The planner looks no further than
//! [`HORIZON_YEARS`] ahead; that bound is what makes every loop in it finite.

use crate::model::{Date, Freeze, Plan};
use chrono::{Datelike, Days, Months};

/// How far ahead the planner looks: waves that start within this many years of
/// `plan.start`. Work that cannot be placed before then is reported as unplaceable.
pub const HORIZON_YEARS: u32 = 100;

/// The waves of the planning horizon.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// `starts[n - 1]` is the first day of wave `n`; one more than the horizon's waves, so
    /// the last wave has an end.
    starts: Vec<Date>,
}

impl Calendar {
    pub fn new(plan: &Plan) -> Calendar {
        let months = plan.wave_months.max(1);
        let waves = (HORIZON_YEARS * 12).div_ceil(months);
        let starts = (0..=waves)
            .map_while(|k| plan.start.checked_add_months(Months::new(k * months)))
            .collect::<Vec<_>>();
        Calendar { starts }
    }

    /// The number of waves in the horizon (waves are numbered `1..=waves()`).
    pub fn waves(&self) -> u32 {
        self.starts.len().saturating_sub(1) as u32
    }

    /// The first day of wave `n`.
    pub fn start(&self, n: u32) -> Date {
        self.starts[n as usize - 1]
    }

    /// The last day of wave `n`.
    pub fn end(&self, n: u32) -> Date {
        let next = self.starts[n as usize];
        next.checked_sub_days(Days::new(1)).unwrap_or(next)
    }

    /// The last day of the horizon.
    pub fn horizon_end(&self) -> Date {
        self.end(self.waves())
    }

    /// The first wave that ends on or after `d`; `None` when no wave of the horizon does.
    pub fn first_ending_on_or_after(&self, d: Date) -> Option<u32> {
        // Wave n ends the day before starts[n]; it ends on or after d when starts[n] > d.
        let i = self.starts[1..].partition_point(|&s| s <= d);
        let n = i as u32 + 1;
        (n <= self.waves()).then_some(n)
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
