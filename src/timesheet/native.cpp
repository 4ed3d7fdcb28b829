#include "timesheet/native.h"

#include <algorithm>
#include <set>

namespace sakuga::timesheet {
namespace {

using core::pos_of;
using core::TomlFile;

std::string text_or(TomlFile& f, const toml::table& t, const char* key, const std::string& what) {
  if (const toml::node* n = t.get(key)) return f.string_or_integer(*n, what).value_or("");
  return {};
}

void read_header(TomlFile& f, const NativeOptions& opt, Sheet& out) {
  const toml::table& t = f.table();
  // A cut.toml's own keys (background, camera) are known too: a cut file converts without warnings.
  f.check_keys(t,
               {"title", "episode", "scene", "cut", "duration", "frame_rate", "layers", "sheet", "timing", "dialogue",
                "camerawork", "sound", "background", "camera"},
               "the sheet");
  out.title = text_or(f, t, "title", "title");
  out.episode = text_or(f, t, "episode", "episode");
  out.cut = text_or(f, t, "cut", "cut");
  if (const toml::node* s = t.get("scene")) {
    // A cut.toml's [scene] table names its scene by number.
    if (const toml::table* st = s->as_table()) out.scene = text_or(f, *st, "number", "scene number");
    else out.scene = f.string_or_integer(*s, "scene").value_or("");
  }
  if (const toml::node* d = t.get("duration")) {
    auto v = f.duration(*d, opt.rate, "duration");
    if (v && *v == 0) f.error(*d, "a sheet must last at least one frame");
    else if (v && *v > core::kMaxSheetFrames) f.error(*d, "a sheet is at most an hour long");
    else if (v) out.duration = *v;
  } else {
    f.error_at({1, 1}, "the sheet needs a duration, e.g. duration = \"6+0\"");
  }
}

// The layer order and exposures: declared by the cut, or by the standalone file's [[layers]].
std::vector<LayerDecl> layer_decls(TomlFile& f, const NativeOptions& opt) {
  if (!opt.standalone) return opt.layers;
  std::vector<LayerDecl> out;
  std::set<std::string> seen;
  for (const toml::table* lt : f.tables(f.table().get("layers"), "layers")) {
    if (auto d = read_layer_decl(f, *lt, seen)) out.push_back(*d);
  }
  return out;
}

void read_columns(TomlFile& f, const NativeOptions& opt, const std::vector<LayerDecl>& decls, Sheet& out) {
  const toml::node* sn = f.table().get("sheet");
  if (!sn || sn->is_string()) return;
  const toml::table* sheet = sn->as_table();
  if (!sheet) {
    f.error(*sn, "sheet must be a table of columns, e.g. [sheet] A = \"1 2 3\", or the path of a sheet file");
    return;
  }
  std::vector<std::pair<size_t, CelColumn>> found;  // (declared order, column)
  for (auto&& [key, value] : *sheet) {
    std::string lname(key.str());
    auto it = std::find_if(decls.begin(), decls.end(), [&](const LayerDecl& l) { return l.name == lname; });
    if (it == decls.end() && !opt.standalone) {
      f.error_at(pos_of(key.source()), "column '" + lname + "' has no matching layer (declare it under [[layers]])");
      continue;
    }
    auto text = f.string(value, "sheet column " + lname);
    if (!text) continue;
    CelColumn col;
    col.name = lname;
    col.on = it != decls.end() ? it->on : 1;
    col.pos = pos_of(key.source());
    std::vector<ColumnError> errors;
    col.column = parse_column(*text, col.on, opt.rate, errors);
    for (const ColumnError& e : errors) f.error_at(f.string_pos(value, e.offset), e.message);
    for (Cell& cell : col.column.cells) cell.pos = f.string_pos(value, cell.offset);
    int64_t length = opt.standalone ? out.duration : opt.duration;
    if (length > 0 && col.column.written_frames() > length) {
      const Cell* past = &col.column.cells.back();
      for (const Cell& cell : col.column.cells) {
        if (cell.start_frame + cell.frames > length) {
          past = &cell;
          break;
        }
      }
      f.error_at(past->pos, "the column of layer " + lname + " runs past the end of the " +
                                (opt.standalone ? "sheet" : "cut") + " (" + core::format_duration(length, opt.rate) +
                                "): it is " + core::format_duration(col.column.written_frames(), opt.rate) + " long");
    }
    size_t order = it != decls.end() ? static_cast<size_t>(it - decls.begin()) : decls.size() + found.size();
    found.emplace_back(order, std::move(col));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, col] : found) out.columns.push_back(std::move(col));
}

void read_timing(TomlFile& f, const std::vector<LayerDecl>& decls, Sheet& out) {
  for (const toml::table* t : f.tables(f.table().get("timing"), "timing")) {
    f.check_keys(*t, {"layer", "chart", "spacing"}, "timing chart");
    TimingChart chart;
    chart.pos = pos_of(t->source());
    const toml::node* layer = t->get("layer");
    const toml::node* text = t->get("chart");
    if (!layer || !text) {
      f.error(*t, "a timing chart needs a layer and a chart, e.g. layer = \"A\" and chart = \"(1) 2 3 (4)\"");
      continue;
    }
    auto lname = f.string(*layer, "timing layer");
    auto ctext = f.string(*text, "timing chart");
    if (!lname || !ctext) continue;
    bool known = std::any_of(decls.begin(), decls.end(), [&](const LayerDecl& l) { return l.name == *lname; }) ||
                 out.column(*lname);
    if (!known) {
      f.error(*layer, "timing chart for layer '" + *lname + "', which the sheet does not have");
      continue;
    }
    chart.layer = *lname;
    chart.chart_pos = f.string_pos(*text, 0);
    std::vector<ChartError> errors;
    chart.entries = parse_chart(*ctext, errors);
    for (const ChartError& e : errors) f.error_at(f.string_pos(*text, e.offset), e.message);
    if (!errors.empty()) continue;
    bool ok = true;
    if (const toml::node* s = t->get("spacing")) {
      if (const toml::array* a = s->as_array()) {
        std::string joined;
        for (const toml::node& v : *a) {
          auto d = v.value<double>();
          if (!d) {
            f.error(v, "spacing fractions must be numbers");
            ok = false;
            break;
          }
          joined += (joined.empty() ? "" : ",") + std::to_string(*d);
        }
        auto sp = ok ? parse_spacing(joined) : std::nullopt;
        if (ok && !sp) {
          f.error(*s, "spacing fractions must increase strictly between 0 and 1, e.g. [0.25, 0.5, 0.75]");
          ok = false;
        }
        if (sp) chart.spacing = *sp;
      } else if (auto str = f.string(*s, "spacing")) {
        if (str->rfind("favour ", 0) == 0 || str->rfind("favor ", 0) == 0) {
          chart.favour = str->substr(str->find(' ') + 1);
          bool is_key = std::any_of(chart.entries.begin(), chart.entries.end(),
                                    [&](const ChartEntry& e) { return e.key && e.drawing == chart.favour; });
          if (!is_key) {
            f.error_at(f.string_pos(*s, 0), "'" + *str + "' must name a key of the chart");
            ok = false;
          }
        } else if (auto sp = parse_spacing(*str); sp && sp->kind != SpacingKind::kFractions) {
          chart.spacing = *sp;
        } else {
          f.error_at(f.string_pos(*s, 0), "unknown spacing '" + *str +
                                              "' (expected even, ease-in, ease-out, ease-in-out, \"favour KEY\" or a "
                                              "list of fractions)");
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (ok && chart.spacing.kind == SpacingKind::kFractions) {
      size_t run = 0;
      for (size_t i = 1; i < chart.entries.size(); ++i) {
        if (!chart.entries[i].key) {
          ++run;
          continue;
        }
        if (run != chart.spacing.fractions.size()) {
          f.error(*t->get("spacing"), "the chart has " + std::to_string(run) + " in-betweens between (" +
                                          chart.entries[i - run - 1].drawing + ") and (" + chart.entries[i].drawing +
                                          "), but the spacing gives " +
                                          std::to_string(chart.spacing.fractions.size()) + " fractions");
          ok = false;
          break;
        }
        run = 0;
      }
    }
    if (ok) out.charts.push_back(std::move(chart));
  }
  // A drawing may be an in-between of one chart only.
  std::set<std::pair<std::string, std::string>> made;
  for (const TimingChart& c : out.charts) {
    for (const ChartEntry& e : c.entries) {
      if (!e.key && !made.insert({c.layer, e.drawing}).second) {
        f.error_at(c.chart_pos, "in-between " + c.layer + "/" + e.drawing + " is in two timing charts");
      }
    }
  }
}

int read_track(TomlFile& f, const toml::table& t, const char* what) {
  const toml::node* n = t.get("track");
  if (!n) return 1;
  auto v = n->value<int64_t>();
  if (!v || *v < 1 || *v > 8) {
    f.error(*n, std::string(what) + " track must be a column number from 1 to 8");
    return 1;
  }
  return static_cast<int>(*v);
}

void read_dialogue(TomlFile& f, const NativeOptions& opt, Sheet& out) {
  int64_t length_limit = opt.standalone ? out.duration : opt.duration;
  for (const toml::table* tp : f.tables(f.table().get("dialogue"), "dialogue")) {
    const toml::table& t = *tp;
    f.check_keys(t, {"speaker", "text", "parenthetical", "reading", "frame", "length", "track", "take", "script"},
                 "dialogue line");
    DialogueSpan d;
    d.pos = pos_of(t.source());
    bool ok = true;
    auto text_field = [&](const char* key, std::string& into, bool required) {
      if (const toml::node* v = t.get(key)) {
        auto s = f.string(*v, std::string("dialogue ") + key);
        if (s) into = *s;
        else ok = false;
      } else if (required) {
        f.error(t, std::string("dialogue line needs a ") + key);
        ok = false;
      }
    };
    text_field("speaker", d.speaker, true);
    text_field("text", d.text, true);
    text_field("parenthetical", d.parenthetical, false);
    text_field("reading", d.reading, false);
    if (const toml::node* v = t.get("take")) {
      d.take_pos = f.string_pos(*v, 0);
      text_field("take", d.take_ref, false);
    }
    if (const toml::node* v = t.get("script")) {
      d.script_pos = f.string_pos(*v, 0);
      text_field("script", d.script, false);
    }
    if (const toml::node* n = t.get("frame")) {
      auto v = f.duration(*n, opt.rate, "dialogue frame");
      if (!v) {
        ok = false;
      } else if (length_limit > 0 && *v >= length_limit) {
        f.error(*n, std::string("dialogue starts after the end of the ") + (opt.standalone ? "sheet" : "cut") + " (" +
                        core::format_duration(length_limit, opt.rate) + ")");
        ok = false;
      } else {
        d.frame = *v;
      }
    }
    if (const toml::node* l = t.get("length")) {
      auto v = f.duration(*l, opt.rate, "dialogue length");
      if (v && *v == 0) f.error(*l, "dialogue length must be at least one frame");
      if (!v || *v == 0) ok = false;
      else d.length = *v;
      if (ok && length_limit > 0 && d.end() > length_limit) {
        f.warn(*l, "this line runs past the end of the " + std::string(opt.standalone ? "sheet" : "cut") + " (" +
                       core::format_duration(length_limit, opt.rate) + "); the sheet shows it cut short");
      }
    }
    d.track = read_track(f, t, "dialogue");
    if (ok) out.dialogue.push_back(std::move(d));
  }
}

void read_camerawork(TomlFile& f, const NativeOptions& opt, Sheet& out) {
  for (const toml::table* tp : f.tables(f.table().get("camerawork"), "camerawork")) {
    const toml::table& t = *tp;
    f.check_keys(t, {"text", "frame", "length", "track", "params"}, "camerawork");
    CameraSpan c;
    c.pos = pos_of(t.source());
    bool ok = true;
    if (const toml::node* v = t.get("text")) {
      if (auto s = f.string(*v, "camerawork text")) c.text = *s;
      else ok = false;
    } else {
      f.error(t, "camerawork needs a text, e.g. text = \"PAN\"");
      ok = false;
    }
    int64_t length_limit = opt.standalone ? out.duration : opt.duration;
    if (const toml::node* n = t.get("frame")) {
      auto v = f.duration(*n, opt.rate, "camerawork frame");
      if (!v) {
        ok = false;
      } else if (length_limit > 0 && *v >= length_limit) {
        f.error(*n, std::string("camerawork starts after the end of the ") + (opt.standalone ? "sheet" : "cut") + " (" +
                        core::format_duration(length_limit, opt.rate) + ")");
        ok = false;
      } else {
        c.frame = *v;
      }
    }
    if (const toml::node* n = t.get("length")) {
      auto v = f.duration(*n, opt.rate, "camerawork length");
      if (v && *v == 0) f.error(*n, "camerawork length must be at least one frame");
      if (!v || *v == 0) ok = false;
      else c.length = *v;
    }
    if (const toml::node* n = t.get("params")) {
      const toml::array* a = n->as_array();
      if (!a) {
        f.error(*n, "camerawork params must be a list of strings");
      } else {
        for (const toml::node& p : *a) {
          if (auto s = f.string_or_integer(p, "camerawork param")) c.params.push_back(*s);
          else ok = false;
        }
      }
    }
    c.track = read_track(f, t, "camerawork");
    if (ok) out.camerawork.push_back(std::move(c));
  }
}

void read_sounds(TomlFile& f, const NativeOptions& opt, Sheet& out) {
  for (const toml::table* tp : f.tables(f.table().get("sound"), "sound")) {
    SoundMark s;
    s.pos = pos_of(tp->source());
    if (const toml::node* n = tp->get("name")) {
      s.name = f.string(*n, "sound name").value_or("");
    } else if (const toml::node* file = tp->get("file")) {
      std::string path = f.string(*file, "sound file").value_or("");
      size_t slash = path.find_last_of('/');
      s.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
      if (size_t dot = s.name.rfind('.'); dot != std::string::npos && dot > 0) s.name.resize(dot);
    } else {
      f.error(*tp, "sound needs a name, e.g. name = \"whoosh\"");
      continue;
    }
    if (const toml::node* n = tp->get("frame")) {
      if (auto v = f.duration(*n, opt.rate, "sound frame")) s.frame = *v;
    }
    out.sounds.push_back(std::move(s));
  }
}

std::string duration_value(int64_t frames, core::Rational rate) {
  return core::toml_quote(core::format_duration(frames, rate));
}

}  // namespace

std::optional<LayerDecl> read_layer_decl(core::TomlFile& f, const toml::table& t, std::set<std::string>& seen) {
  const toml::node* n = t.get("name");
  if (!n) {
    f.error(t, "layer needs a name");
    return std::nullopt;
  }
  auto name = f.string(*n, "layer name");
  if (!name) return std::nullopt;
  if (!seen.insert(*name).second) {
    f.error(*n, "layer '" + *name + "' is declared twice");
    return std::nullopt;
  }
  LayerDecl d{*name, 1};
  if (const toml::node* on = t.get("on")) {
    auto v = on->value<int64_t>();
    if (!v || *v < 1 || *v > 24) f.error(*on, "on must be a whole number of frames from 1 to 24");
    else d.on = *v;
  }
  return d;
}

void read_native(core::TomlFile& f, const NativeOptions& opt, Sheet& out) {
  out.rate = opt.rate;
  if (opt.standalone) {
    read_header(f, opt, out);
  } else {
    out.duration = opt.duration;
  }
  std::vector<LayerDecl> decls = layer_decls(f, opt);
  read_columns(f, opt, decls, out);
  read_timing(f, decls, out);
  read_dialogue(f, opt, out);
  read_camerawork(f, opt, out);
  if (opt.standalone) read_sounds(f, opt, out);
  for (const SheetProblem& p : dialogue_overlaps(out)) f.error_at(p.pos, p.message);
  for (const SheetProblem& p : camera_overlaps(out)) f.error_at(p.pos, p.message);
  sort_entries(out);
}

std::string write_native(const Sheet& s) {
  using core::toml_quote;
  std::string o = "# A Sakuga timesheet. Cel columns read top to bottom, one cell per token: a drawing, x for a\n"
                  "# blank, - for a hold, o and * for the sheet's two marks on a held frame, NAME:FRAMES for a\n"
                  "# cell of its own length, @N for N frames per cell from there on (see the README).\n";
  if (!s.title.empty()) o += "title = " + toml_quote(s.title) + "\n";
  if (!s.episode.empty()) o += "episode = " + toml_quote(s.episode) + "\n";
  if (!s.scene.empty()) o += "scene = " + toml_quote(s.scene) + "\n";
  if (!s.cut.empty()) o += "cut = " + toml_quote(s.cut) + "\n";
  o += "duration = " + duration_value(s.duration, s.rate) + "\n";
  std::vector<int64_t> ons;
  for (const CelColumn& c : s.columns) {
    int64_t on = usual_on(c.column);
    ons.push_back(on);
    o += "\n[[layers]]\nname = " + toml_quote(c.name) + "\n";
    if (on > 1) o += "on = " + std::to_string(on) + "\n";
  }
  if (!s.columns.empty()) o += "\n[sheet]\n";
  for (size_t i = 0; i < s.columns.size(); ++i) {
    const CelColumn& c = s.columns[i];
    std::string cells = format_column(c.column, ons[i], s.rate);
    if (cells.find('\n') != std::string::npos) o += core::toml_key(c.name) + " = \"\"\"\n" + cells + "\n\"\"\"\n";
    else o += core::toml_key(c.name) + " = " + toml_quote(cells) + "\n";
  }
  for (const TimingChart& c : s.charts) {
    o += "\n[[timing]]\nlayer = " + toml_quote(c.layer) + "\nchart = " + toml_quote(c.chart_text()) + "\n";
    if (!c.favour.empty()) {
      o += "spacing = " + toml_quote("favour " + c.favour) + "\n";
    } else if (c.spacing.kind == SpacingKind::kFractions) {
      o += "spacing = [" + c.spacing.to_string() + "]\n";
    } else if (c.spacing.kind != SpacingKind::kEven) {
      o += "spacing = " + toml_quote(c.spacing.to_string()) + "\n";
    }
  }
  for (const DialogueSpan& d : s.dialogue) {
    o += "\n[[dialogue]]\nspeaker = " + toml_quote(d.speaker) + "\n";
    if (!d.parenthetical.empty()) o += "parenthetical = " + toml_quote(d.parenthetical) + "\n";
    o += "text = " + toml_quote(d.text) + "\n";
    if (!d.reading.empty()) o += "reading = " + toml_quote(d.reading) + "\n";
    o += "frame = " + duration_value(d.frame, s.rate) + "\n";
    if (d.length > 0) o += "length = " + duration_value(d.length, s.rate) + "\n";
    if (d.track != 1) o += "track = " + std::to_string(d.track) + "\n";
    if (!d.take_ref.empty()) o += "take = " + toml_quote(d.take_ref) + "\n";
    if (!d.script.empty()) o += "script = " + toml_quote(d.script) + "\n";
  }
  for (const CameraSpan& c : s.camerawork) {
    o += "\n[[camerawork]]\ntext = " + toml_quote(c.text) + "\nframe = " + duration_value(c.frame, s.rate) + "\n";
    if (c.length != 1) o += "length = " + duration_value(c.length, s.rate) + "\n";
    if (c.track != 1) o += "track = " + std::to_string(c.track) + "\n";
    if (!c.params.empty()) {
      o += "params = [";
      for (size_t i = 0; i < c.params.size(); ++i) o += (i ? ", " : "") + toml_quote(c.params[i]);
      o += "]\n";
    }
  }
  for (const SoundMark& m : s.sounds) {
    o += "\n[[sound]]\nname = " + toml_quote(m.name) + "\nframe = " + duration_value(m.frame, s.rate) + "\n";
  }
  return o;
}

}  // namespace sakuga::timesheet
