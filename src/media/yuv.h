#pragma once
/// RGB -> Y'CbCr 4:2:0, BT.709 matrix, limited ("TV") range, 8-bit. Anime is painted in
/// display-referred RGB, so values go through the matrix unchanged (no linearisation), as delivery
/// practice does. Chroma is the average of each 2x2 block (centred siting).

#include <cstdint>

#include "core/image.h"

namespace sakuga::media {

struct YuvPlanes {
  uint8_t* y;
  int y_stride;
  uint8_t* u;
  int u_stride;
  uint8_t* v;
  int v_stride;
};

/// Converts an opaque RGBA frame (alpha ignored). Width and height must be even.
void rgba_to_yuv420_bt709(core::ImageView<const core::Rgba8> rgba, const YuvPlanes& out);

}  // namespace sakuga::media
