#pragma once
/// The commands behind `sakuga`. Each returns the process exit status: 0 success, 1 a failure of
/// the build itself (an encoder, the disk), 2 problems in the user's files (diagnostics printed).

#include <string>

#include "core/fs.h"

namespace sakuga::cli {

struct Console {
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  bool terminal = false;  ///< draw a progress bar instead of lines
};

struct BuildArgs {
  std::string project;
  int jobs = 0;
  bool dry_run = false;
  bool explain = false;  ///< print why each node runs (a dry run always does)
  std::string target = "episode";  ///< "episode" (out/<project>.mp4), "animatic" (out/animatic.mp4) or "all"
  std::string progress = "auto";   ///< "auto" (a bar on a terminal, else lines), "bar", "plain", "json", "none"
};

/// `sakuga build`: exit 0 built (or nothing to do), 1 the build failed or another build holds the
/// project, 2 problems in the project's files, 130 interrupted (what was made is kept).
int cmd_build(core::FileSystem& fs, const BuildArgs& args, const Console& con);
/// `sakuga cache PROJECT`: what `.sakuga/` holds, by kind of artifact.
int cmd_cache(core::FileSystem& fs, const std::string& project, const Console& con);
/// `sakuga gc PROJECT [--keep-last N] [--dry-run]`: removes from `.sakuga/` what the project no
/// longer uses (keeping what the last N builds used).
int cmd_gc(core::FileSystem& fs, const std::string& project, int keep_last, bool dry_run, const Console& con);
int cmd_check(core::FileSystem& fs, const std::string& project, const Console& con);
/// `sakuga script breakdown FILE [--json]`: warnings and errors go to stderr with positions.
int cmd_script_breakdown(core::FileSystem& fs, const std::string& file, bool json, const Console& con);
/// `sakuga new DIR [--from-script FILE]`: makes a project; never writes into a non-empty folder.
int cmd_new(core::FileSystem& fs, const std::string& dir, const std::string& script, const std::string& rate,
            const Console& con);
int cmd_frame(core::FileSystem& fs, const std::string& project, const std::string& cut, const std::string& frame,
              const std::string& output, const Console& con);

/// `sakuga timesheet convert IN OUT`: between .xdts, .toml (Sakuga's sheet) and .csv, by extension.
int cmd_timesheet_convert(core::FileSystem& fs, const std::string& in, const std::string& out, const Console& con);
/// `sakuga timesheet render PROJECT CUT -o sheet.pdf|png`: the printed sheet of a cut.
int cmd_timesheet_render(core::FileSystem& fs, const std::string& project, const std::string& cut,
                         const std::string& output, double dpi, const Console& con);

struct PaintArgs {
  std::string drawing;   ///< .svg line art with paint marks, or a .png scan
  std::string palette;
  std::string variant;   ///< "" for the base colours
  int close_gaps = 6;
  std::string output;    ///< the cel, RGBA PNG
  std::string qa;        ///< the QA overlay PNG, or ""
  std::string report;    ///< the QA report JSON, or ""
  std::string marks;     ///< paint marks for a scan (SVG), or "" for NAME.marks.svg beside it
};

/// `sakuga paint DRAWING --palette P ... -o CEL.png`: exit 2 when a mark is outside every region or
/// names a style the model lacks, or the palette or drawing is malformed.
int cmd_paint(core::FileSystem& fs, const PaintArgs& args, const Console& con);
/// `sakuga palette sheet PALETTE -o swatches.png`.
int cmd_palette_sheet(core::FileSystem& fs, const std::string& palette, const std::string& output, const Console& con);

struct InbetweenArgs {
  std::string key_a, key_b;  ///< the keys, SVG
  int count = 0;             ///< in-betweens to make (0: as many as --spacing gives fractions)
  std::string spacing = "even";
  std::string output;        ///< a folder: 001.svg, 002.svg, ...
  std::string onion;         ///< an onion-skin PNG, or ""
};

/// `sakuga inbetween A.svg B.svg --count N [--spacing ...] -o DIR [--onion onion.png]`: exit 2 when
/// a key is malformed or the keys have nothing in common (nothing is written then).
int cmd_inbetween(core::FileSystem& fs, const InbetweenArgs& args, const Console& con);

}  // namespace sakuga::cli
