#pragma once
/// Kuchipaku for lines without a recorded take: their mouths are timed to the scratch voices the
/// animatic speaks for them (the same cast, the same voices, from and into the same store). The
/// voices not yet in the store are voice nodes, spoken side by side by the scheduler.

#include "animatic/voice.h"
#include "core/diagnostics.h"
#include "graph/env.h"
#include "project/project.h"

namespace sakuga::graph {

/// Times `p`'s mouth layers again with scratch voices where a line has no take. Without
/// `may_write` (check, dry runs) a voice not in the store is spoken but not stored. Without a
/// synthesizer such mouths stay closed, with a warning at the layer.
core::Status time_mouths_from_scratch_voices(Env& env, project::Project& p, animatic::SpeechEngine& speech,
                                             bool may_write, int jobs, core::DiagnosticSink& sink);

}  // namespace sakuga::graph
