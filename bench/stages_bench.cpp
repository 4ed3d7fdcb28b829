// Per-stage benchmarks on fixed inputs from the demo film (checked in), at 1920x1080.
#include <benchmark/benchmark.h>

#include "composite/compositor.h"
#include "core/fs.h"
#include "media/yuv.h"
#include "raster/png_io.h"
#include "raster/rasterizer.h"
#include "vector/svg.h"

namespace {

using namespace sakuga;

std::string read(const char* rel) {
  core::DiskFileSystem disk;
  auto r = disk.read_file(std::string(SAKUGA_SOURCE_DIR) + "/examples/demo/" + rel);
  if (!r.is_ok()) std::abort();
  return *r;
}

vector::Drawing drawing(const char* rel) {
  core::DiagnosticSink sink;
  auto d = vector::parse_svg(core::SourceText(rel, read(rel)), sink);
  if (!d) std::abort();
  return *d;
}

void BM_SvgParseCharacter(benchmark::State& state) {
  std::string text = read("cuts/c002/A/2.svg");
  for (auto _ : state) {
    core::DiagnosticSink sink;
    benchmark::DoNotOptimize(vector::parse_svg(core::SourceText("a.svg", text), sink));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SvgParseCharacter);

void BM_RasterizeCharacter1080p(benchmark::State& state) {
  auto d = drawing("cuts/c002/A/2.svg");
  for (auto _ : state) benchmark::DoNotOptimize(raster::rasterize(d, {}, {0, 0, 1920, 1080}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RasterizeCharacter1080p)->Unit(benchmark::kMillisecond);

void BM_RasterizeBackground1080p(benchmark::State& state) {
  auto d = drawing("design/backgrounds/town.svg");
  for (auto _ : state) {
    benchmark::DoNotOptimize(raster::rasterize(d, core::Affine::translate(-900, 0), {0, 0, 1920, 1080}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RasterizeBackground1080p)->Unit(benchmark::kMillisecond);

void BM_CompositeRasterBackgroundAndCel1080p(benchmark::State& state) {
  auto bg = raster::decode_png(read("design/backgrounds/sky.png"));
  auto cel = raster::rasterize(drawing("cuts/c002/A/2.svg"), {}, {0, 0, 1920, 1080});
  composite::FrameStack stack{1920, 1080, &bg->pixels, core::Affine::translate(-240, -135), {&cel}};
  for (auto _ : state) benchmark::DoNotOptimize(composite::composite(stack));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompositeRasterBackgroundAndCel1080p)->Unit(benchmark::kMillisecond);

core::Image<core::Rgba8> demo_frame() {
  auto bg = raster::rasterize(drawing("design/backgrounds/town.svg"), {}, {0, 0, 1920, 1080});
  auto cel = raster::rasterize(drawing("cuts/c002/A/2.svg"), {}, {0, 0, 1920, 1080});
  return composite::composite({1920, 1080, nullptr, {}, {&bg, &cel}});
}

void BM_PngEncodeFrame1080p(benchmark::State& state) {
  auto frame = demo_frame();
  size_t bytes = 0;
  for (auto _ : state) bytes = raster::encode_png(frame.cview())->size();
  state.counters["png_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PngEncodeFrame1080p)->Unit(benchmark::kMillisecond);

void BM_PngDecodeFrame1080p(benchmark::State& state) {
  std::string png = *raster::encode_png(demo_frame().cview());
  for (auto _ : state) benchmark::DoNotOptimize(raster::decode_png(png));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PngDecodeFrame1080p)->Unit(benchmark::kMillisecond);

void BM_RgbaToYuv420Bt709_1080p(benchmark::State& state) {
  auto frame = demo_frame();
  std::vector<uint8_t> y(1920 * 1080), u(960 * 540), v(960 * 540);
  for (auto _ : state) {
    media::rgba_to_yuv420_bt709(frame.cview(), {y.data(), 1920, u.data(), 960, v.data(), 960});
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1920 * 1080 * 4);
}
BENCHMARK(BM_RgbaToYuv420Bt709_1080p)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
