#pragma once
/// Geometry: points, affine transforms (SVG's matrix order), half-open rectangles.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sakuga::core {

/// floor(v) and ceil(v) as pixel coordinates: saturated to +-2^30, NaN to -2^30, so that a point a
/// drawing puts absurdly far away (or nowhere) is simply off every canvas.
inline int floor_px(double v) {
  constexpr double kFar = 1 << 30;
  return v >= -kFar ? (v <= kFar ? static_cast<int>(std::floor(v)) : 1 << 30) : -(1 << 30);
}
inline int ceil_px(double v) {
  constexpr double kFar = 1 << 30;
  return v >= -kFar ? (v <= kFar ? static_cast<int>(std::ceil(v)) : 1 << 30) : -(1 << 30);
}

struct Vec2 {
  double x = 0;
  double y = 0;
  friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
  friend bool operator==(Vec2, Vec2) = default;
};

/// x' = a*x + c*y + e, y' = b*x + d*y + f  (the SVG `matrix(a b c d e f)` convention).
struct Affine {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

  static Affine translate(double tx, double ty) { return {1, 0, 0, 1, tx, ty}; }
  static Affine scale(double sx, double sy) { return {sx, 0, 0, sy, 0, 0}; }
  static Affine rotate_deg(double deg) {
    double r = deg * M_PI / 180.0;
    return {std::cos(r), std::sin(r), -std::sin(r), std::cos(r), 0, 0};
  }
  static Affine skew_x_deg(double deg) { return {1, 0, std::tan(deg * M_PI / 180.0), 1, 0, 0}; }
  static Affine skew_y_deg(double deg) { return {1, std::tan(deg * M_PI / 180.0), 0, 1, 0, 0}; }

  Vec2 apply(Vec2 p) const { return {a * p.x + c * p.y + e, b * p.x + d * p.y + f}; }
  /// Applies only the linear part (for vectors, not points).
  Vec2 apply_linear(Vec2 v) const { return {a * v.x + c * v.y, b * v.x + d * v.y}; }
  double determinant() const { return a * d - b * c; }
  /// Geometric mean scale, used to scale stroke widths.
  double mean_scale() const { return std::sqrt(std::abs(determinant())); }
  Affine inverse() const {
    double det = determinant();
    double ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
    return {ia, ib, ic, id, -(ia * e + ic * f), -(ib * e + id * f)};
  }
  /// (this * o)(p) = this(o(p)): o is applied first.
  Affine operator*(const Affine& o) const {
    return {a * o.a + c * o.b, b * o.a + d * o.b, a * o.c + c * o.d,
            b * o.c + d * o.d, a * o.e + c * o.f + e, b * o.e + d * o.f + f};
  }
  friend bool operator==(const Affine&, const Affine&) = default;
};

/// Half-open integer rectangle [x0, x1) x [y0, y1).
struct RectI {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  RectI intersect(const RectI& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
  friend bool operator==(const RectI&, const RectI&) = default;
};

struct RectD {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  void include(Vec2 p) {
    if (empty() && x0 == 0 && y0 == 0 && x1 == 0 && y1 == 0) {
      *this = {p.x, p.y, p.x, p.y};
      return;
    }
    x0 = std::min(x0, p.x);
    y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
};

}  // namespace sakuga::core
