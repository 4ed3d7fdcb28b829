#include "graph/plan.h"

#include <map>

#include "composite/camera.h"
#include "core/time.h"
#include "inbetween/inbetween.h"
#include "vector/svg.h"
#include "vector/svg_writer.h"

namespace sakuga::graph {
namespace {

void hash_affine(core::Hasher& h, const core::Affine& m) {
  h.f64(m.a).f64(m.b).f64(m.c).f64(m.d).f64(m.e).f64(m.f);
}

struct LoadedDrawing {
  core::Hash128 key;
  std::shared_ptr<const vector::Drawing> drawing;
  std::shared_ptr<const core::SourceText> source;
  std::shared_ptr<const PaintJob> paint;  ///< made when a layer first paints it
};

// Drawings and other input files, each read and hashed once per plan.
class Files {
 public:
  Files(core::FileSystem& fs, const fs::path& root, core::DiagnosticSink& sink) : fs_(fs), root_(root), sink_(sink) {}

  std::optional<LoadedDrawing> drawing(const fs::path& file) {
    auto it = drawings_.find(file.string());
    if (it != drawings_.end()) return it->second;
    std::string display = fs::relative(file, root_).generic_string();
    auto text = fs_.read_file(file);
    if (!text.is_ok()) {
      sink_.file_error(display, text.status().message());
      drawings_[file.string()] = std::nullopt;
      return std::nullopt;
    }
    core::Hash128 key = core::Hasher().str("drawing").str(*text).finish();
    auto source = std::make_shared<const core::SourceText>(display, std::move(*text));
    auto d = vector::parse_svg(*source, sink_);
    std::optional<LoadedDrawing> out;
    if (d) out = LoadedDrawing{key, std::make_shared<const vector::Drawing>(std::move(*d)), source, nullptr};
    drawings_[file.string()] = out;
    return out;
  }

  /// The drawing at `file` painted with `palette`: its marks must name the model's styles. One job
  /// per drawing, shared by every frame that shows it.
  std::shared_ptr<const PaintJob> painted(const fs::path& file, const std::shared_ptr<const paint::Palette>& palette,
                                          const paint::FillOptions& options) {
    auto it = drawings_.find(file.string());
    if (it == drawings_.end() || !it->second) return nullptr;
    LoadedDrawing& d = *it->second;
    if (!d.paint) {
      if (std::string why = paint::paint_size_problem(d.drawing->width, d.drawing->height); !why.empty()) {
        sink_.error(*d.source, d.drawing->pos, why);  // the plan fails: the job never runs
      }
      for (const vector::PaintMark& m : d.drawing->marks) {
        if (m.style != paint::kClearStyle && !palette->find(m.style)) {
          sink_.error(*d.source, {m.source_line, m.source_col},
                      "paint mark names '" + m.style + "', a style the colour model lacks");
        }
      }
      d.paint = std::make_shared<const PaintJob>(d.drawing, d.source, palette, options);
      jobs_.push_back(d.paint);
    }
    return d.paint;
  }

  /// A drawing made by the build (an in-between) from its SVG text, shown in messages as `display`.
  std::optional<LoadedDrawing> made(const fs::path& file, const std::string& display, const core::Hash128& key,
                                    std::string svg, core::DiagnosticSink& sink) {
    auto source = std::make_shared<const core::SourceText>(display, std::move(svg));
    auto d = vector::parse_svg(*source, sink);
    if (!d) return std::nullopt;
    LoadedDrawing out{key, std::make_shared<const vector::Drawing>(std::move(*d)), source, nullptr};
    drawings_[file.string()] = out;
    return out;
  }

  const std::vector<std::shared_ptr<const PaintJob>>& jobs() const { return jobs_; }

  /// A file's content hash, read once (a music file used by several cues is hashed once).
  std::optional<core::Hash128> file_key(const fs::path& file) {
    if (auto it = file_keys_.find(file.string()); it != file_keys_.end()) return it->second;
    auto text = fs_.read_file(file);
    std::optional<core::Hash128> key;
    if (!text.is_ok()) {
      sink_.file_error(fs::relative(file, root_).generic_string(), text.status().message());
    } else {
      key = core::hash_bytes(*text);
    }
    file_keys_[file.string()] = key;
    return key;
  }

  size_t drawing_count() const { return drawings_.size(); }

 private:
  core::FileSystem& fs_;
  fs::path root_;
  core::DiagnosticSink& sink_;
  std::map<std::string, std::optional<LoadedDrawing>> drawings_;
  std::map<std::string, std::optional<core::Hash128>> file_keys_;
  std::vector<std::shared_ptr<const PaintJob>> jobs_;
};

// Reads a PNG's size from its IHDR without decoding it.
bool png_size(const std::string& bytes, int& w, int& h) {
  if (bytes.size() < 24 || bytes.compare(12, 4, "IHDR") != 0) return false;
  auto be32 = [&](size_t at) {
    return static_cast<int>(static_cast<uint32_t>(static_cast<uint8_t>(bytes[at])) << 24 |
                            static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 1])) << 16 |
                            static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 2])) << 8 |
                            static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 3])));
  };
  w = be32(16);
  h = be32(20);
  return w > 0 && h > 0;
}

// Canvas of a field drawing -> field pixels: the canvas spans the frame width, centred vertically.
core::Affine canvas_to_field(const vector::Drawing& d, int width, int height) {
  double s = width / d.width;
  return core::Affine::translate(0, (height - d.height * s) / 2) * core::Affine::scale(s, s);
}

// True when the frame, mapped back onto the background, reaches past its edge (more than half a
// pixel): the frame would show black there.
bool sees_past(const core::Affine& bg_to_frame, const core::RectD& bg, int width, int height) {
  core::Affine inv = bg_to_frame.inverse();
  for (core::Vec2 c : {core::Vec2{0, 0}, core::Vec2{double(width), 0}, core::Vec2{0, double(height)},
                       core::Vec2{double(width), double(height)}}) {
    core::Vec2 q = inv.apply(c);
    if (q.x < bg.x0 - 0.5 || q.y < bg.y0 - 0.5 || q.x > bg.x1 + 0.5 || q.y > bg.y1 + 0.5) return true;
  }
  return false;
}

// Warns at the camera key that governs `frame` (or at the background line when there are none).
void warn_edge(core::DiagnosticSink& sink, const project::Cut& cut, int64_t frame, core::Rational rate) {
  core::SourcePos at{};
  for (size_t i = 0; i < cut.camera.size(); ++i) {
    if (cut.camera[i].frame <= frame || i == 0) at = cut.camera_pos[i];
  }
  if (at.line == 0) {
    for (int line = 1; line <= cut.source.line_count(); ++line) {
      if (cut.source.line(line).rfind("background", 0) == 0) at = {line, 1};
    }
  }
  sink.warning(cut.source, at,
               "from frame " + std::to_string(frame) + " (" + core::format_duration(frame, rate) +
                   ") the camera sees past the edge of the background; the frame shows black there");
}

// In-betweens nobody drew, made from the drawings around them: from the cache when this pair
// and fraction were made before, else by the in-betweener (one correspondence per pair of
// drawings, shared by every in-between between them). When the two cannot be matched the nearer
// is held, with a warning at the cell.
class InbetweenMaker {
 public:
  InbetweenMaker(const Store& store, const project::Project& p, Plan& plan, Files& inputs, core::DiagnosticSink& sink)
      : store_(store), fs_(store.fs()), p_(p), plan_(plan), inputs_(inputs), sink_(sink) {}

  /// The file name the generated drawing is known by (its product path), or nullopt to hold the
  /// stand-in.
  std::optional<fs::path> make(const project::Cut& cut, const project::Layer& layer, const std::string& name,
                               const project::Layer::Generated& g) {
    std::optional<LoadedDrawing> from = inputs_.drawing(g.from_file), to = inputs_.drawing(g.to_file);
    if (!from || !to) return std::nullopt;  // reported as they were read
    GeneratedPlan out;
    out.id = NodeId::inbetween(cut.id, layer.name, name);
    out.key = core::Hasher().str("inbetween").str(kInbetweenVersion).hash(from->key).hash(to->key).f64(g.t).finish();
    out.inputs.add("the in-betweener", kInbetweenVersion)
        .add(from->source->path(), from->key)
        .add(to->source->path(), to->key)
        .add("the timing chart of " + cut.id + "/" + layer.name, core::Hasher().f64(g.t).finish());
    out.product = inbetween_product(p_.root, out.id);
    out.cached = store_.path(Artifact::kInbetween, out.key);
    const std::string display = fs::relative(out.product, p_.root).generic_string();
    if (auto bytes = fs_.read_file(out.cached); bytes.is_ok()) {
      core::DiagnosticSink quiet;  // a damaged cache entry is made again
      if (inputs_.made(out.product, display, out.key, *bytes, quiet)) {
        out.svg = std::move(*bytes);
        out.from_cache = true;
        plan_.generated.push_back(std::move(out));
        return plan_.generated.back().product;
      }
    }
    auto pair_key = std::make_pair(from->key.hex(), to->key.hex());
    auto& ib = pairs_[pair_key];
    if (!ib) ib = std::make_unique<inbetween::Inbetweener>(*from->drawing, *to->drawing);
    const std::string& held = layer.stand_ins.at(name);
    if (!ib->problem().empty()) {
      sink_.warning(*g.cell_source, g.cell_pos,
                    "in-between " + layer.name + "/" + name + " cannot be generated from " + layer.name + "/" + g.from +
                        " and " + layer.name + "/" + g.to + " (" + g.chart + "): " + ib->problem() + "; " +
                        layer.name + "/" + held + ", the nearer, is held in its place");
      return std::nullopt;
    }
    out.svg = vector::write_svg(ib->at(g.t));
    if (!inputs_.made(out.product, display, out.key, out.svg, sink_)) return std::nullopt;
    plan_.generated.push_back(std::move(out));
    return plan_.generated.back().product;
  }

 private:
  // Part of every in-between's key: a change to how in-betweens are made makes them again.
  static constexpr const char* kInbetweenVersion = "inbetween-2";

  const Store& store_;
  core::FileSystem& fs_;
  const project::Project& p_;
  Plan& plan_;
  Files& inputs_;
  core::DiagnosticSink& sink_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<inbetween::Inbetweener>> pairs_;
};

// A sound or music cue of the project as the mixer takes it: `origin` is the frame its `frame`
// counts from on the episode timeline.
audio::Cue sound_cue(const project::SoundCue& s, std::string name, int64_t origin, audio::Bus bus, core::Rational rate) {
  auto sample = [&](int64_t frame) { return core::frame_to_sample(frame, rate, audio::kMixRate); };
  audio::Cue c{s.file, std::move(name), sample(origin + s.frame) + std::llround(s.offset_ms * audio::kMixRate / 1000.0),
               s.gain_db};
  c.bus = bus;
  c.fade_in = sample(s.fade_in);
  c.fade_out = sample(s.fade_out);
  if (s.end) c.length = sample(origin + *s.end) - sample(origin + s.frame);
  c.pan = s.pan;
  c.duck = s.duck;
  return c;
}

}  // namespace

PaintJob::PaintJob(std::shared_ptr<const vector::Drawing> drawing, std::shared_ptr<const core::SourceText> source,
                   std::shared_ptr<const paint::Palette> palette, paint::FillOptions options)
    : drawing_(std::move(drawing)), source_(std::move(source)), palette_(std::move(palette)), options_(options) {}

const paint::PaintedDrawing& PaintJob::painted() const {
  std::call_once(once_, [this] {
    painted_ = std::make_unique<paint::PaintedDrawing>(paint::paint_drawing(drawing_, *palette_, options_));
    done_ = true;
  });
  return *painted_;
}

fs::path inbetween_product(const fs::path& root, const NodeId& id) {
  return root / "out" / "inbetween" / id.cut / id.layer / (id.name + ".svg");
}

std::vector<fs::path> Plan::artifacts() const {
  std::vector<fs::path> out;
  for (const GeneratedPlan& g : generated) out.push_back(g.cached);
  for (const CutPlan& c : cuts) out.push_back(c.segment_path);
  out.push_back(audio_path);
  return out;
}

media::VideoSettings default_video_settings(const project::Project& p) {
  media::VideoSettings v;
  v.width = p.width;
  v.height = p.height;
  v.rate = p.rate;
  v.crf = 18;
  v.preset = "fast";
  v.threads = 2;
  v.keyint_frames = 48;
  return v;
}

std::optional<Plan> make_plan(const Store& store, const project::Project& p, core::DiagnosticSink& sink) {
  core::FileSystem& fs = store.fs();
  Plan plan;
  plan.video = default_video_settings(p);
  Files inputs(fs, p.root, sink);
  const std::string engine = engine_version();
  InbetweenMaker inbetweens(store, p, plan, inputs, sink);
  auto starts = p.cut_starts();
  // Every encoder setting, in every segment's key and named in its inputs.
  const media::VideoSettings& v = plan.video;
  const core::Hash128 video_key = core::Hasher()
                                      .i64(v.width)
                                      .i64(v.height)
                                      .i64(v.rate.num)
                                      .i64(v.rate.den)
                                      .i64(v.crf)
                                      .str(v.preset)
                                      .i64(v.threads)
                                      .i64(v.keyint_frames)
                                      .finish();

  for (size_t ci = 0; ci < p.cuts.size(); ++ci) {
    const project::Cut& cut = p.cuts[ci];
    CutPlan cp;
    cp.cut = &cut;
    // The background, and the camera's resting place when the cut has no keys: its centre.
    std::optional<LoadedDrawing> bg_drawing;
    composite::CameraState rest{p.width / 2.0, p.height / 2.0, 1};
    core::RectD bg_area;  // background size, to warn when the camera looks past its edge
    if (cut.background) {
      if (cut.background->is_svg) {
        bg_drawing = inputs.drawing(cut.background->file);
        if (bg_drawing) {
          rest = {bg_drawing->drawing->width / 2, bg_drawing->drawing->height / 2, 1};
          bg_area = {0, 0, bg_drawing->drawing->width, bg_drawing->drawing->height};
        }
      } else if (auto bytes = fs.read_file(cut.background->file); bytes.is_ok()) {
        int w = 0, h = 0;
        if (!png_size(*bytes, w, h)) {
          sink.file_error(fs::relative(cut.background->file, p.root).generic_string(), "not a PNG file");
        } else {
          cp.raster_background = core::Hasher().str("background").str(*bytes).finish();
          rest = {w / 2.0, h / 2.0, 1};
          bg_area = {0, 0, static_cast<double>(w), static_cast<double>(h)};
        }
      }
    }
    // Every drawing of every layer, parsed once, and painted when the project has a colour model.
    paint::FillOptions fill_options;
    fill_options.close_gaps_px = p.close_gaps_px;
    std::vector<std::map<std::string, LoadedDrawing>> layer_drawings(cut.layers.size());
    for (size_t li = 0; li < cut.layers.size(); ++li) {
      const project::Layer& layer = cut.layers[li];
      for (const auto& [name, stand_in] : layer.drawings) {
        fs::path file = stand_in;
        paint::FillOptions options = fill_options;
        if (auto g = layer.generated.find(name); g != layer.generated.end()) {
          if (auto made = inbetweens.make(cut, layer, name, g->second)) file = *made, options.travelled_marks = true;
        }
        if (!inputs.drawing(file)) continue;
        if (p.palette) inputs.painted(file, p.palette, options);
        layer_drawings[li][name] = *inputs.drawing(file);
      }
    }
    if (sink.has_errors()) continue;

    core::Hasher segment;
    segment.str("segment").str(engine).hash(video_key);
    cp.frames.reserve(static_cast<size_t>(cut.duration_frames));
    // For --explain: what the frames are made of, by name (the key itself is of the frames).
    std::map<std::string, core::Hash128> files;
    core::Hasher camera;
    std::vector<std::unique_ptr<core::Hasher>> sheet(cut.layers.size());
    for (auto& l : sheet) l = std::make_unique<core::Hasher>();
    bool warned_edge = false;
    for (int64_t f = 0; f < cut.duration_frames; ++f) {
      composite::CameraState cam = composite::evaluate(cut.camera, f, rest);
      core::Affine bg_to_frame = composite::background_to_frame(cam, p.width, p.height);
      core::Affine field = composite::field_to_frame(cam, p.width, p.height);
      if (!bg_area.empty() && !warned_edge && sees_past(bg_to_frame, bg_area, p.width, p.height)) {
        warned_edge = true;
        warn_edge(sink, cut, f, p.rate);
      }
      FramePlan fp;
      fp.background_to_frame = bg_to_frame;
      hash_affine(camera, bg_to_frame);
      hash_affine(camera, field);
      core::Hasher h;
      h.str("frame").str(engine).i64(p.width).i64(p.height);
      auto add_cel = [&](const LoadedDrawing& d, const core::Affine& m, bool painted) {
        core::Hasher ch;
        ch.str("cel").str(engine).hash(d.key).i64(p.width).i64(p.height);
        hash_affine(ch, m);
        CelPlan cel{{}, d.drawing, m, nullptr, {}};
        if (painted && d.paint) {
          cel.paint = d.paint;
          cel.variant = cut.variant;
          ch.str("painted").str(p.palette->fingerprint()).str(cut.variant).i64(p.close_gaps_px);
        }
        cel.key = ch.finish();
        files[d.source->path()] = d.key;
        h.str("cel").hash(cel.key);
        fp.cels.push_back(std::move(cel));
      };
      if (cp.raster_background) {
        h.str("background").hash(*cp.raster_background);
        hash_affine(h, bg_to_frame);
      }
      if (bg_drawing) add_cel(*bg_drawing, bg_to_frame, false);
      for (size_t li = 0; li < cut.layers.size(); ++li) {
        const project::Layer& layer = cut.layers[li];
        auto name = layer.column.drawing_at(f);
        sheet[li]->i64(f).str(name ? *name : std::string("x"));
        if (!name) continue;
        auto it = layer_drawings[li].find(*name);
        if (it == layer_drawings[li].end()) continue;
        const vector::Drawing& d = *it->second.drawing;
        core::Affine m = layer.attach == project::Attach::kBackground
                             ? bg_to_frame * core::Affine::translate(layer.offset.x, layer.offset.y)
                             : field * core::Affine::translate(layer.offset.x, layer.offset.y) *
                                   canvas_to_field(d, p.width, p.height);
        add_cel(it->second, m, true);
      }
      fp.key = h.finish();
      segment.hash(fp.key);
      cp.frames.push_back(std::move(fp));
    }
    cp.segment_key = segment.finish();
    cp.segment_path = store.path(Artifact::kSegment, cp.segment_key);
    Inputs& why = cp.segment_inputs;
    why.add("engine", engine).add("the video settings", video_key);
    if (cp.raster_background) why.add(fs::relative(cut.background->file, p.root).generic_string(), *cp.raster_background);
    for (const auto& [file, key] : files) why.add(file, key);
    if (p.palette) {
      why.add("the colour model", core::hash_bytes(p.palette->fingerprint()));
      why.add("the variant of " + cut.id, cut.variant);
    }
    why.add("the camera of " + cut.id, camera.finish());
    for (size_t li = 0; li < cut.layers.size(); ++li) {
      const project::Layer& l = cut.layers[li];
      sheet[li]->f64(l.offset.x).f64(l.offset.y).i64(static_cast<int64_t>(l.attach));
      why.add("the sheet of " + cut.id + "/" + l.name, sheet[li]->finish());
    }
    why.add("~the frames of " + cut.id, cp.segment_key);

    // Sound cues of the cut, placed on the episode timeline.
    for (const project::SoundCue& s : cut.sounds) {
      plan.cues.push_back(sound_cue(s, s.where + ": sound '" + s.display + "'", starts[ci], audio::Bus::kEffects, p.rate));
    }
    // Recorded dialogue takes (a line without one is heard only in the animatic's scratch track).
    for (const project::DialogueLine& d : cut.dialogue) {
      if (!d.take) continue;
      audio::Cue c{*d.take, cut.dialogue_source.path() + ": take '" + d.take_display + "'",
                   core::frame_to_sample(starts[ci] + d.frame, p.rate, audio::kMixRate), 0};
      c.bus = audio::Bus::kDialogue;
      plan.cues.push_back(std::move(c));
    }
    plan.cuts.push_back(std::move(cp));
  }
  for (const project::SoundCue& m : p.music) {
    plan.cues.push_back(sound_cue(m, m.where + ": music '" + m.display + "'", 0, audio::Bus::kMusic, p.rate));
  }
  plan.total_samples = core::frame_to_sample(p.total_frames(), p.rate, audio::kMixRate);
  plan.ducking = {p.mix.duck_db, p.mix.duck_attack_ms, p.mix.duck_release_ms, plan.ducking.threshold_db};
  plan.mastering = {p.mix.loudness_lufs, p.mix.true_peak_dbtp};
  // Each part hashed once, for the key and for --explain by name. The key leaves the cues' names
  // out: a cue moved to another line of its cut.toml mixes the same.
  Inputs& mix_why = plan.audio_inputs;
  core::Hash128 mix_settings = core::Hasher()
                                   .f64(plan.ducking.depth_db)
                                   .f64(plan.ducking.attack_ms)
                                   .f64(plan.ducking.release_ms)
                                   .f64(plan.ducking.threshold_db)
                                   .f64(plan.mastering.target_lufs)
                                   .f64(plan.mastering.ceiling_dbtp)
                                   .finish();
  core::Hash128 length = core::Hasher().i64(plan.total_samples).finish();
  mix_why.add("engine", engine).add("the [mix] settings", mix_settings).add("the episode's length", length);
  core::Hasher ah;
  ah.str("mix").str(engine).hash(length).hash(mix_settings);
  for (const audio::Cue& c : plan.cues) {
    core::Hasher ch;
    if (auto key = inputs.file_key(c.file)) ch.hash(*key);
    ch.i64(c.start_sample).f64(c.gain_db).i64(static_cast<int64_t>(c.bus)).i64(c.fade_in).i64(c.fade_out);
    ch.i64(c.length).f64(c.pan).i64(c.duck ? 1 : 0);
    core::Hash128 cue = ch.finish();
    ah.hash(cue);
    mix_why.add(c.name, cue);
  }
  plan.audio_key = ah.finish();
  plan.audio_path = store.path(Artifact::kAudio, plan.audio_key);
  mix_why.add("~the cues", plan.audio_key);
  plan.drawing_count = inputs.drawing_count();
  plan.paint_jobs = inputs.jobs();
  plan.close_gaps_px = p.close_gaps_px;
  if (sink.has_errors()) return std::nullopt;

  core::Hasher dh;
  dh.str("deliverable").str(engine).i64(p.rate.num).i64(p.rate.den).hash(plan.audio_key);
  for (const CutPlan& c : plan.cuts) dh.hash(c.segment_key);
  plan.deliverable_key = dh.finish();
  plan.deliverable_inputs.add("engine", engine).add("the mix", plan.audio_key);
  for (const CutPlan& c : plan.cuts) plan.deliverable_inputs.add("segment " + c.cut->id, c.segment_key);
  std::string name = p.root.filename().string();
  if (name.empty()) name = "episode";
  plan.deliverable_id = "out/" + name + ".mp4";
  plan.deliverable_path = p.root / "out" / (name + ".mp4");
  plan.dialogue_stem = p.root / "out" / (name + ".dialogue.wav");
  plan.me_stem = p.root / "out" / (name + ".me.wav");
  plan.loudness_report = p.root / "out" / (name + ".loudness.json");
  plan.loudness_picture = p.root / "out" / (name + ".loudness.png");
  return plan;
}

}  // namespace sakuga::graph
