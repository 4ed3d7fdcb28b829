#include "graph/builder.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <future>
#include <map>
#include <unordered_map>

#include "composite/compositor.h"
#include "core/thread_pool.h"
#include "graph/loudness_report.h"
#include "graph/scheduler.h"
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

core::Status interrupted() { return core::error(core::ErrorCode::kCancelled, "interrupted"); }

class EpisodeBuild {
 public:
  EpisodeBuild(Env& env, const project::Project& p, const Plan& plan, const BuildOptions& opt)
      : env_(env), fs_(env.fs), p_(p), plan_(plan), opt_(opt), store_(env.fs, p.root),
        log_(BuildLog::open(env.fs, store_.log_path(), !opt.dry_run)), cels_(kCelCacheBytes) {
    for (size_t i = 0; i < plan.cuts.size(); ++i) cut_index_[plan.cuts[i].cut->id] = i;
    for (size_t i = 0; i < plan.generated.size(); ++i) generated_index_[plan.generated[i].id.str()] = i;
  }

  core::Result<BuildStats> run() {
    // In-betweens made before that are not made now (drawn since, or held): their products go.
    std::vector<std::string> stale;
    for (const std::string& id : log_.ids("inbetween ")) {
      if (!generated_index_.count(id)) stale.push_back(id);
    }
    Graph graph;
    std::vector<std::vector<size_t>> cut_inbetweens(plan_.cuts.size());
    for (const GeneratedPlan& g : plan_.generated) {
      const LogEntry* had = log_.find(g.id.str());
      bool cached = had && had->key == g.key && fs_.exists(g.product) && g.from_cache;
      cut_inbetweens[cut_index_.at(g.id.cut)].push_back(graph.add(g.id, {}, cached));
    }
    std::vector<size_t> deliverable_deps;
    for (size_t i = 0; i < plan_.cuts.size(); ++i) {
      const CutPlan& c = plan_.cuts[i];
      deliverable_deps.push_back(graph.add(NodeId::segment(c.cut->id), cut_inbetweens[i], fs_.exists(c.segment_path),
                                           static_cast<int64_t>(c.frames.size())));
    }
    const LogEntry* mixed = log_.find(NodeId::mix().str());
    bool mix_cached = fs_.exists(plan_.audio_path) && mixed && mixed->key == plan_.audio_key;
    for (const fs::path& f : {plan_.dialogue_stem, plan_.me_stem, plan_.loudness_report, plan_.loudness_picture}) {
      if (!f.empty() && !fs_.exists(f)) mix_cached = false;
    }
    deliverable_deps.push_back(graph.add(NodeId::mix(), {}, mix_cached));
    const NodeId deliverable = NodeId::deliverable(plan_.deliverable_id);
    const LogEntry* delivered = log_.find(deliverable.str());
    graph.add(deliverable, deliverable_deps,
              delivered && delivered->key == plan_.deliverable_key && fs_.exists(plan_.deliverable_path));

    if (opt_.dry_run) {
      for (const GraphNode& n : graph.nodes()) {
        if (!n.cached) stats_.would_run.push_back(n.id.str() + ": " + why(n.id));
      }
      for (const std::string& id : stale) stats_.would_run.push_back(id + ": no longer generated (its product goes)");
      stats_.up_to_date = stats_.would_run.empty();
      return stats_;
    }
    bool all_cached = std::all_of(graph.nodes().begin(), graph.nodes().end(), [](const GraphNode& n) { return n.cached; });
    if (all_cached && stale.empty()) {
      stats_.up_to_date = true;
      return stats_;
    }
    for (const std::string& id : stale) {
      if (auto parsed = NodeId::parse(id)) (void)fs_.remove(inbetween_product(p_.root, *parsed));
      SAKUGA_TRY(log_.forget(id));
    }

    RuleTable rules;
    rules.set(NodeKind::kInbetween, [this](const NodeId& id) { return make_inbetween(id); });
    rules.set(NodeKind::kSegment, [this](const NodeId& id) { return make_segment(id); });
    rules.set(NodeKind::kMix, [this](const NodeId& id) { return make_mix(id); });
    rules.set(NodeKind::kDeliverable, [this](const NodeId& id) { return make_deliverable(id); });
    core::ThreadPool frames(static_cast<size_t>(opt_.jobs));
    frames_ = &frames;
    auto executor = make_local_executor(rules, frames.size());
    Observers observers;
    observers.add(env_.observer);
    observer_ = &observers;
    RunReport report = run_graph(graph, *executor, observers, env_.clock, env_.stop);
    executor.reset();
    frames_ = nullptr;

    stats_.nodes_made = report.made;
    stats_.nodes_cached = report.cached;
    stats_.frames_rendered = frames_rendered_;
    stats_.cels_rasterized = cels_made_;
    stats_.segments_encoded = segments_encoded_;
    stats_.inbetweens_written = inbetweens_written_;
    if (!report.first_error.is_ok()) return report.first_error;
    if (report.cancelled) {
      return core::error(core::ErrorCode::kCancelled,
                         "interrupted: " + std::to_string(report.made) + " node" + (report.made == 1 ? "" : "s") +
                             " made this build and kept (" + std::to_string(report.made + report.cached) + " of " +
                             std::to_string(graph.size()) + " done); the next build goes on from there");
    }
    SAKUGA_TRY(store_.record_build(plan_.artifacts()));
    return stats_;
  }

 private:
  // Why a node would run, from the log and its inputs.
  std::string why(const NodeId& id) {
    switch (id.kind) {
      case NodeKind::kInbetween: {
        const GeneratedPlan& g = plan_.generated[generated_index_.at(id.str())];
        return explain(log_, id.str(), g.key, g.inputs.list(), fs_.exists(g.product));
      }
      case NodeKind::kSegment: {
        const CutPlan& c = plan_.cuts[cut_index_.at(id.cut)];
        return explain(log_, id.str(), c.segment_key, c.segment_inputs.list(), false);
      }
      case NodeKind::kMix: return explain(log_, id.str(), plan_.audio_key, plan_.audio_inputs.list(), false);
      default:
        return explain(log_, id.str(), plan_.deliverable_key, plan_.deliverable_inputs.list(),
                       fs_.exists(plan_.deliverable_path));
    }
  }

  core::Status make_inbetween(const NodeId& id) {
    const GeneratedPlan& g = plan_.generated[generated_index_.at(id.str())];
    if (!g.from_cache) SAKUGA_TRY(fs_.write_file(g.cached, g.svg));
    SAKUGA_TRY(fs_.write_file(g.product, g.svg));
    ++inbetweens_written_;
    return log_.record(id.str(), g.key, g.inputs.list());
  }

  core::Status make_segment(const NodeId& id) {
    const CutPlan& c = plan_.cuts[cut_index_.at(id.cut)];
    SAKUGA_ASSIGN_OR_RETURN(auto bg, load_background(fs_, c));
    SAKUGA_ASSIGN_OR_RETURN(auto enc, env_.encoders.open_segment(fs_, c.segment_path, plan_.video));
    // A window of frames in flight on the frame workers, encoded in order. A frame whose key
    // equals the previous one (a hold on a still camera) is not composited again.
    core::ThreadPool& pool = *frames_;
    const size_t window = pool.size() * 2;
    std::deque<std::pair<size_t, std::shared_future<FrameImage>>> inflight;
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
        inflight.push_back({f, pool.submit([this, &c, f, bg] {
                                  ++frames_rendered_;
                                  return FrameImage(std::make_shared<const core::Image<core::Rgba8>>(
                                      compose(plan_, c.frames[f], bg.get(), cels_, cels_made_)));
                                }).share()});
      }
    };
    submit();
    while (!inflight.empty()) {
      if (env_.stop && env_.stop->load()) return interrupted();  // the unfinished segment is not kept
      auto [f, fut] = inflight.front();
      inflight.pop_front();
      if (fut.valid()) last = fut.get();
      SAKUGA_TRY(enc->add_frame(last->cview()));
      observer_->on_units(id, 1);
      submit();
    }
    SAKUGA_TRY(enc->finish());
    ++segments_encoded_;
    return log_.record(id.str(), c.segment_key, c.segment_inputs.list());
  }

  core::Status make_mix(const NodeId& id) {
    audio::MixOptions mo;
    mo.ducking = plan_.ducking;
    mo.master = plan_.mastering;
    mo.dialogue_stem = plan_.dialogue_stem;
    mo.me_stem = plan_.me_stem;
    mo.scratch = store_.scratch("premix.wav");
    auto mixed = audio::mix(fs_, plan_.cues, plan_.total_samples, plan_.audio_path, mo);
    if (!mixed.is_ok()) return mixed.status();
    if (!plan_.loudness_report.empty()) {
      SAKUGA_TRY(fs_.write_file(plan_.loudness_report, loudness_json(*mixed, plan_.mastering)));
    }
    if (!plan_.loudness_picture.empty()) {
      SAKUGA_ASSIGN_OR_RETURN(std::string png, loudness_picture(*mixed, plan_.mastering));
      SAKUGA_TRY(fs_.write_file(plan_.loudness_picture, png));
    }
    stats_.loudness = *mixed;  // one mix node: no other thread touches it
    stats_.audio_mixed = 1;
    return log_.record(id.str(), plan_.audio_key, plan_.audio_inputs.list());
  }

  core::Status make_deliverable(const NodeId& id) {
    media::EpisodeInputs in;
    for (const CutPlan& c : plan_.cuts) in.segments.push_back(c.segment_path);
    in.mix_wav = plan_.audio_path;
    in.rate = p_.rate;
    in.total_frames = p_.total_frames();
    SAKUGA_TRY(env_.encoders.mux(fs_, in, plan_.deliverable_path));
    stats_.deliverables_written = 1;
    return log_.record(id.str(), plan_.deliverable_key, plan_.deliverable_inputs.list());
  }

  Env& env_;
  core::FileSystem& fs_;
  const project::Project& p_;
  const Plan& plan_;
  BuildOptions opt_;
  Store store_;
  BuildLog log_;
  CelCache cels_;
  std::map<std::string, size_t> cut_index_;
  std::map<std::string, size_t> generated_index_;
  core::ThreadPool* frames_ = nullptr;
  Observer* observer_ = nullptr;
  BuildStats stats_;
  std::atomic<int64_t> frames_rendered_{0};
  std::atomic<int64_t> cels_made_{0};
  std::atomic<int64_t> segments_encoded_{0};
  std::atomic<int64_t> inbetweens_written_{0};
};

}  // namespace

core::Result<BuildStats> run_build(Env& env, const project::Project& p, const Plan& plan, const BuildOptions& options) {
  return EpisodeBuild(env, p, plan, options).run();
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
