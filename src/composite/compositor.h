#pragma once
/// The layer stack of one frame: a background image seen through the camera, then cels over it.
/// Works in premultiplied float RGBA and returns an opaque 8-bit frame.

#include <vector>

#include "core/geometry.h"
#include "core/image.h"
#include "raster/rasterizer.h"

namespace sakuga::composite {

struct FrameStack {
  int width = 0;
  int height = 0;
  /// A raster background (straight alpha) and where it lands: background pixels -> frame pixels.
  /// Sampled bilinearly. May be null (vector backgrounds arrive as the first cel instead).
  const core::Image<core::Rgba8>* background = nullptr;
  core::Affine background_to_frame;
  /// Cels bottom to top, already rasterized in frame pixels (premultiplied).
  std::vector<const raster::Cel*> cels;
};

/// Composites the stack over opaque black. The result is opaque RGBA (alpha 255).
core::Image<core::Rgba8> composite(const FrameStack& stack);

}  // namespace sakuga::composite
