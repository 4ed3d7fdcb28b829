#pragma once
/// Running a plan: renders what is missing, reuses what is cached, streams frames into each cut's
/// encoder through a bounded window (memory does not grow with the length of a cut), mixes the
/// sound, muxes the deliverable, and records keys in the build log.

#include <optional>
#include <string>
#include <vector>

#include "graph/plan.h"
#include "graph/progress.h"

namespace sakuga::graph {

struct BuildOptions {
  int jobs = 0;          ///< worker threads for frames; 0 = one per core
  bool dry_run = false;  ///< list what would run, change nothing
};

struct BuildStats {
  int64_t frames_rendered = 0;  ///< composited this build
  int64_t frames_cached = 0;    ///< read back from .sakuga/frames
  int64_t cels_rasterized = 0;
  int64_t segments_encoded = 0;
  int64_t audio_mixed = 0;
  int64_t deliverables_written = 0;
  int64_t inbetweens_written = 0;  ///< generated in-betweens written to out/inbetween/
  std::optional<audio::MixStats> loudness;  ///< the master's, when the mix ran
  bool up_to_date = false;         ///< nothing had to run
  std::vector<std::string> would_run;  ///< dry run: "frame c001/0012: new", ...
};

core::Result<BuildStats> run_build(core::FileSystem& fs, const project::Project& p, const Plan& plan,
                                   const BuildOptions& options, Progress& progress);

/// Renders one frame of a cut (cut-relative, from 0) without touching the cache.
core::Result<core::Image<core::Rgba8>> render_one_frame(core::FileSystem& fs, const Plan& plan, const CutPlan& cut,
                                                        int64_t frame);

}  // namespace sakuga::graph
