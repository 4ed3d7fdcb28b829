#include "animatic/voice.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace sakuga::animatic {
namespace {

namespace fs = std::filesystem;

uint32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

bool kanji(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool kana(uint32_t cp) { return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9D); }

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `argv` with stdin from /dev/null and stdout+stderr into `log`. Returns the exit status, or
// -1 when it could not start.
int run(const std::vector<std::string>& argv, const fs::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// A private temporary folder, removed with everything in it when this goes away.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sakuga-voice-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class Espeak final : public SpeechEngine {
 public:
  explicit Espeak(std::string program) : program_(std::move(program)) {
    if (program_.empty()) return;
    TempDir tmp;
    if (tmp.path().empty()) return;
    fs::path log = tmp.path() / "version.txt";
    if (run({program_, "--version"}, log) != 0) return;
    std::string v = read_all(log);
    v = v.substr(0, v.find('\n'));
    // "eSpeak NG text-to-speech: 1.51  Data at: ..." -> keep what names the engine and version.
    size_t data = v.find("  Data at");
    id_ = "espeak-ng:" + v.substr(0, data);
  }

  std::string id() const override { return id_; }

  core::Result<std::string> speak(const std::string& text, const std::string& voice) override {
    if (id_.empty()) return core::error(core::ErrorCode::kNotFound, "espeak-ng is not available");
    TempDir tmp;
    if (tmp.path().empty()) return core::error(core::ErrorCode::kIo, "cannot make a temporary folder for espeak-ng");
    fs::path out = tmp.path() / "line.wav", log = tmp.path() / "log.txt";
    // The text goes on the command line (with -f, espeak-ng quietly falls back to its default
    // voice when the one asked for does not exist); a leading space keeps a line that starts with
    // '-' from reading as an option. -s: words per minute, a little slower than espeak's default.
    int rc = run({program_, "-v", voice, "-s", "160", "-w", out.string(), " " + text}, log);
    std::string wav = read_all(out);
    if (rc != 0 || wav.size() <= 44) {
      std::string msg = read_all(log);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      return core::error(core::ErrorCode::kIo, "espeak-ng failed (voice " + voice + ", exit " + std::to_string(rc) +
                                                   ")" + (msg.empty() ? "" : ": " + msg));
    }
    return wav;
  }

 private:
  std::string program_;
  std::string id_;
};

std::string find_program(const char* name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t at = 0;
  while (at <= dirs.size()) {
    size_t end = dirs.find(':', at);
    if (end == std::string::npos) end = dirs.size();
    fs::path candidate = fs::path(dirs.substr(at, end - at)) / name;
    if (end > at && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    at = end + 1;
  }
  return "";
}

}  // namespace

std::unique_ptr<SpeechEngine> make_espeak_engine() {
  const char* forced = std::getenv("SAKUGA_ESPEAK");
  return std::make_unique<Espeak>(forced ? std::string(forced) : find_program("espeak-ng"));
}

bool is_japanese(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = next_code_point(text, i);
    if (kana(cp) || kanji(cp)) return true;
  }
  return false;
}

bool has_kanji(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (kanji(next_code_point(text, i))) return true;
  }
  return false;
}

std::string without_kanji(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t from = i;
    if (!kanji(next_code_point(text, i))) out.append(text.substr(from, i - from));
  }
  return out;
}

std::string VoiceCast::voice_for(const std::string& speaker, std::string_view text) {
  std::string key = speaker;
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string language = is_japanese(text) ? "ja" : "en-us";
  for (const auto& [name, voice] : chosen_) {
    std::string n = name;
    for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (n != key) continue;
    // A chosen voice keeps its variant (the speaker's register) when a line is in the other
    // language: "en-us+f4" reads Japanese lines as "ja+f4".
    size_t plus = voice.find('+');
    std::string lang = voice.substr(0, plus);
    bool chosen_ja = lang == "ja";
    if (chosen_ja == (language == "ja")) return voice;
    return language + (plus == std::string::npos ? "" : voice.substr(plus));
  }
  static constexpr const char* kVariants[] = {"f3", "m3", "f2", "m1", "f4", "m7", "f1", "m2", "f5", "m4", "m5", "m6"};
  auto it = order_.emplace(key, order_.size()).first;
  return language + "+" + kVariants[it->second % std::size(kVariants)];
}

std::string scratch_text(std::string_view text, std::string_view reading) {
  std::string spoken(reading.empty() ? (has_kanji(text) ? without_kanji(text) : std::string(text)) : std::string(reading));
  std::replace(spoken.begin(), spoken.end(), '\n', ' ');
  bool speakable = std::any_of(spoken.begin(), spoken.end(),
                               [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); });
  return speakable ? spoken : std::string();
}

core::Hash128 scratch_voice_key(std::string_view engine_id, std::string_view voice, std::string_view spoken) {
  return core::Hasher().str("voice").str(engine_id).str(voice).str(spoken).finish();
}

}  // namespace sakuga::animatic
