#include "timesheet/column.h"

#include <gtest/gtest.h>

namespace sakuga::timesheet {
namespace {

const core::Rational k24{24, 1};

std::string expose(const Column& c, int64_t frames) {
  std::string out;
  for (int64_t f = 0; f < frames; ++f) {
    auto d = c.drawing_at(f);
    out += d ? *d : "x";
    out += ' ';
  }
  return out;
}

TEST(Column, OnTwosWithDurationsBlanksAndHolds) {
  std::vector<ColumnError> errors;
  Column c = parse_column("1 2 - 3:3 x 4a:0+1", 2, k24, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(expose(c, 14), "1 1 2 2 2 2 3 3 3 x x 4a 4a 4a ");
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
