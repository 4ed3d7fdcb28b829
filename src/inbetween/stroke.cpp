#include "inbetween/stroke.h"

#include <algorithm>
#include <cmath>

namespace sakuga::inbetween {
namespace {

// The contour as a fine polyline: each cubic cut into pieces of about a pixel (4 to 256 of them).
std::vector<Complex> flatten(const vector::Contour& c) {
  std::vector<Complex> out;
  if (c.points.empty()) return out;
  out.push_back(to_complex(c.points[0]));
  for (size_t i = 1; i + 2 < c.points.size(); i += 3) {
    Complex p0 = to_complex(c.points[i - 1]), p1 = to_complex(c.points[i]), p2 = to_complex(c.points[i + 1]),
            p3 = to_complex(c.points[i + 2]);
    double hull = magnitude(p1 - p0) + magnitude(p2 - p1) + magnitude(p3 - p2);
    int steps = std::clamp(static_cast<int>(std::ceil(hull)), 4, 256);
    for (int k = 1; k <= steps; ++k) {
      double t = static_cast<double>(k) / steps, u = 1 - t;
      out.push_back(u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3);
    }
  }
  if (c.closed && std::abs(out.back() - out.front()) > 1e-9) out.push_back(out.front());
  return out;
}

}  // namespace

double contour_length(const vector::Contour& c) {
  std::vector<Complex> f = flatten(c);
  double len = 0;
  for (size_t i = 1; i < f.size(); ++i) len += magnitude(f[i] - f[i - 1]);
  return len;
}

std::vector<Complex> resample(const vector::Contour& c, int n) {
  std::vector<Complex> f = flatten(c);
  std::vector<Complex> out;
  if (f.empty() || n <= 0) return out;
  std::vector<double> at(f.size(), 0);
  for (size_t i = 1; i < f.size(); ++i) at[i] = at[i - 1] + magnitude(f[i] - f[i - 1]);
  const double total = at.back();
  out.reserve(static_cast<size_t>(n));
  size_t seg = 1;
  for (int k = 0; k < n; ++k) {
    double want = total * (c.closed ? static_cast<double>(k) / n : n == 1 ? 0 : static_cast<double>(k) / (n - 1));
    while (seg + 1 < f.size() && at[seg] < want) ++seg;
    if (f.size() == 1 || total == 0) {
      out.push_back(f[0]);
      continue;
    }
    double span = at[seg] - at[seg - 1];
    double u = span > 0 ? std::clamp((want - at[seg - 1]) / span, 0.0, 1.0) : 0;
    out.push_back(f[seg - 1] + u * (f[seg] - f[seg - 1]));
  }
  return out;
}

std::vector<Stroke> strokes_of(const vector::Drawing& d) {
  std::vector<Stroke> out;
  for (size_t s = 0; s < d.shapes.size(); ++s) {
    for (size_t c = 0; c < d.shapes[s].contours.size(); ++c) {
      const vector::Contour& contour = d.shapes[s].contours[c];
      if (contour.segment_count() == 0) continue;
      Stroke st;
      st.shape = s;
      st.contour = c;
      st.closed = contour.closed;
      st.length = contour_length(contour);
      st.coarse = resample(contour, kCoarse);
      Complex sum = 0;
      for (Complex p : st.coarse) sum += p;
      st.centroid = to_vec(sum / static_cast<double>(st.coarse.size()));
      out.push_back(std::move(st));
    }
  }
  return out;
}

Similarity fit_similarity(std::span<const Complex> p, std::span<const Complex> q, bool rigid, double* rms) {
  const size_t n = std::min(p.size(), q.size());
  if (n == 0) return {};
  Complex mp = 0, mq = 0;
  for (size_t i = 0; i < n; ++i) mp += p[i], mq += q[i];
  mp /= static_cast<double>(n);
  mq /= static_cast<double>(n);
  Complex cross = 0;
  double pp = 0;
  for (size_t i = 0; i < n; ++i) {
    Complex a = p[i] - mp, b = q[i] - mq;
    cross += std::conj(a) * b;
    pp += std::norm(a);
  }
  Complex m{1, 0};
  if (pp > 1e-12 && magnitude(cross) > 1e-12) m = rigid ? cross / magnitude(cross) : cross / pp;
  Similarity s{m, mq - m * mp};
  if (rms) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += std::norm(s(p[i]) - q[i]);
    *rms = std::sqrt(sum / static_cast<double>(n));
  }
  return s;
}

}  // namespace sakuga::inbetween
