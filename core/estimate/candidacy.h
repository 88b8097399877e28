// candidacy.h - screening questions and what each "yes" means. The rules
// live here; the words the client reads live in the message catalogues under
// "candidacy.question.<id>" and "candidacy.outcome.<outcome>.*".
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace smp {

// Ordered from least to most serious; the worst answer decides.
enum class Outcome { candidate, patch_test, talk_to_provider, not_a_candidate };
const char* outcome_name(Outcome o);

struct CandidacyQuestion {
  const char* id;   // the answer token, e.g. "keloid"
  Outcome if_yes;
};

// Every question, in the order a widget should ask them (static data: no heap).
std::span<const CandidacyQuestion> candidacy_questions();

struct Candidacy {
  Outcome outcome = Outcome::candidate;
  std::vector<std::string> reasons;  // the answers that led there, worst first
};

// `answers` are the ids answered "yes". Unknown ids are an error naming the id
// (code "invalid_option"); duplicates count once.
Result<Candidacy> assess_candidacy(const std::vector<std::string>& answers);

}  // namespace smp
