// Reads cuts/<cut>/cut.toml: duration, sheet, variant, background, camera, layers, sound, scene, board.
#include <algorithm>
#include <set>

#include "audio/audio_file.h"
#include "core/utf8.h"
#include "project/loader_p.h"
#include "project/project.h"
#include "timesheet/formats.h"
#include "timesheet/native.h"

namespace sakuga::project::detail {
namespace {

using core::pos_of;

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

}  // namespace

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

}  // namespace sakuga::project::detail
