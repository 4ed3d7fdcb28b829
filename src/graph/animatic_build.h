#pragma once
/// `sakuga build PROJECT --target animatic`: out/animatic.mp4, built like the episode, with keyed
/// nodes under .sakuga/ and only what changed made again.
///
///   dialogue line ──> voice (take | espeak-ng | silence) ──┬─> cut timing ──> animatic segment ──┐
///   scene, panels ─────────────────────────────────────────┘                                    │
///   voices, takes, sound, music ──────────────────────────────────> animatic mix ───────────────┴─> out/animatic.mp4
///
/// Two runs of the scheduler: the voices first (a cut's length depends on how long its lines take
/// to say), then the segments, the mix and the deliverable.

#include "animatic/voice.h"
#include "graph/builder.h"
#include "core/diagnostics.h"

namespace sakuga::graph {

struct AnimaticStats {
  BuildStats build;            ///< frames_rendered counts animatic frames; segments, mixes as usual
  int64_t voices_spoken = 0;   ///< scratch voices synthesized this build
  int64_t voices_cached = 0;
  int64_t silent_lines = 0;    ///< lines heard as silence (no take, no synthesizer)
  int64_t total_frames = 0;    ///< the animatic's length
  std::string deliverable_id;  ///< "out/animatic.mp4"
  std::vector<fs::path> artifacts;  ///< what the animatic uses from the store (for gc)
};

/// Builds the animatic. Warnings about the user's project (no espeak-ng, a line in kanji with no
/// reading) go to `warnings` with positions; errors of the build itself come back as a status.
core::Result<AnimaticStats> build_animatic(Env& env, const project::Project& p, const BuildOptions& options,
                                           animatic::SpeechEngine& speech, core::DiagnosticSink& warnings);

}  // namespace sakuga::graph
