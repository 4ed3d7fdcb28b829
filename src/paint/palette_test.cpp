#include "paint/palette.h"

#include <gtest/gtest.h>

namespace sakuga::paint {
namespace {

std::optional<Palette> read(const std::string& path, const std::string& text, core::DiagnosticSink& sink) {
  return read_palette(core::SourceText(path, text), sink);
}

TEST(Palette, TheMinimalFormWorksAsWritten) {
  core::DiagnosticSink sink;
  auto p = read("mio.toml",
                "[colors]\n"
                "line = \"#1e1a24\"\n"
                "skin = \"#f7dcc8\"\n"
                "\"cloth.shadow\" = \"#8e2f2a\"\n"
                "[variants.night.colors]\n"
                "skin = \"#8f92b8\"\n",
                sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  EXPECT_EQ(sink.format_all(), "");
  ASSERT_EQ(p->styles.size(), 3u);
  EXPECT_EQ(p->styles[0].name, "line");  // the file's order
  EXPECT_EQ(p->styles[2].name, "cloth.shadow");
  size_t skin = *p->find("skin");
  EXPECT_EQ(p->color(skin, ""), (core::Rgba8{0xf7, 0xdc, 0xc8, 255}));
  EXPECT_EQ(p->color(skin, "night"), (core::Rgba8{0x8f, 0x92, 0xb8, 255}));
  EXPECT_EQ(p->color(*p->find("line"), "night"), (core::Rgba8{0x1e, 0x1a, 0x24, 255}));  // unchanged at night
  EXPECT_TRUE(p->has_variant("night"));
  EXPECT_FALSE(p->has_variant("dawn"));
}

TEST(Palette, TraceStylesAndNearestColours) {
  core::DiagnosticSink sink;
  auto p = read("p.toml",
                "trace = [\"trace.shadow\"]\n[colors]\nline = \"#000\"\n\"trace.shadow\" = \"#3a6bd6\"\nskin = \"#f7dcc8cc\"\n",
                sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  EXPECT_TRUE(p->styles[*p->find("trace.shadow")].trace);
  EXPECT_FALSE(p->styles[*p->find("line")].trace);
  EXPECT_EQ(p->styles[*p->find("skin")].color.a, 0xcc);
  EXPECT_EQ(*p->nearest({0x3c, 0x6a, 0xd0, 255}, 20), *p->find("trace.shadow"));
  EXPECT_FALSE(p->nearest({200, 30, 30, 255}, 20).has_value());
  // The list may also sit under [colors].
  auto q = read("q.toml", "[colors]\nline = \"#000\"\nt = \"#00f\"\ntrace = [\"t\"]\n", sink);
  ASSERT_TRUE(q.has_value());
  EXPECT_TRUE(q->styles[*q->find("t")].trace);
  EXPECT_EQ(q->styles.size(), 2u);
}

TEST(Palette, GimpPalettesRead) {
  core::DiagnosticSink sink;
  auto p = read("p.gpl",
                "GIMP Palette\r\nName: Mio\r\nColumns: 4\r\n#\r\n 30  26  36\tline\r\n247 220 200 skin tone\r\n"
                "255 255 255\r\n",
                sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  ASSERT_EQ(p->styles.size(), 3u);
  EXPECT_EQ(p->styles[1].name, "skin tone");
  EXPECT_EQ(p->styles[2].name, "#ffffff");  // an unnamed entry is named by its colour
  EXPECT_EQ(p->styles[0].color, (core::Rgba8{30, 26, 36, 255}));
}

TEST(Palette, MalformedPalettesAreDiagnosedWithPositions) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read("p.toml", "[colors]\nline = \"#1e1a2\"\nskin = 3\n[variants.night.colors]\nhair = \"#000\"\n", sink));
  EXPECT_EQ(sink.format_all(),
            "p.toml:2:9: error: '#1e1a2' is not a colour (expected #rgb, #rrggbb or #rrggbbaa)\n"
            "line = \"#1e1a2\"\n        ^\n"
            "p.toml:3:8: error: colour of skin must be a string\nskin = 3\n       ^\n"
            "p.toml:5:1: error: variant 'night' changes 'hair', which [colors] does not have\nhair = \"#000\"\n^\n");
  core::DiagnosticSink s2;
  EXPECT_FALSE(read("p.toml", "[colours]\nline = \"#000\"\n", s2));
  EXPECT_NE(s2.format_all().find("p.toml:1:1: error: the palette needs a [colors] table"), std::string::npos);
  core::DiagnosticSink s3;
  EXPECT_FALSE(read("p.toml", "[colors\nline = 1\n", s3));
  EXPECT_EQ(s3.diagnostics()[0].message.rfind("malformed TOML", 0), 0u);
  core::DiagnosticSink s4;
  EXPECT_FALSE(read("p.gpl", "GIMP Palette\n1 2 300 red\n", s4));
  EXPECT_EQ(s4.format_all(), "p.gpl:2:1: error: expected 'R G B name' with R, G, B from 0 to 255\n1 2 300 red\n^\n");
  core::DiagnosticSink s5;
  EXPECT_FALSE(read("p.toml", "trace = [\"ink\"]\n[colors]\nline = \"#000\"\n", s5));
  EXPECT_EQ(s5.diagnostics()[0].message, "trace style 'ink' is not in [colors]");
}

TEST(Palette, ExportedGimpPalettesWithRepeatsAndHugeNumbersAndHugeModels) {
  core::DiagnosticSink sink;
  auto p = read("p.gpl", "GIMP Palette\n0 0 0 Untitled\n0 0 0 Untitled\n10 10 10 ink\n20 20 20 ink\n", sink);
  ASSERT_TRUE(p.has_value()) << sink.format_all();
  EXPECT_EQ(p->styles.size(), 2u);  // a repeat is a warning; the first one counts
  EXPECT_EQ(p->styles[1].color, (core::Rgba8{10, 10, 10, 255}));
  EXPECT_EQ(sink.warning_count(), 2u);
  core::DiagnosticSink s2;
  EXPECT_FALSE(read("p.gpl", "GIMP Palette\n99999999999999999999 0 0 x\n", s2));
  EXPECT_EQ(s2.diagnostics()[0].message, "expected 'R G B name' with R, G, B from 0 to 255");
  std::string big = "GIMP Palette\n";
  for (int i = 0; i < 2100; ++i) big += std::to_string(i % 256) + " 0 0 s" + std::to_string(i) + "\n";
  core::DiagnosticSink s3;
  EXPECT_FALSE(read("big.gpl", big, s3));
  EXPECT_NE(s3.format_all().find("big.gpl:2050:1: error: a colour model may have at most 2048 styles"), std::string::npos)
      << s3.format_all();
}

TEST(Palette, ADottedNameWithoutQuotesIsExplained) {
  core::DiagnosticSink sink;
  EXPECT_FALSE(read("p.toml", "[colors]\nline = \"#000\"\ncloth.shadow = \"#8e2f2a\"\n", sink));
  EXPECT_NE(sink.format_all().find("p.toml:3:1: error: 'cloth' is a table: a style name with a dot is quoted"),
            std::string::npos)
      << sink.format_all();
}

TEST(Palette, ColoursParseAndPrint) {
  EXPECT_EQ(*parse_color("#f80"), (core::Rgba8{255, 136, 0, 255}));
  EXPECT_EQ(*parse_color("#1E1A24"), (core::Rgba8{0x1e, 0x1a, 0x24, 255}));
  EXPECT_FALSE(parse_color("1e1a24").has_value());
  EXPECT_FALSE(parse_color("#12345").has_value());
  EXPECT_EQ(format_color({0x1e, 0x1a, 0x24, 255}), "#1e1a24");
  EXPECT_EQ(format_color({0x1e, 0x1a, 0x24, 0x80}), "#1e1a2480");
}

}  // namespace
}  // namespace sakuga::paint
