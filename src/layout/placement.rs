//! Placing the laid-out communities and the isolated nodes in one drawing, then normalising it.

use std::f64::consts::PI;

use super::EXTENT;

/// The golden angle, in radians: consecutive points of a sunflower spiral.
const GOLDEN_ANGLE: f64 = PI * (3.0 - 2.236_067_977_499_79);

/// Space left between two communities' discs, as a share of the smaller radius.
const GAP: f64 = 0.15;

/// Centres for the communities' discs (`radius` by community, largest first): each is placed,
/// in order, at the free spot nearest to the weighted centre of the communities already placed
/// that it is linked to (`between`: summed edge weights between two communities), so linked
/// communities end up side by side and discs never overlap. Unlinked communities (other
/// components) pack around the rest. Communities with a `fixed` centre (a warm start) stay there
/// and are placed first.
pub(super) fn pack_groups(
    radius: &[f64],
    between: &[(usize, usize, f64)],
    fixed: &[Option<(f64, f64)>],
) -> Vec<(f64, f64)> {
    let k = radius.len();
    let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); k];
    for &(a, b, w) in between {
        links[a].push((b, w));
        links[b].push((a, w));
    }
    let mut centre: Vec<(f64, f64)> = fixed.iter().map(|c| c.unwrap_or((0.0, 0.0))).collect();
    let mut placed: Vec<bool> = fixed.iter().map(Option::is_some).collect();
    for g in 0..k {
        if placed[g] {
            continue;
        }
        let (mut tx, mut ty, mut total) = (0.0, 0.0, 0.0);
        for &(h, w) in &links[g] {
            if placed[h] {
                tx += centre[h].0 * w;
                ty += centre[h].1 * w;
                total += w;
            }
        }
        let target = if total > 0.0 {
            (tx / total, ty / total)
        } else {
            (0.0, 0.0)
        };
        let fits = |p: (f64, f64)| {
            (0..k).filter(|&h| placed[h]).all(|h| {
                let gap = GAP * radius[g].min(radius[h]);
                let d = ((p.0 - centre[h].0).powi(2) + (p.1 - centre[h].1).powi(2)).sqrt();
                d >= radius[g] + radius[h] + gap
            })
        };
        // Candidates on a sunflower spiral around the target, a fraction of the disc apart.
        let step = radius[g].max(1.0) * 0.5;
        let mut j = 0usize;
        centre[g] = loop {
            let r = step * (j as f64).sqrt();
            let a = j as f64 * GOLDEN_ANGLE;
            let p = (target.0 + r * a.cos(), target.1 + r * a.sin());
            if fits(p) {
                break p;
            }
            j += 1;
        };
        placed[g] = true;
    }
    centre
}
/// Places the nodes without `linked` edges around the others: on a sunflower spiral continuing
/// outside the drawing's radius, as densely as the drawing itself.
pub(super) fn place_isolated(xy: &mut [(f64, f64)], linked: &[bool]) {
    let laid: Vec<(f64, f64)> = xy
        .iter()
        .zip(linked)
        .filter(|(_, &l)| l)
        .map(|(&p, _)| p)
        .collect();
    let (cx, cy, radius, area) = if laid.is_empty() {
        (0.0, 0.0, 0.0, 1.0)
    } else {
        let k = laid.len() as f64;
        let cx = laid.iter().map(|p| p.0).sum::<f64>() / k;
        let cy = laid.iter().map(|p| p.1).sum::<f64>() / k;
        let radius = laid
            .iter()
            .map(|p| ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt())
            .fold(0.0, f64::max);
        let area = if radius > 0.0 {
            PI * radius * radius / k
        } else {
            1.0
        };
        (cx, cy, radius, area)
    };
    // The first isolated node sits one node's spacing outside the drawing.
    let gap = (area / PI).sqrt();
    let inner = if laid.is_empty() { 0.0 } else { radius + gap };
    let isolated = xy.iter_mut().zip(linked).filter(|(_, &l)| !l);
    for (k, (p, _)) in isolated.enumerate() {
        let r = (inner * inner + k as f64 * area / PI).sqrt();
        let a = k as f64 * GOLDEN_ANGLE;
        *p = (cx + r * a.cos(), cy + r * a.sin());
    }
}

/// Centres the drawing on its bounding box, scales its longer side to [-EXTENT, EXTENT] and
/// rounds to two decimals.
pub(super) fn normalise(xy: &mut [(f64, f64)]) {
    let Some(&(x0, y0)) = xy.first() else {
        return;
    };
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (x0, x0, y0, y0);
    for &(x, y) in xy.iter() {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    let half = ((max_x - min_x).max(max_y - min_y)) / 2.0;
    let scale = if half > 0.0 && half.is_finite() {
        EXTENT / half
    } else {
        0.0
    };
    transform_and_round(xy, (cx, cy), scale);
}

/// Keeps a warm-started drawing in the frame of the one it started from, rounded to two
/// decimals: a point outside [-EXTENT, EXTENT]² is moved towards the origin onto the square's
/// edge. Scaling the whole drawing down instead would move every node for one new node at
/// the edge.
pub(super) fn contain(xy: &mut [(f64, f64)]) {
    for p in xy.iter_mut() {
        let far = p.0.abs().max(p.1.abs());
        if far > EXTENT && far.is_finite() {
            *p = (p.0 * EXTENT / far, p.1 * EXTENT / far);
        }
    }
    transform_and_round(xy, (0.0, 0.0), 1.0);
}

/// Every point moved by `-centre`, scaled by `scale` and rounded to two decimals (a point that
/// is not finite goes to the origin).
fn transform_and_round(xy: &mut [(f64, f64)], centre: (f64, f64), scale: f64) {
    // `+ 0.0` turns -0 into 0.
    let round = |v: f64| (v * 100.0).round() / 100.0 + 0.0;
    for p in xy.iter_mut() {
        let (x, y) = ((p.0 - centre.0) * scale, (p.1 - centre.1) * scale);
        *p = if x.is_finite() && y.is_finite() {
            (round(x), round(y))
        } else {
            (0.0, 0.0)
        };
    }
}
