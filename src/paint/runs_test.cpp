// Run-length masks against plain per-pixel references, on random and structured masks.
#include "paint/runs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace sakuga::paint {
namespace {

using Bitmap = std::vector<uint8_t>;  // 0 or 255 per pixel

Bitmap to_bitmap(const RunMask& m) {
  Bitmap b(static_cast<size_t>(m.width) * m.height, 0);
  for (int y = 0; y < m.height; ++y) {
    for (size_t i = m.row_begin(y); i < m.row_end(y); ++i) {
      EXPECT_LT(m.runs[i].x0, m.runs[i].x1);
      if (i > m.row_begin(y)) {
        EXPECT_LT(m.runs[i - 1].x1, m.runs[i].x0) << "runs are separate and sorted";
      }
      for (int x = m.runs[i].x0; x < m.runs[i].x1; ++x) b[static_cast<size_t>(y) * m.width + x] = 255;
    }
  }
  return b;
}

Bitmap random_lines(int w, int h, uint32_t seed) {
  std::mt19937 rng(seed);
  Bitmap b(static_cast<size_t>(w) * h, 0);
  for (int k = 0; k < 12; ++k) {  // random thick segments, like line art
    double x0 = rng() % w, y0 = rng() % h, x1 = rng() % w, y1 = rng() % h, r = 0.5 + (rng() % 3);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        double dx = x1 - x0, dy = y1 - y0, t = ((x - x0) * dx + (y - y0) * dy) / std::max(1e-9, dx * dx + dy * dy);
        t = std::clamp(t, 0.0, 1.0);
        double ex = x0 + t * dx - x, ey = y0 + t * dy - y;
        if (ex * ex + ey * ey <= r * r) b[static_cast<size_t>(y) * w + x] = 255;
      }
    }
  }
  for (int k = 0; k < 30; ++k) b[rng() % b.size()] = 255;  // specks
  return b;
}

TEST(Runs, ThresholdAndComplementMatchThePixels) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const int w = 53 + seed, h = 37;
    Bitmap b = random_lines(w, h, seed);
    RunMask m = threshold_runs(b.data(), w, h, w, 128);
    EXPECT_EQ(to_bitmap(m), b);
    Bitmap inv(b.size());
    for (size_t i = 0; i < b.size(); ++i) inv[i] = b[i] ? 0 : 255;
    EXPECT_EQ(to_bitmap(complement(m)), inv);
  }
}

TEST(Runs, DilationByADiscMatchesTheDistance) {
  for (double radius : {0.5, 1.0, 1.5, 2.0, 2.5, 3.5, 4.0, 4.5}) {
    const int w = 60, h = 41;
    Bitmap b = random_lines(w, h, 7);
    RunMask m = threshold_runs(b.data(), w, h, w, 128);
    Bitmap want(b.size(), 0);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        for (int sy = 0; sy < h && !want[static_cast<size_t>(y) * w + x]; ++sy) {
          for (int sx = 0; sx < w; ++sx) {
            if (b[static_cast<size_t>(sy) * w + sx] && (sx - x) * (sx - x) + (sy - y) * (sy - y) < radius * radius) {
              want[static_cast<size_t>(y) * w + x] = 255;
              break;
            }
          }
        }
      }
    }
    EXPECT_EQ(to_bitmap(dilate_disc(m, radius)), want) << radius;
  }
}

TEST(Runs, TheTwoByTwoOpeningRemovesOnePixelPassages) {
  const int w = 47, h = 33;
  Bitmap b = random_lines(w, h, 3);
  for (auto& v : b) v = v ? 0 : 255;  // the open area between lines
  RunMask m = threshold_runs(b.data(), w, h, w, 128);
  auto set = [&](int x, int y) { return x >= 0 && y >= 0 && x < w && y < h && b[static_cast<size_t>(y) * w + x]; };
  Bitmap want(b.size(), 0);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      // In some 2x2 square of set pixels.
      for (int oy = -1; oy <= 0; ++oy) {
        for (int ox = -1; ox <= 0; ++ox) {
          if (set(x + ox, y + oy) && set(x + ox + 1, y + oy) && set(x + ox, y + oy + 1) && set(x + ox + 1, y + oy + 1)) {
            want[static_cast<size_t>(y) * w + x] = 255;
          }
        }
      }
    }
  }
  EXPECT_EQ(to_bitmap(open_2x2(m)), want);
}

// Flood fill reference.
std::vector<int> flood_labels(const Bitmap& b, int w, int h, bool eight) {
  std::vector<int> lab(b.size(), -1);
  int next = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      size_t p = static_cast<size_t>(y) * w + x;
      if (!b[p] || lab[p] >= 0) continue;
      std::vector<std::pair<int, int>> stack = {{x, y}};
      lab[p] = next;
      while (!stack.empty()) {
        auto [cx, cy] = stack.back();
        stack.pop_back();
        for (int dy = -1; dy <= 1; ++dy) {
          for (int dx = -1; dx <= 1; ++dx) {
            if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) continue;
            int nx = cx + dx, ny = cy + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            size_t q = static_cast<size_t>(ny) * w + nx;
            if (b[q] && lab[q] < 0) {
              lab[q] = next;
              stack.push_back({nx, ny});
            }
          }
        }
      }
      ++next;
    }
  }
  return lab;
}

TEST(Runs, ComponentsMatchAFloodFill) {
  for (bool eight : {false, true}) {
    for (uint32_t seed = 1; seed <= 6; ++seed) {
      const int w = 64, h = 48;
      Bitmap b = random_lines(w, h, seed);
      if (seed % 2) {
        for (auto& v : b) v = v ? 0 : 255;
      }
      RunMask m = threshold_runs(b.data(), w, h, w, 128);
      RunLabels l = label_runs(m, eight);
      std::vector<int> want = flood_labels(b, w, h, eight);
      std::vector<int> got(b.size(), -1);
      for (int y = 0; y < h; ++y) {
        for (size_t i = m.row_begin(y); i < m.row_end(y); ++i) {
          for (int x = m.runs[i].x0; x < m.runs[i].x1; ++x) got[static_cast<size_t>(y) * w + x] = static_cast<int>(l.label[i]);
        }
      }
      // Same partition, numbered in the same first-met order.
      EXPECT_EQ(got, want) << "eight=" << eight << " seed=" << seed;
    }
  }
}

}  // namespace
}  // namespace sakuga::paint
