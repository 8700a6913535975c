#pragma once

#include <QStringList>

namespace budgetdesk::sim {

// What `budgetdesk-sim` does between parsing its arguments and exiting: listen, print the
// `PORT <n>` line and the connection details, serve until a limit or SIGINT/SIGTERM, then
// write --state-out. Returns the process exit code: 0 after a clean stop, 2 for bad
// arguments, 1 when it cannot listen or write its files.
int runSimulatorProcess(const QStringList &arguments);

} // namespace budgetdesk::sim
