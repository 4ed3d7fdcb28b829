#include <gtest/gtest.h>

#include "audio/audio_file.h"
#include "media/encoder.h"
#include "media/yuv.h"

namespace sakuga::media {
namespace {

const bool kQuiet = (media::quiet_ffmpeg_logs(), true);

struct Yuv {
  uint8_t y, u, v;
};

Yuv convert(core::Rgba8 c) {
  core::Image<core::Rgba8> img(2, 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 2; ++x) img.at(x, y) = c;
  }
  uint8_t yp[4], u, v;
  rgba_to_yuv420_bt709(img.cview(), {yp, 2, &u, 1, &v, 1});
  return {yp[0], u, v};
}

TEST(Yuv, Bt709LimitedRangeReferenceColours) {
  Yuv white = convert({255, 255, 255, 255});
  EXPECT_EQ(white.y, 235);
  EXPECT_EQ(white.u, 128);
  EXPECT_EQ(white.v, 128);
  Yuv black = convert({0, 0, 0, 255});
  EXPECT_EQ(black.y, 16);
  EXPECT_EQ(black.u, 128);
  Yuv red = convert({255, 0, 0, 255});
  EXPECT_EQ(red.y, 63);  // 16 + 219 * 0.2126 = 62.56 (BT.601 would give 81)
  EXPECT_EQ(red.v, 240);
  EXPECT_EQ(red.u, 102);  // 128 - 112 * 0.2126 / 0.9278 = 102.3
  Yuv blue = convert({0, 0, 255, 255});
  EXPECT_EQ(blue.y, 32);  // 16 + 219 * 0.0722 = 31.8
  EXPECT_EQ(blue.u, 240);
}

void make_mix(core::FileSystem& fs, const std::string& path, int64_t samples) {
  auto w = audio::WavWriter::create(fs, path, 48000, 2);
  ASSERT_TRUE(w.is_ok());
  std::vector<float> buf(static_cast<size_t>(samples) * 2, 0.1f);
  ASSERT_TRUE((*w)->write(buf).is_ok());
  ASSERT_TRUE((*w)->commit().is_ok());
}

core::Status encode_segment(core::FileSystem& fs, const std::string& path, const VideoSettings& s, int frames,
                            uint8_t shade) {
  SAKUGA_ASSIGN_OR_RETURN(auto enc, SegmentEncoder::create(fs, path, s));
  core::Image<core::Rgba8> img(s.width, s.height);
  for (int f = 0; f < frames; ++f) {
    for (int y = 0; y < s.height; ++y) {
      for (int x = 0; x < s.width; ++x) img.at(x, y) = {shade, uint8_t(x * 4), uint8_t(f * 8), 255};
    }
    SAKUGA_TRY(enc->add_frame(img.cview()));
  }
  return enc->finish();
}

TEST(Media, SegmentsConcatenateIntoATaggedEpisode) {
  for (core::Rational rate : {core::Rational{24, 1}, core::Rational{24000, 1001}}) {
    core::MemoryFileSystem fs;
    VideoSettings s{64, 48, rate, 23, "ultrafast", 1, 48};
    ASSERT_TRUE(encode_segment(fs, "seg1.mp4", s, 7, 200).is_ok());
    ASSERT_TRUE(encode_segment(fs, "seg2.mp4", s, 12, 30).is_ok());
    make_mix(fs, "mix.wav", core::frame_to_sample(19, rate, 48000));
    core::Status st = mux_episode(fs, {{"seg1.mp4", "seg2.mp4"}, "mix.wav", rate, 19}, "out/ep.mp4");
    ASSERT_TRUE(st.is_ok()) << st.message();
    auto sum = summarize(fs, "out/ep.mp4");
    ASSERT_TRUE(sum.is_ok()) << sum.status().message();
    EXPECT_EQ(sum->video_codec, "h264");
    EXPECT_EQ(sum->width, 64);
    EXPECT_EQ(sum->pix_fmt, "yuv420p");
    EXPECT_EQ(sum->frame_rate, rate);
    EXPECT_EQ(sum->video_frames, 19);
    EXPECT_TRUE(sum->bt709);
    EXPECT_EQ(sum->audio_codec, "aac");
    EXPECT_EQ(sum->sample_rate, 48000);
    EXPECT_EQ(sum->channels, 2);
  }
}

TEST(Media, WrongFrameCountIsAnError) {
  core::MemoryFileSystem fs;
  VideoSettings s{32, 32, {24, 1}, 23, "ultrafast", 1, 48};
  ASSERT_TRUE(encode_segment(fs, "seg.mp4", s, 5, 0).is_ok());
  make_mix(fs, "mix.wav", 10000);
  core::Status st = mux_episode(fs, {{"seg.mp4"}, "mix.wav", {24, 1}, 6}, "ep.mp4");
  EXPECT_FALSE(st.is_ok());
  EXPECT_FALSE(fs.exists("ep.mp4"));
}

}  // namespace
}  // namespace sakuga::media
