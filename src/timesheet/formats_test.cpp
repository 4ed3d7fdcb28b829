// Reading and writing sheets: XDTS, native TOML and CSV, and the round trips between them.
#include "timesheet/formats.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <nlohmann/json.hpp>
#include <sstream>

#include "timesheet/csv.h"
#include "timesheet/native.h"
#include "testing/golden.h"
#include "testing/mutate.h"
#include "timesheet/xdts.h"

namespace sakuga::timesheet {
namespace {

std::string source_dir() { return sakuga::testing::source_dir().string(); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::vector<std::string> kTestSheets = {"walk_cycle.xdts", "csp_preroll.xdts", "two_dialogue_columns.xdts"};

// What a sheet says frame by frame: for each column, the drawing ("x" for blank) with its mark
// ("3o", "3*"); the dialogue and camera spans. Equal expansions mean equal sheets.
struct Expansion {
  std::map<std::string, std::vector<std::string>> columns;
  std::vector<std::string> dialogue;
  std::vector<std::string> camera;
  friend bool operator==(const Expansion&, const Expansion&) = default;
};

Expansion expand(const Sheet& s) {
  Expansion e;
  for (const CelColumn& c : s.columns) {
    auto& out = e.columns[c.name];
    for (int64_t f = 0; f < s.duration; ++f) {
      auto d = c.column.drawing_at(f);
      Mark m = c.column.mark_at(f);
      out.push_back((d ? *d : "x") + (m == Mark::kTick1 ? "o" : m == Mark::kTick2 ? "*" : ""));
    }
  }
  for (const DialogueSpan& d : s.dialogue) {
    e.dialogue.push_back(std::to_string(d.track) + "@" + std::to_string(d.frame) + "+" + std::to_string(d.length) +
                         " " + d.speaker + ": " + d.text);
  }
  for (const CameraSpan& c : s.camerawork) {
    std::string p;
    for (const auto& v : c.params) p += "," + v;
    e.camera.push_back(std::to_string(c.track) + "@" + std::to_string(c.frame) + "+" + std::to_string(c.length) +
                       " " + c.text + p);
  }
  return e;
}

// An independent reading of an XDTS file's cel columns by OpenToonz's rules (FORMATS.md, section 2,
// "Expansion algorithm"), straight from the JSON: the reference the model is checked against.
std::map<std::string, std::vector<std::string>> opentoonz_reading(const std::string& bytes) {
  std::string id(kXdtsIdentifier);
  EXPECT_EQ(bytes.compare(0, id.size(), id), 0);
  auto root = nlohmann::json::parse(bytes.substr(id.size()));
  auto& table = root["timeTables"][0];
  int duration = table["duration"].get<int>();
  std::vector<std::string> names;
  for (auto& h : table["timeTableHeaders"]) {
    if (h["fieldId"].get<double>() == 0) names = h["names"].get<std::vector<std::string>>();
  }
  std::map<std::string, std::vector<std::string>> out;
  for (auto& field : table["fields"]) {
    if (field["fieldId"].get<double>() != 0) continue;
    for (auto& track : field["tracks"]) {
      std::vector<std::pair<int, std::string>> entries;
      for (auto& fr : track["frames"]) entries.emplace_back(fr["frame"].get<int>(), fr["data"][0]["values"][0].get<std::string>());
      std::stable_sort(entries.begin(), entries.end(), [](auto& a, auto& b) { return a.first < b.first; });
      std::vector<std::string> cells(static_cast<size_t>(duration), "x");
      std::string cur = "x";
      int prev = 0;
      bool last_null = false;
      std::map<int, std::string> marks;
      for (auto& [frame, v] : entries) {
        if (frame < 0) {
          cur = v == "SYMBOL_NULL_CELL" ? "x" : v;
          continue;
        }
        for (int f = prev; f < frame && f < duration; ++f) cells[static_cast<size_t>(f)] = cur;
        prev = frame;
        last_null = v == "SYMBOL_NULL_CELL";
        if (v == "SYMBOL_TICK_1") marks[frame] = "o";
        else if (v == "SYMBOL_TICK_2") marks[frame] = "*";
        else if (v == "SYMBOL_HYPHEN") {
        } else if (v == "SYMBOL_NULL_CELL") cur = "x";
        else cur = v;
      }
      (void)last_null;  // a last null leaves cur blank: the fill below is the hold-to-end rule either way
      for (int f = prev; f < duration; ++f) cells[static_cast<size_t>(f)] = cur;
      for (auto& [f, m] : marks) {
        if (f < duration) cells[static_cast<size_t>(f)] += m;
      }
      std::string name = names.at(static_cast<size_t>(track["trackNo"].get<int>()));
      while (out.count(name)) name += "_2";
      out[name] = cells;
    }
  }
  return out;
}

std::optional<Sheet> read(SheetFormat f, const std::string& path, const std::string& bytes, core::DiagnosticSink& sink) {
  return read_sheet(f, core::SourceText(path, bytes), {24, 1}, sink);
}

TEST(Xdts, TestSheetsReadAsOpenToonzReadsThem) {
  for (const std::string& name : kTestSheets) {
    SCOPED_TRACE(name);
    std::string bytes = slurp(source_dir() + "/tests/sheets/" + name);
    core::DiagnosticSink sink;
    auto sheet = read(SheetFormat::kXdts, name, bytes, sink);
    ASSERT_TRUE(sheet.has_value()) << sink.format_all();
    EXPECT_EQ(expand(*sheet).columns, opentoonz_reading(bytes));
  }
}

TEST(Xdts, WalkCycleInDetail) {
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kXdts, "w.xdts", slurp(source_dir() + "/tests/sheets/walk_cycle.xdts"), sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  EXPECT_EQ(sink.format_all(), "");
  EXPECT_EQ(s->cut, "7");
  EXPECT_EQ(s->scene, "2");
  EXPECT_EQ(s->duration, 48);
  ASSERT_EQ(s->columns.size(), 4u);
  EXPECT_EQ(s->columns[0].name, "BG_hold");
  EXPECT_EQ(s->columns[3].name, "mouth");
  Expansion e = expand(*s);
  const auto& a = e.columns["A"];
  EXPECT_EQ(a[4], "3");
  EXPECT_EQ(a[5], "3");    // a hyphen continues
  EXPECT_EQ(a[10], "5o");  // a tick on a held drawing
  EXPECT_EQ(a[11], "5");
  EXPECT_EQ(a[20], "3*");
  EXPECT_EQ(a[29], "4a");
  EXPECT_EQ(a[30], "x");
  EXPECT_EQ(a[36], "5");
  EXPECT_EQ(a[47], "x");
  EXPECT_EQ(e.columns["B"][11], "x");
  EXPECT_EQ(e.columns["B"][47], "2");  // held to the end
  EXPECT_EQ(e.columns["BG_hold"][47], "1");
  EXPECT_EQ(s->columns[1].on, 2);
  EXPECT_EQ(e.dialogue, (std::vector<std::string>{"1@8+6 KAITO: Wait up!", "1@30+3 YUI: Too slow, \"hero\".",
                                                  "1@33+2 KAITO: Hey!"}));
  EXPECT_EQ(e.camera, (std::vector<std::string>{"1@0+3 FOLLOW", "1@36+3 T.U,0,0,120,0,960,540"}));
  // Cells keep where they were written: A's "3" is on line 22.
  EXPECT_EQ(s->columns[1].column.cells[2].pos.line, 22);
}

TEST(Xdts, PrerollUnsortedEntriesUnknownFieldsAndCrlf) {
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kXdts, "p.xdts", slurp(source_dir() + "/tests/sheets/csp_preroll.xdts"), sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  Expansion e = expand(*s);
  EXPECT_EQ(e.columns["B"][0], "1");   // the entry at frame -2 is the value at frame 0
  EXPECT_EQ(e.columns["B"][6], "1o");
  EXPECT_EQ(e.columns["B"][25], "2*");
  EXPECT_EQ(e.columns["B"][29], "2");
  EXPECT_EQ(e.columns["A"][15], "1");
  EXPECT_EQ(e.columns["A"][18], "1o");
  EXPECT_EQ(e.columns["A"][29], "10");
  EXPECT_EQ(s->cut, "cut_12");  // no header: the table's name
  EXPECT_EQ(e.dialogue, (std::vector<std::string>{"1@3+3 ミオ: 一番星、みーつけた。", "1@20+2 : (SE) ざわざわ"}));
}

TEST(Xdts, DuplicateNamesSparseEndsAndEmptyTracks) {
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kXdts, "d.xdts", slurp(source_dir() + "/tests/sheets/two_dialogue_columns.xdts"), sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  EXPECT_NE(sink.format_all().find("warning: a second column named 'A' is read as 'A_2'"), std::string::npos);
  ASSERT_EQ(s->columns.size(), 3u);
  EXPECT_EQ(s->columns[1].name, "A_2");
  EXPECT_EQ(s->columns[2].name, "C");
  Expansion e = expand(*s);
  EXPECT_EQ(e.columns["C"][0], "x");
  EXPECT_EQ(e.columns["A"][71], "9");
  EXPECT_EQ(e.columns["A_2"][71], "1");
  EXPECT_EQ(e.dialogue, (std::vector<std::string>{"1@10+4 AOI: Did you hear that?", "2@12+8 REN: Hear what?"}));
  EXPECT_EQ(e.camera, (std::vector<std::string>{"1@0+40 PAN", "2@0+6 F.I", "1@60+2 画面動"}));
}

// XDTS -> native -> XDTS keeps every column on every frame, the marks, the dialogue and the camera;
// and what Sakuga writes reads back the same by OpenToonz's rules.
TEST(Xdts, RoundTripThroughTheNativeSheetKeepsEverything) {
  for (const std::string& name : kTestSheets) {
    SCOPED_TRACE(name);
    core::DiagnosticSink sink;
    auto first = read(SheetFormat::kXdts, name, slurp(source_dir() + "/tests/sheets/" + name), sink);
    ASSERT_TRUE(first.has_value()) << sink.format_all();
    std::string native = write_sheet(SheetFormat::kNative, *first);
    auto middle = read(SheetFormat::kNative, "mid.toml", native, sink);
    ASSERT_TRUE(middle.has_value()) << sink.format_all() << native;
    EXPECT_EQ(expand(*middle), expand(*first)) << native;
    EXPECT_EQ(middle->cut, first->cut);
    std::string xdts = write_sheet(SheetFormat::kXdts, *middle);
    core::DiagnosticSink sink2;
    auto last = read(SheetFormat::kXdts, "last.xdts", xdts, sink2);
    ASSERT_TRUE(last.has_value()) << sink2.format_all() << xdts;
    EXPECT_EQ(sink2.warning_count(), 0u) << sink2.format_all();
    EXPECT_EQ(expand(*last), expand(*first)) << xdts;
    EXPECT_EQ(opentoonz_reading(xdts), expand(*first).columns) << xdts;
    // Written tracks have one entry per frame at most and nothing before frame 0.
    auto root = nlohmann::json::parse(xdts.substr(kXdtsIdentifier.size()));
    EXPECT_EQ(root["version"], 5);
    for (auto& field : root["timeTables"][0]["fields"]) {
      for (auto& track : field["tracks"]) {
        int prev = -1;
        for (auto& fr : track["frames"]) {
          EXPECT_GT(fr["frame"].get<int>(), prev);
          prev = fr["frame"].get<int>();
        }
      }
    }
  }
}

TEST(Csv, RoundTripKeepsColumnsMarksDialogueAndCamera) {
  for (const std::string& name : kTestSheets) {
    SCOPED_TRACE(name);
    core::DiagnosticSink sink;
    auto first = read(SheetFormat::kXdts, name, slurp(source_dir() + "/tests/sheets/" + name), sink);
    ASSERT_TRUE(first.has_value());
    for (CameraSpan& c : first->camerawork) c.params.clear();  // a spreadsheet keeps the text only
    std::string csv = write_sheet(SheetFormat::kCsv, *first);
    auto back = read(SheetFormat::kCsv, "s.csv", csv, sink);
    ASSERT_TRUE(back.has_value()) << sink.format_all() << csv;
    EXPECT_EQ(expand(*back), expand(*first)) << csv;
  }
}

TEST(Csv, ReadsAHandWrittenSpreadsheet) {
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kCsv, "s.csv",
                "frame,A,B,dialogue,camera,se\r\n1,1,x,\"AOI: Hai, hai.\",FIX,\r\n2,,,|,|,\r\n3,2,,|,,whoosh\r\n4,o,1,,,\r\n",
                sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  Expansion e = expand(*s);
  EXPECT_EQ(e.columns["A"], (std::vector<std::string>{"1", "1", "2", "2o"}));
  EXPECT_EQ(e.columns["B"], (std::vector<std::string>{"x", "x", "x", "1"}));
  EXPECT_EQ(e.dialogue, (std::vector<std::string>{"1@0+3 AOI: Hai, hai."}));
  EXPECT_EQ(e.camera, (std::vector<std::string>{"1@0+2 FIX"}));
  ASSERT_EQ(s->sounds.size(), 1u);
  EXPECT_EQ(s->sounds[0].frame, 2);
}

TEST(Csv, WordsThatLookLikeNotationSurviveARoundTrip) {
  Sheet s;
  s.duration = 8;
  s.dialogue = {{.text = "Note: the rain stops", .frame = 0, .length = 2},
                {.text = "|", .frame = 2, .length = 1},
                {.speaker = "MIO", .frame = 4, .length = 1}};
  s.sounds = {{"whoosh", 1, {}}, {"pop", 1, {}}};
  core::DiagnosticSink sink;
  auto back = read(SheetFormat::kCsv, "s.csv", write_sheet(SheetFormat::kCsv, s), sink);
  ASSERT_TRUE(back.has_value()) << sink.format_all();
  EXPECT_EQ(expand(*back).dialogue, expand(s).dialogue);
  ASSERT_EQ(back->sounds.size(), 2u);
  EXPECT_EQ(back->sounds[1].name, "pop");
}

TEST(Csv, ProblemsHavePositions) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read(SheetFormat::kCsv, "s.csv", "frame,A\n1,1\n3,2\n", sink).has_value());
  EXPECT_EQ(sink.format_all(),
            "s.csv:3:1: error: frame 2 expected here (found '3'): one row per frame, counting from 1\n3,2\n^\n");
  core::DiagnosticSink sink2;
  EXPECT_FALSE(read(SheetFormat::kCsv, "s.csv", "frame,A\n1,a b\n2,\"open\n", sink2).has_value());
  EXPECT_EQ(sink2.diagnostics()[0].message, "this quoted field is never closed");
  EXPECT_EQ(sink2.diagnostics()[0].pos.line, 3);
}

// Malformed XDTS: each problem a diagnostic with its line and column.
std::string first_diagnostic(const std::string& bytes) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read(SheetFormat::kXdts, "bad.xdts", bytes, sink).has_value());
  return sink.diagnostics().empty() ? "" : core::format_diagnostic(sink.diagnostics()[0]);
}

const std::string kId = "exchangeDigitalTimeSheet Save Data\n";

std::string one_track(const std::string& frames, const std::string& extra_table = "") {
  return kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 24," + extra_table +
         "\n\"timeTableHeaders\": [{\"fieldId\": 0, \"names\": [\"A\"]}],\n\"fields\": [{\"fieldId\": 0, \"tracks\": [\n"
         "{\"trackNo\": 0, \"frames\": [" + frames + "]}]}]}]}\n";
}

TEST(Xdts, MalformedFilesGetClearDiagnostics) {
  EXPECT_EQ(first_diagnostic("exchangeDigitalTimeSheet SaveData\n{}"),
            "bad.xdts:1:1: error: not an XDTS file: the first line must be 'exchangeDigitalTimeSheet Save Data' "
            "(found 'exchangeDigitalTimeSheet SaveData')\nexchangeDigitalTimeSheet SaveData\n^\n");
  EXPECT_EQ(first_diagnostic(kId + "{\"version\": 5,\n \"timeTables\": [}\n"),
            "bad.xdts:3:17: error: malformed JSON: syntax error while parsing value - unexpected '}'; expected "
            "'[', '{', or a literal\n \"timeTables\": [}\n                ^\n");
  EXPECT_EQ(first_diagnostic(kId + "{\"version\": 5}"),
            "bad.xdts:2:1: error: the XDTS data has no \"timeTables\"\n{\"version\": 5}\n^\n");
  EXPECT_EQ(first_diagnostic(kId + "{\"version\": 5, \"timeTables\": [{\"name\": \"x\"}]}"),
            "bad.xdts:2:31: error: the time table has no \"duration\"\n{\"version\": 5, \"timeTables\": [{\"name\": "
            "\"x\"}]}\n                              ^\n");
  EXPECT_EQ(first_diagnostic(one_track("{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_CIRCLE\"]}]}")),
            "bad.xdts:5:70: error: unknown symbol 'SYMBOL_CIRCLE' (XDTS has SYMBOL_NULL_CELL, SYMBOL_HYPHEN, "
            "SYMBOL_TICK_1 and SYMBOL_TICK_2)\n{\"trackNo\": 0, \"frames\": [{\"frame\": 0, \"data\": [{\"id\": 0, "
            "\"values\": [\"SYMBOL_CIRCLE\"]}]}]}]}]}]}\n" + std::string(69, ' ') + "^\n");
  EXPECT_EQ(first_diagnostic(one_track("{\"data\": [{\"id\": 0, \"values\": [\"1\"]}]}")).substr(0, 52),
            "bad.xdts:5:27: error: the frame entry has no \"frame\"");
  EXPECT_EQ(first_diagnostic(one_track("{\"frame\": 0, \"data\": [{\"id\": 0}]}")).substr(0, 52),
            "bad.xdts:5:49: error: the frame data has no \"values\"");
  EXPECT_EQ(first_diagnostic(one_track("{\"frame\": \"one\", \"data\": [{\"id\": 0, \"values\": [\"1\"]}]}"))
                .substr(0, 64),
            "bad.xdts:5:37: error: frame must be a whole number, not a string");
  EXPECT_EQ(first_diagnostic(one_track("{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"1\"]}]},"
                                       "{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"2\"]}]}"))
                .substr(0, 59),
            "bad.xdts:5:78: error: frame 0 has two entries in this track");
  EXPECT_EQ(first_diagnostic(kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 24,\n"
                                   "\"timeTableHeaders\": [{\"fieldId\": 0, \"names\": [\"A\"]}],\n"
                                   "\"fields\": [{\"fieldId\": 0, \"tracks\": [{\"trackNo\": 1, \"frames\": []}]}]}]}")
                .substr(0, 83),
            "bad.xdts:4:38: error: cel track 1 has no name in timeTableHeaders (field 0 lists 1)");
  EXPECT_EQ(first_diagnostic(kId + "[1, 2]"),
            "bad.xdts:2:1: error: the XDTS data must be a JSON object, not an array\n[1, 2]\n^\n");
  EXPECT_EQ(first_diagnostic(""), "bad.xdts:1:1: error: not an XDTS file: the first line must be "
                                  "'exchangeDigitalTimeSheet Save Data' (found '')\n");
}

TEST(Xdts, SizesAreBoundedAndColumnsNumberedInOrder) {
  std::string two_lines = kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 24, \"fields\": [{\"fieldId\": 3, \"tracks\": [\n"
                          "{\"trackNo\": 1000000000, \"frames\": [{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"B\", \"Two\"]}]}]},\n"
                          "{\"trackNo\": 7, \"frames\": [{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"A\", \"One\"]}]}]}]}]}]}";
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kXdts, "t.xdts", two_lines, sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  EXPECT_EQ(expand(*s).dialogue, (std::vector<std::string>{"1@0+1 A: One", "2@0+1 B: Two"}));

  EXPECT_EQ(first_diagnostic(kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 2000000000}]}").substr(0, 83),
            "bad.xdts:2:44: error: a sheet of 2000000000 frames is longer than an hour\n{\"version");
  std::string nine = kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 24, \"fields\": [{\"fieldId\": 5, \"tracks\": [";
  for (int t = 0; t < 9; ++t) nine += std::string(t ? "," : "") + "{\"trackNo\": " + std::to_string(t) + ", \"frames\": []}";
  EXPECT_NE(first_diagnostic(nine + "]}]}]}").find("error: more than 8 camera columns"), std::string::npos);
  EXPECT_NE(first_diagnostic(one_track("{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [2.5]}]}"))
                .find("error: a value must be a string, not a number"),
            std::string::npos);
  EXPECT_NE(first_diagnostic(one_track("{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_X2\"]}]}"))
                .find("unknown symbol 'SYMBOL_X2'"),
            std::string::npos);
  EXPECT_NE(first_diagnostic(kId + std::string(100000, '[') + std::string(100000, ']')).find("nested more than 256 deep"),
            std::string::npos);
  std::string twice = kId + "{\"version\": 5, \"timeTables\": [{\"duration\": 24, \"timeTableHeaders\": [{\"fieldId\": 0, "
                            "\"names\": [\"A\"]}], \"fields\": [{\"fieldId\": 0, \"tracks\": [{\"trackNo\": 0, \"frames\": []}, "
                            "{\"trackNo\": 0, \"frames\": []}]}]}]}";
  EXPECT_NE(first_diagnostic(twice).find("error: track 0 of field 0 is given twice"), std::string::npos);
}

TEST(Xdts, AMarkOnThePrerollDrawingStartsTheColumnWithIt) {
  core::DiagnosticSink sink;
  auto s = read(SheetFormat::kXdts, "t.xdts",
                one_track("{\"frame\": -1, \"data\": [{\"id\": 0, \"values\": [\"1\"]}]},"
                          "{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_TICK_1\"]}]}"),
                sink);
  ASSERT_TRUE(s.has_value()) << sink.format_all();
  for (SheetFormat f : {SheetFormat::kXdts, SheetFormat::kNative, SheetFormat::kCsv}) {
    auto back = read(f, "w", write_sheet(f, *s), sink);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back->columns[0].column.drawing_at(0), "1");  // the drawing survives; its mark cannot be written
    EXPECT_EQ(*back->columns[0].column.drawing_at(23), "1");
  }
}

TEST(Xdts, EveryProblemIsReportedNotOnlyTheFirst) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read(SheetFormat::kXdts, "bad.xdts",
                    one_track("{\"frame\": 0, \"data\": [{\"id\": 0, \"values\": [\"SYMBOL_X\"]}]},"
                              "{\"frame\": 2, \"data\": [{\"id\": 0, \"values\": [\"a b\"]}]},{\"data\": []}"),
                    sink)
                   .has_value());
  EXPECT_EQ(sink.error_count(), 3u) << sink.format_all();
}

TEST(Native, AStandaloneSheetNeedsADurationAndKnowsItsLayers) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read(SheetFormat::kNative, "s.toml", "[sheet]\nA = \"1 2\"\n", sink).has_value());
  EXPECT_EQ(sink.diagnostics()[0].message, "the sheet needs a duration, e.g. duration = \"6+0\"");
  core::DiagnosticSink sink2;
  auto s = read(SheetFormat::kNative, "s.toml",
                "duration = 12\n[[layers]]\nname = \"B\"\non = 3\n[[layers]]\nname = \"A\"\n[sheet]\nA = \"1\"\nB = \"1 2\"\n",
                sink2);
  ASSERT_TRUE(s.has_value()) << sink2.format_all();
  ASSERT_EQ(s->columns.size(), 2u);
  EXPECT_EQ(s->columns[0].name, "B");  // the declared order, not the table's
  EXPECT_EQ(*s->columns[0].column.drawing_at(3), "2");
  core::DiagnosticSink sink3;
  EXPECT_FALSE(read(SheetFormat::kNative, "s.toml", "duration = 4\n[sheet]\nA = \"1:3 2:3\"\n", sink3).has_value());
  EXPECT_EQ(sink3.format_all(),
            "s.toml:3:10: error: the column of layer A runs past the end of the sheet (0+4): it is 0+6 long\n"
            "A = \"1:3 2:3\"\n         ^\n");
}

// Mutated sheets in every format never crash a reader, every position they report is inside the
// file, and what reads back writes out and reads again.
TEST(Formats, MutatedSheetsNeverCrashAndPositionsStayInside) {
  const std::vector<std::string> tokens = {"{", "}", "[", "]", ",", ":", "\"", "-1", "1e999", "null", "\"SYMBOL_HYPHEN\"",
                                           "\"SYMBOL_NULL_CELL\"", "\"SYMBOL_TICK_2\"", "\"frame\": ", "\n", "|",
                                           "x", "o", "@3", "1+30", "\xFF", std::string(1, '\0'), "\"\"\"", "=", "#"};
  std::vector<std::pair<SheetFormat, std::string>> seeds;
  for (const std::string& name : kTestSheets) {
    std::string bytes = slurp(source_dir() + "/tests/sheets/" + name);
    seeds.push_back({SheetFormat::kXdts, bytes});
    core::DiagnosticSink sink;
    auto sheet = read(SheetFormat::kXdts, name, bytes, sink);
    ASSERT_TRUE(sheet.has_value());
    seeds.push_back({SheetFormat::kNative, write_sheet(SheetFormat::kNative, *sheet)});
    seeds.push_back({SheetFormat::kCsv, write_sheet(SheetFormat::kCsv, *sheet)});
  }
  std::mt19937 rng(20261202);
  int read_ok = 0;
  for (int iter = 0; iter < 1500; ++iter) {
    const auto& [format, seed] = seeds[rng() % seeds.size()];
    std::string text = sakuga::testing::mutate(seed, rng, tokens, 3);
    core::SourceText src("m", text);
    core::DiagnosticSink sink;
    auto sheet = read_sheet(format, src, {24, 1}, sink);
    for (const auto& d : sink.diagnostics()) {
      ASSERT_GE(d.pos.line, 1) << iter << " " << d.message;
      ASSERT_LE(d.pos.line, src.line_count()) << iter << " " << d.message;
    }
    if (!sheet) continue;
    ++read_ok;
    for (SheetFormat out : {SheetFormat::kNative, SheetFormat::kXdts, SheetFormat::kCsv}) {
      core::DiagnosticSink again;
      std::string written = write_sheet(out, *sheet);
      auto back = read_sheet(out, core::SourceText("w", written), {24, 1}, again);
      ASSERT_TRUE(back.has_value()) << iter << "\n" << again.format_all() << written;
    }
  }
  EXPECT_GT(read_ok, 200);
}

TEST(Formats, ChosenByExtension) {
  EXPECT_EQ(sheet_format("a/b.XDTS"), SheetFormat::kXdts);
  EXPECT_EQ(sheet_format("cut.toml"), SheetFormat::kNative);
  EXPECT_EQ(sheet_format("s.csv"), SheetFormat::kCsv);
  EXPECT_FALSE(sheet_format("s.json").has_value());
}

}  // namespace
}  // namespace sakuga::timesheet
