#pragma once
/// Binary masks as runs (row by row, half-open [x0, x1) spans of set pixels), and the operations
/// the painter needs on them: complement, dilation by a disc, a 2x2 opening, and connected
/// components. Line art is mostly empty, so a 1080p mask is tens of thousands of runs rather than
/// two million pixels, and every operation here costs in runs, not pixels.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sakuga::paint {

struct Run {
  int32_t x0 = 0, x1 = 0;  ///< set pixels x0 <= x < x1
};

struct RunMask {
  int width = 0;
  int height = 0;
  std::vector<Run> runs;          ///< row by row, left to right
  std::vector<uint32_t> row_start;  ///< runs of row y are [row_start[y], row_start[y + 1])

  size_t row_begin(int y) const { return row_start[static_cast<size_t>(y)]; }
  size_t row_end(int y) const { return row_start[static_cast<size_t>(y) + 1]; }
  int64_t area() const;
};

/// The runs of pixels with `value >= threshold` in a `width` x `height` byte image (rows of
/// `stride` bytes).
RunMask threshold_runs(const uint8_t* pixels, int width, int height, ptrdiff_t stride, uint8_t threshold);

/// Pixels not in `m`.
RunMask complement(const RunMask& m);

/// Pixels closer than `radius` (Euclidean, pixel centre to pixel centre) to a pixel of `m`.
RunMask dilate_disc(const RunMask& m, double radius);

/// `m` without the parts no 2x2 square fits in (erosion then dilation by a 2x2 square): a passage
/// one pixel wide disappears.
RunMask open_2x2(const RunMask& m);

/// Connected components of the runs, 4- or 8-connected. `label[i]` is run i's component, numbered
/// 0, 1, 2... in the order the components are first met (top to bottom, left to right).
struct RunLabels {
  std::vector<uint32_t> label;
  uint32_t count = 0;
};
RunLabels label_runs(const RunMask& m, bool eight_connected);

}  // namespace sakuga::paint
