#pragma once
/// The project as loaded from disk: `sakuga.toml` and every `cuts/<cut>/cut.toml`, validated.
///
/// Loading reads files and never writes. Every problem in the user's files is reported to the sink
/// with file:line:col, all at once; `load_project` returns nullopt if any was an error.
/// All paths written in project files are relative to the project root and may not leave it.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "composite/camera.h"
#include "paint/palette.h"
#include "core/diagnostics.h"
#include "core/fs.h"
#include "core/geometry.h"
#include "core/time.h"
#include "timesheet/sheet.h"

namespace sakuga::project {

namespace fs = std::filesystem;

/// Where a cel layer lives: on the camera's field (pans slide the background under it) or on the
/// background (it moves with the background, like a BOOK or a character standing on the ground).
enum class Attach { kField, kBackground };

struct Layer {
  std::string name;           ///< "A", "B", "mouth"...; drawings live in cuts/<cut>/<name>/
  int64_t on = 1;             ///< default frames per sheet cell (1s, 2s, 3s)
  Attach attach = Attach::kField;
  core::Vec2 offset;          ///< slide in field pixels (or background pixels when attached there)
  timesheet::Column column;   ///< this layer's column of the cut's sheet (empty when it has none)
  /// Drawing name -> file, for every drawing the sheet exposes. An in-between nobody drew maps to
  /// the file of the nearer of the drawings it is made from (stand_ins says which), shown only when
  /// it cannot be generated; `generated` says how it is made.
  std::map<std::string, fs::path> drawings;
  std::map<std::string, std::string> stand_ins;  ///< in-between -> the drawing held in its place
  /// An in-between the sheet exposes and nobody drew: the build generates it from the nearest
  /// drawn drawings on either side in its timing chart (the keys, or breakdowns an artist drew
  /// between them).
  struct Generated {
    std::string from, to;     ///< drawing names
    fs::path from_file, to_file;
    double t = 0;             ///< how far from `from` (0) to `to` (1)
    std::string chart;        ///< "(1) 2 3 (4)", for messages
    std::shared_ptr<const core::SourceText> cell_source;  ///< the sheet that exposes it
    core::SourcePos cell_pos;                             ///< its first cell there
  };
  std::map<std::string, Generated> generated;
  /// A mouth layer (`mouth = "MIO"`): the character whose mouth drawings it shows. When the sheet
  /// leaves its column empty, the column is timed from the character's takes (kuchipaku).
  std::string mouth_of;
  core::SourcePos mouth_pos;   ///< of `mouth = ...` in cut.toml
  bool lip_synced = false;     ///< its column was timed from the takes
};

struct Background {
  fs::path file;  ///< absolute
  std::string display;  ///< as the user wrote it
  bool is_svg = false;
};

/// A voice's samples, channels mixed: a take or a scratch voice, for kuchipaku.
struct Voice {
  std::vector<float> mono;
  int sample_rate = 0;
};

struct SoundCue {
  fs::path file;        ///< absolute
  std::string display;  ///< project-relative, for messages
  int64_t frame = 0;    ///< episode-relative once the episode is assembled; cut-relative here
  double gain_db = 0;
  std::string where;    ///< "cuts/c001/cut.toml:12:8"
  double offset_ms = 0;  ///< from its frame, for a sound that falls between frames
  int64_t fade_in = 0;   ///< frames
  int64_t fade_out = 0;  ///< frames, ending where the cue ends
  std::optional<int64_t> end;  ///< frame where it stops (after its fade out), same reference as `frame`
  double pan = 0;        ///< -1 left .. 1 right
  bool duck = false;     ///< an effect that dips under dialogue (ambience); music always does
};

/// A character's design as the build needs it (`[characters.NAME]` in sakuga.toml): the names of
/// its three mouth drawings, for kuchipaku.
struct Character {
  std::string closed, half, open;
};

/// How the episode's sound is mixed and mastered (`[mix]` in sakuga.toml).
struct MixSettings {
  double loudness_lufs = -24;  ///< ARIB TR-B32 (-24 LKFS); "ebu" is EBU R128's -23
  double true_peak_dbtp = -1;
  double duck_db = -10;        ///< how far music and ambience dip under dialogue
  double duck_attack_ms = 60;
  double duck_release_ms = 600;
};

/// Where a cut comes from in the screenplay: written by `sakuga new --from-script`, shown on the
/// animatic's card.
struct SceneRef {
  std::string number;               ///< the script's scene number ("12A"), or its position
  std::string heading;              ///< "EXT. HILLTOP - DUSK", a shot line appended after " / "
  std::vector<std::string> action;  ///< the action paragraphs of this cut, plain text
  std::string script;               ///< "script/yuugure.fountain:7:1", as written
};

/// A line of dialogue in a cut: the sheet's dialogue column entry (speaker, text, frame, length,
/// column, script link; positions in cut.toml) with its recorded take found.
struct DialogueLine : timesheet::DialogueSpan {
  std::optional<fs::path> take;  ///< a recorded take (absolute), heard instead of the scratch voice
  std::string take_display;      ///< project-relative
};

struct Cut {
  std::string id;
  fs::path dir;  ///< absolute
  int64_t duration_frames = 0;
  std::optional<Background> background;
  std::vector<composite::CameraKey> camera;  ///< sorted by frame
  std::vector<core::SourcePos> camera_pos;   ///< where each key is written, for diagnostics
  core::SourceText source;                   ///< the cut.toml text, for diagnostics after loading
  std::vector<Layer> layers;                 ///< bottom to top
  /// The sheet's timing charts and camera column as written (in cut.toml or the sheet file); the
  /// cel columns are in `layers`, the dialogue in `dialogue`. `cut_sheet` puts them together.
  std::vector<timesheet::TimingChart> charts;
  std::vector<timesheet::CameraSpan> camerawork;
  std::string sheet_file;                    ///< project-relative, when the sheet is a file of its own
  std::vector<SoundCue> sounds;
  std::optional<SceneRef> scene;
  std::vector<DialogueLine> dialogue;  ///< in frame order
  core::SourceText dialogue_source;    ///< the file the dialogue's positions are in: cut.toml or the sheet file
  std::vector<fs::path> board;         ///< storyboard panels (absolute), in order
  std::string variant;                 ///< the colour model's variant this cut is painted in, or ""
};

struct Project {
  fs::path root;  ///< absolute
  std::string title;
  std::string episode;  ///< "01", printed on sheets
  core::Rational rate{24, 1};
  int width = 1920;
  int height = 1080;
  std::vector<Cut> cuts;         ///< in episode order
  std::vector<SoundCue> music;   ///< episode-level cues; frame is episode-relative
  MixSettings mix;
  std::map<std::string, Character> characters;  ///< by speaker name, upper case
  std::optional<fs::path> script;  ///< the screenplay the cuts were made from (absolute)
  std::string script_display;      ///< project-relative
  std::map<std::string, std::string> voices;  ///< speaker -> espeak-ng voice for the scratch track
  /// The colour model the cels are painted with; without one, drawings keep their own colours.
  std::shared_ptr<const paint::Palette> palette;
  std::string palette_display;  ///< project-relative
  int close_gaps_px = 6;        ///< gaps in lines up to this width still close a region

  int64_t total_frames() const;
  /// First frame of each cut in the episode, in order.
  std::vector<int64_t> cut_starts() const;
  const Cut* find_cut(std::string_view id) const;
};

/// Loads and validates the project at `root`.
std::optional<Project> load_project(core::FileSystem& fs, const fs::path& root, core::DiagnosticSink& sink);

/// A sound file's samples, channels mixed; nullopt when it cannot be read.
std::optional<Voice> read_voice(core::FileSystem& fs, const fs::path& file);

/// A scratch voice for a line that has no recorded take, or nullopt.
using VoiceSource = std::function<std::optional<Voice>(const Cut&, const DialogueLine&)>;

/// Times the mouth layers the loader timed from takes again, with `scratch` voices for the lines
/// that have no take (kuchipaku from the scratch voice until the recording arrives). Warns, at the
/// layer, where a character's line has neither.
void time_mouths(core::FileSystem& fs, Project& p, const VoiceSource& scratch, core::DiagnosticSink& sink);

/// The whole timesheet of a cut, as printed and exported: its cel columns, timing charts, dialogue,
/// camera column (the cut's `[[camerawork]]`, else read from its camera keys: FIX, PAN, T.U., T.B.)
/// and SE column, with the project's title and episode.
timesheet::Sheet cut_sheet(const Project& p, const Cut& cut);

/// Compares each cut's dialogue with the screenplay line it names (`script = "FILE:LINE:COL"`): a
/// line the writer has changed or removed since is a warning at the cut's entry, quoting the script.
/// A line that only moved (same speaker and words elsewhere) is fine. Called by `load_project`.
void check_script_links(core::FileSystem& fs, const Project& p, core::DiagnosticSink& sink);

/// Resolves a project-relative path, refusing absolute paths and paths that leave the project.
/// Returns an error message, or nullopt with `out` set.
std::optional<std::string> resolve_in_project(const fs::path& root, std::string_view rel, fs::path& out);

}  // namespace sakuga::project
