// The scheduler on its own: fake rules that record what ran when, on executors of 1 to 8 slots.
#include "graph/scheduler.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace sakuga::graph {
namespace {

// Records node events in order, and checks as they come that no node starts before its inputs.
class Recorder final : public Observer {
 public:
  explicit Recorder(const Graph& g) : g_(g) {}
  void on_plan(int64_t nodes, int64_t units) override {
    planned_nodes = nodes;
    planned_units = units;
  }
  void on_node(const NodeEvent& e) override {
    std::lock_guard lock(mu_);
    events.push_back(e.id.str() + " " + state_name(e.state));
    state[e.id.str()] = e.state;
    if (e.state == NodeState::kStarted) {
      size_t i = *g_.find(e.id);
      for (size_t d : g_.nodes()[i].deps) {
        NodeState s = state[g_.nodes()[d].id.str()];
        if (s != NodeState::kFinished && s != NodeState::kCached) early.push_back(e.id.str());
      }
    }
  }
  std::mutex mu_;
  const Graph& g_;
  std::vector<std::string> events;
  std::map<std::string, NodeState> state;
  std::vector<std::string> early;  // nodes that started before an input was made
  int64_t planned_nodes = 0, planned_units = 0;
};

class FixedClock final : public Clock {
 public:
  double now_s() override { return 0; }
};

// Rules that take a random little while, count how many run at once, and fail where told.
struct FakeRules {
  RuleTable table;
  std::mutex mu;
  int running = 0;
  int most = 0;
  std::set<std::string> fail;
  std::vector<std::string> made;
  explicit FakeRules(unsigned seed) {
    auto rule = [this, seed](const NodeId& id) {
      {
        std::lock_guard lock(mu);
        most = std::max(most, ++running);
      }
      std::mt19937 rng(seed + static_cast<unsigned>(std::hash<std::string>{}(id.str())));
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
      std::lock_guard lock(mu);
      --running;
      if (fail.count(id.str())) return core::error(core::ErrorCode::kIo, "disk full");
      made.push_back(id.str());
      return core::Status::ok();
    };
    for (int k = 0; k < kNodeKindCount; ++k) table.set(static_cast<NodeKind>(k), rule);
  }
};

// An episode's shape: in-betweens -> segments; mix; deliverable <- all segments and the mix.
Graph episode(int cuts, bool some_cached = false) {
  Graph g;
  std::vector<size_t> parts;
  for (int c = 0; c < cuts; ++c) {
    std::string cut = "c" + std::to_string(100 + c);
    size_t ib = g.add(NodeId::inbetween(cut, "A", "2"), {}, some_cached && c % 3 == 0);
    parts.push_back(g.add(NodeId::segment(cut), {ib}, some_cached && c % 2 == 0, 24));
  }
  parts.push_back(g.add(NodeId::mix()));
  g.add(NodeId::deliverable("out/ep.mp4"), parts);
  return g;
}

TEST(Scheduler, NoNodeStartsBeforeItsInputsAtAnyWidth) {
  for (size_t slots : {1u, 2u, 8u}) {
    Graph g = episode(20, true);
    FakeRules rules(static_cast<unsigned>(slots));
    auto exec = make_local_executor(rules.table, slots);
    Recorder rec(g);
    FixedClock clock;
    RunReport r = run_graph(g, *exec, rec, clock);
    EXPECT_TRUE(r.first_error.is_ok());
    EXPECT_TRUE(rec.early.empty()) << rec.early.front();
    EXPECT_EQ(r.made + r.cached, static_cast<int64_t>(g.size()));
    EXPECT_EQ(rec.state["deliverable out/ep.mp4"], NodeState::kFinished);
    EXPECT_LE(rules.most, static_cast<int>(slots));
    // Cached nodes are not run: 7 of the 20 in-betweens and 10 of the segments were made before.
    EXPECT_EQ(r.cached, 7 + 10);
    EXPECT_EQ(rules.made.size(), g.size() - 17);
    EXPECT_EQ(rec.planned_nodes, static_cast<int64_t>(g.size()) - 17);
    EXPECT_EQ(rec.planned_units, 10 * 24);
  }
}

TEST(Scheduler, NodesRunSideBySideWhenSlotsAllow) {
  Graph g = episode(16);
  FakeRules rules(7);
  auto exec = make_local_executor(rules.table, 4);
  Recorder rec(g);
  FixedClock clock;
  run_graph(g, *exec, rec, clock);
  EXPECT_GE(rules.most, 2);  // sixteen cuts and a mix, four slots: some run together
}

TEST(Scheduler, AFailedNodeSkipsWhatNeedsItAndTheRestFinish) {
  Graph g = episode(6);
  FakeRules rules(3);
  rules.fail = {"segment c102"};
  auto exec = make_local_executor(rules.table, 2);
  Recorder rec(g);
  FixedClock clock;
  RunReport r = run_graph(g, *exec, rec, clock);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.first_error.message(), "segment c102: disk full");
  EXPECT_EQ(rec.state["segment c102"], NodeState::kFailed);
  EXPECT_EQ(rec.state["deliverable out/ep.mp4"], NodeState::kSkipped);
  for (const char* kept : {"segment c100", "segment c101", "segment c103", "segment c104", "segment c105", "mix"}) {
    EXPECT_EQ(rec.state[kept], NodeState::kFinished) << kept;
  }
}

TEST(Scheduler, AStopStartsNothingNewAndSaysSo) {
  Graph g = episode(10);
  std::atomic<bool> stop{false};
  RuleTable table;
  int made = 0;
  std::mutex mu;
  for (int k = 0; k < kNodeKindCount; ++k) {
    table.set(static_cast<NodeKind>(k), [&](const NodeId&) {
      std::lock_guard lock(mu);
      if (++made == 3) stop = true;  // as SIGINT would, part way
      return core::Status::ok();
    });
  }
  auto exec = make_local_executor(table, 1);
  Recorder rec(g);
  FixedClock clock;
  RunReport r = run_graph(g, *exec, rec, clock, &stop);
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(r.made, 3);
  EXPECT_EQ(rec.state["deliverable out/ep.mp4"], NodeState::kSkipped);
}

TEST(Scheduler, AKindWithoutARuleFailsThatNode) {
  Graph g;
  g.add(NodeId::mix());
  RuleTable none;
  auto exec = make_local_executor(none, 1);
  Recorder rec(g);
  FixedClock clock;
  RunReport r = run_graph(g, *exec, rec, clock);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.first_error.message(), "mix: no rule makes mix nodes");
}

TEST(NodeId, PrintsAndParsesBack) {
  for (const NodeId& id : {NodeId::inbetween("c003", "A", "2"), NodeId::segment("c001"), NodeId::mix(),
                           NodeId::deliverable("out/demo.mp4"), NodeId::voice("c002", 1),
                           NodeId::animatic_segment("c002"), NodeId::animatic_mix(), NodeId::animatic_deliverable()}) {
    auto back = NodeId::parse(id.str());
    ASSERT_TRUE(back.has_value()) << id.str();
    EXPECT_EQ(*back, id) << id.str();
  }
  EXPECT_EQ(NodeId::inbetween("c003", "A", "2").str(), "inbetween c003/A/2");
  EXPECT_EQ(NodeId::deliverable("out/demo.mp4").str(), "deliverable out/demo.mp4");
  EXPECT_FALSE(NodeId::parse("frame c001/0001").has_value());
  EXPECT_FALSE(NodeId::parse("inbetween c003").has_value());
}

}  // namespace
}  // namespace sakuga::graph
