#include "paint/runs.h"

#include <emmintrin.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
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

// Sets bits [x0, x1) of a row of bits.
void set_bits(uint64_t* bits, int x0, int x1) {
  if (x0 >= x1) return;
  size_t w0 = static_cast<size_t>(x0) / 64, w1 = static_cast<size_t>(x1 - 1) / 64;
  uint64_t first = ~uint64_t{0} << (x0 % 64);
  uint64_t last = ~uint64_t{0} >> (63 - (x1 - 1) % 64);
  if (w0 == w1) {
    bits[w0] |= first & last;
    return;
  }
  bits[w0] |= first;
  for (size_t w = w0 + 1; w < w1; ++w) bits[w] = ~uint64_t{0};
  bits[w1] |= last;
}

// Appends the runs of set bits in a row of `width` bits (bits past `width` must be clear).
void append_runs(const uint64_t* bits, int width, std::vector<Run>& out) {
  const size_t words = (static_cast<size_t>(width) + 63) / 64;
  bool in = false;
  int start = 0;
  for (size_t wi = 0; wi < words; ++wi) {
    const uint64_t w = bits[wi];
    if (w == (in ? ~uint64_t{0} : 0)) continue;  // no transition in this word
    const int base = static_cast<int>(wi * 64);
    int pos = 0;
    for (;;) {
      // The next bit at or after `pos` that flips the state: a set bit outside a run, a clear one inside.
      uint64_t look = (in ? ~w : w) & (~uint64_t{0} << pos);
      if (look == 0) break;
      int at = __builtin_ctzll(look);
      if (in) out.push_back({start, base + at});
      else start = base + at;
      in = !in;
      pos = at;
    }
  }
  if (in) out.push_back({start, width});
}

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
  const size_t words = (static_cast<size_t>(width) + 63) / 64;
  std::vector<uint64_t> bits(words);
  const __m128i t = _mm_set1_epi8(static_cast<char>(threshold));
  for (int y = 0; y < height; ++y) {
    m.row_start.push_back(static_cast<uint32_t>(m.runs.size()));
    const uint8_t* row = pixels + y * stride;
    // 16 pixels at a time: value >= threshold <=> max(value, threshold) == value (unsigned).
    int x = 0;
    for (size_t wi = 0; wi < words; ++wi) {
      uint64_t word = 0;
      for (int k = 0; k < 4 && x + 16 <= width; ++k, x += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + x));
        uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, t), v)));
        word |= static_cast<uint64_t>(mask) << (16 * k);
      }
      for (; x < width && x < static_cast<int>((wi + 1) * 64); ++x) {  // the row's tail
        if (row[x] >= threshold) word |= uint64_t{1} << (x - static_cast<int>(wi * 64));
      }
      bits[wi] = word;
    }
    append_runs(bits.data(), width, m.runs);
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
  // Each source row widened by each reach, as bits; an output row is the OR of its neighbours'.
  std::vector<int> ks;
  for (int k : reach) {
    if (k >= 0 && std::find(ks.begin(), ks.end(), k) == ks.end()) ks.push_back(k);
  }
  const size_t words = (static_cast<size_t>(m.width) + 63) / 64;
  std::vector<uint64_t> widened(ks.size() * static_cast<size_t>(m.height) * words, 0);
  auto row_bits = [&](size_t ki, int y) { return widened.data() + (ki * static_cast<size_t>(m.height) + y) * words; };
  for (size_t ki = 0; ki < ks.size(); ++ki) {
    for (int y = 0; y < m.height; ++y) {
      uint64_t* bits = row_bits(ki, y);
      for (size_t i = m.row_begin(y); i < m.row_end(y); ++i) {
        set_bits(bits, std::max(0, m.runs[i].x0 - ks[ki]), std::min(m.width, m.runs[i].x1 + ks[ki]));
      }
    }
  }
  std::vector<size_t> k_of(reach.size());
  for (size_t dy = 0; dy < reach.size(); ++dy) {
    k_of[dy] = reach[dy] < 0 ? SIZE_MAX : static_cast<size_t>(std::find(ks.begin(), ks.end(), reach[dy]) - ks.begin());
  }
  std::vector<uint64_t> acc(words);
  d.row_start.reserve(static_cast<size_t>(m.height) + 1);
  for (int y = 0; y < m.height; ++y) {
    d.row_start.push_back(static_cast<uint32_t>(d.runs.size()));
    std::fill(acc.begin(), acc.end(), 0);
    for (int dy = -rmax; dy <= rmax; ++dy) {
      int sy = y + dy;
      size_t ki = k_of[static_cast<size_t>(std::abs(dy))];
      if (sy < 0 || sy >= m.height || ki == SIZE_MAX || m.row_begin(sy) == m.row_end(sy)) continue;
      const uint64_t* src = row_bits(ki, sy);
      for (size_t wi = 0; wi < words; ++wi) acc[wi] |= src[wi];
    }
    append_runs(acc.data(), m.width, d.runs);
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
