// budgetdesk-cli as scripts run it: the real executable against the simulator (in this
// process, over loopback HTTP and HTTPS), every exit code, the --json contract.
#include "ChildProcess.h"
#include "SimulatorFixture.h"

#include "crypto/KeyLoader.h"
#include "simulator/DemoMerchant.h"
#include "simulator/SimulatedStock.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

// Total of the demo's weekend batch from 50000 to 60000, current given: the PATCH comes first.
const QStringList ChangeWithCurrent{
    QStringLiteral("--json"),  QStringLiteral("modify"), QStringLiteral("1212000000000001"),
    QStringLiteral("--total"), QStringLiteral("60000"),  QStringLiteral("--current"),
    QStringLiteral("50000")};

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestBudgetdeskCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    std::unique_ptr<SimulatorFixture> fixture(SimulatorConfig config = SimulatorFixture::demoConfig()) const
    {
        QFETCH_GLOBAL(bool, tls);
        return std::make_unique<SimulatorFixture>(
            tls ? SimulatorFixture::Transport::Https : SimulatorFixture::Transport::Http, std::move(config));
    }

    QStringList connection(SimulatorFixture &sim)
    {
        QStringList arguments = QStringList{QStringLiteral("--data-dir"), m_files.filePath(QStringLiteral("data"))}
            + sim.cliConnection(m_files.path())
            + QStringList{QStringLiteral("--timeout-ms"), QStringLiteral("5000"), QStringLiteral("--retry-delay-ms"),
                          QStringLiteral("5")};
        if (!sim.caCertificatePem().isEmpty()) {
            const QString ca = m_files.filePath(QStringLiteral("ca-%1.pem").arg(sim.server().port()));
            QFile file(ca);
            file.open(QIODevice::WriteOnly);
            file.write(sim.caCertificatePem());
            arguments << QStringLiteral("--ca-file") << ca;
        }
        return arguments;
    }

    // Where nothing listens, on the fixture's scheme.
    static QString closedUrl(SimulatorFixture &sim)
    {
        return QStringLiteral("%1://127.0.0.1:%2")
            .arg(sim.server().baseUrl().scheme())
            .arg(SimulatorFixture::unusedLoopbackPort());
    }

    // Runs the CLI while this thread's event loop keeps the simulator answering.
    static CliRun run(const QStringList &arguments,
                      QProcessEnvironment environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(childProcessEnvironment(environment));
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(BUDGETDESK_CLI_PATH), arguments);
        if (!finished.wait(60000))
            qFatal("budgetdesk-cli did not finish");
        CliRun result{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
        if (process.exitStatus() != QProcess::NormalExit || !result.err.isEmpty())
            qWarning("budgetdesk-cli (exit %d): %s", result.exitCode, result.err.constData());
        return result;
    }

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();

    void lookupVerified();
    void modifyAppliedJson();
    void modifyAppliedText();
    void rejectedExitsTwo();
    void unknownExitsThree();
    void serverErrorsLeaveItUnknown();
    void reconciledAppliedExitsZero();
    void invalidInputExitsFour_data();
    void invalidInputExitsFour();
    void configurationExitsFive_data();
    void configurationExitsFive();
    void networkFailureExitsSix();
    void failoverThroughTheCommandLine();
    void passphraseFromTheEnvironment();
    void sameRequestNumberRetriesSafely();
    void stopIssuingSetsTheTotalToWhatWasIssued();
    void stopIssuingNeedsSomethingIssued();
    void versionAndHelp();
    void productCouponLookupAndList();
    void productCouponModify();
    void productCouponRefusedBeforeSending();
    void productCouponAsTheBrand();
};

void TestBudgetdeskCli::initTestCase_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("http") << false;
    QTest::newRow("https") << true;
}

void TestBudgetdeskCli::initTestCase()
{
    QVERIFY(DemoMerchant::instance().writeClientFiles(m_files.path()));
}

void TestBudgetdeskCli::lookupVerified()
{
    auto sim = fixture();
    const CliRun result = run(connection(*sim) << QStringLiteral("--json") << QStringLiteral("lookup")
                                               << QStringLiteral("1212000000000001"));
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("verified")].toBool(), true);
    QCOMPARE(json[QStringLiteral("stock_id")].toString(), QStringLiteral("1212000000000001"));
    QCOMPARE(json[QStringLiteral("max_coupons")].toInteger(), 50000);
    QCOMPARE(json[QStringLiteral("max_coupons_by_day")].toInteger(), 5000);
    QCOMPARE(json[QStringLiteral("total_send_num")].toInteger(), 12840);
    QCOMPARE(json[QStringLiteral("stock_state")].toString(), QStringLiteral("RUNNING"));
    QVERIFY(!json[QStringLiteral("request_id")].toString().isEmpty());

    const CliRun text = run(connection(*sim) << QStringLiteral("lookup") << QStringLiteral("1212000000000001"));
    QCOMPARE(text.exitCode, 0);
    QVERIFY(QString::fromUtf8(text.out).contains(QStringLiteral("已验签")));
    QVERIFY(QString::fromUtf8(text.out).contains(QStringLiteral("满100减10元 周末券")));
}

void TestBudgetdeskCli::modifyAppliedJson()
{
    auto sim = fixture();
    const CliRun result = run(connection(*sim) << QStringLiteral("--json") << QStringLiteral("modify")
                                               << QStringLiteral("1212000000000001") << QStringLiteral("--total")
                                               << QStringLiteral("60000"));
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(json[QStringLiteral("verified")].toBool(), true);
    QCOMPARE(json[QStringLiteral("max_coupons")].toInteger(), 60000);
    QCOMPARE(json[QStringLiteral("max_coupons_by_day")].toInteger(), 5000);
    QCOMPARE(json[QStringLiteral("domain")].toString(), sim->server().baseUrl().toString());
    QVERIFY(!json[QStringLiteral("request_id")].toString().isEmpty());
    const QString requestNo = json[QStringLiteral("request_no")].toString();
    QCOMPARE(requestNo.size(), 28);
    QVERIFY(sim->server().receivedRequests().last().request.body.contains(requestNo.toLatin1()));
    QCOMPARE(sim->simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 60000);
    QCOMPARE(result.out.count('\n'), 1); // exactly one JSON object
}

void TestBudgetdeskCli::modifyAppliedText()
{
    auto sim = fixture();
    const CliRun result = run(connection(*sim) << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                                               << QStringLiteral("--per-day") << QStringLiteral("6000")
                                               << QStringLiteral("--request-no") << QStringLiteral("cli_text-1"));
    QCOMPARE(result.exitCode, 0);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY2(out.startsWith(QStringLiteral("✔ 修改成功（已验签）")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("5000 → 6000 (+1000)")));
    QVERIFY(out.contains(QStringLiteral("cli_text-1")));
    QVERIFY(out.contains(QStringLiteral("Applied and verified")));
}

void TestBudgetdeskCli::rejectedExitsTwo()
{
    auto sim = fixture();
    const CliRun result = run(connection(*sim) << QStringLiteral("--json") << QStringLiteral("modify")
                                               << QStringLiteral("1212000000000009") << QStringLiteral("--total")
                                               << QStringLiteral("6000"));
    QCOMPARE(result.exitCode, 2);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("rejected"));
    QCOMPARE(json[QStringLiteral("http_status")].toInt(), 403);
    QCOMPARE(json[QStringLiteral("code")].toString(), QStringLiteral("RULE_LIMIT"));
    QCOMPARE(json[QStringLiteral("message")].toString(), QStringLiteral("仅创建方有权限使券失效"));
    QVERIFY(json[QStringLiteral("explanation_zh")].toString().contains(QStringLiteral("创建")));
    QVERIFY(!json[QStringLiteral("solution_zh")].toString().isEmpty());
    QVERIFY(!json[QStringLiteral("request_id")].toString().isEmpty());

    // A lookup of an unknown batch is rejected too.
    QCOMPARE(run(connection(*sim) << QStringLiteral("lookup") << QStringLiteral("404404")).exitCode, 2);
}

void TestBudgetdeskCli::unknownExitsThree()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("bad-signature")}).value());
    const CliRun result = run(connection(*sim) << ChangeWithCurrent);
    QCOMPARE(result.exitCode, 3);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("unknown"));
    QCOMPARE(json[QStringLiteral("reconciled")].toBool(), true);
    QCOMPARE(json[QStringLiteral("reason")].toString(), QStringLiteral("answer_not_verified"));
    // A lookup whose answer fails verification exits 3 as well.
    QCOMPARE(run(connection(*sim) << QStringLiteral("lookup") << QStringLiteral("1212000000000001")).exitCode, 3);
}

// (not_applied through the command line: TestBudgetdeskCliSafety::notAppliedExitsThree.)
void TestBudgetdeskCli::serverErrorsLeaveItUnknown()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("status=500"), QStringLiteral("count=3")}).value());
    const CliRun result = run(connection(*sim) << ChangeWithCurrent);
    QCOMPARE(result.exitCode, 3);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("unknown"));
    QCOMPARE(json[QStringLiteral("reconciled")].toBool(), true);
    QCOMPARE(json[QStringLiteral("observed")].toInteger(), 50000);
    QCOMPARE(json[QStringLiteral("reason")].toString(), QStringLiteral("server_error"));
}

void TestBudgetdeskCli::reconciledAppliedExitsZero()
{
    auto sim = fixture();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("signtest"), QStringLiteral("count=1")}).value());
    const CliRun result = run(connection(*sim) << ChangeWithCurrent);
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(json[QStringLiteral("reconciled")].toBool(), true);
    QCOMPARE(json[QStringLiteral("observed")].toInteger(), 60000);
}

void TestBudgetdeskCli::invalidInputExitsFour_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("lookupAllowed"); // false: not even a lookup may go out
    const QString weekend = QStringLiteral("1212000000000001");
    auto modify = [&](const QString &stock, const QStringList &rest) {
        return QStringList{QStringLiteral("modify"), stock} + rest;
    };
    const QStringList total{QStringLiteral("--total"), QStringLiteral("60000")};
    QTest::newRow("both dimensions") << modify(
        weekend, {QStringLiteral("--total"), QStringLiteral("1"), QStringLiteral("--per-day"), QStringLiteral("1")})
                                     << false;
    QTest::newRow("no dimension") << modify(weekend, {}) << false;
    QTest::newRow("stop and a total") << modify(weekend, QStringList{QStringLiteral("--stop-issuing")} + total)
                                      << false;
    QTest::newRow("stop outside modify") << QStringList{QStringLiteral("lookup"), weekend,
                                                        QStringLiteral("--stop-issuing")}
                                         << false;
    QTest::newRow("not a number") << modify(weekend, {QStringLiteral("--total"), QStringLiteral("many")}) << false;
    QTest::newRow("below issued (from the lookup)")
        << modify(weekend, {QStringLiteral("--total"), QStringLiteral("100")}) << true;
    QTest::newRow("target 0, before any lookup")
        << modify(weekend, {QStringLiteral("--total"), QStringLiteral("0")}) << false;
    QTest::newRow("target beyond 10^9, before any lookup")
        << modify(weekend, {QStringLiteral("--total"), QStringLiteral("2000000000")}) << false;
    QTest::newRow("negative current") << modify(weekend,
                                                total + QStringList{QStringLiteral("--current"), QStringLiteral("-5")})
                                      << false;
    QTest::newRow("bad request number") << modify(
        weekend, total + QStringList{QStringLiteral("--request-no"), QStringLiteral("no spaces allowed")})
                                        << false;
    QTest::newRow("empty request number")
        << modify(weekend, total + QStringList{QStringLiteral("--request-no"), QString()}) << false;
    QTest::newRow("unknown command") << QStringList{QStringLiteral("delete"), QStringLiteral("1")} << false;
    QTest::newRow("stock id too long") << QStringList{QStringLiteral("lookup"), QString(21, u'1')} << false;
    // What the URL layer would otherwise turn into another request.
    for (const auto &[name, id] :
         {std::pair{"dot-dot", QStringLiteral("..")}, std::pair{"inner space", QStringLiteral("1212 0001")},
          std::pair{"CR LF", QStringLiteral("1212\r\nX-Evil: 1")}, std::pair{"query", QStringLiteral("1212?x=1")},
          std::pair{"slash", QStringLiteral("1212/budget")},
          std::pair{"full-width digits", QStringLiteral("１２１２０００")},
          std::pair{"Arabic-Indic digits", QStringLiteral("١٢١٢٠٠٠")}, std::pair{"empty", QStringLiteral("  ")}}) {
        QTest::newRow(qPrintable(QStringLiteral("lookup %1").arg(QLatin1String(name))))
            << QStringList{QStringLiteral("lookup"), id} << false;
        QTest::newRow(qPrintable(QStringLiteral("modify %1").arg(QLatin1String(name)))) << modify(id, total) << false;
    }
    QTest::newRow("profile test of ..") << QStringList{QStringLiteral("profile"), QStringLiteral("test"),
                                                       QStringLiteral("anyone"), QStringLiteral("..")}
                                        << false;
    QTest::newRow("full-width mchid") << QStringList{QStringLiteral("--mchid"), QStringLiteral("１９０００００１０９"),
                                                     QStringLiteral("lookup"), weekend}
                                      << false;
    for (const auto &[name, url] : {std::pair{"http to a remote host", QStringLiteral("http://example.com")},
                                    std::pair{"a path", QStringLiteral("https://api.mch.weixin.qq.com/v3")},
                                    std::pair{"a query", QStringLiteral("https://api.mch.weixin.qq.com?x=1")},
                                    std::pair{"a fragment", QStringLiteral("https://api.mch.weixin.qq.com#x")},
                                    std::pair{"a password", QStringLiteral("https://ops:s3cret-pw@gw.example.com")}}) {
        QTest::newRow(qPrintable(QStringLiteral("base URL with %1").arg(QLatin1String(name))))
            << QStringList{QStringLiteral("--base-url"), url, QStringLiteral("lookup"), weekend} << false;
        QTest::newRow(qPrintable(QStringLiteral("backup URL with %1").arg(QLatin1String(name))))
            << QStringList{QStringLiteral("--backup-url"), url, QStringLiteral("lookup"), weekend} << false;
    }
    QTest::newRow("a local primary paired with the real backup")
        << QStringList{QStringLiteral("--backup-url"), QStringLiteral("https://api2.mch.weixin.qq.com"),
                       QStringLiteral("lookup"), weekend}
        << false;
    // --stop-issuing refuses from the fresh lookup, before anything is changed.
    QTest::newRow("stop a stopped batch")
        << modify(QStringLiteral("1212000000000005"), {QStringLiteral("--stop-issuing")}) << true;
    QTest::newRow("stop another merchant's batch")
        << modify(QStringLiteral("1212000000000009"), {QStringLiteral("--stop-issuing")}) << true;
}

void TestBudgetdeskCli::invalidInputExitsFour()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, lookupAllowed);
    auto sim = fixture();
    QStringList line = connection(*sim);
    // Options given in the row replace the connection's own.
    for (const QString &option :
         {QStringLiteral("--base-url"), QStringLiteral("--backup-url"), QStringLiteral("--mchid")}) {
        const qsizetype given = arguments.indexOf(option);
        const qsizetype existing = line.indexOf(option);
        if (given >= 0 && existing >= 0) {
            line[existing + 1] = arguments.at(given + 1);
            arguments.remove(given, 2);
        }
    }
    const CliRun result = run(line << QStringLiteral("--json") << arguments);
    QCOMPARE(result.exitCode, 4);
    // Asked for JSON, a script gets JSON — about its own arguments too.
    QCOMPARE(result.json()[QStringLiteral("outcome")].toString(), QStringLiteral("invalid"));
    QVERIFY(!result.out.contains("s3cret-pw") && !result.err.contains("s3cret-pw")); // never repeated
    for (const ReceivedRequest &received : sim->server().receivedRequests())
        QCOMPARE(received.request.method, QByteArray("GET"));
    if (!lookupAllowed)
        QVERIFY(sim->server().receivedRequests().isEmpty());
    QCOMPARE(sim->simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 50000);
}

void TestBudgetdeskCli::configurationExitsFive_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing key file") << "--private-key"
                                      << "/nonexistent/apiclient_key.pem"
                                      << "找不到文件";
    QTest::newRow("certificate as key") << "--private-key"
                                        << "CERT"
                                        << "这是证书";
    QTest::newRow("public key ID without prefix") << "--public-key-id"
                                                  << "0119000001"
                                                  << "PUB_KEY_ID_";
    QTest::newRow("the merchant's own certificate as WeChat Pay's key") << "--platform-certificate"
                                                                        << "CERT"
                                                                        << "商户自己的";
    QTest::newRow("the merchant's own public key as WeChat Pay's key") << "--public-key"
                                                                       << "OWNKEY"
                                                                       << "商户自己的";
    QTest::newRow("a folder as the key") << "--private-key"
                                         << "FOLDER"
                                         << "不是普通文件";
#ifdef Q_OS_UNIX
    QTest::newRow("a device as the key") << "--private-key"
                                         << "/dev/zero"
                                         << "不是普通文件";
    QTest::newRow("a pipe as WeChat Pay's key") << "--public-key"
                                                << "FIFO"
                                                << "不是普通文件";
#endif
    QTest::newRow("serial contradicts the certificate") << "--merchant-serial"
                                                        << "ABCDEF"
                                                        << "不一致";
}

void TestBudgetdeskCli::configurationExitsFive()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, mentions);
    auto sim = fixture();
    QStringList arguments = connection(*sim);
    if (value == QLatin1String("CERT"))
        value = m_files.filePath(DemoMerchant::MerchantCertificateFile);
    if (value == QLatin1String("FOLDER"))
        value = m_files.path();
    if (value == QLatin1String("OWNKEY")) {
        value = m_files.filePath(QStringLiteral("merchant_public.pem"));
        QFile own(value);
        QVERIFY(own.open(QIODevice::WriteOnly));
        own.write(KeyLoader::merchantKey(DemoMerchant::instance().merchantPrivateKeyPem)->key.publicKey().toPem());
    }
#ifdef Q_OS_UNIX
    if (value == QLatin1String("FIFO")) {
        value = m_files.filePath(QStringLiteral("pipe.pem"));
        QFile::remove(value);
        QVERIFY(::mkfifo(QFile::encodeName(value).constData(), 0600) == 0);
    }
#endif
    QElapsedTimer clock;
    clock.start();
    const qsizetype at = arguments.indexOf(option);
    if (at >= 0)
        arguments[at + 1] = value;
    else
        arguments << option << value;
    const CliRun result
        = run(arguments << QStringLiteral("--json") << QStringLiteral("lookup") << QStringLiteral("1212000000000001"));
    QCOMPARE(result.exitCode, 5);
    QVERIFY(clock.elapsed() < 20000); // at once: nothing read forever, no wait for a pipe's writer
    QCOMPARE(result.json()[QStringLiteral("outcome")].toString(), QStringLiteral("configuration_error"));
    QVERIFY2(result.json()[QStringLiteral("message_zh")].toString().contains(mentions), result.out.constData());
    QVERIFY(sim->server().receivedRequests().isEmpty());

    // No key to verify answers with is a configuration problem too.
    QStringList unverifiable = connection(*sim);
    unverifiable.remove(unverifiable.indexOf(QStringLiteral("--public-key-id")), 4);
    QCOMPARE(run(unverifiable << QStringLiteral("lookup") << QStringLiteral("1")).exitCode, 5);
}

void TestBudgetdeskCli::networkFailureExitsSix()
{
    auto sim = fixture();
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const QString closed
        = QStringLiteral("%1://127.0.0.1:%2").arg(sim->server().baseUrl().scheme()).arg(probe.serverPort());
    probe.close();
    QStringList arguments = connection(*sim);
    arguments[arguments.indexOf(QStringLiteral("--base-url")) + 1] = closed;
    const CliRun result
        = run(arguments << QStringLiteral("--json") << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                        << QStringLiteral("--total") << QStringLiteral("60000") << QStringLiteral("--current")
                        << QStringLiteral("50000"));
    QCOMPARE(result.exitCode, 6);
    QCOMPARE(result.json()[QStringLiteral("outcome")].toString(), QStringLiteral("network_failure"));
    QCOMPARE(result.json()[QStringLiteral("error")].toString(), QStringLiteral("connection_refused"));
}

void TestBudgetdeskCli::failoverThroughTheCommandLine()
{
    auto sim = fixture();
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const QString closed
        = QStringLiteral("%1://127.0.0.1:%2").arg(sim->server().baseUrl().scheme()).arg(probe.serverPort());
    probe.close();
    QStringList arguments = connection(*sim);
    arguments[arguments.indexOf(QStringLiteral("--base-url")) + 1] = closed;
    arguments[arguments.indexOf(QStringLiteral("--backup-url")) + 1] = sim->server().baseUrl().toString();
    const CliRun result
        = run(arguments << QStringLiteral("--json") << QStringLiteral("modify") << QStringLiteral("1212000000000001")
                        << QStringLiteral("--total") << QStringLiteral("60000"));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.json()[QStringLiteral("domain")].toString(), sim->server().baseUrl().toString());
}

void TestBudgetdeskCli::passphraseFromTheEnvironment()
{
    auto sim = fixture();
    const QString encrypted = m_files.filePath(QStringLiteral("encrypted_key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-in"),
                   m_files.filePath(DemoMerchant::MerchantKeyFile), QStringLiteral("-passout"),
                   QStringLiteral("pass:cli-secret"), QStringLiteral("-out"), encrypted});
    QVERIFY(openssl.waitForFinished(20000));
    QCOMPARE(openssl.exitCode(), 0);
    QStringList arguments = connection(*sim);
    arguments[arguments.indexOf(QStringLiteral("--private-key")) + 1] = encrypted;
    arguments << QStringLiteral("--passphrase-env") << QStringLiteral("BUDGETDESK_TEST_PASSPHRASE");

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BUDGETDESK_TEST_PASSPHRASE"), QStringLiteral("cli-secret"));
    QCOMPARE(run(QStringList(arguments) << QStringLiteral("lookup") << QStringLiteral("1212000000000001"), environment)
                 .exitCode,
             0);

    environment.insert(QStringLiteral("BUDGETDESK_TEST_PASSPHRASE"), QStringLiteral("wrong"));
    const CliRun wrong
        = run(QStringList(arguments) << QStringLiteral("lookup") << QStringLiteral("1212000000000001"), environment);
    QCOMPARE(wrong.exitCode, 5);
    QVERIFY(!wrong.err.contains("wrong") && !wrong.out.contains("wrong")); // the passphrase is never echoed
}

void TestBudgetdeskCli::sameRequestNumberRetriesSafely()
{
    auto sim = fixture();
    const QStringList change{
        QStringLiteral("--json"),  QStringLiteral("modify"),       QStringLiteral("1212000000000001"),
        QStringLiteral("--total"), QStringLiteral("60000"),        QStringLiteral("--current"),
        QStringLiteral("50000"),   QStringLiteral("--request-no"), QStringLiteral("retry-me-1")};
    QCOMPARE(run(connection(*sim) << change).exitCode, 0);
    // Run again as a script would after losing the first answer: the same number is answered the same.
    const CliRun again = run(connection(*sim) << change);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json()[QStringLiteral("max_coupons")].toInteger(), 60000);
    QCOMPARE(sim->simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 60000);
}

void TestBudgetdeskCli::versionAndHelp()
{
    const CliRun version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("budgetdesk-cli " BUDGETDESK_TEST_VERSION));
    const CliRun help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--per-day"));
    QVERIFY(help.out.contains("Exit codes"));
}

// There is no stop call for merchant coupons: --stop-issuing sets the total to the issued count.
void TestBudgetdeskCli::stopIssuingSetsTheTotalToWhatWasIssued()
{
    auto sim = fixture();
    const QStringList stop = connection(*sim) << QStringLiteral("--json") << QStringLiteral("modify")
                                              << QStringLiteral("1212000000000001") << QStringLiteral("--stop-issuing");
    const CliRun result = run(stop);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.json()[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(result.json()[QStringLiteral("max_coupons")].toInteger(), 12840); // the demo batch's issued count
    QCOMPARE(sim->simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 12840);
    QCOMPARE(result.out.count('\n'), 1);

    // Stopped already: nothing to change, nothing sent.
    const qsizetype received = sim->server().receivedRequests().size();
    const CliRun again = run(stop);
    QCOMPARE(again.exitCode, 4);
    for (qsizetype i = received; i < sim->server().receivedRequests().size(); ++i)
        QCOMPARE(sim->server().receivedRequests().at(i).request.method, QByteArray("GET"));
}

void TestBudgetdeskCli::stopIssuingNeedsSomethingIssued()
{
    auto sim = fixture();
    const QString fresh = QStringLiteral("1212000000000077");
    sim->simulator().stocks().put(SimulatedStock::withDefaults(QJsonObject{{QStringLiteral("stock_id"), fresh}},
                                                               DemoMerchant::instance().mchid,
                                                               QDateTime::currentDateTimeUtc()));
    const CliRun result
        = run(connection(*sim) << QStringLiteral("modify") << fresh << QStringLiteral("--stop-issuing"));
    QCOMPARE(result.exitCode, 4);
    QVERIFY2(QString::fromUtf8(result.out + result.err).contains(QStringLiteral("尚未发放")),
             qPrintable(result.out + result.err));
    QCOMPARE(sim->simulator().stocks().stock(fresh).maxCoupons(), 1000);
}

// 商品券 as the demo 服务商 for brand 120344 (PRODUCT_COUPON.md; the JSON contract).
void TestBudgetdeskCli::productCouponLookupAndList()
{
    auto sim = fixture();
    const QStringList partner = connection(*sim) << QStringLiteral("--brand-id") << QStringLiteral("120344");
    const CliRun lookup
        = run(partner
              + QStringList{QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--product-coupon"),
                            QStringLiteral("1000000013"), QStringLiteral("1000000013002")});
    QCOMPARE(lookup.exitCode, 0);
    const QJsonObject json = lookup.json();
    const QStringList fields{
        "product_coupon_id", "stock_id",   "state",           "max_count", "max_count_per_day", "max_count_per_user",
        "sent_total",        "sent_today", "stock_bundle_id", "brand_id",  "outcome",           "verified",
        "request_id",        "domain"};
    for (const QString &field : fields)
        QVERIFY2(json.contains(field), qPrintable(field));
    QCOMPARE(json.size(), fields.size());
    QCOMPARE(json[QStringLiteral("product_coupon_id")].toString(), QStringLiteral("1000000013"));
    QCOMPARE(json[QStringLiteral("max_count")].toInteger(), 8000);
    QVERIFY(json[QStringLiteral("max_count_per_day")].isNull()); // created without a daily cap
    QVERIFY(json[QStringLiteral("stock_bundle_id")].isNull());
    QCOMPARE(json[QStringLiteral("sent_total")].toInteger(), 1200);
    QCOMPARE(json[QStringLiteral("brand_id")].toString(), QStringLiteral("120344"));
    QCOMPARE(json[QStringLiteral("verified")].toBool(), true);

    // Every page: 25 batches, one JSON object per line.
    const CliRun list = run(partner
                            + QStringList{QStringLiteral("--json"), QStringLiteral("list"),
                                          QStringLiteral("--product-coupon"), QStringLiteral("1000000015")});
    QCOMPARE(list.exitCode, 0);
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 25);
    for (const QByteArray &line : lines)
        QCOMPARE(QJsonDocument::fromJson(line).object()[QStringLiteral("product_coupon_id")].toString(),
                 QStringLiteral("1000000015"));
    const CliRun group
        = run(partner
              + QStringList{QStringLiteral("list"), QStringLiteral("--product-coupon"), QStringLiteral("1000000014"),
                            QStringLiteral("--bundle"), QStringLiteral("712315129419284901")});
    QCOMPARE(group.exitCode, 0);
    QVERIFY(QString::fromUtf8(group.out).contains(QStringLiteral("3 个")));
    QCOMPARE(QString::fromUtf8(group.out).count(QStringLiteral("712315129419284901")), 3);
}

void TestBudgetdeskCli::productCouponModify()
{
    auto sim = fixture();
    const QStringList partner = connection(*sim)
        << QStringLiteral("--brand-id") << QStringLiteral("120344") << QStringLiteral("--json");
    const CliRun single
        = run(partner
              + QStringList{QStringLiteral("modify"), QStringLiteral("--product-coupon"), QStringLiteral("1000000013"),
                            QStringLiteral("1000000013001"), QStringLiteral("--per-day"), QStringLiteral("6000")});
    QCOMPARE(single.exitCode, 0);
    QJsonObject json = single.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(json[QStringLiteral("product_coupon_id")].toString(), QStringLiteral("1000000013"));
    QCOMPARE(json[QStringLiteral("max_count")].toInteger(), 50000);
    QCOMPARE(json[QStringLiteral("max_count_per_day")].toInteger(), 6000);
    const QString requestNo = json[QStringLiteral("request_no")].toString();
    QVERIFY(requestNo.size() >= 6 && requestNo.size() <= 40);
    QVERIFY(sim->server().receivedRequests().last().request.body.contains("\"update_mode\":\"MAX_COUNT_PER_DAY\""));

    const CliRun group
        = run(partner
              + QStringList{QStringLiteral("modify"), QStringLiteral("--product-coupon"), QStringLiteral("1000000014"),
                            QStringLiteral("--bundle"), QStringLiteral("712315129419284901"), QStringLiteral("--total"),
                            QStringLiteral("9000")});
    QVERIFY2(group.exitCode == 0, group.out.constData());
    json = group.json();
    QCOMPARE(json[QStringLiteral("stock_bundle_id")].toString(), QStringLiteral("712315129419284901"));
    const QJsonArray stocks = json[QStringLiteral("stocks")].toArray();
    QCOMPARE(stocks.size(), 3);
    for (const QJsonValue stock : stocks)
        QCOMPARE(stock[QStringLiteral("max_count")].toInteger(), 9000);

    // The audit log records the family, the product coupon, the group and the brand.
    const CliRun history = run({QStringLiteral("--data-dir"), m_files.filePath(QStringLiteral("data")),
                                QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(history.exitCode, 0);
    QVERIFY(history.out.contains("\"family\":\"product_coupon\""));
    QVERIFY(history.out.contains("\"stock_bundle_id\":\"712315129419284901\""));
}

void TestBudgetdeskCli::productCouponRefusedBeforeSending()
{
    auto sim = fixture();
    const QStringList partner = connection(*sim) << QStringLiteral("--json");
    const QStringList inGroup{QStringLiteral("modify"),     QStringLiteral("--product-coupon"),
                              QStringLiteral("1000000014"), QStringLiteral("1000000014001"),
                              QStringLiteral("--total"),    QStringLiteral("7000")};
    // No brand named, and the command line lists none.
    QCOMPARE(run(partner + inGroup).exitCode, 4);
    const qsizetype before = sim->server().receivedRequests().size();
    const CliRun refused = run(partner + QStringList{QStringLiteral("--brand-id"), QStringLiteral("120344")} + inGroup);
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.json()[QStringLiteral("group_command")].toString().contains(
                 QStringLiteral("--bundle 712315129419284901")),
             refused.out.constData());
    QCOMPARE(sim->server().receivedRequests().size(), before + 1); // the lookup only
    QCOMPARE(sim->server().receivedRequests().last().request.method, QByteArray("GET"));
    // out_request_no is 6-40 characters: refused as a usage error, nothing sent.
    const CliRun shortNumber
        = run(partner
              + QStringList{QStringLiteral("--brand-id"), QStringLiteral("120344"), QStringLiteral("modify"),
                            QStringLiteral("--product-coupon"), QStringLiteral("1000000013"),
                            QStringLiteral("1000000013001"), QStringLiteral("--total"), QStringLiteral("60000"),
                            QStringLiteral("--request-no"), QStringLiteral("abc")});
    QCOMPARE(shortNumber.exitCode, 4);
    QCOMPARE(sim->server().receivedRequests().size(), before + 1);
}

void TestBudgetdeskCli::productCouponAsTheBrand()
{
    auto sim = fixture();
    const DemoMerchant &demo = DemoMerchant::instance();
    QStringList brand{QStringLiteral("--data-dir"),          m_files.filePath(QStringLiteral("data")),
                      QStringLiteral("--identity"),          QStringLiteral("brand"),
                      QStringLiteral("--brand-id"),          demo.brandId,
                      QStringLiteral("--private-key"),       m_files.filePath(DemoMerchant::BrandKeyFile),
                      QStringLiteral("--brand-certificate"), m_files.filePath(DemoMerchant::BrandCertificateFile),
                      QStringLiteral("--public-key-id"),     demo.publicKeyId,
                      QStringLiteral("--public-key"),        m_files.filePath(DemoMerchant::WechatPayPublicKeyFile),
                      QStringLiteral("--base-url"),          sim->server().baseUrl().toString(),
                      QStringLiteral("--retry-delay-ms"),    QStringLiteral("5")};
    if (!sim->caCertificatePem().isEmpty()) {
        const QString ca = m_files.filePath(QStringLiteral("brand-ca-%1.pem").arg(sim->server().port()));
        QFile file(ca);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sim->caCertificatePem());
        brand << QStringLiteral("--ca-file") << ca;
    }
    const CliRun changed
        = run(brand
              + QStringList{QStringLiteral("--json"), QStringLiteral("modify"), QStringLiteral("--product-coupon"),
                            QStringLiteral("200000001"), QStringLiteral("200000001001"), QStringLiteral("--total"),
                            QStringLiteral("110000")});
    QCOMPARE(changed.exitCode, 0);
    QCOMPARE(changed.json()[QStringLiteral("max_count")].toInteger(), 110000);
    const auto &request = sim->server().receivedRequests().last().request;
    QVERIFY(request.target.startsWith("/brand/marketing/product-coupon/"));
    QVERIFY(!request.body.contains("brand_id"));
    // The 服务商's batches are not the brand's.
    const CliRun foreign = run(brand
                               + QStringList{QStringLiteral("lookup"), QStringLiteral("--product-coupon"),
                                             QStringLiteral("1000000013"), QStringLiteral("1000000013001")});
    QCOMPARE(foreign.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestBudgetdeskCli)
#include "TestBudgetdeskCli.moc"
