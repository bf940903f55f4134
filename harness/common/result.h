// SPDX-License-Identifier: Apache-2.0
// Result and Error: how failures cross library boundaries in idconform.
//
// Every fallible function that another layer calls returns Result<T> (or
// Status) instead of throwing. The Error carries a stable snake_case code
// (documented in docs/error-codes.md and reused by vectors, suites and
// `idconform verify`), a message a person can act on, and where known the
// byte offset into the input and a path into the decoded structure.
//
//   idc::Result<Item> r = Decode(bytes);
//   if (!r) return r.error();          // propagate
//   Use(*r);
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace idc {

struct Error {
  std::string code;     // stable snake_case identifier, e.g. "malformed_cbor"
  std::string message;  // human explanation, says what was expected
  int64_t offset = -1;  // byte offset into the input, -1 when not applicable
  std::string path;     // e.g. "documents[0].issuerSigned.issuerAuth[3]"
};

inline Error MakeError(std::string code, std::string message,
                       int64_t offset = -1, std::string path = {}) {
  return Error{std::move(code), std::move(message), offset, std::move(path)};
}

// Result<T> holds either a value or an Error. It is deliberately small: no
// monadic helpers, just the checks every caller needs.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status is a Result with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace idc
