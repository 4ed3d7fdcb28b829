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
/// - `o` (or `○`) and `*` (or `●`) hold the previous cell too, with the sheet's two marks on their
///   first frame (XDTS's SYMBOL_TICK_1 and SYMBOL_TICK_2: the in-between ○ and the ● mark).
/// - `@N` changes `on` from here on: `@3 1 2 3 @2 4 5` is 1, 2, 3 on 3s, then 4, 5 on 2s.
/// - The last cell holds to the end of the cut (as XDTS does).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/time.h"

namespace sakuga::timesheet {

/// The two marks a sheet draws on a held frame.
enum class Mark : uint8_t { kNone, kTick1, kTick2 };

/// One cell as written (a change point), with where it was written.
struct Cell {
  std::optional<std::string> drawing;  ///< nullopt for a blank
  int64_t start_frame = 0;
  int64_t frames = 0;
  Mark mark = Mark::kNone;  ///< drawn on start_frame
  bool held = false;        ///< continues the previous cell (written `o` or `*`): no new exposure
  size_t offset = 0;        ///< byte offset of the token in the column text (native notation)
  core::SourcePos pos;      ///< where it was written, when the reader knows
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
  /// The mark drawn on `frame`.
  Mark mark_at(int64_t frame) const;
};

/// Parses a column. `on` is the default exposure per cell (>= 1). Returns every problem found.
Column parse_column(std::string_view text, int64_t on, core::Rational rate, std::vector<ColumnError>& errors);

/// True for a name a drawing may have in the notation: not a symbol (`x`, `o`, `-`, `*`, `@...`,
/// XDTS's `SYMBOL_...`), no spaces, ':' or path separators, not starting with '.'.
bool valid_drawing_name(std::string_view name);

/// The exposure per cell that makes `column` shortest to write: its most common cell length.
int64_t usual_on(const Column& column);

/// Writes `column` in the notation with `on` frames per plain cell (the layer's `on`; prefix
/// "@N " to carry it in the text itself). Each second of the sheet
/// starts a new line when the column spans more than two seconds, so a change diffs as one line.
std::string format_column(const Column& column, int64_t on, core::Rational rate);

}  // namespace sakuga::timesheet
