#pragma once

#include "busifavor/BudgetOutcome.h"
#include "busifavor/StockQueryResult.h"
#include "cli/CliOptions.h"
#include "productcoupon/StockListQuery.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace budgetdesk::cli {

// What budgetdesk-cli prints: Chinese-first text, or JSON in the documented shapes.
// Text never carries a control character from anywhere (an escape sequence in a server's
// message must not reach the terminal); JSON escapes them anyway.
void out(const QString &text);
void printJson(const QJsonObject &object);
// A warning on stderr, in both languages (text mode; JSON callers add a field instead).
void warn(const BilingualText &text);
// Text from outside (the server, a file) made safe for one line of a terminal: control and
// bidirectional-override characters removed.
QString clean(const QString &text);

QJsonObject stockJson(const StockDetails &stock);
// A 商品券 batch, in the fields of `lookup --product-coupon` and each line of `list`. `brandId`:
// the brand it was asked for, when the answer does not name it (a brand's own call).
QJsonObject productCouponJson(const StockDetails &stock, const QString &brandId);
void printStockTable(const StockListResult &result, const QString &productCouponId);
QJsonObject lookupFailureJson(const StockQueryResult &result);
void printLookupText(const StockQueryResult &result);
int lookupExitCode(const StockQueryResult &result);

QJsonObject modifyJson(const BudgetOutcome &outcome);
void printModifyText(const BudgetOutcome &outcome);
int modifyExitCode(const BudgetOutcome &outcome);

// Every attempt of an exchange: [{"domain", "error", "detail"} or {"domain", "http_status", …}].
QJsonArray attemptsJson(const QList<ExchangeAttempt> &attempts);

// Prints a failure that stops a command (JSON {"outcome": …} or text on stderr); returns `code`.
int fail(const CliOptions &options, int code, const BilingualText &text, const char *outcome);

} // namespace budgetdesk::cli
