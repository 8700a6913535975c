#pragma once

#include "audit/AuditEntry.h"
#include "common/BilingualText.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QTimeZone>

namespace budgetdesk {

// The audit log as a CSV file for finance: opened by double-click in Excel, it must show the
// Chinese, every digit of every ID, and times nobody has to convert. UTF-8 with a byte-order
// mark; headers and labels in `language`; the window exports in its language, the CLI in
// Chinese (see its --help).
class AuditCsv
{
public:
    struct Options
    {
        Language language = Language::Chinese;
        QTimeZone zone = QTimeZone::systemTimeZone(); // times are written in this zone, with its offset
    };

    enum Column {
        EntryId,
        Time,
        Profile,
        Merchant,
        StockId,
        StockName,
        Dimension,
        Current,
        Target,
        RequestNumber,
        Outcome,
        ErrorName,
        ErrorCode,
        HttpStatus,
        Explanation,
        Detail,
        RequestId,
        Verified,
        Reconciliation,
        Observed,
        Attempts,
        OsAccount,
        Operator,
        Source,
        Domain,
        DurationMs,
        ColumnCount
    };

    static QStringList headers(Language language);
    static QByteArray write(const QList<AuditEntry> &entries, const Options &options);

    // One cell as written (before the CSV quoting), exposed for the tests: IDs as Excel text
    // (="1212000000000002"), anything else never a formula.
    static QString idCell(const QString &id);
    static QString textCell(const QString &text);
    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    static QString quoted(QString value);
};

} // namespace budgetdesk
