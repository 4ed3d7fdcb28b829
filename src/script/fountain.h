#pragma once
/// A Fountain 1.1 screenplay parser (https://fountain.io/syntax; digested in shared/FORMATS.md §1).
///
/// Every element keeps the position where it starts in the file (line and column, in code points,
/// after a UTF-8 BOM). Scripts without letter case (Japanese) work: a line with no lowercase letter,
/// a blank line before it and text after it is a character cue, whatever its script.
///
/// Decisions where the spec leaves room (each has a test):
/// - A title page starts only if the very first line is `Key: value` or `Key:`; indented lines
///   continue the last key, also after an inline value.
/// - Dual dialogue (`^` after the second cue) with no dialogue block right before it is an ordinary
///   cue, the caret dropped, and a warning.
/// - Notes cannot contain a truly empty line (use two spaces): such a `[[` is unterminated.
/// - A line that held only a note or boneyard disappears; it does not become a blank line.
/// - A `~` line inside a dialogue block is sung dialogue: it stays dialogue, the tilde dropped.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace sakuga::script {

enum class ElementType {
  kSceneHeading,
  kAction,
  kCharacter,
  kParenthetical,
  kDialogue,
  kLyrics,
  kTransition,
  kCentered,
  kPageBreak,
  kSection,
  kSynopsis,
  kNote,
};

const char* element_type_name(ElementType t);

struct Element {
  ElementType type = ElementType::kAction;
  std::string text;  ///< as written, forced markers and scene numbers removed, emphasis kept
  core::SourcePos pos;
  bool forced = false;
  // Scene headings:
  std::string scene_number;  ///< "12A" from "#12A#", or empty
  // Character cues:
  std::string name;       ///< "MOM" from "MOM (O.S.)"
  std::string extension;  ///< "(O.S.)", or empty
  bool dual = false;      ///< both cues of a dual dialogue pair are marked
  // Sections:
  int depth = 0;
};

struct TitleEntry {
  std::string key;
  std::vector<std::string> values;
  core::SourcePos pos;
};

struct Screenplay {
  std::vector<TitleEntry> title_page;
  std::vector<Element> elements;  ///< in file order; notes interleaved where they were written

  const TitleEntry* title(std::string_view key) const;  ///< case-insensitive
};

/// Parses a screenplay. Problems (invalid UTF-8, binary data, an empty file, an unterminated
/// boneyard or note) go to `sink` with positions; returns nullopt if any was an error.
std::optional<Screenplay> parse_fountain(const core::SourceText& src, core::DiagnosticSink& sink);

/// Emphasis: `*italic*`, `**bold**`, `***bold italic***`, `_underline_`, `\*` escapes. Markers need
/// text right beside them (`*69 and *23` stays as written) and never cross the end of the text.
struct StyledRun {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool underline = false;
};
std::vector<StyledRun> parse_emphasis(std::string_view line);
/// The text without emphasis markers or escapes.
std::string plain_text(std::string_view line);

}  // namespace sakuga::script
