#include <iostream>

#include "cli.h"
#include "core/analysis.h"
#include "core/analysis_overlay.h"
#include "core/photo.h"

namespace smp::cli {

int cmd_analyze(Args args) {
  std::optional<std::string> debug = take_flag(args, "--debug-image");
  AnalysisOptions options;
  for (auto it = args.begin(); it != args.end();)
    if (*it == "--female") { options.female = true; it = args.erase(it); } else ++it;
  if (args.size() != 1) return fail("usage: smp analyze PHOTO [--female] [--debug-image OUT.png]");
  auto bytes = read_file(args[0]);
  if (!bytes.ok()) return fail(bytes.error());
  Result<Photo> photo = decode_photo(bytes->data(), bytes->size());
  if (!photo.ok()) return fail(photo.error());
  Result<Analysis> a = analyze(photo.value(), options);
  if (!a.ok()) return fail(a.error());
  std::cout << analysis_json(a.value(), photo.value()) << "\n";
  if (debug) {
    Status st = write_png(*debug, draw_analysis(photo.value(), a.value()));
    if (!st.ok()) return fail(st.error());
  }
  return 0;
}

}  // namespace smp::cli
