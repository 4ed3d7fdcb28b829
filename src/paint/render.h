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
