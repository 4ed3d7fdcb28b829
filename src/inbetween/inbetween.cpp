#include "inbetween/inbetween.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace sakuga::inbetween {
namespace {

// m^t for a complex m: the scale to the power t, the angle times t (the shorter way round).
Complex power(Complex m, double t) {
  double s = magnitude(m);
  if (s < 1e-12) return {1, 0};
  return std::polar(std::pow(s, t), std::arg(m) * t);
}

struct Box {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(Complex p) {
    x0 = std::min(x0, p.real()), y0 = std::min(y0, p.imag());
    x1 = std::max(x1, p.real()), y1 = std::max(y1, p.imag());
  }
  bool near(const Box& o, double d) const { return x0 - d <= o.x1 && o.x0 - d <= x1 && y0 - d <= o.y1 && o.y0 - d <= y1; }
};

Box box_of(const std::vector<Complex>& pts) {
  Box b;
  for (Complex p : pts) b.add(p);
  return b;
}

// The closest pair of points of two polylines' samples: its distance and midpoint.
// q's points are looked at in order of x, from p's point outwards, only while x alone is nearer
// than the best so far.
std::pair<double, Complex> closest(const std::vector<Complex>& p, const std::vector<Complex>& q) {
  double best = 1e300;
  Complex mid;
  if (p.empty() || q.empty()) return {std::sqrt(best), mid};
  std::vector<uint32_t> order(q.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return q[x].real() < q[y].real(); });
  std::vector<double> xs(q.size());
  for (size_t k = 0; k < q.size(); ++k) xs[k] = q[order[k]].real();
  for (Complex a : p) {
    const size_t at = static_cast<size_t>(std::lower_bound(xs.begin(), xs.end(), a.real()) - xs.begin());
    auto look = [&](size_t k) {
      double dx = xs[k] - a.real();
      if (dx * dx > best) return false;
      double d = std::norm(a - q[order[k]]);
      if (d < best) best = d, mid = (a + q[order[k]]) * 0.5;
      return true;
    };
    for (size_t k = at; k < xs.size() && look(k); ++k) {
    }
    for (size_t k = at; k-- > 0 && look(k);) {
    }
  }
  return {std::sqrt(best), mid};
}

int dense_count(double length, double spacing) {
  return std::clamp(static_cast<int>(std::lround(length / std::max(spacing, 0.5))), 8, 4000);
}

core::Rgba8 mix(core::Rgba8 a, core::Rgba8 b, double t) {
  auto l = [&](uint8_t x, uint8_t y) { return static_cast<uint8_t>(std::lround(x + (y - x) * t)); };
  return {l(a.r, b.r), l(a.g, b.g), l(a.b, b.b), l(a.a, b.a)};
}

std::optional<core::Rgba8> mix(const std::optional<core::Rgba8>& a, const std::optional<core::Rgba8>& b, double t) {
  if (a && b) return mix(*a, *b, t);
  if (a) return t < 0.5 ? a : std::nullopt;
  if (b) return t >= 0.5 ? b : std::nullopt;
  return std::nullopt;
}

vector::Contour polyline(const std::vector<Complex>& pts, bool closed) {
  vector::Contour c;
  c.closed = closed;
  if (pts.empty()) return c;
  c.points.push_back(to_vec(pts[0]));
  for (size_t i = 1; i < pts.size(); ++i) vector::line_to(c, to_vec(pts[i]));
  if (closed && pts.size() > 1) vector::line_to(c, to_vec(pts[0]));
  return c;
}

}  // namespace

Inbetweener::Inbetweener(const vector::Drawing& a, const vector::Drawing& b, const InbetweenOptions& options)
    : a_(a), b_(b), options_(options) {
  sa_ = strokes_of(a_);
  sb_ = strokes_of(b_);
  if (sa_.size() > kMaxStrokes || sb_.size() > kMaxStrokes) {
    // The correspondence grows with the cube of the strokes: past this, hold rather than hang.
    problem_ = "a key has " + std::to_string(std::max(sa_.size(), sb_.size())) + " strokes; in-betweening takes at most " +
               std::to_string(kMaxStrokes);
    sa_.clear();
    sb_.clear();
  }
  match_ = match_strokes(a_, sa_, b_, sb_, options_.match);

  // Parts: every pair with its points lined up densely, then the strokes left on either side.
  struct Dense {
    std::vector<Complex> pa, pb;  // pb in B's own order
    bool closed = false;
    Box box_a, box_b;
  };
  std::vector<Dense> dense(sa_.size());
  for (size_t i = 0; i < sa_.size(); ++i) {
    const Stroke& s = sa_[i];
    const vector::Contour& ca = a_.shapes[s.shape].contours[s.contour];
    int j = match_.b_of_a[i];
    if (j < 0) {
      dense[i].pa = resample(ca, dense_count(s.length, options_.point_spacing_px));
      continue;
    }
    const Stroke& t = sb_[static_cast<size_t>(j)];
    const int n = dense_count(std::max(s.length, t.length), options_.point_spacing_px);
    dense[i].pa = resample(ca, n);
    dense[i].pb = resample(b_.shapes[t.shape].contours[t.contour], n);
    dense[i].closed = s.closed && t.closed;
    dense[i].box_a = box_of(dense[i].pa);
    dense[i].box_b = box_of(dense[i].pb);
  }
  // Which way round each pair goes, and where it starts: a limb drawn as an outline looks much
  // the same from either end, so the fits that leave about as little as the best are kept, and
  // the one chosen is the one that keeps the stroke's joints with its neighbours together: where
  // it touches a neighbour in A, its fit and the neighbour's should take that place to the same
  // point. Longer strokes choose first and are trusted more; a few rounds settle a chain of limbs.
  struct Candidate {
    Alignment al;
    double rms = 0;
    Similarity fit;
  };
  std::vector<std::vector<Candidate>> cands(sa_.size());
  std::vector<int> chosen(sa_.size(), 0);
  for (size_t i = 0; i < sa_.size(); ++i) {
    if (match_.b_of_a[i] < 0) continue;
    const std::vector<Complex>& raw = dense[i].pb;
    const int n = static_cast<int>(raw.size());
    const bool closed = dense[i].closed;
    std::vector<Complex> q(static_cast<size_t>(n));
    std::vector<Candidate> all;
    for (bool rev : {false, true}) {
      for (int shift = 0; shift < (closed ? n : 1); ++shift) {
        Alignment x{rev, shift, {}, 0};
        for (int k = 0; k < n; ++k) q[static_cast<size_t>(k)] = raw[static_cast<size_t>(x.index(k, n, closed))];
        Candidate c{x, 0, {}};
        c.fit = fit_similarity(dense[i].pa, q, false, &c.rms);
        all.push_back(c);
      }
    }
    std::sort(all.begin(), all.end(), [](const Candidate& x, const Candidate& y) { return x.rms < y.rms; });
    const double least = all.front().rms;
    for (const Candidate& c : all) {
      if (c.rms > 2 * least + 1.0 || cands[i].size() == 8) break;
      // Keep one start of each neighbourhood: a fit one point along is the same answer.
      bool same = std::any_of(cands[i].begin(), cands[i].end(), [&](const Candidate& o) {
        return magnitude(o.fit.m - c.fit.m) < 0.05 && magnitude(o.fit.t - c.fit.t) < 3.0;
      });
      if (!same) cands[i].push_back(c);
    }
  }
  struct Contact {
    size_t other;
    Complex at;  // in A
  };
  std::vector<std::vector<Contact>> contacts(sa_.size());
  for (size_t i = 0; i < sa_.size(); ++i) {
    if (match_.b_of_a[i] < 0) continue;
    for (size_t k = i + 1; k < sa_.size(); ++k) {
      if (match_.b_of_a[k] < 0) continue;
      double touch = std::max(a_.shapes[sa_[i].shape].stroke_width_px, a_.shapes[sa_[k].shape].stroke_width_px) + 3.0;
      if (!dense[i].box_a.near(dense[k].box_a, touch) || !dense[i].box_b.near(dense[k].box_b, touch)) continue;
      auto [d, at] = closest(dense[i].pa, dense[k].pa);
      if (d > touch || closest(dense[i].pb, dense[k].pb).first > touch) continue;
      contacts[i].push_back({k, at});
      contacts[k].push_back({i, at});
    }
  }
  std::vector<size_t> by_length_a;
  for (size_t i = 0; i < sa_.size(); ++i) {
    if (!cands[i].empty()) by_length_a.push_back(i);
  }
  std::stable_sort(by_length_a.begin(), by_length_a.end(), [&](size_t x, size_t y) { return sa_[x].length > sa_[y].length; });
  for (int round = 0; round < 6; ++round) {
    bool changed = false;
    for (size_t i : by_length_a) {
      if (cands[i].size() < 2 || contacts[i].empty()) continue;
      const double size = std::max(2.0, 0.05 * sa_[i].length);
      const double reach = std::max(6.0, 0.15 * sa_[i].length);
      int best = chosen[i];
      double best_score = 1e300;
      for (size_t c = 0; c < cands[i].size(); ++c) {
        double apart = 0, weight = 0;
        for (const Contact& ct : contacts[i]) {
          const Similarity& other = cands[ct.other][static_cast<size_t>(chosen[ct.other])].fit;
          double w = sa_[ct.other].length;
          apart += w * std::min(1.0, magnitude(cands[i][c].fit(ct.at) - other(ct.at)) / reach);
          weight += w;
        }
        double score = cands[i][c].rms / size + (weight > 0 ? 2.0 * apart / weight : 0.0);
        if (score < best_score) best_score = score, best = static_cast<int>(c);
      }
      if (best != chosen[i]) chosen[i] = best, changed = true;
    }
    if (!changed) break;
  }
  for (size_t i = 0; i < sa_.size(); ++i) {
    Part p;
    p.a = static_cast<int>(i);
    int j = match_.b_of_a[i];
    p.pa = std::move(dense[i].pa);
    if (j < 0) {
      parts_.push_back(std::move(p));
      continue;
    }
    p.b = j;
    const std::vector<Complex>& raw = dense[i].pb;
    const int n = static_cast<int>(raw.size());
    const Candidate& best = cands[i][static_cast<size_t>(chosen[i])];
    p.pb.resize(static_cast<size_t>(n));
    for (int k = 0; k < n; ++k) p.pb[static_cast<size_t>(k)] = raw[static_cast<size_t>(best.al.index(k, n, dense[i].closed))];
    p.fit = best.fit;
    parts_.push_back(std::move(p));
  }
  for (size_t j = 0; j < sb_.size(); ++j) {
    if (match_.a_of_b[j] >= 0) continue;
    Part p;
    p.b = static_cast<int>(j);
    const Stroke& t = sb_[j];
    p.pb = resample(b_.shapes[t.shape].contours[t.contour], dense_count(t.length, options_.point_spacing_px));
    parts_.push_back(std::move(p));
  }
  const int np = static_cast<int>(parts_.size());
  auto paired = [&](int k) { return parts_[static_cast<size_t>(k)].a >= 0 && parts_[static_cast<size_t>(k)].b >= 0; };
  if (problem_.empty() && !parts_.empty() &&
      std::none_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.a >= 0 && p.b >= 0; })) {
    problem_ = "the keys have nothing in common: no stroke of one pairs with a stroke of the other";
  }

  // Joints: paired parts that touch in both keys. A true joint moves with both parts, so the
  // edges whose contact point the two parts' fits take to the same place go first (Kruskal).
  std::vector<Box> box_a(static_cast<size_t>(np)), box_b(static_cast<size_t>(np));
  for (int k = 0; k < np; ++k) {
    if (!paired(k)) continue;
    box_a[static_cast<size_t>(k)] = box_of(parts_[static_cast<size_t>(k)].pa);
    box_b[static_cast<size_t>(k)] = box_of(parts_[static_cast<size_t>(k)].pb);
  }
  auto width_of = [&](int k) {
    const Part& p = parts_[static_cast<size_t>(k)];
    return std::max(a_.shapes[sa_[static_cast<size_t>(p.a)].shape].stroke_width_px,
                    b_.shapes[sb_[static_cast<size_t>(p.b)].shape].stroke_width_px);
  };
  struct Edge {
    double error;
    int p, q;
    Complex joint;
  };
  std::vector<Edge> edges;
  for (int p = 0; p < np; ++p) {
    if (!paired(p)) continue;
    for (int q = p + 1; q < np; ++q) {
      if (!paired(q)) continue;
      double touch = std::max(width_of(p), width_of(q)) + 3.0;
      if (!box_a[static_cast<size_t>(p)].near(box_a[static_cast<size_t>(q)], touch) ||
          !box_b[static_cast<size_t>(p)].near(box_b[static_cast<size_t>(q)], touch)) {
        continue;
      }
      const Part& pp = parts_[static_cast<size_t>(p)];
      const Part& pq = parts_[static_cast<size_t>(q)];
      auto [da, ja] = closest(pp.pa, pq.pa);
      if (da > touch) continue;
      auto [db, jb] = closest(pp.pb, pq.pb);
      if (db > touch) continue;
      edges.push_back({magnitude(pp.fit(ja) - pq.fit(ja)), p, q, ja});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.error != y.error ? x.error < y.error : (x.p != y.p ? x.p < y.p : x.q < y.q);
  });
  std::vector<int> group(static_cast<size_t>(np));
  std::iota(group.begin(), group.end(), 0);
  std::function<int(int)> find = [&](int x) {
    while (group[static_cast<size_t>(x)] != x) x = group[static_cast<size_t>(x)] = group[static_cast<size_t>(group[static_cast<size_t>(x)])];
    return x;
  };
  std::vector<std::vector<std::pair<int, Complex>>> adj(static_cast<size_t>(np));
  for (const Edge& e : edges) {
    int gp = find(e.p), gq = find(e.q);
    if (gp == gq) continue;
    group[static_cast<size_t>(gp)] = gq;
    adj[static_cast<size_t>(e.p)].push_back({e.q, e.joint});
    adj[static_cast<size_t>(e.q)].push_back({e.p, e.joint});
  }
  // Each tree hangs from its longest part; children turn about their joint with the parent.
  std::vector<char> placed(static_cast<size_t>(np), 0);
  std::vector<int> by_length;
  for (int k = 0; k < np; ++k) {
    if (paired(k)) by_length.push_back(k);
  }
  std::stable_sort(by_length.begin(), by_length.end(), [&](int x, int y) {
    return sa_[static_cast<size_t>(parts_[static_cast<size_t>(x)].a)].length > sa_[static_cast<size_t>(parts_[static_cast<size_t>(y)].a)].length;
  });
  for (int root : by_length) {
    if (placed[static_cast<size_t>(root)]) continue;
    Part& r = parts_[static_cast<size_t>(root)];
    Complex centre = std::accumulate(r.pa.begin(), r.pa.end(), Complex{0, 0}) / static_cast<double>(r.pa.size());
    r.parent = -1;
    r.pivot = centre;
    placed[static_cast<size_t>(root)] = 1;
    std::vector<int> queue = {root};
    for (size_t h = 0; h < queue.size(); ++h) {
      int p = queue[h];
      for (auto [c, joint] : adj[static_cast<size_t>(p)]) {
        if (placed[static_cast<size_t>(c)]) continue;
        placed[static_cast<size_t>(c)] = 1;
        Part& child = parts_[static_cast<size_t>(c)];
        child.parent = p;
        child.pivot = joint;
        child.rel = parts_[static_cast<size_t>(p)].fit.inverse().after(child.fit);
        if (magnitude(child.rel.m - Complex{1, 0}) > 0.02) {
          child.rel_about_fixed_point = true;
          child.rel_fixed = child.rel.t / (Complex{1, 0} - child.rel.m);
        }
        queue.push_back(c);
      }
    }
  }

  // Unpaired parts travel with the nearest paired part.
  carrier_.assign(static_cast<size_t>(np), -1);
  for (int k = 0; k < np; ++k) {
    if (paired(k)) {
      carrier_[static_cast<size_t>(k)] = k;
      continue;
    }
    const std::vector<Complex>& pts = parts_[static_cast<size_t>(k)].a >= 0 ? parts_[static_cast<size_t>(k)].pa : parts_[static_cast<size_t>(k)].pb;
    const bool in_a = parts_[static_cast<size_t>(k)].a >= 0;
    double best = 1e300;
    for (int q = 0; q < np; ++q) {
      if (!paired(q)) continue;
      const std::vector<Complex>& other = in_a ? parts_[static_cast<size_t>(q)].pa : parts_[static_cast<size_t>(q)].pb;
      for (size_t i = 0; i < pts.size(); i += 4) {
        for (size_t m = 0; m < other.size(); m += 4) {
          double d = std::norm(pts[i] - other[m]);
          if (d < best) best = d, carrier_[static_cast<size_t>(k)] = q;
        }
      }
    }
  }
  // Marks travel with the part nearest them in their key.
  auto nearest_part = [&](const vector::PaintMark& m, bool in_a) {
    Complex c = to_complex(m.center);
    int best_part = -1;
    double best = 1e300;
    for (int k = 0; k < np; ++k) {
      const Part& p = parts_[static_cast<size_t>(k)];
      if ((in_a ? p.a : p.b) < 0) continue;
      for (Complex q : in_a ? p.pa : p.pb) {
        double d = std::norm(q - c);
        if (d < best) best = d, best_part = k;
      }
    }
    return best_part;
  };
  for (const vector::PaintMark& m : a_.marks) mark_part_.push_back(nearest_part(m, true));
  for (const vector::PaintMark& m : b_.marks) mark_part_b_.push_back(nearest_part(m, false));
}

int Inbetweener::paired() const {
  return static_cast<int>(std::count_if(match_.b_of_a.begin(), match_.b_of_a.end(), [](int j) { return j >= 0; }));
}

Similarity Inbetweener::transform_at(int k, double t) const {
  const Part& p = parts_[static_cast<size_t>(k)];
  if (p.parent < 0) {
    // A root turns about its centre while the centre travels straight.
    Complex m = power(p.fit.m, t);
    Complex moved = p.fit(p.pivot);
    return {m, p.pivot + t * (moved - p.pivot) - m * p.pivot};
  }
  Similarity rel;
  Complex m = power(p.rel.m, t);
  if (p.rel_about_fixed_point) {
    rel = {m, p.rel_fixed - m * p.rel_fixed};
  } else {
    Complex drift = p.rel(p.pivot) - p.pivot;
    rel = {m, p.pivot - m * p.pivot + t * drift};
  }
  return transform_at(p.parent, t).after(rel);
}

vector::Drawing Inbetweener::at(double t) const {
  vector::Drawing out;
  out.inbetween = true;
  out.width = a_.width + (b_.width - a_.width) * t;
  out.height = a_.height + (b_.height - a_.height) * t;
  const int np = static_cast<int>(parts_.size());
  std::vector<Similarity> now(static_cast<size_t>(np)), end(static_cast<size_t>(np));
  for (int k = 0; k < np; ++k) {
    if (carrier_[static_cast<size_t>(k)] != k) continue;
    now[static_cast<size_t>(k)] = transform_at(k, t);
    end[static_cast<size_t>(k)] = transform_at(k, 1.0);
  }
  // The points of each part at t.
  auto points_of = [&](int k) {
    const Part& p = parts_[static_cast<size_t>(k)];
    std::vector<Complex> pts;
    int c = carrier_[static_cast<size_t>(k)];
    if (c < 0) return p.a >= 0 ? p.pa : p.pb;  // nothing to travel with
    const Similarity& s = now[static_cast<size_t>(c)];
    if (p.a >= 0 && p.b >= 0) {
      const Similarity& e = end[static_cast<size_t>(k)];
      Complex turn = s.m / e.m;
      pts.resize(p.pa.size());
      for (size_t i = 0; i < p.pa.size(); ++i) pts[i] = s(p.pa[i]) + t * turn * (p.pb[i] - e(p.pa[i]));
    } else if (p.a >= 0) {
      for (Complex q : p.pa) pts.push_back(s(q));
    } else {
      Similarity back = s.after(end[static_cast<size_t>(c)].inverse());
      for (Complex q : p.pb) pts.push_back(back(q));
    }
    return pts;
  };
  // A's shapes, each with its paired contours (and unpaired ones in the first half).
  std::vector<int> part_of_a(sa_.size(), -1), part_of_b(sb_.size(), -1);
  for (int k = 0; k < np; ++k) {
    if (parts_[static_cast<size_t>(k)].a >= 0) part_of_a[static_cast<size_t>(parts_[static_cast<size_t>(k)].a)] = k;
    else part_of_b[static_cast<size_t>(parts_[static_cast<size_t>(k)].b)] = k;
  }
  std::vector<int> out_of_b(b_.shapes.size(), -1);  // per shape of B: the output shape it went into
  for (size_t s = 0; s < a_.shapes.size(); ++s) {
    const vector::Shape& sha = a_.shapes[s];
    vector::Shape shape = sha;
    shape.contours.clear();
    const vector::Shape* shb = nullptr;
    for (size_t i = 0; i < sa_.size(); ++i) {
      if (sa_[i].shape != s) continue;
      int k = part_of_a[i];
      const Part& p = parts_[static_cast<size_t>(k)];
      if (p.b >= 0) {
        const Stroke& sb = sb_[static_cast<size_t>(p.b)];
        if (!shb) shb = &b_.shapes[sb.shape];
        // A stroke closed in one key and open in the other stays open on the way, its gap
        // growing or shrinking with the move, rather than snapping shut half way.
        shape.contours.push_back(polyline(points_of(k), sa_[i].closed && sb.closed));
      } else if (t < 0.5) {
        shape.contours.push_back(polyline(points_of(k), sa_[i].closed));
      }
    }
    if (shape.contours.empty()) continue;
    if (shb) out_of_b[static_cast<size_t>(shb - b_.shapes.data())] = static_cast<int>(out.shapes.size());
    if (shb) {
      shape.fill = mix(sha.fill, shb->fill, t);
      shape.stroke = mix(sha.stroke, shb->stroke, t);
      shape.stroke_width_px = sha.stroke_width_px + (shb->stroke_width_px - sha.stroke_width_px) * t;
    }
    out.shapes.push_back(std::move(shape));
  }
  // B's strokes that nothing in A became, in the second half: into the shape their B shape went
  // into (a new hole stays a hole), else as B's shape, placed after the nearest shape before it in
  // B's drawing order that is already there.
  if (t >= 0.5) {
    std::vector<std::pair<int, vector::Shape>> inserts;  // (output index to insert before, shape)
    int after = -1;
    for (size_t s = 0; s < b_.shapes.size(); ++s) {
      std::vector<vector::Contour> alone;
      for (size_t j = 0; j < sb_.size(); ++j) {
        if (sb_[j].shape == s && part_of_b[j] >= 0) alone.push_back(polyline(points_of(part_of_b[j]), sb_[j].closed));
      }
      if (out_of_b[s] >= 0) {
        auto& cs = out.shapes[static_cast<size_t>(out_of_b[s])].contours;
        cs.insert(cs.end(), alone.begin(), alone.end());
        after = out_of_b[s];
      } else if (!alone.empty()) {
        vector::Shape shape = b_.shapes[s];
        shape.contours = std::move(alone);
        inserts.push_back({after + 1, std::move(shape)});
      }
    }
    std::stable_sort(inserts.begin(), inserts.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto it = inserts.rbegin(); it != inserts.rend(); ++it) {
      out.shapes.insert(out.shapes.begin() + it->first, std::move(it->second));
    }
  }
  // Both keys' marks, the nearer key's first (where two land in one region, the first paints it):
  // a region one key's marks miss, because its shape changes on the way, the other's may catch.
  auto marks_of = [&](bool from_a) {
    const std::vector<vector::PaintMark>& marks = from_a ? a_.marks : b_.marks;
    for (size_t m = 0; m < marks.size(); ++m) {
      vector::PaintMark mark = marks[m];
      int k = from_a ? mark_part_[m] : mark_part_b_[m];
      int c = k >= 0 ? carrier_[static_cast<size_t>(k)] : -1;
      if (c >= 0) {
        const Similarity& s = now[static_cast<size_t>(c)];
        Similarity move = from_a ? s : s.after(end[static_cast<size_t>(c)].inverse());
        mark.center = to_vec(move(to_complex(mark.center)));
      }
      out.marks.push_back(mark);
    }
  };
  marks_of(t < 0.5);
  marks_of(t >= 0.5);
  return out;
}

}  // namespace sakuga::inbetween
