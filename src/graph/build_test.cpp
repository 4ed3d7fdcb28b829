// The build graph end to end on an in-memory file system: the real loader, planner, renderer,
// encoder and muxer, with every write observable.
#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "graph/builder.h"
#include "graph/paint_qa.h"
#include "graph/plan.h"
#include "media/encoder.h"
#include "project/project.h"
#include "testing/golden.h"
#include "testing/tiny_project.h"
#include "vector/svg.h"

namespace sakuga::graph {
namespace {

const bool kQuiet = (media::quiet_ffmpeg_logs(), true);

const fs::path kRoot = "/proj";

struct Built {
  std::optional<project::Project> project;
  std::optional<Plan> plan;
  BuildStats stats;
};

// Loads and plans the project in `fs`, expecting both to succeed; diagnostics go to `sink`.
Built load_and_plan(core::MemoryFileSystem& fs, core::DiagnosticSink& sink) {
  Built b;
  b.project = project::load_project(fs, kRoot, sink);
  EXPECT_TRUE(b.project.has_value()) << sink.format_all();
  if (!b.project) return b;
  b.plan = make_plan(Store(fs, kRoot), *b.project, sink);
  EXPECT_TRUE(b.plan.has_value()) << sink.format_all();
  return b;
}

Built build(core::MemoryFileSystem& fs, int jobs = 2, bool dry_run = false) {
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  if (!b.plan) return b;
  Env env{fs};
  auto stats = run_build(env, *b.project, *b.plan, {jobs, dry_run});
  EXPECT_TRUE(stats.is_ok()) << stats.status().message();
  if (stats.is_ok()) b.stats = *stats;
  return b;
}

TEST(BuildGraph, FirstBuildRendersEveryDistinctFrameAndDelivers) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  Built b = build(fs);
  // c001 pans (12 distinct frames); c002 is a still hold (1 frame, reused 5 times).
  EXPECT_EQ(b.stats.frames_rendered, 13);
  EXPECT_EQ(b.stats.segments_encoded, 2);
  EXPECT_EQ(b.stats.audio_mixed, 1);
  EXPECT_EQ(b.stats.deliverables_written, 1);
  auto sum = media::summarize(fs, kRoot / "out/proj.mp4");
  ASSERT_TRUE(sum.is_ok()) << sum.status().message();
  EXPECT_EQ(sum->video_frames, 18);
  EXPECT_EQ(sum->width, 64);
  EXPECT_TRUE(sum->bt709);
  EXPECT_EQ(sum->audio_codec, "aac");
  EXPECT_TRUE(fs.exists(kRoot / ".sakuga/build.log"));
  // The sound, mastered to ARIB TR-B32, its stems and its loudness report beside the episode.
  ASSERT_TRUE(b.stats.loudness.has_value());
  EXPECT_NEAR(b.stats.loudness->integrated_lufs, -24, 0.5);
  EXPECT_LE(b.stats.loudness->true_peak_dbtp, -1.0);
  for (const char* f : {"out/proj.dialogue.wav", "out/proj.me.wav", "out/proj.loudness.json", "out/proj.loudness.png"}) {
    EXPECT_TRUE(fs.exists(kRoot / f)) << f;
  }
  EXPECT_NE(fs.read_file(kRoot / "out/proj.loudness.json")->find("\"standard\": \"ARIB TR-B32\""), std::string::npos);
  EXPECT_FALSE(fs.exists(kRoot / ".sakuga/audio/premix.wav"));
  // A lost stem is written again, by mixing again.
  ASSERT_TRUE(fs.remove(kRoot / "out/proj.me.wav").is_ok());
  Built again = build(fs);
  EXPECT_EQ(again.stats.audio_mixed, 1);
  EXPECT_EQ(again.stats.frames_rendered, 0);
  EXPECT_TRUE(fs.exists(kRoot / "out/proj.me.wav"));
}

TEST(BuildGraph, NothingChangedMeansNothingRunsOrIsWritten) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  build(fs);
  size_t files = fs.file_count();
  int out_writes = fs.write_count(kRoot / "out/proj.mp4");
  int log_writes = fs.write_count(kRoot / ".sakuga/build.log");
  Built again = build(fs);
  EXPECT_TRUE(again.stats.up_to_date);
  EXPECT_EQ(again.stats.frames_rendered, 0);
  EXPECT_EQ(fs.file_count(), files);
  EXPECT_EQ(fs.write_count(kRoot / "out/proj.mp4"), out_writes);
  EXPECT_EQ(fs.write_count(kRoot / ".sakuga/build.log"), log_writes);
  Built dry = build(fs, 2, true);
  EXPECT_TRUE(dry.stats.up_to_date);
  EXPECT_TRUE(dry.stats.would_run.empty());
}

TEST(BuildGraph, ChangingOneDrawingReencodesOnlyItsCutAndSaysWhich) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  build(fs);
  // Drawing 2 of c001 is exposed on frames 4..7.
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c001/A/2.svg", sakuga::testing::circle_svg(40, 20, "#4a3b6b")).is_ok());
  Built dry = build(fs, 2, true);
  EXPECT_EQ(dry.stats.would_run, (std::vector<std::string>{"segment c001: cuts/c001/A/2.svg changed",
                                                           "deliverable out/proj.mp4: segment c001 changed"}));
  int seg2_writes = fs.write_count(dry.plan->cuts[1].segment_path);
  Built b = build(fs);
  EXPECT_EQ(b.stats.frames_rendered, 12);  // c001's frames (it pans: none is the same as the one before)
  EXPECT_EQ(b.stats.segments_encoded, 1);
  EXPECT_EQ(b.stats.audio_mixed, 0);
  EXPECT_EQ(fs.write_count(b.plan->cuts[1].segment_path), seg2_writes);
  EXPECT_EQ(media::summarize(fs, kRoot / "out/proj.mp4")->video_frames, 18);
}

// c002 of the tiny project times drawing 2 as the in-between of keys 1 (a circle at x 32) and
// 3 (at x 48), which nobody drew.
void time_an_inbetween(core::MemoryFileSystem& fs, int key3_x) {
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/cut.toml",
                            "duration = 6\nbackground = \"bg/sky.svg\"\n[[layers]]\nname = \"A\"\n[sheet]\n"
                            "A = \"1:2 2:2 3:2\"\n[[timing]]\nlayer = \"A\"\nchart = \"(1) 2 (3)\"\n")
                  .is_ok());
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/3.svg", sakuga::testing::circle_svg(key3_x, 30, "#8e2f2a")).is_ok());
}

// Where the circle of a generated in-between is: the middle of its outline's bounds.
double circle_x(core::MemoryFileSystem& fs, const fs::path& file) {
  core::DiagnosticSink sink;
  core::SourceText src(file.generic_string(), *fs.read_file(file));
  auto d = vector::parse_svg(src, sink);
  EXPECT_TRUE(d.has_value()) << sink.format_all();
  if (!d || d->shapes.empty()) return -1;
  double x0 = 1e9, x1 = -1e9;
  for (const auto& c : d->shapes[0].contours) {
    for (const core::Vec2& p : c.points) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
  }
  return (x0 + x1) / 2;
}

TEST(BuildGraph, AnInBetweenNobodyDrewIsGeneratedAndMadeAgainWhenAKeyChanges) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  time_an_inbetween(fs, 48);
  const fs::path product = kRoot / "out/inbetween/c002/A/2.svg";
  Built b = build(fs);
  EXPECT_EQ(b.stats.inbetweens_written, 1);
  ASSERT_TRUE(fs.exists(product));
  EXPECT_NEAR(circle_x(fs, product), 40, 0.5);  // half way
  EXPECT_EQ(b.stats.frames_rendered, 13 + 2);   // c002 shows 1, 2 and 3 now

  // Nothing changed: nothing is made or written, though the plan still reads the in-between.
  int writes = fs.write_count(product);
  Built again = build(fs);
  EXPECT_TRUE(again.stats.up_to_date);
  EXPECT_EQ(fs.write_count(product), writes);

  // A key moves: the in-between is made again, and only its cut is rendered and encoded again.
  time_an_inbetween(fs, 56);
  Built dry = build(fs, 2, true);
  ASSERT_FALSE(dry.stats.would_run.empty());
  EXPECT_EQ(dry.stats.would_run.front(), "inbetween c002/A/2: cuts/c002/A/3.svg changed");
  Built moved = build(fs);
  EXPECT_EQ(moved.stats.inbetweens_written, 1);
  EXPECT_EQ(moved.stats.frames_rendered, 3);  // c002 again, a frame per drawing (each held 2 frames)
  EXPECT_NEAR(circle_x(fs, product), 44, 0.5);

  // Deleting the product writes it again from the cache; a damaged cache entry is made again.
  ASSERT_TRUE(fs.remove(product).is_ok());
  EXPECT_EQ(build(fs).stats.inbetweens_written, 1);
  EXPECT_NEAR(circle_x(fs, product), 44, 0.5);
  ASSERT_TRUE(fs.write_file(moved.plan->generated[0].cached, "<svg").is_ok());
  EXPECT_EQ(build(fs).stats.inbetweens_written, 1);
  EXPECT_NE(fs.read_file(moved.plan->generated[0].cached)->find("</svg>"), std::string::npos);
  EXPECT_TRUE(build(fs).stats.up_to_date);

  // An in-between somebody drew wins over the generated one.
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/2.svg", sakuga::testing::circle_svg(20, 30, "#8e2f2a")).is_ok());
  Built drawn = build(fs);
  EXPECT_TRUE(drawn.plan->generated.empty());
  EXPECT_EQ(drawn.stats.inbetweens_written, 0);
  EXPECT_EQ(drawn.stats.frames_rendered, 3);
  EXPECT_FALSE(fs.exists(product));  // the generated one is gone, not left to be mistaken for it
  EXPECT_TRUE(build(fs).stats.up_to_date);
}

TEST(BuildGraph, KeysWithNothingInCommonHoldTheNearerKeyWithAWarning) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  time_an_inbetween(fs, 48);
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/3.svg",
                            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\">\n"
                            "<path d=\"M 2 2 L 62 3\" fill=\"none\" stroke=\"#ff0000\" stroke-width=\"6\"/></svg>\n")
                  .is_ok());
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  ASSERT_TRUE(b.plan.has_value());
  EXPECT_TRUE(b.plan->generated.empty());
  std::string said = sink.format_all();
  EXPECT_NE(said.find("cuts/c002/cut.toml:6:10: warning: in-between A/2 cannot be generated from A/1 and A/3 "
                      "((1) 2 (3)): the keys have nothing in common"),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("A/1, the nearer, is held in its place"), std::string::npos) << said;
  Env env{fs};
  auto stats = run_build(env, *b.project, *b.plan, {2, false});
  ASSERT_TRUE(stats.is_ok()) << stats.status().message();
  EXPECT_FALSE(fs.exists(kRoot / "out/inbetween/c002/A/2.svg"));
}

TEST(BuildGraph, ChangingASoundRemixesWithoutRendering) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  build(fs);
  std::string toml = *fs.read_file(kRoot / "cuts/c001/cut.toml");
  toml.replace(toml.find("frame = 3"), 9, "frame = 5");
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c001/cut.toml", toml).is_ok());
  Built b = build(fs);
  EXPECT_EQ(b.stats.frames_rendered, 0);
  EXPECT_EQ(b.stats.segments_encoded, 0);
  EXPECT_EQ(b.stats.audio_mixed, 1);
  EXPECT_EQ(b.stats.deliverables_written, 1);
}

TEST(BuildGraph, LostOutputIsRewrittenAndExplained) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  build(fs);
  ASSERT_TRUE(fs.remove(kRoot / "out/proj.mp4").is_ok());
  Built dry = build(fs, 1, true);
  EXPECT_EQ(dry.stats.would_run, (std::vector<std::string>{"deliverable out/proj.mp4: its output is missing"}));
  Built b = build(fs);
  EXPECT_EQ(b.stats.frames_rendered, 0);
  EXPECT_EQ(b.stats.deliverables_written, 1);
}

// Every build in one process too: an encoder whose bytes depend on where its buffers land in
// memory (x264's AVX-512 code did) or a file stamped with the time (a WAV PEAK chunk) shows here.
TEST(BuildGraph, OutputIsIdenticalForAnyThreadCount) {
  std::optional<std::string> first_mp4, first_mix;
  for (int round = 0; round < 8; ++round) {
    core::MemoryFileSystem fs;
    sakuga::testing::write_tiny_project(fs, kRoot);
    Built b = build(fs, round % 2 ? 4 : 1);
    std::string mp4 = *fs.read_file(kRoot / "out/proj.mp4");
    std::string mix = *fs.read_file(b.plan->audio_path);
    if (!first_mp4) {
      first_mp4 = mp4;
      first_mix = mix;
    }
    ASSERT_EQ(mp4, *first_mp4) << "round " << round;
    ASSERT_EQ(mix, *first_mix) << "round " << round;
  }
}

TEST(BuildGraph, ProjectErrorsWriteNothing) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/1.svg", "<svg width=\"64\" height=\"48\"><path d=\"M0 0 L\"/></svg>")
                  .is_ok());
  size_t files = fs.file_count();
  core::DiagnosticSink sink;
  auto p = project::load_project(fs, kRoot, sink);
  ASSERT_TRUE(p.has_value());
  EXPECT_FALSE(make_plan(Store(fs, kRoot), *p, sink).has_value());
  EXPECT_EQ(sink.format_all(),
            "cuts/c002/A/1.svg:1:44: error: path data: expected coordinates after lineto\n"
            "<svg width=\"64\" height=\"48\"><path d=\"M0 0 L\"/></svg>\n"
            "                                           ^\n");
  EXPECT_EQ(fs.file_count(), files);
}

TEST(BuildLog, AppendsAsNodesFinishAndReadsBackTheLastWord) {
  core::MemoryFileSystem fs;
  const fs::path path = "/p/.sakuga/build.log";
  core::Hash128 a = core::hash_bytes("a"), b = core::hash_bytes("b");
  {
    BuildLog log = BuildLog::open(fs, path);
    ASSERT_TRUE(log.record("segment c001", a, {{"cuts/c001/A/1.svg", a}}).is_ok());
    ASSERT_TRUE(log.record("segment c002", a).is_ok());
    ASSERT_TRUE(log.record("segment c001", b, {{"cuts/c001/A/1.svg", b}}).is_ok());
    ASSERT_TRUE(log.forget("segment c002").is_ok());
  }
  EXPECT_EQ(fs.write_count(path), 4);  // a write per record: nothing waits for the end of the build
  BuildLog back = BuildLog::open(fs, path);
  ASSERT_NE(back.find("segment c001"), nullptr);
  EXPECT_EQ(back.find("segment c001")->key, b);
  EXPECT_EQ(back.find("segment c001")->inputs, (std::vector<Input>{{"cuts/c001/A/1.svg", b}}));
  EXPECT_EQ(back.find("segment c002"), nullptr);
  // A build killed while writing a line leaves it cut short: that line does not count.
  ASSERT_TRUE(fs.append_file(path, a.hex() + "\tsegment c009\tcuts/c0").is_ok());
  BuildLog torn = BuildLog::open(fs, path);
  EXPECT_EQ(torn.find("segment c009"), nullptr);
  EXPECT_EQ(torn.size(), 1u);
}

TEST(BuildLog, RecompactsWhenMostLinesAreSuperseded) {
  core::MemoryFileSystem fs;
  const fs::path path = "/p/.sakuga/build.log";
  {
    BuildLog log = BuildLog::open(fs, path);
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(log.record("mix", core::hash_bytes(std::to_string(i))).is_ok());
  }
  EXPECT_EQ(BuildLog::open(fs, path, /*writable=*/false).lines_loaded(), 200u);  // a dry run writes nothing
  EXPECT_EQ(BuildLog::open(fs, path).lines_loaded(), 200u);  // loaded, then rewritten
  BuildLog again = BuildLog::open(fs, path);
  EXPECT_EQ(again.lines_loaded(), 1u);
  EXPECT_EQ(again.find("mix")->key, core::hash_bytes("199"));
}

TEST(BuildLog, ExplainNamesTheInputThatChanged) {
  core::MemoryFileSystem fs;
  BuildLog log = BuildLog::open(fs, "/p/.sakuga/build.log");
  core::Hash128 a = core::hash_bytes("a"), b = core::hash_bytes("b");
  Inputs before;
  before.add("engine", "1").add("cuts/c001/A/1.svg", a).add("the camera of c001", a).add("~the frames of c001", a);
  ASSERT_TRUE(log.record("segment c001", before.key(NodeKind::kSegment), before.list()).is_ok());
  auto key = [](const Inputs& in) { return in.key(NodeKind::kSegment); };
  EXPECT_EQ(explain(log, "segment c001", key(before), before.list(), true), "up to date");
  EXPECT_EQ(explain(log, "segment c001", key(before), before.list(), false), "its output is missing");
  EXPECT_EQ(explain(log, "segment c009", key(before), before.list(), false), "new");
  Inputs file;
  file.add("engine", "1").add("cuts/c001/A/1.svg", b).add("the camera of c001", a).add("~the frames of c001", b);
  EXPECT_EQ(explain(log, "segment c001", key(file), file.list(), false), "cuts/c001/A/1.svg changed");
  Inputs engine;
  engine.add("engine", "2").add("cuts/c001/A/1.svg", a).add("the camera of c001", a).add("~the frames of c001", b);
  EXPECT_EQ(explain(log, "segment c001", key(engine), engine.list(), false), "the engine changed");
  Inputs derived;  // nothing named changed, only what they make together
  derived.add("engine", "1").add("cuts/c001/A/1.svg", a).add("the camera of c001", a).add("~the frames of c001", b);
  EXPECT_EQ(explain(log, "segment c001", key(derived), derived.list(), false), "the frames of c001 changed");
  Inputs more;
  more.add("engine", "1").add("cuts/c001/A/1.svg", a).add("cuts/c001/A/2.svg", a).add("~the frames of c001", b);
  EXPECT_EQ(explain(log, "segment c001", key(more), more.list(), false),
            "new input cuts/c001/A/2.svg, no longer uses the camera of c001");
}

TEST(Plan, WarnsWhenTheCameraSeesPastTheBackground) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  std::string toml = *fs.read_file(kRoot / "cuts/c001/cut.toml");
  toml.replace(toml.find("frame = 11\nx = 64"), 17, "frame = 11\nx = 200");
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c001/cut.toml", toml).is_ok());
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);  // a warning, not an error
  ASSERT_TRUE(b.plan.has_value());
  // The 128 px background: the frame's right edge (camera x + 32) passes 128.5 once
  // 32 + 168 * f / 11 > 96.5, which is from frame 5 on.
  EXPECT_EQ(sink.format_all(),
            "cuts/c001/cut.toml:4:1: warning: from frame 5 (0+5) the camera sees past the edge of the background; "
            "the frame shows black there\n"
            "[[camera]]\n"
            "^\n");
}

// A colour model for the tiny project: c001 painted by day, c002 at night, both by paint marks.
void paint_tiny_project(core::MemoryFileSystem& fs, const char* mark_style = "skin") {
  std::string toml = *fs.read_file(kRoot / "sakuga.toml");
  ASSERT_TRUE(fs.write_file(kRoot / "sakuga.toml", toml + "palette = \"design/model.toml\"\n").is_ok());
  ASSERT_TRUE(fs.write_file(kRoot / "design/model.toml",
                            "[colors]\nline = \"#1e1a24\"\nskin = \"#f7dcc8\"\n"
                            "[variants.night.colors]\nskin = \"#8f92b8\"\n")
                  .is_ok());
  auto drawing = [&](int cx, int cy) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\">\n"
           "  <circle cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) +
           "\" r=\"10\" fill=\"none\" stroke=\"#1e1a24\" stroke-width=\"2\"/>\n"
           "  <circle data-paint=\"" + mark_style + "\" cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) +
           "\" r=\"1\"/>\n</svg>\n";
  };
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c001/A/1.svg", drawing(20, 24)).is_ok());
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/1.svg", drawing(32, 24)).is_ok());
  std::string cut = *fs.read_file(kRoot / "cuts/c002/cut.toml");
  cut.insert(cut.find("\n[[layers]]"), "variant = \"night\"\n");
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/cut.toml", cut).is_ok());
}

TEST(BuildPaint, CelsArePaintedFromTheirMarksInTheCutsVariant) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  paint_tiny_project(fs);
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  ASSERT_TRUE(b.plan.has_value());
  EXPECT_EQ(sink.format_all(), "");
  auto day = render_one_frame(fs, *b.plan, b.plan->cuts[0], 0);
  auto night = render_one_frame(fs, *b.plan, b.plan->cuts[1], 0);
  ASSERT_TRUE(day.is_ok() && night.is_ok());
  EXPECT_EQ(day->at(20, 24), (core::Rgba8{0xf7, 0xdc, 0xc8, 255}));   // the camera starts centred on 32,24
  EXPECT_EQ(night->at(32, 24), (core::Rgba8{0x8f, 0x92, 0xb8, 255}));
  EXPECT_EQ(night->at(32, 24 - 10), (core::Rgba8{0x1e, 0x1a, 0x24, 255}));  // the line
  EXPECT_EQ(night->at(32, 24 - 6), (core::Rgba8{0x8f, 0x92, 0xb8, 255}));
  EXPECT_EQ(night->at(5, 5), (core::Rgba8{0x87, 0xce, 0xeb, 255}));  // the sky: transparent outside
  // The QA of every painted cel is clean.
  core::DiagnosticSink qa_sink;
  auto qa = report_paint_qa(fs, *b.plan, kRoot, true, kRoot / "out/qa", qa_sink);
  ASSERT_TRUE(qa.is_ok());
  EXPECT_EQ(qa->cels_checked, 3);
  EXPECT_TRUE(qa->failing.empty()) << qa_sink.format_all();
  // A colour changed in the model repaints the frames that show it, and only those.
  build(fs);
  std::string model = *fs.read_file(kRoot / "design/model.toml");
  model.replace(model.find("#8f92b8"), 7, "#7f82a8");
  ASSERT_TRUE(fs.write_file(kRoot / "design/model.toml", model).is_ok());
  Built again = build(fs);
  EXPECT_GT(again.stats.frames_rendered, 0);
  EXPECT_LE(again.stats.frames_rendered, 13);
  auto recoloured = render_one_frame(fs, *again.plan, again.plan->cuts[1], 0);
  EXPECT_EQ(recoloured->at(32, 24), (core::Rgba8{0x7f, 0x82, 0xa8, 255}));
}

TEST(BuildPaint, AMarkNamingAStyleTheModelLacksIsAnErrorAtTheMark) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  paint_tiny_project(fs, "skni");
  core::DiagnosticSink sink;
  auto p = project::load_project(fs, kRoot, sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  EXPECT_FALSE(make_plan(Store(fs, kRoot), *p, sink).has_value());
  EXPECT_NE(sink.format_all().find("cuts/c001/A/1.svg:3:3: error: paint mark names 'skni', a style the colour model lacks"),
            std::string::npos)
      << sink.format_all();
}

TEST(BuildPaint, AnUnpaintedRegionIsReportedWithAPicture) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  paint_tiny_project(fs);
  // A second closed shape in c002's drawing that no mark paints.
  std::string svg = *fs.read_file(kRoot / "cuts/c002/A/1.svg");
  svg.insert(svg.find("</svg>"), "  <rect x=\"46\" y=\"30\" width=\"14\" height=\"14\" fill=\"none\" stroke=\"#1e1a24\"/>\n");
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/A/1.svg", svg).is_ok());
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  ASSERT_TRUE(b.plan.has_value());
  core::DiagnosticSink qa_sink;
  auto qa = report_paint_qa(fs, *b.plan, kRoot, true, kRoot / "out/qa", qa_sink);
  ASSERT_TRUE(qa.is_ok());
  EXPECT_EQ(qa->failing, (std::vector<std::string>{"cuts/c002/A/1.svg"}));
  EXPECT_EQ(qa->pictures, (std::vector<std::string>{"out/qa/cuts/c002/A/1.png"}));
  EXPECT_TRUE(fs.exists(kRoot / "out/qa/cuts/c002/A/1.png"));
  EXPECT_NE(qa_sink.format_all().find("cuts/c002/A/1.svg"), std::string::npos) << qa_sink.format_all();
  EXPECT_NE(qa_sink.format_all().find("unpainted"), std::string::npos) << qa_sink.format_all();
}

TEST(BuildPaint, AVariantTheModelLacksIsAnError) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  paint_tiny_project(fs);
  std::string cut = *fs.read_file(kRoot / "cuts/c002/cut.toml");
  cut.replace(cut.find("\"night\""), 7, "\"dusk\"");
  ASSERT_TRUE(fs.write_file(kRoot / "cuts/c002/cut.toml", cut).is_ok());
  core::DiagnosticSink sink;
  EXPECT_FALSE(project::load_project(fs, kRoot, sink).has_value());
  EXPECT_NE(sink.format_all().find("cuts/c002/cut.toml:3:11: error: the colour model design/model.toml has no variant 'dusk'"),
            std::string::npos)
      << sink.format_all();
}

TEST(BuildPaint, AMalformedColourModelIsAnErrorInIt) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  paint_tiny_project(fs);
  ASSERT_TRUE(fs.write_file(kRoot / "design/model.toml", "[colors]\nline = \"#1e1a24\"\nskin = \"#f7dcz8\"\n").is_ok());
  core::DiagnosticSink sink;
  EXPECT_FALSE(project::load_project(fs, kRoot, sink).has_value());
  EXPECT_EQ(sink.format_all(),
            "design/model.toml:3:9: error: '#f7dcz8' is not a colour (expected #rgb, #rrggbb or #rrggbbaa)\n"
            "skin = \"#f7dcz8\"\n"
            "        ^\n");
}

// Whole frames through every stage (camera, bilinear PNG background, SVG background, cels), side
// by side: c001 frame 0, c001 frame 6 (mid-pan, drawing 2), c002 frame 0 (SVG background).
TEST(Frames, TinyProjectFramesMatchGolden) {
  core::MemoryFileSystem fs;
  sakuga::testing::write_tiny_project(fs, kRoot);
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  ASSERT_TRUE(b.plan.has_value());
  const Plan& plan = *b.plan;
  core::Image<core::Rgba8> strip(64 * 3, 48);
  int slot = 0;
  for (auto [cut, frame] : {std::pair{0, 0}, std::pair{0, 6}, std::pair{1, 0}}) {
    auto img = render_one_frame(fs, plan, plan.cuts[cut], frame);
    ASSERT_TRUE(img.is_ok()) << img.status().message();
    for (int y = 0; y < 48; ++y) {
      for (int x = 0; x < 64; ++x) strip.at(slot * 64 + x, y) = img->at(x, y);
    }
    ++slot;
  }
  EXPECT_TRUE(sakuga::testing::matches_golden(strip.cview(), "tiny_frames"));
  EXPECT_FALSE(render_one_frame(fs, plan, plan.cuts[1], 6).is_ok());  // c002 has frames 0..5
}


// An encoder that writes a line per frame (the hash of its pixels) and a muxer that writes the
// segments and the mix's hash one after another: fast, exact, and it fails where told.
class FakeEncoders final : public Encoders {
 public:
  class Segment final : public FrameEncoder {
   public:
    Segment(FakeEncoders& owner, core::FileSystem& fs, fs::path path) : owner_(owner), fs_(fs), path_(std::move(path)) {}
    core::Status add_frame(core::ImageView<const core::Rgba8> f) override {
      core::Hasher h;
      for (int y = 0; y < f.height(); ++y) h.bytes(f.row(y), static_cast<size_t>(f.width()) * sizeof(core::Rgba8));
      text_ += h.finish().hex() + "\n";
      return core::Status::ok();
    }
    core::Status finish() override {
      if (owner_.fail_after-- == 0) return core::error(core::ErrorCode::kIo, "fake encoder: disk full");
      ++owner_.segments;
      return fs_.write_file(path_, text_);
    }

   private:
    FakeEncoders& owner_;
    core::FileSystem& fs_;
    fs::path path_;
    std::string text_;
  };
  core::Result<std::unique_ptr<FrameEncoder>> open_segment(core::FileSystem& fs, const fs::path& path,
                                                           const media::VideoSettings&) override {
    return std::unique_ptr<FrameEncoder>(new Segment(*this, fs, path));
  }
  core::Status mux(core::FileSystem& fs, const media::EpisodeInputs& in, const fs::path& out) override {
    std::string all;
    for (const fs::path& s : in.segments) {
      SAKUGA_ASSIGN_OR_RETURN(std::string bytes, fs.read_file(s));
      all += bytes + "--\n";
    }
    SAKUGA_ASSIGN_OR_RETURN(std::string mix, fs.read_file(in.mix_wav));
    return fs.write_file(out, all + core::hash_bytes(mix).hex() + "\n");
  }
  std::atomic<int> fail_after{-1};  ///< the segment that fails: 0 the next one; -1 none
  std::atomic<int> segments{0};
};

// Ten cuts: the tiny project's two, copied, so there is something to run side by side.
void write_ten_cut_project(core::MemoryFileSystem& fs) {
  sakuga::testing::write_tiny_project(fs, kRoot);
  std::string toml = *fs.read_file(kRoot / "sakuga.toml");
  std::string list = "cuts = [";
  for (int c = 1; c <= 10; ++c) {
    char id[8];
    std::snprintf(id, sizeof id, "c%03d", c);
    list += std::string(c > 1 ? ", " : "") + "\"" + id + "\"";
    if (c <= 2) continue;
    const char* from = c % 2 ? "c001" : "c002";
    for (const std::string& name : fs.list_directory(kRoot / "cuts" / from / "A")) {
      fs.put(kRoot / "cuts" / id / "A" / name, *fs.read_file(kRoot / "cuts" / from / "A" / name));
    }
    // Each copy a few frames longer than the last, so no two cuts are the same segment.
    std::string cut = *fs.read_file(kRoot / "cuts" / from / "cut.toml");
    std::string was = c % 2 ? "duration = \"0+12\"" : "duration = 6";
    cut.replace(cut.find(was), was.size(), "duration = " + std::to_string((c % 2 ? 12 : 6) + c));
    fs.put(kRoot / "cuts" / id / "cut.toml", cut);
  }
  size_t at = toml.find("cuts = [");
  toml.replace(at, toml.find(']', at) - at, list);
  fs.put(kRoot / "sakuga.toml", toml);
}

// c003 (a copy of c001's pan) ends its pan at x 60 instead of 64.
void pan_c003_less_far(core::MemoryFileSystem& fs) {
  std::string toml = *fs.read_file(kRoot / "cuts/c003/cut.toml");
  toml.replace(toml.find("frame = 11\nx = 64"), 17, "frame = 11\nx = 60");
  fs.put(kRoot / "cuts/c003/cut.toml", toml);
}

core::Result<BuildStats> fake_build(core::MemoryFileSystem& fs, FakeEncoders& enc, int jobs, bool dry_run = false) {
  core::DiagnosticSink sink;
  Built b = load_and_plan(fs, sink);
  if (!b.plan) return core::error(core::ErrorCode::kInvalidInput, sink.format_all());
  Env env{fs, enc};
  return run_build(env, *b.project, *b.plan, {jobs, dry_run});
}

TEST(BuildGraphFakes, OutputIsBitIdenticalForOneTwoAndEightJobs) {
  std::optional<std::string> first;
  for (int jobs : {1, 2, 8}) {
    core::MemoryFileSystem fs;
    write_ten_cut_project(fs);
    FakeEncoders enc;
    auto stats = fake_build(fs, enc, jobs);
    ASSERT_TRUE(stats.is_ok()) << stats.status().message();
    EXPECT_EQ(stats->segments_encoded, 10);
    EXPECT_EQ(enc.segments, 10);
    std::string out = *fs.read_file(kRoot / "out/proj.mp4");
    if (!first) first = out;
    EXPECT_EQ(out, *first) << "-j " << jobs;
  }
}

TEST(BuildGraphFakes, AFailedNodeKeepsAndLogsTheOthersAndTheNextBuildDoesOnlyTheRest) {
  core::MemoryFileSystem fs;
  write_ten_cut_project(fs);
  FakeEncoders enc;
  enc.fail_after = 3;  // the fourth segment to finish fails
  auto failed = fake_build(fs, enc, 2);
  ASSERT_FALSE(failed.is_ok());
  EXPECT_NE(failed.status().message().find("fake encoder: disk full"), std::string::npos);
  EXPECT_FALSE(fs.exists(kRoot / "out/proj.mp4"));
  BuildLog log = BuildLog::open(fs, kRoot / ".sakuga/build.log");
  EXPECT_EQ(log.ids("segment ").size(), 9u);  // every other cut was made, and logged as it finished
  EXPECT_NE(log.find("mix"), nullptr);
  auto again = fake_build(fs, enc, 2);
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(again->segments_encoded, 1);
  EXPECT_EQ(again->audio_mixed, 0);
  EXPECT_EQ(again->deliverables_written, 1);
  // And the result is the clean build's.
  core::MemoryFileSystem clean;
  write_ten_cut_project(clean);
  FakeEncoders enc2;
  ASSERT_TRUE(fake_build(clean, enc2, 1).is_ok());
  EXPECT_EQ(*fs.read_file(kRoot / "out/proj.mp4"), *clean.read_file(kRoot / "out/proj.mp4"));
}

TEST(BuildGraphFakes, ExplainNamesTheChangedInput) {
  core::MemoryFileSystem fs;
  write_ten_cut_project(fs);
  FakeEncoders enc;
  ASSERT_TRUE(fake_build(fs, enc, 2).is_ok());
  pan_c003_less_far(fs);
  auto dry = fake_build(fs, enc, 2, true);
  ASSERT_TRUE(dry.is_ok());
  EXPECT_EQ(dry->would_run, (std::vector<std::string>{"segment c003: the camera of c003 changed",
                                                      "deliverable out/proj.mp4: segment c003 changed"}));
}

TEST(Store, GcKeepsWhatIsUsedAndTheLastBuildsAndReportsUsage) {
  core::MemoryFileSystem fs;
  write_ten_cut_project(fs);
  FakeEncoders enc;
  ASSERT_TRUE(fake_build(fs, enc, 2).is_ok());
  Store store(fs, kRoot);
  pan_c003_less_far(fs);
  ASSERT_TRUE(fake_build(fs, enc, 2).is_ok());
  fs.put(store.dir() / "segments/ab/litter.mp4.tmp.999.0", "half a segment from a killed build");
  core::DiagnosticSink sink;
  Built now = load_and_plan(fs, sink);
  auto used = now.plan->artifacts();
  std::set<fs::path> keep(used.begin(), used.end());
  auto usage = store.usage();
  EXPECT_EQ(usage[0].kind, "segments");
  EXPECT_EQ(usage[0].files, 11);  // ten cuts, one of them twice
  // The last build used what the project uses now; the one before it the old c003 too.
  auto dry = store.gc(keep, 2, true);
  ASSERT_TRUE(dry.is_ok());
  EXPECT_EQ(dry->removed_files, 1);  // the litter
  auto r = store.gc(keep, 0, false);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->removed_files, 2);  // the litter and the old c003
  EXPECT_EQ(store.usage()[0].files, 10);
  auto again = fake_build(fs, enc, 2);
  ASSERT_TRUE(again.is_ok());
  EXPECT_TRUE(again->up_to_date);
}

}  // namespace
}  // namespace sakuga::graph
