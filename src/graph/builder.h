#pragma once
/// The episode's rules and their graph: in-between products, one segment per cut (frames rendered
/// on a pool of workers and streamed into the cut's encoder through a bounded window, so memory
/// does not grow with the length of a cut), the mix, and the deliverable that needs them all. The
/// scheduler runs cuts beside each other and the mix beside the video; each node is logged as it
/// finishes, so a build stopped at any point goes on from there.

#include <optional>
#include <string>
#include <vector>

#include "graph/env.h"
#include "graph/log.h"
#include "graph/plan.h"

namespace sakuga::graph {

struct BuildOptions {
  int jobs = 0;          ///< nodes at once, and frame workers; 0 = one per core
  bool dry_run = false;  ///< list what would run and why, change nothing
};

struct BuildStats {
  int64_t frames_rendered = 0;  ///< composited this build
  int64_t cels_rasterized = 0;
  int64_t segments_encoded = 0;
  int64_t audio_mixed = 0;
  int64_t deliverables_written = 0;
  int64_t inbetweens_written = 0;  ///< generated in-betweens written to out/inbetween/
  int64_t nodes_made = 0;
  int64_t nodes_cached = 0;
  std::optional<audio::MixStats> loudness;  ///< the master's, when the mix ran
  bool up_to_date = false;                  ///< nothing had to run
  std::vector<std::string> would_run;       ///< "segment c001: cuts/c001/A/1.svg changed", ...
};

/// Builds the episode's graph of `plan` and runs what is not in the store. A failed node's
/// dependents are skipped and the others finish (and are logged); the first failure comes back.
/// When env.stop is set the build ends early with a kCancelled status saying what was kept.
core::Result<BuildStats> run_build(Env& env, const project::Project& p, const Plan& plan, const BuildOptions& options);

/// Renders one frame of a cut (cut-relative, from 0) without touching the store.
core::Result<core::Image<core::Rgba8>> render_one_frame(core::FileSystem& fs, const Plan& plan, const CutPlan& cut,
                                                        int64_t frame);

}  // namespace sakuga::graph
