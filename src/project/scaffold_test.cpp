#include "project/scaffold.h"

#include <gtest/gtest.h>

#include "core/fs.h"
#include "project/project.h"

namespace sakuga::project {
namespace {

script::Screenplay parse(const std::string& text) {
  core::DiagnosticSink sink;
  auto play = script::parse_fountain(core::SourceText("s.fountain", text), sink);
  EXPECT_TRUE(play.has_value()) << sink.format_all();
  return play ? *play : script::Screenplay{};
}

const char* kScript =
    "Title: Test\n"
    "\n"
    "EXT. ROOF - DAY #4#\n"
    "\n"
    "Wind.\n"
    "\n"
    "MIO\n"
    "(quietly)\n"
    "One two three four five.\n"
    "\n"
    "CLOSE ON KEN\n"
    "\n"
    "He blinks.\n"
    "\n"
    "KEN\n"
    "What?\n"
    "\n"
    "INT. HALL - NIGHT\n"
    "\n"
    "Dark.\n";

TEST(Scaffold, OneCutPerSceneAndPerMarkedShot) {
  auto cuts = draft_cuts(parse(kScript));
  ASSERT_EQ(cuts.size(), 3u);
  EXPECT_EQ(cuts[0].id, "c001");
  EXPECT_EQ(cuts[0].scene_number, "4");
  EXPECT_EQ(cuts[0].heading, "EXT. ROOF - DAY");
  EXPECT_EQ(cuts[1].pos.line, 11);
  EXPECT_EQ(cuts[0].pos.line, 3);
  EXPECT_EQ(cuts[1].scene_number, "4");
  EXPECT_EQ(cuts[1].heading, "EXT. ROOF - DAY / CLOSE ON KEN");
  EXPECT_EQ(cuts[1].action, std::vector<std::string>{"He blinks."});
  EXPECT_EQ(cuts[2].scene_number, "2");  // second heading, no number of its own
  EXPECT_EQ(cuts[2].heading, "INT. HALL - NIGHT");
}

TEST(Scaffold, DialogueKeepsItsCueAndEstimatedTiming) {
  auto cuts = draft_cuts(parse(kScript));
  ASSERT_EQ(cuts[0].dialogue.size(), 1u);
  const DraftLine& l = cuts[0].dialogue[0];
  EXPECT_EQ(l.speaker, "MIO");
  EXPECT_EQ(l.parenthetical, "(quietly)");
  EXPECT_EQ(l.text, "One two three four five.");
  EXPECT_EQ(l.pos.line, 7);
  EXPECT_EQ(l.pos.col, 1);
  // heading 1 s + action 1.5 s + breath 0.5 s; five words at 2.5 words/s.
  EXPECT_DOUBLE_EQ(l.start_s, 3.0);
  EXPECT_DOUBLE_EQ(l.length_s, 2.0);
  EXPECT_DOUBLE_EQ(cuts[0].duration_s, 5.0);
}

TEST(Scaffold, DualDialogueSpeaksAtOnce) {
  auto cuts = draft_cuts(parse("INT. A - DAY\n\nX.\n\nMIO\nYes yes yes yes yes.\n\nKEN ^\nNo.\n"));
  ASSERT_EQ(cuts.size(), 1u);
  ASSERT_EQ(cuts[0].dialogue.size(), 2u);
  EXPECT_DOUBLE_EQ(cuts[0].dialogue[1].start_s, cuts[0].dialogue[0].start_s);
  EXPECT_EQ(cuts[0].dialogue[0].track, 1);
  EXPECT_EQ(cuts[0].dialogue[1].track, 2);  // a column of its own on the sheet: they overlap
  EXPECT_DOUBLE_EQ(cuts[0].duration_s, cuts[0].dialogue[0].start_s + cuts[0].dialogue[0].length_s);
}

TEST(Scaffold, MaterialBeforeTheFirstSceneGetsACut) {
  auto cuts = draft_cuts(parse("FADE IN:\n\nA cold open.\n\nINT. A - DAY\n\nX.\n"));
  ASSERT_EQ(cuts.size(), 2u);
  EXPECT_EQ(cuts[0].action.size(), 1u);  // FADE IN: is not action on the card
  EXPECT_EQ(cuts[0].heading, "");
  EXPECT_EQ(cuts[0].action.front(), "A cold open.");
  EXPECT_EQ(draft_cuts(script::Screenplay{}).size(), 1u);
}

TEST(Scaffold, AFadeInAloneMakesNoCut) {
  auto cuts = draft_cuts(parse("FADE IN:\n\nINT. A - DAY\n\nX.\n\nFADE OUT.\n"));
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0].heading, "INT. A - DAY");
  EXPECT_EQ(cuts[0].action, std::vector<std::string>{"X."});
  EXPECT_DOUBLE_EQ(cuts[0].duration_s, 1.0 + 1.5 + 0.5);
}

TEST(Scaffold, ShotLinesAreCapitalsWithACameraTerm) {
  EXPECT_TRUE(is_shot_line("CLOSE ON MIO"));
  EXPECT_TRUE(is_shot_line("WIDE"));
  EXPECT_TRUE(is_shot_line("POV: THE STAR"));
  EXPECT_FALSE(is_shot_line("Close on Mio"));
  EXPECT_FALSE(is_shot_line("CUT TO BLACK"));
  EXPECT_FALSE(is_shot_line("WIDEN THE GAP"));
}

TEST(Scaffold, FilesLoadBackAsAProject) {
  NewProject np;
  np.title = "Test \"quoted\"";
  np.script_name = "test.fountain";
  np.script_bytes = kScript;
  np.cuts = draft_cuts(parse(kScript));
  core::MemoryFileSystem fs;
  for (const auto& [rel, bytes] : project_files(np)) fs.put(std::filesystem::path("/p") / rel, bytes);
  core::DiagnosticSink sink;
  auto p = load_project(fs, "/p", sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  EXPECT_EQ(sink.format_all(), "");
  EXPECT_EQ(p->title, "Test \"quoted\"");
  ASSERT_EQ(p->cuts.size(), 3u);
  EXPECT_EQ(p->script_display, "script/test.fountain");
  EXPECT_EQ(p->cuts[0].duration_frames, 120);
  ASSERT_TRUE(p->cuts[1].scene.has_value());
  EXPECT_EQ(p->cuts[1].scene->heading, "EXT. ROOF - DAY / CLOSE ON KEN");
  ASSERT_EQ(p->cuts[0].dialogue.size(), 1u);
  const DialogueLine& d = p->cuts[0].dialogue[0];
  EXPECT_EQ(d.frame, 72);
  EXPECT_EQ(d.length, 48);
  EXPECT_EQ(d.script, "script/test.fountain:7:1");
  EXPECT_EQ(d.parenthetical, "(quietly)");
}

// A writer changes a line after the cuts were made: the cut that holds it is told, at its entry.
TEST(Scaffold, AChangedLineIsTracedToItsCut) {
  NewProject np;
  np.title = "T";
  np.script_name = "test.fountain";
  np.script_bytes = kScript;
  np.cuts = draft_cuts(parse(kScript));
  core::MemoryFileSystem fs;
  for (const auto& [rel, bytes] : project_files(np)) fs.put(std::filesystem::path("/p") / rel, bytes);
  std::string edited = kScript;
  edited.replace(edited.find("What?"), 5, "Who, me?");
  edited.insert(0, "\n");  // and every line moves down one
  fs.put("/p/script/test.fountain", edited);
  core::DiagnosticSink sink;
  ASSERT_TRUE(load_project(fs, "/p", sink).has_value());
  std::string out = sink.format_all();
  EXPECT_NE(out.find("cuts/c002/cut.toml:"), std::string::npos) << out;
  EXPECT_NE(out.find("this line of KEN is no longer in the script (it was at script/test.fountain:15)"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("c001"), std::string::npos) << "MIO's line only moved: " << out;
}

}  // namespace
}  // namespace sakuga::project

namespace sakuga::project {
namespace {

// Every test screenplay scaffolds into a project that loads without a problem: dual dialogue on
// its own sheet column, no line overlapping another.
TEST(Scaffold, EveryTestScreenplayLoadsBackClean) {
  std::string dir = std::string(std::getenv("SAKUGA_SOURCE_DIR") ? std::getenv("SAKUGA_SOURCE_DIR") : ".") + "/tests/scripts";
  int scripts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    SCOPED_TRACE(entry.path().string());
    core::DiskFileSystem disk;
    auto bytes = disk.read_file(entry.path());
    ASSERT_TRUE(bytes.is_ok());
    core::DiagnosticSink parse_sink;
    auto play = script::parse_fountain(core::SourceText("s.fountain", *bytes), parse_sink);
    ASSERT_TRUE(play.has_value());
    NewProject np;
    np.title = "t";
    np.script_name = "s.fountain";
    np.script_bytes = *bytes;
    np.cuts = draft_cuts(*play);
    core::MemoryFileSystem fs;
    for (const auto& [rel, text] : project_files(np)) fs.put(std::filesystem::path("/p") / rel, text);
    core::DiagnosticSink sink;
    auto p = load_project(fs, "/p", sink);
    ASSERT_TRUE(p.has_value()) << sink.format_all();
    EXPECT_EQ(sink.error_count(), 0u) << sink.format_all();
    ++scripts;
  }
  EXPECT_GE(scripts, 5);
}

}  // namespace
}  // namespace sakuga::project
