#pragma once
/// The in-betweener's view of a drawing: every contour a stroke, sampled evenly along its length.

#include <cmath>
#include <complex>
#include <span>
#include <vector>

#include "core/geometry.h"
#include "vector/drawing.h"

namespace sakuga::inbetween {

using Complex = std::complex<double>;

/// |z| without std::abs's overflow-safe hypot, which is slow; coordinates here are pixels.
inline double magnitude(Complex z) { return std::sqrt(std::norm(z)); }

/// One contour of a drawing.
struct Stroke {
  size_t shape = 0;    ///< index in Drawing::shapes
  size_t contour = 0;  ///< index in the shape's contours
  bool closed = false;
  double length = 0;   ///< in canvas pixels
  core::Vec2 centroid;  ///< of `coarse`
  std::vector<Complex> coarse;  ///< kCoarse points evenly along the contour, for matching
};

/// Points evenly spaced along a contour by arc length: for an open contour `n` points from its
/// start to its end, for a closed one `n` points from its start round (the start not repeated).
std::vector<Complex> resample(const vector::Contour& c, int n);

/// Length of a contour (its cubics flattened finely).
double contour_length(const vector::Contour& c);

inline constexpr int kCoarse = 32;

/// Every contour of `d` with at least one segment, in drawing order.
std::vector<Stroke> strokes_of(const vector::Drawing& d);

/// A similarity transform x -> m x + t on the complex plane (m = scale * e^(i angle)).
struct Similarity {
  Complex m{1, 0};
  Complex t{0, 0};
  Complex operator()(Complex p) const { return m * p + t; }
  double scale() const { return magnitude(m); }
  double angle() const { return std::arg(m); }
  Similarity inverse() const { return {1.0 / m, -t / m}; }
  /// this after `o`: x -> this(o(x))
  Similarity after(const Similarity& o) const { return {m * o.m, m * o.t + t}; }
};

/// The least-squares similarity taking p[i] to q[i]; with `rigid`, scale 1. `rms` gets the root
/// mean square distance left, when not null.
Similarity fit_similarity(std::span<const Complex> p, std::span<const Complex> q, bool rigid, double* rms = nullptr);

inline Complex to_complex(core::Vec2 v) { return {v.x, v.y}; }
inline core::Vec2 to_vec(Complex c) { return {c.real(), c.imag()}; }

}  // namespace sakuga::inbetween
