#pragma once
/// Watching a build: a bar on a terminal, one line per node otherwise, or NDJSON for tools
/// (`--progress=json`: one object a line per node event).
///
///   {"id":"segment c002","kind":"segment","state":"finished","done":3,"total":7,"elapsed":1.204}

#include <cstdio>
#include <memory>

#include "graph/scheduler.h"

namespace sakuga::graph {

std::unique_ptr<Observer> make_terminal_progress(std::FILE* out);  ///< redraws one line with \r
std::unique_ptr<Observer> make_plain_progress(std::FILE* out);     ///< a line as each node starts
std::unique_ptr<Observer> make_json_progress(std::FILE* out);      ///< NDJSON, every node event

}  // namespace sakuga::graph
