#pragma once

#include <QStringList>

namespace budgetdesk::cli {

// budgetdesk-cli from arguments to exit code: parse, set the connection up, run lookup or
// modify on BusifavorClient, print the outcome (Chinese-first text, or one JSON object).
int runCli(const QStringList &arguments);

} // namespace budgetdesk::cli
