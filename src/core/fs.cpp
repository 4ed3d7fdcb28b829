#include "core/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sakuga::core {
namespace {

Status io_error(const fs::path& path, const std::string& what) {
  return error(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
               path.string() + ": " + what + ": " + std::strerror(errno));
}

class DiskInputFile final : public InputFile {
 public:
  explicit DiskInputFile(std::FILE* f, int64_t size) : f_(f), size_(size) {}
  ~DiskInputFile() override { std::fclose(f_); }
  Result<size_t> read(std::span<uint8_t> buf) override {
    size_t n = std::fread(buf.data(), 1, buf.size(), f_);
    if (n < buf.size() && std::ferror(f_)) return error(ErrorCode::kIo, "read failed");
    return n;
  }
  Status seek(int64_t offset) override {
    if (fseeko(f_, offset, SEEK_SET) != 0) return error(ErrorCode::kIo, "seek failed");
    return Status::ok();
  }
  int64_t tell() const override { return ftello(f_); }
  int64_t size() const override { return size_; }

 private:
  std::FILE* f_;
  int64_t size_;
};

// Writes to "<name>.tmp.<pid>.<n>" beside the target, renamed over it on commit.
class DiskWriter final : public AtomicWriter {
 public:
  DiskWriter(std::FILE* f, fs::path tmp, fs::path final_path)
      : f_(f), tmp_(std::move(tmp)), final_(std::move(final_path)) {}
  ~DiskWriter() override {
    if (f_) {
      std::fclose(f_);
      std::error_code ec;
      fs::remove(tmp_, ec);
    }
  }
  Status write(std::span<const uint8_t> data) override {
    if (!f_) return error(ErrorCode::kIo, "write after commit");
    if (std::fwrite(data.data(), 1, data.size(), f_) != data.size()) return io_error(tmp_, "write failed");
    return Status::ok();
  }
  Result<size_t> read(std::span<uint8_t> buf) override {
    std::fflush(f_);
    size_t n = std::fread(buf.data(), 1, buf.size(), f_);
    if (n < buf.size() && std::ferror(f_)) return io_error(tmp_, "read failed");
    return n;
  }
  Status seek(int64_t offset) override {
    if (fseeko(f_, offset, SEEK_SET) != 0) return io_error(tmp_, "seek failed");
    return Status::ok();
  }
  int64_t tell() const override { return ftello(f_); }
  int64_t size() const override {
    std::fflush(f_);
    struct stat st {};
    return fstat(fileno(f_), &st) == 0 ? st.st_size : 0;
  }
  Status commit() override {
    if (!f_) return error(ErrorCode::kIo, "commit twice");
    bool ok = std::fflush(f_) == 0 && fsync(fileno(f_)) == 0;
    ok = std::fclose(f_) == 0 && ok;
    f_ = nullptr;
    if (!ok) {
      Status s = io_error(tmp_, "flush failed");
      std::error_code ec;
      fs::remove(tmp_, ec);
      return s;
    }
    if (std::rename(tmp_.c_str(), final_.c_str()) != 0) {
      Status s = io_error(final_, "rename failed");
      std::error_code ec;
      fs::remove(tmp_, ec);
      return s;
    }
    return Status::ok();
  }

 private:
  std::FILE* f_;
  fs::path tmp_;
  fs::path final_;
};

}  // namespace

Status FileSystem::write_file(const fs::path& path, std::string_view bytes) {
  SAKUGA_ASSIGN_OR_RETURN(auto w, create_atomic(path));
  SAKUGA_TRY(w->write({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}));
  return w->commit();
}

Result<std::string> DiskFileSystem::read_file(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return io_error(path, "cannot open");
  // Straight into the string at its size (sound files are read whole to hash them every plan);
  // then whatever a growing file added since.
  std::string out;
  struct stat st {};
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    out.resize(static_cast<size_t>(st.st_size));
    out.resize(std::fread(out.data(), 1, out.size(), f));
  }
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return io_error(path, "read failed");
  return out;
}

Result<std::unique_ptr<InputFile>> DiskFileSystem::open_read(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return io_error(path, "cannot open");
  struct stat st {};
  if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
    std::fclose(f);
    return error(ErrorCode::kIo, path.string() + ": not a regular file");
  }
  return std::unique_ptr<InputFile>(new DiskInputFile(f, st.st_size));
}

Result<std::unique_ptr<AtomicWriter>> DiskFileSystem::create_atomic(const fs::path& path) {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return error(ErrorCode::kIo, path.parent_path().string() + ": cannot create directory: " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(getpid()) + "." + std::to_string(counter++);
  std::FILE* f = std::fopen(tmp.c_str(), "w+b");
  if (!f) return io_error(tmp, "cannot create");
  return std::unique_ptr<AtomicWriter>(new DiskWriter(f, tmp, path));
}

bool DiskFileSystem::exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

bool DiskFileSystem::is_directory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

Result<FileInfo> DiskFileSystem::stat(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return io_error(path, "cannot stat");
  return FileInfo{st.st_size, static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

Status DiskFileSystem::remove(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return error(ErrorCode::kIo, path.string() + ": cannot remove: " + ec.message());
  return Status::ok();
}

std::vector<std::string> DiskFileSystem::list_directory(const fs::path& path) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    out.push_back(it->path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status DiskFileSystem::append_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(path, "cannot open for appending");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = io_error(path, "append failed");
      ::close(fd);
      return s;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return io_error(path, "append failed");
  return Status::ok();
}

// ---- in memory ----

namespace {

// Copies from `data` at `pos` into `out`, advancing `pos`.
size_t read_at(const std::string& data, size_t& pos, std::span<uint8_t> out) {
  size_t n = pos >= data.size() ? 0 : std::min(out.size(), data.size() - pos);
  std::memcpy(out.data(), data.data() + pos, n);
  pos += n;
  return n;
}

Status seek_to(size_t& pos, int64_t offset) {
  if (offset < 0) return error(ErrorCode::kIo, "negative seek");
  pos = static_cast<size_t>(offset);
  return Status::ok();
}

class MemoryInputFile final : public InputFile {
 public:
  explicit MemoryInputFile(std::string data) : data_(std::move(data)) {}
  Result<size_t> read(std::span<uint8_t> buf) override { return read_at(data_, pos_, buf); }
  Status seek(int64_t offset) override { return seek_to(pos_, offset); }
  int64_t tell() const override { return static_cast<int64_t>(pos_); }
  int64_t size() const override { return static_cast<int64_t>(data_.size()); }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace

class MemoryWriter final : public AtomicWriter {
 public:
  MemoryWriter(MemoryFileSystem* fs, fs::path path) : fs_(fs), path_(std::move(path)) {}
  Status write(std::span<const uint8_t> data) override {
    if (done_) return error(ErrorCode::kIo, "write after commit");
    if (pos_ + data.size() > buf_.size()) buf_.resize(pos_ + data.size());
    std::memcpy(buf_.data() + pos_, data.data(), data.size());
    pos_ += data.size();
    return Status::ok();
  }
  Result<size_t> read(std::span<uint8_t> out) override { return read_at(buf_, pos_, out); }
  Status seek(int64_t offset) override { return seek_to(pos_, offset); }
  int64_t tell() const override { return static_cast<int64_t>(pos_); }
  int64_t size() const override { return static_cast<int64_t>(buf_.size()); }
  Status commit() override {
    if (done_) return error(ErrorCode::kIo, "commit twice");
    done_ = true;
    fs_->publish(path_, std::move(buf_));
    return Status::ok();
  }

 private:
  MemoryFileSystem* fs_;
  fs::path path_;
  std::string buf_;
  size_t pos_ = 0;
  bool done_ = false;
};

Result<std::string> MemoryFileSystem::read_file(const fs::path& path) {
  std::lock_guard lock(mu_);
  auto it = files_.find(path.lexically_normal().string());
  if (it == files_.end()) return error(ErrorCode::kNotFound, path.string() + ": cannot open: No such file or directory");
  return it->second;
}

Result<std::unique_ptr<InputFile>> MemoryFileSystem::open_read(const fs::path& path) {
  SAKUGA_ASSIGN_OR_RETURN(std::string data, read_file(path));
  return std::unique_ptr<InputFile>(new MemoryInputFile(std::move(data)));
}

Result<std::unique_ptr<AtomicWriter>> MemoryFileSystem::create_atomic(const fs::path& path) {
  return std::unique_ptr<AtomicWriter>(new MemoryWriter(this, path.lexically_normal()));
}

bool MemoryFileSystem::exists(const fs::path& path) {
  return is_directory(path) || [&] {
    std::lock_guard lock(mu_);
    return files_.count(path.lexically_normal().string()) > 0;
  }();
}

bool MemoryFileSystem::is_directory(const fs::path& path) {
  std::lock_guard lock(mu_);
  std::string prefix = path.lexically_normal().string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Result<FileInfo> MemoryFileSystem::stat(const fs::path& path) {
  std::lock_guard lock(mu_);
  std::string key = path.lexically_normal().string();
  auto it = files_.find(key);
  if (it == files_.end()) return error(ErrorCode::kNotFound, path.string() + ": cannot stat: No such file or directory");
  return FileInfo{static_cast<int64_t>(it->second.size()), mtimes_[key]};
}

Status MemoryFileSystem::remove(const fs::path& path) {
  std::lock_guard lock(mu_);
  files_.erase(path.lexically_normal().string());
  return Status::ok();
}

std::vector<std::string> MemoryFileSystem::list_directory(const fs::path& path) {
  std::lock_guard lock(mu_);
  std::string prefix = path.lexically_normal().string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::vector<std::string> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    std::string name = it->first.substr(prefix.size());
    name = name.substr(0, name.find('/'));
    if (out.empty() || out.back() != name) out.push_back(name);
  }
  return out;
}

Status MemoryFileSystem::append_file(const fs::path& path, std::string_view bytes) {
  std::lock_guard lock(mu_);
  std::string key = path.lexically_normal().string();
  files_[key].append(bytes);
  ++writes_[key];
  mtimes_[key] = ++clock_;
  return Status::ok();
}

void MemoryFileSystem::put(const fs::path& path, std::string bytes) { publish(path.lexically_normal(), std::move(bytes)); }

void MemoryFileSystem::publish(const fs::path& path, std::string bytes) {
  std::lock_guard lock(mu_);
  std::string key = path.string();
  files_[key] = std::move(bytes);
  ++writes_[key];
  mtimes_[key] = ++clock_;
}

int MemoryFileSystem::write_count(const fs::path& path) const {
  std::lock_guard lock(mu_);
  auto it = writes_.find(path.lexically_normal().string());
  return it == writes_.end() ? 0 : it->second;
}

size_t MemoryFileSystem::file_count() const {
  std::lock_guard lock(mu_);
  return files_.size();
}

}  // namespace sakuga::core
