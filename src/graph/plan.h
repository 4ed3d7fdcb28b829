#pragma once
/// Planning: a loaded project becomes the graph of keyed nodes. Planning reads files (to hash and
/// parse them) and never writes. Drawings that do not parse are reported here, with positions,
/// before anything is built.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "audio/mixer.h"
#include "graph/node.h"
#include "graph/store.h"
#include "core/diagnostics.h"
#include "media/encoder.h"
#include "paint/render.h"
#include "project/project.h"
#include "vector/drawing.h"

namespace sakuga::graph {

/// A drawing painted with the project's colour model. It is filled once, by whichever frame needs
/// it first (thread-safe), and kept for every frame after.
class PaintJob {
 public:
  PaintJob(std::shared_ptr<const vector::Drawing> drawing, std::shared_ptr<const core::SourceText> source,
           std::shared_ptr<const paint::Palette> palette, paint::FillOptions options);
  const paint::PaintedDrawing& painted() const;
  bool done() const { return done_.load(); }
  const core::SourceText& source() const { return *source_; }  ///< the drawing's file, for QA messages
  const paint::Palette& palette() const { return *palette_; }

 private:
  std::shared_ptr<const vector::Drawing> drawing_;
  std::shared_ptr<const core::SourceText> source_;
  std::shared_ptr<const paint::Palette> palette_;
  paint::FillOptions options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<paint::PaintedDrawing> painted_;
  mutable std::atomic<bool> done_{false};
};

/// A cel node: one drawing rasterized (or painted) through one transform into the frame's pixel grid.
struct CelPlan {
  core::Hash128 key;
  std::shared_ptr<const vector::Drawing> drawing;
  core::Affine to_pixels;
  std::shared_ptr<const PaintJob> paint;  ///< set when the drawing is painted with a colour model
  std::string variant;                    ///< the model's variant for this cut
};

/// A frame node.
struct FramePlan {
  core::Hash128 key;
  core::Affine background_to_frame;  ///< for a raster background
  std::vector<CelPlan> cels;         ///< bottom to top (a vector background comes first)
};

struct CutPlan {
  const project::Cut* cut = nullptr;
  std::optional<core::Hash128> raster_background;  ///< content key of a PNG background
  std::vector<FramePlan> frames;
  core::Hash128 segment_key;
  Inputs segment_inputs;  ///< what the segment is made of, by name, for --explain
  fs::path segment_path;
};

/// An in-between nobody drew, generated from the drawings around it: a build product written to
/// `out/inbetween/<cut>/<layer>/<name>.svg` (a standard SVG an artist can open, correct and save
/// under the cut's layer folder, where a drawn drawing always wins) and kept in the cache by key.
struct GeneratedPlan {
  NodeId id;             ///< inbetween c003/A/2
  core::Hash128 key;     ///< of the two drawings it is made from, t, and the in-betweener's version
  Inputs inputs;         ///< the same, by name
  fs::path product;      ///< absolute
  fs::path cached;       ///< in the store
  std::string svg;       ///< its text
  bool from_cache = false;  ///< read back from `cached` (else made now, and the cache is written)
};

/// Where a generated in-between's product goes: `<root>/out/inbetween/<cut>/<layer>/<name>.svg`.
fs::path inbetween_product(const fs::path& root, const NodeId& id);

struct Plan {
  media::VideoSettings video;
  std::vector<CutPlan> cuts;
  std::vector<audio::Cue> cues;
  int64_t total_samples = 0;
  core::Hash128 audio_key;
  Inputs audio_inputs;
  fs::path audio_path;           ///< the mastered mix, in the cache
  audio::Ducking ducking;
  audio::Mastering mastering;
  fs::path dialogue_stem, me_stem;  ///< out/<name>.dialogue.wav, out/<name>.me.wav
  fs::path loudness_report;         ///< out/<name>.loudness.json
  fs::path loudness_picture;        ///< out/<name>.loudness.png
  core::Hash128 deliverable_key;
  Inputs deliverable_inputs;
  std::string deliverable_id;  ///< "out/demo.mp4"
  fs::path deliverable_path;
  size_t drawing_count = 0;
  std::vector<std::shared_ptr<const PaintJob>> paint_jobs;  ///< every painted drawing, in plan order
  std::vector<GeneratedPlan> generated;  ///< in-betweens made for this build, in plan order
  int close_gaps_px = 6;

  /// Every artifact of the store this plan uses (for `sakuga gc` and the build records).
  std::vector<fs::path> artifacts() const;
};

/// The video settings every segment is encoded with. Encoder threads are fixed (not -j) so the
/// bitstream is identical whatever the job count.
media::VideoSettings default_video_settings(const project::Project& p);

std::optional<Plan> make_plan(const Store& store, const project::Project& p, core::DiagnosticSink& sink);

}  // namespace sakuga::graph
