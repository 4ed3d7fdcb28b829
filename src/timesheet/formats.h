#pragma once
/// The sheet formats by file extension: `.toml` (Sakuga's native sheet, native.h), `.xdts`
/// (xdts.h) and `.csv` (csv.h).

#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "timesheet/sheet.h"

namespace sakuga::timesheet {

enum class SheetFormat { kNative, kXdts, kCsv };

/// The format a file's extension names (case-insensitive), or nullopt.
std::optional<SheetFormat> sheet_format(const std::filesystem::path& path);

/// Reads a sheet file of `format` from `src`. Problems go to `sink` with positions; nullopt if any
/// was an error. `rate` reads seconds+frames in native sheets (XDTS and CSV count frames).
std::optional<Sheet> read_sheet(SheetFormat format, const core::SourceText& src, core::Rational rate,
                                core::DiagnosticSink& sink);

/// The bytes of `sheet` in `format`.
std::string write_sheet(SheetFormat format, const Sheet& sheet);

}  // namespace sakuga::timesheet
