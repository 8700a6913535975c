#include "audit/AuditCsv.h"
#include "audit/AuditLog.h"

#include "CsvReader.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

namespace {

AuditChange change(const QString &stock = QStringLiteral("1212000000000001"),
                   const QString &profile = QStringLiteral("门店A"))
{
    AuditChange c;
    c.profile = profile;
    c.mchid = QStringLiteral("1900000109");
    c.stockId = stock;
    c.dimension = BudgetDimension::Total;
    c.current = 50000;
    c.target = 60000;
    c.requestNumber = QStringLiteral("20261127120000000123456789012");
    c.osUser = QStringLiteral("运营小王");
    c.source = QStringLiteral("cli");
    return c;
}

AuditCompletion applied()
{
    AuditCompletion done;
    done.outcome = QStringLiteral("applied");
    done.requestId = "08F7A1";
    done.verified = true;
    done.domain = QStringLiteral("https://api.mch.weixin.qq.com");
    done.durationMs = 321;
    return done;
}

// A second, raw connection to the same file: what any other program could try.
QSqlQuery rawQuery(const QString &path, const QString &name)
{
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    database.setDatabaseName(path);
    database.open();
    return QSqlQuery(database);
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pendingThenCompleted();
    void completedOnlyOnce();
    void appendOnlyInTheDatabaseItself();
    void reconciliationIsAppended();
    void survivesReopening();
    void usesWriteAheadLogging();
    void queriesByStockProfileDateAndOutcome();
    void csvForExcel();
    void everyAttemptIsKept();
    void upgradesAVersionOneLog();
    void namesAndOperatorAreKept();
    void readsAVersionTwoLogReadOnly();
    void findsPartOfAnIdOrRequestNumber();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestAuditLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("audit.sqlite"));
}

void TestAuditLog::cleanup()
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith(QLatin1String("raw-")))
            QSqlDatabase::removeDatabase(name);
    }
}

void TestAuditLog::pendingThenCompleted()
{
    auto log = AuditLog::open(m_path);
    QVERIFY(log.ok());
    auto id = (*log)->recordPending(change());
    QVERIFY(id.ok());
    auto pending = (*log)->entry(*id);
    QVERIFY(pending.has_value());
    QCOMPARE(pending->effectiveOutcome(), QStringLiteral("pending"));
    QVERIFY(pending->isUnresolved());
    QCOMPARE(pending->change.osUser, QStringLiteral("运营小王"));
    QCOMPARE(*pending->change.current, 50000);
    QVERIFY(qAbs(pending->time.secsTo(QDateTime::currentDateTimeUtc())) < 60);

    QVERIFY((*log)->complete(*id, applied()).ok());
    const auto done = (*log)->entry(*id);
    QCOMPARE(done->effectiveOutcome(), QStringLiteral("applied"));
    QVERIFY(!done->isUnresolved());
    QCOMPARE(done->completion->requestId, QByteArray("08F7A1"));
    QCOMPARE(done->completion->durationMs, 321);
    QVERIFY(done->completion->verified);
}

void TestAuditLog::completedOnlyOnce()
{
    auto log = AuditLog::open(m_path);
    const qint64 id = *(*log)->recordPending(change());
    QVERIFY((*log)->complete(id, applied()).ok());
    AuditCompletion other = applied();
    other.outcome = QStringLiteral("rejected");
    QVERIFY(!(*log)->complete(id, other).ok());
    QCOMPARE((*log)->entry(id)->effectiveOutcome(), QStringLiteral("applied"));
    QVERIFY(!(*log)->complete(9999, applied()).ok()); // no such entry
}

void TestAuditLog::appendOnlyInTheDatabaseItself()
{
    auto log = AuditLog::open(m_path);
    const qint64 id = *(*log)->recordPending(change());
    QVERIFY((*log)->complete(id, applied()).ok());
    QSqlQuery raw = rawQuery(m_path, QStringLiteral("raw-append-only"));
    for (const char *statement : {"UPDATE changes SET target_value = 1", "DELETE FROM changes",
                                  "UPDATE outcomes SET outcome = 'rejected'", "DELETE FROM outcomes"}) {
        QVERIFY2(!raw.exec(QString::fromLatin1(statement)), statement);
        QVERIFY(raw.lastError().text().contains(QStringLiteral("append-only")));
    }
    QCOMPARE((*log)->entry(id)->change.target, 60000);
    QCOMPARE((*log)->entry(id)->effectiveOutcome(), QStringLiteral("applied"));
}

void TestAuditLog::reconciliationIsAppended()
{
    auto log = AuditLog::open(m_path);
    const qint64 crashed = *(*log)->recordPending(change());
    const qint64 unknown = *(*log)->recordPending(change());
    AuditCompletion ambiguous = applied();
    ambiguous.outcome = QStringLiteral("unknown");
    ambiguous.verified = false;
    QVERIFY((*log)->complete(unknown, ambiguous).ok());
    QCOMPARE((*log)->unresolved().size(), 2);

    QVERIFY((*log)->recordReconciliation(crashed, {QDateTime(), QStringLiteral("applied"), 60000, "RID-1", {}}).ok());
    QVERIFY(
        (*log)->recordReconciliation(unknown, {QDateTime(), QStringLiteral("not_applied"), 50000, "RID-2", {}}).ok());
    QCOMPARE((*log)->entry(crashed)->effectiveOutcome(), QStringLiteral("applied"));
    QCOMPARE((*log)->entry(unknown)->effectiveOutcome(), QStringLiteral("not_applied"));
    QCOMPARE((*log)->entry(unknown)->completion->outcome, QStringLiteral("unknown")); // the original stays
    QVERIFY(!(*log)->entry(crashed)->completion.has_value());
    QVERIFY((*log)->unresolved().isEmpty());
    QVERIFY(!(*log)->recordReconciliation(4242, {QDateTime(), QStringLiteral("applied"), 1, {}, {}}).ok());
}

void TestAuditLog::survivesReopening()
{
    qint64 id = 0;
    {
        auto log = AuditLog::open(m_path);
        id = *(*log)->recordPending(change());
    } // as if the program had ended here
    auto reopened = AuditLog::open(m_path);
    QVERIFY(reopened.ok());
    QCOMPARE((*reopened)->unresolved().size(), 1);
    QCOMPARE((*reopened)->unresolved().first().id, id);
}

void TestAuditLog::usesWriteAheadLogging()
{
    auto log = AuditLog::open(m_path);
    QVERIFY(log.ok());
    QSqlQuery raw = rawQuery(m_path, QStringLiteral("raw-wal"));
    QVERIFY(raw.exec(QStringLiteral("PRAGMA journal_mode")) && raw.next());
    QCOMPARE(raw.value(0).toString(), QStringLiteral("wal"));
}

void TestAuditLog::queriesByStockProfileDateAndOutcome()
{
    auto log = AuditLog::open(m_path);
    const qint64 a = *(*log)->recordPending(change(QStringLiteral("A1"), QStringLiteral("门店A")));
    const qint64 b = *(*log)->recordPending(change(QStringLiteral("B2"), QStringLiteral("门店B")));
    const qint64 c = *(*log)->recordPending(change(QStringLiteral("A1"), QStringLiteral("门店B")));
    QVERIFY((*log)->complete(a, applied()).ok());
    AuditCompletion rejected;
    rejected.outcome = QStringLiteral("rejected");
    rejected.code = QStringLiteral("RULE_LIMIT");
    QVERIFY((*log)->complete(b, rejected).ok());

    auto ids = [&](const AuditFilter &filter) {
        QList<qint64> result;
        for (const AuditEntry &entry : (*log)->query(filter).value_or({}))
            result.append(entry.id);
        return result;
    };
    QCOMPARE(ids({}), (QList<qint64>{c, b, a})); // newest first
    AuditFilter byStock;
    byStock.stockId = QStringLiteral("A1");
    QCOMPARE(ids(byStock), (QList<qint64>{c, a}));
    AuditFilter byProfile;
    byProfile.profile = QStringLiteral("门店B");
    QCOMPARE(ids(byProfile), (QList<qint64>{c, b}));
    AuditFilter byOutcome;
    byOutcome.outcome = QStringLiteral("pending");
    QCOMPARE(ids(byOutcome), QList<qint64>{c});
    byOutcome.outcome = QStringLiteral("rejected");
    QCOMPARE(ids(byOutcome), QList<qint64>{b});
    AuditFilter future;
    future.since = QDateTime::currentDateTimeUtc().addSecs(3600);
    QVERIFY(ids(future).isEmpty());
    AuditFilter window;
    window.since = QDateTime::currentDateTimeUtc().addSecs(-3600);
    window.until = QDateTime::currentDateTimeUtc().addSecs(3600);
    QCOMPARE(ids(window).size(), 3);
}

void TestAuditLog::csvForExcel()
{
    auto log = AuditLog::open(m_path);
    AuditChange tricky = change();
    tricky.profile = QStringLiteral("门店A, \"旗舰\"");
    tricky.osUser = QStringLiteral("=HYPERLINK(\"x\")");
    const qint64 id = *(*log)->recordPending(tricky);
    AuditCompletion rejected;
    rejected.outcome = QStringLiteral("rejected");
    rejected.httpStatus = 403;
    rejected.code = QStringLiteral("RULE_LIMIT");
    rejected.message = QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值");
    QVERIFY((*log)->complete(id, rejected).ok());

    // What the log holds, through the export, read back as Excel would.
    const QByteArray csv = AuditCsv::write((*log)->query().value_or({}), {Language::Chinese});
    QVERIFY(csv.startsWith("\xEF\xBB\xBF")); // UTF-8 byte-order mark for Excel
    const QList<QStringList> rows = readCsv(QString::fromUtf8(csv.mid(3)));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0], AuditCsv::headers(Language::Chinese));
    const QStringList &row = rows[1];
    QCOMPARE(row[AuditCsv::Profile], QStringLiteral("门店A, \"旗舰\""));
    QCOMPARE(row[AuditCsv::Detail], QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"));
    QCOMPARE(row[AuditCsv::OsAccount], QStringLiteral("'=HYPERLINK(\"x\")")); // not a formula in Excel
    QCOMPARE(row[AuditCsv::Outcome], QStringLiteral("被拒绝"));
    QCOMPARE(row[AuditCsv::StockId], QStringLiteral("=\"1212000000000001\""));
    QCOMPARE(row[AuditCsv::EntryId], QStringLiteral("=\"%1\"").arg(id));
}

void TestAuditLog::everyAttemptIsKept()
{
    auto log = AuditLog::open(m_path);
    const qint64 id = *(*log)->recordPending(change());
    AuditCompletion done = applied();
    done.attempts = {{QStringLiteral("https://api.mch.weixin.qq.com"),
                      QStringLiteral("1764748800"),
                      QStringLiteral("NONCE1"),
                      0,
                      QStringLiteral("connection_closed"),
                      QStringLiteral("reset"),
                      {},
                      true},
                     {QStringLiteral("https://api2.mch.weixin.qq.com"),
                      QStringLiteral("1764748801"),
                      QStringLiteral("NONCE2"),
                      200,
                      {},
                      {},
                      "RID-2",
                      true}};
    QVERIFY((*log)->complete(id, done).ok());
    const AuditEntry entry = *(*log)->entry(id);
    QCOMPARE(entry.attempts.size(), 2);
    QCOMPARE(entry.attempts[0].nonce, QStringLiteral("NONCE1"));
    QCOMPARE(entry.attempts[0].error, QStringLiteral("connection_closed"));
    QCOMPARE(entry.attempts[1].httpStatus, 200);
    QCOMPARE((*log)->query().value_or({}).first().attempts.size(), 2);
    // Appended by a later re-send, never rewritten.
    QVERIFY((*log)
                ->recordAttempts(id,
                                 {{QStringLiteral("https://api.mch.weixin.qq.com"),
                                   QStringLiteral("1764749000"),
                                   QStringLiteral("NONCE3"),
                                   200,
                                   {},
                                   {},
                                   "RID-3",
                                   true}})
                .ok());
    QCOMPARE((*log)->entry(id)->attempts.size(), 3);
    QVERIFY(!rawQuery(m_path, QStringLiteral("raw-attempts")).exec(QStringLiteral("DELETE FROM attempts")));
}

// A log written by the previous version (schema 1) is upgraded in place, its entries intact.
void TestAuditLog::upgradesAVersionOneLog()
{
    {
        QSqlQuery raw = rawQuery(m_path, QStringLiteral("raw-v1"));
        for (const char *statement :
             {"CREATE TABLE changes (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, profile TEXT NOT "
              "NULL, mchid TEXT NOT NULL, stock_id TEXT NOT NULL, dimension TEXT NOT NULL, current_value INTEGER, "
              "target_value INTEGER NOT NULL, request_no TEXT NOT NULL, os_user TEXT NOT NULL, source TEXT NOT NULL)",
              "CREATE TABLE outcomes (change_id INTEGER PRIMARY KEY REFERENCES changes(id), completed_at TEXT NOT "
              "NULL, "
              "outcome TEXT NOT NULL, http_status INTEGER, code TEXT, message TEXT, request_id TEXT, verified INTEGER "
              "NOT NULL, domain TEXT, duration_ms INTEGER, observed INTEGER, reconciled INTEGER NOT NULL)",
              "CREATE TABLE reconciliations (id INTEGER PRIMARY KEY AUTOINCREMENT, change_id INTEGER NOT NULL "
              "REFERENCES changes(id), reconciled_at TEXT NOT NULL, outcome TEXT NOT NULL, observed INTEGER NOT NULL, "
              "request_id TEXT)",
              "INSERT INTO changes VALUES (1, '2026-11-30T08:00:00.000Z', 'p', '1900000109', '1212000000000001', "
              "'max_coupons', 50000, 60000, 'old-1', 'u', 'cli')",
              "PRAGMA user_version = 1"})
            QVERIFY2(raw.exec(QString::fromLatin1(statement)), qPrintable(raw.lastError().text()));
    }
    auto log = AuditLog::open(m_path);
    QVERIFY(log.ok());
    const AuditEntry old = *(*log)->entry(1);
    QCOMPARE(old.change.requestNumber, QStringLiteral("old-1"));
    QCOMPARE(old.effectiveOutcome(), QStringLiteral("pending"));
    AuditReconciliation settled;
    settled.outcome = QStringLiteral("applied");
    settled.observed = 60000;
    settled.note = QStringLiteral("re-sent");
    QVERIFY((*log)->recordReconciliation(1, settled).ok());
    QCOMPARE((*log)->entry(1)->reconciliation->note, QStringLiteral("re-sent"));
    QSqlQuery version = rawQuery(m_path, QStringLiteral("raw-v2"));
    QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
    QCOMPARE(version.value(0).toInt(), 5);
    QVERIFY(old.change.stockName.isEmpty()); // not recorded then: blank, not invented
    QVERIFY(old.change.operatorName.isEmpty());
    QVERIFY(old.change.runId.isEmpty()); // made alone, as every change was then

    // Since schema 5 an entry names the bulk run that sent it, and a run's entries are found by it.
    AuditChange bulk = old.change;
    bulk.requestNumber = QStringLiteral("bulk-1");
    bulk.runId = QStringLiteral("20261204-093012-7f3a");
    const qint64 id = *(*log)->recordPending(bulk);
    QCOMPARE((*log)->entry(id)->change.runId, bulk.runId);
    AuditFilter filter;
    filter.runId = bulk.runId;
    QCOMPARE((*log)->query(filter)->size(), 1);
    filter.requestNumber = QStringLiteral("old-1");
    QVERIFY((*log)->query(filter)->isEmpty());
}

// The batch's name and the profile's 操作人 go with each new entry.
void TestAuditLog::namesAndOperatorAreKept()
{
    {
        auto log = AuditLog::open(m_path);
        AuditChange named = change();
        named.stockName = QStringLiteral("双十二满100减20");
        named.operatorName = QStringLiteral("张三");
        QVERIFY((*log)->recordPending(named).ok());
        QVERIFY((*log)->recordPending(change()).ok());
    }
    auto log = AuditLog::open(m_path, AuditLog::Mode::ReadOnly);
    const QList<AuditEntry> entries = (*log)->query().value_or({});
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[1].change.stockName, QStringLiteral("双十二满100减20"));
    QCOMPARE(entries[1].change.operatorName, QStringLiteral("张三"));
    QCOMPARE(entries[1].change.osUser, QStringLiteral("运营小王"));
    QVERIFY(entries[0].change.stockName.isEmpty());
    QVERIFY(entries[0].change.operatorName.isEmpty());
}

// History from a log the previous version wrote, on media that cannot be upgraded.
void TestAuditLog::readsAVersionTwoLogReadOnly()
{
    {
        auto log = AuditLog::open(m_path);
        QVERIFY((*log)->recordPending(change()).ok());
    }
    {
        QSqlQuery raw = rawQuery(m_path, QStringLiteral("raw-v2-down"));
        // Schema 2 as it was: the same tables without the columns version 3 added.
        for (const char *statement :
             {"CREATE TABLE changes2 AS SELECT id, created_at, profile, mchid, stock_id,"
              " dimension, current_value, target_value, request_no, os_user, source FROM changes",
              "DROP TRIGGER changes_no_delete", "DROP TRIGGER changes_no_update", "DROP TABLE changes",
              "ALTER TABLE changes2 RENAME TO changes", "PRAGMA user_version = 2"})
            QVERIFY2(raw.exec(QString::fromLatin1(statement)), qPrintable(raw.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw-v2-down"));
    auto log = AuditLog::open(m_path, AuditLog::Mode::ReadOnly);
    QVERIFY(log.ok());
    AuditFilter filter;
    filter.idContains = QStringLiteral("0000001");
    const QList<AuditEntry> entries = (*log)->query(filter).value_or({});
    QCOMPARE(entries.size(), 1);
    QVERIFY(entries[0].change.stockName.isEmpty());
}

// The history's filter: part of a batch ID, request number or name, taken literally.
void TestAuditLog::findsPartOfAnIdOrRequestNumber()
{
    auto log = AuditLog::open(m_path);
    AuditChange a = change(QStringLiteral("1212000000000001"));
    a.requestNumber = QStringLiteral("REQ_2026_a");
    a.stockName = QStringLiteral("双十二 满100减20");
    AuditChange b = change(QStringLiteral("1212000000000002"));
    b.requestNumber = QStringLiteral("REQX2026-b");
    AuditChange c = change(QStringLiteral("9900000000000003"));
    c.requestNumber = QStringLiteral("other");
    const qint64 idA = *(*log)->recordPending(a);
    const qint64 idB = *(*log)->recordPending(b);
    const qint64 idC = *(*log)->recordPending(c);
    auto ids = [&](const QString &part) {
        AuditFilter filter;
        filter.idContains = part;
        QList<qint64> found;
        for (const AuditEntry &entry : (*log)->query(filter).value_or({}))
            found << entry.id;
        return found;
    };
    QCOMPARE(ids(QStringLiteral("1212")), (QList<qint64>{idB, idA}));
    QCOMPARE(ids(QStringLiteral("0000002")), QList<qint64>{idB});
    QCOMPARE(ids(QStringLiteral("0003")), QList<qint64>{idC});
    QCOMPARE(ids(QStringLiteral("2026")), (QList<qint64>{idB, idA})); // part of a request number
    QCOMPARE(ids(QStringLiteral("REQ_")), QList<qint64>{idA}); // '_' is no wildcard
    QCOMPARE(ids(QStringLiteral("%")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("满100")), QList<qint64>{idA}); // the batch's name
    QCOMPARE(ids(QStringLiteral("双十二 满100")), QList<qint64>{idA}); // with its space
    QCOMPARE(ids(QStringLiteral(" 1212 0000 0000 0002 ")), QList<qint64>{idB}); // a grouped paste
    QCOMPARE(ids(QStringLiteral("req_")), QList<qint64>{}); // request numbers are case-sensitive
    QCOMPARE(ids(QString()).size(), 3);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
