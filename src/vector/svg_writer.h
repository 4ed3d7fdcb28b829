#pragma once
/// SVG export of the drawing model: what the in-betweener writes, as a standard SVG 1.1 document
/// that librsvg, Inkscape and browsers open and that parse_svg reads back.
///
/// Each shape is a <path> of its cubic contours (M, C, Z) with its fill, stroke and stroke
/// style; `data-pair` and `id` are kept; paint marks are small circles with `data-paint`.
/// Coordinates are written with three decimals, so a drawing read back is within 0.0005 px.

#include <string>

#include "vector/drawing.h"

namespace sakuga::vector {

struct SvgWriteOptions {
  std::string comment;  ///< written as an XML comment at the top, when not empty
};

std::string write_svg(const Drawing& drawing, const SvgWriteOptions& options = {});

}  // namespace sakuga::vector
