#include "timesheet/print.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sakuga::timesheet {
namespace {

Sheet sample(int64_t duration) {
  Sheet s;
  s.title = "Yuugure";
  s.cut = "c002";
  s.duration = duration;
  std::vector<ColumnError> errors;
  s.columns.push_back({"A", parse_column("1:8 2 3 o 2 x:4 1", 2, {24, 1}, errors), 2, {}});
  return s;
}

TEST(Print, SixSecondsAPage) {
  EXPECT_EQ(page_count(sample(1)), 1);
  EXPECT_EQ(page_count(sample(144)), 1);
  EXPECT_EQ(page_count(sample(145)), 2);
}

TEST(Print, PdfIsTheSameBytesEveryTime) {
  Sheet s = sample(200);
  std::string a = sheet_pdf(s), b = sheet_pdf(s);
  EXPECT_EQ(a.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("/Count 2"), std::string::npos);  // two pages
}

TEST(Print, PagesSitSideBySideOnPaper) {
  auto img = sheet_image(sample(200), 40);
  ASSERT_TRUE(img.is_ok());
  int page_w = static_cast<int>(std::ceil(kPageWidthMm * 40 / 25.4));
  int page_h = static_cast<int>(std::ceil(kPageHeightMm * 40 / 25.4));
  EXPECT_EQ(img->width(), 2 * page_w);
  EXPECT_EQ(img->at(1, 1).r, 255);  // paper
  EXPECT_EQ(img->at(1, 1).a, 255);
  auto five = sheet_image(sample(5 * 144), 40);  // four pages to a row
  ASSERT_TRUE(five.is_ok());
  EXPECT_EQ(five->width(), 4 * page_w);
  EXPECT_EQ(five->height(), 2 * page_h);
}

TEST(Print, APictureTooLargeIsAnErrorNotACrash) {
  auto img = sheet_image(sample(core::kMaxSheetFrames), 600);
  ASSERT_FALSE(img.is_ok());
  EXPECT_NE(img.status().message().find("render a PDF, or a lower --dpi"), std::string::npos);
}

}  // namespace
}  // namespace sakuga::timesheet
