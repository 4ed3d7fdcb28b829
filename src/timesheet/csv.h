#pragma once
/// The timesheet as a spreadsheet (CSV, RFC 4180): one row per frame, as on paper.
///
///     frame,A,B,dialogue,camera,se
///     1,1,x,AOI: Hai.,FIX,
///     2,,,|,|,
///     3,2,,|,,whoosh
///     4,,1,,,
///
/// - `frame` counts from 1 (a paper sheet's row numbers) and must run 1, 2, 3... one row a frame.
/// - A cel column (any other header) holds a drawing where a new one is exposed, nothing where the
///   previous cell holds, `x` for a blank, `o` and `*` for the two marks on a held frame.
/// - `dialogue` (and `dialogue 2`, ... for more columns): `SPEAKER: text` where a line starts, `|`
///   on each frame it continues.
/// - `camera` (and `camera 2`, ...): the instruction where it starts, `|` where it continues.
/// - `se`: a sound effect's name where it starts.
///
/// A spreadsheet keeps no title, timing charts, parentheticals or takes: convert to .toml for those.

#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "timesheet/sheet.h"

namespace sakuga::timesheet {

std::optional<Sheet> read_csv(const core::SourceText& src, core::DiagnosticSink& sink);
std::string write_csv(const Sheet& sheet);

}  // namespace sakuga::timesheet
