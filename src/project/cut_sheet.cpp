// A cut's whole timesheet, put together for printing and export.
#include <cmath>

#include "project/project.h"

namespace sakuga::project {
namespace {

// The camera column read from the camera keys: FIX when the camera never moves, else one
// instruction per move, T.U./T.B. for a zoom in or out, PAN for a slide, both when it does both.
std::vector<timesheet::CameraSpan> camera_column(const Cut& cut) {
  std::vector<timesheet::CameraSpan> out;
  for (size_t i = 0; i + 1 < cut.camera.size(); ++i) {
    const composite::CameraKey& a = cut.camera[i];
    const composite::CameraKey& b = cut.camera[i + 1];
    bool zoom = std::fabs(b.zoom - a.zoom) > 1e-9;
    bool pan = std::fabs(b.x - a.x) > 1e-9 || std::fabs(b.y - a.y) > 1e-9;
    if (!zoom && !pan) continue;
    std::string text = zoom ? (b.zoom > a.zoom ? "T.U." : "T.B.") : "";
    if (pan) text += std::string(text.empty() ? "" : " ") + "PAN";
    out.push_back({text, {}, a.frame, b.frame - a.frame, 1, {}});
  }
  if (out.empty()) out.push_back({"FIX", {}, 0, std::max<int64_t>(cut.duration_frames, 1), 1, {}});
  return out;
}

}  // namespace

timesheet::Sheet cut_sheet(const Project& p, const Cut& cut) {
  timesheet::Sheet s;
  s.title = p.title;
  s.episode = p.episode;
  s.scene = cut.scene ? cut.scene->number : "";
  s.cut = cut.id;
  s.duration = cut.duration_frames;
  s.rate = p.rate;
  for (const Layer& l : cut.layers) {
    if (!l.column.cells.empty()) s.columns.push_back({l.name, l.column, l.on, {}});
  }
  s.charts = cut.charts;
  for (const DialogueLine& d : cut.dialogue) s.dialogue.push_back(d);
  s.camerawork = cut.camerawork.empty() ? camera_column(cut) : cut.camerawork;
  for (const SoundCue& c : cut.sounds) s.sounds.push_back({fs::path(c.display).stem().string(), c.frame, {}});
  timesheet::sort_entries(s);
  return s;
}

}  // namespace sakuga::project
