#include "vector/svg.h"
#include "vector/svg_writer.h"

#include <gtest/gtest.h>

#include "vector/svg_p.h"

namespace sakuga::vector {
namespace {

using core::Vec2;

std::optional<Drawing> parse(const std::string& text, core::DiagnosticSink& sink) {
  core::SourceText src("A/1.svg", text);
  return parse_svg(src, sink);
}

void expect_near(Vec2 a, Vec2 b, double eps = 1e-9) {
  EXPECT_NEAR(a.x, b.x, eps);
  EXPECT_NEAR(a.y, b.y, eps);
}

TEST(PathData, EveryCommandAbsoluteAndRelative) {
  std::vector<Contour> cs;
  size_t off;
  std::string err;
  ASSERT_TRUE(detail::parse_path_data("M10 10 L20 10 H30 V20 l-10 0 h-5 v-5 z m5,5 c1 0 2 1 2 2 s1 2 2 2 "
                                      "Q40 40 50 50 T60 60 t10 10 q1 1 2 2 A5 5 0 0 1 80 70 a5 5 0 1 0 10 0 Z",
                                      cs, off, err))
      << err;
  ASSERT_EQ(cs.size(), 2u);
  const Contour& a = cs[0];
  EXPECT_TRUE(a.closed);
  expect_near(a.points.front(), {10, 10});
  expect_near(a.points[3], {20, 10});
  expect_near(a.points[6], {30, 10});
  expect_near(a.points[9], {30, 20});
  expect_near(a.points[12], {20, 20});
  expect_near(a.points[15], {15, 20});
  expect_near(a.points[18], {15, 15});
  expect_near(a.points.back(), {10, 10});  // closepath draws back to the start
  const Contour& b = cs[1];
  expect_near(b.points.front(), {15, 15});  // relative moveto after Z is from the subpath start
  expect_near(b.points[3], {17, 17});
  expect_near(b.points[4], {17, 18});        // S reflects the previous control point (17,16) about (17,17)
  expect_near(b.points[6], {19, 19});
  expect_near(b.points[9], {50, 50});
  expect_near(b.points[12], {60, 60});
  expect_near(b.points[15], {70, 70});
  expect_near(b.points[18], {72, 72});
  expect_near(b.points.back(), {15, 15});  // Z returns to the subpath start after the arcs
  EXPECT_TRUE(b.closed);
}

TEST(PathData, CompactNumbersAndArcFlags) {
  std::vector<Contour> cs;
  size_t off;
  std::string err;
  ASSERT_TRUE(detail::parse_path_data("M0,0L.5.5-1e1-2E0a1 1 0 00 1 1", cs, off, err)) << err;
  expect_near(cs[0].points[3], {0.5, 0.5});
  expect_near(cs[0].points[6], {-10, -2});
  expect_near(cs[0].points.back(), {-9, -1});
}

TEST(PathData, ArcsAreCloseToTheTrueCircle) {
  std::vector<Contour> cs;
  size_t off;
  std::string err;
  ASSERT_TRUE(detail::parse_path_data("M100 0 A100 100 0 1 1 -100 0 A100 100 0 1 1 100 0", cs, off, err));
  const Contour& c = cs[0];
  for (size_t i = 0; i + 3 < c.points.size(); i += 3) {
    for (double t = 0; t <= 1; t += 0.125) {
      double u = 1 - t;
      Vec2 p = c.points[i] * (u * u * u) + c.points[i + 1] * (3 * u * u * t) + c.points[i + 2] * (3 * u * t * t) +
               c.points[i + 3] * (t * t * t);
      EXPECT_NEAR(std::hypot(p.x, p.y), 100.0, 0.03);
    }
  }
}

TEST(PathData, ReportsTheOffsetOfBadData) {
  std::vector<Contour> cs;
  size_t off = 0;
  std::string err;
  EXPECT_FALSE(detail::parse_path_data("M 10 10 L 20 20 X", cs, off, err));
  EXPECT_EQ(off, 16u);
  EXPECT_EQ(err, "unknown path command 'X'");
  EXPECT_FALSE(detail::parse_path_data("M 10 10 L 20 X", cs, off, err));
  EXPECT_EQ(err, "expected coordinates after lineto");
  EXPECT_EQ(off, 13u);
  EXPECT_FALSE(detail::parse_path_data("L 10 10", cs, off, err));
  EXPECT_EQ(err, "path data must begin with a moveto (M or m)");
}

TEST(Transform, ListsComposeLeftToRight) {
  core::Affine t;
  std::string err;
  ASSERT_TRUE(detail::parse_transform("translate(10,20) scale(2) rotate(90 1 0)", t, err)) << err;
  // rotate(90) about (1,0) maps (2,0) to (1,1); scale 2 -> (2,2); translate -> (12,22).
  expect_near(t.apply({2, 0}), {12, 22});
  ASSERT_TRUE(detail::parse_transform("matrix(1 0 0 1 5 6) skewX(45)", t, err));
  expect_near(t.apply({0, 1}), {6, 7});
  EXPECT_FALSE(detail::parse_transform("rotate(1 2)", t, err));
  EXPECT_EQ(err, "rotate() takes 1 or 3 numbers, found 2");
}

TEST(Paint, ColourSyntaxes) {
  EXPECT_EQ(detail::parse_paint("#f80")->color, (core::Rgba8{255, 136, 0, 255}));
  EXPECT_EQ(detail::parse_paint("#1e1a24")->color, (core::Rgba8{0x1e, 0x1a, 0x24, 255}));
  EXPECT_EQ(detail::parse_paint("rgb(10, 20,30)")->color, (core::Rgba8{10, 20, 30, 255}));
  EXPECT_EQ(detail::parse_paint("rgb(100%,0%,50%)")->color, (core::Rgba8{255, 0, 128, 255}));
  EXPECT_EQ(detail::parse_paint("navy")->color, (core::Rgba8{0, 0, 128, 255}));
  EXPECT_EQ(detail::parse_paint("none")->kind, detail::PaintKind::kNone);
  EXPECT_FALSE(detail::parse_paint("#12").has_value());
  EXPECT_FALSE(detail::parse_paint("blurple").has_value());
}

TEST(Svg, ReadsShapesWithInheritedStyleAndTransforms) {
  core::DiagnosticSink sink;
  auto d = parse(R"svg(<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 100 50">
  <g stroke="#ff0000" stroke-width="2" transform="translate(10 0)">
    <line x1="0" y1="0" x2="10" y2="0"/>
    <rect x="0" y="10" width="10" height="5" fill="blue" style="stroke:none"/>
    <circle cx="50" cy="25" r="5" fill-opacity="0.5"/>
    <ellipse cx="0" cy="0" rx="4" ry="2" fill="none"/>
    <polyline points="0,0 5,5 10,0" fill="none"/>
    <polygon points="0,0 5,5 10,0"/>
  </g>
</svg>)svg",
                 sink);
  ASSERT_TRUE(d.has_value()) << sink.format_all();
  EXPECT_EQ(sink.diagnostics().size(), 0u);
  EXPECT_EQ(d->width, 200);
  EXPECT_EQ(d->height, 100);
  ASSERT_EQ(d->shapes.size(), 6u);
  const Shape& line = d->shapes[0];
  EXPECT_FALSE(line.fill.has_value());
  EXPECT_EQ(*line.stroke, (core::Rgba8{255, 0, 0, 255}));
  EXPECT_DOUBLE_EQ(line.stroke_width_px, 4.0);  // viewBox scales by 2
  expect_near(line.contours[0].points.front(), {20, 0});
  expect_near(line.contours[0].points.back(), {40, 0});
  EXPECT_EQ(line.source_line, 4);
  const Shape& rect = d->shapes[1];
  EXPECT_FALSE(rect.stroke.has_value());
  EXPECT_EQ(*rect.fill, (core::Rgba8{0, 0, 255, 255}));
  EXPECT_TRUE(rect.contours[0].closed);
  EXPECT_EQ(d->shapes[2].fill->a, 128);
  EXPECT_FALSE(d->shapes[4].fill.has_value());
  EXPECT_TRUE(d->shapes[5].contours[0].closed);
  EXPECT_EQ(*d->shapes[5].fill, (core::Rgba8{0, 0, 0, 255}));  // default fill is black
}

TEST(Svg, PaintMarksAreNotDrawn) {
  core::DiagnosticSink sink;
  auto d = parse(R"svg(<svg width="100" height="100"><rect width="50" height="50" fill="none" stroke="black"/>
<circle cx="20" cy="30" r="2" data-paint="skin"/></svg>)svg",
                 sink);
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->shapes.size(), 1u);
  ASSERT_EQ(d->marks.size(), 1u);
  EXPECT_EQ(d->marks[0].style, "skin");
  expect_near(d->marks[0].center, {20, 30});
  EXPECT_EQ(d->marks[0].source_line, 2);
}

TEST(Svg, UnknownElementsWarnWithTheirLine) {
  core::DiagnosticSink sink;
  auto d = parse("<svg width=\"10\" height=\"10\">\n  <text x=\"1\">hi</text>\n  <metadata/>\n</svg>\n", sink);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(sink.format_all(),
            "A/1.svg:2:3: warning: <text> is not supported in drawings and is skipped\n"
            "  <text x=\"1\">hi</text>\n"
            "  ^\n");
}

TEST(Svg, BadPathDataPointsAtTheCharacter) {
  core::DiagnosticSink sink;
  auto d = parse("<svg width=\"10\" height=\"10\">\n  <path d=\"M0 0 L5 5 Q\"/>\n</svg>", sink);
  EXPECT_FALSE(d.has_value());
  EXPECT_EQ(sink.format_all(),
            "A/1.svg:2:23: error: path data: expected control point after quadratic curveto\n"
            "  <path d=\"M0 0 L5 5 Q\"/>\n"
            "                      ^\n");
}

TEST(Svg, MalformedXmlAndMissingSize) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(parse("<svg width=\"10\" height=\"10\">\n<g>\n</svg>", sink).has_value());
  EXPECT_EQ(sink.diagnostics()[0].pos.line, 3);
  EXPECT_NE(sink.diagnostics()[0].message.find("malformed XML"), std::string::npos);
  core::DiagnosticSink sink2;
  EXPECT_FALSE(parse("<svg></svg>", sink2).has_value());
  EXPECT_EQ(sink2.diagnostics()[0].message, "the drawing has no size: give <svg> width and height, or a viewBox");
  core::DiagnosticSink sink3;
  EXPECT_FALSE(parse("<html/>", sink3).has_value());
  core::DiagnosticSink huge;
  EXPECT_FALSE(parse("<svg width=\"40000\" height=\"1080\"></svg>", huge).has_value());
  EXPECT_EQ(huge.diagnostics()[0].message, "the drawing is 40000x1080 px; a side may be at most 32767");
  core::DiagnosticSink far;
  auto d = parse("<svg width=\"64\" height=\"48\"><circle data-paint=\"skin\" cx=\"1e300\" cy=\"-1e300\" r=\"1\"/></svg>",
                 far);
  ASSERT_TRUE(d.has_value()) << far.format_all();  // a mark far away is simply off the canvas
  EXPECT_EQ(core::floor_px(d->marks[0].center.x), 1 << 30);
  EXPECT_EQ(core::floor_px(d->marks[0].center.y), -(1 << 30));
  core::DiagnosticSink sink4;
  EXPECT_FALSE(parse("<svg width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\" fill=\"blurple\"/></svg>", sink4)
                   .has_value());
  EXPECT_EQ(sink4.diagnostics()[0].message, "fill: unknown colour 'blurple'");
  EXPECT_EQ(sink4.diagnostics()[0].pos.col, 62);  // the 'b' of blurple
}

TEST(SvgWriter, WhatIsWrittenReadsBack) {
  core::DiagnosticSink sink;
  auto d = parse("<svg width=\"200\" height=\"100\">\n"
                 "<path id=\"arm\" data-pair=\"arm-l\" d=\"M10 10 C20 0 30 0 40 10 Z M50 50 L60 60\" fill=\"#ff8000\" "
                 "fill-opacity=\"0.5\" fill-rule=\"evenodd\" stroke=\"#102030\" stroke-width=\"2.25\" "
                 "stroke-linecap=\"round\" stroke-linejoin=\"bevel\"/>\n"
                 "<circle data-paint=\"skin &amp; bone\" cx=\"25\" cy=\"8\" r=\"2\"/>\n</svg>",
                 sink);
  ASSERT_TRUE(d.has_value()) << sink.format_all();
  std::string text = write_svg(*d, {.comment = "written -- by a test"});
  EXPECT_EQ(text.find("--", text.find("<!--") + 4), text.find("-->"));  // no "--" inside the comment
  core::DiagnosticSink sink2;
  auto back = parse_svg(core::SourceText("back.svg", text), sink2);
  ASSERT_TRUE(back.has_value()) << sink2.format_all() << text;
  EXPECT_EQ(sink2.warning_count(), 0u) << sink2.format_all();
  ASSERT_EQ(back->shapes.size(), 1u);
  const Shape& a = d->shapes[0];
  const Shape& b = back->shapes[0];
  EXPECT_EQ(b.id, "arm");
  EXPECT_EQ(b.pair, "arm-l");
  EXPECT_EQ(b.fill, a.fill);
  EXPECT_EQ(b.stroke, a.stroke);
  EXPECT_EQ(b.stroke_width_px, 2.25);
  EXPECT_EQ(b.fill_rule, FillRule::kEvenOdd);
  EXPECT_EQ(b.cap, LineCap::kRound);
  EXPECT_EQ(b.join, LineJoin::kBevel);
  ASSERT_EQ(b.contours.size(), a.contours.size());
  for (size_t c = 0; c < a.contours.size(); ++c) {
    EXPECT_EQ(b.contours[c].closed, a.contours[c].closed);
    ASSERT_EQ(b.contours[c].points.size(), a.contours[c].points.size());
    for (size_t i = 0; i < a.contours[c].points.size(); ++i) {
      EXPECT_NEAR(b.contours[c].points[i].x, a.contours[c].points[i].x, 5e-4);
      EXPECT_NEAR(b.contours[c].points[i].y, a.contours[c].points[i].y, 5e-4);
    }
  }
  ASSERT_EQ(back->marks.size(), 1u);
  EXPECT_EQ(back->marks[0].style, "skin & bone");
  EXPECT_NEAR(back->marks[0].center.x, 25, 1e-9);
  EXPECT_EQ(write_svg(*back), write_svg(*d));  // and writing again gives the same bytes
  EXPECT_FALSE(back->inbetween);
  Drawing made = *d;
  made.inbetween = true;  // an in-between the in-betweener made says so, and reads back so
  std::string made_text = write_svg(made);
  EXPECT_NE(made_text.find("data-sakuga=\"inbetween\""), std::string::npos);
  core::SourceText made_src("made.svg", made_text);
  EXPECT_TRUE(parse_svg(made_src, sink)->inbetween);
}

}  // namespace
}  // namespace sakuga::vector
