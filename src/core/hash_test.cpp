#include "core/hash.h"

#include <gtest/gtest.h>

namespace sakuga::core {
namespace {

TEST(Hash, FieldsAreDelimited) {
  Hasher a, b;
  a.str("ab").str("c");
  b.str("a").str("bc");
  EXPECT_NE(a.finish(), b.finish());
}

TEST(Hash, SameInputSameKey) {
  Hasher a, b;
  a.str("frame").i64(12).f64(0.5);
  b.str("frame").i64(12).f64(0.5);
  EXPECT_EQ(a.finish(), b.finish());
  Hasher c;
  c.str("frame").i64(12).f64(-0.0);
  Hasher d;
  d.str("frame").i64(12).f64(0.0);
  EXPECT_EQ(c.finish(), d.finish());
}

TEST(Hash, HexRoundTrips) {
  Hash128 h = hash_bytes("sakuga");
  Hash128 back;
  ASSERT_TRUE(Hash128::from_hex(h.hex(), back));
  EXPECT_EQ(h, back);
  EXPECT_EQ(h.hex().size(), 32u);
  EXPECT_FALSE(Hash128::from_hex("zz", back));
}

}  // namespace
}  // namespace sakuga::core
