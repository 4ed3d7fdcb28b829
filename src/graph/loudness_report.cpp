#include "graph/loudness_report.h"

#include "audio/loudness.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sakuga::graph {
namespace {

double round2(double v) { return std::round(v * 100) / 100; }

std::string clock(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
  return buf;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string loudness_json(const audio::MixStats& s, const audio::Mastering& target) {
  nlohmann::ordered_json j;
  j["standard"] = target.target_lufs == -24 ? "ARIB TR-B32" : target.target_lufs == -23 ? "EBU R128" : "custom";
  j["target_lufs"] = target.target_lufs;
  j["true_peak_ceiling_dbtp"] = target.ceiling_dbtp;
  j["integrated_lufs"] = round2(s.integrated_lufs);
  j["loudness_range_lu"] = round2(s.range_lu);
  j["true_peak_dbtp"] = round2(s.true_peak_dbtp);
  j["premix_integrated_lufs"] = round2(s.premix_lufs);
  j["gain_db"] = round2(s.gain_db);
  j["limiter_max_reduction_db"] = round2(s.limiter_db);
  j["duration_s"] = round2(static_cast<double>(s.samples) / audio::kMixRate);
  j["ok"] = std::abs(s.integrated_lufs - target.target_lufs) <= 0.5 && s.true_peak_dbtp <= target.ceiling_dbtp;
  return j.dump(2) + "\n";
}

core::Result<std::string> loudness_picture(const audio::MixStats& s, const audio::Mastering& target, int width,
                                           int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  const double left = 70, right = width - 20.0, top = 40, mid = height * 0.42, bottom = height - 40.0;
  const double seconds = std::max(0.1, static_cast<double>(s.samples) / audio::kMixRate);
  auto x_of = [&](double t) { return left + (right - left) * t / seconds; };
  cairo_set_source_rgb(cr, 0.09, 0.09, 0.11);
  cairo_paint(cr);
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 13);
  auto text = [&](double x, double y, const std::string& t, double r, double g, double b) {
    cairo_set_source_rgb(cr, r, g, b);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, t.c_str());
  };
  char title[256];
  std::snprintf(title, sizeof title,
                "integrated %.1f LUFS (target %.0f)   range %.1f LU   true peak %.1f dBTP (ceiling %.0f)   gain %+.1f dB   "
                "limiter %.1f dB",
                s.integrated_lufs, target.target_lufs, s.range_lu, s.true_peak_dbtp, target.ceiling_dbtp, s.gain_db,
                s.limiter_db);
  text(left, 24, title, 0.92, 0.92, 0.92);

  // The waveform: peak per 0.1 s, mirrored, with the ceiling marked.
  const double wave_mid = (top + mid) / 2, wave_half = (mid - top) / 2 - 4;
  cairo_set_source_rgb(cr, 0.32, 0.62, 0.86);
  const size_t n = s.envelope.size();
  for (size_t i = 0; i < n; ++i) {
    double x0 = x_of(static_cast<double>(i) * 0.1), x1 = x_of(static_cast<double>(i + 1) * 0.1);
    double h = std::min(1.0f, s.envelope[i]) * wave_half;
    cairo_rectangle(cr, x0, wave_mid - h, std::max(1.0, x1 - x0), 2 * h);
  }
  cairo_fill(cr);
  const double ceiling = std::pow(10.0, target.ceiling_dbtp / 20.0) * wave_half;
  cairo_set_source_rgb(cr, 0.85, 0.35, 0.3);
  cairo_set_line_width(cr, 1);
  for (double y : {wave_mid - ceiling, wave_mid + ceiling}) {
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, right, y);
  }
  cairo_stroke(cr);
  text(4, wave_mid - ceiling + 4, std::to_string(static_cast<int>(target.ceiling_dbtp)) + " dBTP", 0.85, 0.35, 0.3);

  // Short-term loudness (3 s windows) from -50 to -10 LUFS, the target dashed.
  const double lo = -50, hi = -10, plot_top = mid + 20;
  auto y_of = [&](double lufs) { return bottom - (bottom - plot_top) * (std::clamp(lufs, lo, hi) - lo) / (hi - lo); };
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.34);
  for (double l = lo; l <= hi; l += 10) {
    cairo_move_to(cr, left, y_of(l));
    cairo_line_to(cr, right, y_of(l));
    text(8, y_of(l) + 4, std::to_string(static_cast<int>(l)) + " LUFS", 0.6, 0.6, 0.6);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.34);
  }
  cairo_stroke(cr);
  const double dash[] = {6, 4};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_set_source_rgb(cr, 0.95, 0.75, 0.3);
  cairo_move_to(cr, left, y_of(target.target_lufs));
  cairo_line_to(cr, right, y_of(target.target_lufs));
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_set_source_rgb(cr, 0.45, 0.85, 0.5);
  cairo_set_line_width(cr, 1.5);
  for (size_t i = 0; i < s.short_term.size(); ++i) {
    double x = x_of(static_cast<double>(i + 1) * audio::LoudnessMeter::kShortTermStep), y = y_of(s.short_term[i]);
    if (i == 0) cairo_move_to(cr, x, y);
    else cairo_line_to(cr, x, y);
  }
  cairo_stroke(cr);
  text(right - 230, plot_top + 14, "short-term loudness (3 s)", 0.45, 0.85, 0.5);
  // Time along the bottom.
  const double step = seconds > 600 ? 60 : seconds > 120 ? 15 : seconds > 30 ? 5 : 1;
  for (double t = 0; t <= seconds; t += step) text(x_of(t) - 10, height - 16.0, clock(t), 0.6, 0.6, 0.6);

  cairo_destroy(cr);
  std::string png;
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, append, &png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    return core::error(core::ErrorCode::kInternal, std::string("loudness picture: ") + cairo_status_to_string(st));
  }
  return png;
}

}  // namespace sakuga::graph
