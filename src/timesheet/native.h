#pragma once
/// Sakuga's native sheet in TOML: the sheet parts of a cut.toml, or a standalone sheet file with the
/// same shape (`sakuga timesheet convert` writes one):
///
///     title = "Yuugure"          # standalone files only: title, episode, scene, cut, duration
///     cut = "c002"
///     duration = "4+0"
///
///     [[layers]]                 # bottom to top; `on` = frames per plain cell
///     name = "A"
///     on = 2
///
///     [sheet]                    # the cel columns (column.h)
///     A = "1:8 2 3 2 3 o 2 1"
///
///     [[timing]]                 # timing charts (timing.h)
///     layer = "A"
///     chart = "(1) 2 (3)"
///     spacing = "ease-in"        # even | ease-in | ease-out | ease-in-out | "favour 3" | [0.2, 0.5]
///
///     [[dialogue]]               # the dialogue column
///     speaker = "MIO"
///     text = "Hey! Up here!"
///     frame = "0+6"
///     length = "1+8"
///     track = 1                  # dialogue column; lines in one column may not overlap
///
///     [[camerawork]]             # the camera column
///     text = "T.U."
///     frame = 0
///     length = "1+18"
///
///     [[sound]]                  # the SE column (a cut.toml names the file instead)
///     name = "whoosh"
///     frame = 12

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/toml_file.h"
#include "timesheet/sheet.h"

namespace sakuga::timesheet {

/// A cel layer a cut declares (its column's name and default exposure).
struct LayerDecl {
  std::string name;
  int64_t on = 1;
};

struct NativeOptions {
  core::Rational rate{24, 1};
  /// True for a standalone sheet file; false inside a cut.toml, whose reader handles the cut's own
  /// keys (duration, layers, sound) and passes `layers` and `duration` here.
  bool standalone = true;
  std::vector<LayerDecl> layers;  ///< cut.toml only: the declared layers, bottom to top
  int64_t duration = 0;           ///< cut.toml only: the cut's length (0 = unknown)
};

/// One [[layers]] entry's name and `on`, reporting a missing name, a name in `seen` already and a
/// bad `on`; nullopt when the entry has no usable name.
std::optional<LayerDecl> read_layer_decl(core::TomlFile& f, const toml::table& t, std::set<std::string>& seen);

/// Reads the sheet parts of `f` into `out`, reporting every problem to f's sink. A string `sheet`
/// (a path to a sheet file) is left to the caller.
void read_native(core::TomlFile& f, const NativeOptions& opt, Sheet& out);

/// A standalone native sheet file for `sheet`.
std::string write_native(const Sheet& sheet);

}  // namespace sakuga::timesheet
