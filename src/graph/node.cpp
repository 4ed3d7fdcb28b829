#include "graph/node.h"

#include <array>
#include <map>

namespace sakuga::graph {
namespace {

constexpr std::array<const char*, kNodeKindCount> kKindNames = {
    "inbetween", "segment", "mix", "deliverable", "voice", "animatic-segment", "animatic-mix", "animatic-deliverable"};

bool has_cut(NodeKind k) {
  return k == NodeKind::kInbetween || k == NodeKind::kSegment || k == NodeKind::kVoice ||
         k == NodeKind::kAnimaticSegment;
}

}  // namespace

const char* kind_name(NodeKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<NodeKind> kind_from_name(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (name == kKindNames[i]) return static_cast<NodeKind>(i);
  }
  return std::nullopt;
}

NodeId NodeId::inbetween(std::string cut, std::string layer, std::string name) {
  return {NodeKind::kInbetween, std::move(cut), std::move(layer), std::move(name)};
}
NodeId NodeId::segment(std::string cut) { return {NodeKind::kSegment, std::move(cut), {}, {}}; }
NodeId NodeId::mix() { return {NodeKind::kMix, {}, {}, {}}; }
NodeId NodeId::deliverable(std::string path) { return {NodeKind::kDeliverable, {}, {}, std::move(path)}; }
NodeId NodeId::voice(std::string cut, int line) { return {NodeKind::kVoice, std::move(cut), {}, std::to_string(line)}; }
NodeId NodeId::animatic_segment(std::string cut) { return {NodeKind::kAnimaticSegment, std::move(cut), {}, {}}; }
NodeId NodeId::animatic_mix() { return {NodeKind::kAnimaticMix, {}, {}, {}}; }
NodeId NodeId::animatic_deliverable() { return {NodeKind::kAnimaticDeliverable, {}, {}, "out/animatic.mp4"}; }

std::string NodeId::str() const {
  std::string s = kind_name(kind);
  std::string rest = cut;
  if (!layer.empty()) rest += "/" + layer;
  if (!name.empty()) rest += (rest.empty() ? "" : "/") + name;
  if (!rest.empty()) s += " " + rest;
  return s;
}

std::optional<NodeId> NodeId::parse(std::string_view text) {
  size_t sp = text.find(' ');
  auto kind = kind_from_name(text.substr(0, sp));
  if (!kind) return std::nullopt;
  NodeId id{*kind, {}, {}, {}};
  std::string rest = sp == std::string_view::npos ? std::string() : std::string(text.substr(sp + 1));
  if (*kind == NodeKind::kDeliverable || *kind == NodeKind::kAnimaticDeliverable) {
    id.name = rest;
    return id;
  }
  if (!has_cut(*kind)) return rest.empty() ? std::optional<NodeId>(id) : std::nullopt;
  std::vector<std::string> parts;
  size_t at = 0;
  while (true) {
    size_t slash = rest.find('/', at);
    parts.push_back(rest.substr(at, slash == std::string::npos ? std::string::npos : slash - at));
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  if (parts[0].empty()) return std::nullopt;
  id.cut = parts[0];
  if (*kind == NodeKind::kInbetween) {
    if (parts.size() != 3) return std::nullopt;
    id.layer = parts[1];
    id.name = parts[2];
  } else if (*kind == NodeKind::kVoice) {
    if (parts.size() != 2) return std::nullopt;
    id.name = parts[1];
  } else if (parts.size() != 1) {
    return std::nullopt;
  }
  return id;
}

Inputs& Inputs::add(std::string name, const core::Hash128& hash) {
  list_.push_back({std::move(name), hash});
  return *this;
}

Inputs& Inputs::add(std::string name, std::string_view bytes) { return add(std::move(name), core::hash_bytes(bytes)); }

core::Hash128 Inputs::key(NodeKind kind) const {
  core::Hasher h;
  h.str("node").str(kind_name(kind)).i64(static_cast<int64_t>(list_.size()));
  for (const Input& in : list_) h.str(in.name).hash(in.hash);
  return h.finish();
}

std::vector<std::string> changed_inputs(const std::vector<Input>& before, const std::vector<Input>& now) {
  std::map<std::string, core::Hash128> old;
  for (const Input& in : before) old[in.name] = in.hash;
  std::vector<std::string> primary, derived;
  for (const Input& in : now) {
    // A derived input (named "~...") sums up others; it is named only when nothing else explains.
    bool is_derived = !in.name.empty() && in.name[0] == '~';
    std::vector<std::string>& out = is_derived ? derived : primary;
    std::string name = is_derived ? in.name.substr(1) : in.name;
    auto it = old.find(in.name);
    if (it == old.end()) {
      out.push_back("new input " + name);
    } else {
      if (it->second != in.hash) out.push_back(in.name == "engine" ? "the engine changed" : name + " changed");
      old.erase(it);
    }
  }
  for (const auto& [name, hash] : old) {
    bool is_derived = !name.empty() && name[0] == '~';
    (is_derived ? derived : primary).push_back("no longer uses " + (is_derived ? name.substr(1) : name));
  }
  return primary.empty() ? derived : primary;
}

}  // namespace sakuga::graph
