// PuppetBench in small, in `make test`: a few key pairs of the puppet, in-betweened, against the
// forward-kinematics truth. The whole report (40 pairs, gaps 1 to 5, both baselines) is
// `sakuga_puppetbench`; this keeps the targets from slipping unnoticed.
#include <gtest/gtest.h>

#include <random>

#include "inbetween/inbetween.h"
#include "puppet.h"

namespace sakuga::puppet {
namespace {

TEST(PuppetBench, InBetweensStayWithinAPixelOfTheTruthAndStrokesPairRight) {
  Puppet rig(1);
  std::mt19937 rng(2024);  // the report's seed: these are its first pairs
  int strokes = 0, right = 0;
  for (int pair = 0; pair < 4; ++pair) {
    Pose pa = rig.random_pose(rng, 0.5, 60), pb = rig.random_pose(rng, 0.5, 60);
    vector::Drawing a = rig.draw(pa);
    std::vector<int> from;
    vector::Drawing b = scramble(rig.draw(pb), rng, &from);
    inbetween::Inbetweener ib(a, b);
    ASSERT_EQ(ib.problem(), "");
    for (size_t i = 0; i < ib.strokes_a().size(); ++i) {
      int j = ib.match().b_of_a[i];
      ++strokes;
      if (j >= 0 && from[ib.strokes_b()[static_cast<size_t>(j)].shape] == static_cast<int>(ib.strokes_a()[i].shape)) {
        ++right;
      }
    }
    for (double t : {0.25, 0.5, 0.75}) {
      Chamfer ours = chamfer(ib.at(t), rig.draw(Puppet::mix(pa, pb, t)));
      EXPECT_LE(ours.mean, 1.0) << "pair " << pair << " t " << t;
      EXPECT_LE(ours.p95, 3.0) << "pair " << pair << " t " << t;
      // Holding the nearer key, the first baseline, is far off: the test can tell.
      Chamfer held = chamfer(t < 0.5 ? a : b, rig.draw(Puppet::mix(pa, pb, t)));
      EXPECT_GT(held.mean, 2.0 * ours.mean + 1.0);
    }
  }
  EXPECT_GE(right, strokes * 98 / 100) << right << " of " << strokes;
}

}  // namespace
}  // namespace sakuga::puppet
