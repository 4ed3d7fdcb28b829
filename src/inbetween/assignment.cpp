#include "inbetween/assignment.h"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace sakuga::inbetween {

std::vector<int> assign_min_cost(const std::vector<double>& cost, int rows, int cols) {
  // Rows and columns count from 1 here; column 0 is the virtual start of each augmenting path.
  const double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> u(static_cast<std::size_t>(rows) + 1, 0), v(static_cast<std::size_t>(cols) + 1, 0);
  std::vector<int> row_of(static_cast<std::size_t>(cols) + 1, 0), way(static_cast<std::size_t>(cols) + 1, 0);
  std::vector<double> least(static_cast<std::size_t>(cols) + 1);
  std::vector<char> used(static_cast<std::size_t>(cols) + 1);
  for (int i = 1; i <= rows; ++i) {
    row_of[0] = i;
    int j0 = 0;
    std::fill(least.begin(), least.end(), kInf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[static_cast<std::size_t>(j0)] = 1;
      const int i0 = row_of[static_cast<std::size_t>(j0)];
      const double* c = cost.data() + static_cast<std::size_t>(i0 - 1) * cols;
      double delta = kInf;
      int j1 = 0;
      for (int j = 1; j <= cols; ++j) {
        if (used[static_cast<std::size_t>(j)]) continue;
        double reduced = c[j - 1] - u[static_cast<std::size_t>(i0)] - v[static_cast<std::size_t>(j)];
        if (reduced < least[static_cast<std::size_t>(j)]) {
          least[static_cast<std::size_t>(j)] = reduced;
          way[static_cast<std::size_t>(j)] = j0;
        }
        if (least[static_cast<std::size_t>(j)] < delta) {
          delta = least[static_cast<std::size_t>(j)];
          j1 = j;
        }
      }
      for (int j = 0; j <= cols; ++j) {
        if (used[static_cast<std::size_t>(j)]) {
          u[static_cast<std::size_t>(row_of[static_cast<std::size_t>(j)])] += delta;
          v[static_cast<std::size_t>(j)] -= delta;
        } else {
          least[static_cast<std::size_t>(j)] -= delta;
        }
      }
      j0 = j1;
    } while (row_of[static_cast<std::size_t>(j0)] != 0);
    do {  // flip the augmenting path
      int j1 = way[static_cast<std::size_t>(j0)];
      row_of[static_cast<std::size_t>(j0)] = row_of[static_cast<std::size_t>(j1)];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> col_of(static_cast<std::size_t>(rows), -1);
  for (int j = 1; j <= cols; ++j) {
    if (row_of[static_cast<std::size_t>(j)] > 0) col_of[static_cast<std::size_t>(row_of[static_cast<std::size_t>(j)] - 1)] = j - 1;
  }
  return col_of;
}

}  // namespace sakuga::inbetween
