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

// Whether two strokes of one drawing touch: their coarse points come within the wider line's
// width and about half a sample step.
bool touching(const Stroke& x, const Stroke& y, double wx, double wy) {
  double touch = std::max(wx, wy) + 0.6 * std::max(x.length, y.length) / kCoarse + 2.0;
  if (std::abs(x.centroid.x - y.centroid.x) > (x.length + y.length) / 2 + touch ||
      std::abs(x.centroid.y - y.centroid.y) > (x.length + y.length) / 2 + touch) {
    return false;
  }
  for (Complex p : x.coarse) {
    for (Complex q : y.coarse) {
      if (std::norm(p - q) <= touch * touch) return true;
    }
  }
  return false;
}

// Whether every point lies inside the closed polygon (even-odd rule).
bool inside(const std::vector<Complex>& points, const std::vector<Complex>& polygon) {
  for (Complex p : points) {
    bool in = false;
    for (size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
      Complex a = polygon[i], b = polygon[j];
      if ((a.imag() > p.imag()) != (b.imag() > p.imag()) &&
          p.real() < (b.real() - a.real()) * (p.imag() - a.imag()) / (b.imag() - a.imag()) + a.real()) {
        in = !in;
      }
    }
    if (!in) return false;
  }
  return true;
}

}  // namespace

std::vector<Alignment> alignments(const Stroke& a, const Stroke& b, size_t most) {
  const int n = static_cast<int>(std::min(a.coarse.size(), b.coarse.size()));
  std::vector<Alignment> out;
  if (n == 0) return out;
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
  auto score = [&](const Alignment& t, int stride) {
    Complex cross = 0;
    for (int i = 0; i < n; i += stride) cross += std::conj(za[static_cast<size_t>(i)]) * zb[static_cast<size_t>(t.index(i, n, closed))];
    return residual(aa / stride, bb / stride, cross);
  };
  std::vector<std::pair<double, Alignment>> found;
  if (!closed) {
    for (bool rev : {false, true}) {
      Alignment t{rev, 0, {}, 0};
      found.push_back({score(t, 1), t});
    }
  } else {
    // Every other start on every other point; each local best then looked at on all points with
    // its neighbouring starts.
    for (bool rev : {false, true}) {
      std::vector<double> r;
      for (int sh = 0; sh < n; sh += 2) r.push_back(score({rev, sh, {}, 0}, 2));
      const int m = static_cast<int>(r.size());
      std::vector<std::pair<double, int>> minima;
      for (int k = 0; k < m; ++k) {
        double here = r[static_cast<size_t>(k)];
        if (here <= r[static_cast<size_t>((k + 1) % m)] && here <= r[static_cast<size_t>((k + m - 1) % m)]) minima.push_back({here, k});
      }
      std::sort(minima.begin(), minima.end());
      if (minima.size() > most) minima.resize(most);
      for (auto [here, k] : minima) {
        Alignment best{rev, 2 * k, {}, 0};
        double best_r = 1e300;
        for (int d = -1; d <= 1; ++d) {
          Alignment t{rev, (2 * k + d + n) % n, {}, 0};
          double x = score(t, 1);
          if (x < best_r) best_r = x, best = t;
        }
        found.push_back({best_r, best});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [r, al] : found) {
    if (out.size() == most) break;
    if (std::any_of(out.begin(), out.end(), [&](const Alignment& o) { return o.reversed == al.reversed && o.shift == al.shift; })) continue;
    // The least-squares similarity in closed form (as fit_similarity): scale-rotation from the
    // cross term of the centred points, the residual from the same sums.
    Complex cross = 0;
    for (int i = 0; i < n; ++i) cross += std::conj(za[static_cast<size_t>(i)]) * zb[static_cast<size_t>(al.index(i, n, closed))];
    Complex m = aa > 1e-12 && std::norm(cross) > 1e-24 ? cross / aa : Complex{1, 0};
    al.fit = {m, mb - m * ma};
    al.rms = std::sqrt(residual(aa, bb, cross) / n);
    out.push_back(al);
  }
  return out;
}

Alignment align(const Stroke& a, const Stroke& b) {
  std::vector<Alignment> all = alignments(a, b, 1);
  return all.empty() ? Alignment{} : all.front();
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
  constexpr size_t kWays = 4;  // alignments kept per pair: an outline's ends may look alike
  std::vector<std::vector<Alignment>> alts(static_cast<size_t>(na) * nb);
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
      if (hint) {
        alts[k] = alignments(a, b, kWays);
        fixed[k] = -1.0;  // paired by name
        continue;
      }
      double length = 2.0 * std::abs(std::log(std::max(a.length, 1.0) / std::max(b.length, 1.0)));
      double style = 2.0 * color_distance(sha.stroke, shb.stroke) + color_distance(sha.fill, shb.fill) +
                     std::abs(std::log(std::max(sha.stroke_width_px, 0.1) / std::max(shb.stroke_width_px, 0.1))) +
                     (a.closed != b.closed ? 1.0 : 0.0);
      if (length + style >= opt.unpaired_cost) continue;  // dearer than leaving it unpaired, whatever the shape
      alts[k] = alignments(a, b, kWays);
      if (alts[k].empty()) continue;
      double size = std::sqrt(std::max(a.length, 1.0) * std::max(b.length, 1.0));
      double shape = alts[k].front().rms / std::max(2.0, 0.05 * size);
      fixed[k] = shape + length + style;
    }
  }

  // Where each stroke of A is expected in B: first where the drawing as a whole went, then where
  // its paired neighbours' moves take it.
  std::vector<std::vector<core::Vec2>> expect(static_cast<size_t>(na));
  {
    double wa = 0, wb = 0;
    core::Vec2 ca, cb;
    for (const Stroke& s : sa) ca.x += s.centroid.x * s.length, ca.y += s.centroid.y * s.length, wa += s.length;
    for (const Stroke& s : sb) cb.x += s.centroid.x * s.length, cb.y += s.centroid.y * s.length, wb += s.length;
    core::Vec2 shift{0, 0};
    if (wa > 0 && wb > 0) shift = {cb.x / wb - ca.x / wa, cb.y / wb - ca.y / wa};
    for (int i = 0; i < na; ++i) expect[static_cast<size_t>(i)].assign(1, {sa[static_cast<size_t>(i)].centroid.x + shift.x, sa[static_cast<size_t>(i)].centroid.y + shift.y});
  }
  // Whose moves tell where each stroke of A went: the outline that holds it (an eye's face); else
  // the longer strokes it touches (a shin's thigh, a hand's forearm and the hip it rests on);
  // else its four nearest strokes by centroid. Each guide's move is one place the stroke may have
  // gone, and a partner is as near as the nearest of them: a hand follows its forearm even when
  // it also touches a torso that turned the other way.
  std::vector<std::vector<int>> guides(static_cast<size_t>(na));
  std::vector<int> container_of(static_cast<size_t>(na), -1);
  {
    struct Bounds {
      double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    };
    std::vector<Bounds> box(static_cast<size_t>(na));
    for (int i = 0; i < na; ++i) {
      for (Complex p : sa[static_cast<size_t>(i)].coarse) {
        Bounds& bx = box[static_cast<size_t>(i)];
        bx.x0 = std::min(bx.x0, p.real()), bx.y0 = std::min(bx.y0, p.imag());
        bx.x1 = std::max(bx.x1, p.real()), bx.y1 = std::max(bx.y1, p.imag());
      }
    }
    for (int i = 0; i < na; ++i) {
      const Stroke& si = sa[static_cast<size_t>(i)];
      const Bounds& bi = box[static_cast<size_t>(i)];
      int container = -1;
      double container_area = 1e300;
      std::vector<std::pair<double, int>> by_distance;
      for (int k = 0; k < na; ++k) {
        if (k == i) continue;
        const Stroke& sk = sa[static_cast<size_t>(k)];
        const Bounds& bk = box[static_cast<size_t>(k)];
        double touch = std::max(da.shapes[si.shape].stroke_width_px, da.shapes[sk.shape].stroke_width_px) +
                       0.6 * std::max(si.length, sk.length) / kCoarse + 2.0;
        bool near = bi.x0 - touch <= bk.x1 && bk.x0 - touch <= bi.x1 && bi.y0 - touch <= bk.y1 && bk.y0 - touch <= bi.y1;
        if (near) {
          double best = 1e300;
          for (Complex p : si.coarse) {
            for (Complex q : sk.coarse) best = std::min(best, std::norm(p - q));
          }
          if (best <= touch * touch && sk.length >= si.length) guides[static_cast<size_t>(i)].push_back(k);
        }
        double area = (bk.x1 - bk.x0) * (bk.y1 - bk.y0);
        if (sk.closed && sk.length > si.length && bk.x0 <= bi.x0 && bk.y0 <= bi.y0 && bk.x1 >= bi.x1 &&
            bk.y1 >= bi.y1 && area < container_area && inside(si.coarse, sk.coarse)) {
          container = k, container_area = area;
        }
        double dx = si.centroid.x - sk.centroid.x, dy = si.centroid.y - sk.centroid.y;
        by_distance.push_back({dx * dx + dy * dy, k});
      }
      if (container >= 0) {  // drawn inside an outline (an eye in a face): it goes with that
        guides[static_cast<size_t>(i)].assign(1, container);
        container_of[static_cast<size_t>(i)] = container;
        continue;
      }
      if (!guides[static_cast<size_t>(i)].empty()) continue;
      const size_t k4 = std::min<size_t>(4, by_distance.size());
      std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<ptrdiff_t>(k4), by_distance.end());
      for (size_t k = 0; k < k4; ++k) guides[static_cast<size_t>(i)].push_back(by_distance[k].second);
    }
  }

  // Joints: where strokes touch in A. A pairing whose fit takes a joint where the neighbour's fit
  // takes it keeps the joint together (a shin stays on its own thigh): when the shapes alone
  // cannot tell a left limb from a right one, or one end of an outline from the other, this can.
  struct Joint {
    int other;
    Complex at;
  };
  std::vector<std::vector<Joint>> joints(static_cast<size_t>(na)), contacts(static_cast<size_t>(na));
  for (int i = 0; i < na; ++i) {
    for (int k = i + 1; k < na; ++k) {
      const Stroke& x = sa[static_cast<size_t>(i)];
      const Stroke& y = sa[static_cast<size_t>(k)];
      if (!touching(x, y, da.shapes[x.shape].stroke_width_px, da.shapes[y.shape].stroke_width_px)) continue;
      double best = 1e300;
      Complex at;
      for (Complex p : x.coarse) {
        for (Complex q : y.coarse) {
          double d = std::norm(p - q);
          if (d < best) best = d, at = (p + q) * 0.5;
        }
      }
      // A stroke drawn inside an outline answers to that outline only: what else it touches (an
      // eye on a collar line) it touches by accident.
      auto may = [&](int s, int other) {
        int c = container_of[static_cast<size_t>(s)];
        return c < 0 || c == other;
      };
      // Whom a stroke is paired by: the longer strokes it touches (a shin by its thigh, an eye by
      // nothing smaller than itself), for the longer a stroke, the surer its pairing. Which way
      // round a paired stroke goes is told by every stroke it touches, shorter ones too (an arm
      // whose two ends look alike, by its forearm at one end).
      if (may(i, k)) {
        if (y.length >= x.length) joints[static_cast<size_t>(i)].push_back({k, at});
        contacts[static_cast<size_t>(i)].push_back({k, at});
      }
      if (may(k, i)) {
        if (x.length >= y.length) joints[static_cast<size_t>(k)].push_back({i, at});
        contacts[static_cast<size_t>(k)].push_back({i, at});
      }
    }
  }
  std::vector<char> touch_b(static_cast<size_t>(nb) * nb, 0);
  for (int j = 0; j < nb; ++j) {
    for (int k = j + 1; k < nb; ++k) {
      const Stroke& x = sb[static_cast<size_t>(j)];
      const Stroke& y = sb[static_cast<size_t>(k)];
      if (touching(x, y, db.shapes[x.shape].stroke_width_px, db.shapes[y.shape].stroke_width_px)) {
        touch_b[static_cast<size_t>(j) * nb + k] = touch_b[static_cast<size_t>(k) * nb + j] = 1;
      }
    }
  }
  std::vector<int> way(static_cast<size_t>(na), 0);  // per stroke of A: its pair's chosen alignment
  auto fit_of = [&](int i, const std::vector<int>& col) -> const Alignment* {
    int j = col[static_cast<size_t>(i)];
    if (j < 0 || j >= nb) return nullptr;
    const auto& w = alts[static_cast<size_t>(i) * nb + j];
    if (w.empty()) return nullptr;
    return &w[std::min(static_cast<size_t>(way[static_cast<size_t>(i)]), w.size() - 1)];
  };
  // How far apart a fit pulls stroke i's joints from its paired neighbours, on average (0
  // together, 1 far). A joint the pairing keeps (the two strokes touch in B too) counts by how far
  // apart it goes, one it loses as far; with `kept_only` lost joints are not counted (choosing
  // between alignments of one pair, they cost every alignment the same).
  auto apart = [&](int i, const Similarity& fit, const std::vector<int>& col, int self_partner,
                   const std::vector<std::vector<Joint>>& over, bool kept_only) {
    const double reach = std::max(6.0, 0.15 * sa[static_cast<size_t>(i)].length);
    double sum = 0, weight = 0;
    for (const Joint& jt : over[static_cast<size_t>(i)]) {
      int partner = col[static_cast<size_t>(jt.other)];
      if (partner == self_partner) continue;
      const Alignment* other = fit_of(jt.other, col);
      if (!other) continue;
      bool kept = touch_b[static_cast<size_t>(self_partner) * nb + partner] != 0;
      if (!kept && kept_only) continue;
      sum += kept ? std::min(1.0, magnitude(fit(jt.at) - other->fit(jt.at)) / reach) : 1.0;
      weight += 1;
    }
    return weight > 0 ? sum / weight : 0.0;
  };
  std::vector<int> by_length(static_cast<size_t>(na));
  for (int i = 0; i < na; ++i) by_length[static_cast<size_t>(i)] = i;
  std::stable_sort(by_length.begin(), by_length.end(),
                   [&](int x, int y) { return sa[static_cast<size_t>(x)].length > sa[static_cast<size_t>(y)].length; });

  const int cols = nb + na;  // B's strokes, then one "vanishes" column per stroke of A
  std::vector<double> cost(static_cast<size_t>(na) * cols);
  std::vector<int> col;
  for (int round = 0; round <= opt.refine_rounds; ++round) {
    std::vector<double> joint_row(static_cast<size_t>(nb), 0.0);
    for (int i = 0; i < na; ++i) {
      double* row = cost.data() + static_cast<size_t>(i) * cols;
      std::fill(joint_row.begin(), joint_row.end(), 0.0);
      for (int j = 0; j < nb; ++j) {
        double f = fixed[static_cast<size_t>(i) * nb + j];
        if (f >= kForbidden) {
          row[j] = kForbidden;
        } else if (f < 0) {
          row[j] = -kForbidden;  // a hint
        } else {
          const core::Vec2 c = sb[static_cast<size_t>(j)].centroid;
          double d = 1e300;
          for (core::Vec2 e : expect[static_cast<size_t>(i)]) d = std::min(d, (e.x - c.x) * (e.x - c.x) + (e.y - c.y) * (e.y - c.y));
          row[j] = f + std::sqrt(d) / (0.1 * diag);
          if (round > 0) {  // round 0 has no pairing yet to hold joints by
            double least = 1.0;
            for (const Alignment& w : alts[static_cast<size_t>(i) * nb + j]) least = std::min(least, apart(i, w.fit, col, j, joints, false));
            joint_row[static_cast<size_t>(j)] = least;
          }
        }
      }
      // Joints count by how much better one partner keeps them than another: a stroke whose every
      // partner pulls a joint apart (it touches a part it does not move with) is not pushed out.
      double joint_least = 1.0;
      for (int j = 0; j < nb; ++j) {  // among the partners it might have
        if (row[j] < opt.unpaired_cost && row[j] > -kForbidden) joint_least = std::min(joint_least, joint_row[static_cast<size_t>(j)]);
      }
      for (int j = 0; j < nb; ++j) {
        if (row[j] < kForbidden && row[j] > -kForbidden) row[j] += 3.0 * std::max(0.0, joint_row[static_cast<size_t>(j)] - joint_least);
      }
      for (int k = 0; k < na; ++k) row[nb + k] = k == i ? (hinted_a[static_cast<size_t>(i)] ? kForbidden : opt.unpaired_cost) : kForbidden;
    }
    // B's strokes left unpaired appear; their price is paid by leaving columns free, so A's
    // "vanishes" price covers both sides.
    col = assign_min_cost(cost, na, cols);
    // Each pair's way round: the one that keeps its joints together (longest strokes first).
    std::fill(way.begin(), way.end(), 0);
    for (int pass = 0; pass < 3; ++pass) {
      for (int i : by_length) {
        int j = col[static_cast<size_t>(i)];
        if (j < 0 || j >= nb) continue;
        const auto& w = alts[static_cast<size_t>(i) * nb + j];
        const double size = std::max(2.0, 0.05 * sa[static_cast<size_t>(i)].length);
        double best = 1e300;
        for (size_t k = 0; k < w.size(); ++k) {
          if (w[k].rms > 2 * w.front().rms + 1.0) continue;
          double sc = w[k].rms / size + 2.0 * apart(i, w[k].fit, col, j, contacts, true);
          if (sc < best) best = sc, way[static_cast<size_t>(i)] = static_cast<int>(k);
        }
      }
    }
    if (round == opt.refine_rounds) break;
    // Expected positions from the neighbours' fits.
    std::vector<std::vector<core::Vec2>> next = expect;
    for (int i = 0; i < na; ++i) {
      std::vector<core::Vec2> where;
      for (int g : guides[static_cast<size_t>(i)]) {
        if (const Alignment* w = fit_of(g, col)) where.push_back(to_vec(w->fit(to_complex(sa[static_cast<size_t>(i)].centroid))));
      }
      if (!where.empty()) next[static_cast<size_t>(i)] = std::move(where);
    }
    expect = std::move(next);
  }
  for (int i = 0; i < na; ++i) {
    int j = col[static_cast<size_t>(i)];
    if (j < 0 || j >= nb || cost[static_cast<size_t>(i) * cols + j] >= kForbidden) continue;
    out.b_of_a[static_cast<size_t>(i)] = j;
    out.a_of_b[static_cast<size_t>(j)] = i;
    out.alignment[static_cast<size_t>(i)] = *fit_of(i, col);
    out.cost[static_cast<size_t>(i)] = cost[static_cast<size_t>(i) * cols + j];
  }
  return out;
}

}  // namespace sakuga::inbetween
