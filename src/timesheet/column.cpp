#include "timesheet/column.h"

#include <algorithm>
#include <map>

namespace sakuga::timesheet {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::string_view kCross = "\xC3\x97";    // ×
constexpr std::string_view kCircle = "\xE2\x97\x8B";  // ○
constexpr std::string_view kDisc = "\xE2\x97\x8F";    // ●

std::string duration_text(int64_t frames, core::Rational rate) {
  return frames < core::nominal_fps(rate) ? std::to_string(frames) : core::format_duration(frames, rate);
}

}  // namespace

bool valid_drawing_name(std::string_view s) {
  if (s.empty() || s == "x" || s == "X" || s == "o" || s == "-" || s == "*" || s == kCross || s == kCircle ||
      s == kDisc || s.front() == '@' || s.front() == '.' || s.rfind("SYMBOL_", 0) == 0) {
    return false;  // SYMBOL_...: XDTS's own words
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
                  static_cast<unsigned char>(c) >= 0x80;
         }) &&
         s.find("..") == std::string_view::npos;
}

std::optional<std::string> Column::drawing_at(int64_t frame) const {
  if (cells.empty()) return std::nullopt;
  auto it = std::upper_bound(cells.begin(), cells.end(), frame,
                             [](int64_t f, const Cell& c) { return f < c.start_frame; });
  if (it == cells.begin()) return std::nullopt;
  return std::prev(it)->drawing;
}

Mark Column::mark_at(int64_t frame) const {
  auto it = std::lower_bound(cells.begin(), cells.end(), frame,
                             [](const Cell& c, int64_t f) { return c.start_frame < f; });
  return it != cells.end() && it->start_frame == frame ? it->mark : Mark::kNone;
}

Column parse_column(std::string_view text, int64_t on, core::Rational rate, std::vector<ColumnError>& errors) {
  Column col;
  int64_t frame = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    std::string_view tok = text.substr(start, i - start);
    if (tok.front() == '@') {
      auto n = core::parse_duration(tok.substr(1), rate);
      if (!n.is_ok() || *n < 1 || *n > 6 * core::nominal_fps(rate)) {
        errors.push_back({start, "'" + std::string(tok) + "' must give the frames per cell, e.g. @2 for drawings on twos"});
      } else {
        on = *n;
      }
      continue;
    }
    std::string_view name = tok;
    int64_t frames = on;
    if (size_t colon = tok.find(':'); colon != std::string_view::npos) {
      name = tok.substr(0, colon);
      auto d = core::parse_duration(tok.substr(colon + 1), rate);
      if (!d.is_ok()) {
        errors.push_back({start + colon + 1, d.status().message()});
        continue;
      }
      if (*d == 0) {
        errors.push_back({start + colon + 1, "a cell must last at least one frame"});
        continue;
      }
      frames = *d;
    }
    if (name == "-") {
      if (col.cells.empty()) {
        errors.push_back({start, "'-' holds the previous cell, but there is none"});
        continue;
      }
      col.cells.back().frames += frames;
      frame += frames;
      continue;
    }
    Cell cell;
    cell.start_frame = frame;
    cell.frames = frames;
    cell.offset = start;
    if (name == "x" || name == "X" || name == kCross) {
      cell.drawing = std::nullopt;
    } else if (name == "o" || name == kCircle || name == "*" || name == kDisc) {
      cell.mark = (name == "o" || name == kCircle) ? Mark::kTick1 : Mark::kTick2;
      cell.held = true;
      if (!col.cells.empty()) cell.drawing = col.cells.back().drawing;
    } else if (valid_drawing_name(name)) {
      cell.drawing = std::string(name);
    } else {
      errors.push_back({start, "invalid cell '" + std::string(tok) +
                                   "' (expected a drawing name, x for a blank, - for a hold, o or * for a marked "
                                   "hold, optionally :DURATION; or @N for N frames per cell)"});
      continue;
    }
    col.cells.push_back(std::move(cell));
    frame += frames;
  }
  return col;
}

int64_t usual_on(const Column& column) {
  std::map<int64_t, int> counts;
  for (const Cell& c : column.cells) ++counts[c.frames];
  int64_t best = 1;
  int best_count = 0;
  for (auto [frames, count] : counts) {  // ascending: a tie goes to the shorter length
    if (frames <= 6 && count > best_count) {
      best = frames;
      best_count = count;
    }
  }
  return best;
}

std::string format_column(const Column& column, int64_t on, core::Rational rate) {
  const int64_t fps = core::nominal_fps(rate);
  const bool multiline = column.written_frames() > 2 * fps;
  std::string out;
  int64_t line_second = 0;
  for (const Cell& c : column.cells) {
    std::string tok = c.held ? (c.mark == Mark::kTick2 ? "*" : "o") : c.drawing ? *c.drawing : "x";
    if (c.held && c.mark == Mark::kNone) tok = "-";
    if (c.frames != on) tok += ":" + duration_text(c.frames, rate);
    if (multiline && c.start_frame / fps > line_second && !out.empty()) {
      out += '\n';
      line_second = c.start_frame / fps;
    } else if (!out.empty()) {
      out += ' ';
    }
    out += tok;
  }
  return out;
}

}  // namespace sakuga::timesheet
