// PuppetBench report: in-betweening against its two baselines on puppet key pairs (ALGORITHMS.md
// §6.1-6.2). For gaps of 1 to 5 in-betweens, every in-between of every pair is scored against the
// forward-kinematics truth: symmetric chamfer distance over line pixels at 1920x1080 (mean, and
// the 95th percentile), and the share of strokes paired right.
//
//   sakuga_puppetbench [PAIRS] [REACH]     (default 8 pairs, joints at up to 0.5 of their range)
//
// PUPPET_DUMP=DIR writes each pair's keys, truth and result at 0.5 (and a picture of the truth under
// the result) and names every stroke paired wrong and every in-between off by more than the
// targets; PUPPET_ONLY=N looks at pair N alone; PUPPET_MATCH_ONLY=1 skips the chamfer distances.
#include <cstdio>
#include <cstdlib>
#include <random>

#include "core/fs.h"
#include "inbetween/inbetween.h"
#include "raster/png_io.h"
#include "raster/rasterizer.h"
#include "vector/svg_writer.h"
#include "puppet.h"

using namespace sakuga;

namespace {

// The baseline that pairs strokes by drawing order: stroke i with stroke i, points straight
// across, whichever way each was drawn.
vector::Drawing by_order(const vector::Drawing& a, const vector::Drawing& b, double t) {
  vector::Drawing out = a;
  for (size_t s = 0; s < a.shapes.size() && s < b.shapes.size(); ++s) {
    for (size_t c = 0; c < a.shapes[s].contours.size() && c < b.shapes[s].contours.size(); ++c) {
      const int n = 200;
      auto pa = inbetween::resample(a.shapes[s].contours[c], n), pb = inbetween::resample(b.shapes[s].contours[c], n);
      vector::Contour out_c;
      out_c.closed = a.shapes[s].contours[c].closed;
      out_c.points.push_back(inbetween::to_vec(pa[0] + t * (pb[0] - pa[0])));
      for (int i = 1; i < n; ++i) {
        vector::line_to(out_c, inbetween::to_vec(pa[static_cast<size_t>(i)] + t * (pb[static_cast<size_t>(i)] - pa[static_cast<size_t>(i)])));
      }
      out.shapes[s].contours[c] = out_c;
    }
  }
  return out;
}

struct Tally {
  double sum = 0, worst_mean = 0, worst_p95 = 0;
  int n = 0;
  void add(const puppet::Chamfer& c) {
    sum += c.mean;
    worst_mean = std::max(worst_mean, c.mean);
    worst_p95 = std::max(worst_p95, c.p95);
    ++n;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const int pairs = argc > 1 ? std::atoi(argv[1]) : 8;
  const double reach = argc > 2 ? std::atof(argv[2]) : 0.5;
  const int only = std::getenv("PUPPET_ONLY") ? std::atoi(std::getenv("PUPPET_ONLY")) : -1;  // one pair, to debug
  puppet::Puppet rig(1);
  std::mt19937 rng(2024);
  Tally ours[6], nearest[6], order[6];
  int strokes = 0, right = 0, order_right = 0;
  for (int pair = 0; pair < pairs; ++pair) {
    puppet::Pose pa = rig.random_pose(rng, reach, 60), pb = rig.random_pose(rng, reach, 60);
    vector::Drawing a = rig.draw(pa), b_clean = rig.draw(pb);
    std::vector<int> from;
    vector::Drawing b = puppet::scramble(b_clean, rng, &from);
    if (only >= 0 && pair != only) continue;
    inbetween::Inbetweener ib(a, b);
    if (const char* dump = std::getenv("PUPPET_DUMP")) {  // the keys, the truth and ours at 0.5, to look at
      core::DiskFileSystem disk;
      std::string base = std::string(dump) + "/pair" + std::to_string(pair);
      (void)disk.write_file(base + "_a.svg", vector::write_svg(a));
      (void)disk.write_file(base + "_b.svg", vector::write_svg(b));
      (void)disk.write_file(base + "_truth.svg", vector::write_svg(rig.draw(puppet::Puppet::mix(pa, pb, 0.5))));
      (void)disk.write_file(base + "_ours.svg", vector::write_svg(ib.at(0.5)));
      // Truth in green under ours in magenta.
      core::Image<core::Rgba8> img(1920, 1080);
      for (int y = 0; y < 1080; ++y) {
        for (int x = 0; x < 1920; ++x) img.at(x, y) = {255, 255, 255, 255};
      }
      auto paint = [&](vector::Drawing d, core::Rgba8 c) {
        for (auto& sh : d.shapes) sh.stroke = c, sh.fill.reset();
        raster::Cel cel = raster::rasterize(d, core::Affine(), {0, 0, 1920, 1080});
        for (int y = 0; y < cel.pixels.height(); ++y) {
          for (int x = 0; x < cel.pixels.width(); ++x) {
            core::Rgba8 s = cel.pixels.at(x, y);
            core::Rgba8& o = img.at(cel.x + x, cel.y + y);
            auto ov = [&](uint8_t a, uint8_t b) { return static_cast<uint8_t>(a + b * (255 - s.a) / 255); };
            o = {ov(s.r, o.r), ov(s.g, o.g), ov(s.b, o.b), 255};
          }
        }
      };
      paint(rig.draw(puppet::Puppet::mix(pa, pb, 0.5)), {40, 200, 60, 255});
      paint(ib.at(0.5), {220, 30, 200, 255});
      (void)disk.write_file(base + "_check.png", *raster::encode_png(img.cview()));
    }
    for (size_t i = 0; i < ib.strokes_a().size(); ++i) {
      int j = ib.match().b_of_a[i];
      ++strokes;
      if (j >= 0 && from[ib.strokes_b()[static_cast<size_t>(j)].shape] == static_cast<int>(ib.strokes_a()[i].shape)) {
        ++right;
      } else if (std::getenv("PUPPET_DUMP")) {
        std::fprintf(stderr, "pair %d: %s went to %s\n", pair, a.shapes[ib.strokes_a()[i].shape].id.c_str(),
                     j < 0 ? "nothing" : b.shapes[ib.strokes_b()[static_cast<size_t>(j)].shape].id.c_str());
      }
      if (i < from.size() && from[i] == static_cast<int>(i)) ++order_right;
    }
    for (int gap = 1; gap <= 5 && !std::getenv("PUPPET_MATCH_ONLY"); ++gap) {
      for (int k = 1; k <= gap; ++k) {
        double t = static_cast<double>(k) / (gap + 1);
        vector::Drawing truth = rig.draw(puppet::Puppet::mix(pa, pb, t));
        puppet::Chamfer c = puppet::chamfer(ib.at(t), truth);
        ours[gap].add(c);
        if (std::getenv("PUPPET_DUMP") && (c.p95 > 3 || c.mean > 1)) {
          std::fprintf(stderr, "pair %d gap %d t %.3f: mean %.2f p95 %.2f\n", pair, gap, t, c.mean, c.p95);
        }
        nearest[gap].add(puppet::chamfer(t < 0.5 ? a : b, truth));
        order[gap].add(puppet::chamfer(by_order(a, b, t), truth));
      }
    }
  }
  std::printf("PuppetBench: %d key pairs, %zu strokes a drawing, joints at up to %.0f%% of their range, 1920x1080\n",
              pairs, rig.draw(rig.random_pose(rng, 0, 0)).shapes.size(), reach * 100);
  std::printf("chamfer distance over line pixels, px: mean over in-betweens / worst in-between mean / worst p95\n\n");
  std::printf("%-5s %-28s %-28s %-28s\n", "gap", "sakuga", "nearest key", "pair by drawing order");
  for (int gap = 1; gap <= 5; ++gap) {
    auto cell = [](const Tally& t) {
      static char buf[4][64];
      static int i = 0;
      char* b = buf[i++ % 4];
      std::snprintf(b, 64, "%6.3f / %6.3f / %6.3f", t.sum / t.n, t.worst_mean, t.worst_p95);
      return b;
    };
    std::printf("%-5d %-28s %-28s %-28s\n", gap, cell(ours[gap]), cell(nearest[gap]), cell(order[gap]));
  }
  std::printf("\nstrokes paired right: sakuga %.2f%%, nearest key n/a, drawing order %.2f%%\n", 100.0 * right / strokes,
              100.0 * order_right / strokes);
  return 0;
}
