#pragma once
/// Line art for the painter, from a vector drawing or a raster scan, with every line and closed
/// fill matched to a style of the colour model.
///
/// - A stroke's colour names its ink: the palette style of exactly that colour, else the nearest
///   within `color_tolerance`, else the colour itself (reported).
/// - A closed shape with a fill keeps its fill: the fill's colour is matched the same way.
/// - Later shapes cover earlier ones, as in the drawing.
/// - A scan: dark pixels are line (coverage ramps from `light` to `dark` luminance), saturated
///   coloured pencil is a colour trace line (the nearest trace style), and specks smaller than
///   `min_speck_px` are removed.

#include <optional>
#include <string>
#include <vector>

#include "core/image.h"
#include "paint/fill.h"
#include "paint/palette.h"
#include "vector/drawing.h"

namespace sakuga::paint {

struct LineArtOptions {
  int color_tolerance = 40;    ///< RGB distance within which a colour is a palette style's
  double scale = 1.0;          ///< cel pixels per drawing unit
  // Scans:
  int light = 215;             ///< luminance at and above which a scan pixel is paper
  int dark = 110;              ///< luminance at and below which it is solid line
  int min_saturation = 70;     ///< max-min of RGB from which a line is coloured pencil
  int min_speck_px = 6;        ///< line specks smaller than this are dust
};

/// A colour that matched no style, for the QA report.
struct UnmatchedColor {
  core::Rgba8 color;
  int source_line = 0;
  bool fill = false;
};

struct PreparedArt {
  LineArt art;
  std::vector<FillMark> marks;
  std::vector<std::string> unknown_styles;   ///< per mark: the style the model lacks, else empty
  std::vector<UnmatchedColor> unmatched;
};

/// The most pixels a painted cel may have (8192x8192): a cel takes about 10 bytes a pixel while it
/// is painted.
inline constexpr int64_t kMaxPaintPixels = int64_t{1} << 26;

/// Why a canvas of `width` x `height` pixels cannot be painted, or "" when it can.
std::string paint_size_problem(double width, double height);

/// The drawing's line art at `options.scale`, its marks in cel pixels.
PreparedArt prepare_vector(const vector::Drawing& drawing, const Palette& palette, const LineArtOptions& options);

/// A scan (straight RGBA, white paper) as line art; marks from `marks` (a drawing of marks only,
/// in the scan's pixels), which may be empty.
PreparedArt prepare_scan(core::ImageView<const core::Rgba8> scan, const vector::Drawing* marks, const Palette& palette,
                         const LineArtOptions& options);

}  // namespace sakuga::paint
