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
#include <memory>
#include <string>
#include <utility>
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
  /// The pixels are left uninitialised: whoever makes the cel writes every one.
  IndexedCel(int width, int height) : width_(width), height_(height), px_(static_cast<size_t>(width) * height) {}

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
  /// The id of the palette style `name` (added on first use); 0 when the table is full.
  uint32_t named(std::string_view name);
  /// The id of a literal colour (added on first use); when the table is full, the nearest literal's.
  uint32_t literal(core::Rgba8 c);

 private:
  // Allocates without zeroing: a 1080p cel is 8 MB, written in full by its maker.
  template <typename T>
  struct NoInit : std::allocator<T> {
    template <typename U>
    struct rebind {
      using other = NoInit<U>;
    };
    template <typename U>
    void construct(U* p) noexcept {
      ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  };
  int width_ = 0;
  int height_ = 0;
  std::vector<uint32_t, NoInit<uint32_t>> px_;
};

/// The paint of a drawing's regions on its canvas, as runs of equal paint per row: a 1080p cel
/// is a few hundred kilobytes rather than megabytes, so every drawing of an episode can stay.
class PaintMap {
 public:
  PaintMap() = default;
  /// An empty map to which rows are added in order with add_row.
  PaintMap(int width, int height);
  /// From per-pixel paint ids.
  PaintMap(const uint16_t* paint, int width, int height);
  /// Appends the next row's paint ids (`width` of them).
  void add_row(const uint16_t* paint);
  int width() const { return width_; }
  int height() const { return height_; }
  /// Appends a row with no paint.
  void add_empty_row();
  /// The paint at a canvas pixel (0 outside the canvas).
  uint16_t at(int x, int y) const;
  /// Whether row y has any paint.
  bool row_painted(int y) const;
  /// Row y's paint, `width` ids, into `out`.
  void expand_row(int y, uint16_t* out) const;
  size_t bytes() const { return segs_.size() * sizeof(Seg) + row_start_.size() * sizeof(uint32_t); }

 private:
  struct Seg {
    int32_t x1;  ///< the segment ends before x1; it starts where the previous ended
    uint16_t paint;
  };
  int width_ = 0, height_ = 0;
  std::vector<uint32_t> row_start_;
  std::vector<Seg> segs_;
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
