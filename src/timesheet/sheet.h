#pragma once
/// The timesheet (exposure sheet, X-sheet) of one cut: what a studio's paper sheet holds.
///
///     frame | dialogue   | A   | B     | camera
///       0   | AOI "Hai." | 1   | ×     | FIX
///       1   |  |         | |   | |     |
///       2   |  |         | 2   | |     |
///      ...
///
/// - cel columns, bottom layer first (A under B), each a Column of cells (column.h);
/// - timing charts: which drawings are keys and where the in-betweens sit (timing.h);
/// - the dialogue column(s): who speaks which line from which frame to which;
/// - the camera column(s): instructions (FIX, PAN, T.U.) over frame spans;
/// - the sound-effect column: which effect starts where.
///
/// Frames count from 0, as XDTS does; printed sheets count from 1. Durations are frames; they are
/// written seconds+frames at the nominal 24 frames per second.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/time.h"
#include "timesheet/column.h"
#include "timesheet/timing.h"

namespace sakuga::timesheet {

struct CelColumn {
  std::string name;  ///< the layer: "A", "B", "mouth"
  Column column;
  int64_t on = 1;         ///< the exposure a plain cell has, as written
  core::SourcePos pos;    ///< where the column is written
};

/// A line in a dialogue column.
struct DialogueSpan {
  std::string speaker;        ///< "MIO"
  std::string text;           ///< plain; lines of a block separated by '\n'
  std::string parenthetical;  ///< "(softer)", or empty
  std::string reading;        ///< a kana reading for a scratch voice, or empty
  std::string take_ref;       ///< a recorded take as written (project-relative path), or empty
  std::string script;         ///< "script/ep01.fountain:12:1", or empty
  int64_t frame = 0;          ///< first frame
  int64_t length = 0;         ///< frames; 0 = not given
  int track = 1;              ///< which dialogue column, from 1; lines in one column may not overlap
  core::SourcePos pos;        ///< of the entry
  core::SourcePos take_pos;
  core::SourcePos script_pos;
  int64_t end() const { return frame + length; }
};

/// An instruction in a camera column: FIX, PAN, T.U., T.B., F.I., F.O., a shake...
struct CameraSpan {
  std::string text;
  std::vector<std::string> params;  ///< further XDTS values (positions, scale), kept as written
  int64_t frame = 0;
  int64_t length = 1;  ///< frames, at least 1
  int track = 1;
  core::SourcePos pos;
};

/// A sound effect's start in the SE column.
struct SoundMark {
  std::string name;  ///< the file's stem, "whoosh"
  int64_t frame = 0;
  core::SourcePos pos;
};

struct Sheet {
  std::string title;    ///< the show
  std::string episode;  ///< "01"
  std::string scene;    ///< "1"
  std::string cut;      ///< "12" or "c012"
  int64_t duration = 0; ///< frames
  core::Rational rate{24, 1};

  std::vector<CelColumn> columns;  ///< bottom to top
  std::vector<TimingChart> charts;
  std::vector<DialogueSpan> dialogue;  ///< in frame order
  std::vector<CameraSpan> camerawork;  ///< in frame order
  std::vector<SoundMark> sounds;       ///< in frame order

  const CelColumn* column(std::string_view name) const;
  /// The chart that makes `drawing` of `layer` as an in-between, with its keys and fraction.
  std::optional<TimingChart::Between> inbetween(std::string_view layer, const std::string& drawing) const;
  /// True when `drawing` is a key of some chart of `layer`.
  bool is_key(std::string_view layer, const std::string& drawing) const;
  /// Number of dialogue and camera columns used (at least 1 each).
  int dialogue_tracks() const;
  int camera_tracks() const;
};

/// A problem found by a check, at a position in the sheet's file.
struct SheetProblem {
  core::SourcePos pos;
  std::string message;
};

/// Lines that overlap another line in the same dialogue column (a line without a length runs to
/// the next line's start). One problem per overlapping line, at the later line.
std::vector<SheetProblem> dialogue_overlaps(const Sheet& sheet);
/// The same for instructions in one camera column.
std::vector<SheetProblem> camera_overlaps(const Sheet& sheet);

/// Dialogue or camera spans by column, for writing: each column's spans in frame order with no two
/// starting on the same frame (a format has one entry per frame and column). A span that would
/// start where another of its column starts moves to the next column where it can.
template <typename Span>
std::vector<std::vector<const Span*>> lay_out_tracks(const std::vector<Span>& spans) {
  std::vector<const Span*> order;
  for (const Span& s : spans) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const Span* a, const Span* b) {
    return a->frame != b->frame ? a->frame < b->frame : a->track < b->track;
  });
  std::vector<std::vector<const Span*>> tracks;
  for (const Span* s : order) {
    size_t t = static_cast<size_t>(std::max(s->track, 1) - 1);
    while (t < tracks.size() && !tracks[t].empty() && tracks[t].back()->frame == s->frame) ++t;
    if (t >= tracks.size()) tracks.resize(t + 1);
    tracks[t].push_back(s);
  }
  return tracks;
}

/// Sorts dialogue, camera and sound entries by frame, then column (stable).
void sort_entries(Sheet& sheet);

}  // namespace sakuga::timesheet
