#include "vector/svg_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sakuga::vector {
namespace {

// Numbers are written to a thousandth. Canvases are at most 32767 px a side, so anything beyond
// a billion is clamped there (and a NaN written as 0) to keep the file readable.
void number(std::string& out, double v) {
  char buf[32];
  if (!std::isfinite(v)) v = std::isnan(v) ? 0.0 : std::copysign(1e9, v);
  v = std::clamp(v, -1e9, 1e9);
  double r = std::round(v * 1000) / 1000;
  if (r == 0) r = 0;  // no "-0"
  int n = std::snprintf(buf, sizeof buf, "%.3f", r);
  // Trailing zeros and a bare point go: 12.500 -> 12.5, 3.000 -> 3.
  while (n > 0 && buf[n - 1] == '0') --n;
  if (n > 0 && buf[n - 1] == '.') --n;
  out.append(buf, static_cast<size_t>(n));
}

void color(std::string& out, const char* name, const std::optional<core::Rgba8>& c) {
  out += ' ';
  out += name;
  if (!c) {
    out += "=\"none\"";
    return;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "=\"#%02x%02x%02x\"", c->r, c->g, c->b);
  out += buf;
  if (c->a != 255) {
    out += ' ';
    out += name;
    out += "-opacity=\"";
    number(out, c->a / 255.0);
    out += '"';
  }
}

void escaped(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string write_svg(const Drawing& d, const SvgWriteOptions& options) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (!options.comment.empty()) {
    out += "<!-- ";
    for (char c : options.comment) out += (c == '-' && out.back() == '-') ? std::string(" -") : std::string(1, c);
    out += " -->\n";
  }
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
  number(out, d.width);
  out += "\" height=\"";
  number(out, d.height);
  out += "\" viewBox=\"0 0 ";
  number(out, d.width);
  out += ' ';
  number(out, d.height);
  out += d.inbetween ? "\" data-sakuga=\"inbetween\">\n" : "\">\n";
  for (const Shape& s : d.shapes) {
    out += "  <path";
    if (!s.id.empty()) {
      out += " id=\"";
      escaped(out, s.id);
      out += '"';
    }
    if (!s.pair.empty()) {
      out += " data-pair=\"";
      escaped(out, s.pair);
      out += '"';
    }
    out += " d=\"";
    bool first = true;
    for (const Contour& c : s.contours) {
      if (c.points.empty()) continue;
      out += first ? "M" : " M";
      first = false;
      number(out, c.points[0].x);
      out += ' ';
      number(out, c.points[0].y);
      for (size_t i = 1; i + 2 < c.points.size(); i += 3) {
        out += " C";
        for (size_t k = 0; k < 3; ++k) {
          if (k) out += ' ';
          number(out, c.points[i + k].x);
          out += ' ';
          number(out, c.points[i + k].y);
        }
      }
      if (c.closed) out += " Z";
    }
    out += '"';
    color(out, "fill", s.fill);
    if (s.fill && s.fill_rule == FillRule::kEvenOdd) out += " fill-rule=\"evenodd\"";
    color(out, "stroke", s.stroke);
    if (s.stroke) {
      out += " stroke-width=\"";
      number(out, s.stroke_width_px);
      out += '"';
      if (s.cap != LineCap::kButt) out += s.cap == LineCap::kRound ? " stroke-linecap=\"round\"" : " stroke-linecap=\"square\"";
      if (s.join != LineJoin::kMiter) {
        out += s.join == LineJoin::kRound ? " stroke-linejoin=\"round\"" : " stroke-linejoin=\"bevel\"";
      } else if (s.miter_limit != 4.0) {
        out += " stroke-miterlimit=\"";
        number(out, s.miter_limit);
        out += '"';
      }
    }
    out += "/>\n";
  }
  for (const PaintMark& m : d.marks) {
    out += "  <circle cx=\"";
    number(out, m.center.x);
    out += "\" cy=\"";
    number(out, m.center.y);
    out += "\" r=\"3\" data-paint=\"";
    escaped(out, m.style);
    out += "\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace sakuga::vector
