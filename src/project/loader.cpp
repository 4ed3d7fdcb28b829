// Reads sakuga.toml, then loads each cut it lists into a validated Project.
#include <algorithm>
#include <set>

#include "core/utf8.h"
#include "project/loader_p.h"
#include "project/project.h"
#include "timesheet/column.h"

namespace sakuga::project {
namespace detail {

bool valid_cut_id(std::string_view id) {
  return !id.empty() && id != "." && id != ".." && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

}  // namespace detail
namespace {

using detail::FileReader;

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

}  // namespace

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
      if (!detail::valid_cut_id(*id)) {
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
    if (auto cue = detail::read_cue(r, *m, p.rate, "music", "start")) p.music.push_back(*cue);
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
  for (Cut& c : p.cuts) detail::load_cut(fs, p, c.id, sink, c);
  if (sink.has_errors()) return std::nullopt;
  check_script_links(fs, p, sink);
  return p;
}

}  // namespace sakuga::project
