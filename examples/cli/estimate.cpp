// smp estimate: sessions, time, cost bands and candidacy as JSON.
// Without a photo the client gives a Norwood stage, a Ludwig grade or an area;
// with --photo the treated area comes from decode -> analyze -> design.
#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

#include "cli.h"
#include "core/consultation.h"
#include "core/base/json.h"
#include "core/estimate/pricing.h"

namespace smp::cli {
namespace {

const char* kUsage =
    "usage: smp estimate [--photo PHOTO [--female] | --norwood 1-7 | --ludwig 1-3 | --area-cm2 A]\n"
    "                    [--goal full|density|scar|alopecia] [--factors scar,alopecia,dry_skin,...]\n"
    "                    [--answers keloid,pigment_allergy,...] [--pricing uk|us|FILE.json] [--locale en|es]";

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

void string_list(JsonWriter& j, const char* key, const std::optional<std::string>& list) {
  if (!list) return;
  j.key(key).begin_array();
  for (const std::string& s : split(*list)) j.value(s);
  j.end_array();
}

// A preset name stays a name; anything else is a file holding a config.
Result<std::string> pricing_spec(const std::string& arg) {
  for (const std::string& name : pricing_presets())
    if (arg == name) return arg;
  auto bytes = read_file(arg);
  if (!bytes.ok()) return Error{"cannot_read", "--pricing: '" + arg + "' is neither a preset (uk, us) nor a readable file."};
  return std::string(bytes->begin(), bytes->end());
}

// Parses a number flag strictly: "4x" or "" is an error, not 4 or 0.
Result<double> number_flag(const std::string& name, const std::string& text) {
  std::istringstream in(text);
  double v = 0;
  if (!(in >> v) || !(in >> std::ws).eof()) return Error{"invalid_option", name + " needs a number, not '" + text + "'."};
  return v;
}

}  // namespace

int cmd_estimate(Args args) {
  bool female = false;
  for (auto it = args.begin(); it != args.end();)
    if (*it == "--female") { female = true; it = args.erase(it); } else ++it;
  auto photo = take_flag(args, "--photo");
  auto norwood = take_flag(args, "--norwood");
  auto ludwig = take_flag(args, "--ludwig");
  auto area = take_flag(args, "--area-cm2");
  auto goal = take_flag(args, "--goal");
  auto factors = take_flag(args, "--factors");
  auto answers = take_flag(args, "--answers");
  auto pricing = take_flag(args, "--pricing");
  auto locale = take_flag(args, "--locale");
  if (!args.empty()) return fail("unexpected argument '" + args[0] + "'\n" + kUsage);
  if (!photo && !norwood && !ludwig && !area) return fail(std::string("give --photo, --norwood, --ludwig or --area-cm2\n") + kUsage);
  if (photo && (norwood || ludwig || area)) return fail("--photo cannot be combined with --norwood, --ludwig or --area-cm2.");

  JsonWriter j;
  j.begin_object();
  for (auto [flag, key, value] : {std::tuple{"--norwood", "norwood", &norwood}, std::tuple{"--ludwig", "ludwig", &ludwig},
                                  std::tuple{"--area-cm2", "area_cm2", &area}}) {
    if (!*value) continue;
    Result<double> v = number_flag(flag, **value);
    if (!v.ok()) return fail(v.error());
    j.key(key).value(v.value());
  }
  if (goal) j.key("goal").value(*goal);
  string_list(j, "factors", factors);
  string_list(j, "answers", answers);
  if (pricing) {
    Result<std::string> spec = pricing_spec(*pricing);
    if (!spec.ok()) return fail(spec.error());
    j.key("pricing").value(spec.value());
  }
  if (locale) j.key("locale").value(*locale);
  j.end_object();

  Consultation consultation;
  if (photo) {
    if (female) consultation.set_options(R"({"female": true})");
    auto bytes = read_photo(*photo);
    if (!bytes.ok()) return fail(bytes.error());
    if (Status s = consultation.load_photo(bytes->data(), bytes->size()); !s.ok()) return fail(s.error());
  }
  Result<std::string> out = consultation.estimate(j.str());
  if (!out.ok()) return fail(out.error());
  std::cout << out.value() << "\n";
  return 0;
}

}  // namespace smp::cli
