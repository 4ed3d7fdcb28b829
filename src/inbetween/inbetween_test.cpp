#include "inbetween/inbetween.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "inbetween/assignment.h"

namespace sakuga::inbetween {
namespace {

vector::Shape outline(const std::vector<core::Vec2>& pts, bool closed, core::Rgba8 colour = {30, 26, 36, 255}) {
  vector::Shape s;
  vector::Contour c;
  c.closed = closed;
  c.points.push_back(pts[0]);
  for (size_t i = 1; i < pts.size(); ++i) vector::line_to(c, pts[i]);
  if (closed) vector::line_to(c, pts[0]);
  s.contours.push_back(c);
  s.stroke = colour;
  s.stroke_width_px = 3;
  return s;
}

// A rectangle `len` long and `w` wide from `from` at `angle` (radians).
std::vector<core::Vec2> limb(core::Vec2 from, double angle, double len, double w) {
  Complex o = to_complex(from), d = std::polar(1.0, angle), n = d * Complex{0, 1};
  std::vector<Complex> c = {o - n * (w / 2), o + d * len - n * (w / 2), o + d * len + n * (w / 2), o + n * (w / 2)};
  std::vector<core::Vec2> out;
  for (Complex p : c) out.push_back(to_vec(p));
  return out;
}

TEST(Assignment, MatchesBruteForce) {
  std::mt19937 rng(3);
  for (int trial = 0; trial < 40; ++trial) {
    int rows = 1 + static_cast<int>(rng() % 5), cols = rows + static_cast<int>(rng() % 3);
    std::vector<double> cost(static_cast<size_t>(rows * cols));
    for (double& c : cost) c = static_cast<double>(rng() % 100);
    std::vector<int> got = assign_min_cost(cost, rows, cols);
    double got_sum = 0;
    for (int i = 0; i < rows; ++i) got_sum += cost[static_cast<size_t>(i * cols + got[static_cast<size_t>(i)])];
    std::vector<int> perm(static_cast<size_t>(cols));
    std::iota(perm.begin(), perm.end(), 0);
    double best = 1e300;
    do {
      double s = 0;
      for (int i = 0; i < rows; ++i) s += cost[static_cast<size_t>(i * cols + perm[static_cast<size_t>(i)])];
      best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));
    EXPECT_EQ(got_sum, best) << "trial " << trial;
    std::vector<int> sorted = got;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  }
}

TEST(Similarity, FitRecoversATransform) {
  Similarity truth{std::polar(1.3, 0.7), {12, -4}};
  std::vector<Complex> p = {{0, 0}, {10, 0}, {10, 5}, {3, 8}}, q;
  for (Complex x : p) q.push_back(truth(x));
  double rms = 1;
  Similarity s = fit_similarity(p, q, false, &rms);
  EXPECT_NEAR(std::abs(s.m - truth.m), 0, 1e-9);
  EXPECT_NEAR(std::abs(s.t - truth.t), 0, 1e-9);
  EXPECT_NEAR(rms, 0, 1e-9);
  EXPECT_NEAR(std::abs(s.inverse().after(s).m - Complex{1, 0}), 0, 1e-12);
}

// Ten different strokes; key B turns and moves them all, shuffles their order, reverses some and
// starts the closed ones elsewhere. Every stroke still finds its partner.
TEST(Match, ShapeAndPositionNotOrderOrDirection) {
  vector::Drawing a, b;
  a.width = b.width = 400;
  a.height = b.height = 300;
  std::mt19937 rng(11);
  for (int k = 0; k < 10; ++k) {
    double x = 40 + (k % 5) * 70, y = 60 + (k / 5) * 120;
    std::vector<core::Vec2> pts;
    int corners = 3 + k % 4;
    for (int i = 0; i < corners; ++i) {
      double r = 15 + 10 * ((i * 7 + k) % 3);
      pts.push_back({x + r * std::cos(i * 2 * M_PI / corners + k), y + r * std::sin(i * 2 * M_PI / corners + k)});
    }
    a.shapes.push_back(outline(pts, k % 3 != 0));
  }
  Similarity move{std::polar(1.0, 0.2), {30, -10}};
  std::vector<int> order(a.shapes.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (int k : order) {
    vector::Shape s = a.shapes[static_cast<size_t>(k)];
    auto& pts = s.contours[0].points;
    for (auto& p : pts) p = to_vec(move(to_complex(p)));
    if (k % 2 == 0) std::reverse(pts.begin(), pts.end());
    if (s.contours[0].closed) {  // start a segment further on
      std::vector<core::Vec2> rotated(pts.begin() + 3, pts.end());
      rotated.insert(rotated.end(), pts.begin() + 1, pts.begin() + 4);
      pts = rotated;
    }
    b.shapes.push_back(s);
  }
  auto sa = strokes_of(a), sb = strokes_of(b);
  Match m = match_strokes(a, sa, b, sb);
  for (size_t i = 0; i < sa.size(); ++i) {
    ASSERT_GE(m.b_of_a[i], 0) << "stroke " << i;
    EXPECT_EQ(order[static_cast<size_t>(m.b_of_a[i])], static_cast<int>(i)) << "stroke " << i;
    EXPECT_LT(m.alignment[i].rms, 0.5 * sa[i].length / kCoarse) << "stroke " << i;  // samples fall differently
  }
}

TEST(Match, HintsPairWhatTheShapesWouldNot) {
  vector::Drawing a, b;
  a.width = b.width = 200;
  a.height = b.height = 100;
  a.shapes.push_back(outline({{10, 10}, {60, 10}}, false));
  a.shapes.push_back(outline({{10, 50}, {60, 50}}, false));
  b.shapes = a.shapes;
  a.shapes[0].pair = "brow";
  b.shapes[1].pair = "brow";  // the artist says the top line went down
  a.shapes[1].pair = "lid";
  b.shapes[0].pair = "lid";   // and the lower one up
  auto sa = strokes_of(a), sb = strokes_of(b);
  Match m = match_strokes(a, sa, b, sb);
  EXPECT_EQ(m.b_of_a[0], 1);
  EXPECT_EQ(m.b_of_a[1], 0);
}

// An arm in two parts, shoulder fixed: the in-between is forward kinematics at the halfway angles,
// so the hand travels on an arc, not on the straight line between its two positions.
TEST(Inbetween, AnArmSwingsOnArcs) {
  const core::Vec2 shoulder{200, 150};
  auto pose = [&](double upper, double lower) {
    vector::Drawing d;
    d.width = 400;
    d.height = 300;
    Complex elbow = to_complex(shoulder) + std::polar(80.0, upper);
    d.shapes.push_back(outline(limb({120, 150}, 0, 80, 30), true));  // the body, still
    d.shapes.push_back(outline(limb(shoulder, upper, 80, 16), true));
    d.shapes.push_back(outline(limb(to_vec(elbow), upper + lower, 70, 12), true));
    return d;
  };
  vector::Drawing a = pose(0.1, 0.2), b = pose(1.3, 1.0);
  std::swap(b.shapes[1], b.shapes[2]);  // drawn in another order
  Inbetweener ib(a, b);
  ASSERT_EQ(ib.problem(), "");
  EXPECT_EQ(ib.paired(), 3);
  for (double t : {0.25, 0.5, 0.75}) {
    vector::Drawing got = ib.at(t), want = pose(0.1 + 1.2 * t, 0.2 + 0.8 * t);
    ASSERT_EQ(got.shapes.size(), 3u);
    for (size_t s = 0; s < 3; ++s) {
      // Every point of the in-between lies on the true outline (the anchors: a polyline's chords
      // cut the corners by less than its spacing).
      std::vector<Complex> truth = resample(want.shapes[s].contours[0], 400);
      const auto& pts = got.shapes[s].contours[0].points;
      for (size_t i = 0; i < pts.size(); i += 3) {
        const core::Vec2& p = pts[i];
        double best = 1e300;
        for (Complex q : truth) best = std::min(best, std::abs(to_complex(p) - q));
        EXPECT_LT(best, 0.6) << "t " << t << " shape " << s << " at " << p.x << "," << p.y << " of "
                             << got.shapes[s].contours[0].points.size();
      }
    }
  }
}

TEST(Inbetween, StrokesThatAppearAndVanishAndKeysWithNothingInCommon) {
  vector::Drawing a, b;
  a.width = b.width = 200;
  a.height = b.height = 100;
  a.shapes.push_back(outline(limb({20, 50}, 0, 100, 40), true));
  b.shapes.push_back(outline(limb({30, 50}, 0, 100, 40), true));
  b.shapes.push_back(outline({{150, 10}, {190, 90}}, false));  // a new line in B only
  a.marks.push_back({"skin", {70, 50}, 1, 1});
  Inbetweener ib(a, b);
  EXPECT_EQ(ib.problem(), "");
  EXPECT_EQ(ib.at(0.25).shapes.size(), 1u);
  EXPECT_EQ(ib.at(0.75).shapes.size(), 2u);
  EXPECT_NEAR(ib.at(0.5).marks[0].center.x, 75, 1e-6);  // the mark travels with the box
  // Both keys' marks travel, the nearer key's first: a region one misses the other may catch.
  b.marks.push_back({"shade", {90, 60}, 1, 1});
  Inbetweener both(a, b);
  ASSERT_EQ(both.at(0.25).marks.size(), 2u);
  EXPECT_EQ(both.at(0.25).marks[0].style, "skin");
  EXPECT_NEAR(both.at(0.25).marks[1].center.x, 90 - 0.75 * 10, 1e-6);  // B's mark, carried back
  EXPECT_EQ(both.at(0.75).marks[0].style, "shade");
  EXPECT_NEAR(both.at(0.75).marks[0].center.x, 90 - 0.25 * 10, 1e-6);
  vector::Drawing c;
  c.width = 200;
  c.height = 100;
  c.shapes.push_back(outline({{10, 10}, {190, 12}}, false, {200, 30, 30, 255}));
  Inbetweener none(a, c);
  EXPECT_NE(none.problem(), "");
  // A hole that appears in B stays in its shape (a hole, not a blob on top), in the second half.
  vector::Drawing ring_a, ring_b;
  ring_a.width = ring_b.width = 200;
  ring_a.height = ring_b.height = 100;
  ring_a.shapes.push_back(outline(limb({20, 50}, 0, 100, 40), true));
  ring_a.shapes.push_back(outline({{150, 10}, {190, 90}}, false));
  ring_b.shapes = ring_a.shapes;
  vector::Shape holed = outline(limb({20, 50}, 0, 100, 40), true);
  holed.contours.push_back(outline(limb({60, 50}, 0, 20, 10), true).contours[0]);
  ring_b.shapes[0] = holed;
  Inbetweener hole(ring_a, ring_b);
  ASSERT_EQ(hole.at(0.75).shapes.size(), 2u);
  EXPECT_EQ(hole.at(0.75).shapes[0].contours.size(), 2u);
  EXPECT_EQ(hole.at(0.25).shapes[0].contours.size(), 1u);
  // Keys with no lines at all (marks only) have nothing to disagree about.
  vector::Drawing blank_a = c, blank_b = c;
  blank_a.shapes.clear();
  blank_b.shapes.clear();
  blank_a.marks.push_back({"skin", {10, 10}, 1, 1});
  Inbetweener blank(blank_a, blank_b);
  EXPECT_EQ(blank.problem(), "");
  EXPECT_EQ(blank.at(0.5).marks.size(), 1u);
  // A key past the stroke limit is a problem, not a hang.
  vector::Drawing many = a;
  for (size_t k = 0; k < kMaxStrokes; ++k) many.shapes.push_back(outline({{1.0 * k, 1}, {1.0 * k, 5}}, false));
  EXPECT_NE(Inbetweener(a, many).problem().find("strokes; in-betweening takes at most"), std::string::npos);
}

}  // namespace
}  // namespace sakuga::inbetween
