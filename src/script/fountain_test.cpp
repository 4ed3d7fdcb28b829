#include "script/fountain.h"

#include <gtest/gtest.h>

#include <random>

#include "core/fs.h"
#include "script/breakdown.h"
#include "testing/golden.h"
#include "testing/mutate.h"

namespace sakuga::script {
namespace {

struct Parsed {
  core::DiagnosticSink sink;
  std::optional<Screenplay> play;
};

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& name = "t.fountain") {
  auto p = std::make_unique<Parsed>();
  p->play = parse_fountain(core::SourceText(name, text), p->sink);
  return p;
}

std::string file(const std::string& name) {
  core::DiskFileSystem disk;
  return *disk.read_file(sakuga::testing::source_dir() / "tests/scripts" / name);
}

// "type@line:col text" for each element, to compare whole structures at a glance.
std::vector<std::string> summary(const Screenplay& s) {
  std::vector<std::string> out;
  for (const Element& e : s.elements) {
    std::string line = std::string(element_type_name(e.type)) + "@" + std::to_string(e.pos.line) + ":" +
                       std::to_string(e.pos.col) + " " + e.text;
    if (!e.scene_number.empty()) line += " #" + e.scene_number;
    if (e.dual) line += " [dual]";
    if (e.forced) line += " [forced]";
    if (e.depth) line += " [depth " + std::to_string(e.depth) + "]";
    out.push_back(line);
  }
  return out;
}

TEST(Fountain, EveryElementWithItsPosition) {
  auto p = parse(file("dual_notes_forced.fountain"), "dual_notes_forced.fountain");
  ASSERT_TRUE(p->play.has_value()) << p->sink.format_all();
  EXPECT_EQ(p->sink.format_all(), "");
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "section@7:1 Part A [depth 1]",
                                   "scene_heading@9:1 SCHOOL ROOFTOP - SUNSET #1 [forced]",
                                   "synopsis@11:1 Aoi decides to enter the contest.",
                                   "action@13:1 Wind. The fence RATTLES. ",
                                   "note@13:26 Check the fence SE.",
                                   "character@15:1 Aoi [dual] [forced]",
                                   "parenthetical@16:1 (quietly)",
                                   "dialogue@17:1 I'll enter.",
                                   "character@19:1 Ren [dual] [forced]",
                                   "dialogue@20:1 You'll what?",
                                   "transition@26:1 CUT TO:",
                                   "scene_heading@28:1 EXT. STATION PLATFORM - NIGHT #2",
                                   "note@30:1 Check BG reuse from ep 1.",
                                   "action@31:1 A train passes. *Silence.*",
                                   "action@33:2 SCANNING THE PLATFORM... [forced]",
                                   "lyrics@35:1 Kaze yo, fuke [forced]",
                                   "centered@37:1 END OF PART A",
                                   "transition@39:1 SMASH CUT TO: [forced]",
                                   "page_break@41:1 ",
                               }));
  const Screenplay& s = *p->play;
  ASSERT_EQ(s.title_page.size(), 4u);
  EXPECT_EQ(s.title("title")->values, (std::vector<std::string>{"Hoshi no Kaze"}));
  EXPECT_EQ(s.title("Author")->values, (std::vector<std::string>{"Team Pipeline", "Second Author"}));
  EXPECT_EQ(s.title("Draft date")->pos.line, 5);
}

TEST(Fountain, ShotsSectionsLyricsAndATitlePageInFull) {
  auto p = parse(file("shots_sections_lyrics.fountain"));
  ASSERT_TRUE(p->play.has_value()) << p->sink.format_all();
  EXPECT_EQ(p->sink.format_all(), "");
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "section@12:1 ACT ONE [depth 1]",
                                   "section@14:1 The platform [depth 2]",
                                   "synopsis@16:1 Haru misses the last train and meets a stranger.",
                                   "action@18:1 FADE IN:",
                                   "scene_heading@20:1 EXT. KOENJI STATION - NIGHT #7A",
                                   "action@22:1 Rain. Neon smears on wet tiles. The departure board flips: LAST TRAIN 00:12.",
                                   "action@24:1 HARU (20s, soaked, a guitar case) sprints up the stairs.",
                                   "action@26:1 WIDE ON THE PLATFORM",
                                   "action@28:1 The doors close in his face. The train slides away.",
                                   "character@30:1 HARU",
                                   "dialogue@31:1 No, no, no...",
                                   "character@33:1 STATION ANNOUNCER (V.O.)",
                                   "dialogue@34:1 This was the last train for tonight.\nThank you for riding with us.",
                                   "action@37:1 CLOSE ON HARU",
                                   "action@39:1 He drops onto a bench and laughs at himself.",
                                   "character@41:1 HARU (CONT'D)",
                                   "dialogue@42:1 Of course.",
                                   "character@44:1 McCALLUM [forced]",
                                   "parenthetical@45:1 (from the next bench)",
                                   "dialogue@46:1 Missed it too?",
                                   "action@48:1 Haru turns. MCCALLUM (60s, tweed, an umbrella that is mostly holes) raises a paper cup.",
                                   "scene_heading@50:1 INT./EXT. STATION KIOSK - CONTINUOUS #7B",
                                   "action@52:1 The kiosk light buzzes. McCallum buys two coffees with coins counted one by one.",
                                   "character@54:1 HARU (O.S.)",
                                   "dialogue@55:1 You don't have to!",
                                   "character@57:1 MCCALLUM",
                                   "dialogue@58:1 I know.",
                                   "section@60:1 The song [depth 2]",
                                   "scene_heading@62:1 I/E. HARU'S GUITAR CASE - LATER",
                                   "action@64:1 Inside: a notebook, a capo, one photograph face down.",
                                   "character@66:1 HARU",
                                   "parenthetical@67:1 (singing, quietly)",
                                   "dialogue@68:2 Last train home, you left without me\nRain on the rails, and nobody to see",
                                   "character@71:1 MCCALLUM",
                                   "dialogue@72:1 That's not bad.",
                                   "character@74:1 HARU",
                                   "dialogue@75:1 It's not finished.",
                                   "transition@77:1 INTERCUT WITH: [forced]",
                                   "scene_heading@79:1 EST. TOKYO SKYLINE - NIGHT",
                                   "action@81:1 The city doesn't sleep. It just turns the volume down.",
                                   "page_break@83:1 ",
                                   "section@85:1 ACT TWO [depth 1]",
                                   "scene_heading@87:1 A ROOFTOP GARDEN [forced]",
                                   "action@89:1 Dawn. Tomato plants in buckets.",
                                   "centered@91:1 THE END",
                                   "action@93:1 FADE OUT.",
                               }));
  const Screenplay& s = *p->play;
  EXPECT_EQ(s.title("Title")->values, (std::vector<std::string>{"_**THE LAST TRAIN HOME**_", "Episode 7"}));
  EXPECT_EQ(s.title("Contact")->values, (std::vector<std::string>{"Studio Sakuga", "1-2-3 Koenji, Tokyo"}));
  EXPECT_EQ(s.title("Draft date")->pos.line, 10);
  EXPECT_EQ(plain_text(s.title("Title")->values.front()), "THE LAST TRAIN HOME");
}

TEST(Fountain, CrlfAndBomScreenplay) {
  auto p = parse(file("crlf_bom.fountain"));
  ASSERT_TRUE(p->play.has_value()) << p->sink.format_all();
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "scene_heading@4:1 INT. GENKAN - MORNING",
                                   "action@6:1 Shoes in a row. One umbrella, broken.",
                                   "character@8:1 MOM (O.S.)",
                                   "dialogue@9:1 Take the red one!",
                                   "character@11:1 YUI",
                                   "parenthetical@12:1 (shouting back)",
                                   "dialogue@13:1 It's ugly!",
                                   "character@15:1 MOM (O.S.)",
                                   "dialogue@16:1 It's dry!",
                                   "scene_heading@18:1 EXT. STREET - CONTINUOUS",
                                   "action@20:1 Yui runs out under a *bright red* umbrella.",
                                   "transition@22:1 CUT TO:",
                                   "scene_heading@24:1 INT. CLASSROOM - DAY",
                                   "character@26:1 YUI [dual]",
                                   "dialogue@27:1 Don't say anything.",
                                   "character@29:1 KAITO [dual]",
                                   "dialogue@30:1 Nice umbrella.",
                               }));
  EXPECT_EQ(p->play->title("Title")->values.front(), "Kasa (Umbrella)");  // no BOM, no CR
}

TEST(Fountain, JapaneseDualDialogueNotesAndBoneyard) {
  auto p = parse(file("japanese_dual.fountain"));
  ASSERT_TRUE(p->play.has_value()) << p->sink.format_all();
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "section@5:1 第一幕 [depth 1]",
                                   "scene_heading@7:1 商店街・軒下（夕） #1 [forced]",
                                   "synopsis@9:1 二人は雨宿りで初めて話す。",
                                   "action@11:1 夕立。シャッターの下に、ユイとカイトが並ぶ。",
                                   "note@12:1 SE：雷、遠く",
                                   "character@14:1 ユイ [dual]",
                                   "dialogue@15:1 ……止まないね。",
                                   "character@17:1 カイト [dual]",
                                   "dialogue@18:1 止まないな。",
                                   "character@20:1 ユイ",
                                   "parenthetical@21:1 （小声で）",
                                   "dialogue@22:1 傘、持ってないの？",
                                   "character@24:1 カイト",
                                   "dialogue@25:1 持ってる。",
                                   "character@27:1 ユイ",
                                   "dialogue@28:1 じゃあ、なんで。",
                                   "character@30:1 カイト",
                                   "parenthetical@31:1 （空を見て）",
                                   "dialogue@32:1 雨、嫌いじゃないから。",
                                   "scene_heading@39:1 同・表（夕） #2 [forced]",
                                   "action@41:1 雨が上がり、水たまりに夕焼けが映る。",
                                   "lyrics@43:1 あめ あめ ふれ ふれ [forced]",
                                   "character@45:1 ユイ (O.S.)",
                                   "dialogue@46:1 待って！",
                                   "transition@48:1 暗転 [forced]",
                                   "page_break@50:1 ",
                               }));
}

TEST(Fountain, JapaneseScriptsNeedNoLetterCase) {
  auto p = parse(file("japanese.fountain"));
  ASSERT_TRUE(p->play.has_value()) << p->sink.format_all();
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "scene_heading@4:1 学校・屋上（夕） #1 [forced]",
                                   "action@6:1 フェンスが風で鳴る。",
                                   "character@8:1 ミオ",
                                   "dialogue@9:1 いい風。",
                                   "character@11:1 ケン",
                                   "parenthetical@12:1 （振り返って）",
                                   "dialogue@13:1 なに？",
                                   "character@15:1 ミオ",
                                   "dialogue@16:1 なんでもない。",
                                   "scene_heading@18:1 駅のホーム（夜） #2 [forced]",
                                   "action@20:1 電車が通り過ぎる。",
                               }));
  EXPECT_EQ(p->play->title("Title")->values[0], "夕暮れ");
}

TEST(Fountain, SceneHeadingsNeedBlankLinesAroundThem) {
  auto p = parse("INT. HOUSE - DAY\n\nint. kitchen - night #12A#\n\nEXT. YARD\nBob runs.\n\nINTERCUT\n\nI/E CAR - MOVING\n\n"
                 "INT ROOM #237 #42#\n\n..and so on\n");
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "scene_heading@1:1 INT. HOUSE - DAY",
                                   "scene_heading@3:1 int. kitchen - night #12A",
                                   "character@5:1 EXT. YARD",
                                   "dialogue@6:1 Bob runs.",
                                   "action@8:1 INTERCUT",
                                   "scene_heading@10:1 I/E CAR - MOVING",
                                   "scene_heading@12:1 INT ROOM #237 #42",
                                   "action@14:1 ..and so on",
                               }));
}

TEST(Fountain, CharactersExtensionsAndDialogue) {
  auto p = parse("MOM (O. S.)\nLuke!\n\nHANS (on the radio)\n(calm)\nHello.\n  \nStill me.\n\nR2D2\nBeep.\n\n23\nnot a cue\n\n"
                 "@McCLANE\nYippee.\n\nTWO SPACES  \nnot a cue either\n");
  ASSERT_TRUE(p->play.has_value());
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "character@1:1 MOM (O. S.)",
                                   "dialogue@2:1 Luke!",
                                   "character@4:1 HANS (on the radio)",
                                   "parenthetical@5:1 (calm)",
                                   "dialogue@6:1 Hello.\n\nStill me.",
                                   "character@10:1 R2D2",
                                   "dialogue@11:1 Beep.",
                                   "action@13:1 23\nnot a cue",
                                   "character@16:1 McCLANE [forced]",
                                   "dialogue@17:1 Yippee.",
                                   "action@19:1 TWO SPACES  \nnot a cue either",
                               }));
  EXPECT_EQ(p->play->elements[0].name, "MOM");
  EXPECT_EQ(p->play->elements[0].extension, "(O. S.)");
}

TEST(Fountain, TransitionsAndCentredText) {
  auto p = parse("Action.\n\nCUT TO:\n\ncut to:\n\n> Burn to White.\n\n>THE END<\n\nFADE TO:\nmore\n");
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{
                                   "action@1:1 Action.",
                                   "transition@3:1 CUT TO:",
                                   "action@5:1 cut to:",
                                   "transition@7:1 Burn to White. [forced]",
                                   "centered@9:1 THE END",
                                   "character@11:1 FADE TO:",
                                   "dialogue@12:1 more",
                               }));
}

TEST(Fountain, ActionKeepsIndentationAndTabs) {
  auto p = parse("He waits.\n    Then\tturns.\n\n  Indented.\n");
  EXPECT_EQ(summary(*p->play),
            (std::vector<std::string>{"action@1:1 He waits.\n    Then    turns.", "action@4:1   Indented."}));
}

TEST(Fountain, DualDialogueWithoutAPartnerWarns) {
  auto p = parse("Nothing said.\n\nSTEEL ^\nHi.\n");
  ASSERT_TRUE(p->play.has_value());
  EXPECT_FALSE(p->play->elements[1].dual);
  EXPECT_EQ(p->play->elements[1].name, "STEEL");
  EXPECT_EQ(p->sink.format_all(),
            "t.fountain:3:1: warning: dual dialogue '^' but no dialogue right before it; read as an ordinary cue\n"
            "STEEL ^\n"
            "^\n");
}

TEST(Fountain, BoneyardAndNotesAcrossLines) {
  auto p = parse("Start /* gone\nstill gone */ end.\n\n[[A note\nover two lines]]\nAfter.\n");
  ASSERT_TRUE(p->play.has_value());
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{"action@1:1 Start  end.", "note@4:1 A note\nover two lines",
                                                         "action@6:1 After."}));
}

TEST(Fountain, CrlfAndByteOrderMark) {
  auto p = parse("\xEF\xBB\xBFINT. HOUSE - DAY\r\n\r\nBOB\r\nHi.\r\n");
  ASSERT_TRUE(p->play.has_value());
  EXPECT_EQ(summary(*p->play), (std::vector<std::string>{"scene_heading@1:1 INT. HOUSE - DAY", "character@3:1 BOB",
                                                         "dialogue@4:1 Hi."}));
}

TEST(Fountain, Emphasis) {
  auto runs = parse_emphasis("a *it* **bo** ***bi*** _un_ \\*lit\\* *69 and *23");
  std::string described;
  for (const auto& r : runs) {
    described += "[" + r.text + (r.bold ? " b" : "") + (r.italic ? " i" : "") + (r.underline ? " u" : "") + "]";
  }
  EXPECT_EQ(described, "[a ][it i][ ][bo b][ ][bi b i][ ][un u][ *lit* *69 and *23]");
  EXPECT_EQ(plain_text("**Bold** and _under_"), "Bold and under");
}

TEST(Fountain, ProblemsHavePositions) {
  auto unterminated = parse("Fine.\n\nThen /* forever\nand ever.\n");
  EXPECT_FALSE(unterminated->play.has_value());
  EXPECT_EQ(unterminated->sink.format_all(),
            "t.fountain:3:6: error: unterminated boneyard: this /* has no closing */\n"
            "Then /* forever\n"
            "     ^\n");
  auto note = parse("A [[note\n\nthat never ends]]\n");
  EXPECT_FALSE(note->play.has_value());
  EXPECT_EQ(note->sink.diagnostics()[0].pos.col, 3);
  EXPECT_EQ(note->sink.diagnostics()[0].message,
            "unterminated note: this [[ has no closing ]] before the next blank line");
  auto utf8 = parse("Good line.\nBad \xFF byte.\n");
  EXPECT_FALSE(utf8->play.has_value());
  EXPECT_EQ(utf8->sink.format_all(),
            "t.fountain:2:5: error: invalid UTF-8 (byte 0xFF); save the script as UTF-8\n"
            "Bad \xFF byte.\n"
            "    ^\n");
  auto binary = parse(std::string("PK\x03\x04\0\0\x10", 7));
  EXPECT_FALSE(binary->play.has_value());
  EXPECT_EQ(binary->sink.diagnostics()[0].message,
            "this is a binary file, not a Fountain screenplay (it holds NUL bytes)");
  EXPECT_EQ(binary->sink.diagnostics()[0].pos.col, 5);
  // An image or archive usually has stray high bytes before its first NUL: still called binary.
  auto png = parse(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(png->sink.diagnostics()[0].message,
            "this is a binary file, not a Fountain screenplay (it holds NUL bytes)");
  auto empty = parse("\n  \n");
  EXPECT_FALSE(empty->play.has_value());
  EXPECT_EQ(empty->sink.diagnostics()[0].message, "the screenplay is empty");
  EXPECT_FALSE(parse("")->play.has_value());
}

// Mutated screenplays (tokens that open and close things, broken bytes, cut-off ends) never crash
// the parser or the breakdown, and every position they report is inside the file.
TEST(Fountain, MutatedScriptsNeverCrashAndPositionsStayInside) {
  const std::vector<std::string> tokens = {"/*", "*/", "[[", "]]", "\r", "\n", "\n\n", "^", "~", "@", "!", ">",
                                           "<", "#", "=", "===", "(", ")", "\xEF\xBC\x88", "\xFF", std::string(1, '\0'),
                                           "\t", "  ", "\xEF\xBB\xBF", "INT. ", "*", "_", "\\", ":", "\xE3\x81"};
  std::vector<std::string> seeds;
  for (const char* f : {"dual_notes_forced.fountain", "japanese.fountain", "japanese_dual.fountain",
                        "shots_sections_lyrics.fountain", "crlf_bom.fountain"}) {
    seeds.push_back(file(f));
  }
  std::mt19937 rng(20261125);
  int parsed = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string& seed = seeds[rng() % seeds.size()];
    std::string text = sakuga::testing::mutate(seed, rng, tokens, 4);
    core::SourceText src("m.fountain", text);
    core::DiagnosticSink sink;
    auto play = parse_fountain(src, sink);
    for (const auto& d : sink.diagnostics()) {
      ASSERT_GE(d.pos.line, 1) << iter;
      ASSERT_LE(d.pos.line, static_cast<int>(src.line_count()) + 1) << iter;
    }
    if (!play) continue;
    ++parsed;
    for (const Element& e : play->elements) {
      ASSERT_GE(e.pos.line, 1) << iter;
      ASSERT_LE(e.pos.line, static_cast<int>(src.line_count())) << iter << " " << e.text;
      ASSERT_GE(e.pos.col, 1) << iter;
    }
    core::DiagnosticSink warnings;
    make_breakdown(*play, src, warnings);
  }
  EXPECT_GT(parsed, 1000);  // the mutations are small: most scripts still parse
}

}  // namespace
}  // namespace sakuga::script
