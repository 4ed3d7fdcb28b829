#include "core/json.h"

#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>

namespace sakuga::core {
namespace {

// A char iterator that publishes how far nlohmann's lexer has read, so each SAX event can be tied
// to the bytes just consumed. Copies share the published position.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** read_to = nullptr;

  reference operator*() const { return *p; }
  CountingIterator& operator++() {
    ++p;
    *read_to = p;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) { return a.p == b.p; }
  friend bool operator!=(const CountingIterator& a, const CountingIterator& b) { return a.p != b.p; }
};

bool number_char(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

class PositionedBuilder {
 public:
  // Deeper documents are refused: the tree is freed recursively, and no format we read nests so.
  static constexpr size_t kMaxDepth = 256;

  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  PositionedBuilder(const SourceText& src, const char* base, const char** read_to, DiagnosticSink& sink)
      : src_(src), base_(base), read_to_(read_to), sink_(sink) {}

  bool null() { return put(scalar(JsonValue::Type::kNull, literal_start(4))); }
  bool boolean(bool v) {
    JsonValue j = scalar(JsonValue::Type::kBool, literal_start(v ? 4 : 5));
    j.boolean = v;
    return put(std::move(j));
  }
  bool number_integer(number_integer_t v) { return number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) { return number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) { return number(v); }
  bool string(string_t& v) {
    JsonValue j = scalar(JsonValue::Type::kString, string_start());
    j.string = std::move(v);
    return put(std::move(j));
  }
  bool binary(binary_t&) { return false; }  // never produced when parsing text
  bool start_object(std::size_t) { return open(JsonValue::Type::kObject); }
  bool key(string_t& k) {
    stack_.back().members.emplace_back(std::move(k), JsonValue{});
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(JsonValue::Type::kArray); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& ex) {
    // "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error while
    // parsing value - invalid literal; last read: 'tru,'": keep what follows "error ... : ".
    std::string msg = ex.what();
    if (size_t at = msg.find("syntax error"); at != std::string::npos) msg = msg.substr(at);
    else if (size_t c = msg.find(": "); c != std::string::npos) msg = msg.substr(c + 2);
    size_t offset = static_cast<size_t>(*read_to_ - base_);
    if (byte > 0 && offset > 0) --offset;  // the byte it stopped at, not the one after
    sink_.error(src_, src_.pos_at(offset), "malformed JSON: " + msg);
    return false;
  }

  std::optional<JsonValue> result() { return std::move(root_); }

 private:
  size_t read() const { return static_cast<size_t>(*read_to_ - base_); }
  JsonValue scalar(JsonValue::Type t, size_t start) const {
    JsonValue j;
    j.type = t;
    j.pos = src_.pos_at(start);
    return j;
  }
  size_t literal_start(size_t len) const { return read() >= len ? read() - len : 0; }
  // The lexer has just read the closing quote; walk back to the opening one that no backslash escapes.
  size_t string_start() const {
    size_t i = read() - 1;
    while (i > 0) {
      --i;
      if (base_[i] != '"') continue;
      size_t slashes = 0;
      while (i > slashes && base_[i - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) return i;
    }
    return 0;
  }
  bool number(double v) {
    // The lexer reads one byte past a number to see where it ends (unless the text ended).
    size_t end = read();
    if (end > 0 && !number_char(base_[end - 1])) --end;
    size_t start = end;
    while (start > 0 && number_char(base_[start - 1])) --start;
    JsonValue j = scalar(JsonValue::Type::kNumber, start);
    j.number = v;
    j.integral = std::isfinite(v) && std::floor(v) == v;
    return put(std::move(j));
  }
  bool open(JsonValue::Type t) {
    if (stack_.size() >= kMaxDepth) {
      sink_.error(src_, src_.pos_at(read() - 1), "malformed JSON: nested more than " + std::to_string(kMaxDepth) + " deep");
      return false;
    }
    JsonValue j = scalar(t, read() - 1);
    stack_.push_back(std::move(j));
    return true;
  }
  bool close() {
    JsonValue done = std::move(stack_.back());
    stack_.pop_back();
    return put(std::move(done));
  }
  bool put(JsonValue v) {
    if (stack_.empty()) {
      root_ = std::move(v);
    } else if (stack_.back().type == JsonValue::Type::kObject) {
      stack_.back().members.back().second = std::move(v);
    } else {
      stack_.back().items.push_back(std::move(v));
    }
    return true;
  }

  const SourceText& src_;
  const char* base_;
  const char** read_to_;
  DiagnosticSink& sink_;
  std::vector<JsonValue> stack_;
  std::optional<JsonValue> root_;
};

}  // namespace

const JsonValue* JsonValue::get(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<int64_t> JsonValue::as_integer() const {
  if (type != Type::kNumber || !integral || std::fabs(number) > 9.0e15) return std::nullopt;
  return static_cast<int64_t>(number);
}

const char* JsonValue::type_name() const {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBool: return "a boolean";
    case Type::kNumber: return "a number";
    case Type::kString: return "a string";
    case Type::kArray: return "an array";
    case Type::kObject: return "an object";
  }
  return "?";
}

std::optional<JsonValue> parse_json(const SourceText& src, size_t begin, DiagnosticSink& sink) {
  const std::string& t = src.text();
  const char* base = t.data();
  const char* read_to = base + begin;
  CountingIterator first{base + begin, &read_to};
  CountingIterator last{base + t.size(), &read_to};
  PositionedBuilder builder(src, base, &read_to, sink);
  if (!nlohmann::json::sax_parse(first, last, &builder)) return std::nullopt;
  return builder.result();
}

}  // namespace sakuga::core
