// History and reconcile on a large audit log: 20 000 changes (a year of a busy chain), one in
// twenty reconciled, one in fifty still unresolved. Each query is timed on the log as
// BudgetDesk creates it and on a copy with the version-2 indexes dropped — the baseline, which
// is what the 8 s finding measured. Best of a few rounds; printed as ratios, never asserted.
#include "audit/AuditLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace budgetdesk;

namespace {

constexpr int Entries = 20000;
constexpr int Rounds = 3;

// Written straight into the tables in one transaction (AuditLog's own writes each wait for the
// disk, which would make filling take minutes); the schema is AuditLog's.
void fill(const QString &path)
{
    (void)AuditLog::open(path);
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("filler"));
    database.setDatabaseName(path);
    database.open();
    QSqlQuery query(database);
    database.transaction();
    for (int i = 1; i <= Entries; ++i) {
        // Columns named, so a later schema's added columns take their defaults: an entry as an
        // older BudgetDesk wrote it (no batch name, no operator, a 商家券 change, no run).
        query.prepare(QStringLiteral("INSERT INTO changes (id, created_at, profile, mchid, stock_id, dimension, "
                                     "current_value, target_value, request_no, os_user, source) "
                                     "VALUES (?, ?, ?, '1900000109', ?, 'max_coupons', 50000, ?, ?, 'ops', 'cli')"));
        query.addBindValue(i);
        query.addBindValue(QDateTime::currentDateTimeUtc().addSecs(i - Entries).toString(Qt::ISODateWithMs));
        query.addBindValue(i % 3 ? QStringLiteral("门店A") : QStringLiteral("门店B"));
        query.addBindValue(QStringLiteral("12120000%1").arg(i % 400, 8, 10, QLatin1Char('0')));
        query.addBindValue(60000 + i);
        query.addBindValue(QStringLiteral("bench-%1").arg(i));
        if (!query.exec()) // a schema change must fail here, not as "0 entries read" later
            qFatal("cannot fill the log: %s", qPrintable(query.lastError().text()));
        if (i % 50 == 0)
            continue; // left pending
        query.prepare(QStringLiteral("INSERT INTO outcomes VALUES (?, ?, ?, 200, '', '', 'RID', 1, "
                                     "'https://api.mch.weixin.qq.com', 300, NULL, 0)"));
        query.addBindValue(i);
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        query.addBindValue(i % 20 == 0 ? QStringLiteral("unknown") : QStringLiteral("applied"));
        query.exec();
        query.prepare(QStringLiteral("INSERT INTO attempts (change_id, domain, signed_timestamp, nonce, http_status, "
                                     "request_id, sent) VALUES (?, 'https://api.mch.weixin.qq.com', '1764748800', ?, "
                                     "200, 'RID', 1)"));
        query.addBindValue(i);
        query.addBindValue(QStringLiteral("N%1").arg(i));
        query.exec();
        if (i % 20 == 0) {
            query.prepare(QStringLiteral("INSERT INTO reconciliations (change_id, reconciled_at, outcome, observed) "
                                         "VALUES (?, ?, 'applied', ?)"));
            query.addBindValue(i);
            query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            query.addBindValue(60000 + i);
            query.exec();
        }
    }
    database.commit();
    database.close();
}

double bestMs(const std::function<void()> &work)
{
    double best = 1e18;
    for (int round = 0; round < Rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

struct Timings
{
    double history = 0;
    double unresolved = 0;
    double oneBatch = 0;
};

Timings measure(const QString &path)
{
    auto log = AuditLog::open(path);
    if (!log)
        qFatal("cannot open %s", qPrintable(path));
    Timings timings;
    qsizetype seen = 0;
    timings.history = bestMs([&] { seen = (*log)->query().value_or({}).size(); });
    if (seen != Entries)
        qFatal("history read %lld entries", static_cast<long long>(seen));
    timings.unresolved = bestMs([&] { seen = (*log)->unresolved().size(); });
    if (seen != Entries / 50)
        qFatal("unresolved read %lld entries", static_cast<long long>(seen));
    AuditFilter oneBatch;
    oneBatch.stockId = QStringLiteral("1212000000000007");
    timings.oneBatch = bestMs([&] { (void)(*log)->query(oneBatch); });
    return timings;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QTemporaryDir dir;
    const QString indexed = dir.filePath(QStringLiteral("audit.sqlite"));
    fill(indexed);
    QSqlDatabase::removeDatabase(QStringLiteral("filler"));
    const QString bare = dir.filePath(QStringLiteral("without-indexes.sqlite"));
    QFile::copy(indexed, bare);
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dropper"));
        database.setDatabaseName(bare);
        database.open();
        QSqlQuery query(database);
        for (const char *index : {"reconciliations_change", "reconciliations_applied", "changes_profile",
                                  "changes_created", "changes_request", "attempts_change"})
            query.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index)));
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dropper"));

    const Timings with = measure(indexed);
    const Timings without = measure(bare);
    std::printf("audit log of %d changes, best of %d\n", Entries, Rounds);
    std::printf("  history (all):      %8.1f ms, without indexes %8.1f ms, ratio %.1f\n", with.history, without.history,
                without.history / with.history);
    std::printf("  unresolved:         %8.1f ms, without indexes %8.1f ms, ratio %.1f\n", with.unresolved,
                without.unresolved, without.unresolved / with.unresolved);
    std::printf("  one batch:          %8.1f ms, without indexes %8.1f ms, ratio %.1f\n", with.oneBatch,
                without.oneBatch, without.oneBatch / with.oneBatch);
    return 0;
}
