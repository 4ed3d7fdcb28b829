#pragma once
/// Small random edits of a valid file, for tests that readers never crash on damaged input.

#include <random>
#include <string>
#include <vector>

namespace sakuga::testing {

/// `text` with 1 to `max_edits` edits: a token inserted, a few bytes erased, the text cut off, or
/// a byte replaced by any other. Deterministic for a given `rng` state.
std::string mutate(std::string text, std::mt19937& rng, const std::vector<std::string>& tokens, int max_edits);

}  // namespace sakuga::testing
