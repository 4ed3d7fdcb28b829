#pragma once
/// A drawing's shapes as cairo paths with their fill rule and stroke style, and cairo's pixels
/// back: the one place the vector model meets cairo, for the rasterizer and for the painter's
/// masks and crisp cels.

#include <cairo.h>

#include "core/geometry.h"
#include "core/image.h"
#include "vector/drawing.h"

namespace sakuga::raster {

/// Replaces `cr`'s path with the shape's contours mapped by `m`.
void set_shape_path(cairo_t* cr, const vector::Shape& shape, const core::Affine& m);

/// A straight (not premultiplied) colour as the source.
void set_source_colour(cairo_t* cr, core::Rgba8 straight);

/// The shape's fill rule (non-zero or even-odd).
void set_fill_rule(cairo_t* cr, const vector::Shape& shape);

/// The shape's stroke: width (times `scale`, the mapping's mean scale), caps, joins, miter limit.
void set_stroke_style(cairo_t* cr, const vector::Shape& shape, double scale);

/// The pixels of an ARGB32 surface (flushed), premultiplied RGBA.
core::Image<core::Rgba8> surface_pixels(cairo_surface_t* argb32);

}  // namespace sakuga::raster
