#pragma once

#include "audit/AuditEntry.h"
#include "common/BilingualText.h"

#include <QTimeZone>

namespace budgetdesk {

// The words an audit entry is shown with — one set for the window's history table, its
// outcome filter, the entry's detail dialog and the CSV export — in both languages, because
// core has no translator and finance reads the same names everywhere.
class AuditEntryText
{
public:
    // 已生效 / 未生效 / 无法确认 / 被拒绝. Pending and unknown are one thing to a reader: it
    // is not known whether the change took effect (核对 settles it).
    static BilingualText outcome(const QString &effectiveOutcome);
    static BilingualText dimension(BudgetDimension dimension);
    // A short readable name of what went wrong ("调用太频繁", "应答超时"); empty when nothing
    // did. The code itself stays available beside it (tooltip, its own CSV column).
    static BilingualText errorName(const AuditCompletion &completion);
    // What the failure means and what to do: ErrorCatalogue's explanation for WeChat Pay's
    // codes, NetworkFailure's for answers that never came. Empty when nothing went wrong.
    static BilingualText errorExplanation(const AuditCompletion &completion);
    // "2026-12-03 21:50:07 +08:00": local wall time, with the offset that makes it unambiguous
    // across daylight-saving changes and offices in other zones.
    static QString localTime(const QDateTime &time, const QTimeZone &zone = QTimeZone::systemTimeZone());
    // "张三（系统账户 zhangsan）" / "张三 (OS account zhangsan)"; the account alone when the
    // profile names no operator.
    static QString operatorText(const AuditChange &change, Language language);
    // The whole story of one entry for its detail dialog: what was asked, the outcome, the
    // explanation and WeChat Pay's own message, every attempt with its Request-ID, and times.
    static QString details(const AuditEntry &entry, Language language,
                           const QTimeZone &zone = QTimeZone::systemTimeZone());
};

} // namespace budgetdesk
