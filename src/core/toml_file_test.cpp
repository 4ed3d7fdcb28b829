#include "core/toml_file.h"

#include <gtest/gtest.h>

namespace sakuga::core {
namespace {

TEST(TomlFile, ValuesAndProblemsHavePositions) {
  DiagnosticSink sink;
  TomlFile f("x.toml", "a = \"3+12\"\nb = \"\"\"\nline\"\"\"\nc = 7\nzz = 1\n", sink);
  ASSERT_TRUE(f.ok());
  const toml::table& t = f.table();
  EXPECT_EQ(*f.duration(*t.get("a"), {24, 1}, "a"), 84);
  SourcePos p = f.string_pos(*t.get("b"), 2);
  EXPECT_EQ(p.line, 3);
  EXPECT_EQ(p.col, 3);
  EXPECT_EQ(*f.string_or_integer(*t.get("c"), "c"), "7");
  EXPECT_FALSE(f.string(*t.get("c"), "c").has_value());
  f.check_keys(t, {"a", "b", "c"}, "x.toml");
  EXPECT_EQ(sink.format_all(),
            "x.toml:4:5: error: c must be a string\nc = 7\n    ^\n"
            "x.toml:5:1: warning: unknown key 'zz' in x.toml (ignored)\nzz = 1\n^\n");
}

TEST(TomlFile, SyntaxErrorIsADiagnostic) {
  DiagnosticSink sink;
  TomlFile f("x.toml", "a = [1,\n", sink);
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(sink.error_count(), 1u);
}

TEST(TomlFile, QuotesAndKeys) {
  EXPECT_EQ(toml_quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(toml_quote(std::string("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(toml_key("A_1-b"), "A_1-b");
  EXPECT_EQ(toml_key("口"), "\"口\"");
  EXPECT_EQ(toml_key("a b"), "\"a b\"");
}

}  // namespace
}  // namespace sakuga::core
