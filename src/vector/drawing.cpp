#include "vector/drawing.h"

namespace sakuga::vector {

void line_to(Contour& c, core::Vec2 p) {
  core::Vec2 a = c.points.back();
  c.points.push_back(a + (p - a) * (1.0 / 3.0));
  c.points.push_back(a + (p - a) * (2.0 / 3.0));
  c.points.push_back(p);
}

void cubic_to(Contour& c, core::Vec2 c1, core::Vec2 c2, core::Vec2 p) {
  c.points.push_back(c1);
  c.points.push_back(c2);
  c.points.push_back(p);
}

core::RectD Drawing::bounds() const {
  core::RectD r;
  bool any = false;
  for (const auto& s : shapes) {
    double pad = s.stroke ? s.stroke_width_px / 2 + (s.join == LineJoin::kMiter ? s.stroke_width_px * 2 : 0) : 0;
    for (const auto& c : s.contours) {
      for (const auto& p : c.points) {  // control points bound the curve
        if (!any) {
          r = {p.x - pad, p.y - pad, p.x + pad, p.y + pad};
          any = true;
        }
        r.x0 = std::min(r.x0, p.x - pad);
        r.y0 = std::min(r.y0, p.y - pad);
        r.x1 = std::max(r.x1, p.x + pad);
        r.y1 = std::max(r.y1, p.y + pad);
      }
    }
  }
  return r;
}

}  // namespace sakuga::vector
