#include "graph/graph.h"

#include <sstream>

namespace sakuga::graph {

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::kDrawing: return "drawing";
    case NodeKind::kCel: return "cel";
    case NodeKind::kFrame: return "frame";
    case NodeKind::kSegment: return "segment";
    case NodeKind::kAudio: return "audio";
    case NodeKind::kDeliverable: return "deliverable";
  }
  return "node";
}

std::string engine_version() { return SAKUGA_ENGINE_VERSION; }

BuildLog BuildLog::load(core::FileSystem& fs, const fs::path& path) {
  BuildLog log;
  auto text = fs.read_file(path);
  if (!text.is_ok()) return log;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# engine ", 0) == 0) {
      log.engine_ = line.substr(9);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find(' ');
    core::Hash128 h;
    if (sp == std::string::npos || !core::Hash128::from_hex(line.substr(0, sp), h)) continue;  // damaged line: forget it
    log.entries_[line.substr(sp + 1)] = h;
  }
  return log;
}

core::Status BuildLog::save(core::FileSystem& fs, const fs::path& path) const {
  std::string out = "# sakuga build log v1\n# engine " + engine_version() + "\n";
  for (const auto& [id, key] : entries_) out += key.hex() + " " + id + "\n";
  return fs.write_file(path, out);
}

const core::Hash128* BuildLog::find(const std::string& id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string explain(const BuildLog& log, const std::string& id, const core::Hash128& key, bool artifact_exists) {
  const core::Hash128* old = log.find(id);
  if (!old) return "new";
  if (*old != key) return log.engine() != engine_version() ? "the engine changed" : "its inputs changed";
  if (!artifact_exists) return "its output is missing";
  return "up to date";
}

}  // namespace sakuga::graph
