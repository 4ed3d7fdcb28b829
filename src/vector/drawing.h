#pragma once
/// The vector drawing model: what a key drawing is once its file is read.
///
/// Every contour is a chain of cubic Béziers in canvas pixels (all SVG transforms applied):
/// `points[0]` is the start, then each segment adds three points (control 1, control 2, end).
/// Lines and arcs are converted to exact (lines) or close (arcs, < 0.01 px) cubics, so later stages
/// (rasterizing, in-betweening) handle one kind of curve.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/geometry.h"
#include "core/image.h"

namespace sakuga::vector {

struct Contour {
  std::vector<core::Vec2> points;  ///< 1 + 3 * segment count
  bool closed = false;
  size_t segment_count() const { return points.empty() ? 0 : (points.size() - 1) / 3; }
};

enum class FillRule { kNonZero, kEvenOdd };
enum class LineCap { kButt, kRound, kSquare };
enum class LineJoin { kMiter, kRound, kBevel };

struct Shape {
  std::vector<Contour> contours;
  std::optional<core::Rgba8> fill;    ///< straight (not premultiplied) RGBA; alpha holds opacity
  std::optional<core::Rgba8> stroke;  ///< straight RGBA
  double stroke_width_px = 1.0;       ///< in canvas pixels, after transforms
  FillRule fill_rule = FillRule::kNonZero;
  LineCap cap = LineCap::kButt;
  LineJoin join = LineJoin::kMiter;
  double miter_limit = 4.0;
  std::string id;
  /// `data-pair="NAME"`: the in-betweener pairs this shape with the shape of the same name in the
  /// other key, whatever it would have guessed.
  std::string pair;
  int source_line = 0;  ///< where the element starts in its file
};

/// A paint mark: an element with `data-paint="STYLE"`. It marks the region under its centre for the
/// painter and is never drawn.
struct PaintMark {
  std::string style;
  core::Vec2 center;  ///< of the element's bounds, in canvas pixels
  int source_line = 0;
  int source_col = 0;
};

/// The largest canvas side a drawing may have (cairo's limit).
inline constexpr double kMaxCanvasPx = 32767;

struct Drawing {
  double width = 0;   ///< canvas size in pixels, at most kMaxCanvasPx a side
  double height = 0;
  core::SourcePos pos;  ///< where <svg> is written
  std::vector<Shape> shapes;  ///< in painting order, back to front
  std::vector<PaintMark> marks;
  /// Made by the in-betweener (`<svg data-sakuga="inbetween">`): its marks were carried from its
  /// keys, so QA says nothing of one that lands astray.
  bool inbetween = false;

  /// Bounds of all geometry, widened by half the stroke width.
  core::RectD bounds() const;
};

/// Appends a straight segment to a contour as an exact cubic.
void line_to(Contour& c, core::Vec2 p);
void cubic_to(Contour& c, core::Vec2 c1, core::Vec2 c2, core::Vec2 p);

}  // namespace sakuga::vector
