// status.h - errors as values.
//
// Every fallible core function returns Result<T> (or Status when there is no
// value). Exceptions are never thrown across the API: under Emscripten a throw
// aborts the whole module. `code` is a stable machine-readable token that the
// CLI, the wasm binding and the JS API pass through unchanged; `message` is one
// sentence a client can read.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace smp {

struct Error {
  std::string code;     // e.g. "truncated", "too_large", "invalid_option"
  std::string message;  // human sentence, no trailing newline
};

class Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error e) : error_(std::move(e)) {}      // NOLINT: implicit by design
  bool ok() const { return value_.has_value(); }
  const Error& error() const { return *error_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  Status status() const { return ok() ? Status() : Status(*error_); }

 private:
  std::optional<T> value_;
  std::optional<Error> error_;
};

}  // namespace smp
