#pragma once
/// JSON read into a tree whose every value knows where it was written, so readers of JSON formats
/// (XDTS, OTIO) can report a missing field or a bad value at its line and column.
///
/// Parsing is nlohmann::json's (its SAX interface); this layer only records positions.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"

namespace sakuga::core {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  bool integral = false;  ///< a number with an integral value (5 and 5.0 both)
  std::string string;
  std::vector<JsonValue> items;                             ///< array elements
  std::vector<std::pair<std::string, JsonValue>> members;  ///< object members, in written order
  SourcePos pos;  ///< where the value begins

  bool is_object() const { return type == Type::kObject; }
  bool is_array() const { return type == Type::kArray; }
  bool is_string() const { return type == Type::kString; }
  bool is_number() const { return type == Type::kNumber; }
  /// The member `key` of an object (the first, if written twice), or nullptr.
  const JsonValue* get(std::string_view key) const;
  /// The number as an integer when it is one (5, 5.0), else nullopt.
  std::optional<int64_t> as_integer() const;
  /// "object", "array", "string"...: for messages.
  const char* type_name() const;
};

/// Parses the JSON text that starts at byte `begin` of `src`. A syntax error is reported to `sink`
/// at its position and gives nullopt.
std::optional<JsonValue> parse_json(const SourceText& src, size_t begin, DiagnosticSink& sink);

}  // namespace sakuga::core
