#pragma once
/// A cel layer's timesheet column in Sakuga's native notation, and its per-frame exposure.
///
/// The notation is a whitespace-separated list of cells, read top to bottom like the sheet:
///
///     "1 2 3 2 1:12 x:6 4"        with the layer's `on = 2`
///
///     frame  0 1 | 2 3 | 4 5 | 6 7 | 8 .. 19 | 20 .. 25 | 26 ...
///     shows  1 1 | 2 2 | 3 3 | 2 2 | 1  ..   | (blank)  | 4 4 ... held to the end of the cut
///
/// - `NAME` exposes drawing NAME (`3`, `3a`, `mouth_open`) for `on` frames (1s, 2s, 3s).
/// - `NAME:D` exposes it for D frames; D is frames (`12`) or seconds+frames (`1+6`).
/// - `x` (or `×`) is a blank: nothing of this layer shows. `x:D` for D frames.
/// - `-` holds the previous cell for `on` frames more; `-:D` for D frames.
/// - The last cell holds to the end of the cut (as XDTS does).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace sakuga::timesheet {

/// One cell as written, with where it was written.
struct Cell {
  std::optional<std::string> drawing;  ///< nullopt for a blank
  int64_t start_frame = 0;
  int64_t frames = 0;
  size_t offset = 0;  ///< byte offset of the token in the column text
};

struct ColumnError {
  size_t offset = 0;
  std::string message;
};

/// A parsed column: the change points as written (the authoring form).
struct Column {
  std::vector<Cell> cells;
  int64_t written_frames() const { return cells.empty() ? 0 : cells.back().start_frame + cells.back().frames; }

  /// The drawing shown at `frame` (0-based), or nullopt for a blank. Frames past the last cell show
  /// the last cell (hold to the end).
  std::optional<std::string> drawing_at(int64_t frame) const;
};

/// Parses a column. `on` is the default exposure per cell (>= 1). Returns every problem found.
Column parse_column(std::string_view text, int64_t on, core::Rational rate, std::vector<ColumnError>& errors);

}  // namespace sakuga::timesheet
