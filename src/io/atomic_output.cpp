#include "kuchikomi/io/atomic_output.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

AtomicOutput::AtomicOutput(std::filesystem::path destination) : destination_(std::move(destination)) {
  if (destination_.empty()) throw InputError("output path is empty");
  auto folder = destination_.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw InputError(destination_.string(), 0, "cannot write output: folder '" + folder.string() + "' does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw InputError(destination_.string(), 0, "cannot write output: folder '" + folder.string() + "' is not writable");
  if (std::filesystem::is_directory(destination_, ec))
    throw InputError(destination_.string(), 0, "cannot write output: it is a folder");
  temporary_ = destination_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
  }
}

void AtomicOutput::commit() {
  std::error_code ec;
  std::filesystem::rename(temporary_, destination_, ec);
  if (ec) throw InputError(destination_.string(), 0, "cannot write output: " + ec.message());
  committed_ = true;
}

void write_text_file_atomically(const std::filesystem::path& destination, const std::string& contents) {
  AtomicOutput out(destination);
  {
    std::ofstream file(out.temporary_path(), std::ios::binary);
    file << contents;
    file.close();
    if (!file) throw InputError(destination.string(), 0, "cannot write output: write failed");
  }
  out.commit();
}

}  // namespace kuchikomi
