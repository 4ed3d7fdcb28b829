#pragma once
/// `sakuga new`: a project made from a screenplay, one cut per scene, or per shot where the script
/// marks shots.
///
/// A shot is marked, as screenwriters do, by an action paragraph whose first line is in capitals
/// and starts with a camera term: ANGLE ON, CLOSE ON, CLOSE UP, CU, ECU, MCU, WIDE, WIDE SHOT,
/// MEDIUM SHOT, TWO SHOT, OVER THE SHOULDER, INSERT, POV, REVERSE ANGLE, TRACKING, AERIAL,
/// ESTABLISHING, BACK TO SCENE. The shot line joins the scene heading on the cut's card.
///
/// Each cut's duration is the breakdown's estimate of its elements (script/breakdown.h), and each
/// dialogue block becomes a `[[dialogue]]` entry with its estimated start and length and the
/// position of its character cue in the script (`script = "script/NAME.fountain:LINE:COL"`), so a
/// writer's later change to the line is reported against the cut (project.h, check_script_links).

#include <map>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/time.h"
#include "script/fountain.h"

namespace sakuga::project {

struct DraftLine {
  std::string speaker;
  std::string parenthetical;
  std::string text;  ///< plain, the block's lines joined by '\n'
  core::SourcePos pos;  ///< of the character cue
  double start_s = 0;   ///< within the cut
  double length_s = 0;
  int track = 1;        ///< the sheet's dialogue column: 2 for the second voice of a dual dialogue
};

struct DraftCut {
  std::string id;            ///< "c001"...
  std::string scene_number;  ///< as the script numbers it, else its position
  std::string heading;       ///< plain; a shot's line appended after " / "
  core::SourcePos pos;       ///< of the scene heading or shot line
  std::vector<std::string> action;
  std::vector<DraftLine> dialogue;
  double duration_s = 0;
};

/// Splits a screenplay into cuts. Never empty: a script with no scenes gives one cut.
std::vector<DraftCut> draft_cuts(const script::Screenplay& play);

struct NewProject {
  std::string title;
  core::Rational rate{24, 1};
  int width = 1920;
  int height = 1080;
  std::string script_name;    ///< file name inside the project's script/ folder; empty: no script
  std::string script_bytes;   ///< copied verbatim
  std::vector<DraftCut> cuts;
};

/// The project's files, project-relative path -> contents. Deterministic: the same script gives the
/// same bytes.
std::map<std::string, std::string> project_files(const NewProject& p);

/// True for an action paragraph that marks a shot (see above).
bool is_shot_line(std::string_view first_line);

}  // namespace sakuga::project
