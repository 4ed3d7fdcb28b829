#include "timesheet/print.h"

#include <algorithm>
#include <cmath>

namespace sakuga::timesheet {
namespace {

using core::Rgba8;

constexpr double kMargin = 8;
constexpr double kHeaderTop = kMargin;
constexpr double kBoxHeight = 16;
constexpr double kMemoHeight = 24;
constexpr double kBodyTop = kHeaderTop + kBoxHeight + kMemoHeight + 4;
constexpr double kColumnHeadHeight = 7;
constexpr double kBodyBottom = kPageHeightMm - kMargin;
constexpr int kRowsPerBody = 72;
constexpr double kBodyGap = 3;

const Rgba8 kInk{24, 22, 28, 255};
const Rgba8 kRule{150, 150, 160, 255};
const Rgba8 kFaint{205, 205, 212, 255};
const Rgba8 kLabel{110, 108, 118, 255};
const Rgba8 kPaper{255, 255, 255, 255};
const Rgba8 kShade{236, 236, 240, 255};
const Rgba8 kAccent{180, 40, 40, 255};

text::Style style(double size, bool bold = false, Rgba8 color = kInk, text::Align align = text::Align::kLeft) {
  text::Style s;
  s.size_px = size;
  s.bold = bold;
  s.color = color;
  s.align = align;
  s.tabular = true;
  return s;
}

// What one body of the page holds, in millimetres.
struct Layout {
  double x0 = 0, width = 0;
  double row = 0;  // row height
  double rows_top = 0;
  double frame_w = 8, dialogue_w = 13, cel_w = 10, se_w = 0, camera_w = 16;
  int dialogue_tracks = 1, camera_tracks = 1, cel_columns = 4;

  double frame_x() const { return x0; }
  double dialogue_x(int t) const { return x0 + frame_w + (t - 1) * dialogue_w; }
  double cel_x(int i) const { return x0 + frame_w + dialogue_tracks * dialogue_w + i * cel_w; }
  double se_x() const { return cel_x(cel_columns); }
  double camera_x(int t) const { return se_x() + se_w + (t - 1) * camera_w; }
  double y(int64_t row_in_body) const { return rows_top + static_cast<double>(row_in_body) * row; }
};

Layout layout_for(const Sheet& s, int body) {
  Layout l;
  l.width = (kPageWidthMm - 2 * kMargin - kBodyGap) / 2;
  l.x0 = kMargin + body * (l.width + kBodyGap);
  l.rows_top = kBodyTop + kColumnHeadHeight;
  l.row = (kBodyBottom - l.rows_top) / kRowsPerBody;
  l.dialogue_tracks = s.dialogue_tracks();
  l.camera_tracks = s.camera_tracks();
  l.cel_columns = std::max<int>(4, static_cast<int>(s.columns.size()));
  l.se_w = s.sounds.empty() ? 0 : 11;
  double left = l.width - l.frame_w - l.dialogue_tracks * l.dialogue_w - l.se_w - l.camera_tracks * l.camera_w;
  l.cel_w = std::clamp(left / l.cel_columns, 5.0, 11.0);
  // Whatever is left over widens the camera column, so the body keeps its width.
  l.camera_w += std::max(0.0, left - l.cel_w * l.cel_columns) / l.camera_tracks;
  return l;
}

void box(text::Canvas& c, double x, double y, double w, double h, const char* label, const std::string& value,
         double value_size) {
  c.stroke_rect({x, y, x + w, y + h}, kInk, 0.35);
  c.draw_text(label, style(2.2, false, kLabel), x + 1.2, y + 0.8, w - 2.4);
  if (!value.empty()) {
    double th = c.measure(value, style(value_size, true, kInk, text::Align::kCenter), w - 2);
    c.draw_text(value, style(value_size, true, kInk, text::Align::kCenter), x + 1, y + 3.2 + (h - 3.2 - th) / 2, w - 2);
  }
}

// A classic timing chart: a vertical bar, keys as long ticks with circled numbers, in-betweens as
// short ticks where they sit between their keys.
double draw_chart(text::Canvas& c, const TimingChart& chart, double x, double top, double height) {
  c.draw_text(chart.layer, style(2.6, true, kInk, text::Align::kCenter), x - 4, top, 8);
  double y0 = top + 4, y1 = top + height;
  c.line(x, y0, x, y1, kInk, 0.3);
  // Gaps between consecutive keys share the bar equally.
  std::vector<size_t> keys;
  for (size_t i = 0; i < chart.entries.size(); ++i) {
    if (chart.entries[i].key) keys.push_back(i);
  }
  double gap_h = (y1 - y0) / static_cast<double>(keys.size() - 1);
  for (size_t g = 0; g + 1 < keys.size(); ++g) {
    double gy = y0 + g * gap_h;
    int n = static_cast<int>(keys[g + 1] - keys[g] - 1);
    Spacing sp = chart.gap_spacing(chart.entries[keys[g]].drawing, chart.entries[keys[g + 1]].drawing);
    for (int k = 1; k <= n; ++k) {
      double ty = gy + sp.fraction(k, n) * gap_h;
      c.line(x - 2, ty, x, ty, kInk, 0.25);
      c.draw_text(chart.entries[keys[g] + static_cast<size_t>(k)].drawing, style(2.0, false, kInk, text::Align::kRight),
                  x - 9.5, ty - 1.3, 7);
    }
  }
  for (size_t g = 0; g < keys.size(); ++g) {
    double ky = y0 + g * gap_h;
    c.line(x - 2.5, ky, x + 2.5, ky, kInk, 0.35);
    c.circle(x + 5, ky, 1.8, kInk, 0.25);
    c.draw_text(chart.entries[keys[g]].drawing, style(2.0, true, kInk, text::Align::kCenter), x + 3.2, ky - 1.35, 3.6);
  }
  return 26;
}

void draw_header(text::Canvas& c, const Sheet& s, int page, int pages) {
  double x = kMargin, y = kHeaderTop;
  double total = kPageWidthMm - 2 * kMargin;
  double w_title = total * 0.35, w_small = total * 0.1, w_cut = total * 0.15, w_time = total * 0.15;
  double w_page = total - w_title - 2 * w_small - w_cut - w_time;
  box(c, x, y, w_title, kBoxHeight, "作品 TITLE", s.title, 4.2);
  x += w_title;
  box(c, x, y, w_small, kBoxHeight, "話数 EP", s.episode, 4.6);
  x += w_small;
  box(c, x, y, w_small, kBoxHeight, "シーン SC", s.scene, 4.6);
  x += w_small;
  box(c, x, y, w_cut, kBoxHeight, "カット CUT", s.cut, 5.6);
  x += w_cut;
  box(c, x, y, w_time, kBoxHeight, "秒数 TIME", core::format_duration(s.duration, s.rate), 5.6);
  x += w_time;
  box(c, x, y, w_page, kBoxHeight, "枚目 SHEET", std::to_string(page + 1) + " / " + std::to_string(pages), 4.6);

  double my = y + kBoxHeight;
  c.stroke_rect({kMargin, my, kMargin + total, my + kMemoHeight}, kInk, 0.35);
  c.draw_text("メモ MEMO  ·  タイミング TIMING", style(2.2, false, kLabel), kMargin + 1.2, my + 0.8, 80);
  double cx = kMargin + 14;
  for (const TimingChart& chart : s.charts) {
    if (cx > kMargin + total - 70) break;
    cx += draw_chart(c, chart, cx, my + 3.5, kMemoHeight - 5.5);
  }
  // A legend of the marks, as a reminder to whoever picks the sheet up.
  double lx = kMargin + total - 62, ly = my + 4;
  text::Style ls = style(2.2, false, kLabel);
  c.circle(lx + 1.5, ly + 1.2, 1.4, kInk, 0.22);
  c.draw_text("1", style(1.9, true, kInk, text::Align::kCenter), lx, ly - 0.1, 3);
  c.draw_text("key drawing 原画", ls, lx + 4, ly, 50);
  c.line(lx + 1.5, ly + 4.2, lx + 1.5, ly + 7.2, kInk, 0.3);
  c.draw_text("hold 中", ls, lx + 4, ly + 4.2, 50);
  c.draw_text("×", style(2.6, true, kInk, text::Align::kCenter), lx, ly + 7.9, 3);
  c.draw_text("blank 空セル", ls, lx + 4, ly + 8.4, 50);
  c.circle(lx + 1.5, ly + 13.8, 0.9, kInk, 0.22);
  c.fill_circle(lx + 30, ly + 13.8, 0.9, kInk);
  c.draw_text("mark 1 (tick)", ls, lx + 4, ly + 12.6, 25);
  c.draw_text("mark 2 (tick)", ls, lx + 32.5, ly + 12.6, 25);
}

void column_head(text::Canvas& c, double x, double w, const std::string& label, const Layout& l) {
  c.draw_text(label, style(label.size() > 4 ? 2.1 : 2.6, true, kInk, text::Align::kCenter), x, kBodyTop + 2, w);
  (void)l;
}

void draw_grid(text::Canvas& c, const Sheet& s, const Layout& l, int64_t first, int64_t end) {
  double x1 = l.x0 + l.width;
  // Frames past the end of the cut are shaded.
  if (end - first < kRowsPerBody) {
    int64_t from = std::max<int64_t>(end - first, 0);
    c.fill_rect({l.x0, l.y(from), x1, l.y(kRowsPerBody)}, kShade);
  }
  for (int r = 0; r <= kRowsPerBody; ++r) {
    int64_t f = first + r;
    double w = f % 24 == 0 ? 0.55 : f % 6 == 0 ? 0.3 : 0.1;
    Rgba8 col = f % 6 == 0 ? kInk : kFaint;
    c.line(l.x0, l.y(r), x1, l.y(r), col, w);
    if (f % 24 == 0 && r > 0 && r < kRowsPerBody) c.line(l.x0, l.y(r) + 0.5, x1, l.y(r) + 0.5, kInk, 0.15);
  }
  // The end of the cut: a heavy rule across every column.
  if (end > first && end < first + kRowsPerBody) c.line(l.x0, l.y(end - first), x1, l.y(end - first), kAccent, 0.8);
  std::vector<double> xs = {l.x0};
  for (int t = 1; t <= l.dialogue_tracks; ++t) xs.push_back(l.dialogue_x(t));
  for (int i = 0; i <= l.cel_columns; ++i) xs.push_back(l.cel_x(i));
  if (l.se_w > 0) xs.push_back(l.se_x() + l.se_w);
  for (int t = 1; t <= l.camera_tracks; ++t) xs.push_back(l.camera_x(t));
  xs.push_back(x1);
  for (double x : xs) c.line(x, kBodyTop, x, l.y(kRowsPerBody), kRule, 0.2);
  c.stroke_rect({l.x0, kBodyTop, x1, l.y(kRowsPerBody)}, kInk, 0.5);
  c.line(l.x0, l.rows_top, x1, l.rows_top, kInk, 0.35);
  c.line(l.cel_x(0), kBodyTop, l.cel_x(0), l.y(kRowsPerBody), kInk, 0.35);
  c.line(l.cel_x(l.cel_columns), kBodyTop, l.cel_x(l.cel_columns), l.y(kRowsPerBody), kInk, 0.35);

  column_head(c, l.frame_x(), l.frame_w, "コマ", l);
  for (int t = 1; t <= l.dialogue_tracks; ++t) column_head(c, l.dialogue_x(t), l.dialogue_w, t == 1 ? "台詞" : "台詞" + std::to_string(t), l);
  for (int i = 0; i < l.cel_columns; ++i) {
    column_head(c, l.cel_x(i), l.cel_w, i < static_cast<int>(s.columns.size()) ? s.columns[static_cast<size_t>(i)].name : "", l);
  }
  if (l.se_w > 0) column_head(c, l.se_x(), l.se_w, "SE", l);
  for (int t = 1; t <= l.camera_tracks; ++t) column_head(c, l.camera_x(t), l.camera_w, t == 1 ? "カメラ" : "カメラ" + std::to_string(t), l);
  for (int r = 0; r < kRowsPerBody; ++r) {
    int64_t f = first + r;
    bool six = (f + 1) % 6 == 0;
    c.draw_text(std::to_string(f + 1), style(six ? 2.3 : 1.9, six, six ? kInk : kLabel, text::Align::kRight),
                l.x0, l.y(r) + (l.row - (six ? 2.9 : 2.4)) / 2, l.frame_w - 1.2);
  }
}

void draw_cel_column(text::Canvas& c, const Sheet& s, const CelColumn& col, double x, double w, const Layout& l,
                     int64_t first, int64_t end) {
  double cx = x + w / 2;
  double size = std::min(2.9, l.row * 0.7);
  const std::vector<Cell>& cells = col.column.cells;
  for (size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    int64_t a = cell.start_frame;
    // The last cell holds to the end of the cut.
    int64_t b = i + 1 < cells.size() ? cells[i + 1].start_frame : std::max(end, cell.start_frame + cell.frames);
    b = std::min(b, end);
    if (b <= first || a >= first + kRowsPerBody || a >= end) continue;
    int64_t ra = a - first, rb = std::min<int64_t>(b - first, kRowsPerBody);
    bool shown_here = ra >= 0;
    // A held cell (a mark) continues the cell above it: its line runs on, the mark sits beside.
    bool new_exposure = !cell.held;
    double line_from = l.y(std::max<int64_t>(ra, 0));
    if (shown_here && new_exposure) {
      double ty = l.y(ra) + (l.row - size * 1.25) / 2;
      if (cell.drawing) {
        bool key = s.is_key(col.name, *cell.drawing);
        c.draw_text(*cell.drawing, style(size, true, kInk, text::Align::kCenter), x, ty, w);
        if (key) c.circle(cx, l.y(ra) + l.row / 2, std::min(w, l.row) * 0.48, kInk, 0.25);
      } else {
        c.draw_text("×", style(size * 1.1, true, kInk, text::Align::kCenter), x, ty - 0.2, w);
      }
      line_from = l.y(ra + 1);
    }
    if (shown_here && cell.mark != Mark::kNone) {
      double my = l.y(ra) + l.row / 2, mx = x + w - 1.5;
      if (cell.mark == Mark::kTick1) c.circle(mx, my, 0.8, kInk, 0.22);
      else c.fill_circle(mx, my, 0.8, kInk);
    }
    // A hold line runs on unbroken into a marked frame that continues it.
    bool continues = i + 1 < cells.size() && cells[i + 1].held && b < end;
    double top = new_exposure && shown_here ? line_from + 0.4 : line_from;
    double bottom = continues ? l.y(rb) : l.y(rb) - 0.4;
    if (cell.drawing && bottom - top > 0.1) c.line(cx, top, cx, bottom, kInk, 0.3);
  }
}

// Dialogue and camera spans: the text where the span starts, then a line down to where it ends.
template <typename Span>
void draw_spans(text::Canvas& c, const std::vector<Span>& spans, int track, double x, double w, const Layout& l,
                int64_t first, bool dialogue) {
  for (const Span& sp : spans) {
    if (sp.track != track) continue;
    int64_t len = sp.length > 0 ? sp.length : 1;
    int64_t a = sp.frame - first, b = sp.frame + len - first;
    if (b <= 0 || a >= kRowsPerBody) continue;
    int64_t rb = std::min<int64_t>(b, kRowsPerBody);
    double bracket_x = x + 1.2;
    c.line(bracket_x, l.y(std::max<int64_t>(a, 0)) + 0.3, bracket_x, l.y(rb) - 0.3, dialogue ? kInk : kAccent, 0.3);
    if (a >= 0) c.line(bracket_x, l.y(a) + 0.3, bracket_x + 1.5, l.y(a) + 0.3, dialogue ? kInk : kAccent, 0.3);
    if (b <= kRowsPerBody) {
      c.line(bracket_x, l.y(rb) - 0.3, bracket_x + 1.5, l.y(rb) - 0.3, dialogue ? kInk : kAccent, 0.3);
    }
    if (a < 0) continue;  // started on an earlier body: its words are there
    if constexpr (std::is_same_v<Span, DialogueSpan>) {
      double top = l.y(a);
      if (!sp.speaker.empty()) {
        c.draw_text(sp.speaker, style(2.1, true, kInk, text::Align::kCenter), x + 1.5, top + 0.5, w - 2);
        top += l.row;
      }
      double length = l.y(rb) - top - 0.5;
      if (length > 2) {
        std::string words = sp.text;
        std::replace(words.begin(), words.end(), '\n', ' ');
        double size = 2.6;
        // Smaller type when the line is long for the frames it has.
        text::Style st = style(size);
        double need = c.measure_width(words, st);
        double columns = std::max(1.0, std::floor((w - 3) / (size * 1.25)));
        if (need > length * columns) size = std::max(1.4, size * std::sqrt(length * columns / need));
        c.draw_text_vertical(words, style(size), x + w - 0.8, top + 0.3, length);
      }
    } else {
      std::string words = sp.text;
      for (const std::string& p : sp.params) words += " " + p;
      c.draw_text(words, style(2.3, true, kAccent), x + 2.8, l.y(a) + 0.5, w - 3.2);
    }
  }
}

void draw_body(text::Canvas& c, const Sheet& s, int page, int body) {
  Layout l = layout_for(s, body);
  int64_t first = page * kFramesPerPage + body * kRowsPerBody;
  int64_t end = s.duration;
  draw_grid(c, s, l, first, end);
  for (size_t i = 0; i < s.columns.size() && static_cast<int>(i) < l.cel_columns; ++i) {
    draw_cel_column(c, s, s.columns[i], l.cel_x(static_cast<int>(i)), l.cel_w, l, first, end);
  }
  for (int t = 1; t <= l.dialogue_tracks; ++t) draw_spans(c, s.dialogue, t, l.dialogue_x(t), l.dialogue_w, l, first, true);
  for (int t = 1; t <= l.camera_tracks; ++t) draw_spans(c, s.camerawork, t, l.camera_x(t), l.camera_w, l, first, false);
  if (l.se_w > 0) {
    for (const SoundMark& m : s.sounds) {
      int64_t r = m.frame - first;
      if (r < 0 || r >= kRowsPerBody) continue;
      c.fill_circle(l.se_x() + 1.3, l.y(r) + l.row / 2, 0.5, kInk);
      c.draw_text(m.name, style(1.9), l.se_x() + 2.2, l.y(r) + (l.row - 2.4) / 2, l.se_w - 2.4);
    }
  }
}

}  // namespace

int page_count(const Sheet& sheet) {
  return static_cast<int>(std::max<int64_t>(1, (sheet.duration + kFramesPerPage - 1) / kFramesPerPage));
}

void draw_sheet_page(text::Canvas& c, const Sheet& s, int page) {
  c.fill_rect({0, 0, kPageWidthMm, kPageHeightMm}, kPaper);
  draw_header(c, s, page, page_count(s));
  draw_body(c, s, page, 0);
  draw_body(c, s, page, 1);
}

std::string sheet_pdf(const Sheet& s) {
  constexpr double kPointsPerMm = 72.0 / 25.4;
  auto c = text::Canvas::pdf(kPageWidthMm * kPointsPerMm, kPageHeightMm * kPointsPerMm);
  c->scale(kPointsPerMm);
  for (int p = 0; p < page_count(s); ++p) {
    if (p > 0) c->next_page();
    draw_sheet_page(*c, s, p);
  }
  return c->finish();
}

core::Result<core::Image<core::Rgba8>> sheet_image(const Sheet& s, double dpi) {
  constexpr int kPagesPerRow = 4;
  constexpr int64_t kMaxSide = 32767;  // cairo's limit for an image surface
  double px_per_mm = dpi / 25.4;
  int pages = page_count(s);
  int64_t page_w = static_cast<int64_t>(std::ceil(kPageWidthMm * px_per_mm));
  int64_t page_h = static_cast<int64_t>(std::ceil(kPageHeightMm * px_per_mm));
  int64_t cols = std::min(pages, kPagesPerRow), rows = (pages + kPagesPerRow - 1) / kPagesPerRow;
  if (page_w * cols > kMaxSide || page_h * rows > kMaxSide) {
    return core::error(core::ErrorCode::kInvalidInput,
                       std::to_string(pages) + " pages at " + std::to_string(static_cast<int>(dpi)) +
                           " dpi do not fit in one picture (" + std::to_string(page_w * cols) + "x" +
                           std::to_string(page_h * rows) + " pixels); render a PDF, or a lower --dpi");
  }
  text::Canvas c(static_cast<int>(page_w * cols), static_cast<int>(page_h * rows));
  if (!c.ok()) return core::error(core::ErrorCode::kInternal, "cannot make a picture of the sheet");
  c.clear(kPaper);
  for (int p = 0; p < pages; ++p) {
    c.save();
    c.translate(static_cast<double>((p % kPagesPerRow) * page_w), static_cast<double>((p / kPagesPerRow) * page_h));
    c.scale(px_per_mm);
    draw_sheet_page(c, s, p);
    c.restore();
  }
  return c.image();
}

}  // namespace sakuga::timesheet
