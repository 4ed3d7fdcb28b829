#pragma once
/// Diagnostics: problems in the user's files, reported all at once as
///
///     cuts/c002/cut.toml:14:7: error: unknown layer 'C'
///     layer = "C"
///             ^
///
/// Lines and columns are 1-based; columns count Unicode code points. A sink collects diagnostics from
/// any thread; the CLI prints them in the order they were found.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sakuga::core {

enum class Severity { kError, kWarning, kNote };

struct SourcePos {
  int line = 0;  ///< 1-based; 0 when unknown
  int col = 0;   ///< 1-based code point column; 0 when unknown
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;         ///< path as the user knows it (relative to the project root)
  SourcePos pos;            ///< where; line 0 means the whole file
  std::string message;
  std::string source_line;  ///< the offending line without its newline, or empty
};

/// A text file held for diagnostics: finds lines and turns byte offsets into positions.
class SourceText {
 public:
  SourceText() = default;
  SourceText(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  /// Byte offset where the 1-based line `n` starts (1 <= n <= line_count()).
  size_t line_start(int n) const { return line_starts_[static_cast<size_t>(n - 1)]; }
  /// The 1-based line `n` without its line ending; empty when out of range.
  std::string_view line(int n) const;
  /// Position of a byte offset (columns in code points).
  SourcePos pos_at(size_t offset) const;
  /// Byte offset of a position, or npos when it is outside the text.
  size_t offset_of(SourcePos pos) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

/// Formats one diagnostic: the "file:line:col: severity: message" line, then the source line and a
/// caret under the column when both are known. Ends with a newline.
std::string format_diagnostic(const Diagnostic& d);

/// Collects diagnostics. Thread-safe.
class DiagnosticSink {
 public:
  void report(Diagnostic d);
  void error(const SourceText& src, SourcePos pos, std::string message);
  void warning(const SourceText& src, SourcePos pos, std::string message);
  /// A problem with a file as a whole (it is missing, unreadable): "path: error: message".
  void file_error(std::string file, std::string message);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  std::vector<Diagnostic> diagnostics() const;
  /// All diagnostics formatted, in order.
  std::string format_all() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

}  // namespace sakuga::core
