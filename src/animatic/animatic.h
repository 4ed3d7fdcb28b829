#pragma once
/// The animatic (e-konte reel): every cut as its storyboard panels or, until it has some, a card
/// with the scene heading, the action and the dialogue, timed to the voices, with the cut and the
/// timecode burned in.
///
///   cut c002, planned 5+00, two lines:      |--- card, no line lit ---|== MIO 1 ==|.|== MIO 2 ==|..tail..|
///   a voice longer than planned pushes the lines after it, and the cut, later; never earlier.

#include <string>
#include <vector>

#include "core/fs.h"
#include "core/image.h"
#include "core/result.h"

namespace sakuga::animatic {

/// Frames between one line's end and the next line's start when the voices push them together.
constexpr int64_t kBreathFrames = 4;
/// Frames a cut holds after its last line ends.
constexpr int64_t kTailFrames = 12;

struct Line {
  std::string speaker;
  std::string parenthetical;
  std::string text;
  int64_t start = 0;   ///< cut-relative frame
  int64_t frames = 0;  ///< how long it is heard
};

struct Timing {
  std::vector<int64_t> starts;  ///< per line, cut-relative
  int64_t frames = 0;           ///< the cut's length in the animatic
};

/// Settles a cut's timing: line i starts at `planned_starts[i]` or, if the line before is still
/// speaking, kBreathFrames after it ends; the cut lasts `planned_frames` or until kTailFrames after
/// its last line ends, whichever is later. Lines are in planned order.
Timing time_lines(int64_t planned_frames, const std::vector<int64_t>& planned_starts,
                  const std::vector<int64_t>& lengths);

struct Card {
  std::string cut_id;        ///< "c002"
  std::string scene_number;  ///< "2", or empty
  std::string heading;       ///< "EXT. HILLTOP - DUSK", or empty
  std::vector<std::string> action;
  std::vector<Line> lines;
};

/// The card with line `active` lit (-1 for none): opaque, premultiplied, width x height. The
/// text shrinks to fit when a scene is long.
core::Image<core::Rgba8> render_card(const Card& card, int active, int width, int height);

/// A storyboard panel fitted to the frame, with `subtitle` (if any) at the bottom.
core::Image<core::Rgba8> render_panel(core::ImageView<const core::Rgba8> panel, const Line* subtitle, int width,
                                      int height);

/// Reads a storyboard panel (PNG or SVG) as a premultiplied image; an SVG is rasterized to fit a
/// width x height frame.
core::Result<core::Image<core::Rgba8>> load_panel(core::FileSystem& fs, const core::fs::path& file, int width,
                                                  int height);

struct BurnIn {
  std::string left;   ///< "CUT c002  SC 2"
  std::string right;  ///< "00:00:12:05  2+04 / 5+00"
};

/// Burns a label bar into the top of a premultiplied frame.
void burn_in(core::ImageView<core::Rgba8> frame, const BurnIn& b);

}  // namespace sakuga::animatic
