#pragma once
/// Anti-aliased rasterization of vector drawings into cels.
///
/// The rasterizer is this one function; cairo does the coverage work behind it today, and a
/// coverage rasterizer of our own can replace it without touching any caller.

#include "core/geometry.h"
#include "core/image.h"
#include "vector/drawing.h"

namespace sakuga::raster {

/// A rasterized drawing: premultiplied RGBA, cropped to what the drawing covers.
struct Cel {
  core::Image<core::Rgba8> pixels;  ///< premultiplied
  int x = 0;                        ///< where pixels(0,0) sits in the target pixel grid
  int y = 0;
};

/// Rasterizes `drawing` with `to_pixels` mapping canvas coordinates to target pixels, keeping only
/// what falls inside `clip` (target pixels). Shapes are painted in order: fill, then stroke.
/// Deterministic: the same inputs give the same pixels on any thread.
Cel rasterize(const vector::Drawing& drawing, const core::Affine& to_pixels, const core::RectI& clip);

}  // namespace sakuga::raster
