#pragma once
/// Scratch voices for the animatic: dialogue spoken by a speech synthesizer until a recorded take
/// replaces it. The synthesizer is behind an interface; the real one runs the `espeak-ng` program
/// as a separate process (never linked), so a missing or crashing synthesizer cannot take the
/// build down with it.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/result.h"

namespace sakuga::animatic {

class SpeechEngine {
 public:
  virtual ~SpeechEngine() = default;
  /// Names the engine and its version; part of every voice's cache key. Empty when unavailable.
  virtual std::string id() const = 0;
  bool available() const { return !id().empty(); }
  /// Speaks `text` (UTF-8) in `voice` and returns the bytes of a WAV file.
  virtual core::Result<std::string> speak(const std::string& text, const std::string& voice) = 0;
};

/// espeak-ng found as $SAKUGA_ESPEAK (a path; empty means "none") or on $PATH. The engine is
/// unavailable when neither finds a program that answers --version.
std::unique_ptr<SpeechEngine> make_espeak_engine();

/// Whether text is Japanese (it holds kana or kanji), which decides the voice's language.
bool is_japanese(std::string_view text);
/// Kanji in `text`: espeak-ng reads each as "Chinese letter", so lines that have them need a kana
/// reading.
bool has_kanji(std::string_view text);
/// `text` without kanji (the fallback when no reading is given).
std::string without_kanji(std::string_view text);

/// What the scratch voice speaks for a line: its kana `reading` when it has one, else its text
/// without kanji, line breaks as spaces; empty when nothing in it can be spoken.
std::string scratch_text(std::string_view text, std::string_view reading);

/// The key of a scratch voice in the cache (`.sakuga/voices/<key>.wav`): the animatic and the
/// kuchipaku of lines without takes share it.
core::Hash128 scratch_voice_key(std::string_view engine_id, std::string_view voice, std::string_view spoken);

/// Chooses a distinct voice per speaker: the project's own choice if it names one, else the next
/// of a fixed rotation of espeak-ng variants (alternating female and male registers) in the order
/// speakers first speak. The language follows the line: "ja" for Japanese, else "en-us"; a chosen
/// voice keeps its variant in the other language ("en-us+f4" reads Japanese as "ja+f4").
class VoiceCast {
 public:
  explicit VoiceCast(std::map<std::string, std::string> chosen) : chosen_(std::move(chosen)) {}
  std::string voice_for(const std::string& speaker, std::string_view text);

 private:
  std::map<std::string, std::string> chosen_;  // speaker -> voice, as written in sakuga.toml
  std::map<std::string, size_t> order_;        // upper-cased speaker -> rotation slot
};

}  // namespace sakuga::animatic
