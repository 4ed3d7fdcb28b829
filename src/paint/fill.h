#pragma once
/// Filling: the regions the line art bounds, painted from paint marks, with gaps in the lines up to a
/// given width closed.
///
/// Gap closing works like a trapped ball. A region's core is where a ball as wide as the gap limit
/// fits between the lines; a gap no wider than the limit lets no ball through, so the cores on its
/// two sides stay apart, while a wider gap joins them. Cores then grow back out to the lines, and
/// where two cores of one open area meet, in the middle of a gap, is where the closed gap lies.
/// Paint runs on under the lines (each line pixel takes the nearest region's paint), so there is no
/// halo at an anti-aliased edge, and a colour trace line, split between the regions on its two
/// sides, vanishes into them.
///
/// Everything is computed on run-length masks (paint/runs.h): the cost goes with the number of runs,
/// not of pixels, except for one pass writing the cel.

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/geometry.h"
#include "paint/cel.h"

namespace sakuga::paint {

/// Rasterized line art on the cel's pixel grid.
struct LineArt {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> coverage;  ///< the lines' coverage per pixel, 0-255
  std::vector<uint16_t> ink;      ///< the line's style id where coverage > 0, else 0
  PaintMap fixed;                 ///< the paint of the closed filled shapes over pixels; empty for none
  std::vector<CelStyle> styles;   ///< style ids are 1-based indexes
  std::vector<bool> trace;        ///< per style id: a colour trace line (index 0 unused)
  uint16_t line_ink = 0;          ///< the drawing's main line style: a trace line outside the figure shows in it
};

struct FillMark {
  core::Vec2 at;         ///< in cel pixels
  uint32_t style = 0;    ///< cel style id
  std::string name;      ///< the style's name, for messages
  core::SourcePos pos;   ///< where the mark is written
};

struct FillOptions {
  /// Gaps in lines up to this many pixels still close a region; wider ones do not. 0 closes none.
  int close_gaps_px = 6;
  /// Coverage from which a pixel is line and bounds regions.
  uint8_t line_threshold = 96;
  /// A painted region larger than this share of the cel is reported as a leak.
  double leak_share = 0.35;
  /// Unpainted regions at least this large are reported: just above pinhole_px, so that every hole
  /// the pinhole rule does not fill is reported.
  int64_t min_unpainted_px = 25;
  /// Closed regions no mark paints and at most this large (pinholes where lines meet) take the
  /// paint most common around them. 0 leaves them unpainted.
  int64_t pinhole_px = 24;
  /// Keep the region of every pixel in FillResult::labels (for a QA picture).
  bool keep_labels = false;
  /// Make FillResult::region_map, the regions' paint without the closed fills over it.
  bool region_map = false;
  /// The marks were carried into a generated in-between from its keys: QA says nothing of one
  /// that lands on a line, outside every region or where an earlier mark paints (the regions left
  /// unpainted are still reported).
  bool travelled_marks = false;
  /// With travelled_marks: unpainted regions up to this size are slivers that opened between
  /// moving parts, where no key's mark reaches. They are left clear, as the keys' own slivers
  /// between parts are, and reported as notes rather than failures.
  int64_t sliver_px = 200;
};

/// Each region the fill found (a closed area, or an open area no core reached).
struct Region {
  int64_t area = 0;            ///< pixels, lines not counted
  int64_t fixed_pixels = 0;    ///< of those, under closed filled shapes
  core::RectI bounds;
  int64_t border_pixels = 0;   ///< on the cel's edge
  bool outside = false;        ///< the open area around the figure
  uint32_t paint = 0;          ///< from a mark, 0 when none
  int x = 0, y = 0;            ///< a pixel well inside it: the middle of its longest run
};

enum class MarkOutcome {
  kPainted,    ///< painted its region
  kSame,       ///< its region was painted the same by an earlier mark
  kConflict,   ///< its region was painted another style by an earlier mark
  kOutside,    ///< it lies in the open area around the figure, outside every region
  kOnLine,     ///< it lies on a line with no region near
  kOffCanvas,  ///< it lies off the cel
};

struct FillResult {
  IndexedCel cel;
  std::vector<Region> regions;
  std::vector<int32_t> labels;          ///< region per pixel (lines included), -1 where none; kept on request
  /// The regions' paint per pixel, without closed fills, on request; the line's style where a
  /// trace line has no paint beside it and is drawn as line.
  PaintMap region_map;
  std::vector<MarkOutcome> marks;       ///< per mark, in order
  std::vector<int32_t> mark_region;     ///< per mark, -1 when it found none
};

FillResult fill(const LineArt& art, const std::vector<FillMark>& marks, const FillOptions& options);

}  // namespace sakuga::paint
