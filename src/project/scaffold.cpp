#include "project/scaffold.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/toml_file.h"
#include "script/breakdown.h"

namespace sakuga::project {
namespace {

using script::Element;
using script::ElementType;

std::string first_line(std::string_view s) { return std::string(s.substr(0, s.find('\n'))); }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// "FADE IN:", "FADE OUT.", "FADE TO BLACK.": a transition the spec's rules read as action.
bool is_fade_line(std::string_view text) {
  std::string t = trim(text);
  while (!t.empty() && (t.back() == '.' || t.back() == ':')) t.pop_back();
  return t == "FADE IN" || t == "FADE OUT" || t == "FADE TO BLACK" || t == "FADE TO WHITE" || t == "FADE UP";
}

class Drafter {
 public:
  std::vector<DraftCut> run(const script::Screenplay& play) {
    for (const Element& e : play.elements) step(e);
    close_line();
    finish_cut();
    if (cuts_.empty()) {
      DraftCut c;
      c.duration_s = 3;
      cuts_.push_back(std::move(c));
    }
    for (size_t i = 0; i < cuts_.size(); ++i) {
      char id[32];
      std::snprintf(id, sizeof id, "c%03zu", i + 1);
      cuts_[i].id = id;
    }
    return std::move(cuts_);
  }

 private:
  void step(const Element& e) {
    if (e.type != ElementType::kParenthetical && e.type != ElementType::kDialogue && e.type != ElementType::kNote) {
      close_line();
    }
    switch (e.type) {
      case ElementType::kSceneHeading:
        finish_cut();
        ++scene_ordinal_;
        scene_number_ = e.scene_number.empty() ? std::to_string(scene_ordinal_) : e.scene_number;
        scene_heading_ = script::plain_text(e.text);
        cur_ = DraftCut{};
        cur_->scene_number = scene_number_;
        cur_->heading = scene_heading_;
        cur_->pos = e.pos;
        t_ = script::element_seconds(e);
        break;
      case ElementType::kAction: {
        std::string text = script::plain_text(e.text);
        std::string shot = trim(first_line(text));
        if (is_fade_line(text)) {  // FADE IN: and friends are transitions written as action
          if (cur_) t_ += 0.5;
          break;
        }
        if (is_shot_line(shot)) {
          // A shot right after its heading names that cut; later ones start a new cut.
          if (!cur_ || !cur_->action.empty() || !cur_->dialogue.empty()) {
            finish_cut();
            cur_ = DraftCut{};
            cur_->scene_number = scene_number_;
            cur_->heading = scene_heading_;
            cur_->pos = e.pos;
            t_ = 0;
          }
          cur_->heading = cur_->heading.empty() ? shot : cur_->heading + " / " + shot;
          size_t nl = text.find('\n');
          if (nl != std::string::npos) cur_->action.push_back(trim(text.substr(nl + 1)));
        } else {
          open_cut(e);
          cur_->action.push_back(text);
        }
        t_ += script::element_seconds(e);
        break;
      }
      case ElementType::kCentered:
      case ElementType::kLyrics: {
        open_cut(e);
        std::string text = script::plain_text(e.text);
        cur_->action.push_back(e.type == ElementType::kLyrics ? "\xE2\x99\xAA " + text : text);  // "♪ "
        Element as_action = e;
        as_action.type = ElementType::kAction;
        t_ += script::element_seconds(as_action);
        break;
      }
      case ElementType::kCharacter: {
        open_cut(e);
        DraftLine l;
        l.speaker = e.name;
        l.pos = e.pos;
        // The second cue of a dual dialogue speaks at the same time as the first.
        if (e.dual && !cur_->dialogue.empty() && last_dual_) {
          dual_resume_ = t_;
          t_ = cur_->dialogue.back().start_s - script::element_seconds(e);
          l.track = 2;  // both speak at once: the sheet's second dialogue column
        }
        t_ += script::element_seconds(e);
        l.start_s = t_;
        last_dual_ = e.dual;
        line_ = std::move(l);
        break;
      }
      case ElementType::kParenthetical:
        if (line_) line_->parenthetical += (line_->parenthetical.empty() ? "" : " ") + script::plain_text(e.text);
        break;
      case ElementType::kDialogue:
        if (line_) {
          double s = script::element_seconds(e);
          line_->text += (line_->text.empty() ? "" : "\n") + script::plain_text(e.text);
          line_->length_s += s;
          t_ += s;
        }
        break;
      case ElementType::kTransition:
        if (cur_) t_ += script::element_seconds(e);
        break;
      default:
        break;
    }
  }

  // Material before the first scene heading gets a cut of its own.
  void open_cut(const Element& e) {
    if (cur_) return;
    cur_ = DraftCut{};
    cur_->scene_number = scene_number_;
    cur_->heading = scene_heading_;
    cur_->pos = e.pos;
    t_ = 0;
  }

  void close_line() {
    if (!line_) return;
    cur_->dialogue.push_back(std::move(*line_));
    line_.reset();
    if (dual_resume_) {
      t_ = std::max(t_, *dual_resume_);
      dual_resume_.reset();
      last_dual_ = false;
    }
  }

  void finish_cut() {
    close_line();
    if (!cur_) return;
    cur_->duration_s = std::max(1.0, t_);
    cuts_.push_back(std::move(*cur_));
    cur_.reset();
    last_dual_ = false;
  }

  std::vector<DraftCut> cuts_;
  std::optional<DraftCut> cur_;
  std::optional<DraftLine> line_;
  std::optional<double> dual_resume_;
  bool last_dual_ = false;
  double t_ = 0;
  int scene_ordinal_ = 0;
  std::string scene_number_;
  std::string scene_heading_;
};

std::string duration(double seconds, core::Rational rate, bool round_up) {
  double frames = seconds * static_cast<double>(core::nominal_fps(rate));
  int64_t f = static_cast<int64_t>(round_up ? std::ceil(frames - 1e-9) : std::floor(frames + 0.5));
  return core::toml_quote(core::format_duration(std::max<int64_t>(f, 0), rate));
}

std::string comment_safe(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

}  // namespace

bool is_shot_line(std::string_view line) {
  static constexpr std::string_view kTerms[] = {
      "ANGLE ON",    "CLOSE ON",   "CLOSE UP",          "CLOSE-UP", "CLOSEUP",       "EXTREME CLOSE",
      "CU",          "ECU",        "MCU",               "WIDE",     "WIDE SHOT",     "WIDE ON",
      "MEDIUM SHOT", "MEDIUM ON",  "TWO SHOT",          "OVER THE SHOULDER",         "INSERT",
      "POV",         "REVERSE ANGLE", "REVERSE ON",     "TRACKING", "AERIAL",        "ESTABLISHING",
      "BACK TO SCENE"};
  if (std::any_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  for (std::string_view term : kTerms) {
    if (line.substr(0, term.size()) != term) continue;
    if (line.size() == term.size()) return true;
    char next = line[term.size()];
    if (next == ' ' || next == ':' || next == '.' || next == '-' || next == ',' || next == '\'') return true;
  }
  return false;
}

std::vector<DraftCut> draft_cuts(const script::Screenplay& play) { return Drafter().run(play); }

std::map<std::string, std::string> project_files(const NewProject& p) {
  std::map<std::string, std::string> files;
  std::string script_rel = p.script_name.empty() ? "" : "script/" + p.script_name;
  std::string top;
  if (!script_rel.empty()) {
    top += "# Made by `sakuga new --from-script` from " + script_rel +
           ": one cut per scene, or per shot where the\n# script marks one. Durations are estimates from the script.\n";
  }
  top += "title = " + core::toml_quote(p.title) + "\n";
  top += "frame_rate = " + core::toml_quote(p.rate.to_string()) + "\n";
  top += "resolution = [" + std::to_string(p.width) + ", " + std::to_string(p.height) + "]\n";
  if (!script_rel.empty()) top += "script = " + core::toml_quote(script_rel) + "\n";
  top += "cuts = [\n";
  for (const DraftCut& c : p.cuts) top += "  " + core::toml_quote(c.id) + ",\n";
  top += "]\n";
  files["sakuga.toml"] = top;
  if (!script_rel.empty()) files[script_rel] = p.script_bytes;

  for (const DraftCut& c : p.cuts) {
    std::string t;
    if (!script_rel.empty()) {
      t += "# Cut " + c.id + ", scene " + c.scene_number + (c.heading.empty() ? "" : ": " + comment_safe(c.heading)) +
           "\n# The duration and the dialogue timing are estimates from the script; the animatic\n"
           "# (`sakuga build . --target animatic`) lengthens the cut to fit its voices.\n";
    }
    t += "duration = " + duration(c.duration_s, p.rate, true) + "\n";
    if (!script_rel.empty()) {
      t += "\n[scene]\n";
      t += "number = " + core::toml_quote(c.scene_number) + "\n";
      t += "heading = " + core::toml_quote(c.heading) + "\n";
      t += "script = " + core::toml_quote(script_rel + ":" + std::to_string(c.pos.line) + ":" + std::to_string(c.pos.col)) +
           "\n";
      if (!c.action.empty()) {
        t += "action = [\n";
        for (const std::string& a : c.action) t += "  " + core::toml_quote(a) + ",\n";
        t += "]\n";
      }
    }
    for (const DraftLine& l : c.dialogue) {
      t += "\n[[dialogue]]\n";
      t += "speaker = " + core::toml_quote(l.speaker) + "\n";
      if (!l.parenthetical.empty()) t += "parenthetical = " + core::toml_quote(l.parenthetical) + "\n";
      t += "text = " + core::toml_quote(l.text) + "\n";
      t += "frame = " + duration(l.start_s, p.rate, false) + "\n";
      t += "length = " + duration(std::max(l.length_s, 1.0 / 24), p.rate, true) + "\n";
      if (l.track != 1) t += "track = " + std::to_string(l.track) + "\n";
      t += "script = " + core::toml_quote(script_rel + ":" + std::to_string(l.pos.line) + ":" + std::to_string(l.pos.col)) +
           "\n";
    }
    files["cuts/" + c.id + "/cut.toml"] = t;
  }
  return files;
}

}  // namespace sakuga::project
