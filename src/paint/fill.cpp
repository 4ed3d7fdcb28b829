#include "paint/fill.h"

#include <algorithm>
#include <cmath>
#include <climits>
#include <deque>

#include <emmintrin.h>

#include "paint/runs.h"

namespace sakuga::paint {
namespace {

constexpr int32_t kNone = -1;   // a line pixel not yet given a region
constexpr int32_t kSplit = -2;  // an open pixel between two cores, not yet given one

// Gives every pixel whose label is `from` the label of the nearest labelled pixel (4-connected
// breadth-first growth through `from` pixels). `spans` hold every pixel that may be `from`.
struct Span {
  int y;
  Run run;
};

// Cel pixels of a span with one paint (a closed fill over a pixel wins): the loop that touches most
// of the cel. Ink is read only where a line covers the pixel: most of a region has none, and
// skipping its ink 16 pixels at a time saves much of the memory traffic.
void pack_span(uint32_t* __restrict row, const uint8_t* __restrict cov, const uint16_t* __restrict ink,
               const uint16_t* __restrict fix, int x0, int x1, uint32_t paint) {
  const uint32_t base = paint << 8;
  if (fix) {
    for (int x = x0; x < x1; ++x) {
      uint32_t f = fix[x];
      row[x] = (ink ? static_cast<uint32_t>(ink[x]) << 20 : 0u) | (f ? f << 8 : base) | cov[x];
    }
    return;
  }
  int x = x0;
  // Up to a cache line's start, so that whole lines can be streamed.
  for (; x < x1 && (reinterpret_cast<uintptr_t>(row + x) & 63) != 0; ++x) {
    row[x] = (ink ? static_cast<uint32_t>(ink[x]) << 20 : 0u) | base | cov[x];
  }
  if (ink) {
    const __m128i zero = _mm_setzero_si128(), fill = _mm_set1_epi32(static_cast<int>(base));
    for (; x + 16 <= x1; x += 16) {
      __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(cov + x));
      __m128i* out = reinterpret_cast<__m128i*>(row + x);
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(c, zero)) == 0xFFFF) {
        if ((reinterpret_cast<uintptr_t>(out) & 63) == 0) {
          // A whole cache line of the cel: written past the cache, not read first.
          for (int k = 0; k < 4; ++k) _mm_stream_si128(out + k, fill);
        } else {
          for (int k = 0; k < 4; ++k) _mm_storeu_si128(out + k, fill);
        }
        continue;
      }
      __m128i i0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ink + x));
      __m128i i1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ink + x + 8));
      __m128i c0 = _mm_unpacklo_epi8(c, zero), c1 = _mm_unpackhi_epi8(c, zero);
      auto word = [&](__m128i c16, __m128i i16, bool hi) {
        __m128i cw = hi ? _mm_unpackhi_epi16(c16, zero) : _mm_unpacklo_epi16(c16, zero);
        __m128i iw = hi ? _mm_unpackhi_epi16(i16, zero) : _mm_unpacklo_epi16(i16, zero);
        return _mm_or_si128(_mm_or_si128(cw, _mm_slli_epi32(iw, 20)), fill);
      };
      _mm_storeu_si128(out, word(c0, i0, false));
      _mm_storeu_si128(out + 1, word(c0, i0, true));
      _mm_storeu_si128(out + 2, word(c1, i1, false));
      _mm_storeu_si128(out + 3, word(c1, i1, true));
    }
  }
  for (; x < x1; ++x) row[x] = (ink ? static_cast<uint32_t>(ink[x]) << 20 : 0u) | base | cov[x];
}

void grow(int32_t* label, int w, int h, const std::vector<Span>& spans, int32_t from) {
  // The first front: `from` pixels beside a labelled pixel. They take their labels only after all
  // are found, so each comes from a region rather than from another seed.
  struct At {
    int32_t x, y;
  };
  std::vector<At> queue;
  std::vector<int32_t> seed_label;
  size_t most = 0;
  for (const Span& sp : spans) most += static_cast<size_t>(sp.run.x1 - sp.run.x0);
  queue.reserve(most);
  for (const Span& sp : spans) {
    const int y = sp.y;
    {
      for (int x = sp.run.x0; x < sp.run.x1; ++x) {
        size_t p = static_cast<size_t>(y) * w + x;
        if (label[p] != from) continue;
        int32_t got = x > 0 && label[p - 1] >= 0           ? label[p - 1]
                      : y > 0 && label[p - w] >= 0         ? label[p - w]
                      : x + 1 < w && label[p + 1] >= 0     ? label[p + 1]
                      : y + 1 < h && label[p + w] >= 0     ? label[p + w]
                                                           : from;
        if (got == from) continue;
        queue.push_back({x, y});
        seed_label.push_back(got);
      }
    }
  }
  for (size_t i = 0; i < queue.size(); ++i) label[static_cast<size_t>(queue[i].y) * w + queue[i].x] = seed_label[i];
  // Then the front moves on one pixel a round. Every pixel joins the queue once: it never grows.
  for (size_t head = 0; head < queue.size(); ++head) {
    const int x = queue[head].x, y = queue[head].y;
    const size_t p = static_cast<size_t>(y) * w + x;
    const int32_t l = label[p];
    auto visit = [&](size_t q, int qx, int qy) {
      if (label[q] != from) return;
      label[q] = l;
      queue.push_back({qx, qy});
    };
    if (x > 0) visit(p - 1, x - 1, y);
    if (y > 0) visit(p - w, x, y - 1);
    if (x + 1 < w) visit(p + 1, x + 1, y);
    if (y + 1 < h) visit(p + w, x, y + 1);
  }
}

// Labels of line pixels while they are swept: negative, the city-block distance to the region in
// the top 7 bits (saturating at kMaxSweep), the region below.
constexpr int32_t kSweepBase = INT32_MIN;
constexpr int kMaxSweep = 126;  // 127 with the largest region would be -1, kNone
constexpr int32_t kMaxSweptRegions = 1 << 24;

// Line pixels take the region nearest them (city-block distance through the line), as grow() does
// but in two sweeps over the line's runs that touch the cel's memory in order: up and to the left
// here (from the pixels right and below), then down and to the right row by row (from the pixels
// left and above) as the cel is written. Every pixel beside a line pixel that is not line has its
// region. Between the sweeps line pixels hold their distance and region (kSweepBase, above).
int sweep_dist(int32_t v) { return v >= 0 ? 0 : v == kNone ? 1 << 20 : static_cast<int>((v - kSweepBase) >> 24); }
int32_t sweep_region(int32_t v) { return v >= 0 || v == kNone ? v : (v - kSweepBase) & 0xFFFFFF; }
inline void relax(int32_t& v, int32_t from) {
  int d = sweep_dist(from) + 1;
  if (d < sweep_dist(v)) v = kSweepBase + (std::min(d, kMaxSweep) << 24) + sweep_region(from);
}

// Asks for the cache lines of row y's line runs, some rows before a sweep reaches them: the
// sweeps touch a few scattered lines per row, which the hardware does not guess.
void prefetch_line_row(int32_t* label, int w, int h, int y, const RunMask& line) {
  if (y < 0 || y >= h) return;
  int32_t* row = label + static_cast<size_t>(y) * w;
  for (size_t i = line.row_begin(y); i < line.row_end(y); ++i) {
    for (int x = line.runs[i].x0 & ~15; x < line.runs[i].x1; x += 16) __builtin_prefetch(row + x, 1);
  }
}

constexpr int kPrefetchRows = 4;

void sweep_lines_up(int32_t* label, int w, int h, const RunMask& line) {
  for (int y = h - 1; y >= 0; --y) {
    prefetch_line_row(label, w, h, y - kPrefetchRows, line);
    int32_t* row = label + static_cast<size_t>(y) * w;
    for (size_t i = line.row_end(y); i-- > line.row_begin(y);) {
      for (int x = line.runs[i].x1 - 1; x >= line.runs[i].x0; --x) {
        if (x + 1 < w) relax(row[x], row[x + 1]);
        if (y + 1 < h) relax(row[x], row[x + w]);
      }
    }
  }
}

void sweep_line_row_down(int32_t* label, int w, int y, const RunMask& line) {
  int32_t* row = label + static_cast<size_t>(y) * w;
  for (size_t i = line.row_begin(y); i < line.row_end(y); ++i) {
    for (int x = line.runs[i].x0; x < line.runs[i].x1; ++x) {
      if (x > 0) relax(row[x], row[x - 1]);
      if (y > 0) relax(row[x], row[x - w]);
    }
  }
}

// For each run of `inner` (a subset of `outer`), the index of the `outer` run that holds it.
std::vector<uint32_t> containing_runs(const RunMask& inner, const RunMask& outer) {
  std::vector<uint32_t> out(inner.runs.size());
  for (int y = 0; y < inner.height; ++y) {
    size_t j = outer.row_begin(y);
    for (size_t i = inner.row_begin(y); i < inner.row_end(y); ++i) {
      while (j + 1 < outer.row_end(y) && outer.runs[j].x1 <= inner.runs[i].x0) ++j;
      out[i] = static_cast<uint32_t>(j);
    }
  }
  return out;
}

}  // namespace

FillResult fill(const LineArt& art, const std::vector<FillMark>& marks, const FillOptions& opt) {
  const int w = art.width, h = art.height;
  const size_t n = static_cast<size_t>(w) * h;
  FillResult out;
  out.cel = IndexedCel(w, h);
  out.cel.styles = art.styles;
  // The region of each pixel, worked out in the cel's own memory and turned into cel pixels at the
  // end: no second image of the cel's size.
  int32_t* label = reinterpret_cast<int32_t*>(out.cel.row(0));

  RunMask line = threshold_runs(art.coverage.data(), w, h, w, opt.line_threshold);
  RunMask open = complement(line);
  RunMask core;
  if (opt.close_gaps_px > 0) {
    // A ball (close_gaps + 1) pixels across fits where no line pixel is nearer than half that; for an
    // odd limit the ball's centre falls between pixels, which the 2x2 opening stands for.
    core = complement(dilate_disc(line, (opt.close_gaps_px + 1) / 2.0));
    if (opt.close_gaps_px % 2 == 1) core = open_2x2(core);
  } else {
    core = open;
  }
  RunLabels plain = label_runs(open, false);
  RunLabels cores = label_runs(core, false);

  // Which open area each core lies in, and how many cores each open area holds.
  std::vector<uint32_t> core_in = containing_runs(core, open);
  std::vector<int32_t> core_area(cores.count, -1);
  for (size_t i = 0; i < core.runs.size(); ++i) core_area[cores.label[i]] = static_cast<int32_t>(plain.label[core_in[i]]);
  std::vector<uint32_t> core_count(plain.count, 0);
  std::vector<int32_t> only_core(plain.count, -1);
  for (uint32_t c = 0; c < cores.count; ++c) {
    uint32_t a = static_cast<uint32_t>(core_area[c]);
    ++core_count[a];
    only_core[a] = static_cast<int32_t>(c);
  }
  // Regions: one per core, and one per open area no core reached (narrower than the ball).
  int32_t regions = static_cast<int32_t>(cores.count);
  std::vector<int32_t> area_region(plain.count);
  for (uint32_t a = 0; a < plain.count; ++a) {
    area_region[a] = core_count[a] == 0 ? regions++ : core_count[a] == 1 ? only_core[a] : kSplit;
  }

  // Per pixel, the region is written only where a pixel-by-pixel step reads it: on lines, in the
  // areas two cores share, and on open pixels beside a line. Elsewhere the run says it.
  // Open pixels fall in two kinds of run. A uniform run is one region: an open run of an area with
  // at most one core, or a core run inside an area several cores share. A band run is the rest of
  // such a shared area, between its cores; its pixels take the nearest core's region one by one.
  RunMask uniform, band;
  std::vector<int32_t> uniform_region;
  uniform.width = band.width = w;
  uniform.height = band.height = h;
  uniform.row_start.reserve(static_cast<size_t>(h) + 1);
  band.row_start.reserve(static_cast<size_t>(h) + 1);
  uniform.runs.reserve(open.runs.size());
  uniform_region.reserve(open.runs.size());
  for (int y = 0; y < h; ++y) {
    uniform.row_start.push_back(static_cast<uint32_t>(uniform.runs.size()));
    band.row_start.push_back(static_cast<uint32_t>(band.runs.size()));
    size_t c = core.row_begin(y);
    for (size_t i = open.row_begin(y); i < open.row_end(y); ++i) {
      const Run& r = open.runs[i];
      int32_t region = area_region[plain.label[i]];
      if (region != kSplit) {
        uniform.runs.push_back(r);
        uniform_region.push_back(region);
        continue;
      }
      int x = r.x0;
      while (c < core.row_end(y) && core.runs[c].x1 <= r.x0) ++c;
      for (; c < core.row_end(y) && core.runs[c].x0 < r.x1; ++c) {
        if (core.runs[c].x0 > x) band.runs.push_back({x, core.runs[c].x0});
        uniform.runs.push_back(core.runs[c]);
        uniform_region.push_back(static_cast<int32_t>(cores.label[c]));
        x = core.runs[c].x1;
      }
      if (x < r.x1) band.runs.push_back({x, r.x1});
    }
  }
  uniform.row_start.push_back(static_cast<uint32_t>(uniform.runs.size()));
  band.row_start.push_back(static_cast<uint32_t>(band.runs.size()));

  // Per pixel, a region is written only where a pixel-by-pixel step reads it: on lines and bands,
  // and on uniform pixels beside one. Elsewhere the run says it.
  for (int y = 0; y < h; ++y) {
    prefetch_line_row(label, w, h, y + kPrefetchRows, line);
    int32_t* row = label + static_cast<size_t>(y) * w;
    for (size_t i = line.row_begin(y); i < line.row_end(y); ++i) std::fill(row + line.runs[i].x0, row + line.runs[i].x1, kNone);
    for (size_t i = band.row_begin(y); i < band.row_end(y); ++i) std::fill(row + band.runs[i].x0, row + band.runs[i].x1, kSplit);
    // Where each of the rows around (lines, bands) has got to: runs are in x order.
    struct Cursor {
      const RunMask* mask;
      size_t at, end;
    };
    Cursor around[4];
    int n_around = 0;
    for (int ny : {y - 1, y + 1}) {
      if (ny < 0 || ny >= h) continue;
      for (const RunMask* m : {&line, &band}) around[n_around++] = {m, m->row_begin(ny), m->row_end(ny)};
    }
    for (size_t i = uniform.row_begin(y); i < uniform.row_end(y); ++i) {
      const Run& r = uniform.runs[i];
      int32_t region = uniform_region[i];
      if (opt.keep_labels) {
        std::fill(row + r.x0, row + r.x1, region);
        continue;
      }
      row[r.x0] = region;  // beside a line, a band or the cel's edge, left and right
      row[r.x1 - 1] = region;
      for (int k = 0; k < n_around; ++k) {  // below and above the lines and bands of the rows around
        Cursor& c = around[k];
        while (c.at < c.end && c.mask->runs[c.at].x1 <= r.x0) ++c.at;
        for (size_t j = c.at; j < c.end && c.mask->runs[j].x0 < r.x1; ++j) {
          int x0 = std::max(r.x0, c.mask->runs[j].x0), x1 = std::min(r.x1, c.mask->runs[j].x1);
          std::fill(row + x0, row + x1, region);
        }
      }
    }
  }
  if (!band.runs.empty()) {
    std::vector<Span> spans;
    for (int y = 0; y < h; ++y) {
      for (size_t i = band.row_begin(y); i < band.row_end(y); ++i) spans.push_back({y, band.runs[i]});
    }
    grow(label, w, h, spans, kSplit);
  }
  // The region of any pixel: a uniform run's, or the one written on the pixel.
  auto region_at = [&](int x, int y) -> int32_t {
    auto b = uniform.runs.begin() + static_cast<ptrdiff_t>(uniform.row_begin(y));
    auto e = uniform.runs.begin() + static_cast<ptrdiff_t>(uniform.row_end(y));
    auto it = std::upper_bound(b, e, x, [](int v, const Run& r) { return v < r.x1; });
    if (it != e && it->x0 <= x) return uniform_region[static_cast<size_t>(it - uniform.runs.begin())];
    return label[static_cast<size_t>(y) * w + x];  // a line or band pixel
  };

  // Region statistics, before lines take their regions.
  out.regions.assign(static_cast<size_t>(regions), Region{});
  std::vector<bool> seen(static_cast<size_t>(regions), false);
  std::vector<int> longest(static_cast<size_t>(regions), 0);
  auto tally = [&](int32_t r, int x, int x1, int y) {
    Region& g = out.regions[static_cast<size_t>(r)];
    if (!seen[static_cast<size_t>(r)]) {
      seen[static_cast<size_t>(r)] = true;
      g.bounds = {x, y, x1, y + 1};
    }
    if (x1 - x > longest[static_cast<size_t>(r)]) {  // a pixel well inside: the middle of its longest run
      longest[static_cast<size_t>(r)] = x1 - x;
      g.x = (x + x1 - 1) / 2;
      g.y = y;
    }
    g.area += x1 - x;
    g.bounds = {std::min(g.bounds.x0, x), g.bounds.y0, std::max(g.bounds.x1, x1), y + 1};
    if (y == 0 || y == h - 1) g.border_pixels += x1 - x;
    else g.border_pixels += (x == 0) + (x1 == w);
  };
  for (int y = 0; y < h; ++y) {
    for (size_t i = uniform.row_begin(y); i < uniform.row_end(y); ++i) tally(uniform_region[i], uniform.runs[i].x0, uniform.runs[i].x1, y);
    const int32_t* lrow = label + static_cast<size_t>(y) * w;
    for (size_t i = band.row_begin(y); i < band.row_end(y); ++i) {
      for (int x = band.runs[i].x0; x < band.runs[i].x1;) {
        int x1 = x + 1;
        while (x1 < band.runs[i].x1 && lrow[x1] == lrow[x]) ++x1;
        tally(lrow[x], x, x1, y);
        x = x1;
      }
    }
  }
  // Where each mark lands: its pixel, when it is on the cel (-1 off it).
  std::vector<int32_t> mark_at(marks.size(), -1);
  for (size_t i = 0; i < marks.size(); ++i) {
    double fx = std::floor(marks[i].at.x), fy = std::floor(marks[i].at.y);  // NaN fails both tests
    if (fx >= 0 && fy >= 0 && fx < w && fy < h) mark_at[i] = region_at(static_cast<int>(fx), static_cast<int>(fy));
  }
  // The open area around the figure: of the regions on the cel's edge that no mark lands in, the one
  // with the most of the edge. (A close-up's skin may have more of the edge than the sky: a mark
  // says it is a figure.) When marks land in every region on the edge, the one with the most of it,
  // so that a mark in the open, or in a figure whose outline has a wide gap, is reported.
  std::vector<bool> marked(static_cast<size_t>(regions), false);
  for (int32_t r : mark_at) {
    if (r >= 0) marked[static_cast<size_t>(r)] = true;
  }
  int32_t outside = -1;
  for (bool unmarked_only : {true, false}) {
    for (int32_t r = 0; r < regions; ++r) {
      const Region& g = out.regions[static_cast<size_t>(r)];
      if (g.border_pixels == 0 || (unmarked_only && marked[static_cast<size_t>(r)])) continue;
      if (outside < 0 || g.border_pixels > out.regions[static_cast<size_t>(outside)].border_pixels) outside = r;
    }
    if (outside >= 0) break;
  }
  if (outside >= 0) out.regions[static_cast<size_t>(outside)].outside = true;

  // Marks paint their regions; the first mark in a region decides.
  for (size_t i = 0; i < marks.size(); ++i) {
    const FillMark& m = marks[i];
    double fx = std::floor(m.at.x), fy = std::floor(m.at.y);
    int32_t r = -1;
    MarkOutcome o = MarkOutcome::kOffCanvas;
    if (fx >= 0 && fy >= 0 && fx < w && fy < h) {
      const int mx = static_cast<int>(fx), my = static_cast<int>(fy);
      r = mark_at[i];
      if (r < 0) {
        // On a line: the nearest region within three pixels, one inside the figure if there is one
        // (a mark on an outline means the area it encloses).
        int best_d = 1 << 30;
        bool best_inside = false;
        for (int dy = -3; dy <= 3; ++dy) {
          for (int dx = -3; dx <= 3; ++dx) {
            int qx = mx + dx, qy = my + dy, d = dx * dx + dy * dy;
            if (qx < 0 || qy < 0 || qx >= w || qy >= h || d > 9) continue;
            int32_t q = region_at(qx, qy);
            if (q < 0) continue;
            bool inside = q != outside;
            if ((inside && !best_inside) || (inside == best_inside && d < best_d)) {
              r = q;
              best_d = d;
              best_inside = inside;
            }
          }
        }
      }
      if (r < 0) o = MarkOutcome::kOnLine;
      else if (r == outside) o = MarkOutcome::kOutside;
      else {
        Region& g = out.regions[static_cast<size_t>(r)];
        o = g.paint == 0 ? MarkOutcome::kPainted : g.paint == m.style ? MarkOutcome::kSame : MarkOutcome::kConflict;
        if (g.paint == 0) g.paint = m.style;
      }
    }
    out.marks.push_back(o);
    out.mark_region.push_back(r);
  }

  // How much of each region no mark paints lies under closed filled shapes (an eye, a button): a
  // region mostly under them counts as painted. Counted only for those regions.
  const bool has_fixed = art.fixed.width() > 0;
  std::vector<uint16_t> fixed_row(has_fixed ? static_cast<size_t>(w) : 0);
  if (has_fixed) {
    std::vector<bool> count(out.regions.size());
    bool any = false;
    for (size_t r = 0; r < count.size(); ++r) {
      count[r] = out.regions[r].paint == 0 && !out.regions[r].outside;
      any = any || count[r];
    }
    for (int y = 0; any && y < h; ++y) {
      if (!art.fixed.row_painted(y)) continue;
      art.fixed.expand_row(y, fixed_row.data());
      const uint16_t* frow = fixed_row.data();
      const int32_t* lrow = label + static_cast<size_t>(y) * w;
      for (size_t i = uniform.row_begin(y); i < uniform.row_end(y); ++i) {
        Region& g = out.regions[static_cast<size_t>(uniform_region[i])];
        if (!count[static_cast<size_t>(uniform_region[i])]) continue;
        for (int x = uniform.runs[i].x0; x < uniform.runs[i].x1; ++x) g.fixed_pixels += frow[x] != 0;
      }
      for (size_t i = band.row_begin(y); i < band.row_end(y); ++i) {
        for (int x = band.runs[i].x0; x < band.runs[i].x1; ++x) {
          if (count[static_cast<size_t>(lrow[x])]) out.regions[static_cast<size_t>(lrow[x])].fixed_pixels += frow[x] != 0;
        }
      }
    }
  }

  // Pinholes: tiny closed regions nobody marked (where lines meet at a slant, a line's end against
  // another) take the paint most common around them, as a painter's "fill small areas" does.
  for (size_t ri = 0; ri < out.regions.size(); ++ri) {
    Region& g = out.regions[ri];
    if (g.paint != 0 || g.outside || g.area > opt.pinhole_px || g.fixed_pixels * 2 >= g.area) continue;
    std::vector<std::pair<uint32_t, int64_t>> counts;
    core::RectI around{std::max(0, g.bounds.x0 - 8), std::max(0, g.bounds.y0 - 8), std::min(w, g.bounds.x1 + 8),
                       std::min(h, g.bounds.y1 + 8)};
    for (int y = around.y0; y < around.y1; ++y) {
      for (int x = around.x0; x < around.x1; ++x) {
        int32_t r = region_at(x, y);
        if (r < 0 || r == static_cast<int32_t>(ri) || r == outside) continue;
        uint32_t p = out.regions[static_cast<size_t>(r)].paint;
        if (p == 0 || out.regions[static_cast<size_t>(r)].area <= opt.pinhole_px) continue;
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == p; });
        if (it == counts.end()) counts.push_back({p, 1});
        else ++it->second;
      }
    }
    auto best = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best != counts.end()) g.paint = best->first;
  }

  // Lines take the paint of the region nearest them: paint runs on under the line. The second
  // sweep runs a row ahead of the cel being written, which needs the row above's labels.
  const bool swept = regions <= kMaxSweptRegions;
  if (swept) {
    sweep_lines_up(label, w, h, line);
  } else {
    std::vector<Span> lines;
    lines.reserve(line.runs.size());
    for (int y = 0; y < h; ++y) {
      for (size_t i = line.row_begin(y); i < line.row_end(y); ++i) lines.push_back({y, line.runs[i]});
    }
    grow(label, w, h, lines, kNone);
  }

  if (opt.keep_labels) out.labels.resize(n);
  std::vector<uint32_t> region_paint(static_cast<size_t>(regions));
  for (size_t r = 0; r < region_paint.size(); ++r) region_paint[r] = out.regions[r].paint;
  // Cel pixels, in place over the labels: the region's paint (a closed fill over it wins), the
  // line's ink and coverage. The regions' own paint goes to the map as runs.
  if (opt.region_map) out.region_map = PaintMap(w, h);
  std::vector<uint16_t> map_row(opt.region_map ? static_cast<size_t>(w) : 0);
  const bool has_ink = !art.ink.empty();
  auto write_row = [&](int y) {
    uint32_t* row = out.cel.row(y);
    const size_t base = static_cast<size_t>(y) * w;
    if (opt.keep_labels) {
      const int32_t* in = reinterpret_cast<const int32_t*>(row);
      std::transform(in, in + w, out.labels.begin() + static_cast<ptrdiff_t>(base), sweep_region);
    }
    const uint8_t* cov = art.coverage.data() + base;
    const uint16_t* ink = has_ink ? art.ink.data() + base : nullptr;
    const uint16_t* fix = nullptr;
    if (has_fixed && art.fixed.row_painted(y)) {
      art.fixed.expand_row(y, fixed_row.data());
      fix = fixed_row.data();
    }
    // Pixels whose region varies along the run (lines, the band between cores): one by one.
    auto by_pixel = [&](int x0, int x1) {
      for (int x = x0; x < x1; ++x) {
        int32_t r = sweep_region(static_cast<int32_t>(row[x]));
        uint32_t paint = r >= 0 ? region_paint[static_cast<size_t>(r)] : 0;
        uint32_t f = fix ? fix[x] : 0;
        uint32_t i = ink ? ink[x] : 0;
        // A trace line with nothing painted beside it (where it meets the outline, on the outside)
        // would vanish into nothing: there it is the drawing's line. The region map, which has no
        // ink, paints it the line's colour.
        uint32_t map_paint = paint;
        if (i && !(f | paint) && i < art.trace.size() && art.trace[i] && art.line_ink) i = map_paint = art.line_ink;
        if (opt.region_map) map_row[static_cast<size_t>(x)] = static_cast<uint16_t>(map_paint);
        row[x] = i << 20 | (f ? f : paint) << 8 | cov[x];
      }
    };
    for (size_t i = line.row_begin(y); i < line.row_end(y); ++i) by_pixel(line.runs[i].x0, line.runs[i].x1);
    for (size_t i = band.row_begin(y); i < band.row_end(y); ++i) by_pixel(band.runs[i].x0, band.runs[i].x1);
    for (size_t i = uniform.row_begin(y); i < uniform.row_end(y); ++i) {
      const Run& r = uniform.runs[i];
      uint32_t paint = region_paint[static_cast<size_t>(uniform_region[i])];
      if (opt.region_map) std::fill(map_row.begin() + r.x0, map_row.begin() + r.x1, static_cast<uint16_t>(paint));
      pack_span(row, cov, ink, fix, r.x0, r.x1, paint);
    }
    if (opt.region_map) out.region_map.add_row(map_row.data());
  };
  for (int y = 0; y < h; ++y) {
    if (swept) {
      prefetch_line_row(label, w, h, y + kPrefetchRows, line);
      sweep_line_row_down(label, w, y, line);
    }
    if (y > 0) write_row(y - 1);
  }
  if (h > 0) write_row(h - 1);
  _mm_sfence();  // the streamed cel lines are visible before anyone reads the cel
  return out;
}

}  // namespace sakuga::paint
