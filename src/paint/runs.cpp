#include "paint/runs.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace sakuga::paint {
namespace {

// Union-find over run indices, path-halving, union by smaller index so roots are the first run met.
struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) parent[b] = a;
    else parent[a] = b;
  }
};

// Appends the union of sorted, possibly overlapping spans to `out` (spans sorted by x0).
void merge_into(std::vector<Run>& spans, std::vector<Run>& out) {
  std::sort(spans.begin(), spans.end(), [](const Run& a, const Run& b) { return a.x0 < b.x0; });
  size_t first = out.size();
  for (const Run& r : spans) {
    if (r.x1 <= r.x0) continue;
    if (out.size() > first && r.x0 <= out.back().x1) out.back().x1 = std::max(out.back().x1, r.x1);
    else out.push_back(r);
  }
}

}  // namespace

int64_t RunMask::area() const {
  int64_t a = 0;
  for (const Run& r : runs) a += r.x1 - r.x0;
  return a;
}

RunMask threshold_runs(const uint8_t* pixels, int width, int height, ptrdiff_t stride, uint8_t threshold) {
  RunMask m;
  m.width = width;
  m.height = height;
  m.row_start.reserve(static_cast<size_t>(height) + 1);
  m.runs.reserve(static_cast<size_t>(height) * 8);
  for (int y = 0; y < height; ++y) {
    m.row_start.push_back(static_cast<uint32_t>(m.runs.size()));
    const uint8_t* row = pixels + y * stride;
    int x = 0;
    while (x < width) {
      // Skip clear pixels eight at a time while all eight are below the threshold.
      while (x + 8 <= width) {
        uint64_t w;
        std::memcpy(&w, row + x, 8);
        if (threshold > 0x80) {
          // Any byte >= threshold has its top bit set; quick reject when none has.
          if ((w & 0x8080808080808080ull) == 0) {
            x += 8;
            continue;
          }
        } else if (w == 0) {
          x += 8;
          continue;
        }
        break;
      }
      while (x < width && row[x] < threshold) ++x;
      if (x >= width) break;
      int start = x;
      while (x < width && row[x] >= threshold) ++x;
      m.runs.push_back({start, x});
    }
  }
  m.row_start.push_back(static_cast<uint32_t>(m.runs.size()));
  return m;
}

RunMask complement(const RunMask& m) {
  RunMask c;
  c.width = m.width;
  c.height = m.height;
  c.row_start.reserve(static_cast<size_t>(m.height) + 1);
  c.runs.reserve(m.runs.size() + static_cast<size_t>(m.height));
  for (int y = 0; y < m.height; ++y) {
    c.row_start.push_back(static_cast<uint32_t>(c.runs.size()));
    int x = 0;
    for (size_t i = m.row_begin(y); i < m.row_end(y); ++i) {
      if (m.runs[i].x0 > x) c.runs.push_back({x, m.runs[i].x0});
      x = m.runs[i].x1;
    }
    if (x < m.width) c.runs.push_back({x, m.width});
  }
  c.row_start.push_back(static_cast<uint32_t>(c.runs.size()));
  return c;
}

RunMask dilate_disc(const RunMask& m, double radius) {
  RunMask d;
  d.width = m.width;
  d.height = m.height;
  if (radius <= 0) {
    d.row_start.assign(static_cast<size_t>(m.height) + 1, 0);
    return d;
  }
  // Row offset dy reaches |dx| <= reach[|dy|]: dx^2 + dy^2 < radius^2.
  int rmax = static_cast<int>(std::ceil(radius)) - 1;
  std::vector<int> reach(static_cast<size_t>(rmax) + 1);
  for (int dy = 0; dy <= rmax; ++dy) {
    double w = radius * radius - static_cast<double>(dy) * dy;
    int k = static_cast<int>(std::ceil(std::sqrt(w))) - 1;
    while (k >= 0 && static_cast<double>(k) * k + static_cast<double>(dy) * dy >= radius * radius) --k;
    reach[static_cast<size_t>(dy)] = k;
  }
  d.row_start.reserve(static_cast<size_t>(m.height) + 1);
  std::vector<Run> spans;
  for (int y = 0; y < m.height; ++y) {
    d.row_start.push_back(static_cast<uint32_t>(d.runs.size()));
    spans.clear();
    for (int dy = -rmax; dy <= rmax; ++dy) {
      int sy = y + dy;
      if (sy < 0 || sy >= m.height) continue;
      int k = reach[static_cast<size_t>(std::abs(dy))];
      if (k < 0) continue;
      for (size_t i = m.row_begin(sy); i < m.row_end(sy); ++i) {
        spans.push_back({std::max(0, m.runs[i].x0 - k), std::min(m.width, m.runs[i].x1 + k)});
      }
    }
    merge_into(spans, d.runs);
  }
  d.row_start.push_back(static_cast<uint32_t>(d.runs.size()));
  return d;
}

RunMask open_2x2(const RunMask& m) {
  // Erosion by the 2x2 square anchored top-left: (x, y) stays when x, x+1 in rows y and y+1.
  RunMask e;
  e.width = m.width;
  e.height = m.height;
  e.row_start.reserve(static_cast<size_t>(m.height) + 1);
  for (int y = 0; y < m.height; ++y) {
    e.row_start.push_back(static_cast<uint32_t>(e.runs.size()));
    if (y + 1 >= m.height) continue;
    size_t i = m.row_begin(y), j = m.row_begin(y + 1);
    while (i < m.row_end(y) && j < m.row_end(y + 1)) {
      int x0 = std::max(m.runs[i].x0, m.runs[j].x0);
      int x1 = std::min(m.runs[i].x1, m.runs[j].x1) - 1;  // x+1 must be set too
      if (x1 > x0) e.runs.push_back({x0, x1});
      if (m.runs[i].x1 < m.runs[j].x1) ++i;
      else ++j;
    }
  }
  e.row_start.push_back(static_cast<uint32_t>(e.runs.size()));
  // Dilation by the same square: (x, y) set when any of (x-1..x, y-1..y) is set in the erosion.
  RunMask o;
  o.width = m.width;
  o.height = m.height;
  o.row_start.reserve(static_cast<size_t>(m.height) + 1);
  std::vector<Run> spans;
  for (int y = 0; y < m.height; ++y) {
    o.row_start.push_back(static_cast<uint32_t>(o.runs.size()));
    spans.clear();
    for (int sy : {y - 1, y}) {
      if (sy < 0) continue;
      for (size_t i = e.row_begin(sy); i < e.row_end(sy); ++i) {
        spans.push_back({e.runs[i].x0, std::min(m.width, e.runs[i].x1 + 1)});
      }
    }
    merge_into(spans, o.runs);
  }
  o.row_start.push_back(static_cast<uint32_t>(o.runs.size()));
  return o;
}

RunLabels label_runs(const RunMask& m, bool eight_connected) {
  UnionFind uf(m.runs.size());
  int reach = eight_connected ? 1 : 0;
  for (int y = 1; y < m.height; ++y) {
    size_t i = m.row_begin(y - 1), j = m.row_begin(y);
    size_t ie = m.row_end(y - 1), je = m.row_end(y);
    while (i < ie && j < je) {
      const Run& a = m.runs[i];
      const Run& b = m.runs[j];
      // Touching: overlap in x (4-connected), or diagonally adjacent too (8-connected).
      if (a.x0 < b.x1 + reach && b.x0 < a.x1 + reach) uf.unite(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      if (a.x1 < b.x1) ++i;
      else ++j;
    }
  }
  RunLabels out;
  out.label.resize(m.runs.size());
  std::vector<uint32_t> number(m.runs.size(), UINT32_MAX);
  for (size_t i = 0; i < m.runs.size(); ++i) {
    uint32_t root = uf.find(static_cast<uint32_t>(i));
    if (number[root] == UINT32_MAX) number[root] = out.count++;
    out.label[i] = number[root];
  }
  return out;
}

}  // namespace sakuga::paint
