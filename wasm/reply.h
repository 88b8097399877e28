// reply.h - how every binding answers JS: {value: <v>} or
// {error: {code, message}}, so web/errors.js unwraps them all the same way.
#pragma once

#include <string>

#include <emscripten/val.h>

#include "core/base/status.h"

namespace smp::wasm {

inline emscripten::val error_val(const Error& e) {
  emscripten::val o = emscripten::val::object();
  o.set("code", e.code);
  o.set("message", e.message);
  return o;
}

inline emscripten::val reply(const Status& s) {
  emscripten::val o = emscripten::val::object();
  if (!s.ok()) o.set("error", error_val(s.error()));
  return o;
}

inline emscripten::val reply(const Result<std::string>& r) {
  emscripten::val o = emscripten::val::object();
  if (r.ok()) o.set("value", r.value());
  else o.set("error", error_val(r.error()));
  return o;
}

}  // namespace smp::wasm
