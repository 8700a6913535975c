#pragma once

#include "common/BilingualText.h"

#include <optional>

namespace budgetdesk {

// The TLS backend every program and test uses: the one this build ships, BUDGETDESK_TLS_BACKEND
// (CMake; "openssl" by default — Qt's OpenSSL backend over the OpenSSL we link and bundle).
// Qt would otherwise take whatever loads first and quietly fall back to the system's (Schannel,
// Secure Transport), a backend the tests never ran on. Call once a QCoreApplication exists;
// the answer is the problem, in both languages, when the backend is not there.
std::optional<BilingualText> pinTlsBackend();
QString shippedTlsBackend();

} // namespace budgetdesk
