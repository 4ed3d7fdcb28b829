#pragma once
/// A TOML file read for validation: the parsed table and the source text, so every problem is a
/// diagnostic at its line and column. Used by every reader of Sakuga's TOML files (project, cuts,
/// sheets, palettes).
///
/// toml++ is used header-only and without exceptions: errors come back as values (Debian's shared
/// library is built with exceptions, so it cannot serve this variant). Define nothing before
/// including this header.

#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/time.h"

namespace sakuga::core {

/// Where a TOML node begins.
SourcePos pos_of(const toml::source_region& r);

class TomlFile {
 public:
  /// Parses `text`; a syntax error is reported to `sink` and leaves ok() false. `display_path` is
  /// the path diagnostics name (project-relative).
  TomlFile(std::string display_path, std::string text, DiagnosticSink& sink);

  bool ok() const { return ok_; }
  const toml::table& table() const { return table_; }
  const SourceText& src() const { return src_; }
  DiagnosticSink& sink() { return sink_; }

  void error(const toml::node& n, std::string msg) { sink_.error(src_, pos_of(n.source()), std::move(msg)); }
  void error_at(SourcePos p, std::string msg) { sink_.error(src_, p, std::move(msg)); }
  void warn(const toml::node& n, std::string msg) { sink_.warning(src_, pos_of(n.source()), std::move(msg)); }
  void warn_at(SourcePos p, std::string msg) { sink_.warning(src_, p, std::move(msg)); }
  /// "cuts/c001/cut.toml:12:8", for messages that point elsewhere.
  std::string where(const toml::node& n) const;

  /// Warns about keys of `t` that `known` does not list.
  void check_keys(const toml::table& t, std::initializer_list<std::string_view> known, const std::string& what);

  /// Position of byte `offset` inside a string value, looking through its opening quotes.
  SourcePos string_pos(const toml::node& n, size_t offset) const;

  std::optional<std::string> string(const toml::node& n, const std::string& what);
  /// A string, or a whole number written without quotes (scene = 12).
  std::optional<std::string> string_or_integer(const toml::node& n, const std::string& what);
  std::optional<double> number(const toml::node& n, const std::string& what);
  /// A duration written "3+12" or as a frame count (string or integer).
  std::optional<int64_t> duration(const toml::node& n, Rational rate, const std::string& what);
  /// Each entry of an array of tables ([[what]]), or a single table, as a list.
  std::vector<const toml::table*> tables(const toml::node* n, const std::string& what);

 private:
  SourceText src_;
  DiagnosticSink& sink_;
  toml::table table_;
  bool ok_ = false;
};

/// `s` as a TOML basic string with its quotes, escaped.
std::string toml_quote(std::string_view s);
/// `s` as a TOML key: bare when it can be, quoted otherwise.
std::string toml_key(std::string_view s);

}  // namespace sakuga::core
