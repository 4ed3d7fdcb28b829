#pragma once
/// Stroke correspondence: which stroke of key A becomes which stroke of key B, from shape and
/// position (never from drawing order or stroke direction), with strokes that appear or vanish.
///
/// Each pair of strokes is lined up (direction, and for closed strokes the starting point; the
/// few best ways round are kept, for an outline's two ends may look alike) and fitted with a
/// similarity; a pair costs what the fit leaves relative to the strokes' size, the difference in
/// length and style, how far B's stroke lies from where A's stroke is expected, and how far the
/// pairing pulls apart the joints A's stroke has with the longer strokes it touches. An assignment
/// of least cost pairs them, with a price for leaving a stroke unpaired. Where a stroke is
/// expected, and which way round each pair goes, is refined over `refine_rounds` from how its
/// neighbours moved in the last pairing. Strokes with the same `data-pair` name are paired
/// whatever the costs say.

#include <vector>

#include "inbetween/stroke.h"
#include "vector/drawing.h"

namespace sakuga::inbetween {

/// How B's stroke lines up with A's: A's coarse point i goes with B's point index(i).
struct Alignment {
  bool reversed = false;
  int shift = 0;  ///< closed strokes: B's index of A's point 0
  Similarity fit;  ///< A's points to B's
  double rms = 0;  ///< px the fit leaves
  int index(int i, int n, bool closed) const {
    if (!closed) return reversed ? n - 1 - i : i;
    int k = reversed ? shift - i : shift + i;
    return ((k % n) + n) % n;
  }
};

/// The best alignment of b to a (both closed or both open; a closed and an open stroke are aligned
/// as open).
Alignment align(const Stroke& a, const Stroke& b);

struct MatchOptions {
  double unpaired_cost = 3.0;  ///< the price of a stroke that appears or vanishes
  int refine_rounds = 4;
};

struct Match {
  std::vector<int> b_of_a;  ///< per stroke of A, its stroke in B, or -1 (it vanishes)
  std::vector<int> a_of_b;  ///< per stroke of B, its stroke in A, or -1 (it appears)
  std::vector<Alignment> alignment;  ///< per stroke of A that is paired
  std::vector<double> cost;          ///< per stroke of A that is paired
};

Match match_strokes(const vector::Drawing& a, const std::vector<Stroke>& sa, const vector::Drawing& b,
                    const std::vector<Stroke>& sb, const MatchOptions& options = {});

}  // namespace sakuga::inbetween
