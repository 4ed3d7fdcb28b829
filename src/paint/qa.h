#pragma once
/// Quality checks of a painted cel, as a checker at a studio does them: regions left unpainted, fills
/// that leaked, marks that name a style the colour model lacks or that land outside every region,
/// and lines or fills in colours the model does not have.

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/image.h"
#include "paint/fill.h"
#include "paint/lineart.h"

namespace sakuga::paint {

enum class QaKind { kUnpainted, kLeak, kUnknownStyle, kMarkOutside, kMarkOnLine, kMarkOffCanvas, kMarkConflict, kUnmatchedColor };

struct QaIssue {
  QaKind kind;
  bool failure = true;    ///< false for a note (a conflict between marks, an unmatched colour)
  std::string message;
  core::SourcePos pos;    ///< of the mark or shape in the drawing, when there is one
  core::RectI bounds;     ///< of the region, in cel pixels, when there is one
  int64_t area = 0;
  int x = 0, y = 0;       ///< a pixel of the region, or the mark's
};

struct QaReport {
  int64_t regions = 0;    ///< closed regions (the open area around the figure not counted)
  int64_t painted = 0;
  int64_t unpainted = 0;  ///< at least the reporting size
  std::vector<QaIssue> issues;
  int failures() const;
};

QaReport check_cel(const PreparedArt& art, const FillResult& result, const FillOptions& options);

/// Issues about marks (unknown styles, marks outside every region) as diagnostics in `drawing`'s
/// file at the mark, errors unless `marks_as_warnings`; the others as warnings naming the cel.
void report_diagnostics(const QaReport& report, const core::SourceText& drawing, core::DiagnosticSink& sink,
                        bool marks_as_warnings = false);

/// The report as JSON (see the README, "QA").
std::string qa_json(const QaReport& report, const std::string& drawing, int width, int height);

/// The cel for a checker's eye: the painted cel faded, unpainted regions in a loud magenta, leaks
/// hatched in red, each mark a dot (green painted, red a problem).
core::Image<core::Rgba8> qa_overlay(core::ImageView<const core::Rgba8> cel, const FillResult& result,
                                    const QaReport& report, const std::vector<FillMark>& marks);

}  // namespace sakuga::paint
