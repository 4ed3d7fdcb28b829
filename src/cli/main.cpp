// sakuga: builds an anime episode from a plain-text project. This file only parses the command line.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "media/encoder.h"

int main(int argc, char** argv) {
  // Frames and cels are large, short-lived buffers. A fixed mmap threshold sends them straight to
  // the kernel and back; glibc's default raises the threshold after the first frees and then keeps
  // freed frames in its arenas, which multiplies resident memory by the number of threads.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  sakuga::media::quiet_ffmpeg_logs();
  CLI::App app{"Sakuga: builds a finished anime episode from a plain-text project"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("sakuga ") + SAKUGA_VERSION);

  sakuga::cli::BuildArgs build;
  auto* b = app.add_subcommand("build", "Build PROJECT's deliverables into PROJECT/out/, rebuilding only what changed");
  b->add_option("project", build.project, "Project folder (holds sakuga.toml)")->required();
  b->add_option("-j,--jobs", build.jobs, "Frames rendered in parallel (default: one per core)")->check(CLI::Range(0, 256));
  b->add_flag("-n,--dry-run", build.dry_run, "List what would be built and why; change nothing");
  b->add_flag("--explain", build.explain, "Say why each node runs: new, its output is missing, or which input "
                                          "changed (a file, a parameter, the engine)");
  b->add_option("--progress", build.progress,
                "auto (default: a bar on a terminal, else a line per node), bar, plain, json (NDJSON on stdout: "
                "id, kind, state, done, total, elapsed per node event) or none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "json", "none"}));
  b->add_option("--target", build.target,
                "episode (default): out/<project>.mp4; animatic: out/animatic.mp4, the timed storyboard with "
                "scratch voices; all: both")
      ->check(CLI::IsMember({"episode", "animatic", "all"}));

  std::string cache_project;
  auto* ca = app.add_subcommand("cache", "Show what PROJECT/.sakuga holds, by kind of artifact");
  ca->add_option("project", cache_project, "Project folder")->required();

  std::string gc_project;
  int gc_keep_last = 0;
  bool gc_dry_run = false;
  auto* gc = app.add_subcommand("gc", "Remove from PROJECT/.sakuga what the project no longer uses");
  gc->add_option("project", gc_project, "Project folder")->required();
  gc->add_option("--keep-last", gc_keep_last, "Also keep what the last N builds used (default 0)")
      ->check(CLI::Range(0, 20));
  gc->add_flag("-n,--dry-run", gc_dry_run, "Say what would be removed; remove nothing");

  std::string check_project;
  auto* c = app.add_subcommand("check", "Validate PROJECT and report every problem; write nothing");
  c->add_option("project", check_project, "Project folder")->required();

  std::string fp, fcut, fframe, fout;
  auto* f = app.add_subcommand("frame", "Render one frame of a cut to a PNG, to look at");
  f->add_option("project", fp, "Project folder")->required();
  f->add_option("cut", fcut, "Cut name, e.g. c002")->required();
  f->add_option("frame", fframe, "Frame within the cut from 0, as frames (30) or seconds+frames (1+6)")->required();
  f->add_option("-o,--output", fout, "PNG file to write")->required();

  std::string new_dir, new_script, new_rate = "24";
  auto* n = app.add_subcommand("new", "Make a new project folder, from a screenplay if you have one");
  n->add_option("dir", new_dir, "Folder to create (must not exist, or be empty)")->required();
  n->add_option("--from-script", new_script, "Fountain screenplay: one cut per scene (or marked shot), with its dialogue");
  n->add_option("--frame-rate", new_rate, "24 (default) or 24000/1001");

  std::string script_file;
  bool script_json = false;
  auto* s = app.add_subcommand("script", "Work with the screenplay");
  s->require_subcommand(1);
  auto* sb = s->add_subcommand("breakdown", "Scenes, speaking characters, dialogue and a runtime estimate");
  sb->add_option("file", script_file, "Fountain screenplay")->required();
  sb->add_flag("--json", script_json, "Print the stable JSON object (see README) instead of a report");

  std::string ts_in, ts_out, ts_project, ts_cut, ts_output;
  double ts_dpi = 150;
  auto* ts = app.add_subcommand("timesheet", "Work with timesheets (exposure sheets)");
  ts->require_subcommand(1);
  auto* tc = ts->add_subcommand("convert", "Convert a sheet between .xdts, .toml (Sakuga's sheet) and .csv, by extension");
  tc->add_option("in", ts_in, "Sheet to read (a cut.toml reads as a sheet too)")->required();
  tc->add_option("out", ts_out, "Sheet to write")->required();
  auto* tr = ts->add_subcommand("render", "Print a cut's sheet: 6-second B4 pages as a studio prints them");
  tr->add_option("project", ts_project, "Project folder")->required();
  tr->add_option("cut", ts_cut, "Cut name, e.g. c002")->required();
  tr->add_option("-o,--output", ts_output, "sheet.pdf, or sheet.png (pages side by side)")->required();
  tr->add_option("--dpi", ts_dpi, "Resolution of a PNG (default 150)")->check(CLI::Range(36.0, 600.0));

  sakuga::cli::PaintArgs pa;
  auto* pt = app.add_subcommand("paint", "Paint a drawing's regions from its paint marks with a colour model");
  pt->add_option("drawing", pa.drawing, "Line art: .svg with data-paint marks, or a .png scan")->required();
  pt->add_option("--palette", pa.palette, "Colour model (.toml or GIMP .gpl)")->required();
  pt->add_option("--variant", pa.variant, "A variant of the model, e.g. night");
  pt->add_option("--close-gaps", pa.close_gaps, "Gaps in lines up to this many pixels still close a region (default 6)")
      ->check(CLI::Range(0, 64));
  pt->add_option("-o,--output", pa.output, "The painted cel, RGBA PNG the size of the drawing")->required();
  pt->add_option("--qa", pa.qa, "A QA picture: unpainted regions loud, leaks hatched, marks as dots");
  pt->add_option("--report", pa.report, "The QA report as JSON");
  pt->add_option("--marks", pa.marks, "Paint marks for a scan: an SVG of data-paint elements (default NAME.marks.svg)");

  sakuga::cli::InbetweenArgs ia;
  auto* ib = app.add_subcommand("inbetween", "Draw the in-betweens between two key drawings");
  ib->add_option("a", ia.key_a, "The first key (SVG)")->required();
  ib->add_option("b", ia.key_b, "The second key (SVG)")->required();
  ib->add_option("--count", ia.count, "How many in-betweens (default: one per --spacing fraction)")
      ->check(CLI::Range(1, 999));
  ib->add_option("--spacing", ia.spacing, "even, ease-in, ease-out, ease-in-out, or fractions 0.2,0.5,0.8");
  ib->add_option("-o,--output", ia.output, "Folder for 001.svg, 002.svg, ...")->required();
  ib->add_option("--onion", ia.onion, "An onion-skin PNG: keys in red and blue, in-betweens in grey");

  std::string pal_file, pal_out;
  auto* pl = app.add_subcommand("palette", "Work with colour models");
  pl->require_subcommand(1);
  auto* ps = pl->add_subcommand("sheet", "Draw a colour model as a picture with names");
  ps->add_option("palette", pal_file, "Colour model (.toml or .gpl)")->required();
  ps->add_option("-o,--output", pal_out, "PNG to write")->required();

  CLI11_PARSE(app, argc, argv);

  sakuga::core::DiskFileSystem disk;
  sakuga::cli::Console con;
  con.terminal = isatty(fileno(stderr)) && std::getenv("TERM") && std::string(std::getenv("TERM")) != "dumb";
  if (*b) return sakuga::cli::cmd_build(disk, build, con);
  if (*c) return sakuga::cli::cmd_check(disk, check_project, con);
  if (*ca) return sakuga::cli::cmd_cache(disk, cache_project, con);
  if (*gc) return sakuga::cli::cmd_gc(disk, gc_project, gc_keep_last, gc_dry_run, con);
  if (*n) return sakuga::cli::cmd_new(disk, new_dir, new_script, new_rate, con);
  if (*f) return sakuga::cli::cmd_frame(disk, fp, fcut, fframe, fout, con);
  if (*sb) return sakuga::cli::cmd_script_breakdown(disk, script_file, script_json, con);
  if (*tc) return sakuga::cli::cmd_timesheet_convert(disk, ts_in, ts_out, con);
  if (*pt) return sakuga::cli::cmd_paint(disk, pa, con);
  if (*ib) return sakuga::cli::cmd_inbetween(disk, ia, con);
  if (*ps) return sakuga::cli::cmd_palette_sheet(disk, pal_file, pal_out, con);
  if (*tr) return sakuga::cli::cmd_timesheet_render(disk, ts_project, ts_cut, ts_output, ts_dpi, con);
  return 2;
}
