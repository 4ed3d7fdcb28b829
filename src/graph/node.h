#pragma once
/// Nodes of the build graph: typed, stable ids and the inputs a node's key is made of.
///
///   drawing ──> inbetween ──┐
///   drawings, background, camera, sheet ──┴─> segment (one per cut) ──┐
///   takes, sound, music ───────────────────────> mix ─────────────────┴─> deliverable (out/NAME.mp4)
///
///   voice (one per takeless line) ──> animatic segment ──┐
///   voices, sound, music ──────────> animatic mix ───────┴─> animatic deliverable (out/animatic.mp4)
///
/// An id says which node it is (kind, cut, layer, drawing or line) and nothing else: it is what a
/// worker in another process needs, with the project and the store, to make the node.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"

namespace sakuga::graph {

enum class NodeKind {
  kInbetween,            ///< a generated in-between's product, out/inbetween/<cut>/<layer>/<name>.svg
  kSegment,              ///< a cut's frames rendered and encoded
  kMix,                  ///< the episode's sound mixed and mastered, with its stems and report
  kDeliverable,          ///< out/<name>.mp4
  kVoice,                ///< a scratch voice of a takeless line, for the animatic
  kAnimaticSegment,      ///< a cut of the animatic
  kAnimaticMix,          ///< the animatic's sound
  kAnimaticDeliverable,  ///< out/animatic.mp4
};
inline constexpr int kNodeKindCount = 8;

/// "segment", "inbetween", ...: the names used in ids, progress and `sakuga cache`.
const char* kind_name(NodeKind k);
std::optional<NodeKind> kind_from_name(std::string_view name);

/// A node's identity. `cut`, `layer` and `name` are empty where the kind has none (the mix);
/// a deliverable's `name` is its path under the project ("out/demo.mp4").
struct NodeId {
  NodeKind kind = NodeKind::kSegment;
  std::string cut;
  std::string layer;
  std::string name;

  static NodeId inbetween(std::string cut, std::string layer, std::string name);
  static NodeId segment(std::string cut);
  static NodeId mix();
  static NodeId deliverable(std::string path);
  static NodeId voice(std::string cut, int line);  ///< line counts from 1
  static NodeId animatic_segment(std::string cut);
  static NodeId animatic_mix();
  static NodeId animatic_deliverable();

  /// The id as the build log, progress and explain print it: "segment c001",
  /// "inbetween c003/A/2", "mix", "deliverable out/demo.mp4". `parse` reads it back.
  std::string str() const;
  static std::optional<NodeId> parse(std::string_view text);

  friend auto operator<=>(const NodeId&, const NodeId&) = default;
  friend bool operator==(const NodeId&, const NodeId&) = default;
};

/// One named input of a node, by content: a file ("cuts/c001/A/1.svg"), a parameter
/// ("camera of c001"), another node's product, or the engine version. The names are what
/// `--explain` prints when the hash changes.
struct Input {
  std::string name;
  core::Hash128 hash;
  friend bool operator==(const Input&, const Input&) = default;
};

/// A node's inputs, in the order they were added.
class Inputs {
 public:
  Inputs& add(std::string name, const core::Hash128& hash);
  Inputs& add(std::string name, std::string_view bytes);  ///< hashes the bytes
  const std::vector<Input>& list() const { return list_; }
  /// The key of the node: of every input's name and hash, in order.
  core::Hash128 key(NodeKind kind) const;

 private:
  std::vector<Input> list_;
};

/// What changed between the inputs a node was last built from and its inputs now, in words:
/// "cuts/c001/A/1.svg changed", "new input camera of c001", "the engine changed". Empty when
/// the two lists are the same.
std::vector<std::string> changed_inputs(const std::vector<Input>& before, const std::vector<Input>& now);

}  // namespace sakuga::graph
