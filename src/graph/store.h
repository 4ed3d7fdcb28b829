#pragma once
/// The content-addressed store: the one place that knows how `.sakuga/` is laid out.
///
///   .sakuga/build.log                  keys and inputs of every node made (graph/log.h)
///   .sakuga/lock                       the pid of the build that holds the project (graph/lock.h)
///   .sakuga/segments/ab/ab12...ef.mp4  a cut's video, encoded
///   .sakuga/audio/ab/ab12...ef.wav     a mastered mix
///   .sakuga/inbetween/ab/ab12...ef.svg a generated in-between
///   .sakuga/voices/ab/ab12...ef.wav    a scratch voice
///   .sakuga/builds/000042.txt          what build 42 referenced, for `sakuga gc --keep-last N`
///   .sakuga/tmp/                       scratch files of a running build (the premix)
///
/// An artifact is named by its key, and written atomically, so an artifact that exists is whole
/// and is exactly what its key says: a build killed at any moment leaves nothing to trust wrongly.
/// Frames are not stored: compositing one costs less than compressing it (see README).

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/fs.h"
#include "core/hash.h"

namespace sakuga::graph {

namespace fs = std::filesystem;

/// The engine version that goes into every key: bump it when any stage's output changes.
std::string engine_version();

enum class Artifact { kSegment, kAudio, kInbetween, kVoice };
inline constexpr int kArtifactCount = 4;
const char* artifact_name(Artifact a);  ///< "segments", "audio", "inbetween", "voices"

struct KindUsage {
  std::string kind;  ///< an artifact's folder name, "log", "temporary" or "other"
  int64_t files = 0;
  int64_t bytes = 0;
};

struct GcResult {
  int64_t removed_files = 0;
  int64_t removed_bytes = 0;
  int64_t kept_files = 0;
  int64_t kept_bytes = 0;
};

class Store {
 public:
  /// The store of the project at `project_root`. The file system must outlive the store.
  Store(core::FileSystem& fs, const fs::path& project_root);

  core::FileSystem& fs() const { return *fs_; }
  const fs::path& dir() const { return dir_; }
  fs::path log_path() const { return dir_ / "build.log"; }
  fs::path lock_path() const { return dir_ / "lock"; }

  /// Where the artifact of `kind` with `key` lives (whether or not it exists).
  fs::path path(Artifact kind, const core::Hash128& key) const;
  /// A scratch file of a running build, `.sakuga/tmp/NAME`.
  fs::path scratch(std::string_view name) const { return dir_ / "tmp" / std::string(name); }

  bool has(Artifact kind, const core::Hash128& key) const { return fs_->exists(path(kind, key)); }
  core::Result<std::string> get(Artifact kind, const core::Hash128& key) const;
  /// Writes atomically.
  core::Status put(Artifact kind, const core::Hash128& key, std::string_view bytes) const;

  /// Removes the temporary files that builds killed part way through left under `.sakuga/` and
  /// `extra` folders (`NAME.tmp.PID.N`, whose process is gone). Returns how many went.
  int remove_litter(const std::vector<fs::path>& extra = {}) const;

  /// Bytes and files under `.sakuga/`, per kind of artifact, in layout order.
  std::vector<KindUsage> usage() const;

  /// Notes the artifacts a finished build referenced (kept for the last 20 builds).
  core::Status record_build(const std::vector<fs::path>& referenced) const;
  /// Removes every file under `.sakuga/` except the log, the lock, the build records, `keep` and
  /// what the last `keep_last` builds referenced. Temporary files left by killed builds go too.
  /// With `dry_run`, counts without removing.
  core::Result<GcResult> gc(const std::set<fs::path>& keep, int keep_last, bool dry_run) const;

 private:
  core::FileSystem* fs_;
  fs::path dir_;
};

}  // namespace sakuga::graph
