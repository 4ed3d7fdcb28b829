#pragma once
/// The script breakdown: scenes, who speaks where and how much, and a runtime estimate.
///
/// Runtime estimate (seconds), summed over the script:
/// - each dialogue block: 0.5 s of breath + its words at 2.5 words/s (150 wpm) and its CJK
///   characters at 7 characters/s (natural Japanese delivery), at least 1 s;
/// - each action paragraph: its words at 3 words/s and CJK characters at 8/s, at least 1.5 s;
/// - each scene heading: 1 s to establish; each transition: 0.5 s.
///
/// Words are whitespace-separated runs; in CJK text every character counts as one word.

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "script/fountain.h"

namespace sakuga::script {

struct SceneInfo {
  std::string number;       ///< the #n# scene number, else its position in the script ("1", "2"...)
  std::string heading;      ///< as written, without the scene number
  int line = 0;
  std::string int_ext;      ///< "INT", "EXT", "INT/EXT", "EST", or "" (forced headings)
  std::string location;
  std::string time_of_day;  ///< "NIGHT" from "... - NIGHT", "夕" from "学校・屋上（夕）"
  int action_paragraphs = 0;
  int dialogue_blocks = 0;
  std::vector<std::string> speakers;  ///< in order of first line
  double estimated_s = 0;
};

struct CharacterInfo {
  std::string name;  ///< as first written
  int dialogue_blocks = 0;
  int64_t words = 0;
  std::vector<std::string> scenes;  ///< scene numbers where they speak
  core::SourcePos first_cue;
};

struct Breakdown {
  std::string title;
  std::vector<SceneInfo> scenes;
  std::vector<CharacterInfo> characters;  ///< by dialogue blocks, most first; ties by name
  int dialogue_blocks = 0;
  double estimated_runtime_s = 0;
};

/// Builds the breakdown; likely mistakes (a name spoken once that is close to another speaker's, a
/// scene with no action) are reported as warnings against `src`.
Breakdown make_breakdown(const Screenplay& play, const core::SourceText& src, core::DiagnosticSink& warnings);

/// The stable JSON object documented in README.md ("Script breakdown").
std::string breakdown_json(const Breakdown& b);
/// A readable report.
std::string breakdown_report(const Breakdown& b);

/// Words in a text (CJK characters count one each).
int64_t count_words(std::string_view text);

/// The estimate's share for one element (the rules above; 0 for elements that take no screen time).
double element_seconds(const Element& e);

}  // namespace sakuga::script
