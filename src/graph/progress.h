#pragma once
/// Build progress: a bar on a terminal, plain lines otherwise, nothing in tests.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace sakuga::graph {

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void start(int64_t total_frames) = 0;
  virtual void stage(const std::string& what) = 0;  ///< "encoding c002", "mixing audio"
  virtual void frame_done() = 0;
  virtual void finish() = 0;
};

std::unique_ptr<Progress> make_terminal_progress(std::FILE* out);  ///< redraws one line with \r
std::unique_ptr<Progress> make_plain_progress(std::FILE* out);     ///< one line per stage
std::unique_ptr<Progress> make_null_progress();

}  // namespace sakuga::graph
