#pragma once
/// The colour model as a picture: one row per style with its name, its colour as a swatch and hex,
/// and a swatch per variant (blank where the variant keeps the base colour).

#include <string>

#include "core/image.h"
#include "paint/palette.h"

namespace sakuga::paint {

/// Straight RGBA, opaque; styles in blocks of 160 side by side. Empty when the model is too large
/// for one picture (32000 px wide).
core::Image<core::Rgba8> palette_sheet(const Palette& palette, const std::string& title);

}  // namespace sakuga::paint
