#pragma once
/// Indexed cels: what ink and paint make of a drawing, kept apart per pixel in the spirit of
/// OpenToonz's ink/paint pixels, so a palette change or a variant recolours without filling again.
/// RGBA exists only when the cel is composited (to_rgba).
///
/// A pixel packs three things in 32 bits:
///
///     31        20 19         8 7      0
///     [ ink style ][ paint style ][ tone ]
///
/// ink: the style of the line over the pixel; paint: the style of the area under it; tone: the
/// line's coverage, 0 (no line) to 255 (solid line). Style 0 is "none".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/image.h"
#include "paint/palette.h"

namespace sakuga::paint {

/// A style a cel uses: a palette style by name, or a colour of its own (a line or fill in a colour
/// the model does not have).
struct CelStyle {
  std::string name;     ///< the palette's style; empty for a literal colour
  core::Rgba8 literal;  ///< straight; the colour when `name` is empty
};

inline constexpr uint32_t kMaxCelStyles = 4095;

/// The style a paint mark names to keep a closed region clear on purpose (the background showing
/// between an arm and the body): it paints nothing, and QA takes the region as done.
inline constexpr std::string_view kClearStyle = "none";

class IndexedCel {
 public:
  IndexedCel() = default;
  IndexedCel(int width, int height) : width_(width), height_(height), px_(static_cast<size_t>(width) * height, 0) {}

  int width() const { return width_; }
  int height() const { return height_; }
  uint32_t* row(int y) { return px_.data() + static_cast<size_t>(y) * width_; }
  const uint32_t* row(int y) const { return px_.data() + static_cast<size_t>(y) * width_; }

  static uint32_t pack(uint32_t ink, uint32_t paint, uint32_t tone) { return ink << 20 | paint << 8 | tone; }
  static uint32_t ink(uint32_t p) { return p >> 20; }
  static uint32_t paint(uint32_t p) { return (p >> 8) & 0xFFF; }
  static uint32_t tone(uint32_t p) { return p & 0xFF; }

  /// Style ids are 1-based indexes into styles; 0 is none.
  std::vector<CelStyle> styles;
  /// The id of the palette style `name` (added on first use).
  uint32_t named(std::string_view name);
  /// The id of a literal colour (added on first use).
  uint32_t literal(core::Rgba8 c);

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<uint32_t> px_;
};

/// The colour of each of the cel's styles under `palette` and `variant`, premultiplied, with id 0
/// transparent; and which are colour trace lines.
struct StyleColors {
  std::vector<core::Rgba8> color;
  std::vector<bool> trace;
};
StyleColors resolve_styles(const std::vector<CelStyle>& styles, const Palette& palette, std::string_view variant);

/// The cel in colour: paint under the ink at the ink's coverage; a colour trace line shows the
/// paint under it. Straight alpha, transparent where neither ink nor paint is.
core::Image<core::Rgba8> to_rgba(const IndexedCel& cel, const Palette& palette, std::string_view variant);

}  // namespace sakuga::paint
