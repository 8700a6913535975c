// Linked into every test program (budgetdesk_add_test): QStandardPaths in test mode from the
// start, so that nothing a test runs in-process reaches the user's real data folder or settings
// — on every platform. The XDG variables CTest also sets work on Linux only.
#include <QStandardPaths>

namespace {

const bool testMode = [] {
    QStandardPaths::setTestModeEnabled(true);
    return true;
}();

} // namespace
