#include "testing/golden.h"

#include <cstdlib>

#include "core/fs.h"
#include "raster/png_io.h"

namespace sakuga::testing {

namespace fs = std::filesystem;

fs::path source_dir() {
  const char* s = std::getenv("SAKUGA_SOURCE_DIR");
  return s ? fs::path(s) : fs::path(SAKUGA_SOURCE_DIR_DEFAULT);
}

fs::path scratch_dir(const std::string& name) {
  const char* b = std::getenv("SAKUGA_BINARY_DIR");
  fs::path dir = (b ? fs::path(b) : fs::temp_directory_path()) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

::testing::AssertionResult matches_golden(core::ImageView<const core::Rgba8> actual, const std::string& name,
                                          Tolerance tol) {
  core::DiskFileSystem disk;
  fs::path golden = source_dir() / "tests" / "golden" / name / "expected.png";
  auto encoded = raster::encode_png(actual, {.compression = 9});
  if (!encoded.is_ok()) return ::testing::AssertionFailure() << encoded.status().message();
  if (const char* u = std::getenv("SAKUGA_UPDATE_GOLDENS"); u && std::string(u) == "1") {
    core::Status s = disk.write_file(golden, *encoded);
    if (!s.is_ok()) return ::testing::AssertionFailure() << s.message();
    return ::testing::AssertionSuccess() << "updated " << golden;
  }
  auto bytes = disk.read_file(golden);
  if (!bytes.is_ok()) {
    return ::testing::AssertionFailure() << "no golden " << golden << " (run with SAKUGA_UPDATE_GOLDENS=1 to create)";
  }
  auto expected = raster::decode_png(*bytes);
  if (!expected.is_ok()) return ::testing::AssertionFailure() << golden << ": " << expected.status().message();
  const auto& e = expected->pixels;
  if (e.width() != actual.width() || e.height() != actual.height()) {
    return ::testing::AssertionFailure() << "size " << actual.width() << "x" << actual.height() << ", golden is "
                                         << e.width() << "x" << e.height();
  }
  core::Image<core::Rgba8> diff(actual.width(), actual.height());
  int64_t over = 0;
  int worst = 0;
  for (int y = 0; y < actual.height(); ++y) {
    for (int x = 0; x < actual.width(); ++x) {
      core::Rgba8 a = actual.at(x, y), g = e.at(x, y);
      int d = std::max({std::abs(a.r - g.r), std::abs(a.g - g.g), std::abs(a.b - g.b), std::abs(a.a - g.a)});
      worst = std::max(worst, d);
      if (d > tol.per_channel) ++over;
      uint8_t v = static_cast<uint8_t>(std::min(255, d * 8));
      diff.at(x, y) = {v, v, v, 255};
    }
  }
  double share = static_cast<double>(over) / (static_cast<double>(actual.width()) * actual.height());
  if (share <= tol.max_share && worst <= tol.hard_max) return ::testing::AssertionSuccess();
  fs::path out = scratch_dir("golden-failures") / name;
  fs::create_directories(out.parent_path());
  (void)disk.write_file(fs::path(out.string() + ".actual.png"), *encoded);
  (void)disk.write_file(fs::path(out.string() + ".diff.png"), *raster::encode_png(diff.view()));
  return ::testing::AssertionFailure() << name << ": " << share * 100 << "% of pixels differ by more than "
                                       << tol.per_channel << " (allowed " << tol.max_share * 100
                                       << "%), worst " << worst << " (allowed " << tol.hard_max
                                       << "); actual and diff in " << out.parent_path();
}

}  // namespace sakuga::testing
