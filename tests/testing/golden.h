#pragma once
/// Golden-image comparison for tests, with three tolerances (OpenImageIO's idtiff style): a
/// per-channel difference a pixel may have and still count as equal, the share of pixels allowed
/// past it, and a hard maximum no pixel may exceed.
///
/// A failing comparison writes `<case>.actual.png` and `<case>.diff.png` into the build tree.
/// `SAKUGA_UPDATE_GOLDENS=1` rewrites the golden instead of comparing: an explicit, reviewed act.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/image.h"

namespace sakuga::testing {

struct Tolerance {
  int per_channel = 2;
  double max_share = 0.002;
  int hard_max = 48;
};

/// Compares a straight-alpha image with tests/golden/<name>/expected.png.
::testing::AssertionResult matches_golden(core::ImageView<const core::Rgba8> actual, const std::string& name,
                                          Tolerance tol = {});

/// The source tree (for test material) and a fresh scratch directory in the build tree.
std::filesystem::path source_dir();
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace sakuga::testing
