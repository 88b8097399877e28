#include "core/base/json_value.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace smp {

JsonValue JsonValue::make_bool(bool b) {
  JsonValue v;
  v.type_ = Type::boolean;
  v.bool_ = b;
  return v;
}
JsonValue JsonValue::make_number(double d) {
  JsonValue v;
  v.type_ = Type::number;
  v.number_ = d;
  return v;
}
JsonValue JsonValue::make_string(std::string s) {
  JsonValue v;
  v.type_ = Type::string;
  v.string_ = std::move(s);
  return v;
}
JsonValue JsonValue::make_array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::array;
  v.items_ = std::move(items);
  return v;
}
JsonValue JsonValue::make_object(std::map<std::string, JsonValue> members) {
  JsonValue v;
  v.type_ = Type::object;
  v.members_ = std::move(members);
  return v;
}

const JsonValue& JsonValue::operator[](const std::string& key) const {
  static const JsonValue null_value;
  auto it = members_.find(key);
  return it == members_.end() ? null_value : it->second;
}

const char* json_type_name(JsonValue::Type t) {
  switch (t) {
    case JsonValue::Type::null: return "null";
    case JsonValue::Type::boolean: return "a boolean";
    case JsonValue::Type::number: return "a number";
    case JsonValue::Type::string: return "a string";
    case JsonValue::Type::array: return "an array";
    case JsonValue::Type::object: return "an object";
  }
  return "unknown";
}

namespace {

// Recursive-descent parser with a depth bound so hostile input cannot
// exhaust the (small, fixed) wasm stack.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Result<JsonValue> parse() {
    JsonValue v;
    if (!value(&v, 0)) return fail();
    ws();
    if (pos_ != s_.size()) {
      err_ = "unexpected text after the value";
      return fail();
    }
    return v;
  }

 private:
  Error fail() const {
    return Error{"invalid_json",
                 "Invalid JSON at byte " + std::to_string(pos_) + ": " + err_ + "."};
  }
  void ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' ||
                                s_[pos_] == '\t'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) {
      err_ = "unknown literal";
      return false;
    }
    pos_ += word.size();
    return true;
  }
  bool value(JsonValue* out, int depth) {
    if (depth > 64) {
      err_ = "nested too deeply";
      return false;
    }
    ws();
    if (pos_ >= s_.size()) {
      err_ = "unexpected end";
      return false;
    }
    char c = s_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string str;
      if (!string(&str)) return false;
      *out = JsonValue::make_string(std::move(str));
      return true;
    }
    if (c == 't') return literal("true") && (*out = JsonValue::make_bool(true), true);
    if (c == 'f') return literal("false") && (*out = JsonValue::make_bool(false), true);
    if (c == 'n') return literal("null") && (*out = JsonValue(), true);
    return number(out);
  }
  bool number(JsonValue* out) {
    std::size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E' ||
                                s_[pos_] == '+' || s_[pos_] == '-'))
      ++pos_;
    std::string text(s_.substr(start, pos_ - start));
    char* end = nullptr;
    double d = text.empty() ? 0 : std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(d)) {
      pos_ = start;
      err_ = "expected a value";
      return false;
    }
    *out = JsonValue::make_number(d);
    return true;
  }
  static void append_utf8(std::string* s, unsigned cp) {
    if (cp < 0x80) {
      *s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *s += static_cast<char>(0xC0 | (cp >> 6));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *s += static_cast<char>(0xE0 | (cp >> 12));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *s += static_cast<char>(0xF0 | (cp >> 18));
      *s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool hex4(unsigned* cp) {
    if (pos_ + 4 > s_.size()) return false;
    *cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      *cp <<= 4;
      if (h >= '0' && h <= '9') *cp |= h - '0';
      else if (h >= 'a' && h <= 'f') *cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') *cp |= h - 'A' + 10;
      else return false;
    }
    return true;
  }
  bool string(std::string* out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        err_ = "control character in string";
        return false;
      }
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(&cp)) {
            err_ = "bad \\u escape";
            return false;
          }
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            unsigned lo = 0;
            if (!hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) {
              err_ = "bad surrogate pair";
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: err_ = "bad escape"; return false;
      }
    }
    err_ = "unterminated string";
    return false;
  }
  bool array(JsonValue* out, int depth) {
    ++pos_;
    std::vector<JsonValue> items;
    ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      *out = JsonValue::make_array({});
      return true;
    }
    for (;;) {
      JsonValue v;
      if (!value(&v, depth + 1)) return false;
      items.push_back(std::move(v));
      ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; break; }
      err_ = "expected ',' or ']'";
      return false;
    }
    *out = JsonValue::make_array(std::move(items));
    return true;
  }
  bool object(JsonValue* out, int depth) {
    ++pos_;
    std::map<std::string, JsonValue> members;
    ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      *out = JsonValue::make_object({});
      return true;
    }
    for (;;) {
      ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') {
        err_ = "expected a key string";
        return false;
      }
      std::string key;
      if (!string(&key)) return false;
      ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        err_ = "expected ':'";
        return false;
      }
      ++pos_;
      JsonValue v;
      if (!value(&v, depth + 1)) return false;
      members[key] = std::move(v);
      ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; break; }
      err_ = "expected ',' or '}'";
      return false;
    }
    *out = JsonValue::make_object(std::move(members));
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string err_;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text) { return Parser(text).parse(); }

}  // namespace smp
