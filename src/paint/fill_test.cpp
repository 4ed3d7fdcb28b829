#include "paint/fill.h"

#include <gtest/gtest.h>

#include "paint/qa.h"

#include <cmath>
#include <random>

namespace sakuga::paint {
namespace {

// Line art drawn pixel by pixel: style 1 is "line", 2 "trace", paints 3 "skin", 4 "shadow".
struct Sketch {
  LineArt art;
  explicit Sketch(int w, int h) {
    art.width = w;
    art.height = h;
    art.coverage.assign(static_cast<size_t>(w) * h, 0);
    art.ink.assign(art.coverage.size(), 0);
    art.styles = {{"line", {}}, {"trace", {}}, {"skin", {}}, {"shadow", {}}};
  }
  void put(int x, int y, uint8_t cov = 255, uint16_t ink = 1) {
    if (x < 0 || y < 0 || x >= art.width || y >= art.height) return;
    size_t p = static_cast<size_t>(y) * art.width + x;
    art.coverage[p] = std::max(art.coverage[p], cov);
    art.ink[p] = ink;
  }
  void rect(int x0, int y0, int x1, int y1, int t = 3, uint16_t ink = 1) {  // outline, t pixels thick, inside
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        if (x < x0 + t || x >= x1 - t || y < y0 + t || y >= y1 - t) put(x, y, 255, ink);
      }
    }
  }
  void clear(int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        size_t p = static_cast<size_t>(y) * art.width + x;
        art.coverage[p] = 0;
        art.ink[p] = 0;
      }
    }
  }
  uint32_t paint_at(const FillResult& r, int x, int y) const { return IndexedCel::paint(r.cel.row(y)[x]); }
};

FillMark mark(double x, double y, uint32_t style = 3) { return {{x + 0.5, y + 0.5}, style, style == 3 ? "skin" : "shadow", {1, 1}}; }

FillResult run(const Sketch& s, std::vector<FillMark> marks, int gaps = 6) {
  FillOptions o;
  o.close_gaps_px = gaps;
  return fill(s.art, marks, o);
}

// A box with a gap of `gap` pixels in its top (or left) side: closed up to the limit, open beyond.
TEST(Fill, GapsUpToTheLimitCloseWiderOnesDoNot) {
  for (int limit = 0; limit <= 8; ++limit) {
    for (int gap = 1; gap <= 8; ++gap) {
      for (bool vertical : {false, true}) {
        Sketch s(120, 100);
        s.rect(20, 20, 100, 80);
        if (vertical) s.clear(20, 45, 23, 45 + gap);
        else s.clear(55, 20, 55 + gap, 23);
        FillResult r = run(s, {mark(60, 50)}, limit);
        bool closed = r.marks[0] == MarkOutcome::kPainted;
        EXPECT_EQ(closed, gap <= limit) << "limit " << limit << " gap " << gap << (vertical ? " (left side)" : " (top)");
        if (closed) {
          EXPECT_EQ(s.paint_at(r, 60, 50), 3u);
          EXPECT_EQ(s.paint_at(r, 5, 5), 0u) << "the outside stays unpainted";
          // The closed gap itself: painted inside, not outside.
          if (!vertical) {
            EXPECT_EQ(s.paint_at(r, 55 + gap / 2, 22), 3u);
          }
        } else {
          EXPECT_EQ(r.marks[0], MarkOutcome::kOutside);
        }
      }
    }
  }
}

TEST(Fill, PaintRunsUnderTheLinesAndLeavesNoHalo) {
  Sketch s(80, 60);
  s.rect(10, 10, 70, 50, 4);
  // An anti-aliased fringe inside the box: light coverage below the line threshold.
  for (int x = 14; x < 66; ++x) s.put(x, 14, 60);
  FillResult r = run(s, {mark(40, 30)});
  for (int x = 14; x < 66; ++x) {
    EXPECT_EQ(s.paint_at(r, x, 12), 3u) << "inner half of the line takes the paint, x " << x;
    EXPECT_EQ(s.paint_at(r, x, 14), 3u) << "the fringe is painted, x " << x;
  }
  EXPECT_EQ(s.paint_at(r, 40, 10), 0u) << "the outer half of the line borders the outside";
  Palette pal;
  pal.styles = {{"line", {0, 0, 0, 255}}, {"trace", {0, 0, 255, 255}}, {"skin", {250, 200, 180, 255}},
                {"shadow", {150, 100, 90, 255}}};
  auto rgba = to_rgba(r.cel, pal, "");
  EXPECT_EQ(rgba.at(40, 30), (core::Rgba8{250, 200, 180, 255}));
  EXPECT_EQ(rgba.at(40, 12).a, 255);  // line over paint: opaque, no transparent halo
  EXPECT_EQ(rgba.at(3, 3).a, 0);      // transparent outside the figure
}

TEST(Fill, TraceLinesBoundRegionsAndVanishIntoThem) {
  Sketch s(100, 60);
  s.rect(10, 10, 90, 50, 3);
  for (int y = 13; y < 47; ++y) {
    for (int x = 49; x < 52; ++x) s.put(x, y, 255, 2);  // a colour trace line down the middle
  }
  FillResult r = run(s, {mark(30, 30, 3), mark(70, 30, 4)});
  EXPECT_EQ(r.marks[0], MarkOutcome::kPainted);
  EXPECT_EQ(r.marks[1], MarkOutcome::kPainted);
  Palette pal;
  pal.styles = {{"line", {0, 0, 0, 255}}, {"trace", {0, 0, 255, 255}, true}, {"skin", {250, 200, 180, 255}},
                {"shadow", {150, 100, 90, 255}}};
  auto rgba = to_rgba(r.cel, pal, "");
  for (int x = 45; x < 56; ++x) {
    core::Rgba8 c = rgba.at(x, 30);
    EXPECT_TRUE(c == (core::Rgba8{250, 200, 180, 255}) || c == (core::Rgba8{150, 100, 90, 255})) << "x " << x;
  }
  EXPECT_EQ(rgba.at(49, 30), (core::Rgba8{250, 200, 180, 255}));  // the line splits between its two sides
  EXPECT_EQ(rgba.at(51, 30), (core::Rgba8{150, 100, 90, 255}));
}

// Where a trace line runs out past the outline, nothing is painted beside it: there it is drawn as
// the drawing's line, in the cel and in the region map a build draws frames from.
TEST(Fill, ATraceLinePastTheOutlineIsLine) {
  Sketch s(100, 60);
  s.art.trace = {false, false, true, false, false};
  s.art.line_ink = 1;
  s.rect(10, 10, 90, 50, 3);
  for (int y = 2; y < 47; ++y) {
    for (int x = 49; x < 52; ++x) s.put(x, y, 255, 2);  // from above the box down the middle
  }
  FillOptions o;
  o.region_map = true;
  FillResult r = fill(s.art, {mark(30, 30, 3), mark(70, 30, 4)}, o);
  EXPECT_EQ(IndexedCel::ink(r.cel.row(5)[50]), 1u) << "outside the box the trace line is line";
  EXPECT_EQ(r.region_map.at(50, 5), 1u);
  EXPECT_EQ(IndexedCel::ink(r.cel.row(30)[50]), 2u) << "inside it stays a trace line";
  EXPECT_NE(r.region_map.at(50, 30), 1u);
  EXPECT_EQ(r.region_map.at(5, 5), 0u);
}

// A close-up: the face runs off three edges of the cel and has more of its edge than the sky
// above it. The mark says the face is the figure; the sky, unmarked, is the outside.
TEST(Fill, InACloseUpTheMarkedFigureIsNotTheOutside) {
  Sketch s(100, 60);
  for (int x = 0; x < 100; ++x) {
    for (int y = 19; y < 22; ++y) s.put(x, y);  // the top of the head, edge to edge
  }
  FillResult r = run(s, {mark(50, 40)});
  EXPECT_EQ(r.marks[0], MarkOutcome::kPainted);
  EXPECT_EQ(s.paint_at(r, 50, 58), 3u);
  EXPECT_EQ(s.paint_at(r, 50, 5), 0u);
  FillOptions close_up;
  close_up.leak_share = 0.7;  // the face is 63 % of the cel: the default 35 % would call it a leak
  QaReport qa = check_cel(PreparedArt{s.art, {mark(50, 40)}, {""}, {}}, r, close_up);
  EXPECT_EQ(qa.failures(), 0) << qa_json(qa, "closeup", 100, 60);
  // The same cel with a mark in the sky too: every region on the edge is marked, and the one with
  // the most of the edge is taken for the outside, so a mark there is reported.
  FillResult both = run(s, {mark(50, 40), mark(50, 5)});
  EXPECT_EQ(both.marks[0], MarkOutcome::kOutside);
  EXPECT_EQ(both.marks[1], MarkOutcome::kPainted);
}

TEST(Fill, MarksInEveryShapeOfRegion) {
  Sketch s(200, 140);
  s.rect(10, 10, 90, 90);     // outer square
  s.rect(35, 35, 65, 65);     // inner square: the band between is a ring
  s.rect(110, 10, 190, 90);   // a U: a box with a bar down from the top
  for (int y = 10; y < 70; ++y) {
    for (int x = 148; x < 152; ++x) s.put(x, y);
  }
  s.rect(10, 100, 60, 106, 2);  // a thin slit, 2 px tall inside: narrower than the ball
  for (int x = 150; x < 200; ++x) s.put(x, 120);  // a line cutting the corner: a region on the edge
  for (int y = 120; y < 140; ++y) s.put(150, y);
  FillResult r = run(s, {mark(20, 50), mark(50, 50, 4), mark(120, 30), mark(30, 102), mark(170, 130, 4)});
  for (size_t i = 0; i < r.marks.size(); ++i) EXPECT_EQ(r.marks[i], MarkOutcome::kPainted) << "mark " << i;
  EXPECT_EQ(s.paint_at(r, 80, 20), 3u);    // the ring all round
  EXPECT_EQ(s.paint_at(r, 50, 80), 3u);
  EXPECT_EQ(s.paint_at(r, 50, 50), 4u);    // its hole is its own region
  EXPECT_EQ(s.paint_at(r, 180, 30), 3u);   // the U's other arm, round the bottom
  EXPECT_EQ(s.paint_at(r, 55, 103), 3u);   // the slit, end to end
  EXPECT_EQ(s.paint_at(r, 198, 138), 4u);  // the corner region against the cel's edge
  EXPECT_EQ(s.paint_at(r, 100, 130), 0u);  // the outside
}

// A square spiral corridor (one mark at its inner end paints it to the outer end) and a comb whose
// teeth are narrower than the gap-closing ball (one mark in its back paints every tooth), for
// corridors wider and narrower than the ball.
TEST(Fill, OneMarkPaintsASpiralAndAComb) {
  for (int corridor : {4, 12}) {
    const int t = 2, step = corridor + t, turns = 4, size = 2 * turns * step + 4 * step;
    Sketch s(size + 140, std::max(size + 20, 130));
    // The spiral's wall: a square spiral line, each side one corridor further out than the last.
    int x = size / 2 + 10, y = size / 2 + 10, len = step;
    int dx[] = {1, 0, -1, 0}, dy[] = {0, 1, 0, -1};
    for (int side = 0; side < 4 * turns; ++side) {
      for (int i = 0; i < len; ++i, x += dx[side % 4], y += dy[side % 4]) {
        for (int k = 0; k < t; ++k) s.put(x + k * dy[side % 4], y + k * dx[side % 4]);
      }
      if (side % 2 == 1) len += step;
    }
    s.rect(2, 2, size + 18, size + 18, t);  // a box round it: the spiral's outer end opens into it
    // The comb: a box, and bars down from its top leaving teeth `corridor` px wide.
    const int cx0 = size + 30, cx1 = size + 130;
    s.rect(cx0, 10, cx1, 110, t);
    for (int bx = cx0 + t + corridor; bx + t < cx1 - t; bx += corridor + t) {
      for (int by = 10; by < 80; ++by) {
        for (int k = 0; k < t; ++k) s.put(bx + k, by);
      }
    }
    FillResult r = run(s, {mark(size / 2 + 10 + 1 + t, size / 2 + 10 + t + corridor / 2), mark(cx0 + 50, 100)});
    EXPECT_EQ(r.marks[0], MarkOutcome::kPainted) << corridor;
    EXPECT_EQ(r.marks[1], MarkOutcome::kPainted) << corridor;
    QaReport qa = check_cel(PreparedArt{s.art, {}, {}, {}}, r, FillOptions{});
    EXPECT_EQ(qa.unpainted, 0) << "corridor " << corridor << ": " << qa_json(qa, "spiral", s.art.width, s.art.height);
    for (int tx = cx0 + t + corridor / 2; tx < cx1 - t - corridor; tx += corridor + t) {
      EXPECT_EQ(s.paint_at(r, tx, 20), 3u) << "corridor " << corridor << ": tooth at " << tx;
    }
  }
}

TEST(Fill, MarksOnLinesOffTheCelAndInConflict) {
  Sketch s(80, 60);
  s.rect(10, 10, 70, 50, 3);
  FillResult r = run(s, {mark(11, 30), mark(40, 30), mark(42, 32, 4), mark(40, 30), mark(-5, 10), mark(40, 200)});
  EXPECT_EQ(r.marks[0], MarkOutcome::kPainted);  // on the line: the region a pixel or two away
  EXPECT_EQ(r.marks[1], MarkOutcome::kSame);
  EXPECT_EQ(r.marks[2], MarkOutcome::kConflict);
  EXPECT_EQ(r.marks[3], MarkOutcome::kSame);
  EXPECT_EQ(r.marks[4], MarkOutcome::kOffCanvas);
  EXPECT_EQ(r.marks[5], MarkOutcome::kOffCanvas);
  // Absurdly far, or nowhere (a transform gone wrong): off the cel, in the QA picture too.
  std::vector<FillMark> far = {mark(1e300, 30), mark(40, -1e300), mark(std::nan(""), 30)};
  FillResult f = run(s, far);
  for (MarkOutcome o : f.marks) EXPECT_EQ(o, MarkOutcome::kOffCanvas);
  PreparedArt art{s.art, far, {"", "", ""}, {}};
  FillOptions keep;
  keep.keep_labels = true;
  FillResult fk = fill(s.art, far, keep);
  QaReport qa = check_cel(art, fk, keep);
  EXPECT_EQ(qa.failures(), 4);  // the three marks, and the box no mark paints
  EXPECT_EQ(qa_overlay(to_rgba(fk.cel, Palette{}, "").cview(), fk, qa, far).width(), 80);
  Sketch thick(80, 60);
  thick.rect(10, 10, 70, 50, 12);
  FillResult t = run(thick, {mark(15, 30)});
  EXPECT_EQ(t.marks[0], MarkOutcome::kOnLine);
}

TEST(Fill, ClosedFilledShapesKeepTheirFills) {
  Sketch s(80, 60);
  s.rect(10, 10, 70, 50, 3);
  std::vector<uint16_t> fixed(80 * 60, 0);
  for (int y = 25; y < 35; ++y) {
    for (int x = 30; x < 40; ++x) fixed[static_cast<size_t>(y) * 80 + x] = 4;  // an eye, no outline
  }
  s.art.fixed = PaintMap(fixed.data(), 80, 60);
  FillResult r = run(s, {mark(50, 30)});
  EXPECT_EQ(s.paint_at(r, 35, 30), 4u);
  EXPECT_EQ(s.paint_at(r, 50, 30), 3u);
}

TEST(Qa, UnpaintedRegionsLeaksAndBadMarksAreReported) {
  Sketch s(200, 200);
  s.rect(10, 10, 190, 190, 3);  // a box around almost everything: painting it is a leak
  s.rect(20, 20, 40, 40, 2);    // a small box nobody painted
  PreparedArt art;
  art.art = s.art;
  art.marks = {mark(100, 100), mark(5, 5)};
  art.unknown_styles = {"", ""};
  FillOptions o;
  FillResult r = fill(art.art, art.marks, o);
  QaReport q = check_cel(art, r, o);
  EXPECT_EQ(q.regions, 2);
  EXPECT_EQ(q.unpainted, 1);
  ASSERT_EQ(q.failures(), 3) << qa_json(q, "d", 200, 200);
  auto count = [&](QaKind k) { return std::count_if(q.issues.begin(), q.issues.end(), [&](const QaIssue& i) { return i.kind == k; }); };
  EXPECT_EQ(count(QaKind::kUnpainted), 1);
  EXPECT_EQ(count(QaKind::kLeak), 1);
  EXPECT_EQ(count(QaKind::kMarkOutside), 1);
  std::string json = qa_json(q, "cuts/c001/A/1.svg", 200, 200);
  EXPECT_NE(json.find("\"kind\": \"unpainted\""), std::string::npos);
  EXPECT_NE(json.find("\"ok\": false"), std::string::npos);
  // In a generated in-between the marks came from its keys: one that lands outside says nothing,
  // but the regions are still checked.
  o.travelled_marks = true;
  QaReport travelled = check_cel(art, r, o);
  EXPECT_EQ(travelled.failures(), 2);
  o.sliver_px = 500;  // the small box (19x19) is a sliver that opened as parts moved: a note
  QaReport sliver = check_cel(art, r, o);
  EXPECT_EQ(sliver.failures(), 1);
  EXPECT_EQ(sliver.unpainted, 0);
  EXPECT_EQ(std::count_if(travelled.issues.begin(), travelled.issues.end(),
                          [](const QaIssue& i) { return i.kind == QaKind::kMarkOutside; }),
            0);
}

}  // namespace
}  // namespace sakuga::paint

namespace sakuga::paint {
namespace {

// Random line art: thick segments and rings, with marks scattered over it.
Sketch random_sketch(uint32_t seed, std::vector<FillMark>& marks) {
  std::mt19937 rng(seed);
  Sketch s(160, 120);
  for (int k = 0; k < 10; ++k) {
    double x0 = rng() % 160, y0 = rng() % 120, x1 = rng() % 160, y1 = rng() % 120, r = 1 + rng() % 3;
    int steps = 200;
    for (int i = 0; i <= steps; ++i) {
      double t = double(i) / steps, cx = x0 + (x1 - x0) * t, cy = y0 + (y1 - y0) * t;
      for (int dy = -3; dy <= 3; ++dy) {
        for (int dx = -3; dx <= 3; ++dx) {
          double d = std::sqrt(double(dx * dx + dy * dy));
          if (d <= r) s.put(int(cx) + dx, int(cy) + dy, 255, 1 + (k % 3 == 0));
          else if (d <= r + 1) s.put(int(cx) + dx, int(cy) + dy, 70, 1);  // an anti-aliased fringe
        }
      }
    }
  }
  for (int k = 0; k < 12; ++k) marks.push_back(mark(rng() % 160, rng() % 120, 3 + k % 2));
  return s;
}

// The fast path (regions written only where needed) against the same fill writing every pixel's
// region: identical cels, on random line art, at every gap limit.
TEST(Fill, WritingEveryRegionOrOnlyTheNeededOnesGivesTheSameCel) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    for (int gaps : {0, 1, 2, 5, 6}) {
      std::vector<FillMark> marks;
      Sketch s = random_sketch(seed, marks);
      FillOptions fast, full;
      fast.close_gaps_px = full.close_gaps_px = gaps;
      full.keep_labels = true;
      FillResult a = fill(s.art, marks, fast), b = fill(s.art, marks, full);
      ASSERT_EQ(a.marks, b.marks) << seed << " " << gaps;
      for (int y = 0; y < s.art.height; ++y) {
        for (int x = 0; x < s.art.width; ++x) {
          ASSERT_EQ(a.cel.row(y)[x], b.cel.row(y)[x]) << "seed " << seed << " gaps " << gaps << " at " << x << "," << y;
        }
      }
    }
  }
}

// Every line pixel takes a region at the least city-block distance from it, checked by brute force
// against every open pixel.
TEST(Fill, LinesTakeTheNearestRegion) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    for (int gaps : {0, 6}) {
      std::vector<FillMark> marks;
      Sketch s = random_sketch(seed, marks);
      FillOptions o;
      o.close_gaps_px = gaps;
      o.keep_labels = true;
      FillResult r = fill(s.art, marks, o);
      const int w = s.art.width, h = s.art.height;
      auto open = [&](int x, int y) { return s.art.coverage[static_cast<size_t>(y) * w + x] < o.line_threshold; };
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          if (open(x, y)) continue;
          int best = 1 << 30;
          std::vector<int32_t> nearest;
          for (int qy = 0; qy < h; ++qy) {
            for (int qx = 0; qx < w; ++qx) {
              if (!open(qx, qy)) continue;
              int d = std::abs(qx - x) + std::abs(qy - y);
              if (d < best) nearest.clear(), best = d;
              if (d == best) nearest.push_back(r.labels[static_cast<size_t>(qy) * w + qx]);
            }
          }
          int32_t got = r.labels[static_cast<size_t>(y) * w + x];
          ASSERT_NE(std::find(nearest.begin(), nearest.end(), got), nearest.end())
              << "seed " << seed << " gaps " << gaps << ": line pixel " << x << "," << y << " took region " << got
              << ", " << best << " px from the nearest open pixel";
        }
      }
    }
  }
}

// Without gap closing, the regions are the 4-connected areas between lines: a flood fill says which
// area each pixel is in, and every pixel of a marked area has the first mark's paint.
TEST(Fill, WithoutGapClosingRegionsAreTheAreasBetweenLines) {
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    std::vector<FillMark> all, marks;
    Sketch s = random_sketch(seed, all);
    FillOptions o;
    o.close_gaps_px = 0;
    o.pinhole_px = 0;
    for (const FillMark& m : all) {  // marks on open pixels (one on a line looks around it)
      if (s.art.coverage[static_cast<size_t>(m.at.y) * s.art.width + static_cast<size_t>(m.at.x)] < o.line_threshold) {
        marks.push_back(m);
      }
    }
    FillResult r = fill(s.art, marks, o);
    const int w = s.art.width, h = s.art.height;
    std::vector<int> area(static_cast<size_t>(w) * h, -1);
    int areas = 0;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        size_t p = static_cast<size_t>(y) * w + x;
        if (s.art.coverage[p] >= o.line_threshold || area[p] >= 0) continue;
        std::vector<std::pair<int, int>> stack = {{x, y}};
        area[p] = areas;
        while (!stack.empty()) {
          auto [cx, cy] = stack.back();
          stack.pop_back();
          for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            int nx = cx + dx, ny = cy + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            size_t q = static_cast<size_t>(ny) * w + nx;
            if (s.art.coverage[q] < o.line_threshold && area[q] < 0) {
              area[q] = areas;
              stack.push_back({nx, ny});
            }
          }
        }
        ++areas;
      }
    }
    EXPECT_EQ(static_cast<int>(r.regions.size()), areas) << seed;
    // The paint each area should have: its first mark's, unless the area is the outside.
    std::vector<uint32_t> want(static_cast<size_t>(areas), 0);
    for (size_t i = 0; i < marks.size(); ++i) {
      int mx = static_cast<int>(marks[i].at.x), my = static_cast<int>(marks[i].at.y);
      int a = area[static_cast<size_t>(my) * w + mx];
      if (a >= 0 && r.marks[i] != MarkOutcome::kOutside && want[static_cast<size_t>(a)] == 0) {
        want[static_cast<size_t>(a)] = marks[i].style;
      }
    }
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        int a = area[static_cast<size_t>(y) * w + x];
        if (a < 0) continue;
        ASSERT_EQ(IndexedCel::paint(r.cel.row(y)[x]), want[static_cast<size_t>(a)]) << "seed " << seed << " at " << x << "," << y;
      }
    }
  }
}

}  // namespace
}  // namespace sakuga::paint
