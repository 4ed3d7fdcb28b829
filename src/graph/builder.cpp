#include "graph/builder.h"

#include <atomic>
#include <deque>
#include <set>
#include <future>
#include <unordered_map>

#include "graph/loudness_report.h"
#include "composite/compositor.h"
#include "core/thread_pool.h"
#include "raster/png_io.h"
#include "raster/rasterizer.h"

namespace sakuga::graph {
namespace {

using FrameImage = std::shared_ptr<const core::Image<core::Rgba8>>;

// Enough for every cel of a busy still shot at 1080p; a pan makes new cels every frame anyway.
constexpr size_t kCelCacheBytes = 64u << 20;

// Rasterized cels shared between frames (held drawings, a still camera). Bounded: when it passes
// its budget it starts over, which keeps memory flat on long cuts.
class CelCache {
 public:
  explicit CelCache(size_t budget_bytes) : budget_(budget_bytes) {}

  std::shared_ptr<const raster::Cel> get(const CelPlan& plan, int width, int height, std::atomic<int64_t>& made) {
    {
      std::lock_guard lock(mu_);
      auto it = cels_.find(plan.key.lo);
      if (it != cels_.end() && it->second.first == plan.key) return it->second.second;
    }
    auto cel = std::make_shared<const raster::Cel>(
        plan.paint ? paint::render_painted(plan.paint->painted(), plan.paint->palette(), plan.variant, plan.to_pixels,
                                           {0, 0, width, height})
                   : raster::rasterize(*plan.drawing, plan.to_pixels, {0, 0, width, height}));
    ++made;
    std::lock_guard lock(mu_);
    size_t bytes = static_cast<size_t>(cel->pixels.stride()) * cel->pixels.height() * sizeof(core::Rgba8);
    if (bytes_ + bytes > budget_) {
      cels_.clear();
      bytes_ = 0;
    }
    bytes_ += bytes;
    cels_[plan.key.lo] = {plan.key, cel};
    return cel;
  }

 private:
  std::mutex mu_;
  size_t budget_;
  size_t bytes_ = 0;
  std::unordered_map<uint64_t, std::pair<core::Hash128, std::shared_ptr<const raster::Cel>>> cels_;
};

core::Result<std::shared_ptr<const core::Image<core::Rgba8>>> load_background(core::FileSystem& fs,
                                                                              const CutPlan& cut) {
  if (!cut.raster_background) return std::shared_ptr<const core::Image<core::Rgba8>>();
  SAKUGA_ASSIGN_OR_RETURN(std::string bytes, fs.read_file(cut.cut->background->file));
  auto png = raster::decode_png(bytes);
  if (!png.is_ok()) return png.status().with_context(cut.cut->background->display);
  return std::make_shared<const core::Image<core::Rgba8>>(std::move(png->pixels));
}

core::Image<core::Rgba8> compose(const Plan& plan, const FramePlan& fp, const core::Image<core::Rgba8>* bg,
                                 CelCache& cels, std::atomic<int64_t>& made) {
  composite::FrameStack stack;
  stack.width = plan.video.width;
  stack.height = plan.video.height;
  stack.background = bg;
  stack.background_to_frame = fp.background_to_frame;
  std::vector<std::shared_ptr<const raster::Cel>> held;
  for (const CelPlan& c : fp.cels) {
    held.push_back(cels.get(c, stack.width, stack.height, made));
    stack.cels.push_back(held.back().get());
  }
  return composite::composite(stack);
}

std::string frame_id(const CutPlan& c, int64_t f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(f));
  return "frame " + c.cut->id + "/" + buf;
}

class Runner {
 public:
  Runner(core::FileSystem& fs, const project::Project& p, const Plan& plan, const BuildOptions& opt, Progress& progress)
      : fs_(fs), p_(p), plan_(plan), opt_(opt), progress_(progress), log_(BuildLog::load(fs, plan.log_path)),
        cels_(kCelCacheBytes) {}

  core::Result<BuildStats> run() {
    std::vector<const CutPlan*> dirty;
    int64_t frames_to_render = 0;
    for (const CutPlan& c : plan_.cuts) {
      if (fs_.exists(c.segment_path)) continue;
      dirty.push_back(&c);
      frames_to_render += static_cast<int64_t>(c.frames.size());
    }
    std::vector<const GeneratedPlan*> inbetweens;  // products to write: new, changed or deleted
    for (const GeneratedPlan& g : plan_.generated) {
      const core::Hash128* had = log_.find(g.id);
      if (!had || *had != g.key || !fs_.exists(g.product) || !g.from_cache) inbetweens.push_back(&g);
    }
    // In-betweens made before that are not made now (drawn since, or held): their products go.
    std::vector<std::string> stale;
    for (const std::string& id : log_.ids("inbetween ")) {
      if (std::none_of(plan_.generated.begin(), plan_.generated.end(), [&](const GeneratedPlan& g) { return g.id == id; })) {
        stale.push_back(id);
      }
    }
    const core::Hash128* mixed_before = log_.find("audio mix");
    bool audio_dirty = !fs_.exists(plan_.audio_path) || !mixed_before || *mixed_before != plan_.audio_key;
    for (const fs::path& f : {plan_.dialogue_stem, plan_.me_stem, plan_.loudness_report, plan_.loudness_picture}) {
      if (!f.empty() && !fs_.exists(f)) audio_dirty = true;
    }
    const core::Hash128* delivered = log_.find(plan_.deliverable_id);
    bool deliverable_dirty = !delivered || *delivered != plan_.deliverable_key || !fs_.exists(plan_.deliverable_path);

    if (opt_.dry_run) {
      for (const GeneratedPlan* g : inbetweens) {
        stats_.would_run.push_back(g->id + ": " + explain(log_, g->id, g->key, fs_.exists(g->product)));
      }
      for (const std::string& id : stale) stats_.would_run.push_back(id + ": no longer generated (its product goes)");
      return dry_run(dirty, audio_dirty, deliverable_dirty);
    }
    if (dirty.empty() && !audio_dirty && !deliverable_dirty && inbetweens.empty() && stale.empty()) {
      stats_.up_to_date = true;
      return stats_;
    }

    for (const std::string& id : stale) {
      (void)fs_.remove(p_.root / "out" / "inbetween" / (id.substr(std::string_view("inbetween ").size()) + ".svg"));
      log_.forget(id);
    }
    for (const GeneratedPlan* g : inbetweens) {
      if (!g->from_cache) SAKUGA_TRY(fs_.write_file(g->cached, g->svg));
      SAKUGA_TRY(fs_.write_file(g->product, g->svg));
      log_.record(g->id, g->key);
      ++stats_.inbetweens_written;
    }
    core::ThreadPool pool(static_cast<size_t>(opt_.jobs));
    progress_.start(frames_to_render);
    for (const CutPlan* c : dirty) SAKUGA_TRY(encode_cut(pool, *c));
    if (audio_dirty) {
      progress_.stage("mixing audio");
      audio::MixOptions mo;
      mo.ducking = plan_.ducking;
      mo.master = plan_.mastering;
      mo.dialogue_stem = plan_.dialogue_stem;
      mo.me_stem = plan_.me_stem;
      mo.scratch = plan_.cache_dir / "audio" / "premix.wav";
      auto mixed = audio::mix(fs_, plan_.cues, plan_.total_samples, plan_.audio_path, mo);
      if (!mixed.is_ok()) return mixed.status();
      if (!plan_.loudness_report.empty()) {
        SAKUGA_TRY(fs_.write_file(plan_.loudness_report, loudness_json(*mixed, plan_.mastering)));
      }
      if (!plan_.loudness_picture.empty()) {
        SAKUGA_ASSIGN_OR_RETURN(std::string png, loudness_picture(*mixed, plan_.mastering));
        SAKUGA_TRY(fs_.write_file(plan_.loudness_picture, png));
      }
      stats_.loudness = *mixed;
      ++stats_.audio_mixed;
    }
    log_.record("audio mix", plan_.audio_key);
    if (deliverable_dirty) {
      progress_.stage("writing " + plan_.deliverable_id);
      media::EpisodeInputs in;
      for (const CutPlan& c : plan_.cuts) in.segments.push_back(c.segment_path);
      in.mix_wav = plan_.audio_path;
      in.rate = p_.rate;
      in.total_frames = p_.total_frames();
      SAKUGA_TRY(media::mux_episode(fs_, in, plan_.deliverable_path));
      ++stats_.deliverables_written;
    }
    log_.record(plan_.deliverable_id, plan_.deliverable_key);
    progress_.finish();
    stats_.frames_rendered = frames_rendered_;
    stats_.frames_cached = frames_cached_;
    stats_.cels_rasterized = cels_made_;
    SAKUGA_TRY(log_.save(fs_, plan_.log_path));
    return stats_;
  }

 private:
  core::Result<BuildStats> dry_run(const std::vector<const CutPlan*>& dirty, bool audio_dirty, bool deliverable_dirty) {
    for (const CutPlan* c : dirty) {
      std::set<std::string> seen;
      for (size_t f = 0; f < c->frames.size(); ++f) {
        const FramePlan& fp = c->frames[f];
        if (fs_.exists(plan_.frame_path(fp.key)) || !seen.insert(fp.key.hex()).second) continue;
        std::string id = frame_id(*c, static_cast<int64_t>(f));
        stats_.would_run.push_back(id + ": " + explain(log_, id, fp.key, false));
      }
      std::string id = "segment " + c->cut->id;
      stats_.would_run.push_back(id + ": " + explain(log_, id, c->segment_key, false));
    }
    if (audio_dirty) stats_.would_run.push_back("audio mix: " + explain(log_, "audio mix", plan_.audio_key, false));
    if (deliverable_dirty) {
      stats_.would_run.push_back("deliverable " + plan_.deliverable_id + ": " +
                                 explain(log_, plan_.deliverable_id, plan_.deliverable_key,
                                         fs_.exists(plan_.deliverable_path)));
    }
    stats_.up_to_date = stats_.would_run.empty();
    return stats_;
  }

  // Produces one frame: from the cache when its artifact exists, else composited and stored.
  core::Result<FrameImage> produce(const CutPlan& c, size_t f, const core::Image<core::Rgba8>* bg) {
    const FramePlan& fp = c.frames[f];
    fs::path path = plan_.frame_path(fp.key);
    if (auto bytes = fs_.read_file(path); bytes.is_ok()) {
      auto png = raster::decode_png(*bytes);
      if (png.is_ok() && png->pixels.width() == plan_.video.width && png->pixels.height() == plan_.video.height) {
        ++frames_cached_;
        return std::make_shared<const core::Image<core::Rgba8>>(std::move(png->pixels));
      }
      // A damaged cache entry is rendered again.
    }
    auto img = std::make_shared<core::Image<core::Rgba8>>(compose(plan_, fp, bg, cels_, cels_made_));
    SAKUGA_ASSIGN_OR_RETURN(std::string png, raster::encode_png(img->cview()));
    SAKUGA_TRY(fs_.write_file(path, png));
    ++frames_rendered_;
    return FrameImage(std::move(img));
  }

  core::Status encode_cut(core::ThreadPool& pool, const CutPlan& c) {
    progress_.stage("cut " + c.cut->id + " (" + std::to_string(c.frames.size()) + " frames)");
    SAKUGA_ASSIGN_OR_RETURN(auto bg, load_background(fs_, c));
    SAKUGA_ASSIGN_OR_RETURN(auto enc, media::SegmentEncoder::create(fs_, c.segment_path, plan_.video));
    // A window of frames in flight, consumed in order. A frame whose key equals the previous one
    // (a hold on a still camera) is not produced again.
    const size_t window = pool.size() * 2;
    std::deque<std::pair<size_t, std::shared_future<core::Result<FrameImage>>>> inflight;
    size_t next = 0;
    FrameImage last;
    auto submit = [&] {
      while (next < c.frames.size() && inflight.size() < window) {
        size_t f = next++;
        if (f > 0 && c.frames[f].key == c.frames[f - 1].key) {
          inflight.push_back({f, {}});
          continue;
        }
        // The task owns a reference to the background: on an early return from here the pool
        // still finishes queued tasks, and they must not outlive what they read.
        inflight.push_back({f, pool.submit([this, &c, f, bg] { return produce(c, f, bg.get()); }).share()});
      }
    };
    submit();
    while (!inflight.empty()) {
      auto [f, fut] = inflight.front();
      inflight.pop_front();
      if (fut.valid()) {
        auto r = fut.get();
        if (!r.is_ok()) return r.status().with_context(frame_id(c, static_cast<int64_t>(f)));
        last = *r;
      }
      SAKUGA_TRY(enc->add_frame(last->cview()));
      log_.record(frame_id(c, static_cast<int64_t>(f)), c.frames[f].key);
      progress_.frame_done();
      submit();
    }
    SAKUGA_TRY(enc->finish());
    log_.record("segment " + c.cut->id, c.segment_key);
    ++stats_.segments_encoded;
    return core::Status::ok();
  }

  core::FileSystem& fs_;
  const project::Project& p_;
  const Plan& plan_;
  BuildOptions opt_;
  Progress& progress_;
  BuildLog log_;
  CelCache cels_;
  BuildStats stats_;
  std::atomic<int64_t> frames_rendered_{0};
  std::atomic<int64_t> frames_cached_{0};
  std::atomic<int64_t> cels_made_{0};
};

}  // namespace

core::Result<BuildStats> run_build(core::FileSystem& fs, const project::Project& p, const Plan& plan,
                                   const BuildOptions& options, Progress& progress) {
  return Runner(fs, p, plan, options, progress).run();
}

core::Result<core::Image<core::Rgba8>> render_one_frame(core::FileSystem& fs, const Plan& plan, const CutPlan& cut,
                                                        int64_t frame) {
  if (frame < 0 || frame >= static_cast<int64_t>(cut.frames.size())) {
    return core::error(core::ErrorCode::kInvalidInput, "cut " + cut.cut->id + " has frames 0 to " +
                                                           std::to_string(cut.frames.size() - 1));
  }
  SAKUGA_ASSIGN_OR_RETURN(auto bg, load_background(fs, cut));
  CelCache cels(64u << 20);
  std::atomic<int64_t> made{0};
  return compose(plan, cut.frames[static_cast<size_t>(frame)], bg.get(), cels, made);
}

}  // namespace sakuga::graph
