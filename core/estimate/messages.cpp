#include "core/estimate/messages.h"

#include <cctype>
#include <cmath>

#include "core/estimate/embedded_data.h"
#include "core/base/json_value.h"

namespace smp {
namespace {

// "es-MX" / "es_mx" / "ES" -> "es"
std::string base_language(std::string_view locale) {
  std::string out;
  for (char c : locale) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> parse_catalogue(std::string_view json) {
  Result<JsonValue> parsed = parse_json(json);
  if (!parsed.ok()) return Error{"invalid_catalogue", parsed.error().message};
  if (!parsed->is_object()) return Error{"invalid_catalogue", "A message catalogue must be an object."};
  std::map<std::string, std::string> texts;
  for (const auto& [key, v] : parsed->members()) {
    if (!v.is_string()) return Error{"invalid_catalogue", "Message '" + key + "' must be a string."};
    texts[key] = v.as_string();
  }
  return texts;
}

std::vector<std::string> message_locales() {
  std::vector<std::string> out;
  const std::string_view prefix = "messages/", suffix = ".json";
  for (std::string_view p : embedded_paths())
    if (p.substr(0, prefix.size()) == prefix && p.size() > prefix.size() + suffix.size())
      out.emplace_back(p.substr(prefix.size(), p.size() - prefix.size() - suffix.size()));
  return out;
}

Result<Messages> Messages::load(std::string_view locale) {
  auto en = embedded_data("messages/en.json");
  if (!en) return Error{"invalid_catalogue", "The English message catalogue is missing."};
  Result<std::map<std::string, std::string>> fallback = parse_catalogue(*en);
  if (!fallback.ok()) return fallback.error();
  Messages m;
  m.locale_ = "en";
  m.fallback_ = std::move(fallback.value());
  const std::string lang = base_language(locale);
  if (auto text = embedded_data("messages/" + lang + ".json"); text && lang != "en") {
    Result<std::map<std::string, std::string>> own = parse_catalogue(*text);
    if (!own.ok()) return own.error();
    m.texts_ = std::move(own.value());
    m.locale_ = lang;
  }
  return m;
}

bool Messages::has(const std::string& key) const {
  return texts_.count(key) || fallback_.count(key);
}

std::string Messages::text(const std::string& key, const MessageArgs& args) const {
  auto own = texts_.find(key);
  auto en = fallback_.find(key);
  if (own == texts_.end() && en == fallback_.end()) return "[" + key + "]";
  std::string out = own != texts_.end() ? own->second : en->second;
  for (const auto& [name, value] : args) {
    const std::string mark = "{" + name + "}";
    for (std::size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + value.size()))
      out.replace(at, mark.size(), value);
  }
  return out;
}

std::string Messages::number(double value) const {
  const char sep = locale_ == "en" ? ',' : '.';
  long long n = std::llround(std::fabs(value));
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return (value < 0 && n != 0 ? "-" : "") + out;
}

std::string Messages::money(double value, const std::string& currency) const {
  return locale_ == "en" ? currency + " " + number(value) : number(value) + " " + currency;
}

}  // namespace smp
