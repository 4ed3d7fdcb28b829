#pragma once
/// The build log (`.sakuga/build.log`): for every node, the key and the inputs it had when it was
/// last made, so a later build can say which input made it run again.
///
/// A line is appended as each node finishes (one write, so a build killed at any moment loses at
/// most the line it was writing, and a cut-short last line is ignored). Later lines win. Loading
/// recompacts the file, as ninja does, when old lines outnumber live ones.
///
///   # sakuga build log v2
///   <key hex> TAB <node id> TAB <input name> TAB <hash hex> TAB <input name> TAB <hash hex> ...
///   - TAB <node id>                        (the node's product was removed)

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/fs.h"
#include "graph/node.h"

namespace sakuga::graph {

namespace fs = std::filesystem;

struct LogEntry {
  core::Hash128 key;
  std::vector<Input> inputs;
};

class BuildLog {
 public:
  BuildLog() = default;
  BuildLog(BuildLog&& other) noexcept;
  BuildLog& operator=(BuildLog&& other) noexcept;

  /// Reads the log at `path` (empty when missing or of another version). A `writable` log is
  /// recompacted when it holds many superseded lines, and later records go to the same file; a
  /// log that is not (dry runs) is never written.
  static BuildLog open(core::FileSystem& fs, const fs::path& path, bool writable = true);

  /// nullptr when the node was never made (or was forgotten).
  const LogEntry* find(const std::string& id) const;
  /// Records that `id` was made with `key` from `inputs`: kept in memory and appended to the file.
  /// Thread-safe.
  core::Status record(const std::string& id, const core::Hash128& key, const std::vector<Input>& inputs = {});
  core::Status forget(const std::string& id);
  /// Every live node id that starts with `prefix`, in order.
  std::vector<std::string> ids(std::string_view prefix) const;
  size_t size() const;
  /// Lines in the file as loaded (for tests of recompaction).
  size_t lines_loaded() const { return lines_loaded_; }

 private:
  core::Status append(const std::string& line);

  core::FileSystem* fs_ = nullptr;
  fs::path path_;
  mutable std::mutex mu_;
  std::map<std::string, LogEntry> entries_;
  bool header_written_ = false;
  size_t lines_loaded_ = 0;
};

/// Why a node must run, for `--dry-run` and `--explain`: "new", "its output is missing",
/// "cuts/c001/A/1.svg changed", "the engine changed", or "up to date".
std::string explain(const BuildLog& log, const std::string& id, const core::Hash128& key,
                    const std::vector<Input>& inputs, bool product_exists);

}  // namespace sakuga::graph
