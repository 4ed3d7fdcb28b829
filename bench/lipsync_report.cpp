// Kuchipaku against speech timing truth: every line of lipsync_truth spoken by libespeak-ng, its
// flaps timed from the sound alone (audio::mouth_timing) and scored frame by frame against the
// phoneme events (closed in pauses and on p, b, m). Baselines: a mouth open whenever any sound
// plays, and the cheap flap (open and closed alternating on 2s while the line lasts).
//
//   sakuga_lipsyncbench [--frames]    (--frames prints each line's truth and timing)
#include <cstdio>
#include <cstring>

#include "lipsync_truth.h"

using namespace sakuga;

int main(int argc, char** argv) {
  const bool show = argc > 1 && std::strcmp(argv[1], "--frames") == 0;
  const core::Rational rate{24, 1};
  int total = 0, ours1 = 0, ours2 = 0, ours3 = 0, flap = 0, lines = 0;
  std::printf("%-58s %6s %7s %7s %7s\n", "line", "frames", "on 1s", "on 2s", "flap");
  for (const auto& line : lipsync_truth::lines()) {
    lipsync_truth::Spoken s = lipsync_truth::speak(line.text, line.voice);
    if (s.samples.empty()) {
      std::fprintf(stderr, "espeak-ng cannot speak '%s' in %s\n", line.text.c_str(), line.voice.c_str());
      return 1;
    }
    std::vector<bool> truth = lipsync_truth::closed_truth(s, rate);
    auto score = [&](int on) {
      auto m = audio::mouth_timing(s.samples, s.sample_rate, rate, {.on = on});
      int agree = 0;
      for (size_t k = 0; k < truth.size() && k < m.size(); ++k) agree += (m[k] == audio::Mouth::kClosed) == truth[k];
      if (show && on == 2) {
        std::string t;
        for (bool c : truth) t += c ? '_' : 'O';
        std::printf("  truth %s\n  ours  %s\n", t.c_str(), audio::mouth_string(m).c_str());
      }
      return agree;
    };
    int a1 = score(1), a2 = score(2), a3 = score(3);
    // The cheap flap: open and closed alternating on 2s from the first to the last voiced frame.
    int f = 0;
    for (size_t k = 0; k < truth.size(); ++k) f += ((k / 2) % 2 == 1) == truth[k];
    const int n = static_cast<int>(truth.size());
    std::printf("%-58.58s %6d %6.1f%% %6.1f%% %6.1f%%\n", line.text.c_str(), n, 100.0 * a1 / n, 100.0 * a2 / n,
                100.0 * f / n);
    total += n, ours1 += a1, ours2 += a2, ours3 += a3, flap += f, ++lines;
  }
  std::printf("\n%d lines, %d frames at 24 fps: open-or-closed agrees with the truth on %.1f%% (on 1s), %.1f%% "
              "(on 2s), %.1f%% (on 3s); the alternating flap %.1f%%\n",
              lines, total, 100.0 * ours1 / total, 100.0 * ours2 / total, 100.0 * ours3 / total, 100.0 * flap / total);
  return 0;
}
