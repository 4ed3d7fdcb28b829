// Value parsers of the SVG reader: numbers, lengths, colours, transforms, path data.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "vector/svg_p.h"

namespace sakuga::vector::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  void skip_ws() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }
  void skip_ws_comma() {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ',') {
      ++i_;
      skip_ws();
    }
  }
  bool done() {
    skip_ws();
    return i_ >= s_.size();
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  size_t pos() const { return i_; }
  void advance() { ++i_; }

  /// SVG number: sign, digits, optional fraction and exponent. "0.5.5" reads as 0.5 then .5.
  bool number(double& out) {
    skip_ws();
    size_t start = i_;
    size_t j = i_;
    if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
    size_t digits = 0;
    while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) ++j, ++digits;
    if (j < s_.size() && s_[j] == '.') {
      ++j;
      while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) ++j, ++digits;
    }
    if (digits == 0) return false;
    if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
      size_t k = j + 1;
      if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) {
        while (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) ++k;
        j = k;
      }
    }
    std::string tmp(s_.substr(start, j - start));
    if (tmp[0] == '+') tmp.erase(0, 1);
    auto [p, ec] = std::from_chars(tmp.data(), tmp.data() + tmp.size(), out);
    if (ec != std::errc() || !std::isfinite(out)) return false;
    i_ = j;
    return true;
  }
  /// An arc flag: a single '0' or '1', which may be followed directly by the next number.
  bool flag(bool& out) {
    skip_ws_comma();
    if (i_ < s_.size() && (s_[i_] == '0' || s_[i_] == '1')) {
      out = s_[i_++] == '1';
      return true;
    }
    return false;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// Appends an elliptical arc (SVG endpoint parametrisation) as cubics of at most 90 degrees.
void arc_to(Contour& c, double rx, double ry, double x_axis_deg, bool large, bool sweep, core::Vec2 p) {
  core::Vec2 p0 = c.points.back();
  if (p0 == p) return;
  rx = std::abs(rx);
  ry = std::abs(ry);
  if (rx == 0 || ry == 0) {
    line_to(c, p);
    return;
  }
  double phi = x_axis_deg * M_PI / 180.0;
  double cs = std::cos(phi), sn = std::sin(phi);
  double dx = (p0.x - p.x) / 2, dy = (p0.y - p.y) / 2;
  double x1 = cs * dx + sn * dy, y1 = -sn * dx + cs * dy;
  double lambda = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
  if (lambda > 1) {
    rx *= std::sqrt(lambda);
    ry *= std::sqrt(lambda);
  }
  double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  double k = std::sqrt(std::max(0.0, num / den)) * (large == sweep ? -1 : 1);
  double cxp = k * rx * y1 / ry, cyp = -k * ry * x1 / rx;
  double cx = cs * cxp - sn * cyp + (p0.x + p.x) / 2;
  double cy = sn * cxp + cs * cyp + (p0.y + p.y) / 2;
  auto angle = [](double ux, double uy, double vx, double vy) {
    return std::atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  };
  double t1 = angle(1, 0, (x1 - cxp) / rx, (y1 - cyp) / ry);
  double dt = angle((x1 - cxp) / rx, (y1 - cyp) / ry, (-x1 - cxp) / rx, (-y1 - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * M_PI;
  if (sweep && dt < 0) dt += 2 * M_PI;
  int n = std::max(1, static_cast<int>(std::ceil(std::abs(dt) / (M_PI / 2) - 1e-9)));
  double step = dt / n;
  double kappa = 4.0 / 3.0 * std::tan(step / 4);
  auto point = [&](double t) {
    return core::Vec2{cx + rx * cs * std::cos(t) - ry * sn * std::sin(t),
                      cy + rx * sn * std::cos(t) + ry * cs * std::sin(t)};
  };
  auto deriv = [&](double t) {
    return core::Vec2{-rx * cs * std::sin(t) - ry * sn * std::cos(t), -rx * sn * std::sin(t) + ry * cs * std::cos(t)};
  };
  for (int i = 0; i < n; ++i) {
    double a = t1 + step * i, b = a + step;
    core::Vec2 e = i == n - 1 ? p : point(b);
    cubic_to(c, c.points.back() + deriv(a) * kappa, e - deriv(b) * kappa, e);
  }
}

}  // namespace

bool parse_length(std::string_view text, double& px, std::string& error) {
  Scanner s(text);
  if (!s.number(px)) {
    error = "expected a length, found '" + std::string(text) + "'";
    return false;
  }
  std::string_view unit = text.substr(s.pos());
  while (!unit.empty() && is_space(unit.back())) unit.remove_suffix(1);
  static const struct {
    const char* name;
    double px;
  } kUnits[] = {{"", 1}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}};
  for (const auto& u : kUnits) {
    if (unit == u.name) {
      px *= u.px;
      return true;
    }
  }
  error = unit == "%" ? "percentage lengths are not supported here"
                      : "unknown length unit '" + std::string(unit) + "'";
  return false;
}

std::optional<PaintSpec> parse_paint(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text == "none" || text == "transparent") return PaintSpec{PaintKind::kNone, {}};
  if (text == "currentColor") return PaintSpec{PaintKind::kCurrentColor, {}};
  auto hex = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (!text.empty() && text[0] == '#') {
    std::string_view h = text.substr(1);
    for (char ch : h) {
      if (hex(ch) < 0) return std::nullopt;
    }
    auto c8 = [](int v) { return static_cast<uint8_t>(v); };
    if (h.size() == 3 || h.size() == 4) {
      core::Rgba8 c{c8(hex(h[0]) * 17), c8(hex(h[1]) * 17), c8(hex(h[2]) * 17), 255};
      if (h.size() == 4) c.a = c8(hex(h[3]) * 17);
      return PaintSpec{PaintKind::kColor, c};
    }
    if (h.size() == 6 || h.size() == 8) {
      auto byte = [&](int i) { return c8(hex(h[i]) * 16 + hex(h[i + 1])); };
      core::Rgba8 c{byte(0), byte(2), byte(4), 255};
      if (h.size() == 8) c.a = byte(6);
      return PaintSpec{PaintKind::kColor, c};
    }
    return std::nullopt;
  }
  if (text.substr(0, 4) == "rgb(" && text.back() == ')') {
    Scanner s(text.substr(4, text.size() - 5));
    double v[3];
    for (int i = 0; i < 3; ++i) {
      if (i > 0) s.skip_ws_comma();
      if (!s.number(v[i])) return std::nullopt;
      if (s.peek() == '%') {
        v[i] = v[i] * 255.0 / 100.0;
        s.advance();
      }
    }
    if (!s.done()) return std::nullopt;
    auto c8 = [](double x) { return static_cast<uint8_t>(std::lround(std::clamp(x, 0.0, 255.0))); };
    return PaintSpec{PaintKind::kColor, {c8(v[0]), c8(v[1]), c8(v[2]), 255}};
  }
  static const struct {
    const char* name;
    uint32_t rgb;
  } kNamed[] = {
      {"black", 0x000000},  {"white", 0xffffff},     {"red", 0xff0000},       {"green", 0x008000},
      {"lime", 0x00ff00},   {"blue", 0x0000ff},      {"yellow", 0xffff00},    {"cyan", 0x00ffff},
      {"aqua", 0x00ffff},   {"magenta", 0xff00ff},   {"fuchsia", 0xff00ff},   {"gray", 0x808080},
      {"grey", 0x808080},   {"silver", 0xc0c0c0},    {"maroon", 0x800000},    {"olive", 0x808000},
      {"navy", 0x000080},   {"purple", 0x800080},    {"teal", 0x008080},      {"orange", 0xffa500},
      {"pink", 0xffc0cb},   {"brown", 0xa52a2a},     {"gold", 0xffd700},      {"skyblue", 0x87ceeb},
      {"darkgray", 0xa9a9a9}, {"darkgrey", 0xa9a9a9}, {"lightgray", 0xd3d3d3}, {"lightgrey", 0xd3d3d3},
      {"dimgray", 0x696969}, {"dimgrey", 0x696969},  {"beige", 0xf5f5dc},     {"ivory", 0xfffff0},
      {"salmon", 0xfa8072}, {"coral", 0xff7f50},     {"tomato", 0xff6347},    {"crimson", 0xdc143c},
      {"indigo", 0x4b0082}, {"violet", 0xee82ee},    {"tan", 0xd2b48c},       {"khaki", 0xf0e68c},
      {"wheat", 0xf5deb3},  {"chocolate", 0xd2691e}, {"sienna", 0xa0522d},    {"peru", 0xcd853f},
      {"forestgreen", 0x228b22}, {"darkgreen", 0x006400}, {"steelblue", 0x4682b4}, {"royalblue", 0x4169e1},
      {"midnightblue", 0x191970}, {"slategray", 0x708090}, {"lavender", 0xe6e6fa}, {"snow", 0xfffafa},
  };
  for (const auto& n : kNamed) {
    if (text == n.name) {
      return PaintSpec{PaintKind::kColor, {static_cast<uint8_t>(n.rgb >> 16), static_cast<uint8_t>(n.rgb >> 8),
                                           static_cast<uint8_t>(n.rgb), 255}};
    }
  }
  return std::nullopt;
}

bool parse_transform(std::string_view text, core::Affine& out, std::string& error) {
  core::Affine m;
  Scanner s(text);
  while (!s.done()) {
    size_t name_start = s.pos();
    while (std::isalpha(static_cast<unsigned char>(s.peek()))) s.advance();
    std::string name(text.substr(name_start, s.pos() - name_start));
    s.skip_ws();
    if (name.empty() || s.peek() != '(') {
      error = "malformed transform '" + std::string(text) + "'";
      return false;
    }
    s.advance();
    double v[6];
    int n = 0;
    for (;;) {
      s.skip_ws_comma();
      if (s.peek() == ')') break;
      if (n == 6 || !s.number(v[n])) {
        error = "malformed arguments to " + name + "()";
        return false;
      }
      ++n;
    }
    s.advance();
    s.skip_ws_comma();
    core::Affine t;
    auto arity = [&](int a, int b) {
      if (n < a || n > b) {
        error = name + "() takes " + (a == b ? std::to_string(a) : std::to_string(a) + " to " + std::to_string(b)) +
                " numbers, found " + std::to_string(n);
        return false;
      }
      return true;
    };
    if (name == "matrix") {
      if (!arity(6, 6)) return false;
      t = {v[0], v[1], v[2], v[3], v[4], v[5]};
    } else if (name == "translate") {
      if (!arity(1, 2)) return false;
      t = core::Affine::translate(v[0], n == 2 ? v[1] : 0);
    } else if (name == "scale") {
      if (!arity(1, 2)) return false;
      t = core::Affine::scale(v[0], n == 2 ? v[1] : v[0]);
    } else if (name == "rotate") {
      if (n != 1 && n != 3) {
        error = "rotate() takes 1 or 3 numbers, found " + std::to_string(n);
        return false;
      }
      t = core::Affine::rotate_deg(v[0]);
      if (n == 3) t = core::Affine::translate(v[1], v[2]) * t * core::Affine::translate(-v[1], -v[2]);
    } else if (name == "skewX") {
      if (!arity(1, 1)) return false;
      t = core::Affine::skew_x_deg(v[0]);
    } else if (name == "skewY") {
      if (!arity(1, 1)) return false;
      t = core::Affine::skew_y_deg(v[0]);
    } else {
      error = "unknown transform '" + name + "'";
      return false;
    }
    m = m * t;
  }
  out = m;
  return true;
}

bool parse_path_data(std::string_view d, std::vector<Contour>& out, size_t& error_offset, std::string& error) {
  Scanner s(d);
  std::vector<Contour> contours;
  core::Vec2 cur, start, last_ctrl;
  char prev_cmd = 0;
  char cmd = 0;
  auto fail = [&](const std::string& why) {
    error_offset = s.pos();
    error = why;
    return false;
  };
  auto need_contour = [&] {
    if (contours.empty() || contours.back().closed) {
      // A command after Z starts a new subpath at the current point.
      Contour c;
      c.points.push_back(cur);
      contours.push_back(std::move(c));
    }
  };
  while (!s.done()) {
    char ch = s.peek();
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      if (!std::strchr("MmLlHhVvCcSsQqTtAaZz", ch)) return fail(std::string("unknown path command '") + ch + "'");
      cmd = ch;
      s.advance();
    } else if (cmd == 0) {
      return fail("path data must begin with a moveto (M or m)");
    } else if (cmd == 'Z' || cmd == 'z') {
      return fail("numbers after closepath");
    }
    if (contours.empty() && cmd != 'M' && cmd != 'm') return fail("path data must begin with a moveto (M or m)");
    bool rel = std::islower(static_cast<unsigned char>(cmd));
    core::Vec2 base = rel ? cur : core::Vec2{};
    auto num = [&](double& v) {
      s.skip_ws_comma();
      return s.number(v);
    };
    auto pt = [&](core::Vec2& p) {
      if (!num(p.x) || !num(p.y)) return false;
      p = p + base;
      return true;
    };
    char up = static_cast<char>(std::toupper(static_cast<unsigned char>(cmd)));
    switch (up) {
      case 'M': {
        core::Vec2 p;
        if (!pt(p)) return fail("expected coordinates after moveto");
        Contour c;
        c.points.push_back(p);
        contours.push_back(std::move(c));
        cur = start = p;
        cmd = rel ? 'l' : 'L';  // further pairs are implicit linetos
        break;
      }
      case 'L': {
        core::Vec2 p;
        if (!pt(p)) return fail("expected coordinates after lineto");
        need_contour();
        line_to(contours.back(), p);
        cur = p;
        break;
      }
      case 'H':
      case 'V': {
        double v;
        if (!num(v)) return fail(std::string("expected a number after ") + cmd);
        core::Vec2 p = cur;
        (up == 'H' ? p.x : p.y) = v + (rel ? (up == 'H' ? cur.x : cur.y) : 0);
        need_contour();
        line_to(contours.back(), p);
        cur = p;
        break;
      }
      case 'C':
      case 'S': {
        core::Vec2 c1, c2, p;
        if (up == 'C') {
          if (!pt(c1)) return fail("expected control point after curveto");
        } else {
          bool smooth = prev_cmd == 'C' || prev_cmd == 'S';
          c1 = smooth ? cur + (cur - last_ctrl) : cur;
        }
        if (!pt(c2) || !pt(p)) return fail("expected coordinates after curveto");
        need_contour();
        cubic_to(contours.back(), c1, c2, p);
        last_ctrl = c2;
        cur = p;
        break;
      }
      case 'Q':
      case 'T': {
        core::Vec2 q, p;
        if (up == 'Q') {
          if (!pt(q)) return fail("expected control point after quadratic curveto");
        } else {
          bool smooth = prev_cmd == 'Q' || prev_cmd == 'T';
          q = smooth ? cur + (cur - last_ctrl) : cur;
        }
        if (!pt(p)) return fail("expected coordinates after quadratic curveto");
        need_contour();
        // Degree elevation: a quadratic is exactly a cubic with these controls.
        cubic_to(contours.back(), cur + (q - cur) * (2.0 / 3.0), p + (q - p) * (2.0 / 3.0), p);
        last_ctrl = q;
        cur = p;
        break;
      }
      case 'A': {
        double rx, ry, rot;
        bool large, sweep;
        core::Vec2 p;
        if (!num(rx) || !num(ry) || !num(rot)) return fail("expected radii and rotation after arc");
        if (!s.flag(large) || !s.flag(sweep)) return fail("expected arc flags (0 or 1)");
        if (!pt(p)) return fail("expected coordinates after arc");
        need_contour();
        arc_to(contours.back(), rx, ry, rot, large, sweep, p);
        cur = p;
        break;
      }
      case 'Z': {
        if (!contours.empty() && !contours.back().closed) {
          Contour& c = contours.back();
          if (!(c.points.back() == start)) line_to(c, start);
          c.closed = true;
        }
        cur = start;
        break;
      }
    }
    prev_cmd = up;
  }
  out = std::move(contours);
  return true;
}

}  // namespace sakuga::vector::detail
