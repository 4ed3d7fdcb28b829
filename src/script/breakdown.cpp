#include "script/breakdown.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace sakuga::script {
namespace {

// Decodes one UTF-8 code point at s[i] (input is validated by the parser).
uint32_t code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

// Kana, CJK ideographs, Hangul: languages written without spaces between words.
bool is_cjk(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9D) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

struct Counts {
  int64_t words = 0;  // non-CJK words
  int64_t cjk = 0;    // CJK characters
};

Counts count(std::string_view text) {
  Counts c;
  bool in_word = false;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = code_point(text, i);
    if (is_cjk(cp)) {
      ++c.cjk;
      in_word = false;
    } else if (cp == ' ' || cp == '\t' || cp == '\n' || (cp >= 0x3000 && cp <= 0x303F) ||
               (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
               (cp >= 0xFF5B && cp <= 0xFF65)) {
      in_word = false;  // spaces and CJK punctuation separate words
    } else if (!in_word) {
      bool alnum = cp >= 0x80 || std::isalnum(static_cast<int>(cp));
      if (alnum) {
        ++c.words;
        in_word = true;
      }
    }
  }
  return c;
}

std::string upper_ascii(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void split_heading(SceneInfo& s) {
  std::string_view h = s.heading;
  static const std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"INT./EXT.", "INT/EXT"}, {"INT./EXT", "INT/EXT"}, {"INT/EXT.", "INT/EXT"}, {"INT/EXT", "INT/EXT"},
      {"I/E.", "INT/EXT"},      {"I/E", "INT/EXT"},      {"INT.", "INT"},         {"INT", "INT"},
      {"EXT.", "EXT"},          {"EXT", "EXT"},          {"EST.", "EST"},         {"EST", "EST"}};
  std::string up = upper_ascii(std::string(h.substr(0, std::min<size_t>(h.size(), 9))));
  for (auto [prefix, name] : kPrefixes) {
    if (up.rfind(prefix, 0) == 0 && (h.size() == prefix.size() || h[prefix.size()] == ' ' || prefix.back() == '.')) {
      s.int_ext = std::string(name);
      h.remove_prefix(prefix.size());
      break;
    }
  }
  while (!h.empty() && (h.front() == ' ' || h.front() == '.')) h.remove_prefix(1);
  // "KITCHEN - NIGHT": the time of day follows the last " - ".
  size_t dash = h.rfind(" - ");
  if (dash != std::string_view::npos) {
    s.location = std::string(h.substr(0, dash));
    s.time_of_day = std::string(h.substr(dash + 3));
  } else if (h.size() > 6 && h.substr(h.size() - 3) == "\xEF\xBC\x89") {
    // Japanese 柱: "学校・屋上（夕）" puts the time in full-width brackets at the end.
    size_t open = h.rfind("\xEF\xBC\x88");
    if (open != std::string_view::npos) {
      s.location = std::string(h.substr(0, open));
      s.time_of_day = std::string(h.substr(open + 3, h.size() - open - 6));
    } else {
      s.location = std::string(h);
    }
  } else {
    s.location = std::string(h);
  }
  while (!s.location.empty() && s.location.back() == ' ') s.location.pop_back();
}

double round_tenth(double v) { return std::round(v * 10) / 10; }

}  // namespace

int64_t count_words(std::string_view text) {
  Counts c = count(text);
  return c.words + c.cjk;
}

double element_seconds(const Element& e) {
  switch (e.type) {
    case ElementType::kSceneHeading:
      return 1.0;
    case ElementType::kAction: {
      Counts c = count(plain_text(e.text));
      return std::max(1.5, c.words / 3.0 + c.cjk / 8.0);
    }
    case ElementType::kCharacter:
      return 0.5;
    case ElementType::kDialogue: {
      Counts c = count(plain_text(e.text));
      return std::max(1.0, c.words / 2.5 + c.cjk / 7.0);
    }
    case ElementType::kTransition:
      return 0.5;
    default:
      return 0;
  }
}

Breakdown make_breakdown(const Screenplay& play, const core::SourceText& src, core::DiagnosticSink& warnings) {
  Breakdown b;
  if (const TitleEntry* t = play.title("Title"); t && !t->values.empty()) b.title = t->values.front();
  std::map<std::string, size_t> char_index;  // upper-cased name -> index in b.characters
  SceneInfo* scene = nullptr;
  std::vector<core::SourcePos> heading_pos;
  CharacterInfo* speaker = nullptr;
  double total = 0;
  auto add_time = [&](double s) {
    total += s;
    if (scene) scene->estimated_s += s;
  };
  for (const Element& e : play.elements) {
    switch (e.type) {
      case ElementType::kSceneHeading: {
        SceneInfo s;
        s.heading = e.text;
        s.line = e.pos.line;
        s.number = e.scene_number.empty() ? std::to_string(b.scenes.size() + 1) : e.scene_number;
        split_heading(s);
        b.scenes.push_back(std::move(s));
        heading_pos.push_back(e.pos);
        scene = &b.scenes.back();
        speaker = nullptr;
        add_time(element_seconds(e));
        break;
      }
      case ElementType::kAction: {
        if (scene) ++scene->action_paragraphs;
        add_time(element_seconds(e));
        break;
      }
      case ElementType::kCharacter: {
        std::string key = upper_ascii(e.name);
        auto [it, fresh] = char_index.emplace(key, b.characters.size());
        if (fresh) {
          CharacterInfo c;
          c.name = e.name;
          c.first_cue = e.pos;
          b.characters.push_back(std::move(c));
        }
        speaker = &b.characters[it->second];
        ++speaker->dialogue_blocks;
        ++b.dialogue_blocks;
        std::string where = scene ? scene->number : "";
        if (scene) {
          ++scene->dialogue_blocks;
          if (std::find(scene->speakers.begin(), scene->speakers.end(), speaker->name) == scene->speakers.end()) {
            scene->speakers.push_back(speaker->name);
          }
        }
        if (std::find(speaker->scenes.begin(), speaker->scenes.end(), where) == speaker->scenes.end() && scene) {
          speaker->scenes.push_back(where);
        }
        add_time(element_seconds(e));
        break;
      }
      case ElementType::kDialogue: {
        if (speaker) speaker->words += count_words(plain_text(e.text));
        add_time(element_seconds(e));
        break;
      }
      case ElementType::kTransition:
        add_time(element_seconds(e));
        break;
      default:
        break;
    }
  }
  b.estimated_runtime_s = round_tenth(total);
  for (SceneInfo& s : b.scenes) s.estimated_s = round_tenth(s.estimated_s);

  // Likely mistakes.
  for (size_t i = 0; i < b.scenes.size(); ++i) {
    if (b.scenes[i].action_paragraphs == 0) {
      warnings.warning(src, heading_pos[i], "scene " + b.scenes[i].number + " has no action lines");
    }
  }
  for (const CharacterInfo& c : b.characters) {
    if (c.dialogue_blocks != 1) continue;
    for (const CharacterInfo& other : b.characters) {
      if (&other == &c || other.dialogue_blocks < 2) continue;
      std::string a = upper_ascii(c.name), o = upper_ascii(other.name);
      size_t d = edit_distance(a, o);
      bool close = d <= (std::min(a.size(), o.size()) >= 6 ? 2u : 1u) ||
                   (a.size() >= 3 && o.size() >= 3 && (a.find(o) != std::string::npos || o.find(a) != std::string::npos));
      if (close) {
        warnings.warning(src, c.first_cue,
                         c.name + " speaks only once; is it " + other.name + " (" +
                             std::to_string(other.dialogue_blocks) + " dialogue blocks) under another spelling?");
        break;
      }
    }
  }
  std::stable_sort(b.characters.begin(), b.characters.end(), [](const CharacterInfo& x, const CharacterInfo& y) {
    return x.dialogue_blocks != y.dialogue_blocks ? x.dialogue_blocks > y.dialogue_blocks : x.name < y.name;
  });
  return b;
}

std::string breakdown_json(const Breakdown& b) {
  nlohmann::ordered_json j;
  j["title"] = b.title;
  j["scenes"] = nlohmann::ordered_json::array();
  for (const SceneInfo& s : b.scenes) {
    j["scenes"].push_back({{"number", s.number},
                           {"heading", s.heading},
                           {"line", s.line},
                           {"int_ext", s.int_ext},
                           {"location", s.location},
                           {"time_of_day", s.time_of_day},
                           {"action_paragraphs", s.action_paragraphs},
                           {"dialogue_blocks", s.dialogue_blocks},
                           {"speakers", s.speakers},
                           {"estimated_s", s.estimated_s}});
  }
  j["characters"] = nlohmann::ordered_json::array();
  for (const CharacterInfo& c : b.characters) {
    j["characters"].push_back(
        {{"name", c.name}, {"dialogue_blocks", c.dialogue_blocks}, {"words", c.words}, {"scenes", c.scenes}});
  }
  j["dialogue_blocks"] = b.dialogue_blocks;
  j["estimated_runtime_s"] = b.estimated_runtime_s;
  return j.dump(2) + "\n";
}

std::string breakdown_report(const Breakdown& b) {
  char buf[256];
  std::string out = (b.title.empty() ? "(untitled)" : b.title) + "\n";
  int total = static_cast<int>(std::lround(b.estimated_runtime_s));
  std::snprintf(buf, sizeof buf, "%zu scene%s, %zu speaking character%s, %d dialogue block%s, about %d:%02d\n\n",
                b.scenes.size(), b.scenes.size() == 1 ? "" : "s", b.characters.size(),
                b.characters.size() == 1 ? "" : "s", b.dialogue_blocks, b.dialogue_blocks == 1 ? "" : "s", total / 60,
                total % 60);
  out += buf;
  out += "Scenes\n";
  for (const SceneInfo& s : b.scenes) {
    std::snprintf(buf, sizeof buf, "  %4s  %-7s %6.1f s  line %-5d ", s.number.c_str(),
                  s.int_ext.empty() ? "-" : s.int_ext.c_str(), s.estimated_s, s.line);
    out += buf + s.location + (s.time_of_day.empty() ? "" : " (" + s.time_of_day + ")");
    if (!s.speakers.empty()) {
      out += "  speakers:";
      for (const auto& n : s.speakers) out += " " + n;
    }
    out += "\n";
  }
  out += "\nCharacters\n";
  for (const CharacterInfo& c : b.characters) {
    std::snprintf(buf, sizeof buf, "  %3d blocks %5lld words  scenes", c.dialogue_blocks,
                  static_cast<long long>(c.words));
    std::string scenes;
    for (const auto& s : c.scenes) scenes += " " + s;
    out += "  " + c.name + "\n" + buf + scenes + "\n";
  }
  return out;
}

}  // namespace sakuga::script
