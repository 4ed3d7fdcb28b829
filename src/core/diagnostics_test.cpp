#include "core/diagnostics.h"

#include <gtest/gtest.h>

namespace sakuga::core {
namespace {

TEST(Diagnostics, FormatsFileLineColumnSourceAndCaret) {
  SourceText src("cuts/c002/cut.toml", "a = 1\nlayer = \"C\"\n");
  DiagnosticSink sink;
  sink.error(src, {2, 9}, "unknown layer 'C'");
  EXPECT_EQ(sink.format_all(),
            "cuts/c002/cut.toml:2:9: error: unknown layer 'C'\n"
            "layer = \"C\"\n"
            "        ^\n");
  EXPECT_TRUE(sink.has_errors());
}

TEST(Diagnostics, CaretKeepsTabsAndCountsCodePoints) {
  SourceText src("s.toml", "\ttitle = \"\xE4\xBD\x9C\xE7\x94\xBB\" x\r\n");
  DiagnosticSink sink;
  sink.warning(src, {1, 15}, "trailing text");
  EXPECT_EQ(sink.format_all(),
            "s.toml:1:15: warning: trailing text\n"
            "\ttitle = \"\xE4\xBD\x9C\xE7\x94\xBB\" x\n"
            "\t             ^\n");
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(sink.warning_count(), 1u);
}

TEST(Diagnostics, PositionsAndOffsetsRoundTrip) {
  SourceText src("f", "ab\n\xC3\xA9z\nlast");
  EXPECT_EQ(src.pos_at(0).line, 1);
  SourcePos p = src.pos_at(5);  // 'z' after a two-byte é
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.col, 2);
  EXPECT_EQ(src.offset_of(p), 5u);
  EXPECT_EQ(src.line(3), "last");
  EXPECT_EQ(src.line(4), "");
}

TEST(Diagnostics, FileErrorsHaveNoPosition) {
  DiagnosticSink sink;
  sink.file_error("sakuga.toml", "cannot open: No such file or directory");
  EXPECT_EQ(sink.format_all(), "sakuga.toml: error: cannot open: No such file or directory\n");
}

}  // namespace
}  // namespace sakuga::core
