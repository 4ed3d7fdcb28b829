#pragma once
/// UTF-8 checks for text files read from users.

#include <cstddef>
#include <string>
#include <string_view>

namespace sakuga::core {

/// The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and
/// code points past U+10FFFF included), or npos when all of `text` from `begin` is well formed.
size_t invalid_utf8_at(std::string_view text, size_t begin = 0);

/// `text` with ASCII letters upper-cased and every other byte as it is (speaker names: "Mio" and
/// "MIO" are one character; kana and kanji are left alone).
std::string ascii_upper(std::string_view text);

}  // namespace sakuga::core
