#pragma once
/// Timing charts: which drawings of a layer are keys, which are in-betweens between them, and
/// where each in-between sits on the way from one key to the next.
///
/// A chart is written as the key animator draws it on the sheet, keys in parentheses (circled on
/// paper), in-betweens between them in order:
///
///     chart = "(1) 2 3 4 (5) 6 (7)"          spacing = "even"
///
///     1 ─┬─ key          2, 3, 4 at 1/4, 2/4, 3/4 of the way from 1 to 5;
///        ├─ 2            6 half way from 5 to 7
///        ├─ 3
///        ├─ 4
///     5 ─┼─ key
///        ├─ 6
///     7 ─┴─ key
///
/// Spacing: `even`; `ease-in` (slow out of the first key: the in-betweens favour it), `ease-out`
/// (they favour the second key), `ease-in-out` (both); `favour KEY` names the favoured key; or
/// explicit fractions `[0.1, 0.3, 0.6]`, one per in-between of each gap, strictly increasing in (0, 1).

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace sakuga::timesheet {

enum class SpacingKind { kEven, kEaseIn, kEaseOut, kEaseInOut, kFractions };

struct Spacing {
  SpacingKind kind = SpacingKind::kEven;
  std::vector<double> fractions;  ///< for kFractions
  /// The position of in-between `k` (1-based) of `n` between two keys, from 0 (first key) to 1.
  double fraction(int k, int n) const;
  /// "even", "ease-in"..., or "0.1,0.3,0.6": the form `sakuga inbetween --spacing` takes.
  std::string to_string() const;
};

/// Parses "even", "ease-in", "ease-out", "ease-in-out" or "F,F,...". nullopt if it is none of them.
std::optional<Spacing> parse_spacing(std::string_view text);

struct ChartEntry {
  std::string drawing;
  bool key = false;
  size_t offset = 0;  ///< in the chart text
};

struct TimingChart {
  std::string layer;
  std::vector<ChartEntry> entries;  ///< in order, first and last are keys
  Spacing spacing;
  std::string favour;  ///< the key that `favour KEY` named (spacing resolved per gap), or empty
  core::SourcePos pos; ///< of the chart entry, for diagnostics
  core::SourcePos chart_pos;  ///< of the chart text

  /// Where `drawing` is an in-between of this chart: its two keys and its fraction. nullopt when
  /// the chart does not make it.
  struct Between {
    std::string key_a, key_b;
    double fraction = 0;
  };
  std::optional<Between> find(const std::string& drawing) const;
  /// The spacing of the gap from key `a` to key `b` (favour resolved).
  Spacing gap_spacing(const std::string& a, const std::string& b) const;
  /// "(1) 2 3 (4)".
  std::string chart_text() const;
};

struct ChartError {
  size_t offset = 0;
  std::string message;
};

/// Parses "(1) 2 3 (4)". Needs at least two keys, a key first and last, no drawing twice.
std::vector<ChartEntry> parse_chart(std::string_view text, std::vector<ChartError>& errors);

}  // namespace sakuga::timesheet
