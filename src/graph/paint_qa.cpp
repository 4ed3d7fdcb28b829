#include "graph/paint_qa.h"

#include <algorithm>

#include "paint/lineart.h"
#include "paint/qa.h"
#include "raster/png_io.h"
#include "vector/svg.h"

namespace sakuga::graph {

core::Result<PaintQaSummary> report_paint_qa(core::FileSystem& fs, const Plan& plan, const fs::path& root, bool all,
                                             const fs::path& qa_dir, core::DiagnosticSink& sink) {
  PaintQaSummary out;
  for (const auto& job : plan.paint_jobs) {
    if (!all && !job->done()) continue;
    const paint::PaintedDrawing& pd = job->painted();
    ++out.cels_checked;
    paint::report_diagnostics(pd.qa, job->source(), sink, /*marks_as_warnings=*/true);
    // The picture mirrors the drawing's path: out/qa/cuts/c002/A/1.png for cuts/c002/A/1.svg.
    fs::path file = qa_dir.empty() ? fs::path() : (qa_dir / job->source().path()).replace_extension(".png");
    if (pd.qa.failures() == 0) {
      if (!file.empty() && fs.exists(file)) SAKUGA_TRY(fs.remove(file));  // fixed since: no stale picture
      continue;
    }
    out.failing.push_back(job->source().path());
    if (qa_dir.empty()) continue;
    // The QA picture: fill again with the details kept (only for cels with problems).
    paint::FillOptions options;
    options.close_gaps_px = plan.close_gaps_px;
    options.keep_labels = true;
    paint::PreparedArt art = paint::prepare_vector(*pd.drawing, job->palette(), {});
    paint::FillResult filled = paint::fill(art.art, art.marks, options);
    auto cel = paint::to_rgba(filled.cel, job->palette(), "");
    auto overlay = paint::qa_overlay(cel.cview(), filled, pd.qa, art.marks);
    SAKUGA_ASSIGN_OR_RETURN(std::string png, raster::encode_png(overlay.cview(), {.compression = 6}));
    SAKUGA_TRY(fs.write_file(file, png));
    out.pictures.push_back(fs::relative(file, root).generic_string());
  }
  return out;
}

}  // namespace sakuga::graph
