//! Robust linear fits for the transfer cost model: least absolute deviations
//! (the line that minimises the sum of |error|, so one wild transfer moves it
//! little, where least squares would follow it), computed exactly, and a seeded
//! bootstrap for its range.
//!
//! The sum of |error| is convex and piecewise linear in β, so its minimum lies on
//! a vertex: β through `p` of the rows exactly. [`lad`] starts from the vertex
//! nearest a first guess and walks down edges (one row let go, the other `p − 1`
//! kept exact), each to the lowest point along it (a weighted median of where
//! the other rows' errors change sign), until no edge goes down: a simplex
//! method in the manner of Barrodale and Roberts, for these small `p` (2 or 3).
//! It ends on an exact minimum in a few steps where reweighted least squares
//! took tens of rounds to come near one.
//!
//! Rows are given flat: `x` holds `n` rows of `p` columns, `y` one value per row.

use crate::rng::Rng;
use crate::sort::total_order_key;

/// A residual this small (in the scaled units, where |y| ≤ 1) is zero: the row
/// lies on the fit.
const ZERO: f64 = 1e-12;
/// A direction whose slope is not below this share of its size does not go
/// down (rounding, not descent).
const ENOUGH_SLOPE: f64 = 1e-12;
/// At a vertex with more rows exactly on it than this, the edges tried are
/// those of the first this many (the basis first). Rows are merged when equal,
/// so only this many distinct rows on one plane makes it matter.
const MOST_ZERO_ROWS: usize = 48;

/// The coefficients β minimising Σ |y − x·β| over the rows; `None` when the
/// columns cannot be told apart (a column of zeros, or one a multiple of another),
/// there are fewer rows than columns, or more than [`MOST_COLUMNS`] columns.
/// `start` is where to begin (a fit of similar data), else least squares.
pub fn lad(x: &[f64], y: &[f64], p: usize, start: Option<&[f64]>) -> Option<Vec<f64>> {
    Rows::of(x, y, p)?.lad(start)
}

/// Rows with equal `x` and `y` merged into one, weighted by their count: the
/// same minimum, fewer rows, and no ties between copies of one row. Made once
/// per fit: its [`Rows::lad`] and its [`Bootstrap`] share them.
pub struct Rows {
    p: usize,
    /// The rows given.
    n: usize,
    x: Vec<f64>,
    y: Vec<f64>,
    weight: Vec<f64>,
    /// Each given row's index among the distinct ones.
    of_row: Vec<usize>,
}

impl Rows {
    /// `n` rows of `p` columns in `x` (flat), one value each in `y`; `None` when
    /// the lengths disagree, or `p` is 0 or more than [`MOST_COLUMNS`].
    pub fn of(x: &[f64], y: &[f64], p: usize) -> Option<Rows> {
        let n = y.len();
        if p == 0 || p > MOST_COLUMNS || x.len() != n * p {
            return None;
        }
        // Sorted by the row's values in `f64::total_cmp`'s order (as integers
        // that order alike: one comparison of small arrays, not a closure per column).
        let mut keyed: Vec<([u64; MOST_COLUMNS + 1], usize)> = (0..n)
            .map(|i| {
                let mut key = [0; MOST_COLUMNS + 1];
                for (k, v) in x[i * p..(i + 1) * p].iter().chain([&y[i]]).enumerate() {
                    key[k] = total_order_key(*v);
                }
                (key, i)
            })
            .collect();
        keyed.sort_unstable();
        let mut rows = Rows {
            p,
            n,
            x: Vec::with_capacity(n * p),
            y: Vec::with_capacity(n),
            weight: Vec::with_capacity(n),
            of_row: vec![0; n],
        };
        let mut last: Option<[u64; MOST_COLUMNS + 1]> = None;
        for (key, i) in keyed {
            if last == Some(key) {
                *rows.weight.last_mut().expect("a row was kept") += 1.0;
            } else {
                rows.x.extend_from_slice(&x[i * p..(i + 1) * p]);
                rows.y.push(y[i]);
                rows.weight.push(1.0);
                last = Some(key);
            }
            rows.of_row[i] = rows.y.len() - 1;
        }
        Some(rows)
    }

    /// [`lad`] of these rows.
    pub fn lad(&self, start: Option<&[f64]>) -> Option<Vec<f64>> {
        weighted_lad(&self.x, &self.y, &self.weight, self.p, start)
    }
}

/// Σ wᵢ |yᵢ − xᵢ·β| minimised over distinct rows (see the module's notes).
fn weighted_lad(
    x: &[f64],
    y: &[f64],
    w: &[f64],
    p: usize,
    start: Option<&[f64]>,
) -> Option<Vec<f64>> {
    let n = y.len();
    if p == 0 || p > MOST_COLUMNS || n < p {
        return None;
    }
    // Columns and y scaled to at most 1 in size, so files (thousands) and bytes
    // (billions) are compared alike.
    let mut col_scale = [1.0; MOST_COLUMNS];
    for (k, scale) in col_scale.iter_mut().enumerate().take(p) {
        let m = (0..n).map(|i| x[i * p + k].abs()).fold(0.0, f64::max);
        if m > 0.0 {
            *scale = m;
        }
    }
    let y_scale = y
        .iter()
        .map(|v| v.abs())
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let rows: Vec<Point> = (0..n)
        .map(|i| {
            let mut row = [0.0; MOST_COLUMNS];
            for k in 0..p {
                row[k] = x[i * p + k] / col_scale[k];
            }
            row
        })
        .collect();
    let ys: Vec<f64> = y.iter().map(|v| v / y_scale).collect();
    let mut guess = [0.0; MOST_COLUMNS];
    match start {
        Some(b) if b.len() == p => {
            for k in 0..p {
                guess[k] = b[k] * col_scale[k] / y_scale;
            }
        }
        _ => {
            let flat: Vec<f64> = rows.iter().flat_map(|r| r[..p].iter().copied()).collect();
            let b = weighted_least_squares(&flat, &ys, p, Some(w))?;
            guess[..p].copy_from_slice(&b);
        }
    }
    let mut search = Search {
        rows: &rows,
        y: &ys,
        w,
        p,
        residuals: vec![0.0; n],
        next: vec![0.0; n],
        zero: Vec::with_capacity(MOST_ZERO_ROWS),
        next_zero: Vec::with_capacity(MOST_ZERO_ROWS),
        crossings: Vec::new(),
    };
    let fit = search.nearest(&guess)?;
    let fit = search.descend(fit);
    let out: Vec<f64> = (0..p).map(|k| fit[k] * y_scale / col_scale[k]).collect();
    out.iter().all(|v| v.is_finite()).then_some(out)
}

/// The most columns [`lad`] fits: the model has three (fixed, per file, per
/// byte), and its small fixed-size vectors keep each step free of allocation.
pub const MOST_COLUMNS: usize = 3;

/// A row or a direction; columns past `p` stay zero.
type Point = [f64; MOST_COLUMNS];

fn dot3(a: &Point, b: &Point) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// β through `p` rows exactly (the basis), its Σ w|r|, and Σ w·sign(r)·x over
/// the rows off the fit (the error's gradient there, which every edge's slope
/// needs: found in the same pass as the residuals).
#[derive(Clone, Copy)]
struct Vertex {
    basis: [usize; MOST_COLUMNS],
    beta: Point,
    error: f64,
    pull: Point,
}

/// Where to go from a vertex: along `direction`, with the `p − 1` rows of
/// `kept` still exact.
struct Edge {
    kept: [usize; MOST_COLUMNS],
    direction: Point,
    slope: f64,
}

/// One fit's rows and its reused buffers (a replicate's steps allocate nothing).
struct Search<'a> {
    rows: &'a [Point],
    y: &'a [f64],
    w: &'a [f64],
    p: usize,
    /// The current vertex's residuals and rows on the fit (its basis first),
    /// and a candidate's.
    residuals: Vec<f64>,
    next: Vec<f64>,
    zero: Vec<usize>,
    next_zero: Vec<usize>,
    crossings: Vec<Crossing>,
}

impl Search<'_> {
    /// The vertex through `basis`, its residuals and rows on the fit in `next`
    /// and `next_zero` ([`Search::accept`] makes it the current one).
    fn through(&mut self, basis: [usize; MOST_COLUMNS]) -> Option<Vertex> {
        let p = self.p;
        let mut a = [0.0; MOST_COLUMNS * MOST_COLUMNS];
        let mut b = [0.0; MOST_COLUMNS];
        for (j, &i) in basis[..p].iter().enumerate() {
            a[j * p..(j + 1) * p].copy_from_slice(&self.rows[i][..p]);
            b[j] = self.y[i];
        }
        let solved = solve(&mut a[..p * p], &mut b[..p], p)?;
        let mut beta = [0.0; MOST_COLUMNS];
        beta[..p].copy_from_slice(&solved);
        let basis_rows = &basis[..p];
        self.next_zero.clear();
        self.next_zero.extend_from_slice(basis_rows);
        let (mut error, mut pull) = (0.0, [0.0; MOST_COLUMNS]);
        for (i, r) in self.next.iter_mut().enumerate() {
            *r = self.y[i] - dot3(&self.rows[i], &beta);
            error += self.w[i] * r.abs();
            if basis_rows.contains(&i) {
                continue;
            }
            if r.abs() <= ZERO {
                if self.next_zero.len() < MOST_ZERO_ROWS {
                    self.next_zero.push(i);
                }
                continue;
            }
            let s = self.w[i] * r.signum();
            for (g, x) in pull.iter_mut().zip(&self.rows[i]) {
                *g += s * x;
            }
        }
        error.is_finite().then_some(Vertex {
            basis,
            beta,
            error,
            pull,
        })
    }

    /// The candidate from [`Search::through`] becomes the current vertex.
    fn accept(&mut self, v: Vertex) -> Vertex {
        std::mem::swap(&mut self.residuals, &mut self.next);
        std::mem::swap(&mut self.zero, &mut self.next_zero);
        v
    }

    /// The vertex through the `p` rows nearest `guess` whose columns can be told
    /// apart; `None` when no `p` rows can.
    fn nearest(&mut self, guess: &Point) -> Option<Vertex> {
        let p = self.p;
        // Each row's distance (as an integer key that orders as `total_cmp`) and the
        // row: ordered by distance, then by row, with plain integer comparisons.
        let mut order: Vec<(u64, usize)> = (0..self.y.len())
            .map(|i| {
                let distance = (self.y[i] - dot3(&self.rows[i], guess)).abs();
                (total_order_key(distance), i)
            })
            .collect();
        // The nearest few in order usually hold p rows apart; else all of them.
        let few = (4 * p).min(order.len());
        if few < order.len() {
            order.select_nth_unstable(few);
        }
        order[..few].sort_unstable();
        let mut sorted = few;
        // Well apart first; rows barely apart only when no others are.
        for apart in [1e-3, 1e-9] {
            loop {
                let mut span = Span::default();
                let mut basis = [0; MOST_COLUMNS];
                let mut chosen = 0;
                for &(_, i) in &order[..sorted] {
                    if span.add(&self.rows[i], apart) {
                        basis[chosen] = i;
                        chosen += 1;
                        if chosen == p {
                            let v = self.through(basis)?;
                            return Some(self.accept(v));
                        }
                    }
                }
                if sorted == order.len() {
                    break;
                }
                order.sort_unstable();
                sorted = order.len();
            }
        }
        None
    }

    /// Down edge after edge to the minimum; each step lowers Σ w|r|, so it ends.
    fn descend(&mut self, mut at: Vertex) -> Point {
        for _ in 0..10 * self.y.len() + 100 {
            let Some(edge) = self.steepest_edge(&at) else {
                break;
            };
            let Some(row) = self.lowest_along(&at, &edge) else {
                break;
            };
            let mut basis = edge.kept;
            basis[self.p - 1] = row;
            match self.through(basis) {
                Some(next) if next.error < at.error => at = self.accept(next),
                _ => break,
            }
        }
        at.beta
    }

    /// The edge that goes down fastest, `None` at the minimum. The edges are the
    /// directions keeping `p − 1` of the rows on the fit exact; where more than
    /// `p` rows lie on it (ties), every such choice of `p − 1` of them is tried,
    /// so the minimum is not mistaken at a degenerate vertex.
    fn steepest_edge(&mut self, at: &Vertex) -> Option<Edge> {
        let p = self.p;
        let pull = at.pull;
        let mut best: Option<Edge> = None;
        let mut pick = [0, 1, 2];
        let k = p - 1;
        if k > self.zero.len() {
            return None;
        }
        loop {
            let mut kept = [0; MOST_COLUMNS];
            for j in 0..k {
                kept[j] = self.zero[pick[j]];
            }
            if let Some(d) = normal_to(self.rows, p, &kept[..k]) {
                for sign in [1.0, -1.0] {
                    let d = d.map(|v| v * sign);
                    let along = dot3(&pull, &d);
                    let on_fit: f64 = self
                        .zero
                        .iter()
                        .map(|&i| self.w[i] * dot3(&self.rows[i], &d).abs())
                        .sum();
                    let slope = on_fit - along;
                    if slope < -ENOUGH_SLOPE * (on_fit + along.abs())
                        && best.as_ref().is_none_or(|b| slope < b.slope)
                    {
                        best = Some(Edge {
                            kept,
                            direction: d,
                            slope,
                        });
                    }
                }
            }
            // The next choice of k of the zero rows, in order.
            let z = self.zero.len();
            let Some(j) = (0..k).rev().find(|&j| pick[j] < z - k + j) else {
                return best;
            };
            pick[j] += 1;
            for l in j + 1..k {
                pick[l] = pick[l - 1] + 1;
            }
        }
    }

    /// The row whose residual reaches zero where the error is lowest along the
    /// edge: each row off the fit whose residual shrinks along it turns the
    /// slope up by 2w|x·d| where it crosses; the lowest point is where the slope
    /// stops being negative (a weighted median of the crossings).
    fn lowest_along(&mut self, at: &Vertex, edge: &Edge) -> Option<usize> {
        // Every row is written and only those that cross are kept (the count moves
        // by 0 or 1): whether a row crosses is a coin toss a branch would mispredict
        // half the time, and this loop is most of a bootstrap replicate's time.
        let n = self.residuals.len();
        self.crossings.resize(n, Crossing::default());
        let mut kept = 0;
        for (i, r) in self.residuals.iter().enumerate() {
            let a = dot3(&self.rows[i], &edge.direction);
            let t = r / a;
            // Rows on the fit count in the edge's slope already; only a residual
            // shrinking along the edge (r and a of one sign, so t > 0) crosses.
            let on_fit = (r.abs() <= ZERO) | at.basis[..self.p].contains(&i);
            let crosses = !on_fit & (t > 0.0) & t.is_finite();
            self.crossings[kept] = Crossing {
                at: total_order_key(t),
                turn: 2.0 * self.w[i] * a.abs(),
                row: i,
            };
            kept += usize::from(crosses);
        }
        self.crossings.truncate(kept);
        first_turning(&mut self.crossings, -edge.slope)
    }
}

/// Where a row's residual crosses zero along an edge, and how much the slope
/// turns up there.
#[derive(Clone, Default)]
struct Crossing {
    /// Where along the edge, as a key that orders as `total_cmp` (integer comparisons).
    at: u64,
    turn: f64,
    row: usize,
}

/// The row of the first crossing (in order of `at`, ties by row) by which the
/// turns add up to `need`. Most edges end within their first few crossings (on
/// the transfer model's resamples, the 5th of ~100 at the median, the 25th at
/// P90): the first [`FIRST_FEW`] are found by one selection and summed in order;
/// past them, by halving around medians, in linear time rather than a sort's.
/// Where the slope comes to exactly zero (a flat stretch), rounding may leave the
/// sums a hair short: the last crossing known to reach `need` is the answer then
/// (every crossing, at the end: the slope past all of them is Σ w|x·d| ≥ 0).
fn first_turning(crossings: &mut [Crossing], mut need: f64) -> Option<usize> {
    let order = |a: &Crossing, b: &Crossing| (a.at, a.row).cmp(&(b.at, b.row));
    let mut reaching = crossings.iter().max_by(|a, b| order(a, b)).map(|c| c.row);
    let few = FIRST_FEW.min(crossings.len());
    if few < crossings.len() {
        crossings.select_nth_unstable_by(few, order);
    }
    let (first, mut crossings) = crossings.split_at_mut(few);
    first.sort_unstable_by(order);
    for c in first.iter() {
        if c.turn >= need {
            return Some(c.row);
        }
        need -= c.turn;
    }
    while !crossings.is_empty() {
        let mid = crossings.len() / 2;
        let (below, at, _) = crossings.select_nth_unstable_by(mid, order);
        let before: f64 = below.iter().map(|c| c.turn).sum();
        if before >= need {
            reaching = below.iter().max_by(|a, b| order(a, b)).map(|c| c.row);
            crossings = &mut crossings[..mid];
        } else if before + at.turn >= need {
            return Some(at.row);
        } else {
            need -= before + at.turn;
            crossings = &mut crossings[mid + 1..];
        }
    }
    reaching
}

/// Crossings [`first_turning`] puts in order before it halves.
const FIRST_FEW: usize = 24;

/// An orthonormal basis of the rows added so far.
#[derive(Default)]
struct Span {
    q: [Point; MOST_COLUMNS],
    len: usize,
}

impl Span {
    /// `v` minus its part in the span.
    fn outside(&self, v: &Point) -> Point {
        let mut u = *v;
        for q in &self.q[..self.len] {
            let c = dot3(q, &u);
            for (u, q) in u.iter_mut().zip(q) {
                *u -= c * q;
            }
        }
        u
    }

    /// Adds `v` if at least `apart` of its length lies outside the span.
    fn add(&mut self, v: &Point, apart: f64) -> bool {
        let size = dot3(v, v).sqrt();
        let u = self.outside(v);
        let out = dot3(&u, &u).sqrt();
        if self.len < MOST_COLUMNS && size > 0.0 && out > apart * size {
            self.q[self.len] = u.map(|c| c / out);
            self.len += 1;
            true
        } else {
            false
        }
    }
}

/// A unit direction orthogonal to the given rows, `None` if they are not apart.
fn normal_to(rows: &[Point], p: usize, kept: &[usize]) -> Option<Point> {
    let mut span = Span::default();
    for &i in kept {
        if !span.add(&rows[i], 1e-9) {
            return None;
        }
    }
    // The unit axis with the most of itself outside the rows' span.
    let d = (0..p)
        .map(|k| {
            let mut e = [0.0; MOST_COLUMNS];
            e[k] = 1.0;
            span.outside(&e)
        })
        .max_by(|a, b| dot3(a, a).total_cmp(&dot3(b, b)))?;
    let size = dot3(&d, &d).sqrt();
    (size > 1e-9).then(|| d.map(|v| v / size))
}

/// Σ |y − x·β|: what [`lad`] minimises.
pub fn absolute_error(x: &[f64], y: &[f64], p: usize, beta: &[f64]) -> f64 {
    y.iter()
        .enumerate()
        .map(|(i, v)| (v - dot(&x[i * p..(i + 1) * p], beta)).abs())
        .sum()
}

/// `replicates` fits of `m` rows drawn with replacement from the `n` given
/// (seeded: the same data give the same replicates), each started from `fit`.
/// A row drawn several times counts as often (one row, weighted). A draw whose
/// columns cannot be told apart is skipped.
pub fn bootstrap(
    x: &[f64],
    y: &[f64],
    p: usize,
    fit: &[f64],
    replicates: usize,
    m: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    let Some(rows) = Rows::of(x, y, p) else {
        return Vec::new();
    };
    let mut bootstrap = Bootstrap::new(rows, fit, replicates, m, seed);
    while !bootstrap.step(replicates) {}
    bootstrap.finish()
}

/// [`bootstrap`] a few replicates at a time ([`Bootstrap::step`]), so a page can
/// answer between them (docs/performance.md, P6); the same replicates whatever the steps.
pub struct Bootstrap {
    rows: Rows,
    fit: Vec<f64>,
    left: usize,
    m: usize,
    rng: Rng,
    /// How often each distinct row was drawn in this replicate, and which were.
    count: Vec<f64>,
    drawn: Vec<usize>,
    out: Vec<Vec<f64>>,
}

impl Bootstrap {
    pub fn new(rows: Rows, fit: &[f64], replicates: usize, m: usize, seed: u64) -> Bootstrap {
        let ok = rows.n > 0 && m > 0;
        Bootstrap {
            count: vec![0.0; rows.y.len()],
            rows,
            fit: fit.to_vec(),
            left: if ok { replicates } else { 0 },
            m,
            rng: Rng::new(seed),
            drawn: Vec::with_capacity(m),
            out: Vec::with_capacity(replicates),
        }
    }

    /// Up to `replicates` more; true once all are done.
    pub fn step(&mut self, replicates: usize) -> bool {
        let (rows, p) = (&self.rows, self.rows.p);
        let (mut bx, mut by, mut bw) = (
            Vec::with_capacity(self.m * p),
            Vec::with_capacity(self.m),
            Vec::with_capacity(self.m),
        );
        for _ in 0..replicates.min(self.left) {
            self.left -= 1;
            self.drawn.clear();
            for _ in 0..self.m {
                let i = rows.of_row[self.rng.below(rows.n)];
                if self.count[i] == 0.0 {
                    self.drawn.push(i);
                }
                self.count[i] += 1.0;
            }
            bx.clear();
            by.clear();
            bw.clear();
            for &i in &self.drawn {
                bx.extend_from_slice(&rows.x[i * p..(i + 1) * p]);
                by.push(rows.y[i]);
                bw.push(self.count[i]);
                self.count[i] = 0.0;
            }
            if let Some(beta) = weighted_lad(&bx, &by, &bw, p, Some(&self.fit)) {
                self.out.push(beta);
            }
        }
        self.left == 0
    }

    /// The replicates, once the steps not yet taken are done.
    pub fn finish(mut self) -> Vec<Vec<f64>> {
        while !self.step(usize::MAX) {}
        self.out
    }
}

/// The low and high ends of a bootstrap's `level` interval (0.9: the 5th and 95th
/// percentiles) of `values` around `point`. Resamples of `m` rows out of `n`
/// spread as 1/√m; their distance from the point is scaled by √(m/n) to the
/// spread of `n` rows.
pub fn interval(values: &mut Vec<f64>, point: f64, level: f64, m: usize, n: usize) -> (f64, f64) {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return (point, point);
    }
    values.sort_unstable_by(f64::total_cmp);
    let tail = (1.0 - level) / 2.0;
    let lo = crate::stats::quantile_sorted(values, tail);
    let hi = crate::stats::quantile_sorted(values, 1.0 - tail);
    let scale = if m < n {
        (m as f64 / n as f64).sqrt()
    } else {
        1.0
    };
    (
        (point - (point - lo) * scale).min(point),
        (point + (hi - point) * scale).max(point),
    )
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// Solves Σ wᵢ xᵢ xᵢᵀ β = Σ wᵢ xᵢ yᵢ (all weights 1 when `w` is `None`).
fn weighted_least_squares(x: &[f64], y: &[f64], p: usize, w: Option<&[f64]>) -> Option<Vec<f64>> {
    let mut a = vec![0.0; p * p];
    let mut b = vec![0.0; p];
    for (i, yi) in y.iter().enumerate() {
        let row = &x[i * p..(i + 1) * p];
        let wi = w.map_or(1.0, |w| w[i]);
        for j in 0..p {
            b[j] += wi * row[j] * yi;
            for k in 0..p {
                a[j * p + k] += wi * row[j] * row[k];
            }
        }
    }
    solve(&mut a, &mut b, p)
}

/// Gaussian elimination with partial pivoting; `None` for a singular system.
fn solve(a: &mut [f64], b: &mut [f64], p: usize) -> Option<Vec<f64>> {
    // The largest entry (for the normal equations, the largest on the diagonal).
    let size = a.iter().map(|v| v.abs()).fold(0.0, f64::max);
    if size <= 0.0 || !size.is_finite() {
        return None;
    }
    for col in 0..p {
        let pivot =
            (col..p).max_by(|&i, &j| a[i * p + col].abs().total_cmp(&a[j * p + col].abs()))?;
        if a[pivot * p + col].abs() <= 1e-12 * size {
            return None;
        }
        if pivot != col {
            for k in 0..p {
                a.swap(col * p + k, pivot * p + k);
            }
            b.swap(col, pivot);
        }
        for row in col + 1..p {
            let f = a[row * p + col] / a[col * p + col];
            for k in col..p {
                a[row * p + k] -= f * a[col * p + k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut out = vec![0.0; p];
    for row in (0..p).rev() {
        let rest: f64 = (row + 1..p).map(|k| a[row * p + k] * out[k]).sum();
        out[row] = (b[row] - rest) / a[row * p + row];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use crate::sort::from_total_order_key;
    use proptest::prelude::*;

    /// Reweighted least squares, as [`lad`] computed it before the exact method
    /// (200 rounds at most, stopping when a round gains under a millionth): the
    /// reference the exact method must equal or beat.
    fn reweighted(x: &[f64], y: &[f64], p: usize) -> Option<Vec<f64>> {
        let n = y.len();
        if p == 0 || n < p || x.len() != n * p {
            return None;
        }
        let col_scale: Vec<f64> = (0..p)
            .map(|k| {
                let m = (0..n).map(|i| x[i * p + k].abs()).fold(0.0, f64::max);
                if m > 0.0 {
                    m
                } else {
                    1.0
                }
            })
            .collect();
        let y_scale = y
            .iter()
            .map(|v| v.abs())
            .fold(0.0, f64::max)
            .max(f64::MIN_POSITIVE);
        let xs: Vec<f64> = (0..n * p).map(|i| x[i] / col_scale[i % p]).collect();
        let ys: Vec<f64> = y.iter().map(|v| v / y_scale).collect();
        let mut beta = weighted_least_squares(&xs, &ys, p, None)?;
        let mut w = vec![1.0; n];
        let mut last_error = f64::INFINITY;
        for _ in 0..200 {
            let mut error = 0.0;
            for i in 0..n {
                let r = ys[i] - dot(&xs[i * p..(i + 1) * p], &beta);
                error += r.abs();
                w[i] = 1.0 / r.abs().max(1e-9);
            }
            if last_error.is_finite() && last_error - error <= 1e-6 * last_error {
                break;
            }
            last_error = error;
            let next = weighted_least_squares(&xs, &ys, p, Some(&w))?;
            let moved = next
                .iter()
                .zip(&beta)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            let size = next.iter().map(|v| v.abs()).fold(0.0, f64::max);
            beta = next;
            if moved <= 1e-10 * (1.0 + size) {
                break;
            }
        }
        let out: Vec<f64> = (0..p).map(|k| beta[k] * y_scale / col_scale[k]).collect();
        out.iter().all(|v| v.is_finite()).then_some(out)
    }

    /// Rows as a transfer log gives them, or worse: small integers (ties, rows
    /// repeated, several on one line), a column of zeros, a column a multiple of
    /// another, values across twelve orders of magnitude.
    fn messy_rows() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, usize, u8)> {
        (1usize..=3, 1usize..40, 0u8..4, any::<u64>()).prop_map(|(p, extra, kind, seed)| {
            let mut rng = Rng::new(seed);
            let n = p + extra;
            let (mut x, mut y) = (Vec::with_capacity(n * p), Vec::with_capacity(n));
            for _ in 0..n {
                let files = match kind {
                    0 | 1 => rng.below(4) as f64 + 1.0,
                    _ => 1.0 + rng.lognormal(200.0, 2.0).round(),
                };
                let bytes = match kind {
                    1 => 0.0,
                    2 => 4096.0 * files,
                    _ => files * rng.lognormal(1e6, 3.0),
                };
                let row = [1.0, files, bytes];
                x.extend_from_slice(&row[..p]);
                y.push(match kind {
                    0 => rng.below(5) as f64,
                    _ => (2.0 + 0.03 * files + 2e-8 * bytes) * rng.lognormal(1.0, 0.8),
                });
            }
            (x, y, p, kind)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The exact fit's Σ|error| is never above reweighting's, and it fits
        /// whenever reweighting could.
        #[test]
        fn the_exact_fit_is_no_worse_than_reweighting((x, y, p, kind) in messy_rows()) {
            let exact = lad(&x, &y, p, None);
            if p == 3 && (kind == 1 || kind == 2) {
                prop_assert_eq!(exact, None, "bytes zero or a multiple of files: refused");
                return Ok(());
            }
            let scale = 1.0 + y.iter().map(|v| v.abs()).sum::<f64>();
            match reweighted(&x, &y, p) {
                Some(old) => {
                    let new = exact.expect("fits where reweighting did");
                    let (e_new, e_old) = (absolute_error(&x, &y, p, &new), absolute_error(&x, &y, p, &old));
                    prop_assert!(e_new <= e_old + 1e-9 * scale, "{e_new} > {e_old}: {new:?} {old:?}");
                    // A vertex: p rows on the fit.
                    let on = (0..y.len())
                        .filter(|&i| (y[i] - dot(&x[i * p..(i + 1) * p], &new)).abs() <= 1e-9 * (1.0 + y[i].abs()))
                        .count();
                    prop_assert!(on >= p, "{on} rows on the fit");
                }
                None => {
                    // Refused only where the columns cannot be told apart.
                    if let Some(new) = exact {
                        prop_assert!(new.iter().all(|v| v.is_finite()));
                    }
                }
            }
        }

        /// Started anywhere, it ends on the same minimum; a row repeated weighs
        /// as much as its copies.
        #[test]
        fn the_minimum_does_not_depend_on_the_start_or_on_merged_copies((x, y, p, _) in messy_rows(), shift in -1e3f64..1e3) {
            let Some(fit) = lad(&x, &y, p, None) else { return Ok(()) };
            let best = absolute_error(&x, &y, p, &fit);
            let tolerance = 1e-9 * (1.0 + y.iter().map(|v| v.abs()).sum::<f64>());
            let start: Vec<f64> = fit.iter().map(|b| b + shift).collect();
            let again = lad(&x, &y, p, Some(&start)).expect("the same rows");
            prop_assert!((absolute_error(&x, &y, p, &again) - best).abs() <= tolerance);
            let (x3, y3) = (x.repeat(3), y.repeat(3));
            let thrice = lad(&x3, &y3, p, None).expect("the same rows, thrice");
            prop_assert!((absolute_error(&x, &y, p, &thrice) - best).abs() <= tolerance);
        }
    }

    /// Rows of (1, files, bytes) and times a + b·files + c·bytes, times (1 + noise).
    fn rows(n: usize, abc: [f64; 3], noise: f64, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let mut rng = Rng::new(seed);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for _ in 0..n {
            let files = 1.0 + rng.lognormal(200.0, 1.5).round();
            let bytes = files * rng.lognormal(50_000.0, 1.2);
            x.extend([1.0, files, bytes]);
            let t = abc[0] + abc[1] * files + abc[2] * bytes;
            y.push(t * (1.0 + noise * (rng.unit() - 0.5)));
        }
        (x, y)
    }

    #[test]
    fn an_exact_line_is_found_again() {
        let abc = [3.0, 0.034, 2.0e-8];
        let (x, y) = rows(40, abc, 0.0, 1);
        let b = lad(&x, &y, 3, None).unwrap();
        for k in 0..3 {
            assert!((b[k] - abc[k]).abs() <= 1e-6 * abc[k], "{k}: {b:?}");
        }
        assert!(absolute_error(&x, &y, 3, &b) < 1e-6);
    }

    #[test]
    fn it_minimises_the_absolute_error_better_than_least_squares() {
        let (x, mut y) = rows(60, [3.0, 0.05, 1e-8], 0.2, 2);
        y[7] *= 40.0; // one wild transfer
        let l1 = lad(&x, &y, 3, None).unwrap();
        let scale = [1.0, 1e4, 1e9];
        let xs: Vec<f64> = x
            .iter()
            .enumerate()
            .map(|(i, v)| v / scale[i % 3])
            .collect();
        let l2: Vec<f64> = weighted_least_squares(&xs, &y, 3, None)
            .unwrap()
            .iter()
            .zip(scale)
            .map(|(b, s)| b / s)
            .collect();
        assert!(absolute_error(&x, &y, 3, &l1) <= absolute_error(&x, &y, 3, &l2));
        // Nudging the fit any way does not lower its error: a minimum.
        let base = absolute_error(&x, &y, 3, &l1);
        for k in 0..3 {
            for s in [-1e-3, 1e-3] {
                let mut b = l1.clone();
                b[k] *= 1.0 + s;
                assert!(
                    absolute_error(&x, &y, 3, &b) >= base * (1.0 - 1e-9),
                    "{k} {s}"
                );
            }
        }
    }

    #[test]
    fn columns_that_cannot_be_told_apart_are_refused() {
        // Bytes exactly proportional to files.
        let x: Vec<f64> = (1..=10)
            .flat_map(|f| [1.0, f as f64, 1000.0 * f as f64])
            .collect();
        let y: Vec<f64> = (1..=10).map(|f| 2.0 + f as f64).collect();
        assert_eq!(lad(&x, &y, 3, None), None);
        assert_eq!(lad(&[1.0, 2.0], &[3.0, 6.0], 1, None), Some(vec![3.0]));
        assert_eq!(
            lad(&[1.0, 2.0], &[1.0], 3, None),
            None,
            "fewer rows than columns"
        );
        assert_eq!(lad(&[], &[], 1, None), None);
    }

    #[test]
    fn the_bootstrap_is_seeded_and_its_interval_holds_the_point() {
        let (x, y) = rows(30, [3.0, 0.05, 1e-8], 0.3, 3);
        let fit = lad(&x, &y, 3, None).unwrap();
        let a = bootstrap(&x, &y, 3, &fit, 50, 30, 9);
        let b = bootstrap(&x, &y, 3, &fit, 50, 30, 9);
        assert_eq!(a, b, "same seed, same replicates");
        assert!(a.len() >= 45, "few degenerate draws: {}", a.len());
        let mut per_file: Vec<f64> = a.iter().map(|r| r[1]).collect();
        let (lo, hi) = interval(&mut per_file, fit[1], 0.9, 30, 30);
        assert!(
            lo <= fit[1] && fit[1] <= hi && lo < hi,
            "{lo} {} {hi}",
            fit[1]
        );
        // A subsample's spread is scaled down to the whole sample's.
        let mut again: Vec<f64> = a.iter().map(|r| r[1]).collect();
        let (lo4, hi4) = interval(&mut again, fit[1], 0.9, 30, 120);
        assert!(((hi4 - lo4) - (hi - lo) / 2.0).abs() < 1e-12);
        assert_eq!(interval(&mut Vec::new(), 5.0, 0.9, 1, 1), (5.0, 5.0));
    }

    proptest! {
        /// The first crossing by which the turns reach `need`, as sorting them all and
        /// adding up in order finds it: ties of `at` among them, few and many crossings
        /// (either side of the few put in order first). Whole-number turns, so every
        /// order of adding gives the same sums.
        #[test]
        fn the_turning_crossing_is_the_sorted_one(
            cs in proptest::collection::vec((0u8..40, 1u8..5), 0..120),
            need in 0u16..400,
        ) {
            let mut crossings: Vec<Crossing> = cs
                .iter()
                .enumerate()
                .map(|(row, &(at, turn))| Crossing { at: total_order_key(f64::from(at) + 0.5), turn: f64::from(turn), row })
                .collect();
            let mut sorted: Vec<&Crossing> = crossings.iter().collect();
            sorted.sort_by(|a, b| from_total_order_key(a.at).total_cmp(&from_total_order_key(b.at)).then(a.row.cmp(&b.row)));
            let need = f64::from(need);
            let mut sum = 0.0;
            let expected = sorted
                .iter()
                .find(|c| {
                    sum += c.turn;
                    sum >= need
                })
                .or(sorted.last())
                .map(|c| c.row);
            prop_assert_eq!(first_turning(&mut crossings, need), expected);
        }
    }

    #[test]
    fn a_bootstrap_in_steps_is_the_bootstrap_at_once() {
        let (x, y) = rows(40, [3.0, 0.05, 1e-8], 0.3, 5);
        let fit = lad(&x, &y, 3, None).unwrap();
        let whole = bootstrap(&x, &y, 3, &fit, 50, 30, 9);
        for per_step in [1, 7, 50] {
            let rows = Rows::of(&x, &y, 3).unwrap();
            assert_eq!(rows.lad(None), Some(fit.clone()), "the same point");
            let mut stepped = Bootstrap::new(rows, &fit, 50, 30, 9);
            let mut steps = 1;
            while !stepped.step(per_step) {
                steps += 1;
            }
            assert_eq!(steps, 50usize.div_ceil(per_step));
            assert_eq!(stepped.finish(), whole, "{per_step} a step");
        }
        assert!(
            Rows::of(&x, &y, 4).is_none(),
            "more columns than the rows have"
        );
    }
}
