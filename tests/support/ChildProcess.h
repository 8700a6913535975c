#pragma once

#include <QProcessEnvironment>

namespace budgetdesk::test {

// The environment for one of BudgetDesk's executables started by a test. In sanitizer builds
// the child is checked for memory errors but not for leaks at exit: Qt's OpenSSL TLS backend
// can still hold a pooled connection's SSL objects in QNetworkAccessManager's thread when the
// process ends, and LeakSanitizer's fast unwinder cannot tell those frames from ours. The same
// code is leak-checked in-process by the library tests.
inline QProcessEnvironment childProcessEnvironment(QProcessEnvironment environment
                                                   = QProcessEnvironment::systemEnvironment())
{
    const QString asan = environment.value(QStringLiteral("ASAN_OPTIONS"));
    environment.insert(QStringLiteral("ASAN_OPTIONS"),
                       asan.isEmpty() ? QStringLiteral("detect_leaks=0") : asan + QStringLiteral(":detect_leaks=0"));
    return environment;
}

} // namespace budgetdesk::test
