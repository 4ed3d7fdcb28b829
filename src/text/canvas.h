#pragma once
/// A canvas for cards, sheets and labels: filled shapes, images and shaped text over an RGBA
/// picture. Text is laid out by Pango (HarfBuzz shaping, fontconfig fallback) in Noto Sans CJK,
/// which Debian's fonts-noto-cjk installs and which covers Latin, kana and kanji alike; lines wrap
/// at word boundaries and, in Japanese, between characters as the line-breaking rules allow.
///
/// Deterministic: hinting is off and glyph positions are not rounded, so the same text gives the
/// same pixels at any size and on any thread. A canvas is used by one thread at a time.

#include <memory>
#include <string_view>

#include "core/geometry.h"
#include "core/image.h"

namespace sakuga::text {

enum class Align { kLeft, kCenter, kRight };

struct Style {
  double size_px = 32;  ///< em size in pixels
  bool bold = false;
  bool italic = false;
  core::Rgba8 color{24, 22, 28, 255};  ///< straight (not premultiplied)
  Align align = Align::kLeft;
  double line_spacing = 1.0;  ///< multiple of the font's natural line height
  bool tabular = false;       ///< digits of equal width, for timecodes and counters
};

class Canvas {
 public:
  /// A transparent canvas of width x height pixels.
  Canvas(int width, int height);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }

  /// Fills the whole canvas.
  void clear(core::Rgba8 color);
  /// Fills a rectangle, with rounded corners when `radius_px` > 0. Colours are straight RGBA.
  void fill_rect(const core::RectD& r, core::Rgba8 color, double radius_px = 0);
  void stroke_rect(const core::RectD& r, core::Rgba8 color, double width_px);
  /// Draws a premultiplied image scaled to fit inside `box`, centred, keeping its aspect ratio.
  /// Returns the rectangle it covers.
  core::RectD draw_image_fit(core::ImageView<const core::Rgba8> image, const core::RectD& box);

  /// The height `text` takes laid out in a column `width_px` wide (unwrapped when <= 0).
  double measure(std::string_view text, const Style& style, double width_px);
  /// The width of the widest line of `text`, unwrapped.
  double measure_width(std::string_view text, const Style& style);
  /// How many characters of `text` no installed font can show (they would print as boxes).
  int missing_glyphs(std::string_view text, const Style& style);
  /// Draws `text` with its top-left at (x, y) in a column `width_px` wide; returns its height.
  double draw_text(std::string_view text, const Style& style, double x, double y, double width_px);

  /// The picture: premultiplied RGBA.
  core::Image<core::Rgba8> image() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace sakuga::text
