#include "graph/progress.h"

#include <chrono>

namespace sakuga::graph {
namespace {

class TerminalProgress final : public Progress {
 public:
  explicit TerminalProgress(std::FILE* out) : out_(out) {}
  void start(int64_t total) override { total_ = total; }
  void stage(const std::string& what) override {
    std::lock_guard lock(mu_);
    stage_ = what;
    draw();
  }
  void frame_done() override {
    std::lock_guard lock(mu_);
    ++done_;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ > std::chrono::milliseconds(100) || done_ == total_) {
      last_ = now;
      draw();
    }
  }
  void finish() override {
    std::lock_guard lock(mu_);
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }

 private:
  void draw() {
    constexpr int kWidth = 30;
    int filled = total_ > 0 ? static_cast<int>(done_ * kWidth / total_) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(out_, "\r\033[K[%s] %lld/%lld frames  %s", bar.c_str(), static_cast<long long>(done_),
                 static_cast<long long>(total_), stage_.c_str());
    std::fflush(out_);
  }
  std::FILE* out_;
  std::mutex mu_;
  int64_t total_ = 0;
  int64_t done_ = 0;
  std::string stage_;
  std::chrono::steady_clock::time_point last_{};
};

class PlainProgress final : public Progress {
 public:
  explicit PlainProgress(std::FILE* out) : out_(out) {}
  void start(int64_t total) override {
    std::fprintf(out_, "%lld frames to encode (rendered or read from the cache)\n", static_cast<long long>(total));
  }
  void stage(const std::string& what) override {
    std::fprintf(out_, "%s\n", what.c_str());
    std::fflush(out_);
  }
  void frame_done() override {}
  void finish() override {}

 private:
  std::FILE* out_;
};

class NullProgress final : public Progress {
 public:
  void start(int64_t) override {}
  void stage(const std::string&) override {}
  void frame_done() override {}
  void finish() override {}
};

}  // namespace

std::unique_ptr<Progress> make_terminal_progress(std::FILE* out) { return std::make_unique<TerminalProgress>(out); }
std::unique_ptr<Progress> make_plain_progress(std::FILE* out) { return std::make_unique<PlainProgress>(out); }
std::unique_ptr<Progress> make_null_progress() { return std::make_unique<NullProgress>(); }

}  // namespace sakuga::graph
