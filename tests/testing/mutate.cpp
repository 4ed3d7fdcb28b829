#include "testing/mutate.h"

namespace sakuga::testing {

std::string mutate(std::string text, std::mt19937& rng, const std::vector<std::string>& tokens, int max_edits) {
  int edits = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_edits));
  for (int k = 0; k < edits && !text.empty(); ++k) {
    size_t at = rng() % text.size();
    switch (rng() % 4) {
      case 0: text.insert(at, tokens[rng() % tokens.size()]); break;
      case 1: text.erase(at, 1 + rng() % 8); break;
      case 2: text.resize(at); break;
      default: text[at] = static_cast<char>(rng() % 256); break;
    }
  }
  return text;
}

}  // namespace sakuga::testing
