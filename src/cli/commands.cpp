#include "cli/commands.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "animatic/voice.h"
#include "graph/animatic_build.h"
#include "graph/builder.h"
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

// Loads and plans, printing diagnostics. Returns nullopt (and sets `status`) when the project has
// errors: nothing has been written at that point.
struct Loaded {
  project::Project project;
  graph::Plan plan;
};

// Kuchipaku for lines without a recorded take: their scratch voices, as the animatic speaks them
// (the same voices, from and into the same cache, .sakuga/voices/). Without `may_write` (check,
// dry runs) a voice not in the cache is spoken but not stored.
void time_mouths_with_scratch_voices(core::FileSystem& fs, project::Project& p, bool may_write,
                                     core::DiagnosticSink& sink) {
  bool needed = false;
  for (const project::Cut& c : p.cuts) {
    for (const project::Layer& l : c.layers) {
      if (!l.lip_synced) continue;
      for (const project::DialogueLine& d : c.dialogue) needed = needed || (!d.take && core::ascii_upper(d.speaker) == l.mouth_of);
    }
  }
  if (!needed) return;
  auto engine = animatic::make_espeak_engine();
  std::map<const project::DialogueLine*, std::pair<std::string, std::string>> said;  // line -> (voice, text)
  if (engine->available()) {
    animatic::VoiceCast cast(p.voices);  // every takeless line in order, as the animatic casts them
    for (const project::Cut& c : p.cuts) {
      for (const project::DialogueLine& d : c.dialogue) {
        if (d.take) continue;
        std::string spoken = animatic::scratch_text(d.text, d.reading);
        if (!spoken.empty()) said[&d] = {cast.voice_for(d.speaker, spoken), spoken};
      }
    }
  }
  project::VoiceSource voice = [&](const project::Cut&, const project::DialogueLine& d) -> std::optional<project::Voice> {
    auto it = said.find(&d);
    if (it == said.end()) return std::nullopt;
    const auto& [who, text] = it->second;
    core::Hash128 key = animatic::scratch_voice_key(engine->id(), who, text);
    std::filesystem::path cached = p.root / ".sakuga" / "voices" / (key.hex() + ".wav");
    auto bytes = fs.read_file(cached);
    if (!bytes.is_ok()) {
      bytes = engine->speak(text, who);
      if (!bytes.is_ok()) return std::nullopt;
      if (may_write) (void)fs.write_file(cached, *bytes);
    }
    core::MemoryFileSystem mem;
    mem.put("voice.wav", *bytes);
    return project::read_voice(mem, "voice.wav");
  };
  project::time_mouths(fs, p, voice, sink);
}

std::unique_ptr<Loaded> load(core::FileSystem& fs, const std::string& dir, const Console& con, int& status,
                             bool plan_episode = true, bool may_write = true) {
  core::DiagnosticSink sink;
  auto loaded = std::make_unique<Loaded>();
  auto p = project::load_project(fs, dir, sink);
  if (p) {
    time_mouths_with_scratch_voices(fs, *p, may_write, sink);
    loaded->project = std::move(*p);
    if (plan_episode) {
      auto plan = graph::make_plan(fs, loaded->project, sink);
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

std::unique_ptr<graph::Progress> progress_for(const BuildArgs& args, const Console& con) {
  return args.dry_run ? graph::make_null_progress()
         : con.terminal ? graph::make_terminal_progress(con.err)
                        : graph::make_plain_progress(con.out);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int build_episode(core::FileSystem& fs, const Loaded& l, const BuildArgs& args, const Console& con) {
  auto t0 = std::chrono::steady_clock::now();
  if (args.explain && !args.dry_run) {
    auto silent = graph::make_null_progress();
    auto why = graph::run_build(fs, l.project, l.plan, {args.jobs, true}, *silent);
    if (why.is_ok()) {
      for (const auto& line : why->would_run) std::fprintf(con.out, "running %s\n", line.c_str());
    }
  }
  auto progress = progress_for(args, con);
  auto stats = graph::run_build(fs, l.project, l.plan, {args.jobs, args.dry_run}, *progress);
  if (!stats.is_ok()) {
    std::fprintf(con.err, "sakuga: error: %s\n", stats.status().message().c_str());
    return 1;
  }
  double secs = seconds_since(t0);
  if (args.dry_run) {
    for (const auto& line : stats->would_run) std::fprintf(con.out, "would run %s\n", line.c_str());
    if (stats->up_to_date) std::fprintf(con.out, "nothing to do: %s is up to date\n", l.plan.deliverable_id.c_str());
    return 0;
  }
  if (stats->up_to_date) {
    std::fprintf(con.out, "nothing to do: %s is up to date (%lld frames, %zu cuts; %.2f s)\n",
                 l.plan.deliverable_id.c_str(), static_cast<long long>(l.project.total_frames()),
                 l.project.cuts.size(), secs);
    return 0;
  }
  std::fprintf(con.out,
               "built %s: %lld frames rendered, %lld from cache, %lld cels rasterized, %lld cuts encoded, "
               "%lld audio mixes, %lld in-betweens written; %.2f s\n",
               l.plan.deliverable_id.c_str(), static_cast<long long>(stats->frames_rendered),
               static_cast<long long>(stats->frames_cached), static_cast<long long>(stats->cels_rasterized),
               static_cast<long long>(stats->segments_encoded), static_cast<long long>(stats->audio_mixed),
               static_cast<long long>(stats->inbetweens_written), secs);
  if (stats->loudness) {
    std::fprintf(con.out, "mastered to %.1f LUFS integrated (target %.0f), true peak %.1f dBTP, range %.1f LU: %s\n",
                 stats->loudness->integrated_lufs, l.plan.mastering.target_lufs, stats->loudness->true_peak_dbtp,
                 stats->loudness->range_lu, l.plan.loudness_report.lexically_relative(l.project.root).c_str());
  }
  return print_paint_qa(fs, l, QaFor::kBuild, con);
}

int build_animatic(core::FileSystem& fs, const Loaded& l, const BuildArgs& args, const Console& con) {
  auto t0 = std::chrono::steady_clock::now();
  auto speech = animatic::make_espeak_engine();
  if (args.explain && !args.dry_run) {
    core::DiagnosticSink quiet;
    auto silent = graph::make_null_progress();
    auto why = graph::build_animatic(fs, l.project, {args.jobs, true}, *silent, *speech, quiet);
    if (why.is_ok()) {
      for (const auto& line : why->build.would_run) std::fprintf(con.out, "running %s\n", line.c_str());
    }
  }
  core::DiagnosticSink warnings;
  auto progress = progress_for(args, con);
  auto stats = graph::build_animatic(fs, l.project, {args.jobs, args.dry_run}, *progress, *speech, warnings);
  std::fputs(warnings.format_all().c_str(), con.err);
  if (!stats.is_ok()) {
    std::fprintf(con.err, "sakuga: error: %s\n", stats.status().message().c_str());
    return 1;
  }
  const char* id = stats->deliverable_id.c_str();
  std::string length = core::format_duration(stats->total_frames, l.project.rate);
  if (args.dry_run) {
    for (const auto& line : stats->build.would_run) std::fprintf(con.out, "would run %s\n", line.c_str());
    if (stats->build.up_to_date) std::fprintf(con.out, "nothing to do: %s is up to date\n", id);
    return 0;
  }
  if (stats->build.up_to_date) {
    std::fprintf(con.out, "nothing to do: %s is up to date (%s, %zu cuts; %.2f s)\n", id, length.c_str(),
                 l.project.cuts.size(), seconds_since(t0));
    return 0;
  }
  std::fprintf(con.out,
               "built %s: %s, %lld frames rendered, %lld cuts encoded, %lld voices spoken, %lld from cache, "
               "%lld silent lines; %.2f s\n",
               id, length.c_str(), static_cast<long long>(stats->build.frames_rendered),
               static_cast<long long>(stats->build.segments_encoded), static_cast<long long>(stats->voices_spoken),
               static_cast<long long>(stats->voices_cached), static_cast<long long>(stats->silent_lines),
               seconds_since(t0));
  return 0;
}

}  // namespace

int cmd_build(core::FileSystem& fs, const BuildArgs& args, const Console& con) {
  if (args.target != "episode" && args.target != "animatic" && args.target != "all") {
    std::fprintf(con.err, "sakuga: error: unknown target '%s' (expected episode, animatic or all)\n",
                 args.target.c_str());
    return 2;
  }
  bool episode = args.target != "animatic";
  int status = 0;
  auto l = load(fs, args.project, con, status, episode, !args.dry_run);
  if (!l) return status;
  if (args.target != "animatic") status = build_episode(fs, *l, args, con);
  if (status == 0 && args.target != "episode") status = build_animatic(fs, *l, args, con);
  return status;
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
