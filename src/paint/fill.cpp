#include "paint/fill.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "paint/runs.h"

namespace sakuga::paint {
namespace {

constexpr int32_t kNone = -1;   // a line pixel not yet given a region
constexpr int32_t kSplit = -2;  // an open pixel between two cores, not yet given one

// Gives every pixel whose label is `from` the label of the nearest labelled pixel (4-connected
// breadth-first growth through `from` pixels). `runs` holds every pixel that may be `from`.
void grow(std::vector<int32_t>& label, int w, int h, const RunMask& runs, int32_t from) {
  // The first front: `from` pixels beside a labelled pixel. They take their labels only after all
  // are found, so each comes from a region rather than from another seed.
  std::vector<int32_t> queue, seed_label;
  for (int y = 0; y < h; ++y) {
    for (size_t i = runs.row_begin(y); i < runs.row_end(y); ++i) {
      for (int x = runs.runs[i].x0; x < runs.runs[i].x1; ++x) {
        size_t p = static_cast<size_t>(y) * w + x;
        if (label[p] != from) continue;
        int32_t got = x > 0 && label[p - 1] >= 0           ? label[p - 1]
                      : y > 0 && label[p - w] >= 0         ? label[p - w]
                      : x + 1 < w && label[p + 1] >= 0     ? label[p + 1]
                      : y + 1 < h && label[p + w] >= 0     ? label[p + w]
                                                           : from;
        if (got == from) continue;
        queue.push_back(static_cast<int32_t>(p));
        seed_label.push_back(got);
      }
    }
  }
  for (size_t i = 0; i < queue.size(); ++i) label[static_cast<size_t>(queue[i])] = seed_label[i];
  // Then the front moves on one pixel a round.
  for (size_t head = 0; head < queue.size(); ++head) {
    size_t p = static_cast<size_t>(queue[head]);
    int x = static_cast<int>(p % w), y = static_cast<int>(p / w);
    int32_t l = label[p];
    auto visit = [&](size_t q) {
      if (label[q] != from) return;
      label[q] = l;
      queue.push_back(static_cast<int32_t>(q));
    };
    if (x > 0) visit(p - 1);
    if (y > 0) visit(p - w);
    if (x + 1 < w) visit(p + 1);
    if (y + 1 < h) visit(p + w);
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
  out.labels.assign(n, kNone);
  out.cel = IndexedCel(w, h);
  out.cel.styles = art.styles;

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

  std::vector<int32_t>& label = out.labels;
  for (int y = 0; y < h; ++y) {
    for (size_t i = open.row_begin(y); i < open.row_end(y); ++i) {
      int32_t r = area_region[plain.label[i]];
      std::fill(label.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(y) * w + open.runs[i].x0),
                label.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(y) * w + open.runs[i].x1), r);
    }
  }
  bool any_split = std::find(area_region.begin(), area_region.end(), kSplit) != area_region.end();
  if (any_split) {
    for (int y = 0; y < h; ++y) {
      for (size_t i = core.row_begin(y); i < core.row_end(y); ++i) {
        if (area_region[plain.label[core_in[i]]] != kSplit) continue;
        std::fill(label.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(y) * w + core.runs[i].x0),
                  label.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(y) * w + core.runs[i].x1),
                  static_cast<int32_t>(cores.label[i]));
      }
    }
    grow(label, w, h, open, kSplit);
  }

  // Region statistics from the open runs, before lines take their regions.
  out.regions.assign(static_cast<size_t>(regions), Region{});
  std::vector<bool> seen(static_cast<size_t>(regions), false);
  std::vector<int> longest(static_cast<size_t>(regions), 0);
  for (int y = 0; y < h; ++y) {
    const int32_t* lrow = label.data() + static_cast<size_t>(y) * w;
    const uint16_t* frow = art.fixed.empty() ? nullptr : art.fixed.data() + static_cast<size_t>(y) * w;
    for (size_t i = open.row_begin(y); i < open.row_end(y); ++i) {
      for (int x = open.runs[i].x0; x < open.runs[i].x1;) {
        int32_t r = lrow[x];
        int x1 = x + 1;
        while (x1 < open.runs[i].x1 && lrow[x1] == r) ++x1;
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
        if (frow) {
          for (int k = x; k < x1; ++k) g.fixed_pixels += frow[k] != 0;
        }
        x = x1;
      }
    }
  }
  // The open area around the figure: the region with the most of the cel's edge.
  int32_t outside = -1;
  for (int32_t r = 0; r < regions; ++r) {
    if (out.regions[static_cast<size_t>(r)].border_pixels > 0 &&
        (outside < 0 || out.regions[static_cast<size_t>(r)].border_pixels > out.regions[static_cast<size_t>(outside)].border_pixels)) {
      outside = r;
    }
  }
  if (outside >= 0) out.regions[static_cast<size_t>(outside)].outside = true;

  // Marks paint their regions; the first mark in a region decides.
  for (const FillMark& m : marks) {
    int mx = static_cast<int>(std::floor(m.at.x)), my = static_cast<int>(std::floor(m.at.y));
    int32_t r = -1;
    MarkOutcome o = MarkOutcome::kOffCanvas;
    if (mx >= 0 && my >= 0 && mx < w && my < h) {
      r = label[static_cast<size_t>(my) * w + mx];
      if (r < 0) {
        // On a line: the nearest region within three pixels, one inside the figure if there is one
        // (a mark on an outline means the area it encloses).
        int best_d = 1 << 30;
        bool best_inside = false;
        for (int dy = -3; dy <= 3; ++dy) {
          for (int dx = -3; dx <= 3; ++dx) {
            int qx = mx + dx, qy = my + dy, d = dx * dx + dy * dy;
            if (qx < 0 || qy < 0 || qx >= w || qy >= h || d > 9) continue;
            int32_t q = label[static_cast<size_t>(qy) * w + qx];
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
        int32_t r = label[static_cast<size_t>(y) * w + x];
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

  // Lines take the paint of the region nearest them: paint runs on under the line.
  grow(label, w, h, line, kNone);

  std::vector<uint32_t> region_paint(static_cast<size_t>(regions));
  for (size_t r = 0; r < region_paint.size(); ++r) region_paint[r] = out.regions[r].paint;
  for (int y = 0; y < h; ++y) {
    uint32_t* row = out.cel.row(y);
    const size_t base = static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      size_t p = base + x;
      int32_t r = label[p];
      uint32_t paint = r >= 0 ? region_paint[static_cast<size_t>(r)] : 0;
      if (!art.fixed.empty() && art.fixed[p]) paint = art.fixed[p];
      row[x] = IndexedCel::pack(art.ink.empty() ? 0 : art.ink[p], paint, art.coverage[p]);
    }
  }
  return out;
}

}  // namespace sakuga::paint
