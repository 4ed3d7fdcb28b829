#pragma once
/// The build lock: one build (or gc) of a project at a time. `.sakuga/lock` holds the pid of the
/// process that holds it, under an advisory lock (flock) that the kernel lets go when that process
/// ends however it ends, so a lock whose holder died is simply taken over.

#include <filesystem>
#include <optional>
#include <utility>

#include "core/result.h"

namespace sakuga::graph {

class BuildLock {
 public:
  /// Takes the lock at `path` (creating its folder). When another live process holds it, an
  /// error naming that process's pid: "another sakuga (pid 4242) is building this project".
  static core::Result<BuildLock> acquire(const std::filesystem::path& path);
  BuildLock(BuildLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  BuildLock& operator=(BuildLock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~BuildLock();

 private:
  explicit BuildLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace sakuga::graph
