#include "vector/svg.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstring>
#include <map>

#include "vector/svg_p.h"

namespace sakuga::vector {
namespace {

using detail::PaintKind;
using detail::PaintSpec;

// Style state inherited down the tree.
struct Style {
  PaintSpec fill{PaintKind::kColor, {0, 0, 0, 255}};
  PaintSpec stroke{PaintKind::kNone, {}};
  core::Rgba8 current_color{0, 0, 0, 255};
  double stroke_width = 1;
  double fill_opacity = 1;
  double stroke_opacity = 1;
  double opacity = 1;  // group opacity, multiplied into descendants (an approximation of SVG's group compositing)
  FillRule fill_rule = FillRule::kNonZero;
  LineCap cap = LineCap::kButt;
  LineJoin join = LineJoin::kMiter;
  double miter_limit = 4;
  bool visible = true;
};

class Reader {
 public:
  Reader(const core::SourceText& src, core::DiagnosticSink& sink) : src_(src), sink_(sink) {}

  std::optional<Drawing> read() {
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(src_.text().data(), src_.text().size(),
                                               pugi::parse_default | pugi::parse_declaration);
    if (!r) {
      sink_.error(src_, src_.pos_at(static_cast<size_t>(std::max<ptrdiff_t>(0, r.offset))),
                  std::string("malformed XML: ") + r.description());
      return std::nullopt;
    }
    pugi::xml_node root = doc.document_element();
    if (std::strcmp(local_name(root), "svg") != 0) {
      sink_.error(src_, node_pos(root), "the root element is <" + std::string(root.name()) + ">, expected <svg>");
      return std::nullopt;
    }
    Drawing drawing;
    core::Affine view;
    if (!read_viewport(root, drawing, view)) return std::nullopt;
    drawing.inbetween = std::string_view(root.attribute("data-sakuga").as_string()) == "inbetween";
    Style style;
    walk_children(root, view, style, drawing);
    if (errors_) return std::nullopt;
    return drawing;
  }

 private:
  static const char* local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
  }

  core::SourcePos node_pos(const pugi::xml_node& n) const {
    ptrdiff_t off = n.offset_debug();
    // offset_debug points at the name; the caret goes on the '<' before it.
    return src_.pos_at(off > 0 ? static_cast<size_t>(off - 1) : 0);
  }

  // Position of character `index` of attribute `name`'s value, found in the raw text of the element.
  core::SourcePos attr_pos(const pugi::xml_node& n, const char* name, size_t index = 0) const {
    ptrdiff_t off = n.offset_debug();
    if (off < 0) return {};
    const std::string& t = src_.text();
    size_t end = t.find('>', static_cast<size_t>(off));
    std::string needle = name;
    for (size_t p = t.find(needle, static_cast<size_t>(off)); p != std::string::npos && p < end;
         p = t.find(needle, p + 1)) {
      char before = t[p - 1];
      if (!(before == ' ' || before == '\t' || before == '\n' || before == '\r')) continue;
      size_t q = p + needle.size();
      while (q < t.size() && (t[q] == ' ' || t[q] == '\t' || t[q] == '\n' || t[q] == '\r')) ++q;
      if (q >= t.size() || t[q] != '=') continue;
      ++q;
      while (q < t.size() && t[q] != '"' && t[q] != '\'') ++q;
      return src_.pos_at(q + 1 + index);
    }
    return node_pos(n);
  }

  void error(core::SourcePos pos, std::string msg) {
    ++errors_;
    sink_.error(src_, pos, std::move(msg));
  }

  bool length_attr(const pugi::xml_node& n, const char* name, double& out, double fallback) {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) {
      out = fallback;
      return true;
    }
    std::string why;
    if (!detail::parse_length(a.value(), out, why)) {
      error(attr_pos(n, name), "<" + std::string(n.name()) + "> " + name + ": " + why);
      return false;
    }
    return true;
  }

  bool read_viewport(const pugi::xml_node& root, Drawing& d, core::Affine& view) {
    double w = 0, h = 0;
    bool have_w = root.attribute("width"), have_h = root.attribute("height");
    if (!length_attr(root, "width", w, 0) || !length_attr(root, "height", h, 0)) return false;
    pugi::xml_attribute vb = root.attribute("viewBox");
    double box[4] = {0, 0, 0, 0};
    if (vb) {
      std::string s = vb.value();
      for (char& c : s) {
        if (c == ',') c = ' ';
      }
      char* p = s.data();
      for (int i = 0; i < 4; ++i) {
        char* end = nullptr;
        box[i] = std::strtod(p, &end);
        if (end == p) {
          error(attr_pos(root, "viewBox"), "viewBox needs four numbers: min-x min-y width height");
          return false;
        }
        p = end;
      }
      if (box[2] <= 0 || box[3] <= 0) {
        error(attr_pos(root, "viewBox"), "viewBox width and height must be positive");
        return false;
      }
    }
    if (!have_w) w = vb ? box[2] : 0;
    if (!have_h) h = vb ? box[3] : 0;
    if (w <= 0 || h <= 0) {
      error(node_pos(root), "the drawing has no size: give <svg> width and height, or a viewBox");
      return false;
    }
    if (!(w <= kMaxCanvasPx && h <= kMaxCanvasPx)) {
      error(node_pos(root), "the drawing is " + std::to_string(std::lround(std::min(w, 1e15))) + "x" +
                                std::to_string(std::lround(std::min(h, 1e15))) + " px; a side may be at most 32767");
      return false;
    }
    d.width = w;
    d.height = h;
    d.pos = node_pos(root);
    if (vb) {
      std::string par = root.attribute("preserveAspectRatio").as_string("xMidYMid meet");
      double sx = w / box[2], sy = h / box[3];
      if (par.rfind("none", 0) != 0) {
        double s = par.find("slice") != std::string::npos ? std::max(sx, sy) : std::min(sx, sy);
        sx = sy = s;
      }
      double tx = -box[0] * sx + (w - box[2] * sx) / 2, ty = -box[1] * sy + (h - box[3] * sy) / 2;
      view = {sx, 0, 0, sy, tx, ty};
    }
    return true;
  }

  // Reads one presentation property, from an attribute or a style declaration.
  void apply_property(const pugi::xml_node& n, std::string_view name, std::string_view value, const char* attr_name,
                      Style& st) {
    std::string v(value);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
    if (v == "inherit") return;
    auto bad = [&](const std::string& why) { error(attr_pos(n, attr_name), std::string(name) + ": " + why); };
    auto number = [&](double& out, double lo, double hi) {
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (end == v.c_str()) return bad("expected a number, found '" + v + "'");
      if (*end == '%') x /= 100;
      out = std::clamp(x, lo, hi);
    };
    if (name == "fill" || name == "stroke") {
      auto p = detail::parse_paint(v);
      if (!p) return bad("unknown colour '" + v + "'");
      (name == "fill" ? st.fill : st.stroke) = *p;
    } else if (name == "color") {
      auto p = detail::parse_paint(v);
      if (!p || p->kind != PaintKind::kColor) return bad("unknown colour '" + v + "'");
      st.current_color = p->color;
    } else if (name == "stroke-width") {
      std::string why;
      double w;
      if (!detail::parse_length(v, w, why)) return bad(why);
      st.stroke_width = std::max(0.0, w);
    } else if (name == "fill-opacity") {
      number(st.fill_opacity, 0, 1);
    } else if (name == "stroke-opacity") {
      number(st.stroke_opacity, 0, 1);
    } else if (name == "opacity") {
      double o = 1;
      number(o, 0, 1);
      st.opacity *= o;
    } else if (name == "fill-rule") {
      if (v == "evenodd") st.fill_rule = FillRule::kEvenOdd;
      else if (v == "nonzero") st.fill_rule = FillRule::kNonZero;
      else bad("expected nonzero or evenodd");
    } else if (name == "stroke-linecap") {
      if (v == "butt") st.cap = LineCap::kButt;
      else if (v == "round") st.cap = LineCap::kRound;
      else if (v == "square") st.cap = LineCap::kSquare;
      else bad("expected butt, round or square");
    } else if (name == "stroke-linejoin") {
      if (v == "miter" || v == "miter-clip" || v == "arcs") st.join = LineJoin::kMiter;
      else if (v == "round") st.join = LineJoin::kRound;
      else if (v == "bevel") st.join = LineJoin::kBevel;
      else bad("expected miter, round or bevel");
    } else if (name == "stroke-miterlimit") {
      number(st.miter_limit, 1, 1e6);
    } else if (name == "display") {
      if (v == "none") st.visible = false;
    } else if (name == "visibility") {
      st.visible = v != "hidden" && v != "collapse";
    }
    // Other properties (font-*, marker-*, filter...) do not affect line art and are ignored.
  }

  void read_style(const pugi::xml_node& n, Style& st) {
    static const char* kProps[] = {"color", "fill", "stroke", "stroke-width", "fill-opacity", "stroke-opacity",
                                   "opacity", "fill-rule", "stroke-linecap", "stroke-linejoin",
                                   "stroke-miterlimit", "display", "visibility"};
    for (const char* p : kProps) {
      if (pugi::xml_attribute a = n.attribute(p)) apply_property(n, p, a.value(), p, st);
    }
    // style="..." wins over presentation attributes.
    if (pugi::xml_attribute a = n.attribute("style")) {
      std::string_view s = a.value();
      while (!s.empty()) {
        size_t semi = s.find(';');
        std::string_view decl = s.substr(0, semi);
        s = semi == std::string_view::npos ? std::string_view{} : s.substr(semi + 1);
        size_t colon = decl.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = decl.substr(0, colon);
        while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
        while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
        apply_property(n, key, decl.substr(colon + 1), "style", st);
      }
    }
  }

  bool element_transform(const pugi::xml_node& n, core::Affine& t) {
    pugi::xml_attribute a = n.attribute("transform");
    if (!a) return true;
    std::string why;
    if (!detail::parse_transform(a.value(), t, why)) {
      error(attr_pos(n, "transform"), why);
      return false;
    }
    return true;
  }

  void walk_children(const pugi::xml_node& parent, const core::Affine& ctm, const Style& style, Drawing& d) {
    for (pugi::xml_node n : parent.children()) {
      if (n.type() != pugi::node_element) continue;
      walk(n, ctm, style, d);
    }
  }

  void walk(const pugi::xml_node& n, const core::Affine& parent_ctm, const Style& parent_style, Drawing& d) {
    std::string_view full(n.name());
    std::string_view name = local_name(n);
    if (full.find(':') != std::string_view::npos) return;  // editor namespaces (inkscape:, sodipodi:)
    static const char* kQuiet[] = {"defs", "title", "desc", "metadata", "style", "symbol", "clipPath", "mask"};
    for (const char* q : kQuiet) {
      if (name == q) return;
    }
    Style st = parent_style;
    read_style(n, st);
    core::Affine t;
    if (!element_transform(n, t)) return;
    core::Affine ctm = parent_ctm * t;
    if (name == "g" || name == "a" || name == "switch") {
      if (st.visible) walk_children(n, ctm, st, d);
      return;
    }
    std::vector<Contour> contours;
    if (!shape_geometry(n, name, contours)) return;
    if (!st.visible) return;
    if (pugi::xml_attribute mark = n.attribute("data-paint")) {
      std::string style_name = mark.value();
      if (style_name.empty()) {
        error(attr_pos(n, "data-paint"), "data-paint needs a style name");
        return;
      }
      core::RectD b;
      bool any = false;
      for (auto& c : contours) {
        for (auto& p : c.points) {
          core::Vec2 q = ctm.apply(p);
          if (!any) b = {q.x, q.y, q.x, q.y};
          any = true;
          b.x0 = std::min(b.x0, q.x), b.y0 = std::min(b.y0, q.y);
          b.x1 = std::max(b.x1, q.x), b.y1 = std::max(b.y1, q.y);
        }
      }
      d.marks.push_back({style_name, {(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2}, node_pos(n).line, node_pos(n).col});
      return;
    }
    if (contours.empty()) return;
    for (auto& c : contours) {
      for (auto& p : c.points) p = ctm.apply(p);
    }
    Shape s;
    s.contours = std::move(contours);
    s.source_line = node_pos(n).line;
    s.id = n.attribute("id").as_string();
    s.pair = n.attribute("data-pair").as_string();
    auto resolve = [&](const PaintSpec& p, double opacity) -> std::optional<core::Rgba8> {
      if (p.kind == PaintKind::kNone) return std::nullopt;
      core::Rgba8 c = p.kind == PaintKind::kCurrentColor ? st.current_color : p.color;
      c.a = static_cast<uint8_t>(std::lround(c.a * opacity * st.opacity));
      if (c.a == 0) return std::nullopt;
      return c;
    };
    bool open_shape = name == "line" || name == "polyline";
    s.fill = open_shape && name == "line" ? std::nullopt : resolve(st.fill, st.fill_opacity);
    s.stroke = resolve(st.stroke, st.stroke_opacity);
    s.stroke_width_px = st.stroke_width * ctm.mean_scale();
    if (s.stroke && s.stroke_width_px <= 0) s.stroke.reset();
    s.fill_rule = st.fill_rule;
    s.cap = st.cap;
    s.join = st.join;
    s.miter_limit = st.miter_limit;
    if (!s.fill && !s.stroke) return;
    d.shapes.push_back(std::move(s));
  }

  // Geometry of a basic shape or path in its own user space. Returns false after reporting an
  // error, true otherwise (an unknown element warns and yields no contours).
  bool shape_geometry(const pugi::xml_node& n, std::string_view name, std::vector<Contour>& out) {
    auto len = [&](const char* a, double& v, double fallback = 0) { return length_attr(n, a, v, fallback); };
    const double k = 0.5522847498307936;  // cubic approximation of a quarter circle
    auto ellipse = [&](double cx, double cy, double rx, double ry) {
      Contour c;
      c.points.push_back({cx + rx, cy});
      cubic_to(c, {cx + rx, cy + k * ry}, {cx + k * rx, cy + ry}, {cx, cy + ry});
      cubic_to(c, {cx - k * rx, cy + ry}, {cx - rx, cy + k * ry}, {cx - rx, cy});
      cubic_to(c, {cx - rx, cy - k * ry}, {cx - k * rx, cy - ry}, {cx, cy - ry});
      cubic_to(c, {cx + k * rx, cy - ry}, {cx + rx, cy - k * ry}, {cx + rx, cy});
      c.closed = true;
      out.push_back(std::move(c));
    };
    if (name == "path") {
      pugi::xml_attribute a = n.attribute("d");
      size_t off = 0;
      std::string why;
      if (!detail::parse_path_data(a.value(), out, off, why)) {
        error(attr_pos(n, "d", off), "path data: " + why);
        return false;
      }
      return true;
    }
    if (name == "line") {
      double x1, y1, x2, y2;
      if (!len("x1", x1) || !len("y1", y1) || !len("x2", x2) || !len("y2", y2)) return false;
      Contour c;
      c.points.push_back({x1, y1});
      line_to(c, {x2, y2});
      out.push_back(std::move(c));
      return true;
    }
    if (name == "polyline" || name == "polygon") {
      std::vector<Contour> tmp;
      std::string pts = n.attribute("points").as_string();
      if (pts.find_first_not_of(" \t\r\n") == std::string::npos) return true;
      size_t off = 0;
      std::string why;
      if (!detail::parse_path_data("M" + pts, tmp, off, why)) {
        error(attr_pos(n, "points", off > 0 ? off - 1 : 0), "points: " + why);
        return false;
      }
      if (tmp.size() != 1) {
        error(attr_pos(n, "points"), "points: expected pairs of coordinates");
        return false;
      }
      if (name == "polygon") {
        Contour& c = tmp[0];
        if (!(c.points.back() == c.points.front())) line_to(c, c.points.front());
        c.closed = true;
      }
      out = std::move(tmp);
      return true;
    }
    if (name == "rect") {
      double x, y, w, h, rx, ry;
      if (!len("x", x) || !len("y", y) || !len("width", w) || !len("height", h)) return false;
      if (!len("rx", rx, -1) || !len("ry", ry, -1)) return false;
      if (w < 0 || h < 0) {
        error(node_pos(n), "<rect> width and height cannot be negative");
        return false;
      }
      if (w == 0 || h == 0) return true;
      if (rx < 0) rx = ry;
      if (ry < 0) ry = rx;
      rx = std::clamp(rx, 0.0, w / 2);
      ry = std::clamp(ry, 0.0, h / 2);
      Contour c;
      if (rx <= 0 || ry <= 0) {
        c.points.push_back({x, y});
        line_to(c, {x + w, y});
        line_to(c, {x + w, y + h});
        line_to(c, {x, y + h});
        line_to(c, {x, y});
      } else {
        c.points.push_back({x + rx, y});
        line_to(c, {x + w - rx, y});
        cubic_to(c, {x + w - rx + k * rx, y}, {x + w, y + ry - k * ry}, {x + w, y + ry});
        line_to(c, {x + w, y + h - ry});
        cubic_to(c, {x + w, y + h - ry + k * ry}, {x + w - rx + k * rx, y + h}, {x + w - rx, y + h});
        line_to(c, {x + rx, y + h});
        cubic_to(c, {x + rx - k * rx, y + h}, {x, y + h - ry + k * ry}, {x, y + h - ry});
        line_to(c, {x, y + ry});
        cubic_to(c, {x, y + ry - k * ry}, {x + rx - k * rx, y}, {x + rx, y});
      }
      c.closed = true;
      out.push_back(std::move(c));
      return true;
    }
    if (name == "circle") {
      double cx, cy, r;
      if (!len("cx", cx) || !len("cy", cy) || !len("r", r)) return false;
      if (r < 0) {
        error(attr_pos(n, "r"), "<circle> radius cannot be negative");
        return false;
      }
      if (r > 0) ellipse(cx, cy, r, r);
      return true;
    }
    if (name == "ellipse") {
      double cx, cy, rx, ry;
      if (!len("cx", cx) || !len("cy", cy) || !len("rx", rx) || !len("ry", ry)) return false;
      if (rx < 0 || ry < 0) {
        error(node_pos(n), "<ellipse> radii cannot be negative");
        return false;
      }
      if (rx > 0 && ry > 0) ellipse(cx, cy, rx, ry);
      return true;
    }
    sink_.warning(src_, node_pos(n), "<" + std::string(n.name()) + "> is not supported in drawings and is skipped");
    return true;
  }

  const core::SourceText& src_;
  core::DiagnosticSink& sink_;
  int errors_ = 0;
};

}  // namespace

std::optional<Drawing> parse_svg(const core::SourceText& src, core::DiagnosticSink& sink) {
  return Reader(src, sink).read();
}

}  // namespace sakuga::vector
