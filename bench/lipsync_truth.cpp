#include "lipsync_truth.h"

#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <mutex>

namespace sakuga::lipsync_truth {
namespace {

Spoken* g_out = nullptr;  // espeak's callback has no user pointer of its own in synchronous mode

int collect(short* wav, int n, espeak_EVENT* events) {
  for (int i = 0; wav && i < n; ++i) g_out->samples.push_back(static_cast<float>(wav[i]) / 32768.0f);
  for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    if (e->type == espeakEVENT_PHONEME) {
      char name[9] = {};
      for (int k = 0; k < 8 && e->id.string[k]; ++k) name[k] = e->id.string[k];
      g_out->phonemes.push_back({name, e->audio_position});
    }
  }
  return 0;
}

int sample_rate() {
  static int rate = [] {
    int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_PHONEME_EVENTS);
    if (r > 0) espeak_SetSynthCallback(collect);
    return r;
  }();
  return rate;
}

bool lips_shut(const std::string& p) {
  if (p.empty() || p[0] == '_') return true;  // a pause
  return p == "p" || p == "b" || p == "m" || p == "p#" || p == "b#" || p == "m-";
}

}  // namespace

Spoken speak(const std::string& text, const std::string& voice) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  Spoken s;
  s.sample_rate = sample_rate();
  if (s.sample_rate <= 0) return s;
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) return s;
  g_out = &s;
  espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  espeak_Synchronize();
  g_out = nullptr;
  return s;
}

std::vector<bool> closed_truth(const Spoken& s, core::Rational rate) {
  std::vector<bool> out;
  for (int64_t k = 0; core::frame_to_sample(k, rate, s.sample_rate) < static_cast<int64_t>(s.samples.size()); ++k) {
    // The phoneme sounding at the middle of the frame.
    double mid_ms = (static_cast<double>(k) + 0.5) * 1000.0 * static_cast<double>(rate.den) / static_cast<double>(rate.num);
    std::string now = "_";
    for (const auto& p : s.phonemes) {
      if (p.start_ms <= mid_ms) now = p.name;
    }
    out.push_back(lips_shut(now));
  }
  return out;
}

const std::vector<Line>& lines() {
  static const std::vector<Line> all = {
      {"Hey! Up here!", "en-us+f4"},
      {"The first star's coming out.", "en-us+f4"},
      {"Got it!", "en-us+f4"},
      {"Mio, come down from there before it gets dark.", "en-us+f2"},
      {"I can see the whole town from up here, even the bridge.", "en-us+f4"},
      {"Be careful on the stairs.", "en-us+m3"},
      {"Grandma told me to make a wish on the first star.", "en-us+f4"},
      {"What did you wish for?", "en-us+m3"},
      {"That's a secret. If I tell you, it won't come true.", "en-us+f4"},
      {"Dinner is ready, both of you, wash your hands.", "en-us+f2"},
      {"Maybe tomorrow we can climb the big hill by the river.", "en-us+m3"},
      {"Look, look! Another one, and another!", "en-us+f4"},
      {"Please pass me the map, the big blue book by the bed.", "en-us+m3"},
      {"Nobody believes me, but I saw it move.", "en-us+f4"},
      {"Hurry up, the bus will leave without us!", "en-us+f2"},
      {"Okay. Okay, I'm coming.", "en-us+m3"},
      {"いちばんぼし、みーつけた。", "ja+f4"},
      {"おばあちゃん、みて。ほしがでてるよ。", "ja+f4"},
      {"はやく かえって きなさい。", "ja+f2"},
      {"まって、まって。もうすこしだけ。", "ja+f4"},
      {"あしたも はれると いいね。", "ja+m3"},
      {"ぼくも いっしょに いきたい。", "ja+m3"},
      {"きれいな ゆうやけ だね。", "ja+f2"},
      {"また あした、みお ちゃん。", "ja+f4"},
  };
  return all;
}

}  // namespace sakuga::lipsync_truth
