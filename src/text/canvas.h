#pragma once
/// A canvas for cards, sheets and labels: filled shapes, images and shaped text over an RGBA
/// picture. Text is laid out by Pango (HarfBuzz shaping, fontconfig fallback) in Noto Sans CJK,
/// which Debian's fonts-noto-cjk installs and which covers Latin, kana and kanji alike; lines wrap
/// at word boundaries and, in Japanese, between characters as the line-breaking rules allow.
///
/// Deterministic: hinting is off and glyph positions are not rounded, so the same text gives the
/// same pixels at any size and on any thread. A canvas is used by one thread at a time.

#include <memory>
#include <string>
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
  /// A PDF document whose pages are width x height points (1/72 inch); draw, then next_page(),
  /// and finish() for the bytes. image() is not available on it.
  static std::unique_ptr<Canvas> pdf(double width_pt, double height_pt);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  /// False when the surface could not be made (too large, out of memory): drawing does nothing
  /// and image() is empty.
  bool ok() const;
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

  /// Draws a text line turned to run down the page from (x, y), its top at the right, as a
  /// Japanese sheet writes dialogue: kana and kanji stand upright, Latin lies on its side. Wraps
  /// into further columns to the left when longer than `length`. Returns the width it takes.
  double draw_text_vertical(std::string_view text, const Style& style, double x_right, double y, double length);

  void line(double x0, double y0, double x1, double y1, core::Rgba8 color, double width);
  void circle(double cx, double cy, double r, core::Rgba8 color, double width);
  void fill_circle(double cx, double cy, double r, core::Rgba8 color);

  /// Scales and moves everything drawn afterwards (user units to pixels or points), as cairo does.
  void scale(double s);
  void translate(double dx, double dy);
  void save();
  void restore();

  /// PDF: ends the current page and starts the next.
  void next_page();
  /// PDF: ends the document and returns its bytes.
  std::string finish();

  /// The picture: premultiplied RGBA.
  core::Image<core::Rgba8> image() const;

 private:
  Canvas() = default;
  void set_up_text();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace sakuga::text
