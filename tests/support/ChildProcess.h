#pragma once

#include <QProcessEnvironment>

namespace budgetdesk::test {

enum class LeakCheck { On, Off };

// The environment for one of BudgetDesk's executables started by a test. In sanitizer builds
// the command-line programs are leak-checked at exit like the library tests (their transport
// is BudgetDesk's own, with no network thread left running); the window is not — its platform
// plugin and font caches are still held when the process ends, which LeakSanitizer cannot tell
// from ours. The window's code is leak-checked in-process by the GUI tests.
inline QProcessEnvironment childProcessEnvironment(QProcessEnvironment environment
                                                   = QProcessEnvironment::systemEnvironment(),
                                                   LeakCheck leaks = LeakCheck::On)
{
    if (leaks == LeakCheck::Off) {
        const QString asan = environment.value(QStringLiteral("ASAN_OPTIONS"));
        environment.insert(QStringLiteral("ASAN_OPTIONS"),
                           asan.isEmpty() ? QStringLiteral("detect_leaks=0")
                                          : asan + QStringLiteral(":detect_leaks=0"));
    }
    return environment;
}

} // namespace budgetdesk::test
