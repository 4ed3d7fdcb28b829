#include "core/json.h"

#include <gtest/gtest.h>

namespace sakuga::core {
namespace {

std::string at(const JsonValue& v) { return std::to_string(v.pos.line) + ":" + std::to_string(v.pos.col); }

TEST(Json, EveryValueKnowsWhereItBegins) {
  SourceText src("t.json",
                 "HEAD\n{\n  \"a\": 12,\n  \"b\": [true, null, \"x\\\"y\", -3.5e2],\n  \"c\": {\"d\": false}, \"e\": 5.0\n}\n");
  DiagnosticSink sink;
  auto v = parse_json(src, 5, sink);
  ASSERT_TRUE(v.has_value()) << sink.format_all();
  EXPECT_EQ(at(*v), "2:1");
  ASSERT_TRUE(v->is_object());
  EXPECT_EQ(at(*v->get("a")), "3:8");
  EXPECT_EQ(*v->get("a")->as_integer(), 12);
  const JsonValue& b = *v->get("b");
  EXPECT_EQ(at(b), "4:8");
  ASSERT_EQ(b.items.size(), 4u);
  EXPECT_EQ(at(b.items[0]), "4:9");
  EXPECT_EQ(at(b.items[1]), "4:15");
  EXPECT_EQ(at(b.items[2]), "4:21");
  EXPECT_EQ(b.items[2].string, "x\"y");
  EXPECT_EQ(at(b.items[3]), "4:29");
  EXPECT_EQ(b.items[3].number, -350);
  EXPECT_EQ(at(*v->get("c")), "5:8");
  EXPECT_EQ(at(*v->get("c")->get("d")), "5:14");
  EXPECT_EQ(*v->get("e")->as_integer(), 5);  // 5.0 reads as the integer 5
  EXPECT_EQ(v->get("missing"), nullptr);
}

TEST(Json, ANumberAtTheVeryEndHasItsPosition) {
  SourceText src("t.json", "42");
  DiagnosticSink sink;
  auto v = parse_json(src, 0, sink);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(at(*v), "1:1");
}

TEST(Json, SyntaxErrorsAreDiagnosticsAtTheirPosition) {
  SourceText src("t.json", "{\n  \"a\": [1, 2,,]\n}\n");
  DiagnosticSink sink;
  EXPECT_FALSE(parse_json(src, 0, sink).has_value());
  ASSERT_EQ(sink.error_count(), 1u);
  auto d = sink.diagnostics()[0];
  EXPECT_EQ(d.pos.line, 2);
  EXPECT_EQ(d.pos.col, 14);  // the second comma
  EXPECT_EQ(d.message.rfind("malformed JSON: syntax error", 0), 0u) << d.message;

  SourceText cut("t.json", "{\"a\": 1");
  DiagnosticSink sink2;
  EXPECT_FALSE(parse_json(cut, 0, sink2).has_value());
  EXPECT_EQ(sink2.error_count(), 1u);
}

}  // namespace
}  // namespace sakuga::core
