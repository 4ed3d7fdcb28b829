#pragma once
/// PuppetBench: a rigged 2D puppet for measuring in-betweening, after ALGORITHMS.md §6.1.
///
/// A skeleton of 14 bones (torso, head, arms, hands, legs, feet), each drawn as a closed outline
/// with detail lines bound to it (eyes, mouth, folds). Two keys are poses within the joint limits;
/// the true in-between at t is forward kinematics at the interpolated joint angles, root position
/// and root angle, so parts travel on arcs. Key B is scrambled as an artist would draw it: strokes
/// in another order, open strokes drawn the other way, closed ones started elsewhere. Every shape
/// carries its part's name in `id`, which only the scorer reads.

#include <random>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "vector/drawing.h"

namespace sakuga::puppet {

struct Pose {
  core::Vec2 root;           ///< the hip, in canvas pixels
  double root_angle = 0;     ///< radians
  std::vector<double> angles;  ///< per bone, relative to its parent (the root's is root_angle)
};

class Puppet {
 public:
  /// `details`: detail lines per limb (more make a denser drawing: 6 gives about 100 strokes).
  explicit Puppet(int details = 1);
  /// A pose within the joint limits: `reach` (0-1) of each joint's range around its rest angle,
  /// the hip moved up to `travel` px.
  Pose random_pose(std::mt19937& rng, double reach, double travel) const;
  /// The pose a fraction t from a to b: every angle and the hip interpolated.
  static Pose mix(const Pose& a, const Pose& b, double t);
  /// The puppet drawn in `pose` on a 1920x1080 canvas, shapes in rig order.
  vector::Drawing draw(const Pose& pose) const;
  size_t bone_count() const { return bones_.size(); }

 private:
  struct Detail {
    std::vector<core::Vec2> points;  ///< in the bone's frame: 1 + 3k cubic points
    bool closed = false;
    std::string name;
  };
  struct Bone {
    std::string name;
    int parent = -1;
    core::Vec2 attach;  ///< where it hangs, in the parent's frame
    double rest = 0, range = 0;  ///< the angle relative to the parent, and how far it may turn
    double length = 0, w0 = 0, w1 = 0;
    std::vector<Detail> details;
  };
  std::vector<Bone> bones_;
};

/// B as an artist would hand it in: shapes shuffled, open contours reversed, closed ones restarted
/// at another segment. `from[k]` gets the index in the original of the k-th shape written.
vector::Drawing scramble(const vector::Drawing& d, std::mt19937& rng, std::vector<int>* from);

/// Symmetric chamfer distance between two drawings' lines (2 px wide at the canvas size),
/// over line pixels: the mean of the two one-way means, and the larger one-way 95th percentile.
struct Chamfer {
  double mean = 0;
  double p95 = 0;
};
Chamfer chamfer(const vector::Drawing& got, const vector::Drawing& want);

}  // namespace sakuga::puppet
