// Serial communicator (see communicator.hpp).
#include "kuchikomi/selection/communicator.hpp"

#include <cstdlib>

namespace kuchikomi {

void SerialCommunicator::abort(int exit_code) { std::exit(exit_code); }

Communicator& serial_communicator() {
  static SerialCommunicator instance;
  return instance;
}

}  // namespace kuchikomi
