//! Remaining capacity per wave, with a fast "first wave from here with room for h hours".
//!
//! A max segment tree over the waves of the horizon: finding the first wave at or after `from`
//! with at least `need` hours left costs O(log waves), so placing 100,000 items stays cheap
//! however full the early waves are. A wave taken by an oversize item is *closed*: its
//! remaining capacity is −1, so no item, not even one of 0 hours, fits any more.

/// Hours are sums of fractions (0.2 h per laptop); compare with this much slack.
pub const EPS: f64 = 1e-6;

#[derive(Clone, Debug)]
pub struct Slots {
    /// The first wave; waves before it are past and have no slot.
    first: u32,
    /// Leaves start at `size`; leaf `size + n - first` is wave `n`.
    size: usize,
    tree: Vec<f64>,
    /// Items (or groups) placed in each wave, for the "wave to itself" rule.
    count: Vec<u32>,
}

impl Slots {
    /// `waves` waves of `capacity` hours each, numbered from `first`.
    pub fn new(first: u32, waves: u32, capacity: f64) -> Slots {
        let size = (waves.max(1) as usize).next_power_of_two();
        let mut tree = vec![f64::NEG_INFINITY; 2 * size];
        for leaf in &mut tree[size..size + waves as usize] {
            *leaf = capacity;
        }
        for i in (1..size).rev() {
            tree[i] = tree[2 * i].max(tree[2 * i + 1]);
        }
        Slots {
            first,
            size,
            tree,
            count: vec![0; waves as usize],
        }
    }

    fn leaf(&self, n: u32) -> usize {
        n.saturating_sub(self.first) as usize
    }

    /// Hours left in wave `n` (−1 when closed).
    pub fn left(&self, n: u32) -> f64 {
        self.tree[self.size + self.leaf(n)]
    }

    /// How many groups were placed in wave `n`.
    pub fn count(&self, n: u32) -> u32 {
        self.count.get(self.leaf(n)).copied().unwrap_or(0)
    }

    pub fn is_closed(&self, n: u32) -> bool {
        self.left(n) < 0.0
    }

    fn set(&mut self, n: u32, v: f64) {
        let mut i = self.size + self.leaf(n);
        self.tree[i] = v;
        while i > 1 {
            i /= 2;
            self.tree[i] = self.tree[2 * i].max(self.tree[2 * i + 1]);
        }
    }

    /// Books `hours` in wave `n`.
    pub fn take(&mut self, n: u32, hours: f64) {
        let v = self.left(n) - hours;
        self.set(n, v.max(0.0));
        let leaf = self.leaf(n);
        self.count[leaf] += 1;
    }

    /// Gives wave `n` to one group alone.
    pub fn close(&mut self, n: u32) {
        self.set(n, -1.0);
        let leaf = self.leaf(n);
        self.count[leaf] += 1;
    }

    /// The first wave at or after `from` with at least `need` hours left.
    pub fn first_fit(&self, from: u32, need: f64) -> Option<u32> {
        let need = need - EPS;
        let from = self.leaf(from);
        if from >= self.size {
            return None;
        }
        self.descend(1, 0, self.size, from, need)
            .map(|leaf| leaf as u32 + self.first)
    }

    fn descend(&self, node: usize, lo: usize, hi: usize, from: usize, need: f64) -> Option<usize> {
        if hi <= from || self.tree[node] < need {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = (lo + hi) / 2;
        self.descend(2 * node, lo, mid, from, need)
            .or_else(|| self.descend(2 * node + 1, mid, hi, from, need))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_wave_with_room() {
        let mut s = Slots::new(1, 5, 100.0);
        s.take(1, 90.0);
        s.take(2, 50.0);
        s.close(3);
        assert_eq!(s.first_fit(1, 10.0), Some(1));
        assert_eq!(s.first_fit(1, 11.0), Some(2));
        assert_eq!(s.first_fit(1, 60.0), Some(4));
        assert_eq!(s.first_fit(3, 0.0), Some(4));
        assert_eq!(s.first_fit(5, 100.0), Some(5));
        assert_eq!(s.first_fit(6, 0.0), None);
        assert_eq!(s.first_fit(1, 101.0), None);
        assert!(s.is_closed(3));
        assert_eq!(s.count(1), 1);
        // Numbered from a later first wave.
        let mut s = Slots::new(4, 3, 10.0);
        s.take(4, 10.0);
        assert_eq!(s.first_fit(1, 5.0), Some(5));
        assert_eq!(s.first_fit(4, 5.0), Some(5));
        assert_eq!(s.first_fit(7, 0.0), None);
        assert_eq!(s.count(4), 1);
    }
}
