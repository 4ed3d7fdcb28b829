#include "graph/scheduler.h"

#include <algorithm>
#include <cassert>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace sakuga::graph {
namespace {

class LocalExecutor final : public Executor {
 public:
  LocalExecutor(const RuleTable& rules, size_t threads) : rules_(rules) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~LocalExecutor() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }
  size_t slots() const override { return workers_.size(); }
  void run(const NodeId& id, std::function<void(core::Status)> done) override {
    {
      std::lock_guard lock(mu_);
      queue_.push_back({id, std::move(done)});
    }
    cv_.notify_one();
  }

 private:
  struct Job {
    NodeId id;
    std::function<void(core::Status)> done;
  };
  void work() {
    while (true) {
      Job job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job.done(rules_.make(job.id));
    }
  }

  const RuleTable& rules_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

class SteadyClock final : public Clock {
 public:
  double now_s() override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

core::Status RuleTable::make(const NodeId& id) const {
  const Rule& rule = rules_[static_cast<size_t>(id.kind)];
  if (!rule) return core::error(core::ErrorCode::kInternal, "no rule makes " + std::string(kind_name(id.kind)) + " nodes");
  return rule(id);
}

std::unique_ptr<Executor> make_local_executor(const RuleTable& rules, size_t threads) {
  return std::make_unique<LocalExecutor>(rules, threads);
}

const char* state_name(NodeState s) {
  switch (s) {
    case NodeState::kPending: return "pending";
    case NodeState::kStarted: return "started";
    case NodeState::kFinished: return "finished";
    case NodeState::kCached: return "cached";
    case NodeState::kFailed: return "failed";
    case NodeState::kSkipped: return "skipped";
    case NodeState::kCancelled: return "cancelled";
  }
  return "unknown";
}

Clock& steady_clock() {
  static SteadyClock clock;
  return clock;
}

size_t Graph::add(NodeId id, std::vector<size_t> deps, bool cached, int64_t units) {
  assert(std::all_of(deps.begin(), deps.end(), [&](size_t d) { return d < nodes_.size(); }) &&
         "a node's dependencies come before it");
  nodes_.push_back({std::move(id), std::move(deps), cached, units});
  return nodes_.size() - 1;
}

std::optional<size_t> Graph::find(const NodeId& id) const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].id == id) return i;
  }
  return std::nullopt;
}

RunReport run_graph(const Graph& graph, Executor& executor, Observer& observer, Clock& clock,
                    const std::atomic<bool>* stop) {
  const auto& nodes = graph.nodes();
  const size_t n = nodes.size();
  RunReport report;
  report.states.assign(n, NodeState::kPending);
  std::vector<std::vector<size_t>> dependents(n);
  std::vector<size_t> waiting(n, 0);  // dependencies not yet made
  for (size_t i = 0; i < n; ++i) {
    for (size_t d : nodes[i].deps) dependents[d].push_back(i);
    waiting[i] = nodes[i].deps.size();
  }
  const double t0 = clock.now_s();
  int64_t done = 0;
  auto tell = [&](size_t i, NodeState s, std::string message = {}) {
    report.states[i] = s;
    observer.on_node({nodes[i].id, s, done, static_cast<int64_t>(n), clock.now_s() - t0, std::move(message)});
  };

  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<size_t, core::Status>> finished;  // reported by the executor, settled here
  std::deque<size_t> ready;
  size_t running = 0;
  size_t settled = 0;

  // A node that will not be made: those that need it will not be either.
  std::function<void(size_t, const std::string&)> skip_dependents = [&](size_t i, const std::string& why) {
    for (size_t d : dependents[i]) {
      if (report.states[d] != NodeState::kPending) continue;
      ++settled;
      tell(d, NodeState::kSkipped, why);
      skip_dependents(d, why);
    }
  };
  auto made = [&](size_t i) {
    for (size_t d : dependents[i]) {
      if (--waiting[d] == 0 && report.states[d] == NodeState::kPending) ready.push_back(d);
    }
  };
  int64_t to_run = 0, units = 0;
  for (size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.push_back(i);
    if (!nodes[i].cached) ++to_run, units += nodes[i].units;
  }
  observer.on_plan(to_run, units);

  while (settled < n) {
    // Start what is ready, up to the executor's slots; cached nodes settle at once.
    while (!ready.empty()) {
      size_t i = ready.front();
      if (nodes[i].cached) {
        ready.pop_front();
        ++settled, ++done, ++report.cached;
        tell(i, NodeState::kCached);
        made(i);
        continue;
      }
      if (stop && stop->load()) {
        ready.pop_front();
        ++settled;
        report.cancelled = true;
        tell(i, NodeState::kCancelled);
        skip_dependents(i, "the build was interrupted");
        continue;
      }
      if (running >= executor.slots()) break;
      ready.pop_front();
      ++running;
      tell(i, NodeState::kStarted);
      executor.run(nodes[i].id, [&, i](core::Status st) {
        // Notified under the lock: once the last node is in, run_graph may return and destroy cv.
        std::lock_guard lock(mu);
        finished.emplace_back(i, std::move(st));
        cv.notify_one();
      });
    }
    if (settled == n) break;
    std::pair<size_t, core::Status> result;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !finished.empty(); });
      result = std::move(finished.front());
      finished.pop_front();
    }
    auto& [i, st] = result;
    --running;
    ++settled;
    if (st.is_ok()) {
      ++done, ++report.made;
      tell(i, NodeState::kFinished);
      made(i);
    } else if (st.code() == core::ErrorCode::kCancelled) {
      report.cancelled = true;
      tell(i, NodeState::kCancelled, st.message());
      skip_dependents(i, "the build was interrupted");
    } else {
      ++report.failed;
      if (report.first_error.is_ok()) report.first_error = st.with_context(nodes[i].id.str());
      tell(i, NodeState::kFailed, st.message());
      skip_dependents(i, nodes[i].id.str() + " failed");
    }
  }
  observer.on_end();
  return report;
}

}  // namespace sakuga::graph
