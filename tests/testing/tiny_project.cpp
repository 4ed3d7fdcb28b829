#include "testing/tiny_project.h"

#include <cmath>
#include <vector>

#include "audio/audio_file.h"
#include "raster/png_io.h"

namespace sakuga::testing {

std::string circle_svg(int cx, int cy, const char* fill) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\">\n"
         "  <circle cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\" r=\"8\" fill=\"" + fill +
         "\" stroke=\"#1e1a24\" stroke-width=\"2\"/>\n</svg>\n";
}

void write_tiny_project(core::FileSystem& fs, const std::filesystem::path& root) {
  auto put = [&](const std::string& rel, const std::string& bytes) {
    if (!fs.write_file(root / rel, bytes).is_ok()) std::abort();
  };
  put("sakuga.toml",
      "title = \"Tiny\"\n"
      "frame_rate = \"24\"\n"
      "resolution = [64, 48]\n"
      "cuts = [\"c001\", \"c002\"]\n");
  put("cuts/c001/cut.toml",
      "duration = \"0+12\"\n"
      "background = \"bg/field.png\"\n"
      "\n"
      "[[camera]]\n"
      "frame = 0\n"
      "x = 32\n"
      "y = 24\n"
      "\n"
      "[[camera]]\n"
      "frame = 11\n"
      "x = 64\n"
      "y = 24\n"
      "\n"
      "[[layers]]\n"
      "name = \"A\"\n"
      "on = 4\n"
      "\n"
      "[sheet]\n"
      "A = \"1 2 1\"\n"
      "\n"
      "[[sound]]\n"
      "file = \"sound/beep.wav\"\n"
      "frame = 3\n");
  put("cuts/c001/A/1.svg", circle_svg(20, 24, "#f7dcc8"));
  put("cuts/c001/A/2.svg", circle_svg(44, 24, "#d9534f"));
  put("cuts/c002/cut.toml",
      "duration = 6\n"
      "background = \"bg/sky.svg\"\n"
      "\n"
      "[[layers]]\n"
      "name = \"A\"\n"
      "\n"
      "[sheet]\n"
      "A = \"1\"\n");
  put("cuts/c002/A/1.svg", circle_svg(32, 30, "#8e2f2a"));
  put("bg/sky.svg", "<svg width=\"64\" height=\"48\"><rect width=\"64\" height=\"48\" fill=\"#87ceeb\"/></svg>\n");
  core::Image<core::Rgba8> bg(128, 48);
  for (int y = 0; y < 48; ++y) {
    for (int x = 0; x < 128; ++x) bg.at(x, y) = {uint8_t(x * 2), uint8_t(100 + y), 90, 255};
  }
  put("bg/field.png", *raster::encode_png(bg.cview()));
  auto w = audio::WavWriter::create(fs, root / "sound/beep.wav", 48000, 1);
  std::vector<float> beep(4800);
  for (size_t i = 0; i < beep.size(); ++i) beep[i] = 0.3f * static_cast<float>(std::sin(i * 0.1));
  if (!w.is_ok() || !(*w)->write(beep).is_ok() || !(*w)->commit().is_ok()) std::abort();
}

}  // namespace sakuga::testing
