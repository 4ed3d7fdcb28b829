#include "timesheet/sheet.h"

#include <algorithm>

namespace sakuga::timesheet {

const CelColumn* Sheet::column(std::string_view name) const {
  for (const CelColumn& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::optional<TimingChart::Between> Sheet::inbetween(std::string_view layer, const std::string& drawing) const {
  for (const TimingChart& c : charts) {
    if (c.layer != layer) continue;
    if (auto b = c.find(drawing)) return b;
  }
  return std::nullopt;
}

bool Sheet::is_key(std::string_view layer, const std::string& drawing) const {
  for (const TimingChart& c : charts) {
    if (c.layer != layer) continue;
    for (const ChartEntry& e : c.entries) {
      if (e.key && e.drawing == drawing) return true;
    }
  }
  return false;
}

int Sheet::dialogue_tracks() const {
  int n = 1;
  for (const DialogueSpan& d : dialogue) n = std::max(n, d.track);
  return n;
}

int Sheet::camera_tracks() const {
  int n = 1;
  for (const CameraSpan& c : camerawork) n = std::max(n, c.track);
  return n;
}

std::vector<SheetProblem> dialogue_overlaps(const Sheet& sheet) {
  std::vector<SheetProblem> out;
  std::vector<const DialogueSpan*> lines;
  for (const DialogueSpan& d : sheet.dialogue) lines.push_back(&d);
  std::stable_sort(lines.begin(), lines.end(), [](const DialogueSpan* a, const DialogueSpan* b) {
    return a->track != b->track ? a->track < b->track : a->frame < b->frame;
  });
  for (size_t i = 1; i < lines.size(); ++i) {
    const DialogueSpan& prev = *lines[i - 1];
    const DialogueSpan& cur = *lines[i];
    if (prev.track != cur.track) continue;
    bool overlap = cur.frame == prev.frame || (prev.length > 0 && cur.frame < prev.end());
    if (!overlap) continue;
    std::string span = core::format_duration(prev.frame, sheet.rate) +
                       (prev.length > 0 ? " to " + core::format_duration(prev.end(), sheet.rate) : "");
    out.push_back({cur.pos, "this line (from " + core::format_duration(cur.frame, sheet.rate) + ") overlaps " +
                                prev.speaker + "'s line at " + span + " in dialogue column " +
                                std::to_string(cur.track) +
                                ": move one, shorten the other, or give one its own column (track = " +
                                std::to_string(cur.track + 1) + ")"});
  }
  return out;
}

void sort_entries(Sheet& sheet) {
  auto by_frame = [](const auto& a, const auto& b) {
    return a.frame != b.frame ? a.frame < b.frame : a.track < b.track;
  };
  std::stable_sort(sheet.dialogue.begin(), sheet.dialogue.end(), by_frame);
  std::stable_sort(sheet.camerawork.begin(), sheet.camerawork.end(), by_frame);
  std::stable_sort(sheet.sounds.begin(), sheet.sounds.end(),
                   [](const SoundMark& a, const SoundMark& b) { return a.frame < b.frame; });
}

}  // namespace sakuga::timesheet
