#include "audit/AuditLog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QVariant>

#include <QUrl>

#ifdef Q_OS_WIN
#include <windows.h> // first (NOMINMAX and the rest: budgetdesk_compile_policy)

#include <lmcons.h> // UNLEN; it needs windows.h's types
#else
#include <pwd.h>
#include <unistd.h>
#endif

namespace budgetdesk {

namespace {

// PRAGMA user_version once the schema below exists: later opens skip it (and its fsync).
constexpr int SchemaVersion = 5;

const char *const SchemaV1[] = {
    "CREATE TABLE IF NOT EXISTS changes ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, profile TEXT NOT NULL, mchid TEXT NOT NULL,"
    " stock_id TEXT NOT NULL, dimension TEXT NOT NULL, current_value INTEGER, target_value INTEGER NOT NULL,"
    " request_no TEXT NOT NULL, os_user TEXT NOT NULL, source TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outcomes ("
    " change_id INTEGER PRIMARY KEY REFERENCES changes(id), completed_at TEXT NOT NULL, outcome TEXT NOT NULL,"
    " http_status INTEGER, code TEXT, message TEXT, request_id TEXT, verified INTEGER NOT NULL, domain TEXT,"
    " duration_ms INTEGER, observed INTEGER, reconciled INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS reconciliations ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, change_id INTEGER NOT NULL REFERENCES changes(id),"
    " reconciled_at TEXT NOT NULL, outcome TEXT NOT NULL, observed INTEGER NOT NULL, request_id TEXT)",
    "CREATE INDEX IF NOT EXISTS changes_stock ON changes(stock_id)",
    // Append-only, enforced where no code path can get around it.
    "CREATE TRIGGER IF NOT EXISTS changes_no_update BEFORE UPDATE ON changes BEGIN SELECT RAISE(ABORT, 'append-only'); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS changes_no_delete BEFORE DELETE ON changes BEGIN SELECT RAISE(ABORT, 'append-only'); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS outcomes_no_update BEFORE UPDATE ON outcomes BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS outcomes_no_delete BEFORE DELETE ON outcomes BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS reconciliations_no_update BEFORE UPDATE ON reconciliations BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS reconciliations_no_delete BEFORE DELETE ON reconciliations BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
};

// Version 2: every attempt of a change (its own timestamp and nonce), what a reconciliation
// did (a re-send), and the indexes history and reconcile need (20 000 entries took 8 s
// without them).
const char *const SchemaV2[] = {
    "CREATE TABLE IF NOT EXISTS attempts ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, change_id INTEGER NOT NULL REFERENCES changes(id), domain TEXT NOT NULL,"
    " signed_timestamp TEXT, nonce TEXT, http_status INTEGER, error TEXT, detail TEXT, request_id TEXT,"
    " sent INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS attempts_change ON attempts(change_id, id)",
    "CREATE TRIGGER IF NOT EXISTS attempts_no_update BEFORE UPDATE ON attempts BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS attempts_no_delete BEFORE DELETE ON attempts BEGIN SELECT RAISE(ABORT, "
    "'append-only'); END",
    "ALTER TABLE reconciliations ADD COLUMN note TEXT",
    "CREATE INDEX IF NOT EXISTS reconciliations_change ON reconciliations(change_id, id)",
    "CREATE INDEX IF NOT EXISTS reconciliations_applied ON reconciliations(change_id, outcome, id)",
    "CREATE INDEX IF NOT EXISTS changes_profile ON changes(profile)",
    "CREATE INDEX IF NOT EXISTS changes_created ON changes(created_at)",
    "CREATE INDEX IF NOT EXISTS changes_request ON changes(request_no)",
};

// Version 3: the batch's name and the profile's operator (操作人) with each change. Older rows
// read them as empty.
const char *const SchemaV3[] = {
    "ALTER TABLE changes ADD COLUMN stock_name TEXT",
    "ALTER TABLE changes ADD COLUMN operator_name TEXT",
};

// Version 4: 商品券 changes — the family, the product coupon, the group, the brand and whether
// the brand itself or a merchant (服务商) signed. Older rows read as 商家券 by a merchant.
const char *const SchemaV4[] = {
    "ALTER TABLE changes ADD COLUMN family TEXT",          "ALTER TABLE changes ADD COLUMN product_coupon_id TEXT",
    "ALTER TABLE changes ADD COLUMN stock_bundle_id TEXT", "ALTER TABLE changes ADD COLUMN brand_id TEXT",
    "ALTER TABLE changes ADD COLUMN identity TEXT",
};

// Version 5: the bulk run (批量修改) a change belongs to. Older rows belong to none.
const char *const SchemaV5[] = {
    "ALTER TABLE changes ADD COLUMN run_id TEXT",
    "CREATE INDEX IF NOT EXISTS changes_run ON changes(run_id)",
};

// Another process's first use of the same folder may hold the database for a moment;
// `PRAGMA journal_mode=WAL` does not wait for SQLite's busy timeout, so it is retried here.
constexpr int LockedRetries = 50;
constexpr int LockedRetryMs = 100;

bool isLocked(const QSqlError &error)
{
    const QString text = error.databaseText();
    return text.contains(QLatin1String("locked")) || text.contains(QLatin1String("busy"));
}

// Runs `statement`, waiting out another process's lock for up to `retries` short pauses.
bool execRetrying(QSqlQuery &query, const QString &statement, int retries = LockedRetries)
{
    for (int attempt = 0;; ++attempt) {
        if (query.exec(statement))
            return true;
        if (!isLocked(query.lastError()) || attempt >= retries)
            return false;
        QThread::msleep(LockedRetryMs);
    }
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QVariant optionalInteger(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<qint64> readOptional(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// The reconciliation that decides an entry: the latest that found it applied — a verified
// sighting of the target is never undone by a later look — else the latest of all.
const char *const SelectEntries
    = "SELECT c.id, c.created_at, c.profile, c.mchid, c.stock_id, c.dimension, c.current_value, c.target_value,"
      " c.request_no, c.os_user, c.source, o.completed_at, o.outcome, o.http_status, o.code, o.message, o.request_id,"
      " o.verified, o.domain, o.duration_ms, o.observed, o.reconciled, r.reconciled_at, r.outcome, r.observed,"
      " r.request_id, %1, %2, %3, %4, %5"
      " FROM changes c LEFT JOIN outcomes o ON o.change_id = c.id"
      " LEFT JOIN reconciliations r ON r.id = COALESCE("
      "(SELECT MAX(id) FROM reconciliations WHERE change_id = c.id AND outcome = 'applied'),"
      " (SELECT MAX(id) FROM reconciliations WHERE change_id = c.id))";

AuditEntry readEntry(const QSqlQuery &query)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.time = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    entry.change.profile = query.value(2).toString();
    entry.change.mchid = query.value(3).toString();
    entry.change.stockId = query.value(4).toString();
    entry.change.dimension = query.value(5).toString() == QLatin1String("max_coupons_by_day") ? BudgetDimension::PerDay
                                                                                              : BudgetDimension::Total;
    entry.change.current = readOptional(query.value(6));
    entry.change.target = query.value(7).toLongLong();
    entry.change.requestNumber = query.value(8).toString();
    entry.change.osUser = query.value(9).toString();
    entry.change.source = query.value(10).toString();
    if (!query.value(11).isNull()) {
        AuditCompletion completion;
        completion.outcome = query.value(12).toString();
        completion.httpStatus = query.value(13).toInt();
        completion.code = query.value(14).toString();
        completion.message = query.value(15).toString();
        completion.requestId = query.value(16).toString().toLatin1();
        completion.verified = query.value(17).toBool();
        completion.domain = query.value(18).toString();
        completion.durationMs = query.value(19).toLongLong();
        completion.observed = readOptional(query.value(20));
        completion.reconciled = query.value(21).toBool();
        entry.completion = completion;
    }
    if (!query.value(22).isNull()) {
        AuditReconciliation reconciliation;
        reconciliation.time = QDateTime::fromString(query.value(22).toString(), Qt::ISODateWithMs);
        reconciliation.outcome = query.value(23).toString();
        // Version 1 had no row without a value; an "unknown" verdict stores -1 there.
        const qint64 observed = query.value(24).toLongLong();
        reconciliation.observed = observed < 0 ? std::nullopt : std::optional<qint64>(observed);
        reconciliation.requestId = query.value(25).toString().toLatin1();
        reconciliation.note = query.value(26).toString();
        entry.reconciliation = reconciliation;
    }
    entry.change.stockName = query.value(27).toString();
    entry.change.operatorName = query.value(28).toString();
    if (query.value(29).toString() == QLatin1String("product_coupon"))
        entry.change.family = CouponFamily::ProductCoupon;
    entry.change.productCouponId = query.value(30).toString();
    entry.change.bundleId = query.value(31).toString();
    entry.change.brandId = query.value(32).toString();
    entry.change.identity
        = query.value(33).toString() == QLatin1String("brand") ? CallerIdentity::Brand : CallerIdentity::Merchant;
    entry.change.runId = query.value(34).toString();
    return entry;
}

QString immutableUri(const QString &path)
{
    QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    url.setQuery(QStringLiteral("immutable=1"));
    return QString::fromUtf8(url.toEncoded());
}

AuditError errorFrom(const QSqlError &error, bool reading = false)
{
    return AuditError(error.databaseText().isEmpty() ? error.text() : error.databaseText(), reading);
}

} // namespace

BilingualText AuditError::text() const
{
    // SQLite's own words, mapped to what a user can do about them.
    QString zh = m_detail;
    QString en = m_detail;
    const QString lower = m_detail.toLower();
    if (lower.contains(QLatin1String("locked")) || lower.contains(QLatin1String("busy"))) {
        zh = QStringLiteral("数据库正被另一个 BudgetDesk 程序占用，请稍后重试");
        en = QStringLiteral("another BudgetDesk program holds the database; try again in a moment");
    } else if (lower.contains(QLatin1String("readonly")) || lower.contains(QLatin1String("read-only"))
               || lower.contains(QLatin1String("read only"))) {
        zh = QStringLiteral("数据目录是只读的");
        en = QStringLiteral("the data folder is read-only");
    } else if (lower.contains(QLatin1String("full"))) {
        zh = QStringLiteral("磁盘已满");
        en = QStringLiteral("the disk is full");
    } else if (lower.contains(QLatin1String("unable to open")) || lower.contains(QLatin1String("cannot create"))) {
        zh = QStringLiteral("无法打开或创建数据库文件（%1）").arg(m_detail);
        en = QStringLiteral("the database file cannot be opened or created (%1)").arg(m_detail);
    } else if (lower.contains(QLatin1String("malformed")) || lower.contains(QLatin1String("not a database"))) {
        zh = QStringLiteral("数据库文件已损坏");
        en = QStringLiteral("the database file is damaged");
    }
    if (m_reading)
        return {QStringLiteral("审计日志无法读取：%1。").arg(zh),
                QStringLiteral("The audit log cannot be read: %1.").arg(en)};
    return {QStringLiteral("审计日志无法写入：%1。").arg(zh),
            QStringLiteral("The audit log cannot be written: %1.").arg(en)};
}

QString currentOsUser()
{
    // From the system, not from $USER, which any caller can set.
#ifdef Q_OS_WIN
    wchar_t name[UNLEN + 1];
    DWORD size = UNLEN + 1;
    if (GetUserNameW(name, &size) && size > 1)
        return QString::fromWCharArray(name, int(size) - 1);
#else
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name && *entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return QStringLiteral("uid %1").arg(geteuid());
#endif
    return QStringLiteral("unknown");
}

AuditLog::AuditLog(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
{ }

AuditLog::~AuditLog()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<AuditLog>, AuditError> AuditLog::open(const QString &path, Mode mode, int busyTimeoutMs)
{
    const int retries = qMin(LockedRetries, busyTimeoutMs / LockedRetryMs);
    static QAtomicInteger<int> counter;
    const bool readOnly = mode == Mode::ReadOnly;
    if (readOnly && !QFileInfo(path).isFile())
        return AuditError(QStringLiteral("unable to open %1: no audit log there").arg(path), true);
    if (!readOnly && !QDir().mkpath(QFileInfo(path).absolutePath()))
        return AuditError(QStringLiteral("cannot create the folder of %1").arg(path));
    const QString name = QStringLiteral("budgetdesk-audit-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<AuditLog> log(new AuditLog(name, path));
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!database.isValid())
        return AuditError(QStringLiteral("the SQLite driver of Qt is missing"), readOnly);

    if (readOnly) {
        // Read-only media: SQLite cannot create the WAL index beside the file, so fall back to
        // reading it as an immutable file.
        for (const auto &[databaseName, options] :
             {std::pair{path, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")},
              std::pair{immutableUri(path), QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI")}}) {
            database.close();
            database.setDatabaseName(databaseName);
            database.setConnectOptions(options);
            QSqlQuery probe(database);
            if (database.open() && probe.exec(QStringLiteral("PRAGMA user_version")) && probe.next()) {
                // A version-1 log (no reconciliation notes) is read as it is.
                log->m_hasNotes = log->m_hasAttempts = probe.value(0).toInt() >= 2;
                log->m_hasNames = probe.value(0).toInt() >= 3;
                log->m_hasFamilies = probe.value(0).toInt() >= 4;
                log->m_hasRunIds = probe.value(0).toInt() >= 5;
                if (probe.exec(QStringLiteral("SELECT count(*) FROM changes")))
                    return log;
            }
        }
        return errorFrom(database.lastError().isValid() ? database.lastError() : QSqlQuery(database).lastError(), true);
    }

    database.setDatabaseName(path);
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!database.open())
        return errorFrom(database.lastError());
    QSqlQuery query(database);
    if (!execRetrying(query, QStringLiteral("PRAGMA journal_mode=WAL"), retries))
        return errorFrom(query.lastError());
    // An entry written before sending must survive a crash right after.
    if (!execRetrying(query, QStringLiteral("PRAGMA synchronous=FULL"), retries))
        return errorFrom(query.lastError());
    if (!execRetrying(query, QStringLiteral("PRAGMA user_version"), retries) || !query.next())
        return errorFrom(query.lastError());
    int version = query.value(0).toInt();
    query.finish();
    if (version < SchemaVersion) {
        // One transaction, taken with the write lock at once: every table and trigger, or none,
        // and a second process waits instead of racing us through the same statements.
        if (!execRetrying(query, QStringLiteral("BEGIN IMMEDIATE"), retries))
            return errorFrom(query.lastError());
        auto rollback = [&](const QSqlError &error) {
            QSqlQuery(database).exec(QStringLiteral("ROLLBACK"));
            return errorFrom(error);
        };
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
            return rollback(query.lastError());
        version = query.value(0).toInt(); // another process may have done it meanwhile
        query.finish();
        QStringList statements;
        if (version < 1) {
            for (const char *statement : SchemaV1)
                statements << QString::fromLatin1(statement);
        }
        if (version < 2) {
            for (const char *statement : SchemaV2)
                statements << QString::fromLatin1(statement);
        }
        if (version < 3) {
            for (const char *statement : SchemaV3)
                statements << QString::fromLatin1(statement);
        }
        if (version < 4) {
            for (const char *statement : SchemaV4)
                statements << QString::fromLatin1(statement);
        }
        if (version < 5) {
            for (const char *statement : SchemaV5)
                statements << QString::fromLatin1(statement);
        }
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement))
                return rollback(query.lastError());
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion))
            || !query.exec(QStringLiteral("COMMIT")))
            return rollback(query.lastError());
    }
    log->completeFromOutbox();
    return log;
}

QString AuditLog::selectEntries() const
{
    const QString none = QStringLiteral("NULL");
    return QString::fromLatin1(SelectEntries)
        .arg(m_hasNotes ? QStringLiteral("r.note") : none, m_hasNames ? QStringLiteral("c.stock_name") : none,
             m_hasNames ? QStringLiteral("c.operator_name") : none,
             m_hasFamilies ? QStringLiteral("c.family, c.product_coupon_id, c.stock_bundle_id, c.brand_id, c.identity")
                           : QStringLiteral("NULL, NULL, NULL, NULL, NULL"),
             m_hasRunIds ? QStringLiteral("c.run_id") : none);
}

Result<qint64, AuditError> AuditLog::recordPending(const AuditChange &change)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "INSERT INTO changes (created_at, profile, mchid, stock_id, dimension, current_value, target_value, request_no,"
        " os_user, source, stock_name, operator_name, family, product_coupon_id, stock_bundle_id, brand_id, identity,"
        " run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(isoNow());
    query.addBindValue(change.profile);
    query.addBindValue(change.mchid);
    // A 商品券 group change names no batch: an empty ID, since the column predates groups.
    query.addBindValue(change.stockId.isNull() ? QStringLiteral("") : change.stockId);
    query.addBindValue(BudgetChange::dimensionField(change.dimension));
    query.addBindValue(optionalInteger(change.current));
    query.addBindValue(change.target);
    query.addBindValue(change.requestNumber);
    query.addBindValue(change.osUser);
    query.addBindValue(change.source);
    query.addBindValue(change.stockName);
    query.addBindValue(change.operatorName);
    query.addBindValue(StockKey::familyName(change.family));
    query.addBindValue(change.productCouponId);
    query.addBindValue(change.bundleId);
    query.addBindValue(change.brandId);
    query.addBindValue(callerIdentityName(change.identity));
    query.addBindValue(change.runId.isEmpty() ? QVariant() : QVariant(change.runId));
    if (!query.exec())
        return errorFrom(query.lastError());
    return query.lastInsertId().toLongLong();
}

Result<bool, AuditError> AuditLog::recordAttempts(qint64 id, const QList<AuditAttempt> &attempts)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO attempts (change_id, domain, signed_timestamp, nonce, http_status, error,"
                                 " detail, request_id, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const AuditAttempt &attempt : attempts) {
        query.addBindValue(id);
        query.addBindValue(attempt.domain);
        query.addBindValue(attempt.timestamp);
        query.addBindValue(attempt.nonce);
        query.addBindValue(attempt.httpStatus ? QVariant(attempt.httpStatus) : QVariant());
        query.addBindValue(attempt.error);
        query.addBindValue(attempt.detail);
        query.addBindValue(QString::fromLatin1(attempt.requestId));
        query.addBindValue(attempt.sent);
        if (!query.exec())
            return errorFrom(query.lastError());
    }
    return true;
}

QHash<qint64, QList<AuditAttempt>> AuditLog::attemptsOf(qint64 firstId, qint64 lastId) const
{
    QHash<qint64, QList<AuditAttempt>> attempts;
    if (!m_hasAttempts)
        return attempts;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT change_id, domain, signed_timestamp, nonce, http_status, error, detail,"
                                 " request_id, sent FROM attempts WHERE change_id BETWEEN ? AND ? ORDER BY id"));
    query.addBindValue(firstId);
    query.addBindValue(lastId);
    if (!query.exec())
        return attempts;
    while (query.next()) {
        AuditAttempt attempt;
        attempt.domain = query.value(1).toString();
        attempt.timestamp = query.value(2).toString();
        attempt.nonce = query.value(3).toString();
        attempt.httpStatus = query.value(4).toInt();
        attempt.error = query.value(5).toString();
        attempt.detail = query.value(6).toString();
        attempt.requestId = query.value(7).toString().toLatin1();
        attempt.sent = query.value(8).toBool();
        attempts[query.value(0).toLongLong()].append(attempt);
    }
    return attempts;
}

Result<bool, AuditError> AuditLog::complete(qint64 id, const AuditCompletion &completion, bool *keptForLater)
{
    if (keptForLater)
        *keptForLater = false;
    QSqlDatabase database = QSqlDatabase::database(m_connectionName);
    // The outcome and its attempts together, or neither (without a transaction, not at all).
    Result<bool, AuditError> written = database.transaction()
        ? writeCompletion(id, completion)
        : Result<bool, AuditError>(errorFrom(database.lastError()));
    if (written && !database.commit())
        written = errorFrom(database.lastError());
    if (written)
        return true;
    database.rollback();
    if (const auto existing = entry(id); existing && existing->completion)
        return AuditError(QStringLiteral("entry %1 was completed already").arg(id));
    // Keep the outcome where a later open finds it; the entry itself stays pending.
    QLockFile lock(outboxPath() + QStringLiteral(".lock"));
    lock.tryLock(2000);
    QFile outbox(outboxPath());
    const QByteArray line
        = QJsonDocument(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("completion"), completion.toJson()}})
              .toJson(QJsonDocument::Compact)
        + '\n';
    if (keptForLater && outbox.open(QIODevice::Append) && outbox.write(line) == line.size() && outbox.flush())
        *keptForLater = true;
    return written.error();
}

Result<bool, AuditError> AuditLog::writeCompletion(qint64 id, const AuditCompletion &completion)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO outcomes (change_id, completed_at, outcome, http_status, code, message, "
                                 "request_id, verified, domain, duration_ms, observed, reconciled)"
                                 " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM changes"
                                 " WHERE id = ?)"));
    query.addBindValue(id);
    query.addBindValue(isoNow());
    query.addBindValue(completion.outcome);
    query.addBindValue(completion.httpStatus ? QVariant(completion.httpStatus) : QVariant());
    query.addBindValue(completion.code);
    query.addBindValue(completion.message);
    query.addBindValue(QString::fromLatin1(completion.requestId));
    query.addBindValue(completion.verified);
    query.addBindValue(completion.domain);
    query.addBindValue(completion.durationMs);
    query.addBindValue(optionalInteger(completion.observed));
    query.addBindValue(completion.reconciled);
    query.addBindValue(id);
    if (!query.exec())
        return errorFrom(query.lastError());
    if (query.numRowsAffected() != 1)
        return AuditError(QStringLiteral("no entry %1").arg(id));
    return recordAttempts(id, completion.attempts);
}

void AuditLog::completeFromOutbox()
{
    if (!QFile::exists(outboxPath()))
        return;
    // Another process may be adding to it: one at a time, or nothing this time.
    QLockFile lock(outboxPath() + QStringLiteral(".lock"));
    if (!lock.tryLock(2000))
        return;
    QFile outbox(outboxPath());
    if (!outbox.open(QIODevice::ReadOnly))
        return;
    // Bounded: an outbox holds a few outcomes, never megabytes; one past that is left alone.
    constexpr qint64 MaximumOutboxBytes = 4 * 1024 * 1024;
    const QByteArray content = outbox.read(MaximumOutboxBytes + 1);
    outbox.close();
    if (content.size() > MaximumOutboxBytes)
        return;
    // A line goes only once its entry is known to hold an outcome; anything not settled
    // (unreadable, not written, not found) stays for the next start.
    QByteArray keep;
    for (const QByteArray &line : content.split('\n')) {
        const QJsonObject json = QJsonDocument::fromJson(line).object();
        if (json.isEmpty())
            continue;
        const qint64 id = json.value(QStringLiteral("id")).toInteger();
        std::optional<AuditEntry> pending = entry(id);
        if (pending && !pending->completion)
            (void)complete(id, AuditCompletion::fromJson(json.value(QStringLiteral("completion")).toObject()));
        pending = entry(id);
        if (!pending || !pending->completion)
            keep += line + '\n';
    }
    if (keep == content)
        return;
    QSaveFile rewritten(outboxPath());
    if (keep.isEmpty()) {
        QFile::remove(outboxPath());
    } else if (rewritten.open(QIODevice::WriteOnly) && rewritten.write(keep) == keep.size()) {
        rewritten.commit();
    }
}

Result<bool, AuditError> AuditLog::recordReconciliation(qint64 id, const AuditReconciliation &reconciliation)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO reconciliations (change_id, reconciled_at, outcome, observed, request_id,"
                                 " note) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM changes WHERE id = ?)"));
    query.addBindValue(id);
    query.addBindValue(isoNow());
    query.addBindValue(reconciliation.outcome);
    query.addBindValue(reconciliation.observed.value_or(-1));
    query.addBindValue(QString::fromLatin1(reconciliation.requestId));
    query.addBindValue(reconciliation.note);
    query.addBindValue(id);
    if (!query.exec())
        return errorFrom(query.lastError());
    if (query.numRowsAffected() != 1)
        return AuditError(QStringLiteral("no entry %1").arg(id));
    return true;
}

std::optional<AuditEntry> AuditLog::entry(qint64 id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(selectEntries() + QStringLiteral(" WHERE c.id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    AuditEntry entry = readEntry(query);
    entry.attempts = attemptsOf(id, id).value(id);
    return entry;
}

Result<QList<AuditEntry>, AuditError> AuditLog::query(const AuditFilter &filter) const
{
    QStringList conditions;
    QVariantList values;
    if (!filter.stockId.isEmpty()) {
        conditions << QStringLiteral("c.stock_id = ?");
        values << filter.stockId;
    }
    if (!filter.idContains.isEmpty()) {
        // instr(), not LIKE: what is typed is matched literally (a '_' or '%' in a request
        // number is no wildcard), and case-sensitively, as WeChat Pay compares them.
        // A bulk run's ID finds its entries too (schema 5).
        const QString runId = m_hasRunIds ? QStringLiteral(" OR instr(COALESCE(c.run_id, ''), ?) > 0") : QString();
        conditions << (m_hasNames
                           ? QStringLiteral("(instr(c.stock_id, ?) > 0 OR instr(c.request_no, ?) > 0"
                                            " OR instr(COALESCE(c.stock_name, ''), ?) > 0%1)")
                                 .arg(runId)
                           : QStringLiteral("(instr(c.stock_id, ?) > 0 OR instr(c.request_no, ?) > 0%1)").arg(runId));
        // IDs never hold spaces (a grouped or wrapped paste does); a batch name may.
        const QString compact = QString(filter.idContains).remove(QRegularExpression(QStringLiteral("\\s")));
        values << compact << compact;
        if (m_hasNames)
            values << filter.idContains.trimmed();
        if (m_hasRunIds)
            values << compact;
    }
    if (!filter.runId.isEmpty()) {
        conditions << (m_hasRunIds ? QStringLiteral("c.run_id = ?") : QStringLiteral("0 = 1 AND ? IS NOT NULL"));
        values << filter.runId;
    }
    if (!filter.requestNumber.isEmpty()) {
        conditions << QStringLiteral("c.request_no = ?");
        values << filter.requestNumber;
    }
    if (!filter.profile.isEmpty()) {
        conditions << QStringLiteral("c.profile = ?");
        values << filter.profile;
    }
    if (filter.since.isValid()) {
        conditions << QStringLiteral("c.created_at >= ?");
        values << filter.since.toUTC().toString(Qt::ISODateWithMs);
    }
    if (filter.until.isValid()) {
        conditions << QStringLiteral("c.created_at < ?");
        values << filter.until.toUTC().toString(Qt::ISODateWithMs);
    }
    if (filter.unresolvedOnly) // the candidates; the effective outcome is decided below
        conditions << QStringLiteral("(o.outcome IS NULL OR o.outcome = 'unknown')");
    QString sql = selectEntries();
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY c.id DESC");

    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return errorFrom(query.lastError(), true);
    QList<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry = readEntry(query);
        // The effective outcome depends on reconciliations, so it is filtered here.
        if (!filter.outcome.isEmpty() && entry.effectiveOutcome() != filter.outcome)
            continue;
        if (filter.unresolvedOnly && !entry.isUnresolved())
            continue;
        entries.append(std::move(entry));
    }
    if (!entries.isEmpty()) { // one query for all their attempts (newest first: last is the lowest id)
        const QHash<qint64, QList<AuditAttempt>> attempts = attemptsOf(entries.last().id, entries.first().id);
        for (AuditEntry &entry : entries)
            entry.attempts = attempts.value(entry.id);
    }
    return entries;
}

QList<AuditEntry> AuditLog::unresolved() const
{
    AuditFilter filter;
    filter.unresolvedOnly = true;
    auto entries = query(filter);
    return entries ? *entries : QList<AuditEntry>();
}

std::optional<QList<AuditEntry>> AuditLog::entriesOfSameChange(const AuditChange &change, qint64 exceptId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(selectEntries()
                  + QStringLiteral(" WHERE c.request_no = ? AND c.stock_id = ? AND c.mchid = ? AND c.dimension = ?"
                                   " AND c.target_value = ? AND c.current_value IS ? AND c.id != ?"));
    query.addBindValue(change.requestNumber);
    query.addBindValue(change.stockId);
    query.addBindValue(change.mchid);
    query.addBindValue(BudgetChange::dimensionField(change.dimension));
    query.addBindValue(change.target);
    query.addBindValue(optionalInteger(change.current));
    query.addBindValue(exceptId);
    if (!query.exec())
        return std::nullopt;
    QList<AuditEntry> entries;
    while (query.next())
        entries.append(readEntry(query));
    // Their attempts too: a re-sent entry may still be in flight (AuditEntry::lastSent).
    for (AuditEntry &entry : entries)
        entry.attempts = attemptsOf(entry.id, entry.id).value(entry.id);
    return entries;
}

} // namespace budgetdesk
