#include "paint/qa.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace sakuga::paint {
namespace {

std::string where(const Region& r) {
  return "at " + std::to_string(r.x) + "," + std::to_string(r.y) + " (" + std::to_string(r.bounds.width()) + "x" +
         std::to_string(r.bounds.height()) + ")";
}

const char* kind_name(QaKind k) {
  switch (k) {
    case QaKind::kUnpainted: return "unpainted";
    case QaKind::kLeak: return "leak";
    case QaKind::kUnknownStyle: return "unknown-style";
    case QaKind::kMarkOutside: return "mark-outside";
    case QaKind::kMarkOnLine: return "mark-on-line";
    case QaKind::kMarkOffCanvas: return "mark-off-canvas";
    case QaKind::kMarkConflict: return "mark-conflict";
    case QaKind::kUnmatchedColor: return "unmatched-color";
  }
  return "?";
}

}  // namespace

int QaReport::failures() const {
  return static_cast<int>(std::count_if(issues.begin(), issues.end(), [](const QaIssue& i) { return i.failure; }));
}

QaReport check_cel(const PreparedArt& art, const FillResult& result, const FillOptions& opt) {
  QaReport q;
  const int64_t canvas = static_cast<int64_t>(art.art.width) * art.art.height;
  for (const Region& r : result.regions) {
    if (r.outside) continue;
    ++q.regions;
    bool filled = r.fixed_pixels * 2 >= r.area;  // mostly under closed filled shapes
    if (r.paint != 0 || filled) ++q.painted;
    if (r.paint == 0 && !filled && r.area >= opt.min_unpainted_px) {
      if (opt.travelled_marks && r.area <= opt.sliver_px) {
        q.issues.push_back({QaKind::kUnpainted, false,
                            "unpainted sliver of " + std::to_string(r.area) + " px " + where(r) +
                                " left clear: it opened between moving parts, where no key's mark reaches",
                            {}, r.bounds, r.area, r.x, r.y});
        continue;
      }
      ++q.unpainted;
      q.issues.push_back({QaKind::kUnpainted, true, "unpainted region of " + std::to_string(r.area) + " px " + where(r),
                          {}, r.bounds, r.area, r.x, r.y});
    }
    if (r.paint != 0 && static_cast<double>(r.area) > opt.leak_share * static_cast<double>(canvas)) {
      q.issues.push_back({QaKind::kLeak, true,
                          "the fill spreads over " + std::to_string(100 * r.area / canvas) +
                              "% of the cel " + where(r) + ": a gap in its lines lets it leak",
                          {}, r.bounds, r.area, r.x, r.y});
    }
  }
  for (size_t i = 0; i < art.marks.size(); ++i) {
    const FillMark& m = art.marks[i];
    int mx = core::floor_px(m.at.x), my = core::floor_px(m.at.y);
    if (!art.unknown_styles[i].empty()) {
      q.issues.push_back({QaKind::kUnknownStyle, true, "paint mark names '" + m.name + "', a style the colour model lacks",
                          m.pos, {}, 0, mx, my});
    }
    int32_t reg = result.mark_region[i];
    const Region* r = reg >= 0 ? &result.regions[static_cast<size_t>(reg)] : nullptr;
    if (opt.travelled_marks) continue;
    switch (result.marks[i]) {
      case MarkOutcome::kOutside:
        q.issues.push_back({QaKind::kMarkOutside, true,
                            "paint mark '" + m.name + "' is outside every closed region (a gap wider than " +
                                std::to_string(opt.close_gaps_px) + " px opens its region to the outside?)",
                            m.pos, r->bounds, r->area, mx, my});
        break;
      case MarkOutcome::kOnLine:
        q.issues.push_back({QaKind::kMarkOnLine, true, "paint mark '" + m.name + "' sits on a line, in no region", m.pos,
                            {}, 0, mx, my});
        break;
      case MarkOutcome::kOffCanvas:
        q.issues.push_back({QaKind::kMarkOffCanvas, true, "paint mark '" + m.name + "' is off the drawing", m.pos, {}, 0,
                            mx, my});
        break;
      case MarkOutcome::kConflict:
        q.issues.push_back({QaKind::kMarkConflict, false,
                            "paint mark '" + m.name + "' is in a region an earlier mark paints another style; the first wins",
                            m.pos, r->bounds, r->area, mx, my});
        break;
      default:
        break;
    }
  }
  for (const UnmatchedColor& u : art.unmatched) {
    q.issues.push_back({QaKind::kUnmatchedColor, false,
                        std::string(u.fill ? "fill" : "line") + " colour " + format_color(u.color) +
                            " is not in the colour model; it is kept as it is",
                        {u.source_line, 1}, {}, 0, 0, 0});
  }
  return q;
}

void report_diagnostics(const QaReport& report, const core::SourceText& drawing, core::DiagnosticSink& sink,
                        bool marks_as_warnings) {
  for (const QaIssue& i : report.issues) {
    bool about_mark = i.kind == QaKind::kUnknownStyle || i.kind == QaKind::kMarkOutside || i.kind == QaKind::kMarkOnLine ||
                      i.kind == QaKind::kMarkOffCanvas || i.kind == QaKind::kMarkConflict;
    if (about_mark && i.kind != QaKind::kMarkConflict && !marks_as_warnings) sink.error(drawing, i.pos, i.message);
    else if (i.pos.line > 0) sink.warning(drawing, i.pos, i.message);
    else sink.report({core::Severity::kWarning, drawing.path(), {}, "QA: " + i.message, {}});
  }
}

std::string qa_json(const QaReport& report, const std::string& drawing, int width, int height) {
  nlohmann::ordered_json j;
  j["drawing"] = drawing;
  j["width"] = width;
  j["height"] = height;
  j["ok"] = report.failures() == 0;
  j["regions"] = report.regions;
  j["painted"] = report.painted;
  j["unpainted"] = report.unpainted;
  j["issues"] = nlohmann::ordered_json::array();
  for (const QaIssue& i : report.issues) {
    nlohmann::ordered_json e;
    e["kind"] = kind_name(i.kind);
    e["failure"] = i.failure;
    e["message"] = i.message;
    if (i.pos.line > 0) e["line"] = i.pos.line, e["column"] = i.pos.col;
    if (!i.bounds.empty()) {
      e["bounds"] = {i.bounds.x0, i.bounds.y0, i.bounds.x1, i.bounds.y1};
      e["area"] = i.area;
    }
    e["at"] = {i.x, i.y};
    j["issues"].push_back(e);
  }
  return j.dump(2) + "\n";
}

core::Image<core::Rgba8> qa_overlay(core::ImageView<const core::Rgba8> cel, const FillResult& result,
                                    const QaReport& report, const std::vector<FillMark>& marks) {
  const int w = cel.width(), h = cel.height();
  core::Image<core::Rgba8> out(w, h);
  // Which regions to flag.
  std::vector<uint8_t> flag(result.regions.size(), 0);  // 1 unpainted, 2 leak
  for (size_t r = 0; r < result.regions.size(); ++r) {
    const Region& g = result.regions[r];
    if (g.outside) continue;
    for (const QaIssue& i : report.issues) {
      if ((i.kind == QaKind::kUnpainted || i.kind == QaKind::kLeak) && i.x == g.x && i.y == g.y) {
        flag[r] = i.kind == QaKind::kUnpainted ? 1 : 2;
      }
    }
  }
  for (int y = 0; y < h; ++y) {
    const core::Rgba8* in = cel.row(y);
    core::Rgba8* o = out.row(y);
    for (int x = 0; x < w; ++x) {
      // The cel faded onto a light grey checker so transparency shows.
      int check = ((x / 16 + y / 16) % 2) ? 236 : 246;
      core::Rgba8 c = in[x];
      auto over = [&](int v, int a) { return (v * a + check * (255 - a)) / 255; };
      int r = over(c.r, c.a), g = over(c.g, c.a), b = over(c.b, c.a);
      r = (r + 2 * check) / 3, g = (g + 2 * check) / 3, b = (b + 2 * check) / 3;
      int32_t reg = result.labels[static_cast<size_t>(y) * w + x];
      uint8_t f = reg >= 0 ? flag[static_cast<size_t>(reg)] : 0;
      if (f == 1) r = 255, g = 0, b = 220;  // unpainted: loud magenta
      if (f == 2 && ((x + y) / 6) % 2 == 0) r = 230, g = 20, b = 20;  // leak: red hatching
      o[x] = {static_cast<uint8_t>(r), static_cast<uint8_t>(g), static_cast<uint8_t>(b), 255};
    }
  }
  for (size_t i = 0; i < marks.size(); ++i) {
    bool good = result.marks[i] == MarkOutcome::kPainted || result.marks[i] == MarkOutcome::kSame;
    core::Rgba8 dot = good ? core::Rgba8{20, 160, 60, 255} : core::Rgba8{220, 20, 20, 255};
    int cx = core::floor_px(marks[i].at.x), cy = core::floor_px(marks[i].at.y);
    int rad = std::max(3, w / 320);
    for (int dy = -rad; dy <= rad; ++dy) {
      for (int dx = -rad; dx <= rad; ++dx) {
        int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= w || y >= h || dx * dx + dy * dy > rad * rad) continue;
        out.at(x, y) = dx * dx + dy * dy > (rad - 1) * (rad - 1) ? core::Rgba8{255, 255, 255, 255} : dot;
      }
    }
  }
  return out;
}

}  // namespace sakuga::paint
