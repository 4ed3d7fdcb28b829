#include "animatic/voice.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace sakuga::animatic {
namespace {

TEST(Voice, JapaneseIsToldByKanaOrKanji) {
  EXPECT_TRUE(is_japanese("いい風。"));
  EXPECT_TRUE(is_japanese("一番星"));
  EXPECT_FALSE(is_japanese("Got it! (café)"));
  EXPECT_TRUE(has_kanji("一番星、つかまえた"));
  EXPECT_FALSE(has_kanji("つかまえた！"));
  EXPECT_EQ(without_kanji("一番星、つかまえた"), "、つかまえた");
}

TEST(Voice, EachSpeakerGetsADistinctVoiceInTheLinesLanguage) {
  VoiceCast cast(std::map<std::string, std::string>{{"Ken", "en-gb+m7"}});
  std::string mio = cast.voice_for("MIO", "Hey!");
  EXPECT_EQ(mio, "en-us+f3");
  EXPECT_EQ(cast.voice_for("Mio", "Again."), mio);
  EXPECT_EQ(cast.voice_for("KEN", "What?"), "en-gb+m7");  // the project's choice, any case
  std::string aya = cast.voice_for("AYA", "Hi.");
  EXPECT_NE(aya, mio);
  EXPECT_EQ(cast.voice_for("MIO", "いい風。"), "ja+f3");
  EXPECT_EQ(cast.voice_for("KEN", "なに？"), "ja+m7");
}

TEST(Voice, AMissingProgramIsUnavailableNotAnError) {
  setenv("SAKUGA_ESPEAK", "/nonexistent/espeak-ng", 1);
  auto e = make_espeak_engine();
  unsetenv("SAKUGA_ESPEAK");
  EXPECT_FALSE(e->available());
  auto r = e->speak("Hello.", "en-us");
  EXPECT_FALSE(r.is_ok());
}

// The real program, which scripts/install-deps.sh installs.
TEST(Voice, EspeakSpeaksAWavAndFailsClearlyOnABadVoice) {
  auto e = make_espeak_engine();
  ASSERT_TRUE(e->available()) << "espeak-ng is not installed (scripts/install-deps.sh installs it)";
  EXPECT_NE(e->id().find("1."), std::string::npos) << e->id();
  auto wav = e->speak("Hey! Up here!", "en-us+f3");
  ASSERT_TRUE(wav.is_ok()) << wav.status().message();
  EXPECT_EQ(wav->substr(0, 4), "RIFF");
  EXPECT_GT(wav->size(), 22050u);  // more than half a second of 16-bit mono at 22 kHz
  auto again = e->speak("Hey! Up here!", "en-us+f3");
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(*wav, *again) << "espeak-ng output must be deterministic: it is cached by content";
  auto bad = e->speak("Hey!", "zzbad");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("zzbad"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace sakuga::animatic
