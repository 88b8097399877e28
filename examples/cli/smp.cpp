// smp - the command-line face of the core, for clinics, scripts and tests.
#include <iostream>
#include <string>

#include "cli.h"

namespace {

const char* kUsage =
    "usage: smp <command> [options]\n"
    "  info PHOTO                 decoded size, format and EXIF orientation as JSON\n"
    "  analyze PHOTO              head analysis as JSON (--debug-image OUT.png, --female, --bench N,\n"
    "                             --turn QUARTERS)\n"
    "  segment PHOTO -o OUT.png   per-pixel labels of the upright photo as an 8-bit PNG: 0 background,\n"
    "                             1 skin, 2 hair, 3 the rest of the person (--turn QUARTERS)\n"
    "  preview PHOTO -o OUT.png   render the SMP preview (--style --shape --goal --shade --density\n"
    "                             --seed --height-cm --age --points --scar --compare ...)\n"
    "  estimate [...]             sessions, time and cost bands as JSON (--photo PHOTO | --norwood N |\n"
    "                             --ludwig G | --area-cm2 A, --goal, --factors, --answers, --pricing)\n"
    "Each command prints 'error: <sentence>' on stderr and exits 2 on bad input.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string cmd = argv[1];
  smp::cli::Args args(argv + 2, argv + argc);
  if (cmd == "info") return smp::cli::cmd_info(args);
  if (cmd == "analyze") return smp::cli::cmd_analyze(args);
  if (cmd == "segment") return smp::cli::cmd_segment(args);
  if (cmd == "preview") return smp::cli::cmd_preview(args);
  if (cmd == "estimate") return smp::cli::cmd_estimate(args);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "error: unknown command '" << cmd << "'\n" << kUsage;
  return 2;
}
