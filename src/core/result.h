#pragma once
/// Result and Status: the error-carrying return types used across Sakuga.
///
/// Expected failures (a missing file, a corrupt image, an encoder that refuses a setting) are values,
/// not exceptions. A failed call leaves its outputs untouched. `SAKUGA_TRY` propagates.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace sakuga::core {

enum class ErrorCode {
  kOk = 0,
  kInvalidInput,  ///< the user's data is wrong (a diagnostic usually says where)
  kNotFound,      ///< a file or resource does not exist
  kIo,            ///< reading or writing failed
  kUnsupported,   ///< a valid request this build cannot serve
  kInternal,      ///< a library we call failed unexpectedly
  kCancelled,     ///< stopped on request (SIGINT) before it finished; nothing half-made is kept
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status error(ErrorCode code, std::string message) { return Status(code, std::move(message)); }

  bool is_ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  /// Lets SAKUGA_TRY treat Status and Result alike.
  const Status& status() const { return *this; }

  /// Prefixes the message with where it happened: "cut c002: " + message.
  Status with_context(const std::string& context) const {
    if (is_ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).is_ok()); }  // NOLINT

  bool is_ok() const { return v_.index() == 0; }
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(v_); }

  T& value() & { assert(is_ok()); return std::get<T>(v_); }
  const T& value() const& { assert(is_ok()); return std::get<T>(v_); }
  T&& value() && { assert(is_ok()); return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

inline Status error(ErrorCode code, std::string message) { return Status::error(code, std::move(message)); }

}  // namespace sakuga::core

#define SAKUGA_CONCAT_INNER_(a, b) a##b
#define SAKUGA_CONCAT_(a, b) SAKUGA_CONCAT_INNER_(a, b)

/// Returns the failed Status of `expr` (a Status or a Result) from the enclosing function.
#define SAKUGA_TRY(expr)                                        \
  do {                                                          \
    auto&& sakuga_try_value_ = (expr);                          \
    if (!sakuga_try_value_.is_ok()) return sakuga_try_value_.status(); \
  } while (0)

/// `SAKUGA_ASSIGN_OR_RETURN(auto x, make_x());` declares x from a Result or returns its Status.
#define SAKUGA_ASSIGN_OR_RETURN(lhs, expr) \
  SAKUGA_ASSIGN_OR_RETURN_IMPL_(SAKUGA_CONCAT_(sakuga_result_, __LINE__), lhs, expr)
#define SAKUGA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.is_ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
