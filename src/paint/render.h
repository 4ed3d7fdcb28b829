#pragma once
/// A drawing painted once on its own canvas, drawn into frames at any camera: the paint of its
/// regions comes from the indexed cel, the lines and closed fills are drawn again at the frame's
/// transform (so a camera move or a track-up keeps them crisp) in the colours of the model and the
/// variant, and colour trace lines are not drawn at all.

#include <memory>
#include <string_view>

#include "core/geometry.h"
#include "paint/fill.h"
#include "paint/lineart.h"
#include "paint/qa.h"
#include "raster/rasterizer.h"
#include "vector/drawing.h"

namespace sakuga::paint {

/// The paint of a drawing's regions on its canvas, as runs of equal paint per row: a 1080p cel
/// is a few hundred kilobytes rather than megabytes, so every drawing of an episode can stay.
class PaintMap {
 public:
  PaintMap() = default;
  /// From per-pixel paint ids.
  PaintMap(const uint16_t* paint, int width, int height);
  int width() const { return width_; }
  int height() const { return height_; }
  /// The paint at a canvas pixel (0 outside the canvas).
  uint16_t at(int x, int y) const;
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

struct PaintedDrawing {
  std::shared_ptr<const vector::Drawing> drawing;
  std::vector<CelStyle> styles;      ///< the cel's styles: ids index them from 1
  PaintMap regions;                  ///< the regions' paint (marks only) on the canvas
  std::vector<uint32_t> fill_style;  ///< per shape: the cel style of its closed fill, 0 for none
  std::vector<uint32_t> ink_style;   ///< per shape: the cel style of its stroke, 0 for none
  QaReport qa;
};

/// Fills `drawing` with `palette` once.
PaintedDrawing paint_drawing(std::shared_ptr<const vector::Drawing> drawing, const Palette& palette,
                             const FillOptions& fill_options, const LineArtOptions& art_options = {});

/// The painted drawing through `to_pixels` (canvas units to target pixels), clipped: what
/// raster::rasterize gives for an unpainted drawing. Deterministic.
raster::Cel render_painted(const PaintedDrawing& painted, const Palette& palette, std::string_view variant,
                           const core::Affine& to_pixels, const core::RectI& clip);

}  // namespace sakuga::paint
