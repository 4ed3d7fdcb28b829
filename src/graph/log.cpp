#include "graph/log.h"

namespace sakuga::graph {
namespace {

constexpr std::string_view kHeader = "# sakuga build log v2\n";

// Names are printed as they are; a tab or newline in one would break the line, so they go.
std::string clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string entry_line(const std::string& id, const LogEntry& e) {
  std::string line = e.key.hex() + "\t" + clean(id);
  for (const Input& in : e.inputs) line += "\t" + clean(in.name) + "\t" + in.hash.hex();
  return line + "\n";
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (true) {
    size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos) return out;
    at = tab + 1;
  }
}

}  // namespace

BuildLog::BuildLog(BuildLog&& other) noexcept { *this = std::move(other); }

BuildLog& BuildLog::operator=(BuildLog&& other) noexcept {
  if (this == &other) return *this;
  std::scoped_lock lock(mu_, other.mu_);
  fs_ = other.fs_;
  path_ = std::move(other.path_);
  entries_ = std::move(other.entries_);
  header_written_ = other.header_written_;
  lines_loaded_ = other.lines_loaded_;
  return *this;
}

BuildLog BuildLog::open(core::FileSystem& fs, const fs::path& path, bool writable) {
  BuildLog log;
  log.fs_ = &fs;
  if (writable) log.path_ = path;
  auto text = fs.read_file(path);
  if (!text.is_ok() || !std::string_view(*text).starts_with(kHeader)) return log;  // none yet, or another version
  std::string_view all(*text);
  all.remove_prefix(kHeader.size());
  // A last line without its newline was being written when the build stopped: it does not count.
  if (size_t end = all.rfind('\n'); end == std::string_view::npos) {
    all = {};
  } else {
    all = all.substr(0, end + 1);
  }
  size_t at = 0;
  while (at < all.size()) {
    size_t nl = all.find('\n', at);
    std::string_view line = all.substr(at, nl - at);
    at = nl + 1;
    ++log.lines_loaded_;
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f.size() == 2 && f[0] == "-") {
      log.entries_.erase(std::string(f[1]));
      continue;
    }
    LogEntry e;
    if (f.size() < 2 || f.size() % 2 != 0 || !core::Hash128::from_hex(f[0], e.key)) continue;  // damaged: forget it
    bool ok = true;
    for (size_t i = 2; i + 1 < f.size(); i += 2) {
      Input in{std::string(f[i]), {}};
      ok = ok && core::Hash128::from_hex(f[i + 1], in.hash);
      e.inputs.push_back(std::move(in));
    }
    if (ok) log.entries_[std::string(f[1])] = std::move(e);
  }
  log.header_written_ = true;
  // Recompact: rewrite the live entries alone (atomically) when most lines are superseded.
  if (writable && log.lines_loaded_ > 2 * log.entries_.size() + 64) {
    std::string out(kHeader);
    for (const auto& [id, e] : log.entries_) out += entry_line(id, e);
    (void)fs.write_file(path, out);  // on failure the long log still reads the same
  }
  return log;
}

const LogEntry* BuildLog::find(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

core::Status BuildLog::append(const std::string& line) {
  if (path_.empty() || !fs_) return core::Status::ok();
  if (!header_written_) {
    // A log of another version (or none) is replaced, not appended to.
    SAKUGA_TRY(fs_->write_file(path_, std::string(kHeader) + line));
    header_written_ = true;
    return core::Status::ok();
  }
  return fs_->append_file(path_, line);
}

core::Status BuildLog::record(const std::string& id, const core::Hash128& key, const std::vector<Input>& inputs) {
  std::lock_guard lock(mu_);
  LogEntry& e = entries_[id];
  e.key = key;
  e.inputs = inputs;
  return append(entry_line(id, e));
}

core::Status BuildLog::forget(const std::string& id) {
  std::lock_guard lock(mu_);
  if (entries_.erase(id) == 0) return core::Status::ok();
  return append("-\t" + clean(id) + "\n");
}

std::vector<std::string> BuildLog::ids(std::string_view prefix) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (auto it = entries_.lower_bound(std::string(prefix)); it != entries_.end() && it->first.starts_with(prefix); ++it) {
    out.push_back(it->first);
  }
  return out;
}

size_t BuildLog::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::string explain(const BuildLog& log, const std::string& id, const core::Hash128& key,
                    const std::vector<Input>& inputs, bool product_exists) {
  const LogEntry* old = log.find(id);
  if (!old) return "new";
  if (old->key == key) return product_exists ? "up to date" : "its output is missing";
  std::vector<std::string> why = changed_inputs(old->inputs, inputs);
  if (why.empty()) return "its inputs changed";
  std::string out;
  for (size_t i = 0; i < why.size() && i < 4; ++i) out += (i ? ", " : "") + why[i];
  if (why.size() > 4) out += " and " + std::to_string(why.size() - 4) + " more";
  return out;
}

}  // namespace sakuga::graph
