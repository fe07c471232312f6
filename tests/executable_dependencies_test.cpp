// What the kuchikomi executable loads at start-up (ldd): never libmpi (distributed runs open the
// MPI plugin themselves), and with the static HDF5 archive none of the network stack the shared
// libhdf5 drags in for its S3 driver (libcurl, OpenSSL, GnuTLS). Each costs every run memory and
// start-up time (experiments/RESULTS.md, "Genuine one-thread figures").
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

std::string ldd_output() {
  std::string out;
  FILE* pipe = popen(("ldd " + std::string(KUCHIKOMI_CLI) + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  for (std::size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, got);
  pclose(pipe);
  return out;
}

TEST(ExecutableDependencies, LoadsNeitherMpiNorTheNetworkStack) {
  const std::string libraries = ldd_output();
  ASSERT_NE(libraries.find("libc.so"), std::string::npos) << "ldd gave no library list: " << libraries;
  EXPECT_EQ(libraries.find("libmpi"), std::string::npos) << libraries;
  if (KUCHIKOMI_STATIC_HDF5_LINKED) {
    for (const char* name : {"libhdf5", "libcurl", "libssl", "libcrypto", "libgnutls"})
      EXPECT_EQ(libraries.find(name), std::string::npos) << name << " in\n" << libraries;
  }
}

}  // namespace
