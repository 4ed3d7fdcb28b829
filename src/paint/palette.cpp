#include "paint/palette.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "core/hash.h"
#include "core/toml_file.h"

namespace sakuga::paint {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  std::string tail(s.substr(s.size() - suffix.size()));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == suffix;
}

std::optional<Palette> read_toml(const core::SourceText& src, core::DiagnosticSink& sink) {
  size_t before = sink.error_count();
  core::TomlFile f(src.path(), src.text(), sink);
  if (!f.ok()) return std::nullopt;
  const toml::table& t = f.table();
  f.check_keys(t, {"colors", "variants", "trace", "name"}, "the palette");
  Palette p;
  const toml::node* colors = t.get("colors");
  const toml::table* ct = colors ? colors->as_table() : nullptr;
  if (!ct) {
    if (colors) f.error(*colors, "colors must be a table of style = \"#rrggbb\"");
    else f.error_at({1, 1}, "the palette needs a [colors] table, e.g. [colors] line = \"#1e1a24\"");
    return std::nullopt;
  }
  // toml++ keeps keys sorted; the file's order is the order styles were written in.
  std::vector<std::pair<core::SourcePos, Style>> in_order;
  const toml::node* trace_list = t.get("trace");
  for (auto&& [key, value] : *ct) {
    if (key.str() == "trace" && value.is_array()) {  // the trace list may sit under [colors] too
      trace_list = &value;
      continue;
    }
    Style s;
    s.name = std::string(key.str());
    s.pos = core::pos_of(key.source());
    if (value.is_table()) {  // cloth.shadow = "..." unquoted is a table cloth with a key shadow
      f.error_at(s.pos, "'" + s.name + "' is a table: a style name with a dot is quoted, e.g. \"" + s.name +
                            ".shadow\" = \"#8e2f2a\"");
      continue;
    }
    auto text = f.string(value, "colour of " + s.name);
    if (!text) continue;
    auto c = parse_color(*text);
    if (!c) {
      f.error_at(f.string_pos(value, 0), "'" + *text + "' is not a colour (expected #rgb, #rrggbb or #rrggbbaa)");
      continue;
    }
    s.color = *c;
    in_order.emplace_back(s.pos, s);
  }
  std::sort(in_order.begin(), in_order.end(), [](const auto& a, const auto& b) {
    return a.first.line != b.first.line ? a.first.line < b.first.line : a.first.col < b.first.col;
  });
  for (auto& [pos, s] : in_order) p.styles.push_back(std::move(s));
  if (const toml::node* tr = trace_list) {
    const toml::array* a = tr->as_array();
    if (!a) f.error(*tr, "trace must be a list of style names, e.g. trace = [\"trace.shadow\"]");
    for (size_t i = 0; a && i < a->size(); ++i) {
      auto name = f.string((*a)[i], "trace style");
      if (!name) continue;
      auto idx = p.find(*name);
      if (!idx) {
        f.error_at(f.string_pos((*a)[i], 0), "trace style '" + *name + "' is not in [colors]");
        continue;
      }
      p.styles[*idx].trace = true;
    }
  }
  if (const toml::node* vs = t.get("variants")) {
    const toml::table* vt = vs->as_table();
    if (!vt) f.error(*vs, "variants must be tables, e.g. [variants.night.colors]");
    for (auto&& [vname, vnode] : vt ? *vt : toml::table{}) {
      const toml::table* v = vnode.as_table();
      const toml::node* vc = v ? v->get("colors") : nullptr;
      const toml::table* vct = vc ? vc->as_table() : nullptr;
      if (!vct) {
        f.error(vnode, "variant '" + std::string(vname.str()) + "' needs a colors table: [variants." +
                           std::string(vname.str()) + ".colors]");
        continue;
      }
      f.check_keys(*v, {"colors"}, "variant " + std::string(vname.str()));
      auto& out = p.variants[std::string(vname.str())];
      for (auto&& [key, value] : *vct) {
        std::string name(key.str());
        if (!p.find(name)) {
          f.error_at(core::pos_of(key.source()), "variant '" + std::string(vname.str()) + "' changes '" + name +
                                                     "', which [colors] does not have");
          continue;
        }
        auto text = f.string(value, "colour of " + name);
        if (!text) continue;
        auto c = parse_color(*text);
        if (!c) {
          f.error_at(f.string_pos(value, 0), "'" + *text + "' is not a colour (expected #rgb, #rrggbb or #rrggbbaa)");
          continue;
        }
        out[name] = *c;
      }
    }
  }
  if (sink.error_count() > before) return std::nullopt;
  if (p.styles.empty()) {
    sink.error(src, {1, 1}, "the palette has no colours");
    return std::nullopt;
  }
  return p;
}

// GIMP palette: "GIMP Palette", optional "Name:" and "Columns:" lines, comments with '#', then
// "R G B name" per line.
std::optional<Palette> read_gpl(const core::SourceText& src, core::DiagnosticSink& sink) {
  size_t before = sink.error_count();
  Palette p;
  std::set<std::string> names;
  for (int n = 1; n <= src.line_count(); ++n) {
    std::string line(src.line(n));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1) {
      if (line.rfind("GIMP Palette", 0) != 0) {
        sink.error(src, {1, 1}, "not a GIMP palette: the first line must be 'GIMP Palette'");
        return std::nullopt;
      }
      continue;
    }
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#' || line.rfind("Name:", 0) == 0 ||
        line.rfind("Columns:", 0) == 0) {
      continue;
    }
    int rgb[3] = {-1, -1, -1};
    const char* at = line.c_str() + start;
    const char* end = line.c_str() + line.size();
    for (int k = 0; k < 3; ++k) {
      while (at < end && (*at == ' ' || *at == '\t')) ++at;
      auto [next, ec] = std::from_chars(at, end, rgb[k]);
      if (ec != std::errc() || next == at) rgb[k] = -1;
      at = next;
    }
    const int r = rgb[0], g = rgb[1], b = rgb[2];
    if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255) {
      sink.error(src, {n, static_cast<int>(start) + 1}, "expected 'R G B name' with R, G, B from 0 to 255");
      continue;
    }
    std::string name(at, end);
    size_t a = name.find_first_not_of(" \t"), z = name.find_last_not_of(" \t");
    name = a == std::string::npos ? "" : name.substr(a, z - a + 1);
    if (name.empty() || name == "Untitled") {
      char buf[16];
      std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
      name = buf;
    }
    if (!names.insert(name).second) {  // common in exported palettes: the first one counts
      sink.warning(src, {n, static_cast<int>(start) + 1}, "style '" + name + "' is in the palette again; the first is used");
      continue;
    }
    p.styles.push_back({name, {static_cast<uint8_t>(r), static_cast<uint8_t>(g), static_cast<uint8_t>(b), 255}, false,
                        {n, static_cast<int>(start) + 1}});
  }
  if (sink.error_count() > before) return std::nullopt;
  if (p.styles.empty()) {
    sink.error(src, {1, 1}, "the palette has no colours");
    return std::nullopt;
  }
  return p;
}

}  // namespace

std::optional<size_t> Palette::find(std::string_view name) const {
  for (size_t i = 0; i < styles.size(); ++i) {
    if (styles[i].name == name) return i;
  }
  return std::nullopt;
}

core::Rgba8 Palette::color(size_t index, std::string_view variant) const {
  const Style& s = styles[index];
  if (!variant.empty()) {
    auto v = variants.find(std::string(variant));
    if (v != variants.end()) {
      auto c = v->second.find(s.name);
      if (c != v->second.end()) return c->second;
    }
  }
  return s.color;
}

std::optional<size_t> Palette::nearest(core::Rgba8 c, int tolerance) const {
  std::optional<size_t> best;
  int best_d = tolerance * tolerance + 1;
  for (size_t i = 0; i < styles.size(); ++i) {
    int dr = styles[i].color.r - c.r, dg = styles[i].color.g - c.g, db = styles[i].color.b - c.b;
    int d = dr * dr + dg * dg + db * db;
    if (d < best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

std::string Palette::fingerprint() const {
  core::Hasher h;
  for (const Style& s : styles) h.str(s.name).str(format_color(s.color)).i64(s.trace);
  for (const auto& [v, colors] : variants) {
    h.str(v);
    for (const auto& [name, c] : colors) h.str(name).str(format_color(c));
  }
  return h.finish().hex();
}

std::optional<core::Rgba8> parse_color(std::string_view t) {
  if (t.empty() || t[0] != '#') return std::nullopt;
  t.remove_prefix(1);
  for (char c : t) {
    if (hex_digit(c) < 0) return std::nullopt;
  }
  auto byte = [&](size_t i) { return static_cast<uint8_t>(hex_digit(t[i]) * 16 + hex_digit(t[i + 1])); };
  if (t.size() == 3) {
    return core::Rgba8{static_cast<uint8_t>(hex_digit(t[0]) * 17), static_cast<uint8_t>(hex_digit(t[1]) * 17),
                       static_cast<uint8_t>(hex_digit(t[2]) * 17), 255};
  }
  if (t.size() == 6) return core::Rgba8{byte(0), byte(2), byte(4), 255};
  if (t.size() == 8) return core::Rgba8{byte(0), byte(2), byte(4), byte(6)};
  return std::nullopt;
}

std::string format_color(core::Rgba8 c) {
  char buf[16];
  if (c.a == 255) std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  else std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
  return buf;
}

std::optional<Palette> read_palette(const core::SourceText& src, core::DiagnosticSink& sink) {
  std::optional<Palette> p = ends_with(src.path(), ".gpl") ? read_gpl(src, sink) : read_toml(src, sink);
  if (p && p->styles.size() > kMaxPaletteStyles) {
    sink.error(src, p->styles[kMaxPaletteStyles].pos,
               "a colour model may have at most " + std::to_string(kMaxPaletteStyles) + " styles; this is style " +
                   std::to_string(kMaxPaletteStyles + 1));
    return std::nullopt;
  }
  return p;
}

}  // namespace sakuga::paint
