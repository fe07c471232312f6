// Expecting a clean InputError: the message a bad input must produce, with its file and line.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::support {

// Runs `body`, expects an InputError and returns its message; checks the line number.
template <class Body>
std::string input_error(Body body, std::uint64_t expected_line) {
  try {
    body();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), expected_line) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InputError thrown";
  return {};
}

// Expects `read` to throw an InputError whose message names `file` and contains `fragment`.
template <class Read>
void expect_input_error(Read read, const std::string& file, const std::string& fragment) {
  try {
    read();
    ADD_FAILURE() << "accepted; expected an error mentioning '" << fragment << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace kuchikomi::support
