#include "timesheet/formats.h"

#include <algorithm>

#include "timesheet/csv.h"
#include "timesheet/native.h"
#include "timesheet/xdts.h"

namespace sakuga::timesheet {

std::optional<SheetFormat> sheet_format(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".toml") return SheetFormat::kNative;
  if (ext == ".xdts") return SheetFormat::kXdts;
  if (ext == ".csv") return SheetFormat::kCsv;
  return std::nullopt;
}

std::optional<Sheet> read_sheet(SheetFormat format, const core::SourceText& src, core::Rational rate,
                                core::DiagnosticSink& sink) {
  switch (format) {
    case SheetFormat::kXdts: return read_xdts(src, sink);
    case SheetFormat::kCsv: return read_csv(src, sink);
    case SheetFormat::kNative: break;
  }
  size_t before = sink.error_count();
  core::TomlFile f(src.path(), src.text(), sink);
  if (!f.ok()) return std::nullopt;
  Sheet sheet;
  read_native(f, {.rate = rate}, sheet);
  if (sink.error_count() > before) return std::nullopt;
  return sheet;
}

std::string write_sheet(SheetFormat format, const Sheet& sheet) {
  switch (format) {
    case SheetFormat::kXdts: return write_xdts(sheet);
    case SheetFormat::kCsv: return write_csv(sheet);
    case SheetFormat::kNative: break;
  }
  return write_native(sheet);
}

}  // namespace sakuga::timesheet
