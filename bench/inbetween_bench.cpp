// In-betweening speed: a puppet of about 100 strokes, keys paired and one in-between drawn.
#include <benchmark/benchmark.h>

#include <random>

#include "inbetween/inbetween.h"
#include "puppet.h"

namespace {

using namespace sakuga;

void BM_Inbetween100Strokes(benchmark::State& state) {
  puppet::Puppet rig(6);
  std::mt19937 rng(7);
  vector::Drawing a = rig.draw(rig.random_pose(rng, 0.5, 60));
  vector::Drawing b = puppet::scramble(rig.draw(rig.random_pose(rng, 0.5, 60)), rng, nullptr);
  size_t shapes = 0;
  for (auto _ : state) {
    inbetween::Inbetweener ib(a, b);
    vector::Drawing mid = ib.at(0.5);
    shapes = mid.shapes.size();
    benchmark::DoNotOptimize(mid.shapes.data());
  }
  state.counters["strokes"] = static_cast<double>(a.shapes.size());
  state.counters["drawn"] = static_cast<double>(shapes);
}
BENCHMARK(BM_Inbetween100Strokes)->Unit(benchmark::kMillisecond);

}  // namespace
