#pragma once
/// XDTS (eXchange Digital Time Sheet), the JSON timesheet CLIP STUDIO PAINT, OpenToonz and Tahoma2D
/// exchange. The reading rules are OpenToonz's (xdtsio.cpp), as FORMATS.md digests them:
///
/// - the first line is `exchangeDigitalTimeSheet Save Data`, then one JSON object;
/// - only the first time table is read; field 0 holds cel columns, 3 dialogue, 5 camerawork;
/// - entries are change points: a value holds until the next entry, SYMBOL_HYPHEN continues,
///   SYMBOL_NULL_CELL blanks, SYMBOL_TICK_1/2 mark a held frame, an entry at a negative frame is
///   the value at frame 0, and a column whose last entry is not SYMBOL_NULL_CELL holds to the end;
/// - a dialogue line is [speaker, text] (or [text]) on its first frame and SYMBOL_HYPHEN on frames
///   it continues; it ends at the next entry that is not a hyphen (SYMBOL_NULL_CELL or the next
///   line), else after its last hyphen. A camera instruction is [text, params...] the same way.
///
/// Written files follow the same rules, one entry per frame at most, with no negative frames.

#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "timesheet/sheet.h"

namespace sakuga::timesheet {

/// The first line of every XDTS file.
inline constexpr std::string_view kXdtsIdentifier = "exchangeDigitalTimeSheet Save Data";

/// Reads an XDTS file. Every problem is a diagnostic at its position; nullopt if any was an error.
/// Positions of cells, lines and instructions point into the file.
std::optional<Sheet> read_xdts(const core::SourceText& src, core::DiagnosticSink& sink);

/// Writes `sheet` as an XDTS file. What XDTS cannot hold (timing charts, parentheticals, takes,
/// script links, the SE column) is left out.
std::string write_xdts(const Sheet& sheet);

}  // namespace sakuga::timesheet
