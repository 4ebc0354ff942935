//! docs/format.md §5 (v1.2) computed again, the slow and obvious way, to check the planner by:
//! wave dates by stepping month by month, effective contract ends by renewing one term at a
//! time, earliest possible waves by relaxing until nothing changes. Nothing here calls the
//! planner's own calendar, contract or placement code.

use chrono::Months;
use samdrift::model::{Contract, Date, Plan, Project};
use samdrift::waves::{ItemKind, WavePlan};

/// The first day of wave `n`: `plan.start` plus (n − 1) × `wave_months` months.
pub fn wave_start(plan: &Plan, n: u32) -> Date {
    plan.start
        .checked_add_months(Months::new((n - 1) * plan.wave_months))
        .unwrap()
}

/// The last day of wave `n`.
pub fn wave_end(plan: &Plan, n: u32) -> Date {
    wave_start(plan, n + 1).pred_opt().unwrap()
}

/// The first wave that does not end before the run date.
pub fn first_wave(plan: &Plan, run: Date) -> u32 {
    let mut n = 1;
    while wave_end(plan, n) < run {
        n += 1;
    }
    n
}

/// `d` moved by `months` months (negative: back), the day kept or clamped to the month end.
fn shift(d: Date, months: i64) -> Date {
    let m = Months::new(months.unsigned_abs() as u32);
    if months >= 0 {
        d.checked_add_months(m).unwrap()
    } else {
        d.checked_sub_months(m).unwrap()
    }
}

/// A contract as of the run date: its effective end, the last notice deadline that passed
/// (if it renewed), and every end it has from the effective one on (for `notice_by`).
pub struct Term {
    pub end: Date,
    pub missed: Option<Date>,
    ends: Date,
    k: i64,
    renews: i64,
    notice: i64,
    auto: bool,
}

impl Term {
    pub fn of(c: &Contract, run: Date) -> Option<Term> {
        let ends = c.ends?;
        let notice = c.notice_months.unwrap_or(0) as i64;
        let renews = c.renews_months.unwrap_or(12) as i64;
        let auto = c.auto_renew == Some(true);
        let mut k = 0;
        let mut missed = None;
        // Renew one term at a time while the notice date is before the run date.
        while auto && shift(shift(ends, k * renews), -notice) < run {
            missed = Some(shift(shift(ends, k * renews), -notice));
            k += 1;
        }
        Some(Term {
            end: shift(ends, k * renews),
            missed,
            ends,
            k,
            renews,
            notice,
            auto,
        })
    }

    /// The notice date for leaving in a wave that ends `until`.
    pub fn notice_by(&self, until: Date) -> Option<Date> {
        if !self.auto {
            return None;
        }
        let mut k = self.k;
        while shift(self.ends, (k + 1) * self.renews) <= until {
            k += 1;
        }
        Some(shift(shift(self.ends, k * self.renews), -self.notice))
    }
}

/// Is an item with end of support `eos` late in wave `n`? (The wave starts on or after it,
/// or it is before the run date.)
pub fn late(plan: &Plan, run: Date, eos: Date, n: u32) -> bool {
    eos < run || wave_start(plan, n) >= eos
}

/// Each item's earliest possible wave (docs/format.md §5, v1.2): not past, not ending before its
/// effective contract end, after the earliest waves of the items it must follow, and shared
/// by its move group; capacity and freezes aside. `None` past a far limit.
pub fn earliest(p: &Project, plan: &WavePlan, run: Date) -> Vec<Option<u32>> {
    let settings = p.targets[0].plan.as_ref().unwrap();
    let first = first_wave(settings, run);
    let limit = first + 4000;
    let mut e: Vec<u32> = plan
        .items
        .iter()
        .map(|it| {
            let ItemKind::Asset(ai) = it.kind else {
                return first;
            };
            let Some(term) = p.asset(ai).contract.as_ref().and_then(|c| Term::of(c, run)) else {
                return first;
            };
            let mut n = first;
            while wave_end(settings, n) < term.end && n < limit {
                n += 1;
            }
            n
        })
        .collect();
    // Relax until nothing changes: after each item it must follow, with its move group.
    loop {
        let mut changed = false;
        for (i, it) in plan.items.iter().enumerate() {
            let mut v = e[i];
            for &b in &it.after {
                v = v.max(e[b.0 as usize] + 1);
            }
            for &m in &plan.group(it.group).items {
                v = v.max(e[m.0 as usize]);
            }
            if v != e[i] {
                e[i] = v.min(limit);
                changed |= v <= limit;
            }
        }
        if !changed {
            break;
        }
    }
    e.into_iter().map(|n| (n < limit).then_some(n)).collect()
}
