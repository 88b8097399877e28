// messages.h - translatable message catalogues (data/messages/<locale>.json):
// flat objects of key -> text, where "{name}" marks a value filled in at run
// time. Every text the client reads comes from here, never from code.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"

namespace smp {

using MessageArgs = std::vector<std::pair<std::string, std::string>>;

class Messages {
 public:
  // The catalogue for a locale such as "es" or "es-MX"; unknown locales and
  // keys missing from a translation fall back to English.
  static Result<Messages> load(std::string_view locale);

  const std::string& locale() const { return locale_; }
  bool has(const std::string& key) const;
  // The text for `key` with {name} placeholders filled; "[key]" if unknown,
  // so a missing text is visible rather than silently blank.
  std::string text(const std::string& key, const MessageArgs& args = {}) const;
  // A whole number with this locale's digit grouping ("1,500" / "1.500").
  std::string number(double value) const;
  // An amount with its currency code, in this locale's order.
  std::string money(double value, const std::string& currency) const;

 private:
  std::string locale_;
  std::map<std::string, std::string> texts_;     // this locale
  std::map<std::string, std::string> fallback_;  // English
};

// Locales with a catalogue, e.g. {"en", "es"}.
std::vector<std::string> message_locales();

// Parses one catalogue; every value must be a string.
Result<std::map<std::string, std::string>> parse_catalogue(std::string_view json);

}  // namespace smp
