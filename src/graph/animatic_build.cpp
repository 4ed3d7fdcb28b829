#include "graph/animatic_build.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>

#include "animatic/animatic.h"
#include "audio/audio_file.h"
#include "audio/mixer.h"
#include "graph/plan.h"
#include "core/time.h"
#include "media/encoder.h"
#include "script/breakdown.h"

namespace sakuga::graph {
namespace {

// Music sits this far under the scratch voices in the animatic.
constexpr double kAnimaticMusicDb = -6;

// Frames that `samples` at `sample_rate` take, rounded up.
int64_t frames_for(int64_t samples, int sample_rate, core::Rational rate) {
  if (sample_rate <= 0) return 0;
  // No overflow: samples of a day at 192 kHz times 24000 stay far below 2^63.
  int64_t num = samples * rate.num;
  int64_t den = static_cast<int64_t>(sample_rate) * rate.den;
  return (num + den - 1) / den;
}

// A silent line lasts as planned, or as long as the script estimate says reading it takes.
int64_t silent_frames(const project::DialogueLine& d, core::Rational rate) {
  if (d.length > 0) return d.length;
  script::Element e;
  e.type = script::ElementType::kDialogue;
  e.text = d.text;
  return static_cast<int64_t>(std::ceil(script::element_seconds(e) * core::nominal_fps(rate)));
}

struct LineAudio {
  std::optional<fs::path> file;  // take or voice; none: silence
  std::string name;              // for messages
  NodeId id;                     // voice c002/1
  core::Hash128 voice_key;       // scratch voices only
  std::string spoken;
  std::string voice;
  int64_t frames = 0;
};

struct CutWork {
  const project::Cut* cut = nullptr;
  std::vector<LineAudio> audio;
  animatic::Timing timing;
  int64_t start = 0;  // in the animatic
  std::vector<core::Hash128> panel_keys;
  core::Hash128 key;
  fs::path path;
  NodeId id;  // animatic-segment c002
  Inputs inputs;
};

class AnimaticRunner {
 public:
  AnimaticRunner(Env& env, const project::Project& p, const BuildOptions& opt, animatic::SpeechEngine& speech,
                 core::DiagnosticSink& warnings)
      : env_(env), fs_(env.fs), p_(p), opt_(opt), speech_(speech), warnings_(warnings), store_(env.fs, p.root),
        log_(BuildLog::open(env.fs, store_.log_path(), !opt.dry_run)), engine_(engine_version()), video_(default_video_settings(p)) {
    observers_.add(env.observer);
  }

  core::Result<AnimaticStats> run() {
    stats_.deliverable_id = "out/animatic.mp4";
    SAKUGA_TRY(voices());
    plan_cuts();
    SAKUGA_ASSIGN_OR_RETURN(auto mix, plan_mix());
    core::Hasher dh;
    dh.str("animatic").str(engine_).i64(p_.rate.num).i64(p_.rate.den).hash(mix.key);
    for (const CutWork& c : cuts_) dh.hash(c.key);
    core::Hash128 deliverable_key = dh.finish();
    fs::path out = p_.root / "out" / "animatic.mp4";

    Graph graph;
    std::vector<size_t> parts;
    for (CutWork& c : cuts_) {
      parts.push_back(graph.add(c.id, {}, fs_.exists(c.path), c.timing.frames));
      cut_index_[c.id.cut] = &c;
    }
    parts.push_back(graph.add(NodeId::animatic_mix(), {}, fs_.exists(mix.path)));
    for (const CutWork& c : cuts_) {
      stats_.artifacts.push_back(c.path);
      for (const LineAudio& a : c.audio) {
        if (a.file && !a.spoken.empty()) stats_.artifacts.push_back(*a.file);  // scratch voices
      }
    }
    stats_.artifacts.push_back(mix.path);
    const NodeId deliverable = NodeId::animatic_deliverable();
    const LogEntry* delivered = log_.find(deliverable.str());
    graph.add(deliverable, parts, delivered && delivered->key == deliverable_key && fs_.exists(out));
    Inputs deliverable_inputs;
    deliverable_inputs.add("engine", engine_).add("the animatic's mix", mix.key);
    for (const CutWork& c : cuts_) deliverable_inputs.add(c.id.str(), c.key);

    if (opt_.dry_run) {
      for (const GraphNode& n : graph.nodes()) {
        if (n.cached) continue;
        std::string why;
        if (n.id.kind == NodeKind::kAnimaticSegment) {
          const CutWork& c = *cut_index_.at(n.id.cut);
          why = explain(log_, n.id.str(), c.key, c.inputs.list(), false);
        } else if (n.id.kind == NodeKind::kAnimaticMix) {
          why = explain(log_, n.id.str(), mix.key, mix.inputs.list(), false);
        } else {
          why = explain(log_, n.id.str(), deliverable_key, deliverable_inputs.list(), fs_.exists(out));
        }
        stats_.build.would_run.push_back(n.id.str() + ": " + why);
      }
      stats_.build.up_to_date = stats_.build.would_run.empty();
      return stats_;
    }
    bool all_cached = std::all_of(graph.nodes().begin(), graph.nodes().end(), [](const GraphNode& n) { return n.cached; });
    if (stats_.voices_spoken == 0 && all_cached) {
      stats_.build.up_to_date = true;
      return stats_;
    }
    RuleTable rules;
    rules.set(NodeKind::kAnimaticSegment, [this](const NodeId& id) { return encode(*cut_index_.at(id.cut)); });
    rules.set(NodeKind::kAnimaticMix, [&](const NodeId& id) {
      auto m = audio::mix(fs_, mix.cues, mix.samples, mix.path);
      if (!m.is_ok()) return m.status();
      stats_.build.audio_mixed = 1;
      return log_.record(id.str(), mix.key, mix.inputs.list());
    });
    rules.set(NodeKind::kAnimaticDeliverable, [&](const NodeId& id) {
      media::EpisodeInputs in;
      for (const CutWork& c : cuts_) in.segments.push_back(c.path);
      in.mix_wav = mix.path;
      in.rate = p_.rate;
      in.total_frames = stats_.total_frames;
      SAKUGA_TRY(env_.encoders.mux(fs_, in, out));
      stats_.build.deliverables_written = 1;
      return log_.record(id.str(), deliverable_key, deliverable_inputs.list());
    });
    SAKUGA_TRY(run_nodes(graph, rules));
    stats_.build.frames_rendered = frames_rendered_;
    stats_.build.segments_encoded = segments_encoded_;
    SAKUGA_TRY(store_.record_build(stats_.artifacts));
    return stats_;
  }

 private:
  // Runs a graph through `rules` on -j threads; the first failure, or a stop, comes back.
  core::Status run_nodes(const Graph& graph, const RuleTable& rules) {
    auto executor = make_local_executor(rules, static_cast<size_t>(opt_.jobs));
    RunReport report = run_graph(graph, *executor, observers_, env_.clock, env_.stop);
    stats_.build.nodes_made += report.made;
    stats_.build.nodes_cached += report.cached;
    if (!report.first_error.is_ok()) return report.first_error;
    if (report.cancelled) {
      return core::error(core::ErrorCode::kCancelled, "interrupted: " + std::to_string(report.made) +
                                                          " animatic nodes made this build and kept; the next "
                                                          "build goes on from there");
    }
    return core::Status::ok();
  }

  struct Pending {  // a line whose voice must be spoken
    size_t cut;
    size_t line;
  };

  // Every line's sound: its take, else a scratch voice (made now if not cached), else silence.
  core::Status voices() {
    animatic::VoiceCast cast(p_.voices);
    bool warned_missing = false;
    std::vector<Pending> to_speak;
    for (const project::Cut& cut : p_.cuts) {
      CutWork w;
      w.cut = &cut;
      for (size_t i = 0; i < cut.dialogue.size(); ++i) {
        const project::DialogueLine& d = cut.dialogue[i];
        LineAudio a;
        a.id = NodeId::voice(cut.id, static_cast<int>(i + 1));
        if (d.take) {
          a.file = *d.take;
          a.name = cut.dialogue_source.path() + ": take '" + d.take_display + "'";
        } else if (speech_.available()) {
          if (d.reading.empty() && animatic::has_kanji(d.text)) {
            warnings_.warning(cut.dialogue_source, d.pos,
                              "the scratch voice cannot read kanji; it speaks only the kana of this line. Add "
                              "reading = \"...\" (in kana) for a full scratch voice");
          }
          a.spoken = animatic::scratch_text(d.text, d.reading);
          if (!a.spoken.empty()) {
            a.voice = cast.voice_for(d.speaker, a.spoken);
            a.voice_key = animatic::scratch_voice_key(speech_.id(), a.voice, a.spoken);
            a.file = store_.path(Artifact::kVoice, a.voice_key);
            a.name = cut.dialogue_source.path() + ": scratch voice of " + d.speaker + " (" + a.voice + ")";
            if (fs_.exists(*a.file)) {
              ++stats_.voices_cached;
              const LogEntry* had = log_.find(a.id.str());
              if (!had || had->key != a.voice_key) SAKUGA_TRY(log_.record(a.id.str(), a.voice_key, voice_inputs(a)));
            } else if (opt_.dry_run) {
              stats_.build.would_run.push_back(a.id.str() + ": " +
                                               explain(log_, a.id.str(), a.voice_key, voice_inputs(a), false));
            } else {
              to_speak.push_back({cuts_.size(), i});
            }
          }
        } else if (!warned_missing) {
          warned_missing = true;
          warnings_.warning(cut.dialogue_source, d.pos,
                            "espeak-ng is not installed, so the animatic's dialogue is silent (install espeak-ng, "
                            "or give lines a recorded take = \"...\")");
        }
        w.audio.push_back(std::move(a));
      }
      cuts_.push_back(std::move(w));
    }
    SAKUGA_TRY(speak_all(to_speak));
    for (CutWork& w : cuts_) {
      for (size_t i = 0; i < w.audio.size(); ++i) {
        LineAudio& a = w.audio[i];
        if (a.file && fs_.exists(*a.file)) {
          auto info = audio::probe(fs_, *a.file);
          if (!info.is_ok()) return info.status().with_context(a.name);
          a.frames = frames_for(info->frames, info->sample_rate, p_.rate);
        } else {
          if (!a.file) ++stats_.silent_lines;
          a.frames = silent_frames(w.cut->dialogue[i], p_.rate);  // silence, or a dry run that has not spoken yet
        }
      }
    }
    return core::Status::ok();
  }

  static std::vector<Input> voice_inputs(const LineAudio& a) {
    Inputs in;
    in.add("the line's words", a.spoken).add("the voice", a.voice);
    return in.list();
  }

  // Speaks the lines not in the store, a node each, several at a time. A line the synthesizer
  // fails on is a warning and silence; only a failure to store a voice stops the build.
  core::Status speak_all(const std::vector<Pending>& todo) {
    if (todo.empty()) return core::Status::ok();
    Graph graph;
    std::map<NodeId, size_t> which;
    for (size_t k = 0; k < todo.size(); ++k) {
      const LineAudio& a = cuts_[todo[k].cut].audio[todo[k].line];
      which[a.id] = k;
      graph.add(a.id);
    }
    std::vector<core::Status> failures(todo.size());
    RuleTable rules;
    rules.set(NodeKind::kVoice, [&](const NodeId& id) {
      size_t k = which.at(id);
      const LineAudio& a = cuts_[todo[k].cut].audio[todo[k].line];
      auto wav = speech_.speak(a.spoken, a.voice);
      if (!wav.is_ok()) {
        failures[k] = wav.status();  // said below, in line order
        return core::Status::ok();
      }
      SAKUGA_TRY(fs_.write_file(*a.file, *wav));
      return log_.record(id.str(), a.voice_key, voice_inputs(a));
    });
    SAKUGA_TRY(run_nodes(graph, rules));
    for (size_t k = 0; k < todo.size(); ++k) {
      CutWork& w = cuts_[todo[k].cut];
      LineAudio& a = w.audio[todo[k].line];
      if (!failures[k].is_ok()) {
        const project::DialogueLine& d = w.cut->dialogue[todo[k].line];
        warnings_.warning(w.cut->source, d.pos, "no scratch voice for this line, it stays silent: " +
                                                    failures[k].message());
        a.file.reset();
        continue;
      }
      ++stats_.voices_spoken;
    }
    return core::Status::ok();
  }

  void plan_cuts() {
    int64_t at = 0;
    for (CutWork& w : cuts_) {
      const project::Cut& cut = *w.cut;
      std::vector<int64_t> starts, lengths;
      for (size_t i = 0; i < cut.dialogue.size(); ++i) {
        starts.push_back(cut.dialogue[i].frame);
        lengths.push_back(w.audio[i].frames);
      }
      w.timing = animatic::time_lines(cut.duration_frames, starts, lengths);
      w.start = at;
      at += w.timing.frames;
      core::Hasher h;
      h.str("animatic segment").str(engine_).i64(p_.width).i64(p_.height).i64(p_.rate.num).i64(p_.rate.den);
      h.i64(w.start).i64(w.timing.frames).str(cut.id);
      if (cut.scene) {
        h.str(cut.scene->number).str(cut.scene->heading).i64(static_cast<int64_t>(cut.scene->action.size()));
        for (const auto& a : cut.scene->action) h.str(a);
      }
      for (size_t i = 0; i < cut.dialogue.size(); ++i) {
        const auto& d = cut.dialogue[i];
        h.str(d.speaker).str(d.parenthetical).str(d.text).i64(w.timing.starts[i]).i64(w.audio[i].frames);
      }
      for (const fs::path& panel : cut.board) {
        auto bytes = fs_.read_file(panel);
        core::Hash128 panel_key = bytes.is_ok() ? core::hash_bytes(*bytes) : core::Hash128{};
        h.str(panel.extension().string()).hash(panel_key);
        w.inputs.add(fs::relative(panel, p_.root).generic_string(), panel_key);
      }
      w.key = h.finish();
      w.path = store_.path(Artifact::kSegment, w.key);
      w.id = NodeId::animatic_segment(cut.id);
      w.inputs.add("engine", engine_).add("~the cards and panels of " + cut.id, w.key);
    }
    stats_.total_frames = at;
  }

  struct Mix {
    std::vector<audio::Cue> cues;
    int64_t samples = 0;
    core::Hash128 key;
    fs::path path;
    Inputs inputs;
  };

  core::Result<Mix> plan_mix() {
    Mix m;
    auto sample = [&](int64_t frame) { return core::frame_to_sample(frame, p_.rate, audio::kMixRate); };
    for (const CutWork& w : cuts_) {
      for (size_t i = 0; i < w.audio.size(); ++i) {
        const LineAudio& a = w.audio[i];
        if (a.file && fs_.exists(*a.file)) m.cues.push_back({*a.file, a.name, sample(w.start + w.timing.starts[i]), 0});
      }
      for (const project::SoundCue& s : w.cut->sounds) {
        m.cues.push_back({s.file, s.where + ": sound '" + s.display + "'", sample(w.start + s.frame), s.gain_db});
      }
    }
    for (const project::SoundCue& s : p_.music) {
      m.cues.push_back({s.file, s.where + ": music '" + s.display + "'", sample(s.frame), s.gain_db + kAnimaticMusicDb});
    }
    m.samples = sample(stats_.total_frames);
    core::Hasher h;
    h.str("animatic mix").str(engine_).i64(m.samples);
    for (const audio::Cue& c : m.cues) {
      SAKUGA_ASSIGN_OR_RETURN(std::string bytes, fs_.read_file(c.file));
      h.hash(core::hash_bytes(bytes)).i64(c.start_sample).f64(c.gain_db);
    }
    m.key = h.finish();
    m.path = store_.path(Artifact::kAudio, m.key);
    m.inputs.add("engine", engine_);
    for (const audio::Cue& c : m.cues) m.inputs.add(c.name, core::Hasher().i64(c.start_sample).f64(c.gain_db).finish());
    m.inputs.add("~the sound files", m.key);
    return m;
  }

  core::Status encode(const CutWork& w) {
    const project::Cut& cut = *w.cut;
    const int64_t n = w.timing.frames;
    animatic::Card card;
    card.cut_id = cut.id;
    if (cut.scene) {
      card.scene_number = cut.scene->number;
      card.heading = cut.scene->heading;
      card.action = cut.scene->action;
    }
    for (size_t i = 0; i < cut.dialogue.size(); ++i) {
      const auto& d = cut.dialogue[i];
      card.lines.push_back({d.speaker, d.parenthetical, d.text, w.timing.starts[i], w.audio[i].frames});
    }
    std::vector<core::Image<core::Rgba8>> panels;
    for (const fs::path& file : cut.board) {
      auto img = animatic::load_panel(fs_, file, p_.width, p_.height);
      if (!img.is_ok()) return img.status().with_context("storyboard panel " + fs::relative(file, p_.root).generic_string());
      panels.push_back(std::move(*img));
    }
    SAKUGA_ASSIGN_OR_RETURN(auto enc, env_.encoders.open_segment(fs_, w.path, video_));
    std::string left = "CUT " + cut.id + (card.scene_number.empty() ? "" : "   S" + card.scene_number);
    std::string total = core::format_duration(n, p_.rate);
    int64_t base_state = -2;
    core::Image<core::Rgba8> base;
    for (int64_t f = 0; f < n; ++f) {
      if (env_.stop && env_.stop->load()) return core::error(core::ErrorCode::kCancelled, "interrupted");
      int active = -1;
      for (size_t i = 0; i < card.lines.size(); ++i) {
        if (f >= card.lines[i].start && f < card.lines[i].start + card.lines[i].frames) active = static_cast<int>(i);
      }
      int64_t panel = panels.empty() ? -1 : f * static_cast<int64_t>(panels.size()) / n;
      int64_t state = (panel + 1) * 4096 + active;
      if (state != base_state) {
        base = panels.empty() ? animatic::render_card(card, active, p_.width, p_.height)
                              : animatic::render_panel(panels[static_cast<size_t>(panel)].cview(),
                                                       active >= 0 ? &card.lines[static_cast<size_t>(active)] : nullptr,
                                                       p_.width, p_.height);
        base_state = state;
      }
      core::Image<core::Rgba8> frame = base.clone();
      animatic::burn_in(frame.view(), {left, core::format_timecode(w.start + f, p_.rate) + "   " +
                                                 core::format_duration(f, p_.rate) + " / " + total});
      SAKUGA_TRY(enc->add_frame(frame.cview()));
      ++frames_rendered_;
      observers_.on_units(w.id, 1);
    }
    SAKUGA_TRY(enc->finish());
    ++segments_encoded_;
    return log_.record(w.id.str(), w.key, w.inputs.list());
  }

  Env& env_;
  core::FileSystem& fs_;
  const project::Project& p_;
  BuildOptions opt_;
  animatic::SpeechEngine& speech_;
  core::DiagnosticSink& warnings_;
  Store store_;
  BuildLog log_;
  Observers observers_;
  std::map<std::string, CutWork*> cut_index_;
  std::atomic<int64_t> frames_rendered_{0};
  std::atomic<int64_t> segments_encoded_{0};
  std::string engine_;
  media::VideoSettings video_;
  std::vector<CutWork> cuts_;
  AnimaticStats stats_;
};

}  // namespace

core::Result<AnimaticStats> build_animatic(Env& env, const project::Project& p, const BuildOptions& options,
                                           animatic::SpeechEngine& speech, core::DiagnosticSink& warnings) {
  return AnimaticRunner(env, p, options, speech, warnings).run();
}

}  // namespace sakuga::graph
