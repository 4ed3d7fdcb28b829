#include "timesheet/column.h"

#include <gtest/gtest.h>

namespace sakuga::timesheet {
namespace {

const core::Rational k24{24, 1};

std::string frames(const Column& c, int64_t n) {
  std::string out;
  for (int64_t f = 0; f < n; ++f) {
    auto d = c.drawing_at(f);
    Mark m = c.mark_at(f);
    out += (d ? *d : "x") + std::string(m == Mark::kTick1 ? "o" : m == Mark::kTick2 ? "*" : "") + " ";
  }
  return out;
}

TEST(Column, MarksHoldThePreviousDrawing) {
  std::vector<ColumnError> errors;
  Column c = parse_column("1 o 2 ○:1 * x:2 ●", 2, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(frames(c, 13), "1 1 1o 1 2 2 2o 2* 2 x x x* x ");
  EXPECT_TRUE(c.cells[1].held);
  EXPECT_FALSE(c.cells[2].held);
}

TEST(Column, RhythmChangesInsideAColumn) {
  std::vector<ColumnError> errors;
  Column c = parse_column("@3 1 2 @2 3 4 @1 5", 1, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(frames(c, 12), "1 1 1 2 2 2 3 3 4 4 5 5 ");
  parse_column("@0 1 @x", 1, k24, errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "'@0' must give the frames per cell, e.g. @2 for drawings on twos");
}

TEST(Column, SymbolsAreNotDrawingNames) {
  for (const char* s : {"x", "o", "-", "*", "@2", ".a", "a b", "a:b", "a/b", "..", ""}) EXPECT_FALSE(valid_drawing_name(s)) << s;
  for (const char* s : {"1", "3a", "mouth_open", "口", "12.5"}) EXPECT_TRUE(valid_drawing_name(s)) << s;
}

TEST(Column, WritingReadsBackTheSameAndIsShort) {
  std::vector<ColumnError> errors;
  const char* written = "1 2 3 o 3:5 x:1+0 4 * 4 2:2+12";
  Column c = parse_column(written, 2, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(usual_on(c), 2);
  std::string text = format_column(c, 2, k24);
  EXPECT_EQ(text, "1 2 3 o 3:5 x:1+0\n4 * 4 2:2+12");  // a new line at each second of the sheet
  Column back = parse_column(text, 2, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(frames(back, 120), frames(c, 120));
  // On threes, written with @3 by a caller that has no layer to carry it.
  Column threes = parse_column("@3 1 2 3 2 1", 1, k24, errors);
  EXPECT_EQ(usual_on(threes), 3);
  EXPECT_EQ(format_column(threes, 3, k24), "1 2 3 2 1");
}

TEST(Column, OnTwosWithDurationsBlanksAndHolds) {
  std::vector<ColumnError> errors;
  Column c = parse_column("1 2 - 3:3 x 4a:0+1", 2, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(frames(c, 14), "1 1 2 2 2 2 3 3 3 x x 4a 4a 4a ");
  EXPECT_EQ(c.written_frames(), 12);
}

TEST(Column, LastCellHoldsToTheEnd) {
  std::vector<ColumnError> errors;
  Column c = parse_column("\n  1:1+0\n  2\n", 1, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(*c.drawing_at(23), "1");
  EXPECT_EQ(*c.drawing_at(24), "2");
  EXPECT_EQ(*c.drawing_at(500), "2");
  EXPECT_EQ(c.cells[1].offset, 11u);
}

TEST(Column, EmptyColumnIsBlank) {
  std::vector<ColumnError> errors;
  Column c = parse_column("   ", 3, k24, errors);
  EXPECT_FALSE(c.drawing_at(0).has_value());
}

TEST(Column, ErrorsCarryTheirOffset) {
  std::vector<ColumnError> errors;
  parse_column("- 1 2:3+30 ../a 3:0", 1, k24, errors);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].offset, 0u);
  EXPECT_EQ(errors[0].message, "'-' holds the previous cell, but there is none");
  EXPECT_EQ(errors[1].offset, 6u);
  EXPECT_EQ(errors[1].message, "invalid duration '3+30': frames after '+' must be below 24");
  EXPECT_EQ(errors[2].offset, 11u);
  EXPECT_EQ(errors[3].offset, 18u);
}

}  // namespace
}  // namespace sakuga::timesheet
