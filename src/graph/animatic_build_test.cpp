// The animatic target end to end on an in-memory file system, with a fake speech engine: timing
// from voices, caching of voices and segments, silence when there is no synthesizer.
#include "graph/animatic_build.h"

#include <gtest/gtest.h>

#include <cmath>

#include "animatic/animatic.h"
#include "audio/audio_file.h"
#include "media/encoder.h"
#include "project/project.h"
#include "testing/tiny_project.h"

namespace sakuga::graph {
namespace {

const bool kQuiet = (media::quiet_ffmpeg_logs(), true);
const fs::path kRoot = "/proj";

// Speaks 0.1 s per byte of text (24 kHz mono), deterministically; fails on lines saying FAIL.
class FakeSpeech final : public animatic::SpeechEngine {
 public:
  explicit FakeSpeech(bool available = true) : available_(available) {}
  std::string id() const override { return available_ ? "fake 1.0" : ""; }
  core::Result<std::string> speak(const std::string& text, const std::string& voice) override {
    ++calls;
    voices.push_back(voice);
    if (text.find("FAIL") != std::string::npos) return core::error(core::ErrorCode::kIo, "fake failure");
    core::MemoryFileSystem scratch;
    auto w = audio::WavWriter::create(scratch, "/v.wav", 24000, 1);
    if (!w.is_ok()) return w.status();
    std::vector<float> samples(2400 * text.size());
    for (size_t i = 0; i < samples.size(); ++i) samples[i] = 0.2f * static_cast<float>(std::sin(i * 0.05));
    SAKUGA_TRY((*w)->write(samples));
    SAKUGA_TRY((*w)->commit());
    return scratch.read_file("/v.wav");
  }
  int calls = 0;
  std::vector<std::string> voices;

 private:
  bool available_;
};

void add_dialogue(core::MemoryFileSystem& fs, const std::string& first, const std::string& second) {
  std::string cut = *fs.read_file(kRoot / "cuts/c002/cut.toml");
  cut += "\n[scene]\nnumber = \"2\"\nheading = \"EXT. ROOF - DAY\"\naction = [\"Wind.\"]\n"
         "\n[[dialogue]]\nspeaker = \"MIO\"\ntext = \"" + first + "\"\nframe = 0\nlength = 2\n"
         "\n[[dialogue]]\nspeaker = \"KEN\"\ntext = \"" + second + "\"\nframe = 2\nlength = 4\n";
  fs.put(kRoot / "cuts/c002/cut.toml", cut);
}

struct Outcome {
  AnimaticStats stats;
  std::string warnings;
};

Outcome build_animatic_in(core::MemoryFileSystem& fs, animatic::SpeechEngine& speech, int jobs = 2) {
  core::DiagnosticSink sink;
  auto p = project::load_project(fs, kRoot, sink);
  EXPECT_TRUE(p.has_value()) << sink.format_all();
  Outcome r;
  if (!p) return r;
  core::DiagnosticSink warnings;
  Env env{fs};
  auto stats = build_animatic(env, *p, {jobs, false}, speech, warnings);
  EXPECT_TRUE(stats.is_ok()) << stats.status().message();
  if (stats.is_ok()) r.stats = *stats;
  r.warnings = warnings.format_all();
  return r;
}

void tiny_with_lines(core::MemoryFileSystem& fs, const std::string& first = "Hello",
                     const std::string& second = "World!") {
  sakuga::testing::write_tiny_project(fs, kRoot);
  add_dialogue(fs, first, second);
}

TEST(Animatic, VoicesTimeTheCutsAndTheResultIsCached) {
  core::MemoryFileSystem fs;
  tiny_with_lines(fs);
  FakeSpeech speech;
  Outcome r = build_animatic_in(fs, speech);
  EXPECT_EQ(r.warnings, "");
  EXPECT_EQ(r.stats.voices_spoken, 2);
  EXPECT_EQ(r.stats.build.segments_encoded, 2);
  // c001: 12 frames, no lines. c002 (6 frames planned): "Hello" is 0.5 s = 12 frames from 0;
  // "World!" 0.6 s = 15 frames, pushed to 12 + 4; then the 12-frame tail.
  EXPECT_EQ(r.stats.total_frames, 12 + (16 + 15 + animatic::kTailFrames));
  auto sum = media::summarize(fs, kRoot / "out/animatic.mp4");
  ASSERT_TRUE(sum.is_ok()) << sum.status().message();
  EXPECT_EQ(sum->video_frames, r.stats.total_frames);
  EXPECT_EQ(sum->audio_codec, "aac");
  EXPECT_NE(speech.voices[0], speech.voices[1]) << "each speaker has a voice of their own";

  Outcome again = build_animatic_in(fs, speech);
  EXPECT_TRUE(again.stats.build.up_to_date);
  EXPECT_EQ(speech.calls, 2);
  EXPECT_EQ(again.stats.voices_cached, 2);
}

TEST(Animatic, AChangedLineIsSpokenAgainAndOnlyItsCutReencoded) {
  core::MemoryFileSystem fs;
  tiny_with_lines(fs);
  FakeSpeech speech;
  build_animatic_in(fs, speech);
  std::string cut = *fs.read_file(kRoot / "cuts/c002/cut.toml");
  cut.replace(cut.find("World!"), 6, "Word!!");  // same length: the timing does not move
  fs.put(kRoot / "cuts/c002/cut.toml", cut);
  Outcome r = build_animatic_in(fs, speech);
  EXPECT_EQ(r.stats.voices_spoken, 1);
  EXPECT_EQ(r.stats.voices_cached, 1);
  EXPECT_EQ(r.stats.build.segments_encoded, 1);
  EXPECT_EQ(r.stats.build.deliverables_written, 1);
}

TEST(Animatic, WithoutASynthesizerTheLinesAreSilentWithOneWarning) {
  core::MemoryFileSystem fs;
  tiny_with_lines(fs);
  FakeSpeech none(false);
  Outcome r = build_animatic_in(fs, none);
  EXPECT_EQ(none.calls, 0);
  EXPECT_EQ(r.stats.silent_lines, 2);
  EXPECT_NE(r.warnings.find("warning: espeak-ng is not installed"), std::string::npos) << r.warnings;
  EXPECT_EQ(r.warnings.find("warning", r.warnings.find("warning") + 1), std::string::npos) << "only once";
  // Silent lines last their planned lengths: 0-2, then 6-10 (after a breath), then the tail.
  EXPECT_EQ(r.stats.total_frames, 12 + (6 + 4 + animatic::kTailFrames));
  EXPECT_TRUE(fs.exists(kRoot / "out/animatic.mp4"));
}

TEST(Animatic, ALineTheSynthesizerFailsOnIsAWarningAndSilence) {
  core::MemoryFileSystem fs;
  tiny_with_lines(fs, "FAIL here", "World!");
  FakeSpeech speech;
  Outcome r = build_animatic_in(fs, speech);
  EXPECT_EQ(r.stats.voices_spoken, 1);
  EXPECT_NE(r.warnings.find("cuts/c002/cut.toml:"), std::string::npos) << r.warnings;
  EXPECT_NE(r.warnings.find("no scratch voice for this line, it stays silent: fake failure"), std::string::npos)
      << r.warnings;
  EXPECT_TRUE(fs.exists(kRoot / "out/animatic.mp4"));
}

TEST(Animatic, StoryboardPanelsAreShownAndTheBytesDoNotDependOnJobs) {
  core::MemoryFileSystem a, b;
  tiny_with_lines(a);
  a.put(kRoot / "cuts/c001/board/1.svg", sakuga::testing::circle_svg(20, 20, "#333333"));
  a.put(kRoot / "cuts/c001/board/2.svg", sakuga::testing::circle_svg(40, 20, "#333333"));
  tiny_with_lines(b);
  b.put(kRoot / "cuts/c001/board/1.svg", sakuga::testing::circle_svg(20, 20, "#333333"));
  b.put(kRoot / "cuts/c001/board/2.svg", sakuga::testing::circle_svg(40, 20, "#333333"));
  FakeSpeech sa, sb;
  Outcome ra = build_animatic_in(a, sa, 1);
  Outcome rb = build_animatic_in(b, sb, 4);
  EXPECT_EQ(ra.warnings, "");
  EXPECT_EQ(*a.read_file(kRoot / "out/animatic.mp4"), *b.read_file(kRoot / "out/animatic.mp4"));
  // A changed panel re-encodes its cut only.
  a.put(kRoot / "cuts/c001/board/2.svg", sakuga::testing::circle_svg(44, 20, "#333333"));
  Outcome again = build_animatic_in(a, sa, 1);
  EXPECT_EQ(again.stats.build.segments_encoded, 1);
  EXPECT_EQ(again.stats.voices_spoken, 0);
}

}  // namespace
}  // namespace sakuga::graph
