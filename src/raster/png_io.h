#pragma once
/// PNG files in and out (libpng). Images in memory are 8-bit RGBA; files may be any PNG colour type
/// and depth (palette, grey, 16-bit are converted). PNG stores straight alpha: the premultiply
/// helpers convert at the boundary.

#include <string>
#include <string_view>

#include "core/image.h"
#include "core/result.h"

namespace sakuga::raster {

struct PngImage {
  core::Image<core::Rgba8> pixels;  ///< straight alpha
  int offset_x = 0;                 ///< the oFFs chunk (pixels), 0 when absent
  int offset_y = 0;
};

core::Result<PngImage> decode_png(std::string_view bytes);

struct PngWriteOptions {
  int compression = 3;  ///< zlib level 0-9: 3 keeps frames quick to write and small for flat colour
  int offset_x = 0;     ///< written as oFFs when non-zero
  int offset_y = 0;
};

/// Encodes straight-alpha RGBA as an 8-bit RGBA PNG.
core::Result<std::string> encode_png(core::ImageView<const core::Rgba8> image, const PngWriteOptions& options = {});

void premultiply(core::ImageView<core::Rgba8> image);
void unpremultiply(core::ImageView<core::Rgba8> image);

}  // namespace sakuga::raster
