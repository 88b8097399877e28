// json.h - a tiny streaming JSON writer.
//
// The CLI prints these objects and the JS API JSON.parses the very same text,
// so "the same object in the CLI and in the browser" holds by construction.
// Usage:  JsonWriter j; j.begin_object(); j.key("w"); j.value(3); j.end_object();
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smp {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double d);  // non-finite numbers are written as null
  JsonWriter& value(int i);
  JsonWriter& value(bool b);
  JsonWriter& null();
  // Inserts already-serialised JSON as one value (for composing objects).
  JsonWriter& raw(std::string_view json);
  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

std::string json_escape(std::string_view s);

}  // namespace smp
