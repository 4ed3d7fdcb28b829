#pragma once
/// Running a graph, in the spirit of ninja: a ready queue over the dependencies, as many nodes at
/// once as the executor has slots, a node started only when every node it depends on is made, and
/// every event (started, finished, cached, failed, skipped) told to an observer.
///
/// Nodes are made by rules, one per kind (`RuleTable`): a node is made from its id alone, with
/// the project and the store the rule was built over. So an executor may run a node wherever it
/// likes (a thread here, a process on another machine that loaded the same project) from the id.

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "graph/node.h"

namespace sakuga::graph {

/// How a node is made: `make(id)` does the work and writes the node's products (atomically).
/// A rule may be called from any thread, several nodes of one kind at once.
class RuleTable {
 public:
  using Rule = std::function<core::Status(const NodeId&)>;
  void set(NodeKind kind, Rule rule) { rules_[static_cast<size_t>(kind)] = std::move(rule); }
  core::Status make(const NodeId& id) const;

 private:
  std::array<Rule, kNodeKindCount> rules_;
};

/// Where nodes run. `run` starts making one node and returns at once; `done` is called exactly
/// once, from any thread, with the result.
class Executor {
 public:
  virtual ~Executor() = default;
  /// How many nodes may run at once.
  virtual size_t slots() const = 0;
  virtual void run(const NodeId& id, std::function<void(core::Status)> done) = 0;
};

/// Runs nodes on `threads` threads of this process, through `rules`.
std::unique_ptr<Executor> make_local_executor(const RuleTable& rules, size_t threads);

enum class NodeState { kPending, kStarted, kFinished, kCached, kFailed, kSkipped, kCancelled };
const char* state_name(NodeState s);  ///< "started", "finished", "cached", "failed", ...

struct NodeEvent {
  const NodeId& id;
  NodeState state;
  int64_t done = 0;         ///< nodes finished (made or cached) so far
  int64_t total = 0;        ///< nodes in the graph
  double elapsed_s = 0;     ///< since the run started
  std::string message;      ///< why a node failed, or was skipped
};

/// Told of every node event and of units of work inside nodes (frames). Called from any thread:
/// implementations are thread-safe.
class Observer {
 public:
  virtual ~Observer() = default;
  /// Before the first event: how many nodes will run (not cached) and their units of work.
  virtual void on_plan(int64_t nodes_to_run, int64_t units_to_do) { (void)nodes_to_run, (void)units_to_do; }
  virtual void on_node(const NodeEvent& e) = 0;
  /// After the last event.
  virtual void on_end() {}
  /// `units` more units of `id`'s work done (a frame encoded).
  virtual void on_units(const NodeId& id, int64_t units) { (void)id, (void)units; }
};

/// Observers that forward node events to several others.
class Observers final : public Observer {
 public:
  void add(Observer* o) {
    if (o) list_.push_back(o);
  }
  void on_plan(int64_t nodes, int64_t units) override {
    for (Observer* o : list_) o->on_plan(nodes, units);
  }
  void on_node(const NodeEvent& e) override {
    for (Observer* o : list_) o->on_node(e);
  }
  void on_units(const NodeId& id, int64_t units) override {
    for (Observer* o : list_) o->on_units(id, units);
  }
  void on_end() override {
    for (Observer* o : list_) o->on_end();
  }

 private:
  std::vector<Observer*> list_;
};

/// A monotonic clock, injectable so tests see fixed times.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now_s() = 0;
};
Clock& steady_clock();

/// A node of a graph to run: its id, the nodes it needs (indices into the graph) and whether its
/// product is already in the store (then it is not run, only reported as cached).
struct GraphNode {
  NodeId id;
  std::vector<size_t> deps;
  bool cached = false;
  int64_t units = 0;  ///< work inside it, for progress (frames)
};

class Graph {
 public:
  /// Adds a node; its dependencies must have been added before. Returns its index.
  size_t add(NodeId id, std::vector<size_t> deps = {}, bool cached = false, int64_t units = 0);
  const std::vector<GraphNode>& nodes() const { return nodes_; }
  std::optional<size_t> find(const NodeId& id) const;
  size_t size() const { return nodes_.size(); }

 private:
  std::vector<GraphNode> nodes_;
};

struct RunReport {
  std::vector<NodeState> states;  ///< per node, in graph order
  int64_t made = 0;
  int64_t cached = 0;
  int64_t failed = 0;
  bool cancelled = false;
  core::Status first_error;  ///< of the first node that failed, with its id as context
};

/// Runs every node not cached, each after its dependencies. When a node fails, the nodes that
/// need it are skipped and the others go on; when `stop` becomes true, no new node starts and
/// the run returns once the running ones end (cancelled). Returns after every node is settled.
RunReport run_graph(const Graph& graph, Executor& executor, Observer& observer, Clock& clock,
                    const std::atomic<bool>* stop = nullptr);

}  // namespace sakuga::graph
