#pragma once

#include "common/BilingualText.h"
#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk {

// The small files BudgetDesk keeps of its own (the watchlist, its samples): read bounded, written
// whole or not at all (QSaveFile), the folder made when missing. `what` names the file in the
// error, in both languages ({"监控列表", "the watchlist"}).
namespace SmallFile {

// nullopt when there is no file; at most `maximumBytes` + 1 bytes, so the caller can tell
// "too big" from "exactly at the limit".
Result<std::optional<QByteArray>, BilingualText> read(const QString &path, qint64 maximumBytes,
                                                      const BilingualText &what);
std::optional<BilingualText> write(const QString &path, const QByteArray &content, const BilingualText &what);

} // namespace SmallFile

} // namespace budgetdesk
