// The demo's sound, mixed and mastered as the build does it (buses, ducking, loudness to -24
// LUFS, the true-peak limiter, both stems), into a scratch folder. The counter `realtime` is how
// many times faster than real time that is; the target is at least 200.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "audio/mixer.h"
#include "graph/plan.h"
#include "project/project.h"

namespace {

using namespace sakuga;

void BM_MixAndMasterDemo(benchmark::State& state) {
  core::DiskFileSystem disk;
  core::DiagnosticSink sink;
  auto project = project::load_project(disk, std::string(SAKUGA_SOURCE_DIR) + "/examples/demo", sink);
  if (!project) {
    state.SkipWithError(sink.format_all().c_str());
    return;
  }
  auto plan = graph::make_plan(graph::Store(disk, project->root), *project, sink);
  if (!plan) {
    state.SkipWithError(sink.format_all().c_str());
    return;
  }
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "sakuga-mix-bench";
  audio::MixOptions o;
  o.ducking = plan->ducking;
  o.master = plan->mastering;
  o.dialogue_stem = dir / "dialogue.wav";
  o.me_stem = dir / "me.wav";
  o.scratch = dir / "premix.wav";
  for (auto _ : state) {
    auto stats = audio::mix(disk, plan->cues, plan->total_samples, dir / "master.wav", o);
    if (!stats.is_ok()) state.SkipWithError(stats.status().message().c_str());
  }
  const double seconds = static_cast<double>(plan->total_samples) / audio::kMixRate;
  state.counters["realtime"] =
      benchmark::Counter(seconds * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_MixAndMasterDemo)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
