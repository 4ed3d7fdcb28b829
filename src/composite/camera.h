#pragma once
/// The camera over a cut: keys of position and zoom, interpolated per frame.
///
///   frame:  0 ........ 24 ........ 48
///   keys:   K0 --ease-> K1 -linear-> K2     (a key's ease shapes the move to the next key)
///
/// `x`, `y` are the background point under the centre of the frame, in background pixels; `zoom`
/// magnifies (2 = track up to twice the size). Before the first key the camera holds the first key;
/// after the last it holds the last.

#include <cstdint>
#include <vector>

#include "core/geometry.h"

namespace sakuga::composite {

enum class Ease { kLinear, kEaseIn, kEaseOut, kEaseInOut };

struct CameraKey {
  int64_t frame = 0;
  double x = 0;
  double y = 0;
  double zoom = 1;
  Ease ease = Ease::kLinear;  ///< shape of the move from this key to the next
};

struct CameraState {
  double x = 0;
  double y = 0;
  double zoom = 1;
};

/// Eased progress for t in [0, 1] (cubic ease curves, smoothstep for in-out).
double ease(Ease e, double t);

/// Camera at `frame`. Keys must be sorted by frame; an empty list gives `fallback`.
CameraState evaluate(const std::vector<CameraKey>& keys, int64_t frame, CameraState fallback);

/// Background pixels -> frame pixels for a frame of width x height.
core::Affine background_to_frame(const CameraState& cam, int width, int height);

/// Field (the cel plane, in frame pixels at zoom 1) -> frame pixels: the camera's zoom about the
/// frame centre. Pans slide the background under the field, so they do not move field cels.
core::Affine field_to_frame(const CameraState& cam, int width, int height);

}  // namespace sakuga::composite
