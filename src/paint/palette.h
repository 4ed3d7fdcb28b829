#pragma once
/// Colour models: the named colours (styles) a character or prop is painted with, and variants
/// (evening, night) a cut can select. The form a designer writes:
///
///     [colors]
///     line = "#1e1a24"
///     skin = "#f7dcc8"
///     "cloth.shadow" = "#8e2f2a"
///     "trace.shadow" = "#3a6bd6"
///     trace = ["trace.shadow"]          # optional: colour trace lines (they bound regions, then vanish)
///
///     [variants.night.colors]
///     skin = "#8f92b8"
///
/// Colours are #rgb, #rrggbb or #rrggbbaa. A variant only lists what changes. GIMP palettes
/// (`.gpl`) read too: each entry's name is a style.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/image.h"

namespace sakuga::paint {

/// The most styles a colour model may have (a cel holds 4095 styles: the model's and the drawings'
/// own colours).
inline constexpr size_t kMaxPaletteStyles = 2048;

struct Style {
  std::string name;
  core::Rgba8 color;  ///< straight
  bool trace = false;  ///< a colour trace line: bounds regions, then takes the colour beside it
  core::SourcePos pos;
};

class Palette {
 public:
  std::vector<Style> styles;  ///< in the file's order
  std::map<std::string, std::map<std::string, core::Rgba8>> variants;  ///< variant -> style -> colour

  /// The style called `name`, or nullopt.
  std::optional<size_t> find(std::string_view name) const;
  /// The colour of style `index` under `variant` ("" for the base colours).
  core::Rgba8 color(size_t index, std::string_view variant) const;
  bool has_variant(std::string_view name) const { return name.empty() || variants.count(std::string(name)); }
  /// The style whose base colour is closest to `c` (RGB distance at most `tolerance`), preferring
  /// an exact match; nullopt when none is that close.
  std::optional<size_t> nearest(core::Rgba8 c, int tolerance) const;
  /// A hash of everything that decides a painted picture (colours, traces, variants).
  std::string fingerprint() const;
};

/// Parses "#rgb", "#rrggbb" or "#rrggbbaa".
std::optional<core::Rgba8> parse_color(std::string_view text);
std::string format_color(core::Rgba8 c);

/// Reads a palette, `.toml` or `.gpl` by the path's extension. Every problem is a diagnostic with
/// its position; nullopt if any was an error.
std::optional<Palette> read_palette(const core::SourceText& src, core::DiagnosticSink& sink);

}  // namespace sakuga::paint
