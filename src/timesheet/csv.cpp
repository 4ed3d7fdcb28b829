#include "timesheet/csv.h"

#include <algorithm>
#include <set>

#include "core/utf8.h"

namespace sakuga::timesheet {
namespace {

struct Field {
  std::string text;
  core::SourcePos pos;
};

// RFC 4180 rows, each field with where it starts. Returns false (after a diagnostic) on an
// unterminated quote.
bool split_rows(const core::SourceText& src, std::vector<std::vector<Field>>& rows, core::DiagnosticSink& sink) {
  const std::string& t = src.text();
  size_t i = t.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::vector<Field> row;
  while (i <= t.size()) {
    Field f;
    f.pos = src.pos_at(i);
    if (i < t.size() && t[i] == '"') {
      size_t open = i++;
      bool closed = false;
      while (i < t.size()) {
        if (t[i] == '"') {
          if (i + 1 < t.size() && t[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        f.text += t[i++];
      }
      if (!closed) {
        sink.error(src, src.pos_at(open), "this quoted field is never closed");
        return false;
      }
      while (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') ++i;  // junk after the quote
    } else {
      while (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') f.text += t[i++];
    }
    row.push_back(std::move(f));
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == '\r') ++i;
    if (i < t.size() && t[i] == '\n') ++i;
    bool blank = row.size() == 1 && row[0].text.empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
    if (i >= t.size()) break;
  }
  return true;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

enum class Kind { kCel, kDialogue, kCamera, kSound };

// "dialogue", "dialogue 2" -> track 1, 2.
std::optional<int> track_of(const std::string& h, const std::string& word) {
  if (h == word) return 1;
  if (h.rfind(word + " ", 0) != 0) return std::nullopt;
  std::string n = h.substr(word.size() + 1);
  if (n.size() != 1 || n[0] < '1' || n[0] > '8') return std::nullopt;
  return n[0] - '0';
}

std::string quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += c;
  }
  return o + "\"";
}

}  // namespace

std::optional<Sheet> read_csv(const core::SourceText& src, core::DiagnosticSink& sink) {
  const std::string& t = src.text();
  if (size_t nul = t.find('\0'); nul != std::string::npos) {
    sink.report({core::Severity::kError, src.path(), src.pos_at(nul),
                 "this is a binary file, not a spreadsheet (it holds NUL bytes)", {}});
    return std::nullopt;
  }
  if (size_t bad = core::invalid_utf8_at(t); bad != std::string::npos) {
    sink.error(src, src.pos_at(bad), "invalid UTF-8; save the spreadsheet as UTF-8 CSV");
    return std::nullopt;
  }
  std::vector<std::vector<Field>> rows;
  if (!split_rows(src, rows, sink)) return std::nullopt;
  if (rows.empty()) {
    sink.error(src, {1, 1}, "the spreadsheet is empty: the first row names the columns (frame,A,B,...)");
    return std::nullopt;
  }
  size_t errors = sink.error_count();
  const std::vector<Field>& header = rows[0];
  if (trim(header[0].text) != "frame") {
    sink.error(src, header[0].pos, "the first column must be 'frame' (found '" + header[0].text + "')");
    return std::nullopt;
  }
  if (static_cast<int64_t>(rows.size()) - 1 > core::kMaxSheetFrames) {
    sink.error(src, rows[static_cast<size_t>(core::kMaxSheetFrames) + 1][0].pos, "a sheet is at most an hour long");
    return std::nullopt;
  }
  Sheet sheet;
  sheet.duration = static_cast<int64_t>(rows.size() - 1);
  struct Col {
    Kind kind;
    int track = 1;
    size_t cel = 0;  // index into sheet.columns
  };
  std::vector<Col> cols;
  std::set<std::string> names;
  for (size_t c = 1; c < header.size(); ++c) {
    std::string h = trim(header[c].text);
    if (auto t = track_of(h, "dialogue")) {
      cols.push_back({Kind::kDialogue, *t});
    } else if (auto t2 = track_of(h, "camera")) {
      cols.push_back({Kind::kCamera, *t2});
    } else if (h == "se") {
      cols.push_back({Kind::kSound});
    } else {
      if (h.empty()) sink.error(src, header[c].pos, "column " + std::to_string(c + 1) + " has no name");
      else if (!names.insert(h).second) sink.error(src, header[c].pos, "column '" + h + "' is named twice");
      CelColumn col;
      col.name = h;
      col.pos = header[c].pos;
      sheet.columns.push_back(std::move(col));
      cols.push_back({Kind::kCel, 1, sheet.columns.size() - 1});
    }
  }
  if (sheet.duration == 0) {
    sink.error(src, header[0].pos, "the spreadsheet has no frames: one row per frame follows the header");
  }
  // The line (and instruction) open in each track, by index: the vectors grow. A `|` continues
  // the open span, a value starts a new one, an empty cell closes it.
  auto span_cell = [&](auto& spans, long& open, const std::string& v, core::SourcePos pos, const char* what,
                       auto make) {
    if (v == "|") {
      if (open < 0) sink.error(src, pos, std::string("'|' continues ") + what + ", but none is open here");
      else ++spans[static_cast<size_t>(open)].length;
      return;
    }
    open = -1;
    if (v.empty()) return;
    spans.push_back(make());
    open = static_cast<long>(spans.size() - 1);
  };
  std::vector<long> line_at(9, -1), cam_at(9, -1);
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<Field>& row = rows[r];
    int64_t frame = static_cast<int64_t>(r - 1);
    if (trim(row[0].text) != std::to_string(frame + 1)) {
      sink.error(src, row[0].pos, "frame " + std::to_string(frame + 1) + " expected here (found '" + row[0].text +
                                      "'): one row per frame, counting from 1");
      return std::nullopt;
    }
    if (row.size() > header.size()) {
      sink.error(src, row[header.size()].pos, "this row has more fields than the header names");
    }
    for (size_t c = 0; c < cols.size(); ++c) {
      std::string v = c + 1 < row.size() ? trim(row[c + 1].text) : std::string();
      core::SourcePos pos = c + 1 < row.size() ? row[c + 1].pos : row.back().pos;
      const Col& col = cols[c];
      if (col.kind == Kind::kCel) {
        Column& column = sheet.columns[col.cel].column;
        if (v.empty() || v == "-" || v == "|") {
          if (column.cells.empty()) column.cells.push_back({std::nullopt, 0, 0, Mark::kNone, false, 0, pos});
          ++column.cells.back().frames;
          continue;
        }
        Cell cell;
        cell.start_frame = frame;
        cell.frames = 1;
        cell.pos = pos;
        if (v == "x" || v == "X" || v == "\xC3\x97") {
          cell.drawing.reset();
        } else if (v == "o" || v == "*" || v == "\xE2\x97\x8B" || v == "\xE2\x97\x8F") {
          cell.held = true;
          cell.mark = (v == "o" || v == "\xE2\x97\x8B") ? Mark::kTick1 : Mark::kTick2;
          if (!column.cells.empty()) cell.drawing = column.cells.back().drawing;
        } else if (valid_drawing_name(v)) {
          cell.drawing = v;
        } else {
          sink.error(src, pos, "'" + v + "' is not a drawing name, x (blank), o or * (marks)");
          continue;
        }
        column.cells.push_back(std::move(cell));
      } else if (col.kind == Kind::kSound) {
        for (size_t from = 0; from < v.size();) {
          size_t semi = v.find(';', from);
          std::string name = trim(v.substr(from, semi == std::string::npos ? std::string::npos : semi - from));
          if (!name.empty()) sheet.sounds.push_back({name, frame, pos});
          from = semi == std::string::npos ? v.size() : semi + 1;
        }
      } else if (col.kind == Kind::kDialogue) {
        span_cell(sheet.dialogue, line_at[static_cast<size_t>(col.track)], v, pos, "a line", [&] {
            DialogueSpan d;
          if (size_t colon = v.find(": "); colon != std::string::npos) {
            d.speaker = trim(v.substr(0, colon));
            d.text = trim(v.substr(colon + 2));
          } else if (v.back() == ':') {  // "MIO:" (trimmed of its space): a speaker, no words
            d.speaker = trim(v.substr(0, v.size() - 1));
          } else {
            d.text = v;
          }
          d.frame = frame;
          d.length = 1;
          d.track = col.track;
          d.pos = pos;
          return d;
        });
      } else {
        span_cell(sheet.camerawork, cam_at[static_cast<size_t>(col.track)], v, pos, "an instruction",
                  [&] { return CameraSpan{v, {}, frame, 1, col.track, pos}; });
      }
    }
  }
  for (CelColumn& c : sheet.columns) c.on = usual_on(c.column);
  if (sink.error_count() > errors) return std::nullopt;
  sort_entries(sheet);
  return sheet;
}

std::string write_csv(const Sheet& s) {
  std::string o = "frame";
  for (const CelColumn& c : s.columns) o += "," + quote(c.name);
  auto dialogue = lay_out_tracks(s.dialogue);
  auto camera = lay_out_tracks(s.camerawork);
  int dtracks = static_cast<int>(dialogue.size());
  int ctracks = static_cast<int>(camera.size());
  for (int t = 1; t <= dtracks; ++t) o += t == 1 ? ",dialogue" : ",dialogue " + std::to_string(t);
  for (int t = 1; t <= ctracks; ++t) o += t == 1 ? ",camera" : ",camera " + std::to_string(t);
  if (!s.sounds.empty()) o += ",se";
  o += "\n";
  // Per-frame text of each column.
  size_t ncols = s.columns.size() + static_cast<size_t>(dtracks + ctracks) + (s.sounds.empty() ? 0 : 1);
  std::vector<std::vector<std::string>> grid(static_cast<size_t>(s.duration), std::vector<std::string>(ncols));
  auto put = [&](int64_t f, size_t c, std::string v) {
    if (f >= 0 && f < s.duration) grid[static_cast<size_t>(f)][c] = std::move(v);
  };
  for (size_t c = 0; c < s.columns.size(); ++c) {
    const Column& col = s.columns[c].column;
    std::optional<std::string> prev;
    bool first = true;
    for (const Cell& cell : col.cells) {
      if (cell.held) {  // a mark (on a blank, when the column starts with one)
        if (cell.mark != Mark::kNone) put(cell.start_frame, c, cell.mark == Mark::kTick1 ? "o" : "*");
        continue;
      }
      if (first || cell.drawing != prev) put(cell.start_frame, c, cell.drawing ? *cell.drawing : "x");
      prev = cell.drawing;
      first = false;
    }
    if (col.cells.empty()) put(0, c, "x");
  }
  size_t base = s.columns.size();
  // A span runs to its end or to where the next in its column starts, whichever is first.
  auto put_spans = [&](const auto& tracks, auto text_of) {
    for (size_t t = 0; t < tracks.size(); ++t) {
      const auto& in = tracks[t];
      for (size_t i = 0; i < in.size(); ++i) {
        int64_t next = i + 1 < in.size() ? in[i + 1]->frame : s.duration;
        int64_t end = std::min(in[i]->frame + std::max<int64_t>(in[i]->length, 1), next);
        put(in[i]->frame, base + t, text_of(*in[i]));
        for (int64_t f = in[i]->frame + 1; f < end; ++f) put(f, base + t, "|");
      }
    }
    base += tracks.size();
  };
  // "SPEAKER: text"; a text that could read as a speaker, a continuation or nothing gets an empty
  // speaker in front (": Note: hi").
  put_spans(dialogue, [](const DialogueSpan& d) {
    bool plain = !d.text.empty() && d.text != "|" && d.text.find(": ") == std::string::npos;
    return d.speaker.empty() && plain ? d.text : d.speaker + ": " + d.text;
  });
  put_spans(camera, [](const CameraSpan& c) { return c.text; });
  for (const SoundMark& m : s.sounds) {
    if (m.frame < 0 || m.frame >= s.duration) continue;
    std::string& cell = grid[static_cast<size_t>(m.frame)][base];
    cell += (cell.empty() ? "" : "; ") + m.name;  // effects that start together share the cell
  }
  for (size_t f = 0; f < grid.size(); ++f) {
    o += std::to_string(f + 1);
    for (const std::string& v : grid[f]) o += "," + quote(v);
    o += "\n";
  }
  return o;
}

}  // namespace sakuga::timesheet
