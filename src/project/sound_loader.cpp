// Reads the sound files a project names: cues (probed), takes and voices (decoded for kuchipaku).
#include <algorithm>
#include <cmath>

#include "audio/audio_file.h"
#include "audio/lipsync.h"
#include "core/utf8.h"
#include "project/loader_p.h"
#include "project/project.h"

namespace sakuga::project {
namespace detail {

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

}  // namespace detail

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
      if (detail::time_mouth(fs, p, cut, layer, scratch ? &scratch : nullptr) > 0) {
        sink.warning(cut.source, layer.mouth_pos,
                     layer.mouth_of + " has lines in this cut with neither a recorded take nor a scratch voice "
                                      "(espeak-ng): the mouth stays closed on them");
      }
    }
  }
}

}  // namespace sakuga::project
