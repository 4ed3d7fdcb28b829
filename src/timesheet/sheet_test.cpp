#include "timesheet/sheet.h"

#include <gtest/gtest.h>

#include "timesheet/native.h"

namespace sakuga::timesheet {
namespace {

const core::Rational k24{24, 1};

TEST(Timing, SpacingPlacesInBetweens) {
  Spacing even;
  EXPECT_DOUBLE_EQ(even.fraction(1, 3), 0.25);
  EXPECT_DOUBLE_EQ(even.fraction(3, 3), 0.75);
  Spacing in{SpacingKind::kEaseIn, {}};
  EXPECT_DOUBLE_EQ(in.fraction(1, 1), 0.25);  // favours the first key
  Spacing out{SpacingKind::kEaseOut, {}};
  EXPECT_DOUBLE_EQ(out.fraction(1, 1), 0.75);
  Spacing both{SpacingKind::kEaseInOut, {}};
  EXPECT_DOUBLE_EQ(both.fraction(1, 1), 0.5);
  EXPECT_LT(both.fraction(1, 3), 0.25);
  auto f = parse_spacing("0.1,0.3,0.6");
  ASSERT_TRUE(f.has_value());
  EXPECT_DOUBLE_EQ(f->fraction(2, 3), 0.3);
  EXPECT_EQ(f->to_string(), "0.1,0.3,0.6");
  EXPECT_FALSE(parse_spacing("0.5,0.3").has_value());
  EXPECT_FALSE(parse_spacing("1.2").has_value());
  EXPECT_FALSE(parse_spacing("slow").has_value());
  EXPECT_EQ(parse_spacing("ease-in-out")->to_string(), "ease-in-out");
}

TEST(Timing, ChartsNameKeysAndInBetweens) {
  std::vector<ChartError> errors;
  TimingChart c;
  c.layer = "A";
  c.entries = parse_chart("(1) 2 3 4 (5) 6 (7)", errors);
  ASSERT_TRUE(errors.empty());
  auto b = c.find("3");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->key_a, "1");
  EXPECT_EQ(b->key_b, "5");
  EXPECT_DOUBLE_EQ(b->fraction, 0.5);
  EXPECT_DOUBLE_EQ(c.find("6")->fraction, 0.5);
  EXPECT_FALSE(c.find("5").has_value());
  EXPECT_FALSE(c.find("9").has_value());
  EXPECT_EQ(c.chart_text(), "(1) 2 3 4 (5) 6 (7)");
  c.favour = "5";
  EXPECT_DOUBLE_EQ(c.find("4")->fraction, 1 - 0.25 * 0.25);  // favouring 5: close to it
  EXPECT_DOUBLE_EQ(c.find("6")->fraction, 0.25);

  parse_chart("1 2 (3)", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "a timing chart starts and ends with a key, e.g. \"(1) 2 3 (4)\"");
  errors.clear();
  parse_chart("(1) 2 2 (x)", errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "drawing 2 is in the chart twice");
  EXPECT_EQ(errors[1].offset, 8u);
}

TEST(Sheet, OverlappingDialogueInOneColumnIsAProblem) {
  Sheet s;
  s.rate = k24;
  s.dialogue = {{.speaker = "MIO", .frame = 0, .length = 30, .pos = {3, 1}},
                {.speaker = "KAI", .frame = 20, .length = 10, .pos = {9, 1}},
                {.speaker = "REN", .frame = 25, .length = 10, .track = 2, .pos = {15, 1}},
                {.speaker = "MIO", .frame = 40, .pos = {20, 1}},
                {.speaker = "KAI", .frame = 40, .pos = {25, 1}}};
  auto problems = dialogue_overlaps(s);
  ASSERT_EQ(problems.size(), 2u);
  // A short line between does not hide a long one: the third line still overlaps the first.
  Sheet t;
  t.dialogue = {{.speaker = "A", .frame = 0, .length = 48, .pos = {1, 1}},
                {.speaker = "B", .frame = 10, .length = 2, .pos = {2, 1}},
                {.speaker = "C", .frame = 20, .length = 2, .pos = {3, 1}}};
  EXPECT_EQ(dialogue_overlaps(t).size(), 2u);
  t.camerawork = {{"PAN", {}, 0, 24, 1, {4, 1}}, {"T.U.", {}, 12, 4, 1, {5, 1}}, {"F.O.", {}, 12, 4, 2, {6, 1}}};
  auto cam = camera_overlaps(t);
  ASSERT_EQ(cam.size(), 1u);
  EXPECT_EQ(cam[0].pos.line, 5);
  EXPECT_EQ(problems[0].pos.line, 9);
  EXPECT_EQ(problems[0].message,
            "this line (from 0+20) overlaps MIO's line at 0+0 to 1+6 in dialogue column 1: move one, shorten the "
            "other, or give one its own column (track = 2)");
  EXPECT_EQ(problems[1].pos.line, 25);
}

TEST(Native, ReadsChartsDialogueAndCameraWithProblemsAtTheirPlace) {
  core::DiagnosticSink sink;
  core::TomlFile f("cut.toml",
                   "[sheet]\nA = \"1 2 3\"\n"
                   "[[timing]]\nlayer = \"A\"\nchart = \"(1) 2 (3)\"\nspacing = \"favour 3\"\n"
                   "[[timing]]\nlayer = \"B\"\nchart = \"(1) (2)\"\n"
                   "[[timing]]\nlayer = \"A\"\nchart = \"(4) 5 6 (7)\"\nspacing = [0.5]\n"
                   "[[dialogue]]\nspeaker = \"MIO\"\ntext = \"Hi\"\nframe = \"0+2\"\nlength = 30\ntrack = 2\n"
                   "[[camerawork]]\ntext = \"T.U.\"\nframe = 4\nlength = \"1+0\"\nparams = [\"110\"]\n",
                   sink);
  ASSERT_TRUE(f.ok());
  Sheet s;
  read_native(f, {.rate = k24, .standalone = false, .layers = {{"A", 2}}, .duration = 24}, s);
  EXPECT_EQ(sink.format_all(),
            "cut.toml:8:9: error: timing chart for layer 'B', which the sheet does not have\n"
            "layer = \"B\"\n        ^\n"
            "cut.toml:13:11: error: the chart has 2 in-betweens between (4) and (7), but the spacing gives 1 "
            "fractions\nspacing = [0.5]\n          ^\n"
            "cut.toml:18:10: warning: this line runs past the end of the cut (1+0); the sheet shows it cut short\n"
            "length = 30\n         ^\n");
  ASSERT_EQ(s.columns.size(), 1u);
  EXPECT_EQ(*s.columns[0].column.drawing_at(5), "3");
  ASSERT_EQ(s.charts.size(), 1u);
  EXPECT_EQ(s.charts[0].favour, "3");
  EXPECT_TRUE(s.is_key("A", "3"));
  EXPECT_GT(s.inbetween("A", "2")->fraction, 0.5);
  ASSERT_EQ(s.dialogue.size(), 1u);
  EXPECT_EQ(s.dialogue[0].track, 2);
  EXPECT_EQ(s.dialogue[0].frame, 2);
  ASSERT_EQ(s.camerawork.size(), 1u);
  EXPECT_EQ(s.camerawork[0].length, 24);
  EXPECT_EQ(s.camerawork[0].params, std::vector<std::string>{"110"});
}

TEST(Native, AColumnWithoutALayerIsAnError) {
  core::DiagnosticSink sink;
  core::TomlFile f("cut.toml", "[sheet]\nA = \"1\"\nC = \"1 2\"\n", sink);
  Sheet s;
  read_native(f, {.rate = k24, .standalone = false, .layers = {{"A", 1}}, .duration = 24}, s);
  EXPECT_EQ(sink.format_all(),
            "cut.toml:3:1: error: column 'C' has no matching layer (declare it under [[layers]])\nC = \"1 2\"\n^\n");
}

TEST(Native, WrittenSheetReadsBack) {
  Sheet s;
  s.title = "Yuugure";
  s.cut = "c002";
  s.duration = 72;
  std::vector<ColumnError> errors;
  s.columns.push_back({"A", parse_column("1:8 2 3 2 3 o 2 1", 2, k24, errors), 2, {}});
  s.columns.push_back({"口", parse_column("x:30 1 2 3", 3, k24, errors), 3, {}});
  std::vector<ChartError> cerr;
  TimingChart chart;
  chart.layer = "A";
  chart.entries = parse_chart("(1) 2 (3)", cerr);
  chart.spacing = *parse_spacing("0.3");
  s.charts.push_back(chart);
  s.dialogue.push_back({.speaker = "MIO", .text = "Hey!\nUp here!", .parenthetical = "(loud)", .frame = 6, .length = 30});
  s.camerawork.push_back({"PAN", {}, 0, 48, 1, {}});
  s.sounds.push_back({"whoosh", 12, {}});
  std::string text = write_native(s);
  core::DiagnosticSink sink;
  core::TomlFile f("s.toml", text, sink);
  ASSERT_TRUE(f.ok()) << sink.format_all() << text;
  Sheet back;
  read_native(f, {.rate = k24}, back);
  ASSERT_EQ(sink.error_count(), 0u) << sink.format_all() << text;
  ASSERT_EQ(back.columns.size(), 2u);
  EXPECT_EQ(back.columns[1].name, "口");
  for (size_t i = 0; i < 2; ++i) {
    for (int64_t f = 0; f < 72; ++f) {
      EXPECT_EQ(back.columns[i].column.drawing_at(f), s.columns[i].column.drawing_at(f)) << i << " " << f;
      EXPECT_EQ(back.columns[i].column.mark_at(f), s.columns[i].column.mark_at(f)) << i << " " << f;
    }
  }
  EXPECT_EQ(back.charts[0].chart_text(), "(1) 2 (3)");
  EXPECT_DOUBLE_EQ(back.charts[0].find("2")->fraction, 0.3);
  EXPECT_EQ(back.dialogue[0].text, "Hey!\nUp here!");
  EXPECT_EQ(back.dialogue[0].parenthetical, "(loud)");
  EXPECT_EQ(back.camerawork[0].length, 48);
  EXPECT_EQ(back.sounds[0].name, "whoosh");
  EXPECT_EQ(back.title, "Yuugure");
  EXPECT_NE(text.find("on = 2\n"), std::string::npos);
}

}  // namespace
}  // namespace sakuga::timesheet
