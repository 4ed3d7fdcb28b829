#include "inbetween/match.h"

#include <algorithm>
#include <cmath>

#include "inbetween/assignment.h"

namespace sakuga::inbetween {
namespace {

constexpr double kForbidden = 1e9;

// Residual of the best scaled fit of za to zb (both centred) given their cross term.
double residual(double aa, double bb, Complex cross) { return std::max(0.0, bb - std::norm(cross) / std::max(aa, 1e-12)); }

double color_distance(const std::optional<core::Rgba8>& x, const std::optional<core::Rgba8>& y) {
  if (!x || !y) return x || y ? 1.0 : 0.0;
  double dr = x->r - y->r, dg = x->g - y->g, db = x->b - y->b;
  return std::min(1.0, std::sqrt(dr * dr + dg * dg + db * db) / 120.0);
}

}  // namespace

Alignment align(const Stroke& a, const Stroke& b) {
  const int n = static_cast<int>(std::min(a.coarse.size(), b.coarse.size()));
  Alignment best;
  if (n == 0) return best;
  const bool closed = a.closed && b.closed;
  Complex ma = 0, mb = 0;
  for (int i = 0; i < n; ++i) ma += a.coarse[static_cast<size_t>(i)], mb += b.coarse[static_cast<size_t>(i)];
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  std::vector<Complex> za(static_cast<size_t>(n)), zb(static_cast<size_t>(n));
  double aa = 0, bb = 0;
  for (int i = 0; i < n; ++i) {
    za[static_cast<size_t>(i)] = a.coarse[static_cast<size_t>(i)] - ma;
    zb[static_cast<size_t>(i)] = b.coarse[static_cast<size_t>(i)] - mb;
    aa += std::norm(za[static_cast<size_t>(i)]);
    bb += std::norm(zb[static_cast<size_t>(i)]);
  }
  double best_r = 1e300;
  auto consider = [&](bool reversed, int shift, int stride) {
    Alignment t{reversed, shift, {}, 0};
    Complex cross = 0;
    for (int i = 0; i < n; i += stride) cross += std::conj(za[static_cast<size_t>(i)]) * zb[static_cast<size_t>(t.index(i, n, closed))];
    double r = residual(aa / stride, bb / stride, cross);
    if (r < best_r) {
      best_r = r;
      best = t;
    }
  };
  if (!closed) {
    consider(false, 0, 1);
    consider(true, 0, 1);
  } else {
    // Every other shift on every other point, then the neighbours of the best on all points.
    for (bool rev : {false, true}) {
      for (int s = 0; s < n; s += 2) consider(rev, s, 2);
    }
    Alignment coarse = best;
    best_r = 1e300;
    for (int d = -1; d <= 1; ++d) consider(coarse.reversed, (coarse.shift + d + n) % n, 1);
  }
  std::vector<Complex> q(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) q[static_cast<size_t>(i)] = b.coarse[static_cast<size_t>(best.index(i, n, closed))];
  best.fit = fit_similarity(std::span<const Complex>(a.coarse.data(), static_cast<size_t>(n)), q, false, &best.rms);
  return best;
}

Match match_strokes(const vector::Drawing& da, const std::vector<Stroke>& sa, const vector::Drawing& db,
                    const std::vector<Stroke>& sb, const MatchOptions& opt) {
  const int na = static_cast<int>(sa.size()), nb = static_cast<int>(sb.size());
  Match out;
  out.b_of_a.assign(static_cast<size_t>(na), -1);
  out.a_of_b.assign(static_cast<size_t>(nb), -1);
  out.alignment.resize(static_cast<size_t>(na));
  out.cost.assign(static_cast<size_t>(na), 0);
  if (na == 0) return out;
  const double diag = std::max(1.0, std::hypot(std::max(da.width, db.width), std::max(da.height, db.height)));

  // What a pairing costs apart from position: shape, length, style. Hints decide outright.
  std::vector<double> fixed(static_cast<size_t>(na) * nb, kForbidden);
  std::vector<Alignment> al(static_cast<size_t>(na) * nb);
  std::vector<char> hinted_a(static_cast<size_t>(na), 0), hinted_b(static_cast<size_t>(nb), 0);
  for (int i = 0; i < na; ++i) {
    const std::string& pa = da.shapes[sa[static_cast<size_t>(i)].shape].pair;
    for (int j = 0; j < nb && !pa.empty(); ++j) {
      if (db.shapes[sb[static_cast<size_t>(j)].shape].pair == pa && sa[static_cast<size_t>(i)].contour == sb[static_cast<size_t>(j)].contour) {
        hinted_a[static_cast<size_t>(i)] = hinted_b[static_cast<size_t>(j)] = 1;
      }
    }
  }
  for (int i = 0; i < na; ++i) {
    const Stroke& a = sa[static_cast<size_t>(i)];
    const vector::Shape& sha = da.shapes[a.shape];
    for (int j = 0; j < nb; ++j) {
      const Stroke& b = sb[static_cast<size_t>(j)];
      const vector::Shape& shb = db.shapes[b.shape];
      size_t k = static_cast<size_t>(i) * nb + j;
      bool hint = hinted_a[static_cast<size_t>(i)] || hinted_b[static_cast<size_t>(j)];
      if (hint && !(sha.pair == shb.pair && !sha.pair.empty() && a.contour == b.contour)) continue;
      al[k] = align(a, b);
      if (hint) {
        fixed[k] = -1.0;  // paired by name
        continue;
      }
      double size = std::sqrt(std::max(a.length, 1.0) * std::max(b.length, 1.0));
      double shape = al[k].rms / std::max(2.0, 0.05 * size);
      double length = 2.0 * std::abs(std::log(std::max(a.length, 1.0) / std::max(b.length, 1.0)));
      double style = 2.0 * color_distance(sha.stroke, shb.stroke) + color_distance(sha.fill, shb.fill) +
                     std::abs(std::log(std::max(sha.stroke_width_px, 0.1) / std::max(shb.stroke_width_px, 0.1))) +
                     (a.closed != b.closed ? 1.0 : 0.0);
      fixed[k] = shape + length + style;
    }
  }

  // Where each stroke of A is expected in B: first where the drawing as a whole went, then where
  // its paired neighbours' moves take it.
  std::vector<core::Vec2> expect(static_cast<size_t>(na));
  {
    double wa = 0, wb = 0;
    core::Vec2 ca, cb;
    for (const Stroke& s : sa) ca.x += s.centroid.x * s.length, ca.y += s.centroid.y * s.length, wa += s.length;
    for (const Stroke& s : sb) cb.x += s.centroid.x * s.length, cb.y += s.centroid.y * s.length, wb += s.length;
    core::Vec2 shift{0, 0};
    if (wa > 0 && wb > 0) shift = {cb.x / wb - ca.x / wa, cb.y / wb - ca.y / wa};
    for (int i = 0; i < na; ++i) expect[static_cast<size_t>(i)] = {sa[static_cast<size_t>(i)].centroid.x + shift.x, sa[static_cast<size_t>(i)].centroid.y + shift.y};
  }
  // Each stroke's nearest strokes in A, by centroid.
  const int kNeighbours = std::min(4, na - 1);
  std::vector<std::vector<int>> near(static_cast<size_t>(na));
  for (int i = 0; i < na; ++i) {
    std::vector<std::pair<double, int>> d;
    for (int j = 0; j < na; ++j) {
      if (j == i) continue;
      double dx = sa[static_cast<size_t>(i)].centroid.x - sa[static_cast<size_t>(j)].centroid.x;
      double dy = sa[static_cast<size_t>(i)].centroid.y - sa[static_cast<size_t>(j)].centroid.y;
      d.push_back({dx * dx + dy * dy, j});
    }
    std::partial_sort(d.begin(), d.begin() + kNeighbours, d.end());
    for (int k = 0; k < kNeighbours; ++k) near[static_cast<size_t>(i)].push_back(d[static_cast<size_t>(k)].second);
  }

  const int cols = nb + na;  // B's strokes, then one "vanishes" column per stroke of A
  std::vector<double> cost(static_cast<size_t>(na) * cols);
  std::vector<int> col;
  for (int round = 0; round <= opt.refine_rounds; ++round) {
    for (int i = 0; i < na; ++i) {
      double* row = cost.data() + static_cast<size_t>(i) * cols;
      for (int j = 0; j < nb; ++j) {
        double f = fixed[static_cast<size_t>(i) * nb + j];
        if (f >= kForbidden) {
          row[j] = kForbidden;
        } else if (f < 0) {
          row[j] = -kForbidden;  // a hint
        } else {
          const core::Vec2 e = expect[static_cast<size_t>(i)], c = sb[static_cast<size_t>(j)].centroid;
          row[j] = f + std::hypot(e.x - c.x, e.y - c.y) / (0.1 * diag);
        }
      }
      for (int k = 0; k < na; ++k) row[nb + k] = k == i ? (hinted_a[static_cast<size_t>(i)] ? kForbidden : opt.unpaired_cost) : kForbidden;
    }
    // B's strokes left unpaired appear; their price is paid by leaving columns free, so A's
    // "vanishes" price covers both sides.
    col = assign_min_cost(cost, na, cols);
    if (round == opt.refine_rounds) break;
    // Expected positions from the neighbours' fits.
    std::vector<core::Vec2> next = expect;
    for (int i = 0; i < na; ++i) {
      Complex sum = 0;
      int count = 0;
      for (int nbr : near[static_cast<size_t>(i)]) {
        int j = col[static_cast<size_t>(nbr)];
        if (j < 0 || j >= nb) continue;
        sum += al[static_cast<size_t>(nbr) * nb + j].fit(to_complex(sa[static_cast<size_t>(i)].centroid));
        ++count;
      }
      if (count > 0) next[static_cast<size_t>(i)] = to_vec(sum / static_cast<double>(count));
    }
    expect = next;
  }
  for (int i = 0; i < na; ++i) {
    int j = col[static_cast<size_t>(i)];
    if (j < 0 || j >= nb || cost[static_cast<size_t>(i) * cols + j] >= kForbidden) continue;
    out.b_of_a[static_cast<size_t>(i)] = j;
    out.a_of_b[static_cast<size_t>(j)] = i;
    out.alignment[static_cast<size_t>(i)] = al[static_cast<size_t>(i) * nb + j];
    out.cost[static_cast<size_t>(i)] = cost[static_cast<size_t>(i) * cols + j];
  }
  return out;
}

}  // namespace sakuga::inbetween
