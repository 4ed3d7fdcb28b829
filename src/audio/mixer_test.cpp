#include "audio/mixer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "audio/audio_file.h"
#include "core/time.h"

namespace sakuga::audio {
namespace {

// Writes a test tone file (float WAV) into the memory file system.
void put_wav(core::MemoryFileSystem& fs, const std::string& path, int rate, int channels,
             const std::vector<float>& interleaved) {
  auto w = WavWriter::create(fs, path, rate, channels);
  ASSERT_TRUE(w.is_ok());
  ASSERT_TRUE((*w)->write(interleaved).is_ok());
  ASSERT_TRUE((*w)->commit().is_ok());
}

std::vector<float> read_all(core::MemoryFileSystem& fs, const std::string& path, AudioInfo& info) {
  auto r = AudioReader::open(fs, path);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  info = (*r)->info();
  std::vector<float> out(static_cast<size_t>(info.frames * info.channels));
  EXPECT_EQ(*(*r)->read(out), info.frames);
  return out;
}

TEST(Mixer, ClickLandsOnTheExactSampleOfItsFrame) {
  for (core::Rational rate : {core::Rational{24, 1}, core::Rational{24000, 1001}}) {
    core::MemoryFileSystem fs;
    put_wav(fs, "click.wav", 48000, 1, {1.0f, 0.5f});
    int64_t frame = 37;
    int64_t at = core::frame_to_sample(frame, rate, kMixRate);
    auto stats = mix(fs, {{"click.wav", "click", at, 0}}, at + 100, "mix.wav");
    ASSERT_TRUE(stats.is_ok()) << stats.status().message();
    AudioInfo info;
    auto out = read_all(fs, "mix.wav", info);
    EXPECT_EQ(info.sample_rate, 48000);
    EXPECT_EQ(info.channels, 2);
    ASSERT_EQ(info.frames, at + 100);
    EXPECT_EQ(out[(at - 1) * 2], 0.0f);
    EXPECT_EQ(out[at * 2], 1.0f);
    EXPECT_EQ(out[at * 2 + 1], 1.0f);  // mono to both sides
    EXPECT_EQ(out[(at + 1) * 2], 0.5f);
    EXPECT_EQ(at, rate.den == 1 ? 37 * 2000 : 37 * 2002);
  }
}

TEST(Mixer, GainSumsAndNegativeStarts) {
  core::MemoryFileSystem fs;
  put_wav(fs, "a.wav", 48000, 2, {0.5f, 0.25f, 0.5f, 0.25f, 0.5f, 0.25f});
  auto stats = mix(fs, {{"a.wav", "a", 0, -6.0206}, {"a.wav", "b", -1, 0}}, 4, "mix.wav");
  ASSERT_TRUE(stats.is_ok());
  AudioInfo info;
  auto out = read_all(fs, "mix.wav", info);
  EXPECT_NEAR(out[0], 0.25f + 0.5f, 1e-4);
  EXPECT_NEAR(out[1], 0.125f + 0.25f, 1e-4);
  EXPECT_NEAR(out[4], 0.25f, 1e-4);  // b ended after two frames
  EXPECT_EQ(out[6], 0.0f);
  EXPECT_NEAR(stats->peak, 0.75f, 1e-4);
}

TEST(Mixer, ResamplesToFortyEightKilohertz) {
  core::MemoryFileSystem fs;
  std::vector<float> tone(22050);
  for (size_t i = 0; i < tone.size(); ++i) tone[i] = 0.5f * std::sin(2 * M_PI * 441.0 * i / 22050.0);
  put_wav(fs, "tone.wav", 22050, 1, tone);
  ASSERT_TRUE(mix(fs, {{"tone.wav", "tone", 0, 0}}, 48000, "mix.wav").is_ok());
  AudioInfo info;
  auto out = read_all(fs, "mix.wav", info);
  // One second of 441 Hz: count rising zero crossings in the steady middle (0.1 s .. 0.9 s).
  int crossings = 0;
  double energy = 0;
  for (int i = 4800; i < 43200; ++i) {
    if (out[(i - 1) * 2] < 0 && out[i * 2] >= 0) ++crossings;
    energy += out[i * 2] * out[i * 2];
  }
  EXPECT_NEAR(crossings, 441 * 0.8, 2);
  EXPECT_NEAR(std::sqrt(energy / 38400), 0.5 / std::sqrt(2), 0.01);
}

TEST(Mixer, CorruptCueNamesTheCue) {
  core::MemoryFileSystem fs;
  fs.put("bad.wav", "RIFF\x10\0\0\0WAVEjunkjunkjunk");
  auto stats = mix(fs, {{"bad.wav", "cuts/c001/cut.toml: sound 'bad.wav'", 0, 0}}, 100, "mix.wav");
  ASSERT_FALSE(stats.is_ok());
  EXPECT_EQ(stats.status().message().rfind("cuts/c001/cut.toml: sound 'bad.wav': cannot decode audio", 0), 0u)
      << stats.status().message();
  EXPECT_FALSE(fs.exists("mix.wav"));  // nothing half-written
}

}  // namespace
}  // namespace sakuga::audio
