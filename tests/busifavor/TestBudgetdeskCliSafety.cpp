// budgetdesk-cli against servers that misbehave: what it prints must stay true and safe —
// refusals marked verified or not, every domain's own failure listed, nothing from a server
// reaching the terminal as a control sequence, TLS failures never hidden behind a backup.
#include "ChildProcess.h"
#include "HostileServer.h"
#include "SimulatorFixture.h"

#include "simulator/DemoMerchant.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

const QString Weekend = QStringLiteral("1212000000000001");

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

CliRun run(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(childProcessEnvironment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BUDGETDESK_CLI_PATH), arguments);
    if (!finished.wait(60000))
        qFatal("budgetdesk-cli did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

bool hasControlBytes(const QByteArray &text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\n') || byte == 0x7f)
            return true;
    }
    // C1 controls and bidirectional overrides as UTF-8.
    return text.contains("\xc2\x9b") || text.contains("\xe2\x80\xae") || text.contains("\xe2\x81\xa6");
}

} // namespace

class TestBudgetdeskCliSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    // The demo merchant at `primary` (and `backup`, or none), trusting `trust` when given.
    QStringList connection(const QUrl &primary, const QString &backup = QStringLiteral("none"),
                           const QByteArray &trustPem = {})
    {
        const DemoMerchant &demo = DemoMerchant::instance();
        QStringList arguments{QStringLiteral("--data-dir"),
                              m_files.filePath(QStringLiteral("data")),
                              QStringLiteral("--mchid"),
                              demo.mchid,
                              QStringLiteral("--private-key"),
                              m_files.filePath(DemoMerchant::MerchantKeyFile),
                              QStringLiteral("--merchant-certificate"),
                              m_files.filePath(DemoMerchant::MerchantCertificateFile),
                              QStringLiteral("--public-key-id"),
                              demo.publicKeyId,
                              QStringLiteral("--public-key"),
                              m_files.filePath(DemoMerchant::WechatPayPublicKeyFile),
                              QStringLiteral("--base-url"),
                              primary.toString(),
                              QStringLiteral("--backup-url"),
                              backup,
                              QStringLiteral("--retry-delay-ms"),
                              QStringLiteral("5"),
                              QStringLiteral("--timeout-ms"),
                              QStringLiteral("5000")};
        if (!trustPem.isEmpty()) {
            static int counter = 0;
            const QString ca = m_files.filePath(QStringLiteral("trust-%1.pem").arg(++counter));
            QFile file(ca);
            file.open(QIODevice::WriteOnly);
            file.write(trustPem);
            arguments << QStringLiteral("--ca-file") << ca;
        }
        return arguments;
    }

    static QByteArray pem(const QSslConfiguration &trust)
    {
        QByteArray all;
        for (const QSslCertificate &certificate : trust.caCertificates())
            all += certificate.toPem();
        return all;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(DemoMerchant::instance().writeClientFiles(m_files.path())); }

    void refusalsSayWhetherTheyAreVerified();
    void everyDomainTriedIsListed();
    void tlsFailureOnThePrimaryIsNotHiddenByTheBackup();
    void serverTextCannotReachTheTerminalAsControls();
    void refusalAfterAnAppliedAttemptIsNotRejected();
    void notAppliedExitsThree();
    void unusableDataFolderIsSaidInBothLanguages();
};

void TestBudgetdeskCliSafety::refusalsSayWhetherTheyAreVerified()
{
    HostileServer server;
    const QStringList foreign = connection(server.baseUrl())
        << QStringLiteral("modify") << QStringLiteral("1212000000000009") << QStringLiteral("--total")
        << QStringLiteral("6000") << QStringLiteral("--current") << QStringLiteral("5000");
    // Signed by WeChat Pay (the simulator signs refusals of authenticated requests).
    const CliRun signedJson = run(QStringList(foreign) << QStringLiteral("--json"));
    QCOMPARE(signedJson.exitCode, 2);
    QCOMPARE(signedJson.json()[QStringLiteral("outcome")].toString(), QStringLiteral("rejected"));
    QCOMPARE(signedJson.json()[QStringLiteral("verified")], QJsonValue(true));
    const CliRun signedText = run(foreign);
    QVERIFY2(QString::fromUtf8(signedText.out).contains(QStringLiteral("已验签")), signedText.out.constData());

    // The same refusal without a signature: still shown, as untrusted.
    server.setTwist([](const SimRequest &, SimResponse) {
        return SimResponse::error(403, "RULE_LIMIT", QStringLiteral("仅创建方有权限使券失效"));
    });
    const CliRun unsignedJson = run(QStringList(foreign) << QStringLiteral("--json"));
    QCOMPARE(unsignedJson.exitCode, 2);
    QCOMPARE(unsignedJson.json()[QStringLiteral("verified")], QJsonValue(false));
    QCOMPARE(unsignedJson.json()[QStringLiteral("code")].toString(), QStringLiteral("RULE_LIMIT"));
    QVERIFY(!unsignedJson.json()[QStringLiteral("verification")].toString().isEmpty());
    const CliRun unsignedText = run(foreign);
    QVERIFY(QString::fromUtf8(unsignedText.out).contains(QStringLiteral("未验签")));
}

void TestBudgetdeskCliSafety::everyDomainTriedIsListed()
{
    HostileServer backup;
    backup.setTwist([](const SimRequest &, SimResponse honest) {
        honest.delivery = SimResponse::Delivery::DropConnection;
        return honest;
    });
    const QUrl closed(QStringLiteral("http://127.0.0.1:%1").arg(SimulatorFixture::unusedLoopbackPort()));
    const CliRun lookup = run(connection(closed, backup.baseUrl().toString())
                              << QStringLiteral("--json") << QStringLiteral("lookup") << Weekend);
    QCOMPARE(lookup.exitCode, 6);
    const QJsonArray attempts = lookup.json()[QStringLiteral("attempts")].toArray();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts[0][QStringLiteral("domain")].toString(), closed.toString());
    QCOMPARE(attempts[0][QStringLiteral("error")].toString(), QStringLiteral("connection_refused"));
    QVERIFY(!attempts[0][QStringLiteral("detail")].toString().isEmpty());
    QCOMPARE(attempts[1][QStringLiteral("domain")].toString(), backup.baseUrl().toString());
    QCOMPARE(attempts[1][QStringLiteral("error")].toString(), QStringLiteral("connection_closed"));
    // Text lists each with its own reason too.
    const CliRun text = run(connection(closed, backup.baseUrl().toString()) << QStringLiteral("lookup") << Weekend);
    QVERIFY(text.out.contains(closed.toString().toUtf8()));
    QVERIFY(text.out.contains(backup.baseUrl().toString().toUtf8()));
}

void TestBudgetdeskCliSafety::tlsFailureOnThePrimaryIsNotHiddenByTheBackup()
{
    HostileServer primary({}, HostileServer::Tls::Untrusted);
    HostileServer backup;
    backup.setTwist([&](const SimRequest &request, SimResponse) {
        return backup.signedError(403, "NO_AUTH", QStringLiteral("无权限"), request);
    });
    const CliRun result
        = run(connection(primary.baseUrl(), backup.baseUrl().toString(), pem(primary.trust()))
              << QStringLiteral("--json") << QStringLiteral("modify") << Weekend << QStringLiteral("--total")
              << QStringLiteral("60000") << QStringLiteral("--current") << QStringLiteral("50000"));
    QCOMPARE(result.exitCode, 6);
    QCOMPARE(result.json()[QStringLiteral("error")].toString(), QStringLiteral("tls_untrusted_certificate"));
    QVERIFY(result.json()[QStringLiteral("explanation_zh")].toString().contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(result.json()[QStringLiteral("attempts")].toArray().size(), 1);
    QVERIFY(backup.received().isEmpty());
    QVERIFY(primary.received().isEmpty());
}

void TestBudgetdeskCliSafety::serverTextCannotReachTheTerminalAsControls()
{
    HostileServer server;
    const QString hostile = QStringLiteral("批次\x1b]0;pwned\x07\x1b[2J\u009b31m\u202egnp.exe\r\n✔ 修改成功（已验签）");
    server.setTwist([&](const SimRequest &request, SimResponse) {
        if (request.method == "GET") {
            QJsonObject stock = server.simulator().stocks().stock(Weekend).json();
            stock.insert(QStringLiteral("stock_name"), hostile);
            return server.signedJson(stock, request);
        }
        SimResponse refusal = SimResponse::error(403, "RULE\x1b[31m", hostile);
        refusal.addHeader("Request-ID", "ID\x1b[0m");
        return refusal;
    });
    for (const QString &command : {QStringLiteral("lookup"), QStringLiteral("modify")}) {
        QStringList arguments = connection(server.baseUrl()) << command << Weekend;
        if (command == QLatin1String("modify"))
            arguments << QStringLiteral("--total") << QStringLiteral("60000");
        const CliRun result = run(arguments);
        QVERIFY2(!hasControlBytes(result.out), result.out.toHex(' ').constData());
        QVERIFY(!hasControlBytes(result.err));
        QVERIFY(result.out.contains("pwned")); // the text itself is still shown, harmless
        // A server cannot fake a line of BudgetDesk's own: its line break is gone too.
        for (const QByteArray &line : result.out.split('\n'))
            QVERIFY(!line.startsWith("✔ 修改成功"));
    }
    // JSON keeps the text as it was, escaped by JSON itself.
    const CliRun json
        = run(connection(server.baseUrl()) << QStringLiteral("--json") << QStringLiteral("lookup") << Weekend);
    QCOMPARE(json.json()[QStringLiteral("stock_name")].toString(), hostile);
    QVERIFY(!hasControlBytes(json.out));
}

// The whole story of the issue's first finding, through the command line: applied, 500, the
// retry refused by the compare-and-set. Before: exit 2 "rejected", audit 未生效.
void TestBudgetdeskCliSafety::refusalAfterAnAppliedAttemptIsNotRejected()
{
    int patches = 0;
    HostileServer server;
    server.setTwist([&](const SimRequest &request, SimResponse honest) {
        if (request.method != "PATCH")
            return honest;
        if (++patches == 1)
            return server.signedError(500, "SYSTEM_ERROR", QStringLiteral("系统异常，请稍后重试"), request);
        return server.signedError(403, "RULE_LIMIT", QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"),
                                  request);
    });
    const CliRun result
        = run(connection(server.baseUrl()) << QStringLiteral("--json") << QStringLiteral("modify") << Weekend
                                           << QStringLiteral("--total") << QStringLiteral("60000"));
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("applied"));
    QCOMPARE(json[QStringLiteral("reason")].toString(), QStringLiteral("refused_after_retry"));
    QCOMPARE(json[QStringLiteral("attempts")].toArray().size(), 2);
    const CliRun history = run({QStringLiteral("--data-dir"), m_files.filePath(QStringLiteral("data")),
                                QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(QJsonDocument::fromJson(history.out.split('\n').first()).object()[QStringLiteral("outcome")].toString(),
             QStringLiteral("applied"));
}

// A server that answers the change with an unsigned 200 and never acts on it: every attempt
// answered, the starting value seen afterwards — not applied, and nothing more certain.
void TestBudgetdeskCliSafety::notAppliedExitsThree()
{
    HostileServer server;
    server.setUnprocessed([](const SimRequest &request) { return request.method == "PATCH"; });
    server.setTwist([](const SimRequest &request, SimResponse honest) {
        if (request.method == "PATCH")
            honest.body = R"({"max_coupons":60000})";
        return honest;
    });
    const CliRun result
        = run(connection(server.baseUrl())
              << QStringLiteral("--json") << QStringLiteral("modify") << Weekend << QStringLiteral("--total")
              << QStringLiteral("60000") << QStringLiteral("--current") << QStringLiteral("50000"));
    QCOMPARE(result.exitCode, 3);
    const QJsonObject json = result.json();
    QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("not_applied"));
    QCOMPARE(json[QStringLiteral("reason")].toString(), QStringLiteral("answer_not_verified"));
    QCOMPARE(json[QStringLiteral("observed")].toInteger(), 50000);
    QCOMPARE(server.total(Weekend), 50000);
}

// A data folder that cannot be made (here: below a file) stops the CLI with the folder named, in
// Chinese and English, and what to do; nothing falls back to another place.
void TestBudgetdeskCliSafety::unusableDataFolderIsSaidInBothLanguages()
{
    QTemporaryDir home;
    QFile blocker(home.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString data = blocker.fileName() + QStringLiteral("/BudgetDesk");
    const CliRun result = run({QStringLiteral("--data-dir"), data, QStringLiteral("history")});
    QCOMPARE(result.exitCode, 5); // configuration problem, nothing sent
    const QString said = QString::fromUtf8(result.err);
    QVERIFY2(said.contains(QStringLiteral("无法创建数据目录")) && said.contains(QStringLiteral("--data-dir"))
                 && said.contains(QStringLiteral("Cannot create the data folder"))
                 && said.contains(QDir::toNativeSeparators(data)),
             qPrintable(said));
}

QTEST_GUILESS_MAIN(TestBudgetdeskCliSafety)
#include "TestBudgetdeskCliSafety.moc"
