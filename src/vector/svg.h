#pragma once
/// SVG import for key drawings.
///
/// Supported: `svg` (width, height, viewBox), `g`, `path` (every command, implicit repeats, arcs),
/// `line`, `polyline`, `polygon`, `rect` (with rx/ry), `circle`, `ellipse`; `transform` lists;
/// presentation attributes and `style` for fill, stroke, stroke-width, opacities, fill-rule,
/// linecap, linejoin, miterlimit, display and visibility, inherited through groups; colours as #rgb,
/// #rrggbb, rgb(), named colours and currentColor. `defs`, `title`, `desc`, `metadata` and editor
/// namespaces (Inkscape, Sodipodi) are skipped quietly; any other element is skipped with a warning
/// that gives its line. Elements with `data-paint="STYLE"` become paint marks.

#include <optional>

#include "core/diagnostics.h"
#include "vector/drawing.h"

namespace sakuga::vector {

/// Parses an SVG document. Problems go to `sink` with file:line:col; returns nullopt if any was an
/// error. Warnings (unknown elements) do not stop the import.
std::optional<Drawing> parse_svg(const core::SourceText& src, core::DiagnosticSink& sink);

}  // namespace sakuga::vector
