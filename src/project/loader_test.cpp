#include <gtest/gtest.h>

#include "project/project.h"
#include "testing/tiny_project.h"

namespace sakuga::project {
namespace {

const fs::path kRoot = "/proj";

class Loader : public ::testing::Test {
 protected:
  void SetUp() override { sakuga::testing::write_tiny_project(fs_, kRoot); }
  void put(const std::string& rel, const std::string& text) { ASSERT_TRUE(fs_.write_file(kRoot / rel, text).is_ok()); }
  std::optional<Project> load() { return load_project(fs_, kRoot, sink_); }
  std::string diagnostics() const { return sink_.format_all(); }
  // MIO designed in sakuga.toml with mouths 1, 2, 3, the first `drawn` of them drawn in c002/M.
  void design_mio_mouths(int drawn) {
    put("sakuga.toml",
        "title = \"T\"\ncuts = [\"c001\", \"c002\"]\n[characters.MIO]\nmouths = { closed = \"1\", half = \"2\", open = \"3\" }\n");
    for (int m = 1; m <= drawn; ++m) {
      put("cuts/c002/M/" + std::to_string(m) + ".svg", sakuga::testing::circle_svg(32, 30, "#8e2f2a"));
    }
  }

  core::MemoryFileSystem fs_;
  core::DiagnosticSink sink_;
};

TEST_F(Loader, ReadsTheTinyProject) {
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  EXPECT_EQ(diagnostics(), "");
  EXPECT_EQ(p->title, "Tiny");
  EXPECT_EQ(p->width, 64);
  ASSERT_EQ(p->cuts.size(), 2u);
  EXPECT_EQ(p->total_frames(), 18);
  const Cut& c = p->cuts[0];
  EXPECT_EQ(c.duration_frames, 12);
  ASSERT_EQ(c.camera.size(), 2u);
  EXPECT_EQ(c.camera[1].frame, 11);
  ASSERT_EQ(c.layers.size(), 1u);
  EXPECT_EQ(*c.layers[0].column.drawing_at(4), "2");
  EXPECT_EQ(c.layers[0].drawings.size(), 2u);
  ASSERT_EQ(c.sounds.size(), 1u);
  EXPECT_EQ(c.sounds[0].frame, 3);
  EXPECT_EQ(c.sounds[0].where, "cuts/c001/cut.toml:22:8");
  EXPECT_EQ(p->cut_starts(), (std::vector<int64_t>{0, 12}));
}

TEST_F(Loader, AColumnWithoutALayerIsReportedAtItsKey) {
  put("cuts/c002/cut.toml", "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1\"\n  C = \"1 2\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:6:3: error: column 'C' has no matching layer (declare it under [[layers]])\n"
            "  C = \"1 2\"\n"
            "  ^\n");
}

TEST_F(Loader, MissingDrawingPointsAtTheCell) {
  put("cuts/c002/cut.toml", "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1 7:2\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:5:8: error: drawing A/7 not found (looked for cuts/c002/A/7.svg)\n"
            "A = \"1 7:2\"\n"
            "       ^\n");
}

TEST_F(Loader, MissingDrawingInAMultiLineSheet) {
  put("cuts/c002/cut.toml", "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"\"\"\n  1\n  9\n\"\"\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:7:3: error: drawing A/9 not found (looked for cuts/c002/A/9.svg)\n"
            "  9\n"
            "  ^\n");
}

TEST_F(Loader, MissingSoundFile) {
  put("cuts/c002/cut.toml", "duration = 6\n[[sound]]\nfile = \"sound/boom.wav\"\nframe = 2\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:3:9: error: sound file 'sound/boom.wav' not found\n"
            "file = \"sound/boom.wav\"\n"
            "        ^\n");
}

TEST_F(Loader, CorruptSoundFileIsNamed) {
  put("sound/bad.wav", "RIFF....WAVEfmt garbage");
  put("cuts/c002/cut.toml", "duration = 6\n[[sound]]\nfile = \"sound/bad.wav\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_NE(diagnostics().find("cuts/c002/cut.toml:3:9: error: sound file 'sound/bad.wav': cannot decode audio"),
            std::string::npos)
      << diagnostics();
}

TEST_F(Loader, SoundCuesFadePanDuckAndTheMixHasATarget) {
  put("sakuga.toml",
      "title = \"T\"\ncuts = [\"c001\", \"c002\"]\n[[music]]\nfile = \"sound/beep.wav\"\nstart = \"0+6\"\n"
      "end = \"1+0\"\nfade_in = 6\nfade_out = \"0+12\"\n[mix]\nloudness = \"ebu\"\nduck_db = -14\n");
  put("cuts/c002/cut.toml",
      "duration = 6\n[[sound]]\nfile = \"sound/beep.wav\"\nframe = 2\noffset_ms = -10.5\npan = -0.5\nduck = true\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  ASSERT_EQ(p->music.size(), 1u);
  EXPECT_EQ(p->music[0].frame, 6);
  EXPECT_EQ(p->music[0].end, 24);
  EXPECT_EQ(p->music[0].fade_in, 6);
  EXPECT_EQ(p->music[0].fade_out, 12);
  EXPECT_EQ(p->mix.loudness_lufs, -23);
  EXPECT_EQ(p->mix.duck_db, -14);
  const SoundCue& s = p->cuts[1].sounds.at(0);
  EXPECT_EQ(s.offset_ms, -10.5);
  EXPECT_EQ(s.pan, -0.5);
  EXPECT_TRUE(s.duck);
}

TEST_F(Loader, BadSoundSettingsAreErrorsWhereTheyAreWritten) {
  put("sakuga.toml",
      "title = \"T\"\ncuts = [\"c001\", \"c002\"]\n[[music]]\nfile = \"sound/beep.wav\"\nstart = 12\nend = 6\n"
      "[mix]\nloudness = \"loud\"\n");
  put("cuts/c002/cut.toml", "duration = 6\n[[sound]]\nfile = \"sound/beep.wav\"\npan = 2\n");
  EXPECT_FALSE(load().has_value());
  const std::string d = diagnostics();
  EXPECT_NE(d.find("sakuga.toml:6:7: error: music ends before it starts"), std::string::npos) << d;
  EXPECT_NE(d.find("sakuga.toml:8:12: error: mix loudness must be \"arib\""), std::string::npos) << d;
  EXPECT_NE(d.find("cuts/c002/cut.toml:4:7: error: sound pan must be from -1 (left) to 1 (right)"), std::string::npos) << d;
}

TEST_F(Loader, AMouthLayerIsTimedToItsCharactersTakes) {
  design_mio_mouths(3);
  const std::string cut =
      "duration = 8\n[[layers]]\nname = \"A\"\n[[layers]]\nname = \"M\"\nmouth = \"Mio\"\non = 1\n[sheet]\nA = \"1\"\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = 2\ntake = \"sound/beep.wav\"\n";
  put("cuts/c002/cut.toml", cut);
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  const Layer& m = p->cuts[1].layers[1];
  EXPECT_TRUE(m.lip_synced);
  EXPECT_EQ(m.column.drawing_at(0), "1");
  EXPECT_EQ(m.column.drawing_at(1), "1");
  EXPECT_EQ(m.column.drawing_at(2), "3");  // the beep: open
  EXPECT_EQ(m.column.drawing_at(5), "1");  // and closed after it
  EXPECT_EQ(m.drawings.count("3"), 1u);
}

TEST_F(Loader, MouthsOnTwosChangeOnTheSheetsGridWhereverALineStarts) {
  design_mio_mouths(3);
  put("cuts/c002/cut.toml",
      "duration = 12\n[[layers]]\nname = \"M\"\nmouth = \"MIO\"\non = 2\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = 3\ntake = \"sound/beep.wav\"\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  const Layer& m = p->cuts[1].layers[0];
  for (const timesheet::Cell& c : m.column.cells) EXPECT_EQ(c.start_frame % 2, 0) << c.start_frame;
  EXPECT_EQ(m.column.drawing_at(2), "3");  // the pair 2-3 opens for the line starting at 3
  EXPECT_EQ(m.column.drawing_at(1), "1");
}

TEST_F(Loader, ALineWithoutATakeFlapsToItsScratchVoice) {
  design_mio_mouths(3);
  put("cuts/c002/cut.toml",
      "duration = 8\n[[layers]]\nname = \"M\"\non = 1\nmouth = \"MIO\"\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = 3\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  EXPECT_EQ(p->cuts[1].layers[0].column.drawing_at(3), "1");  // no take: closed so far
  EXPECT_EQ(p->cuts[1].layers[0].drawings.size(), 3u);        // all three ready for what comes
  int asked = 0;
  time_mouths(fs_, *p, [&](const Cut&, const DialogueLine& d) -> std::optional<Voice> {
    ++asked;
    EXPECT_EQ(d.text, "Hi");
    return read_voice(fs_, kRoot / "sound/beep.wav");  // 0.1 s of tone: frames 3 and 4
  }, sink_);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(p->cuts[1].layers[0].column.drawing_at(3), "3");
  EXPECT_EQ(p->cuts[1].layers[0].column.drawing_at(6), "1");
  EXPECT_EQ(diagnostics(), "");
  time_mouths(fs_, *p, nullptr, sink_);  // no synthesizer: closed, and said so at the layer
  EXPECT_EQ(p->cuts[1].layers[0].column.drawing_at(3), "1");
  EXPECT_NE(diagnostics().find("cuts/c002/cut.toml:5:10: warning: MIO has lines in this cut with neither a recorded take"),
            std::string::npos)
      << diagnostics();
}

TEST_F(Loader, AnArtistsOwnMouthTimingWins) {
  design_mio_mouths(3);
  put("cuts/c002/cut.toml",
      "duration = 8\n[[layers]]\nname = \"M\"\nmouth = \"MIO\"\n[sheet]\nM = \"2\"\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = 2\ntake = \"sound/beep.wav\"\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  EXPECT_FALSE(p->cuts[1].layers[0].lip_synced);
  EXPECT_EQ(p->cuts[1].layers[0].column.drawing_at(2), "2");
}

TEST_F(Loader, MouthLayersSayWhatIsMissing) {
  design_mio_mouths(1);
  put("cuts/c002/cut.toml",
      "duration = 8\n[[layers]]\nname = \"M\"\nmouth = \"MIO\"\n[[layers]]\nname = \"N\"\nmouth = \"KEN\"\n");
  EXPECT_FALSE(load().has_value());
  const std::string d = diagnostics();
  EXPECT_NE(d.find("cuts/c002/cut.toml:4:10: error: mouth drawing M/2 of MIO not found (looked for cuts/c002/M/2.svg)"),
            std::string::npos) << d;
  EXPECT_NE(d.find("cuts/c002/cut.toml:7:9: error: mouth names 'KEN', a character sakuga.toml does not design"),
            std::string::npos) << d;
}

TEST_F(Loader, ASheetFilesSeColumnPlacesItsEffects) {
  put("cuts/c002/s.csv", "frame,A,se\n1,1,\n2,,\n3,,beep\n4,,boom\n");
  put("cuts/c002/cut.toml", "sheet = \"cuts/c002/s.csv\"\n[[layers]]\nname = \"A\"\n");
  EXPECT_FALSE(load().has_value());  // there is no boom
  EXPECT_NE(diagnostics().find("cuts/c002/s.csv:5:4: error: sound effect 'boom' of the SE column: no sound file named boom"),
            std::string::npos)
      << diagnostics();
  put("cuts/c002/s.csv", "frame,A,se\n1,1,\n2,,\n3,,beep\n4,,\n");
  core::DiagnosticSink fresh;
  auto p = load_project(fs_, kRoot, fresh);
  ASSERT_TRUE(p.has_value()) << fresh.format_all();
  ASSERT_EQ(p->cuts[1].sounds.size(), 1u);
  EXPECT_EQ(p->cuts[1].sounds[0].frame, 2);
  EXPECT_EQ(p->cuts[1].sounds[0].display, "sound/beep.wav");
}

TEST_F(Loader, PathsMayNotLeaveTheProject) {
  put("cuts/c002/cut.toml", "duration = 6\nbackground = \"bg/../../etc/sky.svg\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:2:15: error: background 'bg/../../etc/sky.svg' leaves the project folder\n"
            "background = \"bg/../../etc/sky.svg\"\n"
            "              ^\n");
  fs::path out;
  EXPECT_TRUE(resolve_in_project("/proj", "/etc/passwd", out).has_value());
  EXPECT_TRUE(resolve_in_project("/proj", "..", out).has_value());
  EXPECT_FALSE(resolve_in_project("/proj", "a/../b.png", out).has_value());
  EXPECT_EQ(out, fs::path("/proj/b.png"));
}

TEST_F(Loader, MalformedTomlGivesItsPosition) {
  put("cuts/c002/cut.toml", "duration = 6\nbackground = \"bg/sky.svg\n");
  EXPECT_FALSE(load().has_value());
  auto d = sink_.diagnostics();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].file, "cuts/c002/cut.toml");
  EXPECT_EQ(d[0].pos.line, 2);
  EXPECT_GT(d[0].pos.col, 14);
  EXPECT_EQ(d[0].message.rfind("malformed TOML: ", 0), 0u);
}

TEST_F(Loader, EveryProblemInEveryFileAtOnce) {
  put("sakuga.toml", "title = 3\nframe_rate = \"25\"\ncuts = [\"c001\", \"c002\", \"c009\"]\n");
  put("cuts/c002/cut.toml",
      "duration = \"1+30\"\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"- 1\"\nB = \"1\"\n[[camera]]\nframe = 2\nx = 1\n"
      "ease = \"wobbly\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "sakuga.toml:1:9: error: title must be a string\n"
            "title = 3\n"
            "        ^\n"
            "sakuga.toml:2:14: error: Sakuga works at 24 or 24000/1001 frames per second\n"
            "frame_rate = \"25\"\n"
            "             ^\n"
            "sakuga.toml:3:26: error: cut 'c009' has no cuts/c009/cut.toml\n"
            "cuts = [\"c001\", \"c002\", \"c009\"]\n"
            "                         ^\n"
            "cuts/c002/cut.toml:1:13: error: invalid duration '1+30': frames after '+' must be below 24\n"
            "duration = \"1+30\"\n"
            "            ^\n"
            "cuts/c002/cut.toml:7:1: error: camera key needs y\n"
            "[[camera]]\n"
            "^\n"
            "cuts/c002/cut.toml:10:8: error: unknown ease 'wobbly' (expected linear, ease-in, ease-out or ease-in-out)\n"
            "ease = \"wobbly\"\n"
            "       ^\n"
            "cuts/c002/cut.toml:5:6: error: '-' holds the previous cell, but there is none\n"
            "A = \"- 1\"\n"
            "     ^\n"
            "cuts/c002/cut.toml:6:1: error: column 'B' has no matching layer (declare it under [[layers]])\n"
            "B = \"1\"\n"
            "^\n");
}

TEST_F(Loader, SheetLongerThanTheCut) {
  put("cuts/c002/cut.toml", "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1:4 1:4\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:5:10: error: the column of layer A runs past the end of the cut (0+6): it is 0+8 long\n"
            "A = \"1:4 1:4\"\n"
            "         ^\n");
}

TEST_F(Loader, UnknownKeysWarnButLoad) {
  put("cuts/c002/cut.toml", "duration = 6\ncolour = \"red\"\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1\"\n");
  EXPECT_TRUE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:2:1: warning: unknown key 'colour' in cut.toml (ignored)\n"
            "colour = \"red\"\n"
            "^\n");
}

}  // namespace
}  // namespace sakuga::project

namespace sakuga::project {
namespace {

const char* kXdts =
    "exchangeDigitalTimeSheet Save Data\n"
    "{\"version\": 5, \"timeTables\": [{\"name\": \"c002\", \"duration\": 8,\n"
    "\"timeTableHeaders\": [{\"fieldId\": 0, \"names\": [\"A\"]}, {\"fieldId\": 3, \"names\": [\"S1\"]}],\n"
    "\"fields\": [{\"fieldId\": 0, \"tracks\": [{\"trackNo\": 0, \"frames\": [\n"
    "{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"1\"]}]},\n"
    "{\"frame\": 4, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_TICK_1\"]}]},\n"
    "{\"frame\": 6, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_NULL_CELL\"]}]}]}]},\n"
    "{\"fieldId\": 3, \"tracks\": [{\"trackNo\": 0, \"frames\": [\n"
    "{\"frame\": 1, \"data\": [{\"id\": 0, \"values\": [\"MIO\", \"Hi!\"]}]},\n"
    "{\"frame\": 2, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_HYPHEN\"]}]}]}]}]}]}\n";

TEST_F(Loader, ACutTakesItsSheetFromAnXdtsFile) {
  put("cuts/c002/c002.xdts", kXdts);
  put("cuts/c002/cut.toml", "sheet = \"cuts/c002/c002.xdts\"\n[[layers]]\nname = \"A\"\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  EXPECT_EQ(diagnostics(), "");
  const Cut& c = p->cuts[1];
  EXPECT_EQ(c.duration_frames, 8);  // the sheet's, since cut.toml gives none
  EXPECT_EQ(c.sheet_file, "cuts/c002/c002.xdts");
  EXPECT_EQ(*c.layers[0].column.drawing_at(5), "1");
  EXPECT_EQ(c.layers[0].column.mark_at(4), timesheet::Mark::kTick1);
  EXPECT_FALSE(c.layers[0].column.drawing_at(6).has_value());
  ASSERT_EQ(c.dialogue.size(), 1u);
  EXPECT_EQ(c.dialogue[0].speaker, "MIO");
  EXPECT_EQ(c.dialogue[0].length, 2);
}

TEST_F(Loader, AnXdtsSheetMustFitTheCutAndItsLayers) {
  std::string sheet = kXdts;
  sheet.replace(sheet.find("\"names\": [\"A\"]"), 14, "\"names\": [\"B\"]");
  put("cuts/c002/c002.xdts", sheet);
  put("cuts/c002/cut.toml", "duration = 6\nsheet = \"cuts/c002/c002.xdts\"\n[[layers]]\nname = \"A\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:1:12: error: the cut lasts 0+6 but its sheet cuts/c002/c002.xdts lasts 0+8 (leave "
            "duration out to take the sheet's)\nduration = 6\n           ^\n"
            "cuts/c002/c002.xdts:4:38: error: column 'B' has no matching layer in cuts/c002/cut.toml (declare it "
            "under [[layers]])\n\"fields\": [{\"fieldId\": 0, \"tracks\": [{\"trackNo\": 0, \"frames\": [\n"
            "                                     ^\n"
            "cuts/c002/cut.toml:1:1: warning: layer A has no column in cuts/c002/c002.xdts; it shows nothing\n"
            "duration = 6\n^\n");
}

TEST_F(Loader, AMissingDrawingInAnXdtsSheetIsReportedThere) {
  std::string sheet = kXdts;
  sheet.replace(sheet.find("[\"1\"]"), 5, "[\"7\"]");
  put("cuts/c002/c002.xdts", sheet);
  put("cuts/c002/cut.toml", "sheet = \"cuts/c002/c002.xdts\"\n[[layers]]\nname = \"A\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/c002.xdts:5:44: error: drawing A/7 not found (looked for cuts/c002/A/7.svg)\n"
            "{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"7\"]}]},\n"
            "                                           ^\n");
}

TEST_F(Loader, ProblemsInASheetFilesDialogueAreReportedInThatFile) {
  put("cuts/c002/s.toml",
      "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1\"\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = 1\ntake = \"sound/none.wav\"\n");
  put("cuts/c002/cut.toml", "sheet = \"cuts/c002/s.toml\"\n[[layers]]\nname = \"A\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/s.toml:10:9: error: dialogue take 'sound/none.wav' not found\ntake = \"sound/none.wav\"\n"
            "        ^\n");
}

TEST_F(Loader, AnInBetweenNobodyDrewIsGeneratedFromItsKeys) {
  put("cuts/c002/A/3.svg", sakuga::testing::circle_svg(40, 30, "#8e2f2a"));
  put("cuts/c002/cut.toml",
      "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1:2 2:2 3:2\"\n"
      "[[timing]]\nlayer = \"A\"\nchart = \"(1) 2 (3)\"\nspacing = \"ease-out\"\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  EXPECT_EQ(diagnostics(), "");
  const Layer& a = p->cuts[1].layers[0];
  EXPECT_EQ(a.drawings.at("2"), kRoot / "cuts/c002/A/3.svg");  // held should it fail: ease-out puts it at 3/4
  EXPECT_EQ(a.stand_ins.at("2"), "3");
  const Layer::Generated& g = a.generated.at("2");
  EXPECT_EQ(g.from, "1");
  EXPECT_EQ(g.to, "3");
  EXPECT_EQ(g.from_file, kRoot / "cuts/c002/A/1.svg");
  EXPECT_DOUBLE_EQ(g.t, 0.75);
  EXPECT_EQ(g.cell_source->path(), "cuts/c002/cut.toml");
  EXPECT_EQ(g.cell_pos.line, 5);
  ASSERT_EQ(p->cuts[1].charts.size(), 1u);
  EXPECT_EQ(a.generated.count("1"), 0u);
}

TEST_F(Loader, ABreakdownSomebodyDrewIsAKeyForTheInBetweensBesideIt) {
  put("cuts/c002/A/5.svg", sakuga::testing::circle_svg(40, 30, "#8e2f2a"));
  put("cuts/c002/A/3.svg", sakuga::testing::circle_svg(45, 30, "#8e2f2a"));
  put("cuts/c002/cut.toml",
      "duration = 10\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1:2 2:2 3:2 4:2 5:2\"\n"
      "[[timing]]\nlayer = \"A\"\nchart = \"(1) 2 3 4 (5)\"\nspacing = [0.1, 0.4, 0.8]\n");
  auto p = load();
  ASSERT_TRUE(p.has_value()) << diagnostics();
  const Layer& a = p->cuts[1].layers[0];
  EXPECT_EQ(a.drawings.at("3"), kRoot / "cuts/c002/A/3.svg");
  EXPECT_EQ(a.generated.count("3"), 0u);  // drawn: it wins
  const Layer::Generated& two = a.generated.at("2");
  EXPECT_EQ(two.from, "1");
  EXPECT_EQ(two.to, "3");
  EXPECT_DOUBLE_EQ(two.t, 0.25);  // 0.1 of the way from 1 (0) to 3 (0.4)
  const Layer::Generated& four = a.generated.at("4");
  EXPECT_EQ(four.from, "3");
  EXPECT_EQ(four.to, "5");
  EXPECT_NEAR(four.t, 2.0 / 3.0, 1e-12);  // 0.8 between 3 (0.4) and 5 (1)
  EXPECT_EQ(a.stand_ins.at("4"), "5");
}

TEST_F(Loader, AnInBetweenWhoseKeysAreNotDrawnIsAnError) {
  put("cuts/c002/cut.toml",
      "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1:2 2:4\"\n"
      "[[timing]]\nlayer = \"A\"\nchart = \"(1) 2 (3)\"\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:5:10: error: drawing A/2 not found (looked for cuts/c002/A/2.svg), and the keys it "
            "is made from are not both drawn (A/3 is missing; timing chart (1) 2 (3))\nA = \"1:2 2:4\"\n         ^\n");
}

TEST_F(Loader, OverlappingDialogueInOneColumnIsAnError) {
  put("cuts/c002/cut.toml",
      "duration = 6\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1\"\n"
      "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hey!\"\nframe = 0\nlength = 4\n"
      "[[dialogue]]\nspeaker = \"KEN\"\ntext = \"Yo.\"\nframe = 2\nlength = 2\n"
      "[[dialogue]]\nspeaker = \"REN\"\ntext = \"Hm.\"\nframe = 1\nlength = 2\ntrack = 2\n");
  EXPECT_FALSE(load().has_value());
  EXPECT_EQ(diagnostics(),
            "cuts/c002/cut.toml:11:1: error: this line (from 0+2) overlaps MIO's line at 0+0 to 0+4 in dialogue "
            "column 1: move one, shorten the other, or give one its own column (track = 2)\n[[dialogue]]\n^\n");
}

TEST_F(Loader, TheWholeSheetOfACut) {
  auto p = load();
  ASSERT_TRUE(p.has_value());
  timesheet::Sheet s = cut_sheet(*p, p->cuts[0]);
  EXPECT_EQ(s.title, "Tiny");
  EXPECT_EQ(s.cut, "c001");
  EXPECT_EQ(s.duration, 12);
  ASSERT_EQ(s.columns.size(), 1u);
  EXPECT_EQ(s.columns[0].on, 4);
  ASSERT_EQ(s.camerawork.size(), 1u);  // read from the camera keys: a pan from key 0 to key 11
  EXPECT_EQ(s.camerawork[0].text, "PAN");
  EXPECT_EQ(s.camerawork[0].length, 11);  // the next move could start on frame 11
  ASSERT_EQ(s.sounds.size(), 1u);
  EXPECT_EQ(s.sounds[0].name, "beep");
  EXPECT_EQ(s.sounds[0].frame, 3);
  EXPECT_EQ(cut_sheet(*p, p->cuts[1]).camerawork[0].text, "FIX");
}

}  // namespace
}  // namespace sakuga::project
