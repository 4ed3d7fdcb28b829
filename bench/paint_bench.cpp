// Ink and paint at 1920x1080: a cel of four copies of the demo's Mio side by side (45 regions,
// 40 paint marks), filled with and without gap closing, against OpenCV's connected components on
// the same line art (OpenCV is a benchmark-only dependency; without it that case is left out).
#include <benchmark/benchmark.h>

#include <cmath>

#include "core/fs.h"
#include "paint/fill.h"
#include "paint/lineart.h"
#include "paint/render.h"
#include "paint/runs.h"
#include "vector/svg.h"

#ifdef SAKUGA_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace {

using namespace sakuga;

std::string read(const std::string& rel) {
  core::DiskFileSystem disk;
  auto r = disk.read_file(std::string(SAKUGA_SOURCE_DIR) + "/" + rel);
  if (!r.is_ok()) std::abort();
  return *r;
}

struct Fixture {
  paint::Palette palette;
  vector::Drawing drawing;
  paint::PreparedArt art;
};

// Four Mios across the frame: the same drawing moved left and right.
const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x;
    core::DiagnosticSink sink;
    auto pal = paint::read_palette(core::SourceText("mio.toml", read("examples/demo/design/palettes/mio.toml")), sink);
    auto mio = vector::parse_svg(core::SourceText("2.svg", read("examples/demo/cuts/c002/A/2.svg")), sink);
    if (!pal || !mio) std::abort();
    x.palette = *pal;
    x.drawing.width = mio->width;
    x.drawing.height = mio->height;
    for (double dx : {-660.0, -220.0, 220.0, 660.0}) {
      for (vector::Shape s : mio->shapes) {
        for (auto& c : s.contours) {
          for (auto& p : c.points) p.x += dx;
        }
        x.drawing.shapes.push_back(s);
      }
      for (vector::PaintMark m : mio->marks) {
        m.center.x += dx;
        x.drawing.marks.push_back(m);
      }
    }
    x.art = paint::prepare_vector(x.drawing, x.palette, {});
    return x;
  }();
  return f;
}

void fill_case(benchmark::State& state, int gaps) {
  const Fixture& f = fixture();
  paint::FillOptions o;
  o.close_gaps_px = gaps;
  size_t regions = 0;
  for (auto _ : state) {
    paint::FillResult r = paint::fill(f.art.art, f.art.marks, o);
    regions = r.regions.size();
    benchmark::DoNotOptimize(r.cel.row(0));
  }
  state.counters["regions"] = static_cast<double>(regions);
  state.counters["marks"] = static_cast<double>(f.art.marks.size());
  state.SetItemsProcessed(state.iterations() * f.art.art.width * f.art.art.height);
}

void BM_PaintFillClosingGaps1080p(benchmark::State& state) { fill_case(state, 6); }
BENCHMARK(BM_PaintFillClosingGaps1080p)->Unit(benchmark::kMillisecond);

void BM_PaintFillNoGapClosing1080p(benchmark::State& state) { fill_case(state, 0); }
BENCHMARK(BM_PaintFillNoGapClosing1080p)->Unit(benchmark::kMillisecond);

// The part of a fill that connected components do: regions of the line art labelled, into a label
// per pixel, thresholding included.
void BM_SakugaConnectedComponents1080p(benchmark::State& state) {
  const paint::LineArt& a = fixture().art.art;
  std::vector<int32_t> labels(static_cast<size_t>(a.width) * a.height);
  uint32_t count = 0;
  for (auto _ : state) {
    paint::RunMask open = paint::complement(paint::threshold_runs(a.coverage.data(), a.width, a.height, a.width, 96));
    paint::RunLabels l = paint::label_runs(open, false);
    std::fill(labels.begin(), labels.end(), 0);
    for (int y = 0; y < a.height; ++y) {
      int32_t* row = labels.data() + static_cast<size_t>(y) * a.width;
      for (size_t i = open.row_begin(y); i < open.row_end(y); ++i) {
        std::fill(row + open.runs[i].x0, row + open.runs[i].x1, static_cast<int32_t>(l.label[i] + 1));
      }
    }
    count = l.count;
    benchmark::DoNotOptimize(labels.data());
  }
  state.counters["components"] = count;
  state.SetItemsProcessed(state.iterations() * a.width * a.height);
}
BENCHMARK(BM_SakugaConnectedComponents1080p)->Unit(benchmark::kMillisecond);

#ifdef SAKUGA_HAVE_OPENCV
void opencv_case(benchmark::State& state, int threads) {
  const paint::LineArt& a = fixture().art.art;
  int before = cv::getNumThreads();
  cv::setNumThreads(threads);
  cv::Mat coverage(a.height, a.width, CV_8U, const_cast<uint8_t*>(a.coverage.data()));
  cv::Mat open, labels;
  int count = 0;
  for (auto _ : state) {
    cv::threshold(coverage, open, 95, 255, cv::THRESH_BINARY_INV);  // < 96: not line
    count = cv::connectedComponents(open, labels, 4, CV_32S);
    benchmark::DoNotOptimize(labels.data);
  }
  cv::setNumThreads(before);
  state.counters["components"] = count - 1;  // OpenCV counts the background (the lines) as label 0
  state.SetItemsProcessed(state.iterations() * a.width * a.height);
}
void BM_OpenCVConnectedComponents1080p(benchmark::State& state) { opencv_case(state, 1); }
BENCHMARK(BM_OpenCVConnectedComponents1080p)->Unit(benchmark::kMillisecond);
void BM_OpenCVConnectedComponents1080p_2threads(benchmark::State& state) { opencv_case(state, 2); }
BENCHMARK(BM_OpenCVConnectedComponents1080p_2threads)->Unit(benchmark::kMillisecond);
#endif

// Everything a build does for a new drawing: line art rasterized, filled, and the cel drawn at the
// camera (here a 1.5x track-up).
void BM_PaintWholeDrawingAndRender1080p(benchmark::State& state) {
  const Fixture& f = fixture();
  auto shared = std::make_shared<const vector::Drawing>(f.drawing);
  paint::FillOptions o;
  for (auto _ : state) {
    paint::PaintedDrawing pd = paint::paint_drawing(shared, f.palette, o);
    raster::Cel cel = paint::render_painted(pd, f.palette, "", core::Affine::scale(1.5, 1.5), {0, 0, 1920, 1080});
    benchmark::DoNotOptimize(cel.pixels.row(0));
  }
}
BENCHMARK(BM_PaintWholeDrawingAndRender1080p)->Unit(benchmark::kMillisecond);

}  // namespace
