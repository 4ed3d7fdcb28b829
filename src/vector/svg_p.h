#pragma once
// Private pieces of the SVG reader, exposed for its tests.

#include <optional>
#include <string>
#include <string_view>

#include "core/geometry.h"
#include "core/image.h"
#include "vector/drawing.h"

namespace sakuga::vector::detail {

/// Parses path data into contours (untransformed). On error returns false and sets `error_offset`
/// (byte offset into `d`) and `error`.
bool parse_path_data(std::string_view d, std::vector<Contour>& out, size_t& error_offset, std::string& error);

/// Parses a transform list; false with `error` on malformed input.
bool parse_transform(std::string_view text, core::Affine& out, std::string& error);

enum class PaintKind { kNone, kColor, kCurrentColor };
struct PaintSpec {
  PaintKind kind = PaintKind::kNone;
  core::Rgba8 color;  ///< straight, alpha 255 unless the colour says otherwise
};
/// Parses an SVG paint value (none, currentColor, #rgb, #rrggbb, rgb(), named); nullopt if unknown.
std::optional<PaintSpec> parse_paint(std::string_view text);

/// Parses a length ("12", "12px", "3mm", "1.5in") into pixels at 96 dpi.
bool parse_length(std::string_view text, double& px, std::string& error);

}  // namespace sakuga::vector::detail
