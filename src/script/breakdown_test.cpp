#include "script/breakdown.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/fs.h"
#include "testing/golden.h"

namespace sakuga::script {
namespace {

struct Result {
  core::DiagnosticSink sink;
  Breakdown b;
};

std::unique_ptr<Result> breakdown_of(const std::string& text) {
  auto r = std::make_unique<Result>();
  core::SourceText src("t.fountain", text);
  auto play = parse_fountain(src, r->sink);
  EXPECT_TRUE(play.has_value()) << r->sink.format_all();
  if (play) r->b = make_breakdown(*play, src, r->sink);
  return r;
}

std::string file(const std::string& name) {
  core::DiskFileSystem disk;
  return *disk.read_file(sakuga::testing::source_dir() / "tests/scripts" / name);
}

TEST(Breakdown, ScenesCharactersAndRuntime) {
  auto r = breakdown_of(file("dual_notes_forced.fountain"));
  const Breakdown& b = r->b;
  EXPECT_EQ(r->sink.format_all(), "");
  EXPECT_EQ(b.title, "Hoshi no Kaze");
  ASSERT_EQ(b.scenes.size(), 2u);
  EXPECT_EQ(b.scenes[0].number, "1");
  EXPECT_EQ(b.scenes[0].int_ext, "");
  EXPECT_EQ(b.scenes[0].location, "SCHOOL ROOFTOP");
  EXPECT_EQ(b.scenes[0].time_of_day, "SUNSET");
  EXPECT_EQ(b.scenes[0].line, 9);
  EXPECT_EQ(b.scenes[0].speakers, (std::vector<std::string>{"Aoi", "Ren"}));
  EXPECT_EQ(b.scenes[1].int_ext, "EXT");
  EXPECT_EQ(b.scenes[1].location, "STATION PLATFORM");
  EXPECT_EQ(b.scenes[1].time_of_day, "NIGHT");
  EXPECT_EQ(b.scenes[1].action_paragraphs, 2);
  ASSERT_EQ(b.characters.size(), 2u);
  EXPECT_EQ(b.characters[0].name, "Aoi");
  EXPECT_EQ(b.characters[0].words, 2);
  EXPECT_EQ(b.characters[0].scenes, (std::vector<std::string>{"1"}));
  EXPECT_EQ(b.dialogue_blocks, 2);
  // 2 headings (1 s) + 3 action paragraphs (1.5 s) + 2 cues (0.5 s) + 2 short lines (1 s)
  // + 2 transitions (0.5 s).
  EXPECT_DOUBLE_EQ(b.estimated_runtime_s, 10.5);
}

TEST(Breakdown, JapaneseCountsCharactersAndReadsTheTimeOfDay) {
  auto r = breakdown_of(file("japanese.fountain"));
  const Breakdown& b = r->b;
  ASSERT_EQ(b.scenes.size(), 2u);
  EXPECT_EQ(b.scenes[0].location, "学校・屋上");
  EXPECT_EQ(b.scenes[0].time_of_day, "夕");
  EXPECT_EQ(b.scenes[1].time_of_day, "夜");
  ASSERT_EQ(b.characters.size(), 2u);
  EXPECT_EQ(b.characters[0].name, "ミオ");
  EXPECT_EQ(b.characters[0].dialogue_blocks, 2);
  EXPECT_EQ(b.characters[0].words, 9);  // いい風 + なんでもない: punctuation is not counted
  EXPECT_EQ(b.characters[1].words, 2);  // なに; the （ト書き） is a parenthetical
  EXPECT_EQ(b.dialogue_blocks, 3);
  EXPECT_DOUBLE_EQ(b.estimated_runtime_s, 9.5);
}

TEST(Breakdown, WarnsAboutLikelyMistakes) {
  auto r = breakdown_of("INT. A - DAY\n\nShe waits.\n\nAOI\nOne.\n\nAOI\nTwo.\n\nAOY\nThree.\n\nEXT. B - NIGHT\n\n"
                        "KEN\nHi.\n");
  EXPECT_EQ(r->sink.format_all(),
            "t.fountain:14:1: warning: scene 2 has no action lines\n"
            "EXT. B - NIGHT\n"
            "^\n"
            "t.fountain:11:1: warning: AOY speaks only once; is it AOI (2 dialogue blocks) under another spelling?\n"
            "AOY\n"
            "^\n");
}

TEST(Breakdown, JsonHasTheDocumentedFields) {
  auto r = breakdown_of(file("japanese.fountain"));
  auto j = nlohmann::json::parse(breakdown_json(r->b));
  EXPECT_EQ(j["title"], "夕暮れ");
  EXPECT_EQ(j["dialogue_blocks"], 3);
  EXPECT_EQ(j["estimated_runtime_s"], 9.5);
  EXPECT_EQ(j["scenes"][0]["number"], "1");
  EXPECT_EQ(j["scenes"][0]["heading"], "学校・屋上（夕）");
  EXPECT_EQ(j["scenes"][0]["line"], 4);
  for (const char* key : {"int_ext", "location", "time_of_day", "dialogue_blocks", "speakers"}) {
    EXPECT_TRUE(j["scenes"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["characters"][0]["name"], "ミオ");
  EXPECT_EQ(j["characters"][0]["dialogue_blocks"], 2);
  EXPECT_EQ(j["characters"][0]["scenes"], nlohmann::json::array({"1"}));
  EXPECT_TRUE(j["characters"][0].contains("words"));
}

TEST(Breakdown, WordsCountCjkCharactersOneEach) {
  EXPECT_EQ(count_words("Hello there, friend."), 3);
  EXPECT_EQ(count_words("いい風。"), 3);
  EXPECT_EQ(count_words("OK、行こう！"), 4);
  EXPECT_EQ(count_words(""), 0);
}

}  // namespace
}  // namespace sakuga::script
