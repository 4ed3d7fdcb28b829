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

namespace {

// Spans of one column may not overlap (a span without a length runs to the next one's start).
// Each is checked against the span of its column that reaches furthest so far.
template <typename Span, typename Describe>
std::vector<SheetProblem> overlaps(const std::vector<Span>& spans, core::Rational rate, Describe describe) {
  std::vector<SheetProblem> out;
  std::vector<const Span*> order;
  for (const Span& s : spans) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const Span* a, const Span* b) {
    return a->track != b->track ? a->track < b->track : a->frame < b->frame;
  });
  auto end_of = [](const Span& s) { return s.frame + std::max<int64_t>(s.length, 1); };
  const Span* reach = nullptr;
  for (const Span* cur : order) {
    if (!reach || reach->track != cur->track) {
      reach = cur;
      continue;
    }
    const Span& prev = *reach;
    bool overlap = cur->frame == prev.frame || (prev.length > 0 && cur->frame < prev.frame + prev.length);
    if (end_of(*cur) > end_of(prev)) reach = cur;
    if (!overlap) continue;
    std::string span = core::format_duration(prev.frame, rate) +
                       (prev.length > 0 ? " to " + core::format_duration(prev.frame + prev.length, rate) : "");
    out.push_back({cur->pos, describe(*cur, prev, span)});
  }
  return out;
}

}  // namespace

std::vector<SheetProblem> dialogue_overlaps(const Sheet& sheet) {
  return overlaps(sheet.dialogue, sheet.rate, [&](const DialogueSpan& cur, const DialogueSpan& prev, const std::string& span) {
    return "this line (from " + core::format_duration(cur.frame, sheet.rate) + ") overlaps " + prev.speaker +
           "'s line at " + span + " in dialogue column " + std::to_string(cur.track) +
           ": move one, shorten the other, or give one its own column (track = " + std::to_string(cur.track + 1) + ")";
  });
}

std::vector<SheetProblem> camera_overlaps(const Sheet& sheet) {
  return overlaps(sheet.camerawork, sheet.rate, [&](const CameraSpan& cur, const CameraSpan& prev, const std::string& span) {
    return "this instruction (from " + core::format_duration(cur.frame, sheet.rate) + ") overlaps " + prev.text +
           " at " + span + " in camera column " + std::to_string(cur.track) + ": give one its own column (track = " +
           std::to_string(cur.track + 1) + ")";
  });
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
