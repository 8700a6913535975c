// Drives the budgetdesk-sim executable the way other programs do: its command line, its
// stdout contract (first line `PORT <n>`), its limits, signals and files.
#include "BrandSigner.h"

#include "auth/RequestSigner.h"
#include "crypto/KeyLoader.h"
#include "simulator/ProductCouponCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

struct Running
{
    std::unique_ptr<QProcess> process;
    QMap<QString, QString> info; // KEY → value, from the lines before READY
    QStringList lines;
};

Running start(const QStringList &arguments)
{
    Running running{std::make_unique<QProcess>(), {}, {}};
    running.process->start(QStringLiteral(BUDGETDESK_SIM_PATH), arguments);
    if (!running.process->waitForStarted(10000))
        qFatal("cannot start budgetdesk-sim");
    QByteArray buffered;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && !running.lines.contains(QStringLiteral("READY"))) {
        running.process->waitForReadyRead(200);
        buffered += running.process->readAllStandardOutput();
        while (buffered.contains('\n')) {
            const qsizetype end = buffered.indexOf('\n');
            const QString line = QString::fromUtf8(buffered.left(end));
            buffered.remove(0, end + 1);
            running.lines.append(line);
            const qsizetype space = line.indexOf(u' ');
            if (space > 0)
                running.info.insert(line.left(space), line.mid(space + 1));
        }
        if (running.process->state() == QProcess::NotRunning)
            break;
    }
    return running;
}

// A signed GET with the demo merchant's key, as printed by the simulator.
int signedGet(const Running &running, const QByteArray &target, const QSslConfiguration *ssl = nullptr)
{
    auto key = KeyLoader::merchantKeyFromFile(running.info.value(QStringLiteral("MERCHANT_PRIVATE_KEY")));
    if (!key)
        qFatal("demo key unreadable");
    RequestSigner signer(
        {running.info.value(QStringLiteral("MCHID")), running.info.value(QStringLiteral("MERCHANT_SERIAL")), key->key});
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(running.info.value(QStringLiteral("BASE_URL")) + QString::fromLatin1(target)));
    if (ssl)
        request.setSslConfiguration(*ssl);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "TestSimulatorProcess");
    request.setRawHeader("Authorization", signer.sign("GET", target, {})->authorization);
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// True once the process has ended — also when it ended while another wait ran the event loop
// (waitForFinished() alone would then say false).
bool ended(QProcess &process, int timeoutMs = 10000)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(timeoutMs);
}

} // namespace

class TestSimulatorProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstLineIsThePortThenTheDemoMerchant();
    void stopsAfterMaxRequests();
    void stopsAfterMaxSeconds();
    void signalWritesTheState();
    void tlsWithGeneratedCa();
    void fixedPortAndStocksFile();
    void productCouponsFileAndBrand();
    void badArgumentsExitWithTwo();
    void versionAndHelpStartNothing();
};

void TestSimulatorProcess::firstLineIsThePortThenTheDemoMerchant()
{
    QTemporaryDir dir;
    Running sim
        = start({QStringLiteral("--demo-dir"), dir.path(), QStringLiteral("--max-seconds"), QStringLiteral("20")});
    QVERIFY(!sim.lines.isEmpty());
    QVERIFY2(sim.lines.first().startsWith(QStringLiteral("PORT ")), qPrintable(sim.lines.first()));
    const int port = sim.lines.first().mid(5).toInt();
    QVERIFY(port > 0 && port < 65536);
    QCOMPARE(sim.info.value(QStringLiteral("BASE_URL")), QStringLiteral("http://127.0.0.1:%1").arg(port));
    for (const char *key :
         {"MCHID", "MERCHANT_SERIAL", "MERCHANT_PRIVATE_KEY", "MERCHANT_CERTIFICATE", "PUBLIC_KEY_ID",
          "WECHATPAY_PUBLIC_KEY", "PLATFORM_SERIAL", "PLATFORM_CERTIFICATE", "APIV3_KEY", "STOCKS", "BRAND_ID",
          "BRAND_SERIAL", "BRAND_PRIVATE_KEY", "BRAND_CERTIFICATE", "AUTHORISED_BRANDS", "PRODUCT_COUPONS"})
        QVERIFY2(sim.info.contains(QLatin1String(key)), key);
    QCOMPARE(sim.info.value(QStringLiteral("BRAND_ID")), QStringLiteral("120344"));
    QVERIFY(QFile::exists(sim.info.value(QStringLiteral("BRAND_PRIVATE_KEY"))));
    QVERIFY(QFile::exists(sim.info.value(QStringLiteral("BRAND_CERTIFICATE"))));
    QVERIFY(QFile::exists(sim.info.value(QStringLiteral("MERCHANT_PRIVATE_KEY"))));
    QVERIFY(sim.info.value(QStringLiteral("MERCHANT_PRIVATE_KEY")).startsWith(dir.path()));
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/1212000000000001"), 200);
    sim.process->kill();
    sim.process->waitForFinished();
}

void TestSimulatorProcess::stopsAfterMaxRequests()
{
    Running sim = start({QStringLiteral("--max-requests"), QStringLiteral("2")});
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/1212000000000001"), 200);
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/404"), 404);
    QVERIFY(ended(*sim.process));
    QCOMPARE(sim.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(sim.process->exitCode(), 0);
}

void TestSimulatorProcess::stopsAfterMaxSeconds()
{
    QElapsedTimer timer;
    timer.start();
    Running sim = start({QStringLiteral("--max-seconds"), QStringLiteral("1")});
    QVERIFY(sim.lines.contains(QStringLiteral("READY")));
    QVERIFY(ended(*sim.process));
    QCOMPARE(sim.process->exitCode(), 0);
    QVERIFY(timer.elapsed() >= 900);
}

void TestSimulatorProcess::signalWritesTheState()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("state.json"));
    Running sim = start({QStringLiteral("--state-out"), state});
    QVERIFY(sim.lines.contains(QStringLiteral("READY")));
    sim.process->terminate(); // SIGTERM
    QVERIFY(ended(*sim.process));
    QCOMPARE(sim.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(sim.process->exitCode(), 0);
    QFile file(state);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // One array: the 商家券 stocks first, as before 商品券, then the 商品券 batches, which carry
    // product_coupon_id and owner.
    const QJsonArray written = QJsonDocument::fromJson(file.readAll()).array();
    const qsizetype stocks = sim.info.value(QStringLiteral("STOCKS")).split(u',').size();
    QVERIFY(written.size() > stocks);
    for (qsizetype i = 0; i < written.size(); ++i) {
        const QJsonObject entry = written.at(i).toObject();
        QVERIFY(entry.contains(QStringLiteral("stock_send_rule")));
        QCOMPARE(entry.contains(QStringLiteral("product_coupon_id")), i >= stocks);
        QCOMPARE(entry.contains(QStringLiteral("owner")), i >= stocks);
    }
    QSet<QString> productCoupons;
    for (const QJsonValue entry : written)
        productCoupons.insert(entry[QStringLiteral("product_coupon_id")].toString());
    productCoupons.remove(QString());
    const QStringList printed = sim.info.value(QStringLiteral("PRODUCT_COUPONS")).split(u',');
    QCOMPARE(productCoupons, QSet<QString>(printed.cbegin(), printed.cend()));
#else
    QSKIP("SIGTERM is a Unix signal; Windows stops the simulator with Ctrl+C");
#endif
}

void TestSimulatorProcess::tlsWithGeneratedCa()
{
    QTemporaryDir dir;
    const QString ca = dir.filePath(QStringLiteral("ca.pem"));
    Running sim = start({QStringLiteral("--tls"), QStringLiteral("--ca-out"), ca, QStringLiteral("--max-seconds"),
                         QStringLiteral("20")});
    QVERIFY(sim.info.value(QStringLiteral("BASE_URL")).startsWith(QStringLiteral("https://127.0.0.1:")));
    QCOMPARE(sim.info.value(QStringLiteral("CA_CERTIFICATE")), ca);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromPath(ca));
    QCOMPARE(ssl.caCertificates().size(), 1);
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/1212000000000001", &ssl), 200);
    const QSslConfiguration untrusting = QSslConfiguration::defaultConfiguration();
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/1212000000000001", &untrusting), 0); // refused
    sim.process->kill();
    sim.process->waitForFinished();
}

void TestSimulatorProcess::fixedPortAndStocksFile()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    QTemporaryDir dir;
    const QString stocks = dir.filePath(QStringLiteral("stocks.json"));
    QFile file(stocks);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"stock_id":"98065001"},{"stock_id":"98065002","stock_state":"PAUSED"}])");
    file.close();
    Running sim = start({QStringLiteral("--port"), QString::number(port), QStringLiteral("--stocks"), stocks,
                         QStringLiteral("--max-seconds"), QStringLiteral("20")});
    QCOMPARE(sim.lines.value(0), QStringLiteral("PORT %1").arg(port));
    QCOMPARE(sim.info.value(QStringLiteral("STOCKS")), QStringLiteral("98065001,98065002"));
    QCOMPARE(signedGet(sim, "/v3/marketing/busifavor/stocks/98065002"), 200);
    sim.process->kill();
    sim.process->waitForFinished();
}

// A brand request, signed with the brand key the demo wrote out, against a --product-coupons
// file; the change shows in --state-out, which --product-coupons reads again.
void TestSimulatorProcess::productCouponsFileAndBrand()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const QString batches = dir.filePath(QStringLiteral("product-coupons.json"));
    QFile file(batches);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"product_coupon_id":"77","stock_id":"77001","owner":"brand:120344",
                    "stock_send_rule":{"max_count":500}}])");
    file.close();
    const QString state = dir.filePath(QStringLiteral("state.json"));
    Running sim
        = start({QStringLiteral("--product-coupons"), batches, QStringLiteral("--state-out"), state,
                 QStringLiteral("--demo-dir"), dir.path(), QStringLiteral("--max-seconds"), QStringLiteral("20")});
    QCOMPARE(sim.info.value(QStringLiteral("PRODUCT_COUPONS")), QStringLiteral("77"));

    auto key = KeyLoader::merchantKeyFromFile(sim.info.value(QStringLiteral("BRAND_PRIVATE_KEY")));
    QVERIFY(key.ok());
    const QByteArray target = "/brand/marketing/product-coupon/product-coupons/77/stocks/77001/update-budget";
    const QByteArray body
        = R"({"out_request_no":"process_01","update_mode":"MAX_COUNT","current_max_count":500,"target_max_count":800})";
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(sim.info.value(QStringLiteral("BASE_URL")) + QString::fromLatin1(target)));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("User-Agent", "TestSimulatorProcess");
    request.setRawHeader("Wechatpay-Serial", sim.info.value(QStringLiteral("PUBLIC_KEY_ID")).toLatin1());
    request.setRawHeader("Authorization",
                         brandAuthorization(key->key, sim.info.value(QStringLiteral("BRAND_ID")),
                                            sim.info.value(QStringLiteral("BRAND_SERIAL")), "POST", target, body, now,
                                            "processnonce0123456789abcdef0123"));
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    sim.process->terminate();
    QVERIFY(ended(*sim.process));
    QFile written(state);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray saved = written.readAll();
    auto again = ProductCouponCatalog::fromJson(saved, QStringLiteral("1900000109"), QStringLiteral("120344"),
                                                QDateTime::currentDateTimeUtc());
    QVERIFY(again.ok());
    QCOMPARE(again->size(), 1);
    QCOMPARE(again->stock(QStringLiteral("77"), QStringLiteral("77001")).maxCount(), 800);
#else
    QSKIP("stops the simulator with SIGTERM");
#endif
}

void TestSimulatorProcess::badArgumentsExitWithTwo()
{
    QProcess process;
    process.start(QStringLiteral(BUDGETDESK_SIM_PATH), {QStringLiteral("--fault"), QStringLiteral("nonsense")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty()); // no PORT line
    QVERIFY(process.readAllStandardError().contains("bad fault 'nonsense'"));

    process.start(QStringLiteral(BUDGETDESK_SIM_PATH), {QStringLiteral("--port"), QStringLiteral("x")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--max-requests")); // the usage text follows the error
}

void TestSimulatorProcess::versionAndHelpStartNothing()
{
    QProcess process;
    process.start(QStringLiteral(BUDGETDESK_SIM_PATH), {QStringLiteral("--version")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput().trimmed(), QByteArray("budgetdesk-sim " BUDGETDESK_TEST_VERSION));

    process.start(QStringLiteral(BUDGETDESK_SIM_PATH), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray help = process.readAllStandardOutput();
    QVERIFY(!help.startsWith("PORT")); // nothing was started
    for (const char *option : {"--port", "--fault", "--max-requests", "--version", "--product-coupons", "--brand-id",
                               "--brand-public-key", "--brand-serial", "--authorised-brands"})
        QVERIFY2(help.contains(option), option);
}

QTEST_GUILESS_MAIN(TestSimulatorProcess)
#include "TestSimulatorProcess.moc"
