#include "timesheet/column.h"

#include <algorithm>

namespace sakuga::timesheet {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool valid_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
           static_cast<unsigned char>(c) >= 0x80;
  }) && s.find("..") == std::string_view::npos && s.front() != '.';
}

}  // namespace

std::optional<std::string> Column::drawing_at(int64_t frame) const {
  if (cells.empty()) return std::nullopt;
  auto it = std::upper_bound(cells.begin(), cells.end(), frame,
                             [](int64_t f, const Cell& c) { return f < c.start_frame; });
  if (it == cells.begin()) return std::nullopt;
  return std::prev(it)->drawing;
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
    if (name == "x" || name == "X" || name == "\xC3\x97") {
      cell.drawing = std::nullopt;
    } else if (valid_name(name)) {
      cell.drawing = std::string(name);
    } else {
      errors.push_back({start, "invalid cell '" + std::string(tok) +
                                   "' (expected a drawing name, x for a blank or - for a hold, optionally :DURATION)"});
      continue;
    }
    col.cells.push_back(std::move(cell));
    frame += frames;
  }
  return col;
}

}  // namespace sakuga::timesheet
