#include "core/estimate/candidacy.h"

#include <algorithm>

namespace smp {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::candidate: return "candidate";
    case Outcome::patch_test: return "patch_test";
    case Outcome::talk_to_provider: return "talk_to_provider";
    case Outcome::not_a_candidate: return "not_a_candidate";
  }
  return "candidate";
}

std::span<const CandidacyQuestion> candidacy_questions() {
  // Keloid-prone skin rules SMP out (needle trauma can raise keloids); a
  // pigment allergy calls for a patch test; the rest need a provider's (and
  // often a doctor's) go-ahead first. Sources: docs/estimate.md.
  static constexpr CandidacyQuestion questions[] = {
      {"keloid", Outcome::not_a_candidate},
      {"pigment_allergy", Outcome::patch_test},
      {"psoriasis", Outcome::talk_to_provider},
      {"eczema", Outcome::talk_to_provider},
      {"acne", Outcome::talk_to_provider},
      {"blood_thinners", Outcome::talk_to_provider},
      {"pregnancy", Outcome::talk_to_provider},
      {"chemotherapy_6mo", Outcome::talk_to_provider},
      {"isotretinoin", Outcome::talk_to_provider},
      {"recent_laser", Outcome::talk_to_provider},
      {"temporary_hair_loss", Outcome::talk_to_provider},
  };
  return questions;
}

Result<Candidacy> assess_candidacy(const std::vector<std::string>& answers) {
  std::vector<const CandidacyQuestion*> yes;
  for (const std::string& a : answers) {
    const auto qs = candidacy_questions();
    auto q = std::find_if(qs.begin(), qs.end(), [&](const CandidacyQuestion& c) { return a == c.id; });
    if (q == qs.end()) {
      std::string ids;
      for (const CandidacyQuestion& c : qs) ids += (ids.empty() ? "" : ", ") + std::string(c.id);
      return Error{"invalid_option", "Unknown candidacy answer '" + a + "' (known: " + ids + ")."};
    }
    if (std::find(yes.begin(), yes.end(), &*q) == yes.end()) yes.push_back(&*q);
  }
  // Worst first, then in question order, so the output does not depend on
  // the order the answers came in.
  std::sort(yes.begin(), yes.end(), [](const CandidacyQuestion* a, const CandidacyQuestion* b) {
    return a->if_yes != b->if_yes ? a->if_yes > b->if_yes : a < b;
  });
  Candidacy c;
  for (const CandidacyQuestion* q : yes) {
    c.outcome = std::max(c.outcome, q->if_yes);
    c.reasons.emplace_back(q->id);
  }
  return c;
}

}  // namespace smp
