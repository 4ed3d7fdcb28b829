#include "composite/camera.h"

#include <algorithm>

namespace sakuga::composite {

double ease(Ease e, double t) {
  t = std::clamp(t, 0.0, 1.0);
  switch (e) {
    case Ease::kLinear: return t;
    case Ease::kEaseIn: return t * t * t;
    case Ease::kEaseOut: {
      double u = 1 - t;
      return 1 - u * u * u;
    }
    case Ease::kEaseInOut: return t * t * (3 - 2 * t);
  }
  return t;
}

CameraState evaluate(const std::vector<CameraKey>& keys, int64_t frame, CameraState fallback) {
  if (keys.empty()) return fallback;
  if (frame <= keys.front().frame) return {keys.front().x, keys.front().y, keys.front().zoom};
  if (frame >= keys.back().frame) return {keys.back().x, keys.back().y, keys.back().zoom};
  auto next = std::upper_bound(keys.begin(), keys.end(), frame,
                               [](int64_t f, const CameraKey& k) { return f < k.frame; });
  const CameraKey& a = *std::prev(next);
  const CameraKey& b = *next;
  double t = ease(a.ease, static_cast<double>(frame - a.frame) / static_cast<double>(b.frame - a.frame));
  // Zoom is interpolated geometrically so a track-up feels even (2x -> 4x takes as long as 1x -> 2x).
  double zoom = a.zoom * std::pow(b.zoom / a.zoom, t);
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, zoom};
}

core::Affine background_to_frame(const CameraState& cam, int width, int height) {
  return core::Affine::translate(width / 2.0, height / 2.0) * core::Affine::scale(cam.zoom, cam.zoom) *
         core::Affine::translate(-cam.x, -cam.y);
}

core::Affine field_to_frame(const CameraState& cam, int width, int height) {
  return core::Affine::translate(width / 2.0, height / 2.0) * core::Affine::scale(cam.zoom, cam.zoom) *
         core::Affine::translate(-width / 2.0, -height / 2.0);
}

}  // namespace sakuga::composite
