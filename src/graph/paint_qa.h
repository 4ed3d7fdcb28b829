#pragma once
/// QA of the painted cels a build made: each problem a warning in the drawing's file (a mark
/// outside every region at the mark; unpainted regions and leaks naming the cel), and a QA picture
/// of each cel with problems in out/qa/. (A mark naming a style the model lacks stops the plan.)

#include <string>
#include <vector>

#include "graph/plan.h"
#include "core/diagnostics.h"
#include "core/fs.h"

namespace sakuga::graph {

struct PaintQaSummary {
  int cels_checked = 0;
  std::vector<std::string> failing;  ///< drawings with QA failures, project-relative
  std::vector<std::string> pictures;  ///< QA pictures written, project-relative
};

/// Reports the QA of every painted drawing (`all`) or of those the build painted (`!all`); writes
/// QA pictures under `qa_dir` when `qa_dir` is not empty.
core::Result<PaintQaSummary> report_paint_qa(core::FileSystem& fs, const Plan& plan, const fs::path& root, bool all,
                                             const fs::path& qa_dir, core::DiagnosticSink& sink);

}  // namespace sakuga::graph
