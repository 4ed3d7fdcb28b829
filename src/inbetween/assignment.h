#pragma once
/// The assignment problem: the cheapest way to give each row its own column.

#include <vector>

namespace sakuga::inbetween {

/// For a rows x cols cost matrix (row-major, rows <= cols), the column of each row in an
/// assignment of least total cost (Hungarian method with potentials, O(rows^2 cols)).
std::vector<int> assign_min_cost(const std::vector<double>& cost, int rows, int cols);

}  // namespace sakuga::inbetween
