#include "audio/mixer.h"

#include <gtest/gtest.h>

#include <sndfile.h>

#include <cmath>
#include <cstdio>

#include "audio/audio_file.h"
#include "audio/loudness.h"
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

TEST(Mixer, ReadsMp3) {
  // An MP3 made by libsndfile (LAME) on disk, then mixed from the memory file system.
  const std::string path = ::testing::TempDir() + "sakuga-tone.mp3";
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 1;
  info.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(f, nullptr) << sf_strerror(nullptr);
  std::vector<float> tone(44100);
  for (size_t i = 0; i < tone.size(); ++i) tone[i] = 0.5f * static_cast<float>(std::sin(2 * M_PI * 441.0 * i / 44100.0));
  sf_writef_float(f, tone.data(), static_cast<sf_count_t>(tone.size()));
  sf_close(f);
  core::DiskFileSystem disk;
  core::MemoryFileSystem fs;
  fs.put("tone.mp3", *disk.read_file(path));
  std::remove(path.c_str());
  auto stats = mix(fs, {{"tone.mp3", "music 'tone.mp3'", 0, 0}}, 48000, "mix.wav");
  ASSERT_TRUE(stats.is_ok()) << stats.status().message();
  EXPECT_NEAR(stats->peak, 0.5f, 0.05f);
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

// A constant signal of `n` frames, mono.
std::vector<float> constant(int64_t n, float v) { return std::vector<float>(static_cast<size_t>(n), v); }

TEST(Mixer, FadesRampInAndOutAndPanPlacesTheCue) {
  core::MemoryFileSystem fs;
  put_wav(fs, "c.wav", 48000, 1, constant(1000, 0.5f));
  Cue c{"c.wav", "c", 10, 0};
  c.fade_in = 100;
  c.fade_out = 200;
  c.length = 800;  // stops early, after its fade out
  c.pan = -1;      // hard left
  ASSERT_TRUE(mix(fs, {c}, 1000, "mix.wav").is_ok());
  AudioInfo info;
  auto out = read_all(fs, "mix.wav", info);
  const float full = 0.5f * std::sqrt(2.0f);  // constant power: hard left is +3 dB on the left
  EXPECT_EQ(out[10 * 2], 0.0f);
  EXPECT_NEAR(out[(10 + 50) * 2], full * 0.5f, 1e-5);  // half way up
  EXPECT_NEAR(out[(10 + 300) * 2], full, 1e-5);
  EXPECT_NEAR(out[(10 + 300) * 2 + 1], 0.0f, 1e-6);   // nothing on the right
  EXPECT_NEAR(out[(10 + 700) * 2], full * 0.5f, 1e-5);  // half way down
  EXPECT_EQ(out[(10 + 800) * 2], 0.0f);                 // and over
}

TEST(Mixer, MusicDipsUnderDialogueAndComesBack) {
  core::MemoryFileSystem fs;
  put_wav(fs, "music.wav", 48000, 1, constant(48000 * 3, 0.1f));
  put_wav(fs, "line.wav", 48000, 1, constant(48000, 0.2f));
  Cue music{"music.wav", "music", 0, 0};
  music.bus = Bus::kMusic;
  Cue line{"line.wav", "line", 48000, 0};
  line.bus = Bus::kDialogue;
  MixOptions o;
  o.ducking = {.depth_db = -12, .attack_ms = 50, .release_ms = 300, .threshold_db = -45};
  o.dialogue_stem = "dia.wav";
  o.me_stem = "me.wav";
  ASSERT_TRUE(mix(fs, {music, line}, 48000 * 3, "mix.wav", o).is_ok());
  AudioInfo info;
  auto me = read_all(fs, "me.wav", info);
  auto dia = read_all(fs, "dia.wav", info);
  auto at = [&](double s) { return me[static_cast<size_t>(s * 48000) * 2]; };
  EXPECT_NEAR(at(0.9), 0.1f, 1e-4);                    // before the line: full
  EXPECT_NEAR(at(1.5), 0.1f * std::pow(10, -12 / 20.0), 1e-4);  // under it: 12 dB down
  EXPECT_LT(at(1.05), 0.1f * 0.6f);                    // down within 50 ms (3 time constants: 95%)
  EXPECT_GT(at(2.1), at(2.02));                         // coming back after it
  EXPECT_NEAR(at(2.9), 0.1f, 0.005);
  EXPECT_NEAR(dia[static_cast<size_t>(1.5 * 48000) * 2], 0.2f, 1e-6);  // the voice itself untouched
  EXPECT_EQ(dia[static_cast<size_t>(0.5 * 48000) * 2], 0.0f);           // stems keep their own bus
}

TEST(Mixer, MasteringReachesTheTargetLoudnessUnderTheCeiling) {
  core::MemoryFileSystem fs;
  // Pink-ish noise with loud bursts: the gain takes it to -24 LUFS, the limiter holds the bursts.
  std::vector<float> x(48000 * 8);
  uint32_t seed = 1;
  float lp = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    seed = seed * 1664525u + 1013904223u;
    float white = static_cast<float>(seed >> 8) / 16777216.0f * 2 - 1;
    lp = 0.9f * lp + 0.1f * white;
    x[i] = 0.05f * lp + (i % 24000 < 8 ? 0.5f : 0.0f);  // and a sharp click every half second
  }
  put_wav(fs, "noise.wav", 48000, 1, x);
  MixOptions o;
  o.master = Mastering{-24, -1};
  auto stats = mix(fs, {{"noise.wav", "noise", 0, 0}}, static_cast<int64_t>(x.size()), "master.wav", o);
  ASSERT_TRUE(stats.is_ok()) << stats.status().message();
  EXPECT_NEAR(stats->integrated_lufs, -24, 0.2);
  EXPECT_LE(stats->true_peak_dbtp, -1.0);
  EXPECT_LT(stats->limiter_db, -1.0);  // it had work to do
  AudioInfo info;
  auto out = read_all(fs, "master.wav", info);
  ASSERT_EQ(info.frames, static_cast<int64_t>(x.size()));  // the limiter's delay is taken out
  EXPECT_LE(true_peak_db(out.data(), info.frames, 2), -1.0);
  EXPECT_FALSE(fs.exists("master.wav.premix.wav"));
  EXPECT_EQ(stats->short_term.size(), 16u);  // every half second
}

TEST(Mixer, WithoutLimitingTheMastersLoudnessIsThePremixsMovedByTheGain) {
  // Speech-like bursts well under the ceiling: the gain alone reaches the target, and the report
  // (the premix's measurement moved by the gain) agrees with measuring the master itself.
  core::MemoryFileSystem fs;
  std::vector<float> x(48000 * 6);
  for (size_t i = 0; i < x.size(); ++i) {
    double env = (i / 12000) % 2 == 0 ? 1.0 : 0.2;
    x[i] = static_cast<float>(0.02 * env * std::sin(2 * M_PI * 440 * i / 48000.0));
  }
  put_wav(fs, "quiet.wav", 48000, 1, x);
  MixOptions o;
  o.master = Mastering{-24, -1};
  auto stats = mix(fs, {{"quiet.wav", "quiet", 0, 0}}, static_cast<int64_t>(x.size()), "master.wav", o);
  ASSERT_TRUE(stats.is_ok()) << stats.status().message();
  EXPECT_EQ(stats->limiter_db, 0.0);
  AudioInfo info;
  auto out = read_all(fs, "master.wav", info);
  LoudnessMeter m(48000, 2);
  m.add(out.data(), info.frames);
  auto r = m.result();
  EXPECT_NEAR(stats->integrated_lufs, r.integrated, 0.02);
  EXPECT_NEAR(stats->integrated_lufs, -24, 0.02);
  EXPECT_NEAR(stats->true_peak_dbtp, r.true_peak, 0.02);
  EXPECT_NEAR(stats->range_lu, r.range, 0.05);
  ASSERT_EQ(stats->short_term.size(), r.short_term.size());
  EXPECT_NEAR(stats->short_term.back(), r.short_term.back(), 0.05);
}

}  // namespace
}  // namespace sakuga::audio
