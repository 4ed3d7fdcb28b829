#include "core/time.h"

#include <charconv>
#include <cstdio>
#include <numeric>

namespace sakuga::core {
namespace {

bool parse_int(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Rational Rational::make(int64_t num, int64_t den) {
  assert(den != 0);
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int64_t g = std::gcd(num < 0 ? -num : num, den);
  if (g == 0) g = 1;
  return Rational{num / g, den / g};
}

std::string Rational::to_string() const {
  return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den);
}

Result<Rational> parse_rate(std::string_view text) {
  if (text == "23.976" || text == "23.98") return Rational::make(24000, 1001);
  if (text == "29.97") return Rational::make(30000, 1001);
  if (text == "59.94") return Rational::make(60000, 1001);
  int64_t num = 0;
  int64_t den = 1;
  auto slash = text.find('/');
  bool ok = slash == std::string_view::npos
                ? parse_int(text, num)
                : parse_int(text.substr(0, slash), num) && parse_int(text.substr(slash + 1), den);
  if (!ok || num <= 0 || den <= 0) {
    return error(ErrorCode::kInvalidInput,
                 "invalid frame rate '" + std::string(text) + "' (expected e.g. 24 or 24000/1001)");
  }
  return Rational::make(num, den);
}

int64_t nominal_fps(Rational rate) { return (rate.num + rate.den / 2) / rate.den; }

Result<int64_t> parse_duration(std::string_view text, Rational rate) {
  auto bad = [&](const std::string& why) {
    return error(ErrorCode::kInvalidInput, "invalid duration '" + std::string(text) + "': " + why);
  };
  int64_t fps = nominal_fps(rate);
  auto plus = text.find('+');
  if (plus == std::string_view::npos) {
    int64_t frames = 0;
    if (!parse_int(text, frames)) return bad("expected frames (84) or seconds+frames (3+12)");
    if (frames < 0) return bad("durations cannot be negative");
    if (frames > kMaxDurationFrames) return bad("longer than a day");
    return frames;
  }
  int64_t seconds = 0;
  int64_t frames = 0;
  if (!parse_int(text.substr(0, plus), seconds) || !parse_int(text.substr(plus + 1), frames)) {
    return bad("expected seconds+frames such as 3+12");
  }
  if (seconds < 0 || frames < 0) return bad("durations cannot be negative");
  if (frames >= fps) return bad("frames after '+' must be below " + std::to_string(fps));
  if (seconds > kMaxDurationFrames / fps) return bad("longer than a day");
  return seconds * fps + frames;
}

std::string format_duration(int64_t frames, Rational rate) {
  int64_t fps = nominal_fps(rate);
  std::string out = frames < 0 ? "-" : "";
  if (frames < 0) frames = -frames;
  out += std::to_string(frames / fps);
  out += '+';
  out += std::to_string(frames % fps);
  return out;
}

int64_t frame_to_sample(int64_t frame, Rational rate, int64_t sample_rate) {
  // frame * sample_rate * den / num in 128-bit so long episodes at 24000/1001 stay exact.
  __extension__ typedef __int128 Int128;
  Int128 n = static_cast<Int128>(frame) * sample_rate * rate.den;
  Int128 q = n / rate.num;
  if (n % rate.num != 0 && n < 0) --q;  // floor for negative frames (pre-roll)
  return static_cast<int64_t>(q);
}

double frames_to_seconds(int64_t frames, Rational rate) {
  return static_cast<double>(frames) * static_cast<double>(rate.den) / static_cast<double>(rate.num);
}

std::string format_timecode(int64_t frames, Rational rate) {
  int64_t fps = nominal_fps(rate);
  if (frames < 0) frames = 0;
  int64_t ff = frames % fps;
  int64_t total_s = frames / fps;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld:%02lld", static_cast<long long>(total_s / 3600),
                static_cast<long long>(total_s / 60 % 60), static_cast<long long>(total_s % 60),
                static_cast<long long>(ff));
  return buf;
}

}  // namespace sakuga::core
