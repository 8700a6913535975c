#pragma once

#include "busifavor/BudgetOutcome.h"
#include "busifavor/StockQueryResult.h"
#include "cli/CliOptions.h"

#include <QJsonObject>
#include <QString>

namespace budgetdesk::cli {

// What budgetdesk-cli prints: Chinese-first text, or JSON in the documented shapes.
void out(const QString &text);
void printJson(const QJsonObject &object);

QJsonObject stockJson(const StockDetails &stock);
QJsonObject lookupFailureJson(const StockQueryResult &result);
void printLookupText(const StockQueryResult &result);
int lookupExitCode(const StockQueryResult &result);

QJsonObject modifyJson(const BudgetOutcome &outcome);
void printModifyText(const BudgetOutcome &outcome);
int modifyExitCode(const BudgetOutcome &outcome);

// Prints a failure that stops a command (JSON {"outcome": …} or text on stderr); returns `code`.
int fail(const CliOptions &options, int code, const BilingualText &text, const char *outcome);

} // namespace budgetdesk::cli
