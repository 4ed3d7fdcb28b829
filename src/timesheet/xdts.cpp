#include "timesheet/xdts.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json.h"

namespace sakuga::timesheet {
namespace {

using core::JsonValue;

constexpr int kCellField = 0;
constexpr int kDialogueField = 3;
constexpr int kCameraField = 5;
constexpr size_t kMaxTracks = 8;  // dialogue or camera columns a sheet can have

enum class Symbol { kNone, kNull, kHyphen, kTick1, kTick2, kUnknown };

Symbol symbol_of(const std::string& v) {
  if (v.rfind("SYMBOL_", 0) != 0) return Symbol::kNone;
  if (v == "SYMBOL_NULL_CELL") return Symbol::kNull;
  if (v == "SYMBOL_HYPHEN") return Symbol::kHyphen;
  if (v == "SYMBOL_TICK_1") return Symbol::kTick1;
  if (v == "SYMBOL_TICK_2") return Symbol::kTick2;
  return Symbol::kUnknown;
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// One entry of a track: the frame and its first data item's values.
struct Entry {
  int64_t frame = 0;
  std::vector<std::string> values;
  core::SourcePos pos;        // of the entry
  core::SourcePos value_pos;  // of values[0]
};

class Reader {
 public:
  Reader(const core::SourceText& src, core::DiagnosticSink& sink) : src_(src), sink_(sink) {}

  std::optional<Sheet> read() {
    const std::string& t = src_.text();
    size_t begin = t.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    if (t.compare(begin, kXdtsIdentifier.size(), kXdtsIdentifier) != 0) {
      std::string first = t.substr(begin, std::min(t.find('\n', begin), t.size()) - begin);
      if (first.size() > 60) first = first.substr(0, 60) + "...";
      error({1, 1}, "not an XDTS file: the first line must be '" + std::string(kXdtsIdentifier) +
                        "' (found '" + trim(first) + "')");
      return std::nullopt;
    }
    auto root = core::parse_json(src_, begin + kXdtsIdentifier.size(), sink_);
    if (!root) return std::nullopt;
    if (!root->is_object()) {
      error(root->pos, std::string("the XDTS data must be a JSON object, not ") + root->type_name());
      return std::nullopt;
    }
    read_root(*root);
    if (errors_) return std::nullopt;
    sort_entries(sheet_);
    return std::move(sheet_);
  }

 private:
  void error(core::SourcePos p, std::string msg) {
    sink_.error(src_, p, std::move(msg));
    ++errors_;
  }
  void warn(core::SourcePos p, std::string msg) { sink_.warning(src_, p, std::move(msg)); }

  const JsonValue* member(const JsonValue& obj, const char* key, const char* what, bool required = true) {
    const JsonValue* v = obj.get(key);
    if (!v && required) error(obj.pos, std::string(what) + " has no \"" + key + "\"");
    return v;
  }
  std::optional<int64_t> integer(const JsonValue& v, const std::string& what) {
    auto i = v.as_integer();
    if (!i) error(v.pos, what + " must be a whole number, not " + v.type_name());
    return i;
  }
  // The whole number `key` of `obj` into `out`; false (after a diagnostic) when missing or not one.
  bool integer_member(const JsonValue& obj, const char* key, const char* what, int64_t& out) {
    const JsonValue* v = member(obj, key, what);
    if (!v) return false;
    auto i = integer(*v, key);
    if (i) out = *i;
    return i.has_value();
  }
  const JsonValue* array(const JsonValue& obj, const char* key, const char* what, bool required = true) {
    const JsonValue* v = member(obj, key, what, required);
    if (v && !v->is_array()) {
      error(v->pos, std::string("\"") + key + "\" must be an array, not " + v->type_name());
      return nullptr;
    }
    return v;
  }
  std::string text(const JsonValue& v) {
    if (v.is_string()) return v.string;
    if (auto i = v.as_integer()) return std::to_string(*i);
    return {};
  }

  void read_root(const JsonValue& root) {
    if (const JsonValue* v = root.get("version")) {
      auto n = integer(*v, "version");
      if (n && *n != 5 && *n != 10) warn(v->pos, "XDTS version " + std::to_string(*n) + " is not one this reader knows (5)");
    } else {
      warn(root.pos, "the XDTS data has no \"version\" (5 expected)");
    }
    if (const JsonValue* h = root.get("header")) {
      if (!h->is_object()) {
        error(h->pos, "\"header\" must be an object with \"cut\" and \"scene\"");
      } else {
        if (const JsonValue* c = h->get("cut")) sheet_.cut = text(*c);
        if (const JsonValue* s = h->get("scene")) sheet_.scene = text(*s);
      }
    }
    const JsonValue* tables = array(root, "timeTables", "the XDTS data");
    if (!tables) return;
    if (tables->items.empty()) {
      error(tables->pos, "\"timeTables\" is empty: there is no sheet");
      return;
    }
    if (tables->items.size() > 1) {
      warn(tables->items[1].pos, "only the first of " + std::to_string(tables->items.size()) +
                                     " time tables is read (as OpenToonz does)");
    }
    read_table(tables->items[0]);
  }

  void read_table(const JsonValue& table) {
    if (!table.is_object()) {
      error(table.pos, std::string("a time table must be an object, not ") + table.type_name());
      return;
    }
    if (const JsonValue* d = member(table, "duration", "the time table")) {
      auto n = integer(*d, "duration");
      if (n && *n <= 0) error(d->pos, "duration must be at least one frame");
      else if (n && *n > core::kMaxSheetFrames) error(d->pos, "a sheet of " + std::to_string(*n) + " frames is longer than an hour");
      else if (n) sheet_.duration = *n;
    }
    if (const JsonValue* name = table.get("name"); name && sheet_.cut.empty()) sheet_.cut = text(*name);
    if (const JsonValue* rate = table.get("frameRate")) {  // CLIP STUDIO's extension
      if (!rate->is_number() || rate->number < 23.9 || rate->number > 24.1) {
        warn(rate->pos, "frameRate is not 24; the sheet is read frame for frame");
      }
    }
    // Column names per field.
    std::map<int, std::vector<std::string>> names;
    // Only cel columns need the names the headers give (a missing one is reported per track).
    if (const JsonValue* headers = array(table, "timeTableHeaders", "the time table", false)) {
      for (const JsonValue& h : headers->items) {
        if (!h.is_object()) {
          error(h.pos, "a time table header must be an object with \"fieldId\" and \"names\"");
          continue;
        }
        int64_t fid = 0;
        bool has_id = integer_member(h, "fieldId", "the time table header", fid);
        const JsonValue* list = array(h, "names", "the time table header");
        if (!has_id || !list) continue;
        auto& out = names[static_cast<int>(fid)];
        for (const JsonValue& n : list->items) {
          if (!n.is_string()) error(n.pos, std::string("a column name must be a string, not ") + n.type_name());
          out.push_back(trim(n.string));
        }
      }
    }
    const JsonValue* fields = array(table, "fields", "the time table", false);
    if (!fields) return;
    std::map<std::string, int> used;
    // Dialogue and camera tracks by trackNo, numbered 1, 2... in that order once all are read.
    std::map<int64_t, std::map<int64_t, std::vector<Entry>>> spans;
    std::set<std::pair<int64_t, int64_t>> seen;
    for (const JsonValue& field : fields->items) {
      if (!field.is_object()) {
        error(field.pos, "a field must be an object with \"fieldId\" and \"tracks\"");
        continue;
      }
      int64_t fid = 0;
      bool has_id = integer_member(field, "fieldId", "the field", fid);
      const JsonValue* tracks = array(field, "tracks", "the field");
      if (!has_id || !tracks) continue;
      if (fid != kCellField && fid != kDialogueField && fid != kCameraField) continue;  // unknown: ignored
      for (const JsonValue& track : tracks->items) {
        if (!track.is_object()) {
          error(track.pos, "a track must be an object with \"trackNo\" and \"frames\"");
          continue;
        }
        int64_t trackno = 0;
        bool has_no = integer_member(track, "trackNo", "the track", trackno);
        if (has_no && trackno < 0) {
          error(track.get("trackNo")->pos, "trackNo cannot be negative");
          has_no = false;
        }
        std::vector<Entry> entries;
        read_entries(track, entries);  // its problems fail the file; the rest is still checked
        if (!has_no) continue;
        if (!seen.insert({fid, trackno}).second) {
          error(track.get("trackNo")->pos, "track " + std::to_string(trackno) + " of field " + std::to_string(fid) +
                                                " is given twice");
          continue;
        }
        if (fid == kCellField) cell_track(track, trackno, names[kCellField], used, entries);
        else spans[fid][trackno] = std::move(entries);
      }
    }
    for (auto& [fid, tracks] : spans) {
      if (tracks.size() > kMaxTracks) {
        error(fields->pos, std::string("more than ") + std::to_string(kMaxTracks) + (fid == kDialogueField ? " dialogue" : " camera") +
                               " columns");
        continue;
      }
      int column = 1;
      for (auto& [trackno, entries] : tracks) span_track(static_cast<int>(fid), column++, entries);
    }
    std::stable_sort(order_.begin(), order_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [no, col] : order_) sheet_.columns.push_back(std::move(col));
  }

  bool read_entries(const JsonValue& track, std::vector<Entry>& out) {
    const JsonValue* frames = array(track, "frames", "the track");
    if (!frames) return false;
    int before = errors_;
    for (const JsonValue& f : frames->items) {
      if (!f.is_object()) {
        error(f.pos, "a frame entry must be an object with \"frame\" and \"data\"");
        continue;
      }
      Entry e;
      e.pos = f.pos;
      bool has_frame = integer_member(f, "frame", "the frame entry", e.frame);
      const JsonValue* data = array(f, "data", "the frame entry");
      if (!has_frame || !data) continue;
      if (data->items.empty() || !data->items[0].is_object()) {
        error(data->pos, "\"data\" must hold an object with \"values\"");
        continue;
      }
      const JsonValue* values = array(data->items[0], "values", "the frame data");
      if (!values) continue;
      e.value_pos = values->pos;
      for (const JsonValue& v : values->items) {
        if (!v.is_string() && !v.as_integer()) {
          error(v.pos, std::string("a value must be a string, not ") + v.type_name());
          continue;
        }
        if (e.values.empty()) e.value_pos = v.pos;
        e.values.push_back(text(v));
      }
      if (!e.values.empty() && symbol_of(e.values[0]) == Symbol::kUnknown) {
        error(e.value_pos, "unknown symbol '" + e.values[0] +
                               "' (XDTS has SYMBOL_NULL_CELL, SYMBOL_HYPHEN, SYMBOL_TICK_1 and SYMBOL_TICK_2)");
        continue;
      }
      out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.frame < b.frame; });
    for (size_t i = 1; i < out.size(); ++i) {
      if (out[i].frame == out[i - 1].frame && out[i].frame >= 0) {
        error(out[i].pos, "frame " + std::to_string(out[i].frame) + " has two entries in this track");
      }
    }
    return errors_ == before;
  }

  void cell_track(const JsonValue& track, int64_t trackno, const std::vector<std::string>& names,
                  std::map<std::string, int>& used, const std::vector<Entry>& entries) {
    CelColumn col;
    col.pos = track.pos;
    if (static_cast<size_t>(trackno) >= names.size()) {
      error(track.pos, "cel track " + std::to_string(trackno) + " has no name in timeTableHeaders (field 0 lists " +
                           std::to_string(names.size()) + ")");
      return;
    }
    col.name = names[static_cast<size_t>(trackno)];
    if (col.name.empty()) {
      if (entries.empty()) return;
      col.name = "T" + std::to_string(trackno + 1);
      warn(track.pos, "cel track " + std::to_string(trackno) + " has no name; it is read as " + col.name);
    }
    if (int& n = used[col.name]; n++ > 0) {
      // Another "A": "A_2", or the next suffix no column has taken.
      std::string base = col.name;
      do col.name = base + "_" + std::to_string(n++);
      while (used.count(col.name));
      used[col.name] = 1;
      warn(track.pos, "a second column named '" + base + "' is read as '" + col.name + "'");
    }
    Column& c = col.column;
    Cell initial;
    initial.pos = track.pos;
    c.cells.push_back(initial);
    std::optional<std::string> cur;
    for (const Entry& e : entries) {
      std::string v = e.values.empty() ? "SYMBOL_NULL_CELL" : trim(e.values[0]);
      Symbol s = v.empty() ? Symbol::kNull : symbol_of(v);
      if (e.frame < 0) {  // CLIP STUDIO's pre-roll: the value at frame 0
        if (s == Symbol::kNone) cur = v;
        else if (s == Symbol::kNull) cur.reset();
        c.cells[0].drawing = cur;
        c.cells[0].pos = e.pos;
        continue;
      }
      if (e.frame >= sheet_.duration) {
        if (!(s == Symbol::kNull && e.frame == sheet_.duration)) {
          warn(e.pos, "frame " + std::to_string(e.frame) + " is past the sheet's duration (" +
                          std::to_string(sheet_.duration) + " frames); ignored");
        }
        continue;
      }
      if (s == Symbol::kHyphen) continue;
      Cell cell;
      cell.start_frame = e.frame;
      cell.pos = e.value_pos;
      if (s == Symbol::kTick1 || s == Symbol::kTick2) {
        // A mark on frame 0 over a pre-roll drawing starts the column with that drawing (the
        // mark cannot be written back: no format marks a drawing's first frame).
        cell.held = e.frame > 0 || !cur;
        cell.mark = s == Symbol::kTick1 ? Mark::kTick1 : Mark::kTick2;
        cell.drawing = cur;
      } else if (s == Symbol::kNull) {
        cur.reset();
      } else {
        if (!valid_drawing_name(v)) {
          error(e.value_pos, "'" + v + "' cannot name a drawing (no spaces, ':' or '/'; not x, o, - or *)");
          continue;
        }
        cur = v;
        cell.drawing = v;
      }
      if (c.cells.back().start_frame == cell.start_frame) c.cells.back() = cell;
      else c.cells.push_back(cell);
    }
    for (size_t i = 0; i < c.cells.size(); ++i) {
      int64_t next = i + 1 < c.cells.size() ? c.cells[i + 1].start_frame : sheet_.duration;
      c.cells[i].frames = next - c.cells[i].start_frame;
    }
    col.on = usual_on(c);
    order_.emplace_back(trackno, std::move(col));
  }

  // Dialogue and camera tracks: a value starts a span, hyphens continue it, anything else ends it.
  void span_track(int fid, int column, const std::vector<Entry>& entries) {
    for (size_t i = 0; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      if (e.values.empty() || e.frame < 0 || e.frame >= sheet_.duration) continue;
      Symbol s = symbol_of(e.values[0]);
      if (s != Symbol::kNone) continue;
      // It runs to the next entry that is not a hyphen (a null or another span); when none
      // follows, to the frame after its last hyphen.
      int64_t end = e.frame + 1;
      for (size_t j = i + 1; j < entries.size(); ++j) {
        const Entry& n = entries[j];
        Symbol ns = n.values.empty() ? Symbol::kNull : symbol_of(n.values[0]);
        if (ns == Symbol::kHyphen) {
          end = n.frame + 1;
          continue;
        }
        end = n.frame;
        break;
      }
      end = std::min(end, sheet_.duration);
      if (fid == kDialogueField) {
        DialogueSpan d;
        if (e.values.size() >= 2) {
          d.speaker = e.values[0];
          d.text = e.values[1];
        } else {
          d.text = e.values[0];
        }
        d.frame = e.frame;
        d.length = end - e.frame;
        d.track = column;
        d.pos = e.value_pos;
        sheet_.dialogue.push_back(std::move(d));
      } else {
        CameraSpan c;
        c.text = e.values[0];
        c.params.assign(e.values.begin() + 1, e.values.end());
        c.frame = e.frame;
        c.length = end - e.frame;
        c.track = column;
        c.pos = e.value_pos;
        sheet_.camerawork.push_back(std::move(c));
      }
    }
  }

  const core::SourceText& src_;
  core::DiagnosticSink& sink_;
  Sheet sheet_;
  std::vector<std::pair<int64_t, CelColumn>> order_;
  int errors_ = 0;
};

std::string json_quote(const std::string& s) { return nlohmann::json(s).dump(); }

std::string entry(int64_t frame, const std::vector<std::string>& values) {
  std::string v;
  for (const std::string& s : values) v += (v.empty() ? "" : ", ") + json_quote(s);
  return "{ \"frame\": " + std::to_string(frame) + ", \"data\": [ { \"id\": 0, \"values\": [" + v + "] } ] }";
}

// The cel track of `col`, as OpenToonz writes one: a change point per new drawing or blank, ticks on
// held frames, and no end marker when the column is exposed to the end (the hold rule covers it).
std::vector<std::string> cell_entries(const Column& col, int64_t duration) {
  std::vector<std::string> out;
  std::optional<std::string> prev;
  bool first = true;
  for (const Cell& c : col.cells) {
    if (c.start_frame >= duration) break;
    if (c.held) {
      if (c.mark != Mark::kNone) out.push_back(entry(c.start_frame, {c.mark == Mark::kTick1 ? "SYMBOL_TICK_1" : "SYMBOL_TICK_2"}));
      continue;
    }
    if (first || c.drawing != prev) out.push_back(entry(c.start_frame, {c.drawing ? *c.drawing : "SYMBOL_NULL_CELL"}));
    prev = c.drawing;
    first = false;
  }
  if (out.empty()) out.push_back(entry(0, {"SYMBOL_NULL_CELL"}));
  return out;
}

template <typename Span, typename Values>
std::vector<std::vector<std::string>> span_tracks(const std::vector<Span>& spans, int64_t duration, Values values_of) {
  std::vector<std::vector<std::string>> out;
  for (const auto& track : lay_out_tracks(spans)) {
    auto& o = out.emplace_back();
    std::vector<const Span*> in;
    for (const Span* s : track) {
      if (s->frame < duration) in.push_back(s);
    }
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t next = i + 1 < in.size() ? in[i + 1]->frame : duration;
      int64_t end = in[i]->length > 0 ? std::min(in[i]->frame + in[i]->length, next) : next;
      end = std::max(end, in[i]->frame + 1);
      o.push_back(entry(in[i]->frame, values_of(*in[i])));
      for (int64_t f = in[i]->frame + 1; f < end; ++f) o.push_back(entry(f, {"SYMBOL_HYPHEN"}));
      if (end < duration && end != next) o.push_back(entry(end, {"SYMBOL_NULL_CELL"}));
    }
  }
  return out;
}

std::string header_cut(const std::string& cut) {
  // OpenToonz expects 1 to 4 digits: "c012" is written "012".
  size_t b = cut.find_first_of("0123456789");
  if (b == std::string::npos) return {};
  size_t e = cut.find_first_not_of("0123456789", b);
  std::string digits = cut.substr(b, e == std::string::npos ? std::string::npos : e - b);
  return digits.size() <= 4 ? digits : digits.substr(digits.size() - 4);
}

void write_field(std::string& o, int fid, const std::vector<std::vector<std::string>>& tracks, bool& first_field) {
  o += first_field ? "\n" : ",\n";
  first_field = false;
  o += "        { \"fieldId\": " + std::to_string(fid) + ", \"tracks\": [";
  bool first_track = true;
  for (size_t t = 0; t < tracks.size(); ++t) {
    if (tracks[t].empty()) continue;
    o += first_track ? "\n" : ",\n";
    first_track = false;
    o += "          { \"trackNo\": " + std::to_string(t) + ", \"frames\": [\n";
    for (size_t i = 0; i < tracks[t].size(); ++i) {
      o += "            " + tracks[t][i] + (i + 1 < tracks[t].size() ? ",\n" : "\n");
    }
    o += "          ] }";
  }
  o += "\n        ] }";
}

std::string names_json(const std::vector<std::string>& names) {
  std::string o;
  for (const std::string& n : names) o += (o.empty() ? "" : ", ") + json_quote(n);
  return "[" + o + "]";
}

}  // namespace

std::optional<Sheet> read_xdts(const core::SourceText& src, core::DiagnosticSink& sink) {
  return Reader(src, sink).read();
}

std::string write_xdts(const Sheet& s) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> cell_names;
  for (const CelColumn& c : s.columns) {
    cells.push_back(cell_entries(c.column, s.duration));
    cell_names.push_back(c.name);
  }
  auto dialogue = span_tracks(s.dialogue, s.duration,
                              [](const DialogueSpan& d) { return std::vector<std::string>{d.speaker, d.text}; });
  auto camera = span_tracks(s.camerawork, s.duration, [](const CameraSpan& c) {
                              std::vector<std::string> v{c.text};
                              v.insert(v.end(), c.params.begin(), c.params.end());
                              return v;
                            });
  auto numbered = [](const char* prefix, size_t n) {
    std::vector<std::string> out;
    for (size_t i = 1; i <= n; ++i) out.push_back(prefix + std::to_string(i));
    return out;
  };

  std::string o = std::string(kXdtsIdentifier) + "\n{\n  \"version\": 5,\n";
  std::string cut = header_cut(s.cut), scene = header_cut(s.scene);
  if (!cut.empty() || !scene.empty()) {
    o += "  \"header\": { \"cut\": " + json_quote(cut) + ", \"scene\": " + json_quote(scene) + " },\n";
  }
  o += "  \"timeTables\": [\n    {\n      \"name\": " + json_quote(s.cut.empty() ? "sheet" : s.cut) + ",\n";
  o += "      \"duration\": " + std::to_string(s.duration) + ",\n";
  o += "      \"timeTableHeaders\": [\n";
  std::vector<std::string> headers;
  if (!cells.empty()) headers.push_back("        { \"fieldId\": 0, \"names\": " + names_json(cell_names) + " }");
  if (!dialogue.empty()) headers.push_back("        { \"fieldId\": 3, \"names\": " + names_json(numbered("S", dialogue.size())) + " }");
  if (!camera.empty()) headers.push_back("        { \"fieldId\": 5, \"names\": " + names_json(numbered("CAM", camera.size())) + " }");
  for (size_t i = 0; i < headers.size(); ++i) o += headers[i] + (i + 1 < headers.size() ? ",\n" : "\n");
  o += "      ],\n      \"fields\": [";
  bool first = true;
  if (!cells.empty()) write_field(o, kCellField, cells, first);
  if (!dialogue.empty()) write_field(o, kDialogueField, dialogue, first);
  if (!camera.empty()) write_field(o, kCameraField, camera, first);
  o += "\n      ]\n    }\n  ]\n}\n";
  return o;
}

}  // namespace sakuga::timesheet
