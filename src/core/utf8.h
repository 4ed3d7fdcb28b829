#pragma once
/// UTF-8 checks for text files read from users.

#include <cstddef>
#include <string_view>

namespace sakuga::core {

/// The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and
/// code points past U+10FFFF included), or npos when all of `text` from `begin` is well formed.
size_t invalid_utf8_at(std::string_view text, size_t begin = 0);

}  // namespace sakuga::core
