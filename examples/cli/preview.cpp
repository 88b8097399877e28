#include "cli.h"

namespace smp::cli {

int cmd_preview(Args) { return fail("preview is not built yet (issue 5)."); }

}  // namespace smp::cli
