#include "timesheet/timing.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "timesheet/column.h"

namespace sakuga::timesheet {

double Spacing::fraction(int k, int n) const {
  if (kind == SpacingKind::kFractions && static_cast<size_t>(k - 1) < fractions.size()) {
    return fractions[static_cast<size_t>(k - 1)];
  }
  double t = static_cast<double>(k) / (n + 1);
  switch (kind) {
    case SpacingKind::kEaseIn: return t * t;
    case SpacingKind::kEaseOut: return 1 - (1 - t) * (1 - t);
    case SpacingKind::kEaseInOut: return t * t * (3 - 2 * t);
    default: return t;
  }
}

std::string Spacing::to_string() const {
  switch (kind) {
    case SpacingKind::kEven: return "even";
    case SpacingKind::kEaseIn: return "ease-in";
    case SpacingKind::kEaseOut: return "ease-out";
    case SpacingKind::kEaseInOut: return "ease-in-out";
    case SpacingKind::kFractions: break;
  }
  std::string out;
  for (double f : fractions) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", f);
    out += (out.empty() ? "" : ",") + std::string(buf);
  }
  return out;
}

std::optional<Spacing> parse_spacing(std::string_view text) {
  if (text == "even") return Spacing{SpacingKind::kEven, {}};
  if (text == "ease-in") return Spacing{SpacingKind::kEaseIn, {}};
  if (text == "ease-out") return Spacing{SpacingKind::kEaseOut, {}};
  if (text == "ease-in-out") return Spacing{SpacingKind::kEaseInOut, {}};
  Spacing s{SpacingKind::kFractions, {}};
  std::string item;
  std::string all(text);
  all += ',';
  for (char c : all) {
    if (c != ',') {
      item += c;
      continue;
    }
    char* end = nullptr;
    double v = std::strtod(item.c_str(), &end);
    if (item.empty() || end != item.c_str() + item.size() || !(v > 0 && v < 1)) return std::nullopt;
    if (!s.fractions.empty() && v <= s.fractions.back()) return std::nullopt;
    s.fractions.push_back(v);
    item.clear();
  }
  return s;
}

std::vector<ChartEntry> parse_chart(std::string_view text, std::vector<ChartError>& errors) {
  std::vector<ChartEntry> out;
  std::set<std::string> seen;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view tok = text.substr(start, i - start);
    ChartEntry e;
    e.offset = start;
    if (tok.size() >= 2 && tok.front() == '(' && tok.back() == ')') {
      e.key = true;
      tok = tok.substr(1, tok.size() - 2);
    }
    if (!valid_drawing_name(tok)) {
      errors.push_back({start, "'" + std::string(text.substr(start, i - start)) +
                                   "' is not a drawing: write keys in parentheses, (1), and in-betweens bare, 2"});
      continue;
    }
    e.drawing = std::string(tok);
    if (!seen.insert(e.drawing).second) {
      errors.push_back({start, "drawing " + e.drawing + " is in the chart twice"});
      continue;
    }
    out.push_back(std::move(e));
  }
  if (errors.empty()) {
    int keys = 0;
    for (const ChartEntry& e : out) keys += e.key;
    if (keys < 2 || !out.front().key || !out.back().key) {
      errors.push_back({0, "a timing chart starts and ends with a key, e.g. \"(1) 2 3 (4)\""});
    }
  }
  return out;
}

std::optional<TimingChart::Between> TimingChart::find(const std::string& drawing) const {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].drawing != drawing) continue;
    if (entries[i].key) return std::nullopt;
    size_t a = i, b = i;
    while (a > 0 && !entries[a].key) --a;
    while (b + 1 < entries.size() && !entries[b].key) ++b;
    int n = static_cast<int>(b - a - 1);
    int k = static_cast<int>(i - a);
    Spacing s = gap_spacing(entries[a].drawing, entries[b].drawing);
    return Between{entries[a].drawing, entries[b].drawing, s.fraction(k, n)};
  }
  return std::nullopt;
}

Spacing TimingChart::gap_spacing(const std::string& a, const std::string& b) const {
  if (favour.empty()) return spacing;
  if (favour == a) return {SpacingKind::kEaseIn, {}};
  if (favour == b) return {SpacingKind::kEaseOut, {}};
  return {SpacingKind::kEven, {}};
}

std::string TimingChart::chart_text() const {
  std::string out;
  for (const ChartEntry& e : entries) {
    if (!out.empty()) out += ' ';
    out += e.key ? "(" + e.drawing + ")" : e.drawing;
  }
  return out;
}

}  // namespace sakuga::timesheet
