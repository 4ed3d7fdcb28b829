#include "core/hash.h"

#include <xxhash.h>

#include <cassert>
#include <cstdio>
#include <cstring>

namespace sakuga::core {

std::string Hash128::hex() const {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return buf;
}

bool Hash128::from_hex(std::string_view text, Hash128& out) {
  if (text.size() != 32) return false;
  uint64_t parts[2] = {0, 0};
  for (size_t i = 0; i < 32; ++i) {
    char c = text[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return false;
    parts[i / 16] = parts[i / 16] << 4 | static_cast<uint64_t>(v);
  }
  out.hi = parts[0];
  out.lo = parts[1];
  return true;
}

Hasher::Hasher() : state_(XXH3_createState()) {
  assert(state_);
  XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_));
}

Hasher::~Hasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

Hasher& Hasher::bytes(const void* data, size_t size) {
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), data, size);
  return *this;
}

Hasher& Hasher::str(std::string_view s) {
  i64(static_cast<int64_t>(s.size()));
  return bytes(s.data(), s.size());
}

Hasher& Hasher::i64(int64_t v) { return bytes(&v, sizeof v); }

Hasher& Hasher::f64(double v) {
  if (v == 0.0) v = 0.0;  // one key for -0 and +0
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bytes(&bits, sizeof bits);
}

Hasher& Hasher::hash(const Hash128& h) {
  i64(static_cast<int64_t>(h.lo));
  return i64(static_cast<int64_t>(h.hi));
}

Hash128 Hasher::finish() const {
  XXH128_hash_t h = XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_));
  return {h.low64, h.high64};
}

Hash128 hash_bytes(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  return {h.low64, h.high64};
}

}  // namespace sakuga::core
