// Reads a cut's timesheet ([sheet] in cut.toml or its own sheet file) and finds its drawings and takes.
#include <algorithm>
#include <set>

#include "audio/audio_file.h"
#include "project/loader_p.h"
#include "project/project.h"
#include "timesheet/native.h"

namespace sakuga::project::detail {
namespace {

// The drawing file each exposed cell shows: the drawing itself; for an in-between nobody drew,
// how it is generated from the drawn drawings around it in its timing chart (and the nearer of
// them, held should that fail); else an error at the cell.
void find_drawings(const Project& p, Cut& cut, Layer& layer, const core::SourceText& cells_src,
                   core::FileSystem& fs, core::DiagnosticSink& sink) {
  std::set<std::string> missing;
  std::shared_ptr<const core::SourceText> cells_copy;
  for (const timesheet::Cell& cell : layer.column.cells) {
    if (!cell.drawing || layer.drawings.count(*cell.drawing) || missing.count(*cell.drawing)) continue;
    const std::string& name = *cell.drawing;
    auto file_of = [&](const std::string& n) { return cut.dir / layer.name / (n + ".svg"); };
    fs::path file = file_of(name);
    if (fs.exists(file)) {
      layer.drawings[name] = file;
      continue;
    }
    missing.insert(name);
    std::string looked = "drawing " + layer.name + "/" + name + " not found (looked for " +
                         fs::relative(file, p.root).generic_string() + ")";
    const timesheet::TimingChart* chart = nullptr;
    std::optional<timesheet::TimingChart::Between> between;
    for (const timesheet::TimingChart& c : cut.charts) {
      if (c.layer != layer.name) continue;
      if ((between = c.find(name))) {
        chart = &c;
        break;
      }
    }
    if (!between) {
      sink.error(cells_src, cell.pos, looked);
      continue;
    }
    bool a = fs.exists(file_of(between->key_a)), b = fs.exists(file_of(between->key_b));
    if (!a || !b) {
      sink.error(cells_src, cell.pos,
                 looked + ", and the keys it is made from are not both drawn (" + layer.name + "/" +
                     (a ? between->key_b : between->key_a) + " is missing; timing chart " + chart->chart_text() + ")");
      continue;
    }
    // Breakdowns: an in-between of the same gap that an artist drew is a key for those beside it.
    auto at = [&](const std::string& n) {
      auto f = chart->find(n);
      return f ? f->fraction : (n == between->key_a ? 0.0 : 1.0);
    };
    Layer::Generated g{between->key_a, between->key_b, {}, {}, 0, chart->chart_text(), nullptr, cell.pos};
    size_t self = 0;
    while (chart->entries[self].drawing != name) ++self;
    for (size_t i = self; i-- > 0;) {
      const std::string& n = chart->entries[i].drawing;
      if (chart->entries[i].key || fs.exists(file_of(n))) {
        g.from = n;
        break;
      }
    }
    for (size_t i = self + 1; i < chart->entries.size(); ++i) {
      const std::string& n = chart->entries[i].drawing;
      if (chart->entries[i].key || fs.exists(file_of(n))) {
        g.to = n;
        break;
      }
    }
    const double fa = at(g.from), fb = at(g.to);
    g.t = fb > fa ? std::clamp((between->fraction - fa) / (fb - fa), 0.0, 1.0) : 0.5;
    g.from_file = file_of(g.from);
    g.to_file = file_of(g.to);
    if (!cells_copy) cells_copy = std::make_shared<const core::SourceText>(cells_src);
    g.cell_source = cells_copy;
    const std::string& held = g.t <= 0.5 ? g.from : g.to;
    layer.drawings[name] = file_of(held);
    layer.stand_ins[name] = held;
    layer.generated[name] = std::move(g);
  }
}

// The cut's dialogue lines with their recorded takes found (each probed, so a broken one is
// reported at its line).
void resolve_takes(FileReader& r, const Project& p, std::vector<timesheet::DialogueSpan>& lines,
                   const core::SourceText& lines_src, Cut& cut) {
  for (timesheet::DialogueSpan& span : lines) {
    DialogueLine d;
    static_cast<timesheet::DialogueSpan&>(d) = std::move(span);
    if (!d.take_ref.empty()) {
      auto path = r.resolve_file(d.take_ref, d.take_pos, "dialogue take", kAudioExtensions, &lines_src);
      if (!path) continue;
      d.take_display = fs::relative(*path, p.root).generic_string();
      auto info = audio::probe(r.fs(), *path);
      if (!info.is_ok()) {
        r.sink().error(lines_src, d.take_pos, "dialogue take '" + d.take_display + "': " + info.status().message());
        continue;
      }
      d.take = *path;
    }
    cut.dialogue.push_back(std::move(d));
  }
  cut.dialogue_source = lines_src;
  std::stable_sort(cut.dialogue.begin(), cut.dialogue.end(),
                   [](const DialogueLine& a, const DialogueLine& b) { return a.frame < b.frame; });
}

// Kuchipaku: a mouth layer the sheet left empty is timed from its character's takes in this cut
// (time_mouths adds scratch voices later). Its three drawings must exist, and all three are the
// layer's drawings whichever the timing shows.
void lip_sync(FileReader& r, const Project& p, Cut& cut, Layer& layer) {
  const Character& c = p.characters.at(layer.mouth_of);
  bool drawn = true;
  for (const std::string& name : {c.closed, c.half, c.open}) {
    fs::path file = cut.dir / layer.name / (name + ".svg");
    if (!r.fs().exists(file)) {
      r.sink().error(cut.source, layer.mouth_pos,
                     "mouth drawing " + layer.name + "/" + name + " of " + layer.mouth_of + " not found (looked for " +
                         fs::relative(file, p.root).generic_string() + ")");
      drawn = false;
    } else {
      layer.drawings[name] = file;
    }
  }
  if (!drawn) return;
  time_mouth(r.fs(), p, cut, layer, nullptr);
  layer.lip_synced = true;
}

}  // namespace

void load_sheet(FileReader& r, const Project& p, const timesheet::Sheet* file_sheet, const core::SourceText& sheet_src,
                Cut& cut) {
  core::DiagnosticSink& sink = r.sink();
  timesheet::NativeOptions opt{.rate = p.rate, .standalone = false, .duration = cut.duration_frames};
  for (const Layer& l : cut.layers) opt.layers.push_back({l.name, l.on});
  timesheet::Sheet in_cut;
  timesheet::read_native(r, opt, in_cut);

  const timesheet::Sheet& cells = file_sheet ? *file_sheet : in_cut;
  const core::SourceText& cells_src = file_sheet ? sheet_src : r.src();
  for (const timesheet::CelColumn& col : cells.columns) {
    auto it = std::find_if(cut.layers.begin(), cut.layers.end(), [&](const Layer& l) { return l.name == col.name; });
    if (it == cut.layers.end()) {  // in cut.toml read_native has said so already
      sink.error(cells_src, col.pos,
                 "column '" + col.name + "' has no matching layer in " + r.src().path() + " (declare it under [[layers]])");
      continue;
    }
    it->column = col.column;
  }
  cut.charts = in_cut.charts;
  cut.camerawork = in_cut.camerawork;
  std::vector<timesheet::DialogueSpan> lines = in_cut.dialogue;
  const core::SourceText* lines_src = &r.src();
  if (file_sheet) {
    for (const timesheet::TimingChart& c : file_sheet->charts) {
      bool known = std::any_of(cut.layers.begin(), cut.layers.end(), [&](const Layer& l) { return l.name == c.layer; });
      if (known) cut.charts.push_back(c);
      else sink.error(sheet_src, c.pos, "timing chart for layer '" + c.layer + "', which " + r.src().path() + " does not declare");
    }
    if (cut.camerawork.empty()) cut.camerawork = file_sheet->camerawork;
    if (lines.empty()) {
      lines = file_sheet->dialogue;
      lines_src = &sheet_src;
    } else if (!file_sheet->dialogue.empty()) {
      r.warn(*r.table().get("sheet"), "the dialogue column of " + cut.sheet_file +
                                          " is not used: this cut.toml lists its own [[dialogue]]");
    }
  }
  resolve_takes(r, p, lines, *lines_src, cut);
  for (Layer& l : cut.layers) {
    if (!l.mouth_of.empty() && l.column.cells.empty()) lip_sync(r, p, cut, l);
  }
  for (Layer& l : cut.layers) find_drawings(p, cut, l, cells_src, r.fs(), sink);
  for (const Layer& l : cut.layers) {
    if (l.column.cells.empty()) {
      r.warn_at({1, 1}, "layer " + l.name + " has no column " + (file_sheet ? "in " + cut.sheet_file : std::string("under [sheet]")) +
                            "; it shows nothing");
    }
  }

}

}  // namespace sakuga::project::detail
