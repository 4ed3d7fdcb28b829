#include "graph/store.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <array>
#include <cstdio>
#include <functional>
#include <map>

namespace sakuga::graph {
namespace {

constexpr std::array<const char*, kArtifactCount> kFolders = {"segments", "audio", "inbetween", "voices"};
constexpr std::array<const char*, kArtifactCount> kExtensions = {".mp4", ".wav", ".svg", ".wav"};
constexpr int kBuildRecordsKept = 20;

// Every file under `dir`, depth first in name order.
void walk(core::FileSystem& fs, const fs::path& dir, const std::function<void(const fs::path&)>& visit) {
  for (const std::string& name : fs.list_directory(dir)) {
    fs::path p = dir / name;
    if (fs.is_directory(p)) {
      walk(fs, p, visit);
    } else {
      visit(p);
    }
  }
}

int64_t file_size(core::FileSystem& fs, const fs::path& p) {
  auto st = fs.stat(p);
  return st.is_ok() ? st->size : 0;
}

}  // namespace

std::string engine_version() { return SAKUGA_ENGINE_VERSION; }

const char* artifact_name(Artifact a) { return kFolders[static_cast<size_t>(a)]; }

Store::Store(core::FileSystem& fs, const fs::path& project_root) : fs_(&fs), dir_(project_root / ".sakuga") {}

fs::path Store::path(Artifact kind, const core::Hash128& key) const {
  std::string hex = key.hex();
  return dir_ / kFolders[static_cast<size_t>(kind)] / hex.substr(0, 2) / (hex + kExtensions[static_cast<size_t>(kind)]);
}

core::Result<std::string> Store::get(Artifact kind, const core::Hash128& key) const {
  return fs_->read_file(path(kind, key));
}

core::Status Store::put(Artifact kind, const core::Hash128& key, std::string_view bytes) const {
  return fs_->write_file(path(kind, key), bytes);
}

// The pid in "NAME.tmp.PID.N" (core::DiskFileSystem's temporary names), or 0.
static long litter_pid(const std::string& name) {
  size_t at = name.rfind(".tmp.");
  if (at == std::string::npos) return 0;
  char* end = nullptr;
  long pid = std::strtol(name.c_str() + at + 5, &end, 10);
  return pid > 0 && end && *end == '.' ? pid : 0;
}

int Store::remove_litter(const std::vector<fs::path>& extra) const {
  int removed = 0;
  std::vector<fs::path> roots = {dir_};
  roots.insert(roots.end(), extra.begin(), extra.end());
  for (const fs::path& root : roots) {
    walk(*fs_, root, [&](const fs::path& p) {
      long pid = litter_pid(p.filename().string());
      if (pid == 0 || (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) return;  // none, or alive
      if (fs_->remove(p).is_ok()) ++removed;
    });
  }
  return removed;
}

std::vector<KindUsage> Store::usage() const {
  std::map<std::string, KindUsage> by;
  std::vector<std::string> order;
  for (const char* f : kFolders) order.push_back(f);
  for (const char* f : {"log", "temporary", "other"}) order.push_back(f);
  for (const std::string& k : order) by[k].kind = k;
  walk(*fs_, dir_, [&](const fs::path& p) {
    std::string top = p.lexically_relative(dir_).begin()->string();
    std::string kind = "other";
    if (std::find(kFolders.begin(), kFolders.end(), top) != kFolders.end()) kind = top;
    if (top == "build.log" || top == "builds" || top == "lock") kind = "log";
    if (top == "tmp" || p.filename().string().find(".tmp.") != std::string::npos) kind = "temporary";
    by[kind].files += 1;
    by[kind].bytes += file_size(*fs_, p);
  });
  std::vector<KindUsage> out;
  for (const std::string& k : order) out.push_back(by[k]);
  return out;
}

core::Status Store::record_build(const std::vector<fs::path>& referenced) const {
  fs::path records = dir_ / "builds";
  std::vector<std::string> names = fs_->list_directory(records);
  int last = 0;
  for (const std::string& n : names) last = std::max(last, std::atoi(n.c_str()));
  std::string text;
  for (const fs::path& p : referenced) text += p.lexically_relative(dir_).generic_string() + "\n";
  char name[32];
  std::snprintf(name, sizeof name, "%06d.txt", last + 1);
  SAKUGA_TRY(fs_->write_file(records / name, text));
  // The oldest records go; names sort in build order.
  for (size_t i = 0; i + kBuildRecordsKept < names.size() + 1; ++i) (void)fs_->remove(records / names[i]);
  return core::Status::ok();
}

core::Result<GcResult> Store::gc(const std::set<fs::path>& keep, int keep_last, bool dry_run) const {
  std::set<std::string> kept;
  for (const fs::path& p : keep) kept.insert(p.lexically_normal().string());
  fs::path records = dir_ / "builds";
  std::vector<std::string> names = fs_->list_directory(records);
  for (int i = 0; i < keep_last && i < static_cast<int>(names.size()); ++i) {
    auto text = fs_->read_file(records / names[names.size() - 1 - static_cast<size_t>(i)]);
    if (!text.is_ok()) continue;
    size_t at = 0;
    while (at < text->size()) {
      size_t nl = text->find('\n', at);
      if (nl == std::string::npos) nl = text->size();
      if (nl > at) kept.insert((dir_ / text->substr(at, nl - at)).lexically_normal().string());
      at = nl + 1;
    }
  }
  GcResult r;
  std::vector<fs::path> doomed;
  walk(*fs_, dir_, [&](const fs::path& p) {
    std::string top = p.lexically_relative(dir_).begin()->string();
    bool bookkeeping = top == "build.log" || top == "builds" || top == "lock";
    int64_t size = file_size(*fs_, p);
    if (bookkeeping || kept.count(p.lexically_normal().string())) {
      r.kept_files += 1;
      r.kept_bytes += size;
    } else {
      r.removed_files += 1;
      r.removed_bytes += size;
      doomed.push_back(p);
    }
  });
  if (!dry_run) {
    for (const fs::path& p : doomed) {
      SAKUGA_TRY(fs_->remove(p));
      // Folders left empty go too (on disk; in memory they vanish with their last file).
      for (fs::path d = p.parent_path(); d != dir_ && d.string().size() > dir_.string().size(); d = d.parent_path()) {
        if (!fs_->list_directory(d).empty() || !fs_->remove(d).is_ok()) break;
      }
    }
  }
  return r;
}

}  // namespace sakuga::graph
