// budgetdesk-cli's profile, history and reconcile commands, and the audit log behind every
// modify — including a change whose process is killed after its pending entry was written.
#include "ChildProcess.h"
#include "CliRun.h"
#include "CsvReader.h"
#include "SimulatorFixture.h"

#include "ReadOnlyFolder.h"

#include "audit/AuditCsv.h"
#include "audit/AuditLog.h"
#include "simulator/DemoMerchant.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

QProcessEnvironment environment()
{
    QProcessEnvironment env = childProcessEnvironment();
    env.insert(QStringLiteral("BUDGETDESK_NO_KEYCHAIN"), QStringLiteral("1"));
    return env;
}

CliRun run(const QStringList &arguments, const QProcessEnvironment &env = environment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BUDGETDESK_CLI_PATH), arguments);
    if (!finished.wait(60000))
        qFatal("budgetdesk-cli did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestBudgetdeskCliProfiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_keys;
    std::unique_ptr<QTemporaryDir> m_data;

    QStringList data() const { return {QStringLiteral("--data-dir"), m_data->path()}; }

    QStringList demoConnection(SimulatorFixture &sim) const { return sim.cliConnection(m_keys.path()); }

    // Adds the demo merchant as profile `name`.
    void addProfile(SimulatorFixture &sim, const QString &name, const QStringList &more = {})
    {
        const CliRun added
            = run(data() << QStringLiteral("profile") << QStringLiteral("add") << name << demoConnection(sim) << more);
        QVERIFY2(added.exitCode == 0, added.out.constData());
    }

    QStringList fast() const { return {QStringLiteral("--retry-delay-ms"), QStringLiteral("5")}; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(DemoMerchant::instance().writeClientFiles(m_keys.path())); }
    void init() { m_data = std::make_unique<QTemporaryDir>(); }

    void profileLifecycle();
    void addValidatesAndReadsTheSerial();
    void profileUsedForLookupAndModify();
    void exportImportHoldsNoSecret();
    void profileTestReportsStages();
    void everyModifyIsAudited();
    void historyFiltersAndCsv();
    void killedMidChangeIsReconciledAfterwards();
    void certificateModeProfileWithApiV3KeyFromTheEnvironment();
    void caFileAndRelativePathsAreKept();
    void commandLineOverridesTheProfileForOneRun();
    void damagedSettingsAreNeverRewritten();
    void readOnlyDataFolder();
    void concurrentFirstUseOfANewDataFolder();
    void outcomeTheLogRefusedIsSaidAndKept();
    void osAccountComesFromTheSystem();
    void identitiesAreStoredListedAndUsed();
};

void TestBudgetdeskCliProfiles::profileLifecycle()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"));
    addProfile(sim, QStringLiteral("门店B"));
    const CliRun list = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("list"));
    QCOMPARE(list.exitCode, 0);
    const QJsonArray profiles = list.json()[QStringLiteral("profiles")].toArray();
    QCOMPARE(profiles.size(), 2);
    QCOMPARE(profiles[0][QStringLiteral("name")].toString(), QStringLiteral("门店A"));
    QCOMPARE(profiles[0][QStringLiteral("verification")].toString(), QStringLiteral("public_key"));

    const CliRun shown = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("show")
                                    << QStringLiteral("门店A"));
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.json()[QStringLiteral("mchid")].toString(), DemoMerchant::instance().mchid);
    QCOMPARE(shown.json()[QStringLiteral("passphrase_stored")].toBool(), false);

    // The same name twice is refused; removing works once.
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("门店A")
                        << demoConnection(sim))
                 .exitCode,
             4);
    // So is one differing only in letter case: Windows INI keys ignore it, and the two would be
    // one profile there.
    addProfile(sim, QStringLiteral("Shop"));
    const CliRun clash = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("SHOP")
                                    << demoConnection(sim));
    QCOMPARE(clash.exitCode, 4);
    QVERIFY2(clash.err.contains("Shop"), clash.err.constData());
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("remove") << QStringLiteral("Shop")).exitCode,
             0);
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("remove") << QStringLiteral("门店B")).exitCode,
             0);
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("remove") << QStringLiteral("门店B")).exitCode,
             4);
    QCOMPARE(run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("list"))
                 .json()[QStringLiteral("profiles")]
                 .toArray()
                 .size(),
             1);
}

void TestBudgetdeskCliProfiles::addValidatesAndReadsTheSerial()
{
    SimulatorFixture sim;
    QStringList bad = demoConnection(sim);
    bad[bad.indexOf(QStringLiteral("--public-key-id")) + 1] = QStringLiteral("0119");
    const CliRun refused = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("add")
                                      << QStringLiteral("bad") << bad);
    QCOMPARE(refused.exitCode, 5);
    QCOMPARE(refused.json()[QStringLiteral("problems")].toArray()[0][QStringLiteral("field")].toString(),
             QStringLiteral("public_key_id"));
    QCOMPARE(run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("list"))
                 .json()[QStringLiteral("profiles")]
                 .toArray()
                 .size(),
             0);

    addProfile(sim, QStringLiteral("ok"));
    const CliRun shown = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("show")
                                    << QStringLiteral("ok"));
    QCOMPARE(shown.json()[QStringLiteral("merchant_serial")].toString(), DemoMerchant::instance().merchantSerial);
}

void TestBudgetdeskCliProfiles::profileUsedForLookupAndModify()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"));
    const QStringList profile{QStringLiteral("--profile"), QStringLiteral("门店A")};
    QCOMPARE(run(data() << profile << QStringLiteral("lookup") << QStringLiteral("1212000000000001")).exitCode, 0);
    const CliRun modified
        = run(data() << profile << QStringLiteral("--json") << QStringLiteral("modify")
                     << QStringLiteral("1212000000000001") << QStringLiteral("--total") << QStringLiteral("60000"));
    QCOMPARE(modified.exitCode, 0);
    QCOMPARE(modified.json()[QStringLiteral("max_coupons")].toInteger(), 60000);
    QVERIFY(modified.json()[QStringLiteral("audit_id")].toInteger() > 0);
    // A profile and connection options together are ambiguous.
    QCOMPARE(run(data() << profile << QStringLiteral("--mchid") << QStringLiteral("1") << QStringLiteral("lookup")
                        << QStringLiteral("1"))
                 .exitCode,
             5);
    QCOMPARE(run(data() << QStringLiteral("--profile") << QStringLiteral("nobody") << QStringLiteral("lookup")
                        << QStringLiteral("1"))
                 .exitCode,
             5);
}

void TestBudgetdeskCliProfiles::exportImportHoldsNoSecret()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"));
    const QString file = m_data->filePath(QStringLiteral("export.json"));
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("export") << QStringLiteral("门店A") << file)
                 .exitCode,
             0);
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray content = exported.readAll();
    const QJsonObject json = QJsonDocument::fromJson(content).object();
    QCOMPARE(json[QStringLiteral("format")].toString(), QStringLiteral("budgetdesk-profile"));
    QVERIFY(!content.contains(DemoMerchant::instance().apiV3Key));
    QVERIFY(!content.contains("PRIVATE KEY"));

    // Imported into another data folder.
    QTemporaryDir other;
    const CliRun imported
        = run({QStringLiteral("--data-dir"), other.path(), QStringLiteral("profile"), QStringLiteral("import"), file});
    QCOMPARE(imported.exitCode, 0);
    const CliRun shown = run({QStringLiteral("--data-dir"), other.path(), QStringLiteral("--json"),
                              QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("门店A")});
    QCOMPARE(shown.json()[QStringLiteral("mchid")].toString(), DemoMerchant::instance().mchid);
    // Again: the name is taken.
    QCOMPARE(
        run({QStringLiteral("--data-dir"), other.path(), QStringLiteral("profile"), QStringLiteral("import"), file})
            .exitCode,
        4);
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("import")
                        << m_keys.filePath(DemoMerchant::MerchantKeyFile))
                 .exitCode,
             4);
}

void TestBudgetdeskCliProfiles::profileTestReportsStages()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"));
    const CliRun passed = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("test")
                                     << QStringLiteral("门店A") << QStringLiteral("1212000000000001"));
    QCOMPARE(passed.exitCode, 0);
    const QJsonArray stages = passed.json()[QStringLiteral("stages")].toArray();
    QCOMPARE(stages.size(), 5);
    for (const QJsonValue stage : stages)
        QCOMPARE(stage[QStringLiteral("status")].toString(), QStringLiteral("passed"));

    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("bad-signature")}).value());
    const CliRun unverified = run(data() << QStringLiteral("profile") << QStringLiteral("test")
                                         << QStringLiteral("门店A") << QStringLiteral("1212000000000001"));
    QCOMPARE(unverified.exitCode, 3);
    QVERIFY(QString::fromUtf8(unverified.out).contains(QStringLiteral("✘ 应答验签")));
}

void TestBudgetdeskCliProfiles::everyModifyIsAudited()
{
    SimulatorFixture sim;
    // Without a profile too: the connection options are recorded as "(command line)".
    const CliRun modified
        = run(data() << demoConnection(sim) << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                     << QStringLiteral("--total") << QStringLiteral("60000"));
    QCOMPARE(modified.exitCode, 0);
    const CliRun history = run(data() << QStringLiteral("--json") << QStringLiteral("history"));
    QCOMPARE(history.exitCode, 0);
    const QList<QJsonObject> entries = history.jsonLines();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first();
    for (const char *field : {"id", "time", "profile", "mchid", "stock_id", "dimension", "current", "target",
                              "request_no", "outcome", "code", "request_id", "verified"})
        QVERIFY2(entry.contains(QLatin1String(field)), field);
    QCOMPARE(entry[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(entry[QStringLiteral("current")].toInteger(), 50000);
    QCOMPARE(entry[QStringLiteral("target")].toInteger(), 60000);
    QCOMPARE(entry[QStringLiteral("dimension")].toString(), QStringLiteral("max_coupons"));
    QCOMPARE(entry[QStringLiteral("verified")].toBool(), true);
    QCOMPARE(entry[QStringLiteral("profile")].toString(), QStringLiteral("(command line)"));
    QVERIFY(!entry[QStringLiteral("request_id")].toString().isEmpty());
}

void TestBudgetdeskCliProfiles::historyFiltersAndCsv()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"), {QStringLiteral("--operator"), QStringLiteral(" 张三 ")});
    // Too long for a name: refused, nothing saved.
    const CliRun tooLong = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("门店B")
                                      << demoConnection(sim) << QStringLiteral("--operator") << QString(33, u'名'));
    QCOMPARE(tooLong.exitCode, 4);
    QVERIFY(!run(data() << QStringLiteral("profile") << QStringLiteral("list")).out.contains("门店B"));
    const QStringList profile{QStringLiteral("--profile"), QStringLiteral("门店A")};
    run(data() << profile << QStringLiteral("modify") << QStringLiteral("1212000000000001") << QStringLiteral("--total")
               << QStringLiteral("60000"));
    run(data() << profile << QStringLiteral("modify") << QStringLiteral("1212000000000009") << QStringLiteral("--total")
               << QStringLiteral("6000") << QStringLiteral("--current") << QStringLiteral("5000"));
    run(data() << demoConnection(sim) << QStringLiteral("modify") << QStringLiteral("1212000000000003")
               << QStringLiteral("--total") << QStringLiteral("9000"));

    auto count = [&](const QStringList &filters) {
        return run(data() << QStringLiteral("--json") << QStringLiteral("history") << filters).jsonLines().size();
    };
    QCOMPARE(count({}), 3);
    QCOMPARE(count({QStringLiteral("--stock"), QStringLiteral("1212000000000009")}), 1);
    QCOMPARE(count({QStringLiteral("--profile"), QStringLiteral("门店A")}), 2);
    QCOMPARE(count({QStringLiteral("--since"), QDate::currentDate().addDays(1).toString(Qt::ISODate)}), 0);
    QCOMPARE(count({QStringLiteral("--since"), QDate::currentDate().addDays(-1).toString(Qt::ISODate)}), 3);
    const QList<QJsonObject> rejected = run(data() << QStringLiteral("--json") << QStringLiteral("history")
                                                   << QStringLiteral("--stock") << QStringLiteral("1212000000000009"))
                                            .jsonLines();
    QCOMPARE(rejected.first()[QStringLiteral("outcome")].toString(), QStringLiteral("rejected"));
    QCOMPARE(rejected.first()[QStringLiteral("code")].toString(), QStringLiteral("RULE_LIMIT"));

    const QString csv = m_data->filePath(QStringLiteral("history.csv"));
    QCOMPARE(run(data() << QStringLiteral("history") << QStringLiteral("--csv") << csv).exitCode, 0);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(content.count("\r\n"), 4); // header and three entries
    QVERIFY(QString::fromUtf8(content).contains(QStringLiteral("门店A")));
    // Chinese throughout, as the rest of the command's output (and its --help says so).
    const QList<QStringList> rows = readCsv(QString::fromUtf8(content.mid(3)));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0], AuditCsv::headers(Language::Chinese));
    const QStringList &refused = rows[2]; // newest first: 0003, then 0009 (refused), then 0001
    QCOMPARE(refused[AuditCsv::StockId], QStringLiteral("=\"1212000000000009\""));
    QCOMPARE(refused[AuditCsv::Outcome], QStringLiteral("被拒绝"));
    QCOMPARE(refused[AuditCsv::ErrorCode], QStringLiteral("RULE_LIMIT"));
    QVERIFY(!refused[AuditCsv::Explanation].isEmpty());
    QVERIFY(!refused[AuditCsv::Detail].isEmpty());
    QCOMPARE(refused[AuditCsv::Operator], QStringLiteral("张三")); // the profile's, trimmed
    QCOMPARE(rows[1][AuditCsv::Operator], QString()); // made without a profile
    QCOMPARE(rows[3][AuditCsv::Outcome], QStringLiteral("已生效"));
    QVERIFY(!rows[3][AuditCsv::StockName].isEmpty()); // looked up for its current value, named then
    const QByteArray help = run({QStringLiteral("--help")}).out;
    QVERIFY(help.contains("--operator <NAME>"));
    QVERIFY(help.contains("Chinese"));
}

void TestBudgetdeskCliProfiles::killedMidChangeIsReconciledAfterwards()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("门店A"));
    // The simulator applies the change at once and holds its answer: time to kill the client.
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=20000")}).value());
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(BUDGETDESK_CLI_PATH),
                  data() << QStringLiteral("--profile") << QStringLiteral("门店A") << QStringLiteral("modify")
                         << QStringLiteral("1212000000000001") << QStringLiteral("--total") << QStringLiteral("60000")
                         << QStringLiteral("--current") << QStringLiteral("50000") << QStringLiteral("--timeout-ms")
                         << QStringLiteral("60000"));
    QVERIFY(process.waitForStarted());
    // Wait until the change has reached the simulator (so its pending entry exists), then kill.
    QVERIFY(QTest::qWaitFor([&] { return !sim.server().receivedRequests().isEmpty(); }, 20000));
    QCOMPARE(sim.server().receivedRequests().last().request.method, QByteArray("PATCH"));
    process.kill();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    sim.simulator().setFaults({});

    // The entry survived, unresolved.
    {
        auto log = AuditLog::open(m_data->filePath(QStringLiteral("audit.sqlite")));
        QVERIFY(log.ok());
        const QList<AuditEntry> unresolved = (*log)->unresolved();
        QCOMPARE(unresolved.size(), 1);
        QCOMPARE(unresolved.first().effectiveOutcome(), QStringLiteral("pending"));
        QCOMPARE(unresolved.first().change.target, 60000);
    }
    const CliRun listed = run(data() << QStringLiteral("history"));
    QVERIFY(QString::fromUtf8(listed.out).contains(QStringLiteral("未确认")));
    QVERIFY(QString::fromUtf8(listed.out).contains(QStringLiteral("无法确认 (pending)"))); // the window's name

    // And is settled by a lookup.
    const CliRun reconciled
        = run(data() << QStringLiteral("--json") << QStringLiteral("reconcile") << QStringLiteral("--all-pending"));
    QCOMPARE(reconciled.exitCode, 0);
    const QJsonObject entry = reconciled.jsonLines().first();
    QCOMPARE(entry[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(entry[QStringLiteral("observed")].toInteger(), 60000);
    QCOMPARE(entry[QStringLiteral("reconciled")].toBool(), true);
    QCOMPARE(run(data() << QStringLiteral("--json") << QStringLiteral("history"))
                 .jsonLines()
                 .first()[QStringLiteral("outcome")]
                 .toString(),
             QStringLiteral("applied"));
    // Nothing left to do; an unknown entry number is bad input.
    QCOMPARE(run(data() << QStringLiteral("reconcile") << QStringLiteral("--all-pending")).exitCode, 0);
    QCOMPARE(run(data() << QStringLiteral("reconcile") << QStringLiteral("4242")).exitCode, 4);
}

void TestBudgetdeskCliProfiles::certificateModeProfileWithApiV3KeyFromTheEnvironment()
{
    SimulatorFixture sim;
    const DemoMerchant &demo = DemoMerchant::instance();
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("TEST_APIV3_KEY"), QString::fromLatin1(demo.apiV3Key));
    const QStringList connection{QStringLiteral("--mchid"),
                                 demo.mchid,
                                 QStringLiteral("--private-key"),
                                 m_keys.filePath(DemoMerchant::MerchantKeyFile),
                                 QStringLiteral("--merchant-certificate"),
                                 m_keys.filePath(DemoMerchant::MerchantCertificateFile),
                                 QStringLiteral("--verification"),
                                 QStringLiteral("platform_certificates"),
                                 QStringLiteral("--base-url"),
                                 sim.server().baseUrl().toString(),
                                 QStringLiteral("--backup-url"),
                                 QStringLiteral("none")};
    const CliRun added
        = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("证书") << connection
                     << QStringLiteral("--apiv3-key-env") << QStringLiteral("TEST_APIV3_KEY"),
              env);
    QCOMPARE(added.exitCode, 0);
    // No keychain here: the key was not kept, and the CLI says so.
    QVERIFY(QString::fromUtf8(added.out).contains(QStringLiteral("未保存")));
    const QStringList use{QStringLiteral("--profile"), QStringLiteral("证书"), QStringLiteral("--apiv3-key-env"),
                          QStringLiteral("TEST_APIV3_KEY")};
    QCOMPARE(run(data() << use << QStringLiteral("lookup") << QStringLiteral("1212000000000001"), env).exitCode, 0);
    // Without the key for this run, nothing can be verified: a configuration problem.
    QCOMPARE(run(data() << QStringLiteral("--profile") << QStringLiteral("证书") << QStringLiteral("lookup")
                        << QStringLiteral("1212000000000001"),
                 env)
                 .exitCode,
             5);
}

// Before: --ca-file was silently dropped by `profile add`, and relative paths were stored as
// typed, so the profile broke in any other folder.
void TestBudgetdeskCliProfiles::caFileAndRelativePathsAreKept()
{
    SimulatorFixture sim(SimulatorFixture::Transport::Https);
    const QString ca = m_keys.filePath(QStringLiteral("simulator-ca.pem"));
    {
        QFile file(ca);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sim.caCertificatePem());
    }
    QStringList relative = demoConnection(sim);
    for (QString &argument : relative) {
        if (argument.startsWith(m_keys.path()))
            argument = QDir(m_keys.path()).relativeFilePath(argument);
    }
    QProcess add;
    add.setProcessEnvironment(environment());
    add.setWorkingDirectory(m_keys.path());
    add.start(QStringLiteral(BUDGETDESK_CLI_PATH),
              data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("tls") << relative
                     << QStringLiteral("--ca-file") << QStringLiteral("simulator-ca.pem"));
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);

    const QJsonObject shown = run(data() << QStringLiteral("--json") << QStringLiteral("profile")
                                         << QStringLiteral("show") << QStringLiteral("tls"))
                                  .json();
    QCOMPARE(shown[QStringLiteral("ca_file")].toString(), ca);
    QCOMPARE(shown[QStringLiteral("private_key_file")].toString(), m_keys.filePath(DemoMerchant::MerchantKeyFile));
    // Used from another folder, over HTTPS, trusting exactly that CA.
    QCOMPARE(run(data() << QStringLiteral("--profile") << QStringLiteral("tls") << QStringLiteral("lookup")
                        << QStringLiteral("1212000000000001"))
                 .exitCode,
             0);
}

// Before: with --profile, --base-url/--backup-url/--timeout-ms/--ca-file were ignored.
void TestBudgetdeskCliProfiles::commandLineOverridesTheProfileForOneRun()
{
    SimulatorFixture stale;
    SimulatorFixture live;
    addProfile(stale, QStringLiteral("门店A")); // saved for a simulator that is about to go quiet
    stale.simulator().setFaults(FaultPlan::parse({QStringLiteral("drop")}).value());
    const QStringList profile{QStringLiteral("--profile"), QStringLiteral("门店A")};
    const CliRun overridden
        = run(data() << profile << QStringLiteral("--json") << QStringLiteral("--base-url")
                     << live.server().baseUrl().toString() << QStringLiteral("--backup-url") << QStringLiteral("none")
                     << QStringLiteral("--timeout-ms") << QStringLiteral("4000") << QStringLiteral("lookup")
                     << QStringLiteral("1212000000000001"));
    QCOMPARE(overridden.exitCode, 0);
    QCOMPARE(overridden.json()[QStringLiteral("domain")].toString(), live.server().baseUrl().toString());
    QVERIFY(stale.server().receivedRequests().isEmpty());
    // The profile itself is unchanged.
    const QJsonObject shown = run(data() << QStringLiteral("--json") << QStringLiteral("profile")
                                         << QStringLiteral("show") << QStringLiteral("门店A"))
                                  .json();
    QCOMPARE(shown[QStringLiteral("primary_base_url")].toString(), stale.server().baseUrl().toString());

    // --backup-url with --profile: the live one as backup of the stale one.
    const CliRun failover = run(data() << profile << QStringLiteral("--json") << QStringLiteral("--backup-url")
                                       << live.server().baseUrl().toString() << QStringLiteral("lookup")
                                       << QStringLiteral("1212000000000001"));
    QCOMPARE(failover.exitCode, 0);
    QCOMPARE(failover.json()[QStringLiteral("domain")].toString(), live.server().baseUrl().toString());

    // --ca-file with --profile: an HTTPS simulator the profile knows nothing about.
    SimulatorFixture tls(SimulatorFixture::Transport::Https);
    const QString ca = m_data->filePath(QStringLiteral("ca.pem"));
    QFile file(ca);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(tls.caCertificatePem());
    file.close();
    QCOMPARE(run(data() << profile << QStringLiteral("--base-url") << tls.server().baseUrl().toString()
                        << QStringLiteral("--ca-file") << ca << QStringLiteral("lookup")
                        << QStringLiteral("1212000000000001"))
                 .exitCode,
             0);
}

// Before: a damaged line hid the profiles after it, and the next `profile add` rewrote the
// file without them.
void TestBudgetdeskCliProfiles::damagedSettingsAreNeverRewritten()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("a"));
    addProfile(sim, QStringLiteral("b"));
    const QString settings = m_data->filePath(QStringLiteral("settings.ini"));
    QFile file(settings);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray content = file.readAll();
    file.close();
    content.insert(content.indexOf("a\\json="), "x\\json=\"@ByteArray({\n");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();

    const CliRun add = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("c")
                                  << demoConnection(sim));
    QCOMPARE(add.exitCode, 5);
    QVERIFY2(QString::fromUtf8(add.err).contains(settings), add.err.constData());
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("remove") << QStringLiteral("b")).exitCode, 5);
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("list")).exitCode, 5);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content); // untouched
}

// Before: on read-only media `profile add/remove` printed success and changed nothing, and
// `history` failed.
void TestBudgetdeskCliProfiles::readOnlyDataFolder()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("a"));
    QCOMPARE(run(data() << QStringLiteral("--profile") << QStringLiteral("a") << QStringLiteral("modify")
                        << QStringLiteral("1212000000000001") << QStringLiteral("--total") << QStringLiteral("60000"))
                 .exitCode,
             0);
    ReadOnlyFolder readOnly(m_data->path());
    QVERIFY(readOnly.ok());
    const CliRun add = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("b")
                                  << demoConnection(sim));
    QCOMPARE(add.exitCode, 5);
    QVERIFY(!add.out.contains("✔"));
    QCOMPARE(run(data() << QStringLiteral("profile") << QStringLiteral("remove") << QStringLiteral("a")).exitCode, 5);
    const CliRun history = run(data() << QStringLiteral("--json") << QStringLiteral("history"));
    QCOMPARE(history.exitCode, 0);
    QCOMPARE(history.jsonLines().size(), 1);
    QCOMPARE(history.jsonLines().first()[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QVERIFY2(history.err.isEmpty(), history.err.constData());
    // A change needs its pending entry first: refused, nothing sent.
    const qsizetype received = sim.server().receivedRequests().size();
    const CliRun modify
        = run(data() << QStringLiteral("--profile") << QStringLiteral("a") << QStringLiteral("modify")
                     << QStringLiteral("1212000000000001") << QStringLiteral("--total") << QStringLiteral("70000")
                     << QStringLiteral("--current") << QStringLiteral("60000"));
    QCOMPARE(modify.exitCode, 5);
    QVERIFY(!modify.err.contains("Unable to") && !modify.err.contains("Driver")); // no driver noise
    QCOMPARE(sim.server().receivedRequests().size(), received);
}

// Before: 2–10 % of first uses of a new folder at once failed with "database is locked".
void TestBudgetdeskCliProfiles::concurrentFirstUseOfANewDataFolder()
{
    for (int round = 0; round < 6; ++round) {
        QTemporaryDir folder;
        QList<QProcess *> processes;
        for (int i = 0; i < 6; ++i) {
            auto *process = new QProcess(this);
            process->setProcessEnvironment(environment());
            process->start(QStringLiteral(BUDGETDESK_CLI_PATH),
                           {QStringLiteral("--data-dir"), folder.path(), QStringLiteral("reconcile"),
                            QStringLiteral("--all-pending")});
            processes.append(process);
        }
        for (QProcess *process : processes) {
            QVERIFY(process->waitForFinished(60000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            delete process;
        }
    }
}

// Before: a failed outcome write was silent (exit 0, the entry stayed pending for ever).
void TestBudgetdeskCliProfiles::outcomeTheLogRefusedIsSaidAndKept()
{
    SimulatorFixture sim;
    addProfile(sim, QStringLiteral("a"));
    const QString path = m_data->filePath(QStringLiteral("audit.sqlite"));
    QCOMPARE(run(data() << QStringLiteral("reconcile") << QStringLiteral("--all-pending")).exitCode, 0); // creates it
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("refuser"));
        database.setDatabaseName(path);
        QVERIFY(database.open());
        QVERIFY(QSqlQuery(database).exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON outcomes BEGIN SELECT "
                                                        "RAISE(ABORT, 'database or disk is full'); END")));
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("refuser"));
    const CliRun modified = run(data() << QStringLiteral("--profile") << QStringLiteral("a") << QStringLiteral("--json")
                                       << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                                       << QStringLiteral("--total") << QStringLiteral("60000"));
    QCOMPARE(modified.exitCode, 0); // the outcome's own code
    QCOMPARE(modified.json()[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QVERIFY(modified.json()[QStringLiteral("audit_error")].toString().contains(QStringLiteral("full")));
    QVERIFY(QString::fromUtf8(modified.err).contains(QStringLiteral("审计日志")));

    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixer"));
        database.setDatabaseName(path);
        QVERIFY(database.open());
        QVERIFY(QSqlQuery(database).exec(QStringLiteral("DROP TRIGGER refuse")));
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixer"));
    // The next start completes the entry with the outcome it had.
    const CliRun reconciled
        = run(data() << QStringLiteral("--json") << QStringLiteral("reconcile") << QStringLiteral("--all-pending"));
    QCOMPARE(reconciled.exitCode, 0);
    QVERIFY(reconciled.out.trimmed().isEmpty()); // nothing left to reconcile
    const QList<QJsonObject> history = run(data() << QStringLiteral("--json") << QStringLiteral("history")).jsonLines();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first()[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(history.first()[QStringLiteral("verified")].toBool(), true);
}

void TestBudgetdeskCliProfiles::osAccountComesFromTheSystem()
{
    SimulatorFixture sim;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("USER"), QStringLiteral("somebody-else"));
    env.insert(QStringLiteral("USERNAME"), QStringLiteral("somebody-else"));
    QCOMPARE(run(data() << demoConnection(sim) << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                        << QStringLiteral("--total") << QStringLiteral("60000"),
                 env)
                 .exitCode,
             0);
    const QJsonObject entry = run(data() << QStringLiteral("--json") << QStringLiteral("history")).jsonLines().first();
    QVERIFY(!entry[QStringLiteral("os_user")].toString().isEmpty());
    QVERIFY(entry[QStringLiteral("os_user")].toString() != QStringLiteral("somebody-else"));
    QCOMPARE(entry[QStringLiteral("os_user")].toString(), currentOsUser());
}

// A 服务商 profile listing the brand it serves, and the brand's own profile: `profile add` stores
// the identity, `list` and `show` say it, and each then changes a 商品券 of its own.
void TestBudgetdeskCliProfiles::identitiesAreStoredListedAndUsed()
{
    SimulatorFixture sim;
    const DemoMerchant &demo = DemoMerchant::instance();
    addProfile(sim, QStringLiteral("服务商"), {QStringLiteral("--brand-id"), demo.brandId});
    const QDir keys(m_keys.path());
    const CliRun added
        = run(data() << QStringLiteral("profile") << QStringLiteral("add") << QStringLiteral("品牌")
                     << QStringLiteral("--identity") << QStringLiteral("brand") << QStringLiteral("--brand-id")
                     << demo.brandId << QStringLiteral("--private-key") << keys.filePath(DemoMerchant::BrandKeyFile)
                     << QStringLiteral("--brand-certificate") << keys.filePath(DemoMerchant::BrandCertificateFile)
                     << QStringLiteral("--public-key-id") << demo.publicKeyId << QStringLiteral("--public-key")
                     << keys.filePath(DemoMerchant::WechatPayPublicKeyFile) << QStringLiteral("--base-url")
                     << sim.server().baseUrl().toString() << QStringLiteral("--backup-url") << QStringLiteral("none"));
    QVERIFY2(added.exitCode == 0, added.out.constData());

    const CliRun list = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("list"));
    const QJsonArray profiles = list.json()[QStringLiteral("profiles")].toArray();
    QCOMPARE(profiles.size(), 2);
    QJsonObject partner, brand;
    for (const QJsonValue profile : profiles)
        (profile[QStringLiteral("identity")].toString() == QLatin1String("brand") ? brand : partner)
            = profile.toObject();
    QCOMPARE(partner[QStringLiteral("name")].toString(), QStringLiteral("服务商"));
    QCOMPARE(partner[QStringLiteral("identity")].toString(), QStringLiteral("merchant"));
    QCOMPARE(partner[QStringLiteral("brands")].toArray(), QJsonArray{demo.brandId});
    QCOMPARE(brand[QStringLiteral("name")].toString(), QStringLiteral("品牌"));
    QCOMPARE(brand[QStringLiteral("brand_id")].toString(), demo.brandId);
    const CliRun text = run(data() << QStringLiteral("profile") << QStringLiteral("list"));
    QVERIFY2(text.out.contains("brand\tbrand_id=" + demo.brandId.toUtf8()), text.out.constData());
    QVERIFY2(text.out.contains("brands=" + demo.brandId.toUtf8()), text.out.constData());
    const CliRun shown = run(data() << QStringLiteral("--json") << QStringLiteral("profile") << QStringLiteral("show")
                                    << QStringLiteral("服务商"));
    QCOMPARE(shown.json()[QStringLiteral("identity")].toString(), QStringLiteral("merchant"));

    const CliRun asPartner
        = run(data() << fast() << QStringLiteral("--profile") << QStringLiteral("服务商") << QStringLiteral("--json")
                     << QStringLiteral("modify") << QStringLiteral("--product-coupon") << QStringLiteral("1000000013")
                     << QStringLiteral("1000000013001") << QStringLiteral("--total") << QStringLiteral("51000"));
    QVERIFY2(asPartner.exitCode == 0, asPartner.out.constData());
    QCOMPARE(asPartner.json()[QStringLiteral("max_count")].toInteger(), 51000);
    const CliRun asBrand
        = run(data() << fast() << QStringLiteral("--profile") << QStringLiteral("品牌") << QStringLiteral("--json")
                     << QStringLiteral("modify") << QStringLiteral("--product-coupon") << QStringLiteral("200000001")
                     << QStringLiteral("200000001001") << QStringLiteral("--total") << QStringLiteral("101000"));
    QVERIFY2(asBrand.exitCode == 0, asBrand.out.constData());
    QVERIFY(sim.server().receivedRequests().last().request.target.startsWith("/brand/marketing/product-coupon/"));
}

QTEST_GUILESS_MAIN(TestBudgetdeskCliProfiles)
#include "TestBudgetdeskCliProfiles.moc"
