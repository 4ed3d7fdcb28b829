// Tracing dialogue in the cuts back to the screenplay.
#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "project/project.h"
#include "script/fountain.h"

namespace sakuga::project {
namespace {

struct Block {
  std::string speaker;  // upper-cased
  std::string text;     // normalised
  int line = 0;
};

// Whitespace runs become one space; ends trimmed. Line breaks inside a block do not matter.
std::string normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<Block> dialogue_blocks(const script::Screenplay& play) {
  std::vector<Block> out;
  bool open = false;
  for (const script::Element& e : play.elements) {
    if (e.type == script::ElementType::kCharacter) {
      out.push_back({core::ascii_upper(e.name), "", e.pos.line});
      open = true;
    } else if (open && e.type == script::ElementType::kDialogue) {
      out.back().text += (out.back().text.empty() ? "" : " ") + script::plain_text(e.text);
    } else if (e.type != script::ElementType::kParenthetical && e.type != script::ElementType::kNote) {
      open = false;
    }
  }
  for (Block& b : out) b.text = normalise(b.text);
  return out;
}

// "script/x.fountain:12:1" -> path and line. False when it is not in that form.
bool split_ref(const std::string& ref, std::string& path, int& line) {
  size_t c2 = ref.rfind(':');
  if (c2 == std::string::npos || c2 == 0) return false;
  size_t c1 = ref.rfind(':', c2 - 1);
  if (c1 == std::string::npos || c1 == 0) return false;
  std::string l = ref.substr(c1 + 1, c2 - c1 - 1), c = ref.substr(c2 + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 9 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  if (!digits(l) || !digits(c)) return false;
  path = ref.substr(0, c1);
  line = std::stoi(l);
  return line > 0;
}

std::string quote(const std::string& s) {
  // Cut at a character boundary after about 60 bytes.
  if (s.size() <= 64) return "\"" + s + "\"";
  size_t at = 60;
  while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
  return "\"" + s.substr(0, at) + "...\"";
}

}  // namespace

void check_script_links(core::FileSystem& fs, const Project& p, core::DiagnosticSink& sink) {
  std::map<std::string, std::optional<std::vector<Block>>> scripts;  // by the path as written
  for (const Cut& cut : p.cuts) {
    for (const DialogueLine& d : cut.dialogue) {
      if (d.script.empty()) continue;
      std::string path;
      int line = 0;
      if (!split_ref(d.script, path, line)) {
        sink.warning(cut.dialogue_source, d.script_pos, "dialogue script position must be FILE:LINE:COL, e.g. \"script/ep01.fountain:12:1\"");
        continue;
      }
      auto it = scripts.find(path);
      if (it == scripts.end()) {
        std::optional<std::vector<Block>> blocks;
        fs::path file;
        if (auto why = resolve_in_project(p.root, path, file)) {
          sink.warning(cut.dialogue_source, d.script_pos, "script '" + path + "' " + *why);
        } else if (auto text = fs.read_file(file); !text.is_ok()) {
          sink.warning(cut.dialogue_source, d.script_pos, "script '" + path + "' cannot be read, so this line cannot be traced");
        } else {
          core::DiagnosticSink quiet;
          auto play = script::parse_fountain(core::SourceText(path, std::move(*text)), quiet);
          if (play) blocks = dialogue_blocks(*play);
          else sink.warning(cut.dialogue_source, d.script_pos, "script '" + path + "' does not parse (see `sakuga script breakdown " + path + "`)");
        }
        it = scripts.emplace(path, std::move(blocks)).first;
      }
      if (!it->second) continue;
      const std::vector<Block>& blocks = *it->second;
      std::string speaker = core::ascii_upper(d.speaker), text = normalise(d.text);
      auto same = [&](const Block& b) { return b.speaker == speaker && b.text == text; };
      if (std::any_of(blocks.begin(), blocks.end(), same)) continue;  // in place, or moved
      auto at = std::find_if(blocks.begin(), blocks.end(), [&](const Block& b) { return b.line == line; });
      std::string where = path + ":" + std::to_string(line);
      if (at != blocks.end()) {
        sink.warning(cut.dialogue_source, d.script_pos,
                     "the script has changed this line since the cut was made: " + where + " now reads " +
                         at->speaker + ": " + quote(at->text) + "; this cut has " + quote(text));
      } else {
        sink.warning(cut.dialogue_source, d.script_pos,
                     "this line of " + d.speaker + " is no longer in the script (it was at " + where + ")");
      }
    }
  }
}

}  // namespace sakuga::project
