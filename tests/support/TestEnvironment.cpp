// Linked into every test program (budgetdesk_add_test), before any test runs:
// - QStandardPaths in test mode, so that nothing a test runs in-process reaches the user's real
//   data folder or settings — on every platform (the XDG variables CTest also sets work on
//   Linux only);
// - the TLS backend the programs ship pinned, so that the HTTPS rows run on it and not on
//   whichever backend Qt would fall back to.
#include "http/TlsBackend.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace {

const bool testMode = [] {
    QStandardPaths::setTestModeEnabled(true);
    return true;
}();

void pinTheShippedTlsBackend()
{
    if (const auto problem = budgetdesk::pinTlsBackend())
        qFatal("%s", qUtf8Printable(problem->en));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(pinTheShippedTlsBackend)
