#include "puppet.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "raster/rasterizer.h"

namespace sakuga::puppet {
namespace {

constexpr double kArc = 0.5522847498;  // cubic control distance for a quarter circle
using core::Vec2;

void line(std::vector<Vec2>& pts, Vec2 to) {
  Vec2 from = pts.back();
  pts.push_back({from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3});
  pts.push_back({from.x + (to.x - from.x) * 2 / 3, from.y + (to.y - from.y) * 2 / 3});
  pts.push_back(to);
}

// A quarter of an ellipse about c from angle a (multiple of 90 degrees) on by +90 (dir 1) or -90.
void quarter(std::vector<Vec2>& pts, Vec2 c, double rx, double ry, int a, int dir) {
  auto at = [&](int q) {
    q = ((q % 4) + 4) % 4;
    return q == 0 ? Vec2{c.x + rx, c.y} : q == 1 ? Vec2{c.x, c.y + ry} : q == 2 ? Vec2{c.x - rx, c.y} : Vec2{c.x, c.y - ry};
  };
  auto tangent = [&](int q, int d) {  // unit-ish direction of travel at quarter point q
    q = ((q % 4) + 4) % 4;
    Vec2 t = q == 0 ? Vec2{0, ry} : q == 1 ? Vec2{-rx, 0} : q == 2 ? Vec2{0, -ry} : Vec2{rx, 0};
    return d > 0 ? t : Vec2{-t.x, -t.y};
  };
  Vec2 p0 = at(a), p1 = at(a + dir), t0 = tangent(a, dir), t1 = tangent(a + dir, dir);
  pts.push_back({p0.x + kArc * t0.x, p0.y + kArc * t0.y});
  pts.push_back({p1.x - kArc * t1.x, p1.y - kArc * t1.y});
  pts.push_back(p1);
}

std::vector<Vec2> capsule(double len, double w0, double w1) {
  double r0 = w0 / 2, r1 = w1 / 2;
  std::vector<Vec2> p = {{0, -r0}};
  line(p, {len, -r1});
  quarter(p, {len, 0}, r1, r1, 3, 1);  // (len, -r1) -> (len + r1, 0)
  quarter(p, {len, 0}, r1, r1, 0, 1);  // -> (len, r1)
  line(p, {0, r0});
  quarter(p, {0, 0}, r0, r0, 1, 1);    // -> (-r0, 0)
  quarter(p, {0, 0}, r0, r0, 2, 1);    // -> (0, -r0)
  return p;
}

std::vector<Vec2> ellipse(Vec2 c, double rx, double ry) {
  std::vector<Vec2> p = {{c.x + rx, c.y}};
  for (int q = 0; q < 4; ++q) quarter(p, c, rx, ry, q, 1);
  return p;
}

std::vector<Vec2> curve(Vec2 a, Vec2 c1, Vec2 c2, Vec2 b) { return {a, c1, c2, b}; }

}  // namespace

Puppet::Puppet(int details) {
  const double pi = M_PI;
  auto add = [&](std::string name, int parent, Vec2 attach, double rest, double range, double len, double w0, double w1) {
    bones_.push_back({std::move(name), parent, attach, rest, range, len, w0, w1, {}});
    return static_cast<int>(bones_.size()) - 1;
  };
  int torso = add("torso", -1, {0, 0}, -pi / 2, 0.15, 220, 120, 150);
  int head = add("head", torso, {232, 0}, 0, 0.5, 110, 96, 104);
  int limbs[12];
  for (int side = 0; side < 2; ++side) {
    double s = side == 0 ? -1 : 1;
    int upper = add(side ? "arm.r" : "arm.l", torso, {195, 62 * s}, pi - 0.3 * s, 1.2, 118, 34, 28);
    int fore = add(side ? "forearm.r" : "forearm.l", upper, {118, 0}, 0.35 * s, 1.0, 108, 28, 22);
    int hand = add(side ? "hand.r" : "hand.l", fore, {108, 0}, 0, 0.6, 36, 26, 22);
    int thigh = add(side ? "thigh.r" : "thigh.l", torso, {-10, 36 * s}, pi - 0.06 * s, 0.6, 168, 48, 38);
    int shin = add(side ? "shin.r" : "shin.l", thigh, {168, 0}, -0.1 * s, 0.7, 158, 36, 28);
    int foot = add(side ? "foot.r" : "foot.l", shin, {158, 0}, pi / 2 * s, 0.35, 56, 24, 20);
    int* l = limbs + side * 6;
    l[0] = upper, l[1] = fore, l[2] = hand, l[3] = thigh, l[4] = shin, l[5] = foot;
  }
  // Details, in each bone's frame.
  auto detail = [&](int b, std::string name, std::vector<Vec2> pts, bool closed) {
    bones_[static_cast<size_t>(b)].details.push_back({std::move(pts), closed, bones_[static_cast<size_t>(b)].name + "/" + name});
  };
  detail(head, "eye.l", ellipse({64, -22}, 10, 7), true);
  detail(head, "eye.r", ellipse({64, 22}, 10, 7), true);
  detail(head, "mouth", curve({34, -16}, {26, -6}, {26, 6}, {34, 16}), false);
  detail(head, "nose", curve({46, 0}, {49, 2}, {53, 2}, {56, 0}), false);
  detail(head, "brow.l", curve({82, -12}, {86, -18}, {86, -26}, {84, -32}), false);
  detail(head, "brow.r", curve({82, 12}, {86, 18}, {86, 26}, {84, 32}), false);
  detail(head, "fringe", curve({118, -40}, {100, -20}, {104, 10}, {120, 30}), false);
  detail(torso, "collar", {{206, -44}, {196, -30}, {188, -14}, {182, 0}, {188, 14}, {196, 30}, {206, 44}}, false);
  detail(torso, "belt", curve({22, -56}, {26, -20}, {26, 20}, {22, 56}), false);
  detail(torso, "shadow", curve({40, 42}, {90, 52}, {140, 52}, {185, 44}), false);
  for (int k = 0; k < 12; ++k) {
    const Bone& b = bones_[static_cast<size_t>(limbs[k])];
    for (int d = 0; d < details; ++d) {
      double x = b.length * (d + 1) / (details + 1);
      double w = b.w0 + (b.w1 - b.w0) * x / b.length;
      double reach = (0.22 + 0.12 * ((d * 7 + k) % 3)) * w, bend = (d % 2 ? 1 : -1) * 0.12 * w;
      detail(limbs[k], "fold" + std::to_string(d), curve({x - bend, -reach}, {x + bend, -reach / 3}, {x + bend, reach / 3}, {x - bend, reach}), false);
    }
  }
}

Pose Puppet::random_pose(std::mt19937& rng, double reach, double travel) const {
  std::uniform_real_distribution<double> u(-1, 1);
  Pose p;
  p.root = {960 + travel * u(rng), 600 + 0.25 * travel * u(rng)};
  for (const Bone& b : bones_) p.angles.push_back(b.rest + reach * b.range * u(rng));
  p.root_angle = p.angles[0];
  return p;
}

Pose Puppet::mix(const Pose& a, const Pose& b, double t) {
  Pose p;
  p.root = {a.root.x + (b.root.x - a.root.x) * t, a.root.y + (b.root.y - a.root.y) * t};
  p.root_angle = a.root_angle + (b.root_angle - a.root_angle) * t;
  for (size_t i = 0; i < a.angles.size(); ++i) p.angles.push_back(a.angles[i] + (b.angles[i] - a.angles[i]) * t);
  return p;
}

vector::Drawing Puppet::draw(const Pose& pose) const {
  vector::Drawing d;
  d.width = 1920;
  d.height = 1080;
  std::vector<core::Affine> world(bones_.size());
  for (size_t i = 0; i < bones_.size(); ++i) {
    const Bone& b = bones_[i];
    if (b.parent < 0) {
      world[i] = core::Affine::translate(pose.root.x, pose.root.y) * core::Affine::rotate_deg(pose.root_angle * 180 / M_PI);
    } else {
      world[i] = world[static_cast<size_t>(b.parent)] * core::Affine::translate(b.attach.x, b.attach.y) *
                 core::Affine::rotate_deg(pose.angles[i] * 180 / M_PI);
    }
  }
  auto shape = [&](const std::vector<Vec2>& pts, bool closed, const core::Affine& m, std::string id, double width) {
    vector::Shape s;
    vector::Contour c;
    c.closed = closed;
    for (Vec2 p : pts) c.points.push_back(m.apply(p));
    s.contours.push_back(std::move(c));
    s.stroke = core::Rgba8{30, 26, 36, 255};
    s.stroke_width_px = width;
    s.id = std::move(id);
    d.shapes.push_back(std::move(s));
  };
  for (size_t i = 0; i < bones_.size(); ++i) {
    const Bone& b = bones_[i];
    shape(capsule(b.length, b.w0, b.w1), true, world[i], b.name, 3);
    for (const Detail& det : b.details) shape(det.points, det.closed, world[i], det.name, 2);
  }
  return d;
}

vector::Drawing scramble(const vector::Drawing& d, std::mt19937& rng, std::vector<int>* from) {
  std::vector<int> order(d.shapes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::shuffle(order.begin(), order.end(), rng);
  vector::Drawing out = d;
  out.shapes.clear();
  for (int k : order) {
    vector::Shape s = d.shapes[static_cast<size_t>(k)];
    for (vector::Contour& c : s.contours) {
      const size_t m = c.segment_count();
      if (c.closed && m > 1) {
        size_t start = rng() % m;
        std::vector<Vec2> p = {c.points[3 * start]};
        for (size_t i = 0; i < m; ++i) {
          size_t seg = (start + i) % m;
          for (size_t j = 1; j <= 3; ++j) p.push_back(c.points[3 * seg + j]);
        }
        c.points = std::move(p);
      }
      if (!c.closed || rng() % 2) std::reverse(c.points.begin(), c.points.end());
    }
    out.shapes.push_back(std::move(s));
  }
  if (from) *from = order;
  return out;
}

namespace {

// Line pixels of a drawing: every stroke 2 px wide, fills left out.
std::vector<uint8_t> line_mask(const vector::Drawing& d, int w, int h) {
  vector::Drawing lines = d;
  lines.marks.clear();
  for (vector::Shape& s : lines.shapes) {
    s.fill.reset();
    s.stroke = core::Rgba8{0, 0, 0, 255};
    s.stroke_width_px = 2;
  }
  raster::Cel cel = raster::rasterize(lines, core::Affine(), {0, 0, w, h});
  std::vector<uint8_t> mask(static_cast<size_t>(w) * h, 0);
  for (int y = 0; y < cel.pixels.height(); ++y) {
    for (int x = 0; x < cel.pixels.width(); ++x) {
      if (cel.pixels.at(x, y).a >= 128) mask[static_cast<size_t>(cel.y + y) * w + cel.x + x] = 1;
    }
  }
  return mask;
}

// Squared Euclidean distance to the nearest set pixel (Felzenszwalb and Huttenlocher's
// lower envelope of parabolas, rows then columns).
std::vector<double> distance_squared(const std::vector<uint8_t>& mask, int w, int h) {
  const double kFar = 1e20;
  std::vector<double> f(static_cast<size_t>(w) * h);
  for (size_t i = 0; i < f.size(); ++i) f[i] = mask[i] ? 0 : kFar;
  auto pass = [&](double* data, int n, ptrdiff_t step, std::vector<double>& z, std::vector<int>& v, std::vector<double>& in) {
    for (int i = 0; i < n; ++i) in[static_cast<size_t>(i)] = data[i * step];
    int k = 0;
    v[0] = 0;
    z[0] = -kFar;
    z[1] = kFar;
    for (int q = 1; q < n; ++q) {
      if (in[static_cast<size_t>(q)] >= kFar) continue;
      if (in[static_cast<size_t>(v[0])] >= kFar) {
        v[0] = q;
        continue;
      }
      double s;
      while (true) {
        int p = v[static_cast<size_t>(k)];
        s = ((in[static_cast<size_t>(q)] + double(q) * q) - (in[static_cast<size_t>(p)] + double(p) * p)) / (2.0 * (q - p));
        if (s <= z[static_cast<size_t>(k)] && k > 0) {
          --k;
          continue;
        }
        break;
      }
      ++k;
      v[static_cast<size_t>(k)] = q;
      z[static_cast<size_t>(k)] = s;
      z[static_cast<size_t>(k) + 1] = kFar;
    }
    if (in[static_cast<size_t>(v[0])] >= kFar) return;  // nothing set on this line
    k = 0;
    for (int q = 0; q < n; ++q) {
      while (z[static_cast<size_t>(k) + 1] < q) ++k;
      int p = v[static_cast<size_t>(k)];
      data[q * step] = double(q - p) * (q - p) + in[static_cast<size_t>(p)];
    }
  };
  const int n = std::max(w, h);
  std::vector<double> z(static_cast<size_t>(n) + 1), in(static_cast<size_t>(n));
  std::vector<int> v(static_cast<size_t>(n));
  for (int y = 0; y < h; ++y) pass(f.data() + static_cast<size_t>(y) * w, w, 1, z, v, in);
  for (int x = 0; x < w; ++x) pass(f.data() + x, h, w, z, v, in);
  return f;
}

void one_way(const std::vector<uint8_t>& from, const std::vector<double>& to_dist, double& mean, double& p95) {
  std::vector<double> d;
  for (size_t i = 0; i < from.size(); ++i) {
    if (from[i]) d.push_back(std::sqrt(to_dist[i]));
  }
  if (d.empty()) {
    mean = p95 = 0;
    return;
  }
  double sum = 0;
  for (double x : d) sum += x;
  mean = sum / static_cast<double>(d.size());
  size_t k = static_cast<size_t>(0.95 * static_cast<double>(d.size() - 1));
  std::nth_element(d.begin(), d.begin() + static_cast<ptrdiff_t>(k), d.end());
  p95 = d[k];
}

}  // namespace

Chamfer chamfer(const vector::Drawing& got, const vector::Drawing& want) {
  const int w = static_cast<int>(std::lround(want.width)), h = static_cast<int>(std::lround(want.height));
  std::vector<uint8_t> g = line_mask(got, w, h), t = line_mask(want, w, h);
  std::vector<double> dg = distance_squared(g, w, h), dt = distance_squared(t, w, h);
  double m1, p1, m2, p2;
  one_way(g, dt, m1, p1);
  one_way(t, dg, m2, p2);
  return {(m1 + m2) / 2, std::max(p1, p2)};
}

}  // namespace sakuga::puppet
