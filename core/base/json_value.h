// json_value.h - a small JSON reader for options and clinic pricing configs.
//
// parse_json() returns a JsonValue tree or an Error with code "invalid_json"
// naming the byte offset. Lookups are forgiving (missing keys give a null
// value) so callers can validate field by field and name the bad field.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace smp {

class JsonValue {
 public:
  enum class Type { null, boolean, number, string, array, object };

  JsonValue() = default;
  static JsonValue make_bool(bool b);
  static JsonValue make_number(double d);
  static JsonValue make_string(std::string s);
  static JsonValue make_array(std::vector<JsonValue> items);
  static JsonValue make_object(std::map<std::string, JsonValue> members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::map<std::string, JsonValue>& members() const { return members_; }
  bool has(const std::string& key) const { return members_.count(key) != 0; }
  // Member lookup; returns a null value when absent or not an object.
  const JsonValue& operator[](const std::string& key) const;

 private:
  Type type_ = Type::null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::map<std::string, JsonValue> members_;
};

Result<JsonValue> parse_json(std::string_view text);

// Name of a JSON type for error messages ("a number", "a string", ...).
const char* json_type_name(JsonValue::Type t);

}  // namespace smp
