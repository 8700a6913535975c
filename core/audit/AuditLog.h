#pragma once

#include "audit/AuditEntry.h"
#include "common/BilingualText.h"
#include "common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace budgetdesk {

struct AuditFilter
{
    QString stockId;
    QString profile;
    QDateTime since; // inclusive; invalid: no bound
    QDateTime until; // exclusive; invalid: no bound
    QString outcome; // effective outcome; empty: any
    bool unresolvedOnly = false;
};

class AuditError
{
public:
    explicit AuditError(QString detail)
        : m_detail(std::move(detail))
    { }
    const QString &detail() const { return m_detail; }
    BilingualText text() const
    {
        return {QStringLiteral("审计日志无法写入：%1").arg(m_detail),
                QStringLiteral("The audit log cannot be written: %1").arg(m_detail)};
    }

private:
    QString m_detail;
};

// Every budget change, in SQLite (Qt SQL, WAL mode): written as pending before it is sent,
// completed once with its outcome, reconciled later by appending — never rewritten or deleted
// (the database refuses UPDATE and DELETE through triggers, so no code path can).
// One instance per thread; each opens its own connection.
class AuditLog
{
public:
    static Result<std::unique_ptr<AuditLog>, AuditError> open(const QString &path);
    ~AuditLog();

    Result<qint64, AuditError> recordPending(const AuditChange &change);
    // Fails if the entry does not exist or was completed already.
    Result<bool, AuditError> complete(qint64 id, const AuditCompletion &completion);
    Result<bool, AuditError> recordReconciliation(qint64 id, const AuditReconciliation &reconciliation);

    std::optional<AuditEntry> entry(qint64 id) const;
    QList<AuditEntry> query(const AuditFilter &filter = {}) const; // newest first
    QList<AuditEntry> unresolved() const;

    // UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly.
    static QByteArray toCsv(const QList<AuditEntry> &entries);

    QString path() const { return m_path; }

private:
    AuditLog(QString connectionName, QString path);

    QString m_connectionName;
    QString m_path;
};

// Who is at the keyboard, as the operating system says.
QString currentOsUser();

} // namespace budgetdesk
