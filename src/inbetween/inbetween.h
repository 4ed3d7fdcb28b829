#pragma once
/// In-between drawings from two keys.
///
/// Strokes are paired (match.h). Each pair moves as a rigid part plus what is left of its change
/// of shape: parts that touch in key A form a tree (the longest stroke at its root), and a part
/// turns about its joint with its parent while the parent carries it, so limbs swing on arcs as
/// forward kinematics would; a root turns about its centre while the centre travels straight. The
/// rest of the change (a part that bends) is added along the way, turning with the part. Widths
/// and colours blend. A stroke with no partner travels with the nearest paired stroke and is shown
/// in the half of the move nearer its own key. Paint marks of both keys travel with the stroke
/// nearest them, the nearer key's marks first.

#include <optional>
#include <string>
#include <vector>

#include "inbetween/match.h"
#include "inbetween/stroke.h"
#include "vector/drawing.h"

namespace sakuga::inbetween {

struct InbetweenOptions {
  MatchOptions match;
  double point_spacing_px = 3.0;  ///< of the polylines written for each in-between stroke
};

/// The most strokes a key may have for in-betweening (a problem() beyond).
inline constexpr size_t kMaxStrokes = 1000;

class Inbetweener {
 public:
  Inbetweener(const vector::Drawing& a, const vector::Drawing& b, const InbetweenOptions& options = {});

  /// The drawing a fraction t of the way from A (0) to B (1).
  vector::Drawing at(double t) const;

  const Match& match() const { return match_; }
  const std::vector<Stroke>& strokes_a() const { return sa_; }
  const std::vector<Stroke>& strokes_b() const { return sb_; }
  /// How many strokes were paired, and how many of A's and B's are unpaired.
  int paired() const;

  /// Why the keys cannot be in-betweened ("" when they can): nothing in them pairs up.
  std::string problem() const { return problem_; }

 private:
  struct Part {
    int a = -1, b = -1;            ///< strokes (b = -1: A's stroke alone; a = -1: B's alone)
    std::vector<Complex> pa, pb;   ///< dense points, pa[i] goes with pb[i]
    Similarity fit;                ///< A's points to B's
    int parent = -1;               ///< part index, or -1 for a root
    Complex pivot;                 ///< a root: its centre; a child: its joint with the parent
    Similarity rel;                ///< parent(1)^-1 after fit: how it moves relative to the parent
    bool rel_about_fixed_point = false;
    Complex rel_fixed;             ///< the relative move's fixed point, when it turns enough
  };
  Similarity transform_at(int part, double t) const;

  vector::Drawing a_, b_;
  InbetweenOptions options_;
  std::vector<Stroke> sa_, sb_;
  Match match_;
  std::vector<Part> parts_;
  std::vector<int> carrier_;  ///< per part: the part it travels with (itself when paired)
  std::vector<int> mark_part_;  ///< per mark of A
  std::vector<int> mark_part_b_;  ///< per mark of B
  std::string problem_;
};

}  // namespace sakuga::inbetween
