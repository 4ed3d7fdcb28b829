#pragma once
/// Content hashing for build keys (XXH3, 128-bit). Not cryptographic: keys name cache entries,
/// they do not defend against an adversary.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sakuga::core {

struct Hash128 {
  uint64_t lo = 0;
  uint64_t hi = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  /// 32 lowercase hex digits.
  std::string hex() const;
  /// Parses what hex() wrote; false on anything else.
  static bool from_hex(std::string_view text, Hash128& out);
};

/// Streaming hasher. Every typed update is length- or tag-delimited, so ("ab","c") and ("a","bc")
/// hash differently.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& bytes(const void* data, size_t size);
  Hasher& str(std::string_view s);
  Hasher& i64(int64_t v);
  Hasher& f64(double v);
  Hasher& hash(const Hash128& h);
  Hash128 finish() const;

 private:
  void* state_;  // XXH3_state_t, kept opaque so users need not include xxhash.h
};

Hash128 hash_bytes(std::string_view data);

}  // namespace sakuga::core
