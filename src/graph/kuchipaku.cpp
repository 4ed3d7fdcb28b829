#include "graph/kuchipaku.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/utf8.h"
#include "graph/store.h"

namespace sakuga::graph {
namespace {

struct Line {
  const project::DialogueLine* line = nullptr;
  std::string voice, spoken;
  core::Hash128 key;
};

}  // namespace

core::Status time_mouths_from_scratch_voices(Env& env, project::Project& p, animatic::SpeechEngine& speech,
                                             bool may_write, int jobs, core::DiagnosticSink& sink) {
  // A takeless line a mouth layer of its cut is timed to.
  auto mouthed = [](const project::Cut& c, const project::DialogueLine& d) {
    return !d.take && std::any_of(c.layers.begin(), c.layers.end(), [&](const project::Layer& l) {
             return l.lip_synced && core::ascii_upper(d.speaker) == l.mouth_of;
           });
  };
  bool needed = std::any_of(p.cuts.begin(), p.cuts.end(), [&](const project::Cut& c) {
    return std::any_of(c.dialogue.begin(), c.dialogue.end(), [&](const auto& d) { return mouthed(c, d); });
  });
  if (!needed) return core::Status::ok();
  // Every takeless line in order, cast as the animatic casts them; a node for each one a mouth
  // layer will be timed to and the store lacks.
  Store store(env.fs, p.root);
  animatic::VoiceCast cast(p.voices);
  std::map<NodeId, Line> lines;
  std::map<const project::DialogueLine*, NodeId> ids;
  Graph graph;
  if (speech.available()) {  // without a synthesizer no line has a voice: every such mouth stays closed
    for (const project::Cut& c : p.cuts) {
      for (size_t i = 0; i < c.dialogue.size(); ++i) {
        const project::DialogueLine& d = c.dialogue[i];
        if (d.take) continue;
        std::string spoken = animatic::scratch_text(d.text, d.reading);
        if (spoken.empty()) continue;
        std::string voice = cast.voice_for(d.speaker, spoken);  // cast every line, in order
        if (!mouthed(c, d)) continue;
        NodeId id = NodeId::voice(c.id, static_cast<int>(i + 1));
        Line& line = lines[id];
        line = {&d, voice, spoken, animatic::scratch_voice_key(speech.id(), voice, spoken)};
        ids[&d] = id;
        graph.add(id, {}, store.has(Artifact::kVoice, line.key));
      }
    }
  }
  std::mutex mu;
  std::map<NodeId, std::string> spoken_now;  // voices not stored (a check or a dry run)
  RuleTable rules;
  rules.set(NodeKind::kVoice, [&](const NodeId& id) -> core::Status {
    const Line& line = lines.at(id);
    auto wav = speech.speak(line.spoken, line.voice);
    if (!wav.is_ok()) return core::Status::ok();  // the line's mouth stays closed, as with no voice
    if (may_write) return store.put(Artifact::kVoice, line.key, *wav);
    std::lock_guard lock(mu);
    spoken_now[id] = std::move(*wav);
    return core::Status::ok();
  });
  auto executor = make_local_executor(rules, static_cast<size_t>(jobs));
  Observers none;
  RunReport report = run_graph(graph, *executor, none, env.clock, env.stop);
  if (!report.first_error.is_ok()) return report.first_error;
  if (report.cancelled) return core::error(core::ErrorCode::kCancelled, "interrupted while speaking scratch voices");

  project::VoiceSource source = [&](const project::Cut&, const project::DialogueLine& d) -> std::optional<project::Voice> {
    auto id = ids.find(&d);
    if (id == ids.end()) return std::nullopt;
    std::string bytes;
    if (auto it = spoken_now.find(id->second); it != spoken_now.end()) {
      bytes = it->second;
    } else if (auto stored = store.get(Artifact::kVoice, lines.at(id->second).key); stored.is_ok()) {
      bytes = std::move(*stored);
    } else {
      return std::nullopt;
    }
    core::MemoryFileSystem mem;
    mem.put("voice.wav", std::move(bytes));
    return project::read_voice(mem, "voice.wav");
  };
  project::time_mouths(env.fs, p, source, sink);
  return core::Status::ok();
}

}  // namespace sakuga::graph
