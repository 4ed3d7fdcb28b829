// Loads sakuga.toml and the cut files into a validated Project.
#include <algorithm>
#include <set>

#include "audio/audio_file.h"
#include "audio/lipsync.h"
#include "core/toml_file.h"
#include "core/utf8.h"
#include "project/project.h"
#include "timesheet/formats.h"
#include "timesheet/native.h"

namespace sakuga::project {
namespace {

using core::pos_of;
using core::SourcePos;

// Reads one TOML file of the project and reports its problems against its own source text.
class FileReader : public core::TomlFile {
 public:
  FileReader(core::FileSystem& fs, const fs::path& root, const fs::path& rel, core::DiagnosticSink& sink)
      : FileReader(fs, root, rel, sink, fs.read_file(root / rel)) {}

  /// False when the file is missing, unreadable or not TOML (each already reported).
  bool ok() const { return readable_ && TomlFile::ok(); }

  /// A project-relative path to an existing file with one of `extensions`.
  std::optional<fs::path> file_path(const toml::node& n, const std::string& what,
                                    const std::vector<std::string_view>& extensions) {
    auto s = string(n, what);
    if (!s) return std::nullopt;
    return resolve_file(*s, string_pos(n, 0), what, extensions);
  }

  /// The same for a path already read, written at `pos` of `where` (this file unless given).
  std::optional<fs::path> resolve_file(const std::string& s, SourcePos pos, const std::string& what,
                                       const std::vector<std::string_view>& extensions,
                                       const core::SourceText* where = nullptr) {
    const core::SourceText& at = where ? *where : src();
    fs::path out;
    if (auto why = resolve_in_project(root_, s, out)) {
      sink().error(at, pos, what + " '" + s + "' " + *why);
      return std::nullopt;
    }
    std::string ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extensions.size() > 0 && std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
      std::string list;
      for (auto e : extensions) list += (list.empty() ? "" : ", ") + std::string(e);
      sink().error(at, pos, what + " '" + s + "' has an unsupported type (expected " + list + ")");
      return std::nullopt;
    }
    if (!fs_.exists(out) || fs_.is_directory(out)) {
      sink().error(at, pos, what + " '" + s + "' not found");
      return std::nullopt;
    }
    return out;
  }

  core::FileSystem& fs() { return fs_; }
  const fs::path& root() const { return root_; }

 private:
  FileReader(core::FileSystem& fs, const fs::path& root, const fs::path& rel, core::DiagnosticSink& sink,
             const core::Result<std::string>& text)
      : core::TomlFile(rel.generic_string(), text.is_ok() ? *text : std::string(), sink),
        fs_(fs),
        root_(root),
        readable_(text.is_ok()) {
    if (!readable_) {
      sink.file_error(rel.generic_string(), text.status().code() == core::ErrorCode::kNotFound
                                                ? "cannot open: No such file or directory"
                                                : text.status().message());
    }
  }

  core::FileSystem& fs_;
  fs::path root_;
  bool readable_;
};

const std::vector<std::string_view> kAudioExtensions = {".wav", ".flac", ".ogg", ".oga", ".mp3", ".aif", ".aiff"};

// Reads a sound cue table (cut sound or episode music), probing the file so a corrupt one is
// reported here, against the line that names it.
std::optional<SoundCue> read_cue(FileReader& r, const toml::table& t, core::Rational rate, const std::string& what,
                                 const char* frame_key) {
  if (what == "music") r.check_keys(t, {"file", frame_key, "gain_db", "offset_ms", "fade_in", "fade_out", "pan", "end"}, what);
  else r.check_keys(t, {"file", frame_key, "gain_db", "offset_ms", "fade_in", "fade_out", "pan", "duck"}, what);
  SoundCue cue;
  bool ok = true;
  const toml::node* file = t.get("file");
  if (!file) {
    r.error(t, what + " needs a file");
    return std::nullopt;
  }
  auto path = r.file_path(*file, what + " file", kAudioExtensions);
  if (path) {
    cue.file = *path;
    cue.display = fs::relative(*path, r.root()).generic_string();
    cue.where = r.where(*file);
    auto info = audio::probe(r.fs(), *path);
    if (!info.is_ok()) {
      r.error_at(r.string_pos(*file, 0), what + " file '" + cue.display + "': " + info.status().message());
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const toml::node* f = t.get(frame_key)) {
    auto d = r.duration(*f, rate, what + " " + frame_key);
    if (d) cue.frame = *d;
    else ok = false;
  }
  if (const toml::node* g = t.get("gain_db")) {
    auto v = r.number(*g, what + " gain_db");
    if (v && std::isfinite(*v) && *v >= -60 && *v <= 24) cue.gain_db = *v;
    else if (ok = false; v) r.error(*g, what + " gain_db must be from -60 to 24 dB");
  }
  if (const toml::node* g = t.get("offset_ms")) {
    auto v = r.number(*g, what + " offset_ms");
    if (v && std::abs(*v) <= 1000) cue.offset_ms = *v;
    else if (ok = false; v) r.error(*g, what + " offset_ms must be a number of milliseconds from -1000 to 1000");
  }
  for (auto [key, out] : {std::pair{"fade_in", &cue.fade_in}, std::pair{"fade_out", &cue.fade_out}}) {
    if (const toml::node* f = t.get(key)) {
      auto d = r.duration(*f, rate, what + " " + key);
      if (d) *out = *d;
      else ok = false;
    }
  }
  if (const toml::node* f = t.get("end")) {
    auto d = r.duration(*f, rate, what + " end");
    if (d && *d <= cue.frame) ok = false, r.error(*f, what + " ends before it starts");
    else if (d) cue.end = *d;
    else ok = false;
  }
  if (const toml::node* g = t.get("pan")) {
    auto v = r.number(*g, what + " pan");
    if (v && *v >= -1 && *v <= 1) cue.pan = *v;
    else if (ok = false; v) r.error(*g, what + " pan must be from -1 (left) to 1 (right)");
  }
  if (const toml::node* g = t.get("duck")) {
    if (auto v = g->value<bool>()) cue.duck = *v;
    else ok = false, r.error(*g, what + " duck must be true or false");
  }
  if (!ok) return std::nullopt;
  return cue;
}

// The sound file named `stem` (any sound extension) in `dir` or below it, first in name order.
std::optional<fs::path> find_sound(core::FileSystem& fs, const fs::path& dir, const std::string& stem, int depth) {
  if (depth > 4) return std::nullopt;
  std::vector<std::string> names = fs.list_directory(dir);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    fs::path f = dir / n;
    std::string ext = f.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (f.stem().string() == stem && std::find(kAudioExtensions.begin(), kAudioExtensions.end(), ext) != kAudioExtensions.end() &&
        !fs.is_directory(f)) {
      return f;
    }
  }
  for (const std::string& n : names) {
    if (fs.is_directory(dir / n)) {
      if (auto f = find_sound(fs, dir / n, stem, depth + 1)) return f;
    }
  }
  return std::nullopt;
}

// [characters.NAME]: mouths = { closed = "...", half = "...", open = "..." }, the names of the
// mouth drawings its mouth layers hold.
void read_characters(FileReader& r, const toml::node& n, std::map<std::string, Character>& out) {
  const toml::table* t = n.as_table();
  if (!t) {
    r.error(n, "characters must be a table, e.g. [characters.MIO] mouths = { closed = \"1\", half = \"2\", open = \"3\" }");
    return;
  }
  for (auto&& [name, v] : *t) {
    const std::string who(name.str());
    const toml::table* ct = v.as_table();
    if (!ct) {
      r.error(v, "characters." + who + " must be a table");
      continue;
    }
    r.check_keys(*ct, {"mouths"}, "characters." + who);
    const toml::node* m = ct->get("mouths");
    const toml::table* mt = m ? m->as_table() : nullptr;
    if (!mt) {
      r.error(m ? *m : v, "characters." + who + " needs mouths = { closed = \"...\", half = \"...\", open = \"...\" }");
      continue;
    }
    r.check_keys(*mt, {"closed", "half", "open"}, "mouths");
    Character c;
    bool ok = true;
    for (auto [key, field] : {std::pair{"closed", &c.closed}, std::pair{"half", &c.half}, std::pair{"open", &c.open}}) {
      const toml::node* x = mt->get(key);
      auto s = x ? r.string(*x, std::string("mouth ") + key) : std::nullopt;
      if (!x) r.error(*m, "mouths needs " + std::string(key) + " (the name of that mouth drawing)");
      if (s && !timesheet::valid_drawing_name(*s)) r.error(*x, "'" + *s + "' is not a drawing name");
      if (!s || !timesheet::valid_drawing_name(*s)) ok = false;
      else *field = *s;
    }
    if (ok) out[core::ascii_upper(who)] = c;
  }
}

// [mix]: the loudness target ("arib" -24, "ebu" -23, or LUFS), the true-peak ceiling, ducking.
void read_mix(FileReader& r, const toml::node& n, MixSettings& m) {
  const toml::table* t = n.as_table();
  if (!t) {
    r.error(n, "mix must be a table, e.g. [mix] loudness = \"arib\"");
    return;
  }
  r.check_keys(*t, {"loudness", "true_peak", "duck_db", "duck_attack_ms", "duck_release_ms"}, "mix");
  if (const toml::node* l = t->get("loudness")) {
    std::string s = l->value<std::string>().value_or("");
    double v = l->value<double>().value_or(0.0);  // 0: not a number, or out of range
    if (s == "arib" || s == "arib-tr-b32") m.loudness_lufs = -24;
    else if (s == "ebu" || s == "ebu-r128") m.loudness_lufs = -23;
    else if (l->is_number() && v >= -40 && v <= -10) m.loudness_lufs = v;
    else r.error(*l, "mix loudness must be \"arib\" (-24 LKFS), \"ebu\" (-23 LUFS) or a target from -40 to -10");
  }
  auto number = [&](const char* key, double lo, double hi, double& out) {
    if (const toml::node* x = t->get(key)) {
      auto v = x->value<double>();
      if (v && *v >= lo && *v <= hi) out = *v;
      else r.error(*x, std::string("mix ") + key + " must be a number from " + std::to_string(static_cast<int>(lo)) +
                           " to " + std::to_string(static_cast<int>(hi)));
    }
  };
  number("true_peak", -12, 0, m.true_peak_dbtp);
  number("duck_db", -40, 0, m.duck_db);
  number("duck_attack_ms", 1, 2000, m.duck_attack_ms);
  number("duck_release_ms", 1, 10000, m.duck_release_ms);
}

bool valid_cut_id(std::string_view id) {
  return !id.empty() && id != "." && id != ".." && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::optional<composite::Ease> parse_ease(std::string_view s) {
  if (s == "linear") return composite::Ease::kLinear;
  if (s == "ease-in") return composite::Ease::kEaseIn;
  if (s == "ease-out") return composite::Ease::kEaseOut;
  if (s == "ease-in-out" || s == "ease") return composite::Ease::kEaseInOut;
  return std::nullopt;
}

void load_scene(FileReader& r, const toml::node& n, Cut& cut) {
  const toml::table* t = n.as_table();
  if (!t) {
    r.error(n, "scene must be a table ([scene] with number, heading, action, script)");
    return;
  }
  r.check_keys(*t, {"number", "heading", "action", "script"}, "scene");
  SceneRef s;
  if (const toml::node* v = t->get("number")) s.number = r.string_or_integer(*v, "scene number").value_or("");
  if (const toml::node* v = t->get("heading")) s.heading = r.string(*v, "scene heading").value_or("");
  if (const toml::node* v = t->get("script")) s.script = r.string(*v, "scene script").value_or("");
  if (const toml::node* v = t->get("action")) {
    if (auto one = v->value<std::string>()) {
      s.action.push_back(*one);
    } else if (const toml::array* a = v->as_array()) {
      for (const toml::node& e : *a) {
        if (auto p = r.string(e, "scene action paragraph")) s.action.push_back(*p);
      }
    } else {
      r.error(*v, "scene action must be a string or a list of paragraphs");
    }
  }
  cut.scene = std::move(s);
}

// "2.png" before "10.png": runs of digits compare by value.
bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      std::string_view da = std::string_view(a).substr(i, ie - i), db = std::string_view(b).substr(j, je - j);
      while (da.size() > 1 && da.front() == '0') da.remove_prefix(1);
      while (db.size() > 1 && db.front() == '0') db.remove_prefix(1);
      if (da.size() != db.size()) return da.size() < db.size();
      if (da != db) return da < db;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

// Storyboard panels: PNG or SVG images in the cut's `board/` folder, else images lying directly
// in the cut folder (drawings live in layer folders, so nothing else is there).
void find_board(FileReader& r, Cut& cut) {
  auto images_in = [&](const fs::path& dir) {
    std::vector<std::string> names;
    for (const std::string& name : r.fs().list_directory(dir)) {
      std::string ext = fs::path(name).extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
      if (ext == ".png" || ext == ".svg") {
        if (!r.fs().is_directory(dir / name)) names.push_back(name);
      } else if (ext == ".jpg" || ext == ".jpeg" || ext == ".webp" || ext == ".tif" || ext == ".tiff") {
        r.warn_at({1, 1}, "storyboard panel " + fs::relative(dir / name, r.root()).generic_string() +
                           " is not shown: panels must be PNG or SVG");
      }
    }
    std::sort(names.begin(), names.end(), natural_less);
    std::vector<fs::path> out;
    for (const auto& n : names) out.push_back(dir / n);
    return out;
  };
  cut.board = images_in(cut.dir / "board");
  if (cut.board.empty()) cut.board = images_in(cut.dir);
}

// The drawing file each exposed cell shows: the drawing itself; for an in-between nobody drew,
// how it is generated from the drawn drawings around it in its timing chart (and the nearer of
// them, held should that fail); else an error at the cell.
void find_drawings(const Project& p, Cut& cut, Layer& layer, const core::SourceText& cells_src,
                   core::FileSystem& fs, core::DiagnosticSink& sink) {
  std::set<std::string> missing;
  std::shared_ptr<const core::SourceText> cells_copy;
  for (const timesheet::Cell& cell : layer.column.cells) {
    if (!cell.drawing || layer.drawings.count(*cell.drawing) || missing.count(*cell.drawing)) continue;
    const std::string& name = *cell.drawing;
    auto file_of = [&](const std::string& n) { return cut.dir / layer.name / (n + ".svg"); };
    fs::path file = file_of(name);
    if (fs.exists(file)) {
      layer.drawings[name] = file;
      continue;
    }
    missing.insert(name);
    std::string looked = "drawing " + layer.name + "/" + name + " not found (looked for " +
                         fs::relative(file, p.root).generic_string() + ")";
    const timesheet::TimingChart* chart = nullptr;
    std::optional<timesheet::TimingChart::Between> between;
    for (const timesheet::TimingChart& c : cut.charts) {
      if (c.layer != layer.name) continue;
      if ((between = c.find(name))) {
        chart = &c;
        break;
      }
    }
    if (!between) {
      sink.error(cells_src, cell.pos, looked);
      continue;
    }
    bool a = fs.exists(file_of(between->key_a)), b = fs.exists(file_of(between->key_b));
    if (!a || !b) {
      sink.error(cells_src, cell.pos,
                 looked + ", and the keys it is made from are not both drawn (" + layer.name + "/" +
                     (a ? between->key_b : between->key_a) + " is missing; timing chart " + chart->chart_text() + ")");
      continue;
    }
    // Breakdowns: an in-between of the same gap that an artist drew is a key for those beside it.
    auto at = [&](const std::string& n) {
      auto f = chart->find(n);
      return f ? f->fraction : (n == between->key_a ? 0.0 : 1.0);
    };
    Layer::Generated g{between->key_a, between->key_b, {}, {}, 0, chart->chart_text(), nullptr, cell.pos};
    size_t self = 0;
    while (chart->entries[self].drawing != name) ++self;
    for (size_t i = self; i-- > 0;) {
      const std::string& n = chart->entries[i].drawing;
      if (chart->entries[i].key || fs.exists(file_of(n))) {
        g.from = n;
        break;
      }
    }
    for (size_t i = self + 1; i < chart->entries.size(); ++i) {
      const std::string& n = chart->entries[i].drawing;
      if (chart->entries[i].key || fs.exists(file_of(n))) {
        g.to = n;
        break;
      }
    }
    const double fa = at(g.from), fb = at(g.to);
    g.t = fb > fa ? std::clamp((between->fraction - fa) / (fb - fa), 0.0, 1.0) : 0.5;
    g.from_file = file_of(g.from);
    g.to_file = file_of(g.to);
    if (!cells_copy) cells_copy = std::make_shared<const core::SourceText>(cells_src);
    g.cell_source = cells_copy;
    const std::string& held = g.t <= 0.5 ? g.from : g.to;
    layer.drawings[name] = file_of(held);
    layer.stand_ins[name] = held;
    layer.generated[name] = std::move(g);
  }
}

// The cut's dialogue lines with their recorded takes found (each probed, so a broken one is
// reported at its line).
void resolve_takes(FileReader& r, const Project& p, std::vector<timesheet::DialogueSpan>& lines,
                   const core::SourceText& lines_src, Cut& cut) {
  for (timesheet::DialogueSpan& span : lines) {
    DialogueLine d;
    static_cast<timesheet::DialogueSpan&>(d) = std::move(span);
    if (!d.take_ref.empty()) {
      auto path = r.resolve_file(d.take_ref, d.take_pos, "dialogue take", kAudioExtensions, &lines_src);
      if (!path) continue;
      d.take_display = fs::relative(*path, p.root).generic_string();
      auto info = audio::probe(r.fs(), *path);
      if (!info.is_ok()) {
        r.sink().error(lines_src, d.take_pos, "dialogue take '" + d.take_display + "': " + info.status().message());
        continue;
      }
      d.take = *path;
    }
    cut.dialogue.push_back(std::move(d));
  }
  cut.dialogue_source = lines_src;
  std::stable_sort(cut.dialogue.begin(), cut.dialogue.end(),
                   [](const DialogueLine& a, const DialogueLine& b) { return a.frame < b.frame; });
}

// The mouth layer's column timed from its character's lines in the cut: each line's take, else
// the voice `scratch` gives (when there is one); closed where nobody speaks. Returns how many of
// the character's lines had no sound to time.
int time_mouth(core::FileSystem& fs, const Project& p, const Cut& cut, Layer& layer, const VoiceSource* scratch) {
  const Character& c = p.characters.at(layer.mouth_of);
  std::vector<audio::Mouth> frames(static_cast<size_t>(std::max<int64_t>(cut.duration_frames, 1)), audio::Mouth::kClosed);
  int silent = 0;
  for (const DialogueLine& d : cut.dialogue) {
    if (core::ascii_upper(d.speaker) != layer.mouth_of) continue;
    std::optional<Voice> v = d.take ? read_voice(fs, *d.take) : scratch ? (*scratch)(cut, d) : std::nullopt;
    if (!v) {
      ++silent;
      continue;
    }
    auto timing = audio::mouth_timing(v->mono, v->sample_rate, p.rate, {.on = 1});
    for (size_t k = 0; k < timing.size(); ++k) {
      int64_t f = d.frame + static_cast<int64_t>(k);
      if (f >= 0 && f < static_cast<int64_t>(frames.size())) frames[static_cast<size_t>(f)] = std::max(frames[static_cast<size_t>(f)], timing[k]);
    }
  }
  // Held on the layer's 1s, 2s or 3s on the sheet's own grid (from the cut's first frame, whatever
  // frame a line starts on).
  audio::hold_widest(frames, static_cast<int>(std::clamp<int64_t>(layer.on, 1, 3)));
  // Runs of one shape become the column's cells.
  auto name_of = [&](audio::Mouth m) { return m == audio::Mouth::kClosed ? c.closed : m == audio::Mouth::kHalf ? c.half : c.open; };
  layer.column.cells.clear();
  for (size_t f = 0; f < frames.size();) {
    size_t g = f;
    while (g < frames.size() && frames[g] == frames[f]) ++g;
    timesheet::Cell cell;
    cell.drawing = name_of(frames[f]);
    cell.start_frame = static_cast<int64_t>(f);
    cell.frames = static_cast<int64_t>(g - f);
    cell.pos = layer.mouth_pos;
    layer.column.cells.push_back(std::move(cell));
    f = g;
  }
  return silent;
}

// Kuchipaku: a mouth layer the sheet left empty is timed from its character's takes in this cut
// (time_mouths adds scratch voices later). Its three drawings must exist, and all three are the
// layer's drawings whichever the timing shows.
void lip_sync(FileReader& r, const Project& p, Cut& cut, Layer& layer) {
  const Character& c = p.characters.at(layer.mouth_of);
  bool drawn = true;
  for (const std::string& name : {c.closed, c.half, c.open}) {
    fs::path file = cut.dir / layer.name / (name + ".svg");
    if (!r.fs().exists(file)) {
      r.sink().error(cut.source, layer.mouth_pos,
                     "mouth drawing " + layer.name + "/" + name + " of " + layer.mouth_of + " not found (looked for " +
                         fs::relative(file, p.root).generic_string() + ")");
      drawn = false;
    } else {
      layer.drawings[name] = file;
    }
  }
  if (!drawn) return;
  time_mouth(r.fs(), p, cut, layer, nullptr);
  layer.lip_synced = true;
}

// The sheet: cel columns into the layers, timing charts, camera column and dialogue, from cut.toml
// and, when the cut names one, its sheet file. Then every exposed drawing is found.
void load_sheet(FileReader& r, const Project& p, const timesheet::Sheet* file_sheet, const core::SourceText& sheet_src,
                Cut& cut) {
  core::DiagnosticSink& sink = r.sink();
  timesheet::NativeOptions opt{.rate = p.rate, .standalone = false, .duration = cut.duration_frames};
  for (const Layer& l : cut.layers) opt.layers.push_back({l.name, l.on});
  timesheet::Sheet in_cut;
  timesheet::read_native(r, opt, in_cut);

  const timesheet::Sheet& cells = file_sheet ? *file_sheet : in_cut;
  const core::SourceText& cells_src = file_sheet ? sheet_src : r.src();
  for (const timesheet::CelColumn& col : cells.columns) {
    auto it = std::find_if(cut.layers.begin(), cut.layers.end(), [&](const Layer& l) { return l.name == col.name; });
    if (it == cut.layers.end()) {  // in cut.toml read_native has said so already
      sink.error(cells_src, col.pos,
                 "column '" + col.name + "' has no matching layer in " + r.src().path() + " (declare it under [[layers]])");
      continue;
    }
    it->column = col.column;
  }
  cut.charts = in_cut.charts;
  cut.camerawork = in_cut.camerawork;
  std::vector<timesheet::DialogueSpan> lines = in_cut.dialogue;
  const core::SourceText* lines_src = &r.src();
  if (file_sheet) {
    for (const timesheet::TimingChart& c : file_sheet->charts) {
      bool known = std::any_of(cut.layers.begin(), cut.layers.end(), [&](const Layer& l) { return l.name == c.layer; });
      if (known) cut.charts.push_back(c);
      else sink.error(sheet_src, c.pos, "timing chart for layer '" + c.layer + "', which " + r.src().path() + " does not declare");
    }
    if (cut.camerawork.empty()) cut.camerawork = file_sheet->camerawork;
    if (lines.empty()) {
      lines = file_sheet->dialogue;
      lines_src = &sheet_src;
    } else if (!file_sheet->dialogue.empty()) {
      r.warn(*r.table().get("sheet"), "the dialogue column of " + cut.sheet_file +
                                          " is not used: this cut.toml lists its own [[dialogue]]");
    }
  }
  resolve_takes(r, p, lines, *lines_src, cut);
  for (Layer& l : cut.layers) {
    if (!l.mouth_of.empty() && l.column.cells.empty()) lip_sync(r, p, cut, l);
  }
  for (Layer& l : cut.layers) find_drawings(p, cut, l, cells_src, r.fs(), sink);
  for (const Layer& l : cut.layers) {
    if (l.column.cells.empty()) {
      r.warn_at({1, 1}, "layer " + l.name + " has no column " + (file_sheet ? "in " + cut.sheet_file : std::string("under [sheet]")) +
                            "; it shows nothing");
    }
  }

}

void load_cut(core::FileSystem& fs, const Project& p, const std::string& id, core::DiagnosticSink& sink, Cut& cut) {
  fs::path rel = fs::path("cuts") / id / "cut.toml";
  FileReader r(fs, p.root, rel, sink);
  if (!r.ok()) return;
  const toml::table& t = r.table();
  cut.id = id;
  cut.dir = p.root / "cuts" / id;
  cut.source = r.src();
  r.check_keys(t,
               {"duration", "background", "camera", "layers", "sheet", "timing", "camerawork", "sound", "scene",
                "dialogue", "variant"},
               "cut.toml");

  const toml::node* duration = t.get("duration");
  if (duration) {
    auto v = r.duration(*duration, p.rate, "duration");
    if (v && *v == 0) r.error(*duration, "a cut must last at least one frame");
    else if (v && *v > core::kMaxSheetFrames) r.error(*duration, "a cut is at most an hour long");
    else if (v) cut.duration_frames = *v;
  }
  // A sheet of its own: `sheet = "cuts/c004/c004.xdts"` (or .toml, .csv).
  std::optional<timesheet::Sheet> file_sheet;
  core::SourceText sheet_src;
  if (const toml::node* sn = t.get("sheet"); sn && sn->is_string()) {
    if (auto path = r.file_path(*sn, "sheet", {".xdts", ".toml", ".csv"})) {
      cut.sheet_file = fs::relative(*path, p.root).generic_string();
      auto text = fs.read_file(*path);
      if (!text.is_ok()) {
        r.error_at(r.string_pos(*sn, 0), "sheet '" + cut.sheet_file + "' cannot be read: " + text.status().message());
      } else {
        sheet_src = core::SourceText(cut.sheet_file, *text);
        file_sheet = timesheet::read_sheet(*timesheet::sheet_format(*path), sheet_src, p.rate, sink);
      }
      if (file_sheet && !duration) {
        cut.duration_frames = file_sheet->duration;
      } else if (file_sheet && cut.duration_frames > 0 && file_sheet->duration != cut.duration_frames) {
        r.error(*duration, "the cut lasts " + core::format_duration(cut.duration_frames, p.rate) + " but its sheet " +
                               cut.sheet_file + " lasts " + core::format_duration(file_sheet->duration, p.rate) +
                               " (leave duration out to take the sheet's)");
      }
    }
  } else if (!duration) {
    r.error_at({1, 1}, "cut.toml needs a duration, e.g. duration = \"3+0\"");
  }

  if (const toml::node* v = t.get("variant")) {
    if (auto name = r.string(*v, "variant")) {
      if (!p.palette) {
        // A model named but broken is reported where it is broken.
        if (p.palette_display.empty()) {
          r.error(*v, "variant '" + *name + "' needs a colour model: palette = \"...\" in sakuga.toml");
        }
      } else if (!p.palette->has_variant(*name)) {
        std::string have;
        for (const auto& [vn, colors] : p.palette->variants) have += (have.empty() ? "" : ", ") + vn;
        r.error(*v, "the colour model " + p.palette_display + " has no variant '" + *name + "'" +
                        (have.empty() ? std::string(" (it has none)") : " (it has " + have + ")"));
      } else {
        cut.variant = *name;
      }
    }
  }

  if (const toml::node* bg = t.get("background")) {
    if (auto path = r.file_path(*bg, "background", {".png", ".svg"})) {
      cut.background = Background{*path, *bg->value<std::string>(), path->extension() == ".svg"};
    }
  }

  for (const toml::table* k : r.tables(t.get("camera"), "camera")) {
    r.check_keys(*k, {"frame", "x", "y", "zoom", "ease"}, "camera key");
    composite::CameraKey key;
    if (const toml::node* f = k->get("frame")) {
      if (auto v = r.duration(*f, p.rate, "camera frame")) {
        key.frame = *v;
        if (cut.duration_frames > 0 && key.frame >= cut.duration_frames) {
          r.error(*f, "camera key at frame " + std::to_string(key.frame) + " is past the end of the cut (" +
                          std::to_string(cut.duration_frames) + " frames)");
        }
      }
    } else {
      r.error(*k, "camera key needs a frame");
    }
    for (auto [name, field] : {std::pair{"x", &key.x}, std::pair{"y", &key.y}, std::pair{"zoom", &key.zoom}}) {
      if (const toml::node* v = k->get(name)) {
        if (auto d = r.number(*v, std::string("camera ") + name)) *field = *d;
      } else if (std::string_view(name) != "zoom") {
        r.error(*k, std::string("camera key needs ") + name);
      }
    }
    if (key.zoom <= 0) r.error(*k->get("zoom"), "camera zoom must be positive");
    if (const toml::node* e = k->get("ease")) {
      auto s = r.string(*e, "camera ease");
      if (s) {
        if (auto ez = parse_ease(*s)) key.ease = *ez;
        else r.error(*e, "unknown ease '" + *s + "' (expected linear, ease-in, ease-out or ease-in-out)");
      }
    }
    if (!cut.camera.empty() && key.frame <= cut.camera.back().frame) {
      r.error(*k, "camera keys must be in frame order");
    }
    cut.camera.push_back(key);
    cut.camera_pos.push_back(pos_of(k->source()));
  }

  std::set<std::string> names;
  for (const toml::table* lt : r.tables(t.get("layers"), "layers")) {
    r.check_keys(*lt, {"name", "on", "attach", "offset", "mouth"}, "layer");
    auto decl = timesheet::read_layer_decl(r, *lt, names);
    if (!decl) continue;
    if (!valid_cut_id(decl->name)) {  // it names the drawings' folder
      r.error(*lt->get("name"), "layer name '" + decl->name + "' may use only letters, digits, '-' and '_'");
      continue;
    }
    Layer layer;
    layer.name = decl->name;
    layer.on = decl->on;
    if (const toml::node* a = lt->get("attach")) {
      auto s = r.string(*a, "attach");
      if (s && *s == "background") layer.attach = Attach::kBackground;
      else if (s && *s != "field") r.error(*a, "attach must be \"field\" or \"background\"");
    }
    if (const toml::node* o = lt->get("offset")) {
      const toml::array* arr = o->as_array();
      if (!arr || arr->size() != 2 || !(*arr)[0].value<double>() || !(*arr)[1].value<double>()) {
        r.error(*o, "offset must be [x, y] in pixels");
      } else {
        layer.offset = {*(*arr)[0].value<double>(), *(*arr)[1].value<double>()};
      }
    }
    if (const toml::node* m = lt->get("mouth")) {
      auto s = r.string(*m, "mouth");
      std::string who = s ? core::ascii_upper(*s) : "";
      if (s && p.characters.count(who)) {
        layer.mouth_of = who;
        layer.mouth_pos = r.string_pos(*m, 0);
      } else if (s) {
        r.error(*m, "mouth names '" + *s + "', a character sakuga.toml does not design (add [characters." + *s +
                        "] mouths = { closed = ..., half = ..., open = ... })");
      }
    }
    cut.layers.push_back(std::move(layer));
  }

  load_sheet(r, p, file_sheet ? &*file_sheet : nullptr, sheet_src, cut);

  for (const toml::table* st : r.tables(t.get("sound"), "sound")) {
    auto cue = read_cue(r, *st, p.rate, "sound", "frame");
    if (!cue) continue;
    if (cut.duration_frames > 0 && cue->frame >= cut.duration_frames) {
      r.error(*st->get("frame"), "sound starts after the end of the cut");
      continue;
    }
    cut.sounds.push_back(*cue);
  }
  // A sheet file's SE column names effects by their file's stem: each is found under sound/, and
  // placed at its frame (cut.toml's own [[sound]] entries, when it has any, are used instead).
  if (file_sheet && !file_sheet->sounds.empty()) {
    if (t.get("sound")) {
      r.warn(*r.table().get("sheet"), "the SE column of " + cut.sheet_file + " is not used: this cut.toml lists its own [[sound]]");
    } else {
      for (const timesheet::SoundMark& m : file_sheet->sounds) {
        if (cut.duration_frames > 0 && m.frame >= cut.duration_frames) {
          sink.error(sheet_src, m.pos, "sound effect '" + m.name + "' starts after the end of the cut");
          continue;
        }
        std::optional<fs::path> found = find_sound(fs, p.root / "sound", m.name, 0);
        if (!found) {
          sink.error(sheet_src, m.pos, "sound effect '" + m.name + "' of the SE column: no sound file named " + m.name +
                                           " (.wav, .flac, .ogg, .mp3, .aiff) under sound/");
          continue;
        }
        SoundCue cue;
        cue.file = *found;
        cue.display = fs::relative(*found, p.root).generic_string();
        cue.frame = m.frame;
        cue.where = sheet_src.path() + ":" + std::to_string(m.pos.line) + ":" + std::to_string(m.pos.col);
        if (auto info = audio::probe(fs, *found); !info.is_ok()) {
          sink.error(sheet_src, m.pos, "sound effect '" + cue.display + "': " + info.status().message());
          continue;
        }
        cut.sounds.push_back(std::move(cue));
      }
    }
  }

  if (const toml::node* sn = t.get("scene")) load_scene(r, *sn, cut);
  find_board(r, cut);
}

}  // namespace

std::optional<Voice> read_voice(core::FileSystem& fs, const fs::path& file) {
  auto reader = audio::AudioReader::open(fs, file);
  if (!reader.is_ok()) return std::nullopt;
  const int ch = (*reader)->info().channels;
  Voice v;
  v.sample_rate = (*reader)->info().sample_rate;
  std::vector<float> block(static_cast<size_t>(4096 * ch));
  for (;;) {
    auto got = (*reader)->read(block);
    if (!got.is_ok() || *got == 0) break;
    for (int64_t i = 0; i < *got; ++i) {
      float sum = 0;
      for (int k = 0; k < ch; ++k) sum += block[static_cast<size_t>(i * ch + k)];
      v.mono.push_back(sum / static_cast<float>(ch));
    }
  }
  return v;
}

void time_mouths(core::FileSystem& fs, Project& p, const VoiceSource& scratch, core::DiagnosticSink& sink) {
  for (Cut& cut : p.cuts) {
    for (Layer& layer : cut.layers) {
      if (!layer.lip_synced) continue;
      if (time_mouth(fs, p, cut, layer, scratch ? &scratch : nullptr) > 0) {
        sink.warning(cut.source, layer.mouth_pos,
                     layer.mouth_of + " has lines in this cut with neither a recorded take nor a scratch voice "
                                      "(espeak-ng): the mouth stays closed on them");
      }
    }
  }
}

std::optional<std::string> resolve_in_project(const fs::path& root, std::string_view rel, fs::path& out) {
  fs::path p(rel);
  if (rel.empty()) return "is empty";
  if (p.is_absolute()) return "must be relative to the project folder";
  fs::path joined = (root / p).lexically_normal();
  fs::path back = joined.lexically_relative(root.lexically_normal());
  if (back.empty() || *back.begin() == "..") return "leaves the project folder";
  // A symlink inside the project may still point out of it.
  std::error_code ec;
  fs::path real = fs::weakly_canonical(joined, ec);
  fs::path real_root = fs::weakly_canonical(root, ec);
  if (!ec && fs::exists(real)) {
    fs::path rb = real.lexically_relative(real_root);
    if (rb.empty() || *rb.begin() == "..") return "leaves the project folder (through a link)";
  }
  out = joined;
  return std::nullopt;
}

int64_t Project::total_frames() const {
  int64_t n = 0;
  for (const Cut& c : cuts) n += c.duration_frames;
  return n;
}

std::vector<int64_t> Project::cut_starts() const {
  std::vector<int64_t> out;
  int64_t at = 0;
  for (const Cut& c : cuts) {
    out.push_back(at);
    at += c.duration_frames;
  }
  return out;
}

const Cut* Project::find_cut(std::string_view id) const {
  for (const Cut& c : cuts) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::optional<Project> load_project(core::FileSystem& fs, const fs::path& root_in, core::DiagnosticSink& sink) {
  Project p;
  p.root = root_in.is_absolute() ? root_in.lexically_normal() : (fs::current_path() / root_in).lexically_normal();
  if (!p.root.has_filename()) p.root = p.root.parent_path();  // "demo/" names the folder "demo"
  FileReader r(fs, p.root, "sakuga.toml", sink);
  if (!r.ok()) return std::nullopt;
  const toml::table& t = r.table();
  r.check_keys(t, {"title", "episode", "frame_rate", "resolution", "cuts", "music", "script", "voices", "palette", "close_gaps", "mix", "characters"},
               "sakuga.toml");
  if (const toml::node* n = t.get("title")) {
    if (auto s = r.string(*n, "title")) p.title = *s;
  }
  if (const toml::node* n = t.get("episode")) {
    if (auto s = r.string_or_integer(*n, "episode")) p.episode = *s;
  }
  if (const toml::node* n = t.get("frame_rate")) {
    std::string text = n->is_integer() ? std::to_string(*n->value<int64_t>()) : n->value<std::string>().value_or("");
    auto rate = core::parse_rate(text);
    if (!rate.is_ok()) r.error(*n, rate.status().message());
    else if (core::nominal_fps(*rate) != 24) r.error(*n, "Sakuga works at 24 or 24000/1001 frames per second");
    else p.rate = *rate;
  }
  if (const toml::node* n = t.get("resolution")) {
    const toml::array* a = n->as_array();
    auto w = a && a->size() == 2 ? (*a)[0].value<int64_t>() : std::nullopt;
    auto h = a && a->size() == 2 ? (*a)[1].value<int64_t>() : std::nullopt;
    if (!w || !h || *w < 16 || *h < 16 || *w > 8192 || *h > 8192 || *w % 2 || *h % 2) {
      r.error(*n, "resolution must be [width, height], even numbers from 16 to 8192");
    } else {
      p.width = static_cast<int>(*w);
      p.height = static_cast<int>(*h);
    }
  }
  const toml::node* cuts = t.get("cuts");
  const toml::array* cut_list = cuts ? cuts->as_array() : nullptr;
  if (!cut_list || cut_list->empty()) {
    if (cuts) r.error(*cuts, "cuts must list the cut folders in episode order, e.g. cuts = [\"c001\", \"c002\"]");
    else r.error_at({1, 1}, "sakuga.toml needs a cut list, e.g. cuts = [\"c001\", \"c002\"]");
  } else {
    std::set<std::string> seen;
    for (const toml::node& c : *cut_list) {
      auto id = r.string(c, "cut name");
      if (!id) continue;
      if (!valid_cut_id(*id)) {
        r.error_at(r.string_pos(c, 0), "cut name '" + *id + "' may use only letters, digits, '-' and '_'");
        continue;
      }
      if (!seen.insert(*id).second) {
        r.error(c, "cut '" + *id + "' is listed twice");
        continue;
      }
      if (!fs.exists(p.root / "cuts" / *id / "cut.toml")) {
        r.error_at(r.string_pos(c, 0), "cut '" + *id + "' has no cuts/" + *id + "/cut.toml");
        continue;
      }
      p.cuts.emplace_back();
      p.cuts.back().id = *id;
    }
  }
  for (const toml::table* m : r.tables(t.get("music"), "music")) {
    if (auto cue = read_cue(r, *m, p.rate, "music", "start")) p.music.push_back(*cue);
  }
  if (const toml::node* n = t.get("script")) {
    if (auto path = r.file_path(*n, "script", {".fountain", ".spmd", ".txt"})) {
      p.script = *path;
      p.script_display = fs::relative(*path, p.root).generic_string();
    }
  }
  if (const toml::node* n = t.get("voices")) {
    if (const toml::table* v = n->as_table()) {
      for (auto&& [name, voice] : *v) {
        if (auto s = r.string(voice, "voice for " + std::string(name.str()))) p.voices[std::string(name.str())] = *s;
      }
    } else {
      r.error(*n, "voices must be a table of speaker = \"espeak-ng voice\", e.g. [voices] MIO = \"en-us+f3\"");
    }
  }
  if (const toml::node* n = t.get("palette")) {
    if (auto path = r.file_path(*n, "palette", {".toml", ".gpl"})) {
      p.palette_display = fs::relative(*path, p.root).generic_string();
      auto text = fs.read_file(*path);
      if (!text.is_ok()) {
        r.error_at(r.string_pos(*n, 0), "palette '" + p.palette_display + "' cannot be read: " + text.status().message());
      } else if (auto pal = paint::read_palette(core::SourceText(p.palette_display, *text), sink)) {
        p.palette = std::make_shared<const paint::Palette>(std::move(*pal));
      }
    }
  }
  if (const toml::node* n = t.get("mix")) read_mix(r, *n, p.mix);
  if (const toml::node* n = t.get("characters")) read_characters(r, *n, p.characters);
  if (const toml::node* n = t.get("close_gaps")) {
    auto v = n->value<int64_t>();
    if (!v || *v < 0 || *v > 64) r.error(*n, "close_gaps must be a whole number of pixels from 0 to 64");
    else p.close_gaps_px = static_cast<int>(*v);
  }
  for (Cut& c : p.cuts) load_cut(fs, p, c.id, sink, c);
  if (sink.has_errors()) return std::nullopt;
  check_script_links(fs, p, sink);
  return p;
}

}  // namespace sakuga::project
