// Per-stage benchmarks on fixed inputs from the demo film (checked in), at 1920x1080.
#include <benchmark/benchmark.h>

#include "composite/compositor.h"
#include "core/fs.h"
#include "media/yuv.h"
#include "raster/png_io.h"
#include "raster/rasterizer.h"
#include "script/fountain.h"
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

// A deterministic 200-page screenplay (about 55 lines a page): 120 scenes of action and dialogue
// among eight characters, with parentheticals, transitions, notes, boneyard, dual dialogue,
// emphasis, lyrics and some Japanese scenes, so every rule of the parser is exercised.
std::string long_screenplay() {
  static const char* kNames[] = {"AOI", "REN", "MIO", "KEN", "SATO (V.O.)", "HARU", "YUKI", "TAKESHI"};
  static const char* kPlaces[] = {"SCHOOL ROOFTOP", "STATION PLATFORM", "RIVERBANK", "CLASSROOM 2-B", "SHRINE STEPS"};
  static const char* kTimes[] = {"DAY", "NIGHT", "SUNSET", "MORNING"};
  std::string out = "Title: The Long Road\nCredit: Written by\nAuthor: Sakuga Bench\nDraft date: 2026-11-25\n\n";
  uint32_t seed = 12345;
  auto next = [&](uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (int scene = 1; scene <= 120; ++scene) {
    if (scene % 20 == 1) out += "# Act " + std::to_string(scene / 20 + 1) + "\n\n";
    if (scene % 9 == 0) {
      out += ".学校・屋上（夕） #" + std::to_string(scene) + "#\n\nフェンスが風で鳴る。遠くで電車の音。\n\nミオ\n"
             "（振り返って）\nねえ、聞こえる？\n\nケン\n何が？\n\n";
      continue;
    }
    out += std::string(scene % 2 ? "INT. " : "EXT. ") + kPlaces[next(5)] + " - " + kTimes[next(4)] + " #" +
           std::to_string(scene) + "#\n\n";
    out += "= The scene turns on a promise.\n\n";
    for (int beat = 0; beat < 11; ++beat) {
      out += "The wind pulls at the *banners* while the crowd moves past, and somewhere a bell rings "
             "twice. [[Check the bell SE.]]\nNobody looks up.\n\n";
      const char* who = kNames[next(8)];
      out += std::string(who) + "\n";
      if (next(3) == 0) out += "(quietly)\n";
      out += "I told you we would come back here, and we did. **Every** promise counts.\n"
             "Even the small ones.\n\n";
      if (next(5) == 0) {
        out += std::string(kNames[next(8)]) + " ^\nEven the small ones!\n\n";
      }
      if (next(11) == 0) out += "/* An older version of this beat:\nREN\nNo.\n*/\n";
      if (next(13) == 0) out += "~Kaze yo, fuke, tooku made\n\n";
    }
    out += scene % 4 == 0 ? "CUT TO:\n\n" : "> SMASH CUT TO:\n\n";
  }
  out += ">THE END<\n";
  return out;
}

void BM_ParseFountain200Pages(benchmark::State& state) {
  std::string text = long_screenplay();
  core::SourceText src("long.fountain", text);
  for (auto _ : state) {
    core::DiagnosticSink sink;
    benchmark::DoNotOptimize(script::parse_fountain(src, sink));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseFountain200Pages)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // `--write-long-screenplay=PATH` writes the benchmark screenplay, so peers parse the same file.
  const std::string flag = "--write-long-screenplay=";
  if (argc == 2 && std::string(argv[1]).rfind(flag, 0) == 0) {
    core::DiskFileSystem disk;
    return disk.write_file(std::string(argv[1]).substr(flag.size()), long_screenplay()).is_ok() ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
