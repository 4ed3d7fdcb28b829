#include "graph/animatic_build.h"

#include <algorithm>
#include <cmath>

#include "animatic/animatic.h"
#include "audio/audio_file.h"
#include "audio/mixer.h"
#include "graph/plan.h"
#include "core/thread_pool.h"
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
  std::string id;                // "voice c002/1"
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
  std::string id;  // "animatic segment c002"
};

class AnimaticRunner {
 public:
  AnimaticRunner(core::FileSystem& fs, const project::Project& p, const BuildOptions& opt, Progress& progress,
                 animatic::SpeechEngine& speech, core::DiagnosticSink& warnings)
      : fs_(fs), p_(p), opt_(opt), progress_(progress), speech_(speech), warnings_(warnings),
        cache_(p.root / ".sakuga"), log_(BuildLog::load(fs, cache_ / "build.log")), engine_(engine_version()),
        video_(default_video_settings(p)) {}

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

    std::vector<CutWork*> dirty;
    int64_t frames_to_render = 0;
    for (CutWork& c : cuts_) {
      if (fs_.exists(c.path)) continue;
      dirty.push_back(&c);
      frames_to_render += c.timing.frames;
    }
    bool mix_dirty = !fs_.exists(mix.path);
    const core::Hash128* delivered = log_.find(stats_.deliverable_id);
    bool deliverable_dirty = !delivered || *delivered != deliverable_key || !fs_.exists(out);

    if (opt_.dry_run) {
      for (const CutWork* c : dirty) stats_.build.would_run.push_back(c->id + ": " + explain(log_, c->id, c->key, false));
      if (mix_dirty) stats_.build.would_run.push_back("animatic mix: " + explain(log_, "animatic mix", mix.key, false));
      if (deliverable_dirty) {
        stats_.build.would_run.push_back(stats_.deliverable_id + ": " +
                                         explain(log_, stats_.deliverable_id, deliverable_key, fs_.exists(out)));
      }
      stats_.build.up_to_date = stats_.build.would_run.empty();
      return stats_;
    }
    if (stats_.voices_spoken == 0 && dirty.empty() && !mix_dirty && !deliverable_dirty) {
      stats_.build.up_to_date = true;
      return stats_;
    }
    progress_.start(frames_to_render);
    for (CutWork* c : dirty) SAKUGA_TRY(encode(*c));
    if (mix_dirty) {
      progress_.stage("mixing the animatic's sound");
      auto m = audio::mix(fs_, mix.cues, mix.samples, mix.path);
      if (!m.is_ok()) return m.status();
      ++stats_.build.audio_mixed;
    }
    log_.record("animatic mix", mix.key);
    if (deliverable_dirty) {
      progress_.stage("writing " + stats_.deliverable_id);
      media::EpisodeInputs in;
      for (const CutWork& c : cuts_) in.segments.push_back(c.path);
      in.mix_wav = mix.path;
      in.rate = p_.rate;
      in.total_frames = stats_.total_frames;
      SAKUGA_TRY(media::mux_episode(fs_, in, out));
      ++stats_.build.deliverables_written;
    }
    log_.record(stats_.deliverable_id, deliverable_key);
    progress_.finish();
    SAKUGA_TRY(log_.save(fs_, cache_ / "build.log"));
    return stats_;
  }

 private:
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
        a.id = "voice " + cut.id + "/" + std::to_string(i + 1);
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
            a.file = cache_ / "voices" / (a.voice_key.hex() + ".wav");
            a.name = cut.dialogue_source.path() + ": scratch voice of " + d.speaker + " (" + a.voice + ")";
            if (fs_.exists(*a.file)) {
              ++stats_.voices_cached;
              log_.record(a.id, a.voice_key);
            } else if (opt_.dry_run) {
              stats_.build.would_run.push_back(a.id + ": " + explain(log_, a.id, a.voice_key, false));
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

  // Speaks the lines not in the cache, several programs at a time. A line the synthesizer fails on
  // is a warning and silence; only a failure to store a voice stops the build.
  core::Status speak_all(const std::vector<Pending>& todo) {
    if (todo.empty()) return core::Status::ok();
    progress_.stage("speaking " + std::to_string(todo.size()) + " scratch voice line" + (todo.size() == 1 ? "" : "s"));
    core::ThreadPool pool(static_cast<size_t>(opt_.jobs));
    std::vector<core::Result<std::string>> wavs(todo.size(), core::Result<std::string>(std::string()));
    pool.parallel_for(todo.size(), [&](size_t k) {
      const LineAudio& a = cuts_[todo[k].cut].audio[todo[k].line];
      wavs[k] = speech_.speak(a.spoken, a.voice);
    });
    for (size_t k = 0; k < todo.size(); ++k) {
      CutWork& w = cuts_[todo[k].cut];
      LineAudio& a = w.audio[todo[k].line];
      const project::DialogueLine& d = w.cut->dialogue[todo[k].line];
      if (!wavs[k].is_ok()) {
        warnings_.warning(w.cut->source, d.pos, "no scratch voice for this line, it stays silent: " +
                                                    wavs[k].status().message());
        a.file.reset();
        continue;
      }
      SAKUGA_TRY(fs_.write_file(*a.file, *wavs[k]));
      log_.record(a.id, a.voice_key);
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
        h.str(panel.extension().string()).hash(bytes.is_ok() ? core::hash_bytes(*bytes) : core::Hash128{});
      }
      w.key = h.finish();
      w.path = cache_ / "segments" / (w.key.hex() + ".mp4");
      w.id = "animatic segment " + cut.id;
    }
    stats_.total_frames = at;
  }

  struct Mix {
    std::vector<audio::Cue> cues;
    int64_t samples = 0;
    core::Hash128 key;
    fs::path path;
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
    m.path = cache_ / "audio" / (m.key.hex() + ".wav");
    return m;
  }

  core::Status encode(const CutWork& w) {
    const project::Cut& cut = *w.cut;
    const int64_t n = w.timing.frames;
    progress_.stage("animatic " + cut.id + " (" + std::to_string(n) + " frames)");
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
    SAKUGA_ASSIGN_OR_RETURN(auto enc, media::SegmentEncoder::create(fs_, w.path, video_));
    std::string left = "CUT " + cut.id + (card.scene_number.empty() ? "" : "   S" + card.scene_number);
    std::string total = core::format_duration(n, p_.rate);
    int64_t base_state = -2;
    core::Image<core::Rgba8> base;
    for (int64_t f = 0; f < n; ++f) {
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
      ++stats_.build.frames_rendered;
      progress_.frame_done();
    }
    SAKUGA_TRY(enc->finish());
    log_.record(w.id, w.key);
    ++stats_.build.segments_encoded;
    return core::Status::ok();
  }

  core::FileSystem& fs_;
  const project::Project& p_;
  BuildOptions opt_;
  Progress& progress_;
  animatic::SpeechEngine& speech_;
  core::DiagnosticSink& warnings_;
  fs::path cache_;
  BuildLog log_;
  std::string engine_;
  media::VideoSettings video_;
  std::vector<CutWork> cuts_;
  AnimaticStats stats_;
};

}  // namespace

core::Result<AnimaticStats> build_animatic(core::FileSystem& fs, const project::Project& p,
                                           const BuildOptions& options, Progress& progress,
                                           animatic::SpeechEngine& speech, core::DiagnosticSink& warnings) {
  return AnimaticRunner(fs, p, options, progress, speech, warnings).run();
}

}  // namespace sakuga::graph
