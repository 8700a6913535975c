#pragma once

#include "audit/AuditEntry.h"
#include "common/BilingualText.h"
#include "common/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace budgetdesk {

struct AuditFilter
{
    QString stockId; // exactly this batch
    // Part of a batch ID, request number or batch name, as typed into the history's filter.
    QString idContains;
    QString profile;
    QDateTime since; // inclusive; invalid: no bound
    QDateTime until; // exclusive; invalid: no bound
    QString outcome; // effective outcome; empty: any
    QString runId; // the changes of one bulk run; empty: any
    QString requestNumber; // exactly this request number; empty: any
    bool unresolvedOnly = false;
};

// Why the audit log could not be opened, read or written — in words a user can act on (the
// database is locked by another program, the medium is read-only or full), not the driver's.
class AuditError
{
public:
    explicit AuditError(QString detail, bool reading = false)
        : m_detail(std::move(detail))
        , m_reading(reading)
    { }
    const QString &detail() const { return m_detail; }
    BilingualText text() const;

private:
    QString m_detail;
    bool m_reading;
};

// Every budget change, in SQLite (Qt SQL, WAL mode): written as pending before it is sent,
// completed once with its outcome, reconciled later by appending — never rewritten or deleted
// (the database refuses UPDATE and DELETE through triggers, so no code path can).
// One instance per thread; each opens its own connection.
class AuditLog
{
public:
    enum class Mode {
        ReadWrite, // created when missing
        ReadOnly, // history on read-only media: nothing created, nothing written
    };

    // Opening retries for a while when another process holds the database (two first uses
    // of a new data folder at once). ReadWrite also completes the entries whose outcome the
    // database refused earlier (see complete()).
    static Result<std::unique_ptr<AuditLog>, AuditError> open(const QString &path, Mode mode = Mode::ReadWrite,
                                                              int busyTimeoutMs = DefaultBusyTimeoutMs);
    // How long a write waits for another process's lock: a command-line run can wait; the
    // window must not freeze, and says "try again" instead.
    static constexpr int DefaultBusyTimeoutMs = 5000;
    static constexpr int WindowBusyTimeoutMs = 250;
    ~AuditLog();

    Result<qint64, AuditError> recordPending(const AuditChange &change);
    // Fails if the entry does not exist or was completed already. When the database refuses
    // the write, the outcome is kept in a small outbox file beside it (`keptForLater` says
    // so) and written at the next open — or, if even that fails, the entry stays pending
    // and `reconcile` settles it by a lookup.
    Result<bool, AuditError> complete(qint64 id, const AuditCompletion &completion, bool *keptForLater = nullptr);
    Result<bool, AuditError> recordReconciliation(qint64 id, const AuditReconciliation &reconciliation);
    // More attempts of an entry's change (a re-send while reconciling), after those it has.
    Result<bool, AuditError> recordAttempts(qint64 id, const QList<AuditAttempt> &attempts);

    std::optional<AuditEntry> entry(qint64 id) const;
    // Newest first; an error instead of a silently empty list.
    Result<QList<AuditEntry>, AuditError> query(const AuditFilter &filter = {}) const;
    QList<AuditEntry> unresolved() const;
    // Earlier entries of the same change (merchant, batch, dimension, values, request number),
    // whatever their outcome: a retry with that number may be answered by their replays.
    // nullopt when they cannot be read.
    std::optional<QList<AuditEntry>> entriesOfSameChange(const AuditChange &change, qint64 exceptId = 0) const;

    // The CSV export is AuditCsv's.

    QString path() const { return m_path; }
    QString outboxPath() const { return m_path + QStringLiteral(".outbox"); }

private:
    AuditLog(QString connectionName, QString path);
    void completeFromOutbox();
    QString selectEntries() const;
    Result<bool, AuditError> writeCompletion(qint64 id, const AuditCompletion &completion);
    QHash<qint64, QList<AuditAttempt>> attemptsOf(qint64 firstId, qint64 lastId) const;

    QString m_connectionName;
    QString m_path;
    bool m_hasNotes = true;
    bool m_hasAttempts = true;
    bool m_hasNames = true; // schema 3: stock_name and operator_name
    bool m_hasFamilies = true; // schema 4: family, product_coupon_id, stock_bundle_id, brand_id, identity
    bool m_hasRunIds = true; // schema 5: run_id
};

// Who is at the keyboard, as the operating system says.
QString currentOsUser();

} // namespace budgetdesk
