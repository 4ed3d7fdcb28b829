#include "graph/progress.h"

#include <chrono>
#include <mutex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace sakuga::graph {
namespace {

std::string quote(const std::string& s) { return nlohmann::json(s).dump(); }

class TerminalProgress final : public Observer {
 public:
  explicit TerminalProgress(std::FILE* out) : out_(out) {}
  void on_plan(int64_t nodes, int64_t units) override {
    std::lock_guard lock(mu_);
    nodes_ = nodes;
    units_ = units;
  }
  void on_node(const NodeEvent& e) override {
    std::lock_guard lock(mu_);
    if (e.state == NodeState::kStarted) running_.insert(e.id.str());
    if (e.state != NodeState::kStarted) running_.erase(e.id.str());
    if (e.state == NodeState::kFinished || e.state == NodeState::kFailed) ++made_;
    draw();
  }
  void on_units(const NodeId&, int64_t units) override {
    std::lock_guard lock(mu_);
    done_ += units;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ > std::chrono::milliseconds(100) || done_ == units_) {
      last_ = now;
      draw();
    }
  }
  void on_end() override {
    std::lock_guard lock(mu_);
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }

 private:
  void draw() {
    constexpr int kWidth = 30;
    int filled = units_ > 0 ? static_cast<int>(done_ * kWidth / units_) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::string now;
    for (const std::string& r : running_) now += (now.empty() ? "" : ", ") + r;
    std::fprintf(out_, "\r\033[K[%s] %lld/%lld frames, %lld/%lld nodes  %s", bar.c_str(),
                 static_cast<long long>(done_), static_cast<long long>(units_), static_cast<long long>(made_),
                 static_cast<long long>(nodes_), now.c_str());
    std::fflush(out_);
  }
  std::FILE* out_;
  std::mutex mu_;
  int64_t nodes_ = 0, units_ = 0, done_ = 0, made_ = 0;
  std::set<std::string> running_;
  std::chrono::steady_clock::time_point last_{};
};

class PlainProgress final : public Observer {
 public:
  explicit PlainProgress(std::FILE* out) : out_(out) {}
  void on_plan(int64_t nodes, int64_t units) override {
    std::lock_guard lock(mu_);
    std::fprintf(out_, "%lld node%s to make (%lld frames to encode)\n", static_cast<long long>(nodes),
                 nodes == 1 ? "" : "s", static_cast<long long>(units));
    std::fflush(out_);
  }
  void on_node(const NodeEvent& e) override {
    if (e.state != NodeState::kStarted && e.state != NodeState::kFailed) return;
    std::lock_guard lock(mu_);
    if (e.state == NodeState::kStarted) {
      std::fprintf(out_, "[%lld/%lld] %s\n", static_cast<long long>(e.done + 1), static_cast<long long>(e.total),
                   e.id.str().c_str());
    } else {
      std::fprintf(out_, "failed: %s: %s\n", e.id.str().c_str(), e.message.c_str());
    }
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  std::mutex mu_;
};

class JsonProgress final : public Observer {
 public:
  explicit JsonProgress(std::FILE* out) : out_(out) {}
  void on_node(const NodeEvent& e) override {
    std::string line = "{\"id\":" + quote(e.id.str()) + ",\"kind\":\"" + kind_name(e.id.kind) +
                       "\",\"state\":\"" + state_name(e.state) + "\",\"done\":" + std::to_string(e.done) +
                       ",\"total\":" + std::to_string(e.total);
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.3f", e.elapsed_s);
    line += std::string(",\"elapsed\":") + elapsed;
    if (!e.message.empty()) line += ",\"message\":" + quote(e.message);
    line += "}\n";
    std::lock_guard lock(mu_);
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  std::mutex mu_;
};

}  // namespace

std::unique_ptr<Observer> make_terminal_progress(std::FILE* out) { return std::make_unique<TerminalProgress>(out); }
std::unique_ptr<Observer> make_plain_progress(std::FILE* out) { return std::make_unique<PlainProgress>(out); }
std::unique_ptr<Observer> make_json_progress(std::FILE* out) { return std::make_unique<JsonProgress>(out); }

}  // namespace sakuga::graph
