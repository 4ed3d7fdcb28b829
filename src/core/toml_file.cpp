#include "core/toml_file.h"

#include <algorithm>
#include <cstdio>

namespace sakuga::core {

SourcePos pos_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

TomlFile::TomlFile(std::string display_path, std::string text, DiagnosticSink& sink)
    : src_(display_path, std::move(text)), sink_(sink) {
  toml::parse_result r = toml::parse(src_.text(), display_path);
  if (!r) {
    sink.error(src_, pos_of(r.error().source()), "malformed TOML: " + std::string(r.error().description()));
    return;
  }
  table_ = std::move(r).table();
  ok_ = true;
}

std::string TomlFile::where(const toml::node& n) const {
  SourcePos p = pos_of(n.source());
  return src_.path() + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
}

void TomlFile::check_keys(const toml::table& t, std::initializer_list<std::string_view> known,
                          const std::string& what) {
  for (auto&& [k, v] : t) {
    if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
      warn_at(pos_of(k.source()), "unknown key '" + std::string(k.str()) + "' in " + what + " (ignored)");
    }
  }
}

SourcePos TomlFile::string_pos(const toml::node& n, size_t offset) const {
  size_t at = src_.offset_of(pos_of(n.source()));
  if (at == std::string::npos) return pos_of(n.source());
  const std::string& t = src_.text();
  if (t.compare(at, 3, "\"\"\"") == 0 || t.compare(at, 3, "'''") == 0) {
    at += 3;
    if (at < t.size() && t[at] == '\r') ++at;
    if (at < t.size() && t[at] == '\n') ++at;
  } else if (at < t.size() && (t[at] == '"' || t[at] == '\'')) {
    ++at;
  }
  return src_.pos_at(at + offset);
}

std::optional<std::string> TomlFile::string(const toml::node& n, const std::string& what) {
  if (auto s = n.value<std::string>()) return s;
  error(n, what + " must be a string");
  return std::nullopt;
}

std::optional<std::string> TomlFile::string_or_integer(const toml::node& n, const std::string& what) {
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  return string(n, what);
}

std::optional<double> TomlFile::number(const toml::node& n, const std::string& what) {
  if (auto d = n.value<double>()) return d;  // integers convert too
  error(n, what + " must be a number");
  return std::nullopt;
}

std::optional<int64_t> TomlFile::duration(const toml::node& n, Rational rate, const std::string& what) {
  if (n.is_integer()) {
    int64_t v = n.value<int64_t>().value_or(0);
    if (v < 0) {
      error(n, what + " cannot be negative");
      return std::nullopt;
    }
    if (v > kMaxDurationFrames) {
      error(n, what + " is longer than a day");
      return std::nullopt;
    }
    return v;
  }
  if (auto s = n.value<std::string>()) {
    auto d = parse_duration(*s, rate);
    if (d.is_ok()) return *d;
    error_at(string_pos(n, 0), d.status().message());
    return std::nullopt;
  }
  error(n, what + " must be frames (84) or seconds+frames (\"3+12\")");
  return std::nullopt;
}

std::vector<const toml::table*> TomlFile::tables(const toml::node* n, const std::string& what) {
  std::vector<const toml::table*> out;
  if (!n) return out;
  if (const toml::table* t = n->as_table()) {
    out.push_back(t);
  } else if (const toml::array* a = n->as_array()) {
    for (const toml::node& e : *a) {
      if (const toml::table* t = e.as_table()) out.push_back(t);
      else error(e, what + " entries must be tables");
    }
  } else {
    error(*n, what + " must be a table or an array of tables ([[" + what + "]])");
  }
  return out;
}

std::string toml_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string toml_key(std::string_view s) {
  bool bare = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? std::string(s) : toml_quote(s);
}

}  // namespace sakuga::core
