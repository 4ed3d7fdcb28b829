#include "script/fountain.h"

#include <algorithm>
#include <cstring>

#include "core/utf8.h"

namespace sakuga::script {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Position of a byte offset, with columns on the first line counted after a byte order mark.
core::SourcePos position(const core::SourceText& src, size_t offset) {
  core::SourcePos p = src.pos_at(offset);
  if (p.line == 1 && src.text().compare(0, 3, "\xEF\xBB\xBF") == 0 && p.col > 1) --p.col;
  return p;
}

// Positions of offsets that mostly come in increasing order (elements as they are classified):
// walks forward from the last line found instead of searching all lines each time.
class Positions {
 public:
  explicit Positions(const core::SourceText& src)
      : src_(src), bom_(src.text().compare(0, 3, "\xEF\xBB\xBF") == 0) {}

  core::SourcePos at(size_t offset) {
    const std::string& t = src_.text();
    offset = std::min(offset, t.size());
    if (src_.line_count() == 0) return {1, 1};
    if (offset < src_.line_start(line_)) line_ = src_.pos_at(offset).line;
    while (line_ < src_.line_count() && src_.line_start(line_ + 1) <= offset) ++line_;
    int col = 1;
    for (size_t i = src_.line_start(line_); i < offset; ++i) col += (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
    if (line_ == 1 && bom_ && col > 1) --col;
    return {line_, col};
  }

 private:
  const core::SourceText& src_;
  bool bom_;
  int line_ = 1;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\f')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\f')) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Lower case letters, ASCII and Latin-1 (U+00DF..U+00FF but the division sign), in UTF-8.
bool has_lowercase(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return true;
    if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x9F && d <= 0xBF && d != 0xB7) return true;
    }
  }
  return false;
}

// A letter of any script: ASCII letters, or any non-ASCII character (CJK names have no case).
bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return std::isalpha(c) || c >= 0x80;
  });
}

// One line of the cleaned text: boneyard and notes removed. Most lines are views of the file; a
// line that lost a boneyard or note owns its text and keeps, for each piece copied from the file,
// where it came from, so positions stay exact either way.
struct Line {
  std::string_view view;  // the text when not owned
  std::string owned;      // the text of a line that lost something
  struct Piece {
    uint32_t at;      // index in `owned` where the piece begins
    uint32_t source;  // its offset in the file
  };
  std::vector<Piece> pieces;
  uint32_t start = 0;  // original offset where the line begins
  bool is_owned = false;

  std::string_view text() const { return is_owned ? std::string_view(owned) : view; }
  bool blank() const { return trim(text()).empty(); }
  uint32_t offset_of(size_t i) const {
    if (!is_owned || pieces.empty()) return start + static_cast<uint32_t>(i);
    auto it = std::upper_bound(pieces.begin(), pieces.end(), static_cast<uint32_t>(i),
                               [](uint32_t v, const Piece& p) { return v < p.at; });
    const Piece& p = it == pieces.begin() ? pieces.front() : *std::prev(it);
    return p.source + static_cast<uint32_t>(i) - p.at;
  }
  void append(const std::string& t, size_t from, size_t to) {
    if (from >= to) return;
    pieces.push_back({static_cast<uint32_t>(owned.size()), static_cast<uint32_t>(from)});
    owned.append(t, from, to - from);
  }
};

struct Note {
  std::string text;
  size_t offset;
};

// Validates the bytes: no NUL (binary data), well-formed UTF-8. Reports the first problem.
bool validate(const core::SourceText& src, size_t begin, core::DiagnosticSink& sink) {
  const std::string& t = src.text();
  // A NUL anywhere means binary data, whatever comes before it: say so rather than naming the
  // first byte that happens not to be UTF-8.
  if (const void* nul = std::memchr(t.data() + begin, 0, t.size() - begin)) {
    size_t at = static_cast<size_t>(static_cast<const char*>(nul) - t.data());
    // No source line under it: echoing binary bytes to a terminal helps nobody.
    sink.report({core::Severity::kError, src.path(), position(src, at),
                 "this is a binary file, not a Fountain screenplay (it holds NUL bytes)", {}});
    return false;
  }
  if (size_t bad = core::invalid_utf8_at(t, begin); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(t[bad]));
    sink.error(src, position(src, bad), std::string("invalid UTF-8 (byte ") + hex + "); save the script as UTF-8");
    return false;
  }
  return true;
}

// Splits into lines while removing /* boneyard */ and [[notes]].
bool clean(const core::SourceText& src, size_t begin, std::vector<Line>& lines, std::vector<Note>& notes,
           core::DiagnosticSink& sink) {
  const std::string& t = src.text();
  const size_t n = t.size();
  lines.reserve(n / 32);
  const char* base = t.data();
  size_t i = begin;
  // The next '\r', '/' and '[' at or after i, each found by one vectorised memchr over the rest of
  // the text and looked for again only once i passes it: most lines have none of them.
  auto find_from = [&](char c, size_t from) {
    const void* p = from < n ? std::memchr(base + from, c, n - from) : nullptr;
    return p ? static_cast<size_t>(static_cast<const char*>(p) - base) : n;
  };
  size_t next_cr = find_from('\r', i), next_slash = find_from('/', i), next_bracket = find_from('[', i);
  while (i < n) {
    if (next_cr < i) next_cr = find_from('\r', i);
    if (next_slash < i) next_slash = find_from('/', i);
    if (next_bracket < i) next_bracket = find_from('[', i);
    const void* nl = std::memchr(base + i, '\n', n - i);
    size_t eol = nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : n;
    eol = std::min(eol, next_cr);
    bool plain = next_slash >= eol && next_bracket >= eol;
    auto next_line = [&](size_t at) { return at < n && t[at] == '\r' && at + 1 < n && t[at + 1] == '\n' ? at + 2 : at + 1; };
    if (plain) {  // the common case: the line as it is in the file
      Line line;
      line.view = std::string_view(t).substr(i, eol - i);
      line.start = static_cast<uint32_t>(i);
      lines.push_back(line);
      i = next_line(eol);
      continue;
    }
    // A line with a '/' or '[': copy it byte by byte, skipping boneyard and notes (which may run
    // over several lines; the text after them joins this line).
    Line line;
    line.is_owned = true;
    line.start = static_cast<uint32_t>(i);
    bool removed = false;
    size_t piece = i;  // start of the text not yet copied
    while (i < n && t[i] != '\n' && t[i] != '\r') {
      char c = t[i];
      if ((c == '/' || c == '[') && i + 1 < n && t[i + 1] == (c == '/' ? '*' : '[')) line.append(t, piece, i);
      if (c == '/' && i + 1 < n && t[i + 1] == '*') {
        size_t end = t.find("*/", i + 2);
        if (end == std::string::npos) {
          sink.error(src, position(src, i), "unterminated boneyard: this /* has no closing */");
          return false;
        }
        i = end + 2;
        piece = i;
        removed = true;
        continue;
      }
      if (c == '[' && i + 1 < n && t[i + 1] == '[') {
        // A note may span lines but not a truly empty one: scan to "]]" or the first blank line.
        size_t end = std::string::npos;
        for (size_t j = i + 2; j + 1 < n; ++j) {
          if (t[j] == ']' && t[j + 1] == ']') {
            end = j;
            break;
          }
          if (t[j] == '\r' || t[j] == '\n') {
            size_t k = j + (t[j] == '\r' && t[j + 1] == '\n' ? 2 : 1);
            if (k >= n || t[k] == '\n' || t[k] == '\r') break;
            j = k - 1;
          }
        }
        if (end == std::string::npos) {
          sink.error(src, position(src, i), "unterminated note: this [[ has no closing ]] before the next blank line");
          return false;
        }
        std::string body = t.substr(i + 2, end - i - 2);
        std::replace(body.begin(), body.end(), '\r', ' ');
        notes.push_back({std::string(trim(body)), i});
        i = end + 2;
        piece = i;
        removed = true;
        continue;
      }
      ++i;
    }
    line.append(t, piece, i);
    // A line that held only a note or boneyard disappears rather than becoming blank.
    if (!(removed && line.blank())) lines.push_back(std::move(line));
    if (i < n) i = next_line(i);
  }
  return true;
}

// "Key: value" at the start of a title page.
bool title_key(std::string_view line, std::string& key, std::string& value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  std::string_view k = line.substr(0, colon);
  if (!std::isalpha(static_cast<unsigned char>(k[0]))) return false;
  for (char c : k) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_' || c == '-')) return false;
  }
  key = std::string(trim(k));
  value = std::string(trim(line.substr(colon + 1)));
  return true;
}

bool is_heading_prefix(std::string_view t) {
  for (std::string_view p : {"INT./EXT", "INT/EXT", "I/E", "INT", "EXT", "EST"}) {
    if (starts_with_ci(t, p)) {
      if (t.size() == p.size()) return false;
      char next = t[p.size()];
      if (next == '.' || next == ' ') return true;
      if (p == "INT./EXT" || p == "INT/EXT") return next == '.' || next == ' ';
    }
  }
  return false;
}

// Splits "KITCHEN - DAY #12A#" into text and scene number (only the last #..# pair counts).
void split_scene_number(std::string_view t, std::string& text, std::string& number) {
  t = trim(t);
  number.clear();
  if (t.size() >= 3 && t.back() == '#') {
    size_t open = t.rfind('#', t.size() - 2);
    if (open != std::string_view::npos) {
      std::string_view n = t.substr(open + 1, t.size() - open - 2);
      bool ok = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
      });
      if (ok) {
        number = std::string(n);
        t = trim(t.substr(0, open));
      }
    }
  }
  text = std::string(t);
}

class Classifier {
 public:
  /// `first` is the first line after the title page.
  Classifier(const core::SourceText& src, const std::vector<Line>& lines, size_t first, core::DiagnosticSink& sink)
      : src_(src), lines_(lines), first_line_(first), sink_(sink), positions_(src) {}

  /// Classifies every line into `out`; returns each element's offset in the file, in order.
  std::vector<size_t> run(Screenplay& out) {
    for (size_t i = first_line_; i < lines_.size(); ++i) classify(i);
    out.elements = std::move(elements_);
    return std::move(offsets_);
  }

 private:
  bool blank(size_t i) const { return i >= lines_.size() || lines_[i].blank(); }

  Element& add(ElementType type, size_t line, size_t col_byte, std::string text) {
    Element e;
    e.type = type;
    e.text = std::move(text);
    size_t off = lines_[line].offset_of(col_byte);
    e.pos = positions_.at(off);
    elements_.push_back(std::move(e));
    offsets_.push_back(off);
    prev_line_ = line;
    return elements_.back();
  }

  // Leading whitespace skipped: byte index of the first non-space.
  static size_t indent(std::string_view s) {
    size_t k = 0;
    while (k < s.size() && is_space(s[k])) ++k;
    return k;
  }

  void cue(size_t i, size_t at, std::string_view t, bool forced) {
    std::string_view body = t;
    bool dual = false;
    if (!body.empty() && body.back() == '^') {
      body = trim(body.substr(0, body.size() - 1));
      dual = true;
    }
    Element& e = add(ElementType::kCharacter, i, at, std::string(body));
    e.forced = forced;
    size_t paren = body.find('(');
    e.name = std::string(trim(body.substr(0, paren)));
    if (paren != std::string_view::npos) e.extension = std::string(trim(body.substr(paren)));
    if (dual) {
      if (last_cue_ >= 0 && dialogue_follows_last_cue_) {
        elements_[static_cast<size_t>(last_cue_)].dual = true;
        elements_.back().dual = true;
      } else {
        sink_.warning(src_, elements_.back().pos,
                      "dual dialogue '^' but no dialogue right before it; read as an ordinary cue");
      }
    }
    last_cue_ = static_cast<long>(elements_.size() - 1);
    dialogue_follows_last_cue_ = false;
    in_dialogue_ = true;
  }

  void classify(size_t i) {
    const Line& line = lines_[i];
    std::string_view raw = line.text();
    if (line.blank()) {
      // Two spaces keep an empty line inside a speech.
      if (in_dialogue_ && raw.size() >= 2 && std::all_of(raw.begin(), raw.end(), [](char c) { return c == ' '; })) {
        append_dialogue(i, 0, "");
        return;
      }
      in_dialogue_ = false;
      return;
    }
    size_t at = indent(raw);
    std::string_view t = trim(raw);
    bool prev_blank = i == 0 || blank(i - 1) || i == first_line_;
    bool next_blank = blank(i + 1);

    if (in_dialogue_) {
      bool paren = (t.front() == '(' && t.back() == ')') ||
                   (t.size() >= 6 && t.substr(0, 3) == "\xEF\xBC\x88" && t.substr(t.size() - 3) == "\xEF\xBC\x89");
      if (paren) {  // ASCII or full-width brackets (Japanese stage directions)
        add(ElementType::kParenthetical, i, at, std::string(t));
      } else if (t.front() == '~') {  // a sung line: still dialogue, without the lyric marker
        append_dialogue(i, at + 1, std::string(t.substr(1)));
      } else {
        append_dialogue(i, at, std::string(t));
      }
      dialogue_follows_last_cue_ = true;
      return;
    }
    if (t.size() >= 3 && std::all_of(t.begin(), t.end(), [](char c) { return c == '='; })) {
      add(ElementType::kPageBreak, i, at, "");
      return;
    }
    if (t.front() == '#') {
      size_t depth = t.find_first_not_of('#');
      if (depth == std::string_view::npos) depth = t.size();
      Element& e = add(ElementType::kSection, i, at, std::string(trim(t.substr(depth))));
      e.depth = static_cast<int>(depth);
      return;
    }
    if (t.front() == '=') {
      add(ElementType::kSynopsis, i, at, std::string(trim(t.substr(1))));
      return;
    }
    if (t.front() == '.' && t.size() > 1 && t[1] != '.') {
      heading(i, at, t.substr(1), true);
      return;
    }
    if (t.front() == '!') {
      action(i, at + 1, raw.substr(at + 1), true);
      return;
    }
    if (t.front() == '@') {
      cue(i, at, trim(t.substr(1)), true);
      return;
    }
    if (t.front() == '~') {
      add(ElementType::kLyrics, i, at, std::string(trim(t.substr(1)))).forced = true;
      return;
    }
    if (t.front() == '>' && t.back() == '<' && t.size() >= 2) {
      add(ElementType::kCentered, i, at, std::string(trim(t.substr(1, t.size() - 2))));
      return;
    }
    if (t.front() == '>') {
      add(ElementType::kTransition, i, at, std::string(trim(t.substr(1)))).forced = true;
      return;
    }
    if (prev_blank && next_blank && is_heading_prefix(t)) {
      heading(i, at, t, false);
      return;
    }
    if (prev_blank && next_blank && !has_lowercase(t) && t.size() >= 3 && t.substr(t.size() - 3) == "TO:") {
      add(ElementType::kTransition, i, at, std::string(t));
      return;
    }
    std::string_view name = t.substr(0, t.find('('));
    bool two_spaced = raw.size() >= 2 && raw.substr(raw.size() - 2) == "  ";
    if (prev_blank && !next_blank && !has_lowercase(name) && has_letter(name) && !two_spaced) {
      cue(i, at, t, false);
      return;
    }
    action(i, 0, raw, false);
  }

  void heading(size_t i, size_t at, std::string_view t, bool forced) {
    std::string text, number;
    split_scene_number(t, text, number);
    Element& e = add(ElementType::kSceneHeading, i, at, text);
    e.scene_number = number;
    e.forced = forced;
  }

  void action(size_t i, size_t at, std::string_view text, bool forced) {
    std::string s;
    s.reserve(text.size());
    for (size_t from = 0; from <= text.size();) {  // a tab counts as four spaces
      size_t tab = text.find('\t', from);
      s.append(text.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
      if (tab == std::string_view::npos) break;
      s += "    ";
      from = tab + 1;
    }
    // Lines of one paragraph make one action element.
    if (!elements_.empty() && elements_.back().type == ElementType::kAction && prev_line_ + 1 == i && !forced &&
        !elements_.back().forced) {
      elements_.back().text += "\n" + s;
      prev_line_ = i;
      return;
    }
    add(ElementType::kAction, i, at, s).forced = forced;
  }

  void append_dialogue(size_t i, size_t at, std::string text) {
    if (!elements_.empty() && elements_.back().type == ElementType::kDialogue && prev_line_ + 1 == i) {
      elements_.back().text += "\n" + text;
      prev_line_ = i;
      return;
    }
    add(ElementType::kDialogue, i, at, std::move(text));
  }

  const core::SourceText& src_;
  const std::vector<Line>& lines_;
  size_t first_line_;
  core::DiagnosticSink& sink_;
  Positions positions_;
  std::vector<Element> elements_;
  std::vector<size_t> offsets_;
  size_t prev_line_ = static_cast<size_t>(-2);
  bool in_dialogue_ = false;
  long last_cue_ = -1;
  bool dialogue_follows_last_cue_ = false;
};

}  // namespace

const char* element_type_name(ElementType t) {
  switch (t) {
    case ElementType::kSceneHeading: return "scene_heading";
    case ElementType::kAction: return "action";
    case ElementType::kCharacter: return "character";
    case ElementType::kParenthetical: return "parenthetical";
    case ElementType::kDialogue: return "dialogue";
    case ElementType::kLyrics: return "lyrics";
    case ElementType::kTransition: return "transition";
    case ElementType::kCentered: return "centered";
    case ElementType::kPageBreak: return "page_break";
    case ElementType::kSection: return "section";
    case ElementType::kSynopsis: return "synopsis";
    case ElementType::kNote: return "note";
  }
  return "action";
}

const TitleEntry* Screenplay::title(std::string_view key) const {
  for (const TitleEntry& e : title_page) {
    if (e.key.size() == key.size() &&
        std::equal(e.key.begin(), e.key.end(), key.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return &e;
    }
  }
  return nullptr;
}

std::optional<Screenplay> parse_fountain(const core::SourceText& src, core::DiagnosticSink& sink) {
  const std::string& t = src.text();
  size_t begin = t.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  if (!validate(src, begin, sink)) return std::nullopt;
  std::vector<Line> lines;
  std::vector<Note> notes;
  if (!clean(src, begin, lines, notes, sink)) return std::nullopt;
  if (std::all_of(lines.begin(), lines.end(), [](const Line& l) { return l.blank(); }) && notes.empty()) {
    sink.error(src, {1, 1}, "the screenplay is empty");
    return std::nullopt;
  }

  Screenplay out;
  size_t first = 0;
  std::string key, value;
  if (!lines.empty() && title_key(lines[0].text(), key, value)) {
    size_t i = 0;
    for (; i < lines.size() && !lines[i].blank(); ++i) {
      std::string_view l = lines[i].text();
      bool indented = l.rfind("   ", 0) == 0 || l.rfind("\t", 0) == 0;
      if (!indented && title_key(l, key, value)) {
        TitleEntry* existing = nullptr;
        for (auto& e : out.title_page) {
          if (e.key == key) existing = &e;
        }
        if (!existing) {
          out.title_page.push_back({key, {}, position(src, lines[i].offset_of(0))});
          existing = &out.title_page.back();
        }
        if (!value.empty()) existing->values.push_back(value);
      } else if (!out.title_page.empty()) {
        std::string v(trim(l));
        if (!v.empty()) out.title_page.back().values.push_back(v);
      }
    }
    first = i;
  }
  std::vector<size_t> offs = Classifier(src, lines, first, sink).run(out);
  // Interleave the notes by where they were written.
  if (!notes.empty()) {
    Positions positions(src);
    std::vector<Element> merged;
    merged.reserve(out.elements.size() + notes.size());
    size_t n = 0;
    for (size_t k = 0; k <= out.elements.size(); ++k) {
      size_t limit = k < out.elements.size() ? offs[k] : std::string::npos;
      while (n < notes.size() && notes[n].offset < limit) {
        Element e;
        e.type = ElementType::kNote;
        e.text = notes[n].text;
        e.pos = positions.at(notes[n].offset);
        merged.push_back(std::move(e));
        ++n;
      }
      if (k < out.elements.size()) merged.push_back(std::move(out.elements[k]));
    }
    out.elements = std::move(merged);
  }
  return out;
}

std::vector<StyledRun> parse_emphasis(std::string_view line) {
  std::vector<StyledRun> runs;
  bool bold = false, italic = false, underline = false;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) runs.push_back({cur, bold, italic, underline});
    cur.clear();
  };
  auto run_length = [&](size_t i, char m) {
    size_t k = 0;
    while (i + k < line.size() && line[i + k] == m) ++k;
    return k;
  };
  // Is there a closing run of `len` markers later, right after a non-space?
  auto has_closer = [&](size_t from, char m, size_t len) {
    for (size_t j = from; j < line.size(); ++j) {
      if (line[j] == '\\') {
        ++j;
        continue;
      }
      if (line[j] == m && run_length(j, m) >= len && j > 0 && !is_space(line[j - 1])) return true;
    }
    return false;
  };
  for (size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && std::strchr("*_\\", line[i + 1])) {
      cur += line[i + 1];
      i += 2;
      continue;
    }
    if (c == '*' || c == '_') {
      size_t len = std::min<size_t>(run_length(i, c), c == '*' ? 3 : 1);
      bool prev_ok = i > 0 && !is_space(line[i - 1]);
      bool next_ok = i + len < line.size() && !is_space(line[i + len]);
      bool b = c == '*' && len >= 2, it = c == '*' && len != 2, u = c == '_';
      bool active = (b ? bold : true) && (it ? italic : true) && (u ? underline : true) && (b || it || u);
      bool close = active && prev_ok;
      if (close || (next_ok && has_closer(i + len, c, len))) {
        flush();
        if (b) bold = !close;
        if (it) italic = !close;
        if (u) underline = !close;
        i += len;
        continue;
      }
      cur.append(line.substr(i, len));
      i += len;
      continue;
    }
    cur += c;
    ++i;
  }
  flush();
  return runs;
}

std::string plain_text(std::string_view line) {
  std::string out;
  for (const StyledRun& r : parse_emphasis(line)) out += r.text;
  return out;
}

}  // namespace sakuga::script
