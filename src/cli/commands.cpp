#include "cli/commands.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <map>
#include <optional>
#include <set>

#include "animatic/voice.h"
#include "graph/animatic_build.h"
#include "graph/builder.h"
#include "graph/kuchipaku.h"
#include "graph/lock.h"
#include "graph/progress.h"
#include "graph/store.h"
#include "graph/paint_qa.h"
#include "graph/plan.h"
#include "core/utf8.h"
#include "project/project.h"
#include "project/scaffold.h"
#include "raster/png_io.h"
#include "script/breakdown.h"
#include "timesheet/formats.h"
#include "timesheet/print.h"

namespace sakuga::cli {
namespace {

// Set by the first SIGINT: the build starts no new node, and what is made is kept. A second
// SIGINT ends the process at once (it is still safe: every artifact is written atomically).
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);
}

constexpr int kExitInterrupted = 130;

// Loads and plans, printing diagnostics. Returns nullopt (and sets `status`) when the project has
// errors: nothing has been written at that point.
struct Loaded {
  project::Project project;
  graph::Plan plan;
};

std::unique_ptr<Loaded> load(core::FileSystem& fs, const std::string& dir, const Console& con, int& status,
                             bool plan_episode = true, bool may_write = true) {
  core::DiagnosticSink sink;
  auto loaded = std::make_unique<Loaded>();
  auto p = project::load_project(fs, dir, sink);
  if (p) {
    graph::Env env{fs};
    env.stop = &g_interrupted;
    auto speech = animatic::make_espeak_engine();
    if (auto st = graph::time_mouths_from_scratch_voices(env, *p, *speech, may_write, 0, sink); !st.is_ok()) {
      std::fprintf(con.err, "sakuga: %s\n", st.message().c_str());
      status = st.code() == core::ErrorCode::kCancelled ? kExitInterrupted : 1;
      return nullptr;
    }
    loaded->project = std::move(*p);
    if (plan_episode) {
      auto plan = graph::make_plan(graph::Store(fs, loaded->project.root), loaded->project, sink);
      if (plan) loaded->plan = std::move(*plan);
    }
  }
  std::fputs(sink.format_all().c_str(), con.err);
  if (sink.has_errors()) {
    size_t n = sink.error_count();
    std::fprintf(con.err, "%zu error%s; nothing was built\n", n, n == 1 ? "" : "s");
    status = 2;
    return nullptr;
  }
  return loaded;
}

// The QA of painted cels as diagnostics. A check looks at every cel, writes nothing and fails
// (exit 1) when a cel has problems; a build looks at the cels it painted, says which have problems
// and leaves a picture of each in out/qa/.
enum class QaFor { kCheck, kBuild };
int print_paint_qa(core::FileSystem& fs, const Loaded& l, QaFor what, const Console& con) {
  if (l.plan.paint_jobs.empty()) return 0;
  const bool check = what == QaFor::kCheck;
  core::DiagnosticSink sink;
  auto qa = graph::report_paint_qa(fs, l.plan, l.project.root, /*all=*/check,
                                   check ? std::filesystem::path() : l.project.root / "out" / "qa", sink);
  std::fputs(sink.format_all().c_str(), con.err);
  if (!qa.is_ok()) {
    std::fprintf(con.err, "sakuga: error: %s\n", qa.status().message().c_str());
    return 1;
  }
  if (qa->failing.empty()) return 0;
  std::fprintf(con.err, "QA: %zu of %d painted cels have problems:", qa->failing.size(), qa->cels_checked);
  for (const auto& f : qa->failing) std::fprintf(con.err, " %s", f.c_str());
  if (check) {
    std::fprintf(con.err, "\n    (sakuga build leaves a picture of each in out/qa/)\n");
    return 1;
  }
  std::fprintf(con.err, "\n    pictures: %s%s\n", qa->pictures.empty() ? "" : qa->pictures.front().c_str(),
               qa->pictures.size() > 1 ? (" and " + std::to_string(qa->pictures.size() - 1) + " more in out/qa/").c_str()
                                       : "");
  return 0;
}

}  // namespace

int cmd_check(core::FileSystem& fs, const std::string& project, const Console& con) {
  int status = 0;
  auto l = load(fs, project, con, status, true, false);
  if (!l) return status;
  if (int qa = print_paint_qa(fs, *l, QaFor::kCheck, con); qa != 0) return qa;
  std::fprintf(con.out, "%s: %zu cuts, %lld frames (%s), %zu drawings: ok\n", l->project.title.c_str(),
               l->project.cuts.size(), static_cast<long long>(l->project.total_frames()),
               core::format_duration(l->project.total_frames(), l->project.rate).c_str(), l->plan.drawing_count);
  return 0;
}

namespace {


// Where the build's progress goes, and where its closing words go (stderr when stdout is NDJSON).
struct Watch {
  std::unique_ptr<graph::Observer> observer;
  std::FILE* words = stdout;
};

Watch watch_for(const BuildArgs& args, const Console& con) {
  Watch w;
  w.words = con.out;
  std::string mode = args.progress;
  if (mode == "auto") mode = args.dry_run ? "none" : con.terminal ? "bar" : "plain";
  if (mode == "bar") w.observer = graph::make_terminal_progress(con.err);
  if (mode == "plain") w.observer = graph::make_plain_progress(con.out);
  if (mode == "json") {
    w.observer = graph::make_json_progress(con.out);
    w.words = con.err;
  }
  return w;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A failed build: 130 when it was interrupted (saying what was kept), else 1.
int build_failed(const core::Status& st, const Console& con) {
  std::fprintf(con.err, "sakuga: %s%s\n", st.code() == core::ErrorCode::kCancelled ? "" : "error: ", st.message().c_str());
  return st.code() == core::ErrorCode::kCancelled ? kExitInterrupted : 1;
}

int build_episode(core::FileSystem& fs, const Loaded& l, const BuildArgs& args, const Console& con) {
  auto t0 = std::chrono::steady_clock::now();
  Watch watch = watch_for(args, con);
  std::FILE* out = watch.words;
  if (args.explain && !args.dry_run) {
    graph::Env quiet{fs};
    auto why = graph::run_build(quiet, l.project, l.plan, {args.jobs, true});
    if (why.is_ok()) {
      for (const auto& line : why->would_run) std::fprintf(out, "running %s\n", line.c_str());
    }
  }
  graph::Env env{fs};
  env.observer = watch.observer.get();
  env.stop = &g_interrupted;
  auto stats = graph::run_build(env, l.project, l.plan, {args.jobs, args.dry_run});
  if (!stats.is_ok()) return build_failed(stats.status(), con);
  double secs = seconds_since(t0);
  if (args.dry_run) {
    for (const auto& line : stats->would_run) std::fprintf(out, "would run %s\n", line.c_str());
    if (stats->up_to_date) std::fprintf(out, "nothing to do: %s is up to date\n", l.plan.deliverable_id.c_str());
    return 0;
  }
  if (stats->up_to_date) {
    std::fprintf(out, "nothing to do: %s is up to date (%lld frames, %zu cuts; %.2f s)\n",
                 l.plan.deliverable_id.c_str(), static_cast<long long>(l.project.total_frames()),
                 l.project.cuts.size(), secs);
    return 0;
  }
  std::fprintf(out,
               "built %s: %lld frames rendered, %lld cels rasterized, %lld cuts encoded, %lld audio mixes, "
               "%lld in-betweens written (%lld nodes made, %lld from the cache); %.2f s\n",
               l.plan.deliverable_id.c_str(), static_cast<long long>(stats->frames_rendered),
               static_cast<long long>(stats->cels_rasterized), static_cast<long long>(stats->segments_encoded),
               static_cast<long long>(stats->audio_mixed), static_cast<long long>(stats->inbetweens_written),
               static_cast<long long>(stats->nodes_made), static_cast<long long>(stats->nodes_cached), secs);
  if (stats->loudness) {
    std::fprintf(out, "mastered to %.1f LUFS integrated (target %.0f), true peak %.1f dBTP, range %.1f LU: %s\n",
                 stats->loudness->integrated_lufs, l.plan.mastering.target_lufs, stats->loudness->true_peak_dbtp,
                 stats->loudness->range_lu, l.plan.loudness_report.lexically_relative(l.project.root).c_str());
  }
  return print_paint_qa(fs, l, QaFor::kBuild, con);
}

int build_animatic(core::FileSystem& fs, const Loaded& l, const BuildArgs& args, const Console& con) {
  auto t0 = std::chrono::steady_clock::now();
  auto speech = animatic::make_espeak_engine();
  Watch watch = watch_for(args, con);
  std::FILE* out = watch.words;
  if (args.explain && !args.dry_run) {
    core::DiagnosticSink quiet;
    graph::Env silent{fs};
    auto why = graph::build_animatic(silent, l.project, {args.jobs, true}, *speech, quiet);
    if (why.is_ok()) {
      for (const auto& line : why->build.would_run) std::fprintf(out, "running %s\n", line.c_str());
    }
  }
  core::DiagnosticSink warnings;
  graph::Env env{fs};
  env.observer = watch.observer.get();
  env.stop = &g_interrupted;
  auto stats = graph::build_animatic(env, l.project, {args.jobs, args.dry_run}, *speech, warnings);
  std::fputs(warnings.format_all().c_str(), con.err);
  if (!stats.is_ok()) return build_failed(stats.status(), con);
  const char* id = stats->deliverable_id.c_str();
  std::string length = core::format_duration(stats->total_frames, l.project.rate);
  if (args.dry_run) {
    for (const auto& line : stats->build.would_run) std::fprintf(out, "would run %s\n", line.c_str());
    if (stats->build.up_to_date) std::fprintf(out, "nothing to do: %s is up to date\n", id);
    return 0;
  }
  if (stats->build.up_to_date) {
    std::fprintf(out, "nothing to do: %s is up to date (%s, %zu cuts; %.2f s)\n", id, length.c_str(),
                 l.project.cuts.size(), seconds_since(t0));
    return 0;
  }
  std::fprintf(out,
               "built %s: %s, %lld frames rendered, %lld cuts encoded, %lld voices spoken, %lld from cache, "
               "%lld silent lines; %.2f s\n",
               id, length.c_str(), static_cast<long long>(stats->build.frames_rendered),
               static_cast<long long>(stats->build.segments_encoded), static_cast<long long>(stats->voices_spoken),
               static_cast<long long>(stats->voices_cached), static_cast<long long>(stats->silent_lines),
               seconds_since(t0));
  return 0;
}

// The lock of the project at `dir`, or nullopt after saying who holds it. A folder that is not a
// project gets no .sakuga/: loading it reports the problem.
std::optional<graph::BuildLock> lock_project(core::FileSystem& fs, const std::string& dir, const Console& con,
                                             bool& failed) {
  failed = false;
  std::filesystem::path root(dir);
  if (!fs.exists(root / "sakuga.toml")) return std::nullopt;
  auto lock = graph::BuildLock::acquire(graph::Store(fs, root).lock_path());
  if (!lock.is_ok()) {
    std::fprintf(con.err, "sakuga: error: %s\n", lock.status().message().c_str());
    failed = true;
    return std::nullopt;
  }
  return std::move(*lock);
}

}  // namespace

int cmd_build(core::FileSystem& fs, const BuildArgs& args, const Console& con) {
  if (args.target != "episode" && args.target != "animatic" && args.target != "all") {
    std::fprintf(con.err, "sakuga: error: unknown target '%s' (expected episode, animatic or all)\n",
                 args.target.c_str());
    return 2;
  }
  // A dry run writes nothing and needs no lock; a build holds it from before anything is written
  // (loading stores scratch voices for kuchipaku) to the end.
  bool locked_out = false;
  std::optional<graph::BuildLock> lock;
  if (!args.dry_run) lock = lock_project(fs, args.project, con, locked_out);
  if (locked_out) return 1;
  if (lock) {  // what builds killed part way left behind (their temporary files) goes
    std::filesystem::path root(args.project);
    (void)graph::Store(fs, root).remove_litter({root / "out"});
  }
  g_interrupted.store(false);
  auto previous = std::signal(SIGINT, on_sigint);
  bool episode = args.target != "animatic";
  int status = 0;
  auto l = load(fs, args.project, con, status, episode, !args.dry_run);
  if (l) {
    if (args.target != "animatic") status = build_episode(fs, *l, args, con);
    if (status == 0 && args.target != "episode") status = build_animatic(fs, *l, args, con);
  }
  std::signal(SIGINT, previous);
  return status;
}

namespace {

std::string human_bytes(int64_t b) {
  char buf[32];
  if (b >= (int64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.2f GB", b / double(int64_t{1} << 30));
  } else if (b >= (1 << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MB", b / double(1 << 20));
  } else if (b >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KB", b / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(b));
  }
  return buf;
}

}  // namespace

int cmd_cache(core::FileSystem& fs, const std::string& project, const Console& con) {
  if (!fs.exists(std::filesystem::path(project) / "sakuga.toml")) {
    std::fprintf(con.err, "sakuga: error: %s is not a project (it has no sakuga.toml)\n", project.c_str());
    return 2;
  }
  graph::Store store(fs, project);
  int64_t files = 0, bytes = 0;
  std::fprintf(con.out, "%s:\n", store.dir().c_str());
  for (const graph::KindUsage& u : store.usage()) {
    if (u.files == 0) continue;
    std::fprintf(con.out, "  %-10s %7lld files %12s\n", u.kind.c_str(), static_cast<long long>(u.files),
                 human_bytes(u.bytes).c_str());
    files += u.files;
    bytes += u.bytes;
  }
  std::fprintf(con.out, "  %-10s %7lld files %12s\n", "total", static_cast<long long>(files), human_bytes(bytes).c_str());
  return 0;
}

int cmd_gc(core::FileSystem& fs, const std::string& project, int keep_last, bool dry_run, const Console& con) {
  bool locked_out = false;
  std::optional<graph::BuildLock> lock = lock_project(fs, project, con, locked_out);
  if (locked_out) return 1;
  int status = 0;
  // What the project uses now: the episode's plan and the animatic's, as a dry run sees them.
  auto l = load(fs, project, con, status, true, false);
  if (!l) return status;
  std::vector<std::filesystem::path> used = l->plan.artifacts();
  auto speech = animatic::make_espeak_engine();
  core::DiagnosticSink quiet;
  graph::Env env{fs};
  auto animatic = graph::build_animatic(env, l->project, {0, true}, *speech, quiet);
  if (!animatic.is_ok()) return build_failed(animatic.status(), con);
  used.insert(used.end(), animatic->artifacts.begin(), animatic->artifacts.end());
  std::set<std::filesystem::path> keep(used.begin(), used.end());
  auto r = graph::Store(fs, l->project.root).gc(keep, keep_last, dry_run);
  if (!r.is_ok()) return build_failed(r.status(), con);
  std::fprintf(con.out, "%s %lld files (%s); kept %lld files (%s)\n", dry_run ? "would remove" : "removed",
               static_cast<long long>(r->removed_files), human_bytes(r->removed_bytes).c_str(),
               static_cast<long long>(r->kept_files), human_bytes(r->kept_bytes).c_str());
  return 0;
}

namespace {

// A file the user named on the command line, or nullopt after saying why it cannot be read.
std::optional<std::string> read_input(core::FileSystem& fs, const std::string& file, const Console& con) {
  auto text = fs.read_file(file);
  if (text.is_ok()) return std::move(*text);
  std::fprintf(con.err, "%s: error: %s\n", file.c_str(),
               text.status().code() == core::ErrorCode::kNotFound ? "cannot open: No such file or directory"
                                                                  : text.status().message().c_str());
  return std::nullopt;
}

}  // namespace

int cmd_script_breakdown(core::FileSystem& fs, const std::string& file, bool json, const Console& con) {
  auto text = read_input(fs, file, con);
  if (!text) return 2;
  core::SourceText src(file, std::move(*text));
  core::DiagnosticSink sink;
  auto play = script::parse_fountain(src, sink);
  std::optional<script::Breakdown> b;
  if (play) b = script::make_breakdown(*play, src, sink);
  std::fputs(sink.format_all().c_str(), con.err);
  if (!b) return 2;
  std::fputs((json ? script::breakdown_json(*b) : script::breakdown_report(*b)).c_str(), con.out);
  return 0;
}

int cmd_new(core::FileSystem& fs, const std::string& dir, const std::string& script_file, const std::string& rate,
            const Console& con) {
  project::NewProject np;
  auto r = core::parse_rate(rate);
  if (!r.is_ok() || core::nominal_fps(*r) != 24) {
    std::fprintf(con.err, "sakuga: error: --frame-rate must be 24 or 24000/1001\n");
    return 2;
  }
  np.rate = *r;
  std::filesystem::path root = std::filesystem::path(dir).lexically_normal();
  if (!root.has_filename()) root = root.parent_path();
  np.title = root.filename().string();
  if (!script_file.empty()) {
    auto text = read_input(fs, script_file, con);
    if (!text) return 2;
    core::SourceText src(script_file, *text);
    core::DiagnosticSink sink;
    auto play = script::parse_fountain(src, sink);
    std::fputs(sink.format_all().c_str(), con.err);
    if (!play) {
      std::fprintf(con.err, "sakuga: the script has errors; no project was made\n");
      return 2;
    }
    if (const script::TitleEntry* t = play->title("Title"); t && !t->values.empty()) {
      np.title = script::plain_text(t->values.front());
    }
    // Named .fountain whatever it was called, so the project's loader knows it.
    np.script_name = std::filesystem::path(script_file).stem().string() + ".fountain";
    np.script_bytes = std::move(*text);
    np.cuts = project::draft_cuts(*play);
  } else {
    np.cuts = project::draft_cuts(script::Screenplay{});
  }
  if (fs.exists(root) && !fs.list_directory(root).empty()) {
    std::fprintf(con.err, "sakuga: error: %s already exists and is not empty; sakuga new writes only into a new folder\n",
                 root.c_str());
    return 2;
  }
  // sakuga.toml last: until it is written the folder is not a project.
  auto files = project::project_files(np);
  std::vector<std::pair<std::string, std::string>> order(files.begin(), files.end());
  std::stable_partition(order.begin(), order.end(), [](const auto& f) { return f.first != "sakuga.toml"; });
  for (const auto& [rel, bytes] : order) {
    if (auto st = fs.write_file(root / rel, bytes); !st.is_ok()) {
      std::fprintf(con.err, "sakuga: error: %s\n", st.message().c_str());
      return 1;
    }
  }
  size_t lines = 0;
  double total = 0;
  for (const auto& c : np.cuts) {
    lines += c.dialogue.size();
    total += c.duration_s;
  }
  int secs = static_cast<int>(std::lround(total));
  std::fprintf(con.out, "made %s: \"%s\", %zu cut%s, %zu dialogue line%s, about %d:%02d\n", root.c_str(),
               np.title.c_str(), np.cuts.size(), np.cuts.size() == 1 ? "" : "s", lines, lines == 1 ? "" : "s",
               secs / 60, secs % 60);
  for (const auto& c : np.cuts) {
    int64_t frames = static_cast<int64_t>(std::ceil(c.duration_s * 24 - 1e-9));
    std::fprintf(con.out, "  %s  %6s  %s\n", c.id.c_str(), core::format_duration(frames, np.rate).c_str(),
                 c.heading.c_str());
  }
  if (!script_file.empty()) {
    std::fprintf(con.out, "next: sakuga build %s --target animatic\n", root.c_str());
  }
  return 0;
}

int cmd_frame(core::FileSystem& fs, const std::string& project, const std::string& cut, const std::string& frame,
              const std::string& output, const Console& con) {
  int status = 0;
  auto l = load(fs, project, con, status);
  if (!l) return status;
  const graph::CutPlan* cp = nullptr;
  for (const auto& c : l->plan.cuts) {
    if (c.cut->id == cut) cp = &c;
  }
  if (!cp) {
    std::fprintf(con.err, "sakuga: error: no cut '%s' in %s\n", cut.c_str(), project.c_str());
    return 2;
  }
  auto f = core::parse_duration(frame, l->project.rate);
  if (!f.is_ok()) {
    std::fprintf(con.err, "sakuga: error: frame: %s\n", f.status().message().c_str());
    return 2;
  }
  auto img = graph::render_one_frame(fs, l->plan, *cp, *f);
  if (!img.is_ok()) {
    std::fprintf(con.err, "sakuga: error: %s\n", img.status().message().c_str());
    return img.status().code() == core::ErrorCode::kInvalidInput ? 2 : 1;
  }
  auto png = raster::encode_png(img->cview(), {.compression = 6});
  if (!png.is_ok() || !fs.write_file(output, *png).is_ok()) {
    std::fprintf(con.err, "sakuga: error: cannot write %s\n", output.c_str());
    return 1;
  }
  std::fprintf(con.out, "wrote %s (cut %s frame %lld, %s)\n", output.c_str(), cut.c_str(),
               static_cast<long long>(*f), core::format_duration(*f, l->project.rate).c_str());
  return 0;
}

int cmd_timesheet_convert(core::FileSystem& fs, const std::string& in, const std::string& out, const Console& con) {
  auto from = timesheet::sheet_format(in);
  auto to = timesheet::sheet_format(out);
  for (const auto& [path, format] : {std::pair{&in, from}, std::pair{&out, to}}) {
    if (!format) {
      std::fprintf(con.err, "sakuga: error: %s: a sheet is .xdts, .toml (Sakuga's sheet) or .csv\n", path->c_str());
      return 2;
    }
  }
  auto bytes = read_input(fs, in, con);
  if (!bytes) return 2;
  core::DiagnosticSink sink;
  auto sheet = timesheet::read_sheet(*from, core::SourceText(in, *bytes), {24, 1}, sink);
  std::fputs(sink.format_all().c_str(), con.err);
  if (!sheet) {
    size_t n = sink.error_count();
    std::fprintf(con.err, "%zu error%s; nothing was written\n", n, n == 1 ? "" : "s");
    return 2;
  }
  if (!fs.write_file(out, timesheet::write_sheet(*to, *sheet)).is_ok()) {
    std::fprintf(con.err, "sakuga: error: cannot write %s\n", out.c_str());
    return 1;
  }
  std::fprintf(con.out, "wrote %s: %zu cel column%s, %zu dialogue line%s, %s\n", out.c_str(), sheet->columns.size(),
               sheet->columns.size() == 1 ? "" : "s", sheet->dialogue.size(), sheet->dialogue.size() == 1 ? "" : "s",
               core::format_duration(sheet->duration, sheet->rate).c_str());
  return 0;
}

int cmd_timesheet_render(core::FileSystem& fs, const std::string& project, const std::string& cut,
                         const std::string& output, double dpi, const Console& con) {
  std::string ext = std::filesystem::path(output).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext != ".pdf" && ext != ".png") {
    std::fprintf(con.err, "sakuga: error: %s: the sheet is rendered as .pdf or .png\n", output.c_str());
    return 2;
  }
  int status = 0;
  auto l = load(fs, project, con, status, false);
  if (!l) return status;
  const project::Cut* c = l->project.find_cut(cut);
  if (!c) {
    std::fprintf(con.err, "sakuga: error: no cut '%s' in %s\n", cut.c_str(), project.c_str());
    return 2;
  }
  timesheet::Sheet sheet = project::cut_sheet(l->project, *c);
  std::string bytes;
  if (ext == ".pdf") {
    bytes = timesheet::sheet_pdf(sheet);
  } else {
    auto image = timesheet::sheet_image(sheet, dpi);
    if (!image.is_ok()) {
      std::fprintf(con.err, "sakuga: error: %s\n", image.status().message().c_str());
      return image.status().code() == core::ErrorCode::kInvalidInput ? 2 : 1;
    }
    auto png = raster::encode_png(image->cview(), {.compression = 6});
    if (!png.is_ok()) {
      std::fprintf(con.err, "sakuga: error: %s\n", png.status().message().c_str());
      return 1;
    }
    bytes = std::move(*png);
  }
  if (!fs.write_file(output, bytes).is_ok()) {
    std::fprintf(con.err, "sakuga: error: cannot write %s\n", output.c_str());
    return 1;
  }
  int pages = timesheet::page_count(sheet);
  std::fprintf(con.out, "wrote %s: cut %s, %s, %d page%s\n", output.c_str(), cut.c_str(),
               core::format_duration(sheet.duration, sheet.rate).c_str(), pages, pages == 1 ? "" : "s");
  return 0;
}

}  // namespace sakuga::cli
