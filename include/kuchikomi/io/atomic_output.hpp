// Write-then-rename, so a failed or interrupted run never leaves a partial output file behind.
#pragma once
#include <filesystem>
#include <string>

namespace kuchikomi {

class AtomicOutput {
 public:
  // Checks that the destination folder exists and is writable before any work is done.
  explicit AtomicOutput(std::filesystem::path destination);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();  // removes the temporary file unless commit() succeeded

  // Where the writer should write.
  const std::filesystem::path& temporary_path() const noexcept { return temporary_; }
  const std::filesystem::path& destination() const noexcept { return destination_; }
  // Renames the temporary file onto the destination (atomic on one filesystem).
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

// Convenience: write a whole text file atomically.
void write_text_file_atomically(const std::filesystem::path& destination, const std::string& contents);

}  // namespace kuchikomi
