#pragma once
/// The printed timesheet, laid out as Japanese studios print theirs: B4 portrait pages of six
/// seconds (144 frames) in two bodies of three seconds side by side, a header with the title,
/// episode, scene, cut, length and page, the timing charts in the memo box, and per body the frame
/// count, the dialogue column, the cel columns and the camera column.
///
///     ┌ title ─────────┬ ep ┬ sc ┬ cut ┬ time ┬ page ┐
///     │ memo: timing charts                           │
///     ├ frame│台詞│ A │ B │ C │ D │カメラ ┬ frame│台詞│ ...
///     │   1  │MIO │ ① │ × │   │   │ PAN   │  73  │    │
///     │   2  │ ｜ │ │ │   │   │   │  ｜   │      │    │
///
/// In a cel column a number is written where a drawing is exposed (circled when a timing chart
/// names it a key), a vertical line while it holds, × where the column goes blank, ○ and ● for the
/// two marks; a thick rule every 6 frames and a double rule every second.

#include <string>

#include "core/image.h"
#include "core/result.h"
#include "text/canvas.h"
#include "timesheet/sheet.h"

namespace sakuga::timesheet {

inline constexpr int64_t kFramesPerPage = 144;
inline constexpr double kPageWidthMm = 257;   // JIS B4
inline constexpr double kPageHeightMm = 364;

/// Pages the sheet takes (at least one).
int page_count(const Sheet& sheet);

/// Draws page `page` (from 0) of `sheet` with its top-left corner at the canvas origin, in
/// millimetres (scale the canvas first).
void draw_sheet_page(text::Canvas& canvas, const Sheet& sheet, int page);

/// The sheet as a PDF document, one B4 page per six seconds. The same sheet gives the same bytes.
std::string sheet_pdf(const Sheet& sheet);

/// The sheet as a picture at `dpi`: pages side by side, four to a row, on opaque white paper. An
/// error when the picture would be too large (more than 32767 pixels a side).
core::Result<core::Image<core::Rgba8>> sheet_image(const Sheet& sheet, double dpi);

}  // namespace sakuga::timesheet
