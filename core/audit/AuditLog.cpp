#include "audit/AuditLog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace budgetdesk {

namespace {

const char *const ConnectionSettings[] = {
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL", // an entry written before sending must survive a crash right after
};

// PRAGMA user_version once the schema below exists: later opens skip it (and its fsync).
constexpr int SchemaVersion = 1;

const char *const Schema[] = {
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

const char *const SelectEntries
    = "SELECT c.id, c.created_at, c.profile, c.mchid, c.stock_id, c.dimension, c.current_value, c.target_value,"
      " c.request_no, c.os_user, c.source, o.completed_at, o.outcome, o.http_status, o.code, o.message, o.request_id,"
      " o.verified, o.domain, o.duration_ms, o.observed, o.reconciled, r.reconciled_at, r.outcome, r.observed, "
      "r.request_id"
      " FROM changes c LEFT JOIN outcomes o ON o.change_id = c.id"
      " LEFT JOIN reconciliations r ON r.id = (SELECT MAX(id) FROM reconciliations WHERE change_id = c.id)";

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
        entry.reconciliation = AuditReconciliation{QDateTime::fromString(query.value(22).toString(), Qt::ISODateWithMs),
                                                   query.value(23).toString(), query.value(24).toLongLong(),
                                                   query.value(25).toString().toLatin1()};
    }
    return entry;
}

QString csvField(QString value)
{
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n')) {
        value.replace(u'"', QStringLiteral("\"\""));
        return u'"' + value + u'"';
    }
    return value;
}

} // namespace

QString currentOsUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME"); // Windows
    return user.isEmpty() ? QStringLiteral("unknown") : user;
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

Result<std::unique_ptr<AuditLog>, AuditError> AuditLog::open(const QString &path)
{
    static QAtomicInteger<int> counter;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return AuditError(QStringLiteral("cannot create the folder of %1").arg(path));
    const QString name = QStringLiteral("budgetdesk-audit-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<AuditLog> log(new AuditLog(name, path));
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    database.setDatabaseName(path);
    database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!database.open())
        return AuditError(database.lastError().text());
    QSqlQuery query(database);
    for (const char *statement : ConnectionSettings) {
        if (!query.exec(QString::fromLatin1(statement)))
            return AuditError(query.lastError().text());
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return AuditError(query.lastError().text());
    if (query.value(0).toInt() >= SchemaVersion)
        return log;
    query.finish();
    // One transaction: every table and trigger, or none.
    if (!database.transaction())
        return AuditError(database.lastError().text());
    for (const char *statement : Schema) {
        if (!query.exec(QString::fromLatin1(statement))) {
            const QString error = query.lastError().text();
            database.rollback();
            return AuditError(error);
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion)) || !database.commit())
        return AuditError(database.lastError().text());
    return log;
}

Result<qint64, AuditError> AuditLog::recordPending(const AuditChange &change)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "INSERT INTO changes (created_at, profile, mchid, stock_id, dimension, current_value, target_value, request_no,"
        " os_user, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(isoNow());
    query.addBindValue(change.profile);
    query.addBindValue(change.mchid);
    query.addBindValue(change.stockId);
    query.addBindValue(BudgetChange::dimensionField(change.dimension));
    query.addBindValue(optionalInteger(change.current));
    query.addBindValue(change.target);
    query.addBindValue(change.requestNumber);
    query.addBindValue(change.osUser);
    query.addBindValue(change.source);
    if (!query.exec())
        return AuditError(query.lastError().text());
    return query.lastInsertId().toLongLong();
}

Result<bool, AuditError> AuditLog::complete(qint64 id, const AuditCompletion &completion)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO outcomes (change_id, completed_at, outcome, http_status, code, message, "
                                 "request_id, verified, domain,"
                                 " duration_ms, observed, reconciled) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE "
                                 "EXISTS (SELECT 1 FROM changes"
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
        return AuditError(query.lastError().text()); // includes "already completed" (primary key)
    if (query.numRowsAffected() != 1)
        return AuditError(QStringLiteral("no entry %1").arg(id));
    return true;
}

Result<bool, AuditError> AuditLog::recordReconciliation(qint64 id, const AuditReconciliation &reconciliation)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO reconciliations (change_id, reconciled_at, outcome, observed, request_id)"
                                 " SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM changes WHERE id = ?)"));
    query.addBindValue(id);
    query.addBindValue(isoNow());
    query.addBindValue(reconciliation.outcome);
    query.addBindValue(reconciliation.observed);
    query.addBindValue(QString::fromLatin1(reconciliation.requestId));
    query.addBindValue(id);
    if (!query.exec())
        return AuditError(query.lastError().text());
    if (query.numRowsAffected() != 1)
        return AuditError(QStringLiteral("no entry %1").arg(id));
    return true;
}

std::optional<AuditEntry> AuditLog::entry(qint64 id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QString::fromLatin1(SelectEntries) + QStringLiteral(" WHERE c.id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readEntry(query);
}

QList<AuditEntry> AuditLog::query(const AuditFilter &filter) const
{
    QStringList conditions;
    QVariantList values;
    if (!filter.stockId.isEmpty()) {
        conditions << QStringLiteral("c.stock_id = ?");
        values << filter.stockId;
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
    QString sql = QString::fromLatin1(SelectEntries);
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY c.id DESC");

    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    QList<AuditEntry> entries;
    if (!query.exec())
        return entries;
    while (query.next()) {
        AuditEntry entry = readEntry(query);
        // The effective outcome depends on reconciliations, so it is filtered here.
        if (!filter.outcome.isEmpty() && entry.effectiveOutcome() != filter.outcome)
            continue;
        if (filter.unresolvedOnly && !entry.isUnresolved())
            continue;
        entries.append(std::move(entry));
    }
    return entries;
}

QList<AuditEntry> AuditLog::unresolved() const
{
    AuditFilter filter;
    filter.unresolvedOnly = true;
    return query(filter);
}

QByteArray AuditLog::toCsv(const QList<AuditEntry> &entries)
{
    QStringList lines{QStringLiteral("id,time,profile,mchid,stock_id,dimension,current,target,request_no,outcome,"
                                     "http_status,code,message,request_id,verified,domain,duration_ms,observed,"
                                     "reconciled,os_user,source")};
    for (const AuditEntry &entry : entries) {
        const AuditChange &c = entry.change;
        const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
        const std::optional<qint64> observed = entry.reconciliation ? entry.reconciliation->observed : done.observed;
        QStringList fields{QString::number(entry.id),
                           entry.time.toString(Qt::ISODateWithMs),
                           c.profile,
                           c.mchid,
                           c.stockId,
                           BudgetChange::dimensionField(c.dimension),
                           c.current ? QString::number(*c.current) : QString(),
                           QString::number(c.target),
                           c.requestNumber,
                           entry.effectiveOutcome(),
                           done.httpStatus ? QString::number(done.httpStatus) : QString(),
                           done.code,
                           done.message,
                           QString::fromLatin1(done.requestId),
                           entry.completion ? QString::number(int(done.verified)) : QString(),
                           done.domain,
                           entry.completion ? QString::number(done.durationMs) : QString(),
                           observed ? QString::number(*observed) : QString(),
                           QString::number(int(done.reconciled || entry.reconciliation.has_value())),
                           c.osUser,
                           c.source};
        for (QString &field : fields) {
            // A cell starting with =, +, - or @ is a formula to Excel: keep text as text.
            if (!field.isEmpty() && QStringLiteral("=+-@").contains(field.front()))
                field.prepend(u'\'');
            field = csvField(field);
        }
        lines << fields.join(u',');
    }
    return "\xEF\xBB\xBF" + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

} // namespace budgetdesk
