#include "cli.h"

namespace smp::cli {

int cmd_estimate(Args) { return fail("estimate is not built yet (issue 6)."); }

}  // namespace smp::cli
