#include "graph/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sakuga::graph {

core::Result<BuildLock> BuildLock::acquire(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return core::error(core::ErrorCode::kIo, path.string() + ": cannot open the build lock: " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    if (err != EWOULDBLOCK) {
      return core::error(core::ErrorCode::kIo, path.string() + ": cannot take the build lock: " + std::strerror(err));
    }
    std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return core::error(core::ErrorCode::kIo, "another sakuga (pid " + (pid.empty() ? std::string("unknown") : pid) +
                                                 ") is building this project; it holds " + path.string() +
                                                 " until it ends");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    ::close(fd);
    return core::error(core::ErrorCode::kIo, path.string() + ": cannot write the build lock");
  }
  return BuildLock(fd);
}

BuildLock::~BuildLock() {
  if (fd_ < 0) return;
  // The file stays (another build may be opening it right now); the next holder rewrites the pid.
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace sakuga::graph
