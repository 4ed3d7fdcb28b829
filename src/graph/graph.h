#pragma once
/// The build graph: one node per drawing, cel, frame, cut segment, audio mix and deliverable, each
/// keyed by the hash of its inputs' content, its parameters and the engine version. Artifacts are
/// content-addressed under `.sakuga/` (the key names the file), so a node whose artifact exists is
/// done, and frames that come out the same (held drawings, a still camera) are made once.
///
///   drawing ──> cel ──┐
///   background ───────┴─> frame ──> segment (one per cut) ──┐
///   sound files ────────────────────> audio mix ────────────┴─> deliverable (out/NAME.mp4)

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/fs.h"
#include "core/hash.h"

namespace sakuga::graph {

namespace fs = std::filesystem;

enum class NodeKind { kDrawing, kCel, kFrame, kSegment, kAudio, kDeliverable };
const char* kind_name(NodeKind k);

/// The engine version that goes into every key: bump it when any stage's output changes.
std::string engine_version();

/// The build log (`.sakuga/build.log`): the key each node had when it was last built, so a later
/// build can say why a node runs again. Text, one "KEY ID" per line.
class BuildLog {
 public:
  static BuildLog load(core::FileSystem& fs, const fs::path& path);
  core::Status save(core::FileSystem& fs, const fs::path& path) const;

  /// nullptr when the node was never built.
  const core::Hash128* find(const std::string& id) const;
  void record(const std::string& id, const core::Hash128& key) { entries_[id] = key; }
  void forget(const std::string& id) { entries_.erase(id); }
  /// Every node id that starts with `prefix`, in order.
  std::vector<std::string> ids(std::string_view prefix) const {
    std::vector<std::string> out;
    for (auto it = entries_.lower_bound(std::string(prefix)); it != entries_.end() && it->first.starts_with(prefix); ++it) {
      out.push_back(it->first);
    }
    return out;
  }
  const std::string& engine() const { return engine_; }

 private:
  std::map<std::string, core::Hash128> entries_;
  std::string engine_;
};

/// Why a node must run, for `--dry-run` and `--explain`.
std::string explain(const BuildLog& log, const std::string& id, const core::Hash128& key, bool artifact_exists);

}  // namespace sakuga::graph
