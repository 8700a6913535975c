#include "simulator/SimulatorOptions.h"

#include "simulator/DemoMerchant.h"

#include "TestData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

namespace {

const QDateTime Now = QDateTime::currentDateTimeUtc();

Result<SimulatorSetup, QString> setupFor(const QStringList &arguments)
{
    auto options = SimulatorOptions::parse(QStringList{QStringLiteral("budgetdesk-sim")} + arguments);
    if (!options)
        return options.error();
    return SimulatorSetup::fromOptions(*options, Now);
}

QString vector(const char *file)
{
    return dataPath(QStringLiteral("vectors/java/") + QLatin1String(file));
}

// The Java SDK's test merchant and "WeChat Pay" keys, in both verification modes.
QStringList javaKeyFlags()
{
    return {QStringLiteral("--mchid"),
            QStringLiteral("1234567891"),
            QStringLiteral("--merchant-serial"),
            QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115"),
            QStringLiteral("--merchant-public-key"),
            vector("merchant_certificate.pem"),
            QStringLiteral("--platform-private-key"),
            vector("wechat_pay_private_key.pem"),
            QStringLiteral("--platform-serial"),
            QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001"),
            QStringLiteral("--platform-certificate"),
            vector("wechat_pay_certificate.pem"),
            QStringLiteral("--apiv3-key"),
            QStringLiteral("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb")};
}

QStringList replaced(QStringList flags, const QString &flag, const QString &value)
{
    flags[flags.indexOf(flag) + 1] = value;
    return flags;
}

QStringList without(QStringList flags, const QString &flag)
{
    const qsizetype at = flags.indexOf(flag);
    flags.remove(at, 2);
    return flags;
}

} // namespace

class TestSimulatorOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoMerchantByDefault();
    void keyFilesInBothModes();
    void publicKeyOnly();
    void certificateOnly();
    void parsesNumbersAndFaults();
    void tlsGeneratesACa();
    void stocksFile();
    void demoBrandByDefault();
    void brandFromKeyFiles();
    void authorisedBrands();
    void productCouponsFile();
    void explainsMistakes_data();
    void explainsMistakes();
};

void TestSimulatorOptions::demoMerchantByDefault()
{
    auto setup = setupFor({});
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    const DemoMerchant &demo = DemoMerchant::instance();
    QCOMPARE(setup->config.mchid, demo.mchid);
    QCOMPARE(setup->config.publicKeyIdentity->serial, demo.publicKeyId);
    QCOMPARE(setup->config.certificateIdentity->serial, demo.platformSerial);
    QCOMPARE(setup->config.apiV3Key, demo.apiV3Key);
    QVERIFY(setup->stocks.contains(QStringLiteral("1212000000000001")));
    QVERIFY(!setup->tls);
    QCOMPARE(setup->config.requestsPerSecond, 0);
}

void TestSimulatorOptions::keyFilesInBothModes()
{
    auto setup = setupFor(javaKeyFlags());
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    QCOMPARE(setup->config.mchid, QStringLiteral("1234567891"));
    QCOMPARE(setup->config.publicKeyIdentity->serial, QStringLiteral("PUB_KEY_ID_0000000000000000000000000000000001"));
    QCOMPARE(setup->config.certificateIdentity->serial, QStringLiteral("440024045C4A427599D09BB4E3DE0279F2E813FD"));
    QVERIFY(!setup->config.merchantPublicKey.isNull());
    // A bare SPKI works as --merchant-public-key as well.
    auto spki = setupFor(
        replaced(javaKeyFlags(), QStringLiteral("--merchant-public-key"), vector("wechat_pay_public_key.pem")));
    QVERIFY(spki.ok());
}

void TestSimulatorOptions::publicKeyOnly()
{
    QStringList flags
        = without(without(javaKeyFlags(), QStringLiteral("--platform-certificate")), QStringLiteral("--apiv3-key"));
    auto setup = setupFor(flags);
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    QVERIFY(setup->config.publicKeyIdentity.has_value());
    QVERIFY(!setup->config.certificateIdentity.has_value());
}

void TestSimulatorOptions::certificateOnly()
{
    auto setup = setupFor(replaced(javaKeyFlags(), QStringLiteral("--platform-serial"),
                                   QStringLiteral("440024045c4a427599d09bb4e3de0279f2e813fd")));
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    QVERIFY(!setup->config.publicKeyIdentity.has_value());
    QCOMPARE(setup->config.certificateIdentity->serial, QStringLiteral("440024045C4A427599D09BB4E3DE0279F2E813FD"));
}

void TestSimulatorOptions::parsesNumbersAndFaults()
{
    auto options = SimulatorOptions::parse(
        {QStringLiteral("sim"), QStringLiteral("--port"), QStringLiteral("8443"), QStringLiteral("--rate"),
         QStringLiteral("5"), QStringLiteral("--max-seconds"), QStringLiteral("30"), QStringLiteral("--max-requests"),
         QStringLiteral("7"), QStringLiteral("--modify-window"), QStringLiteral("2000"), QStringLiteral("--fault"),
         QStringLiteral("status=503"), QStringLiteral("--fault"), QStringLiteral("count=1")});
    QVERIFY(options.ok());
    QCOMPARE(options->port, 8443);
    QCOMPARE(options->requestsPerSecond, 5);
    QCOMPARE(options->maxSeconds, 30);
    QCOMPARE(options->maxRequests, 7);
    QCOMPARE(options->modificationWindowMs, 2000);
    auto setup = SimulatorSetup::fromOptions(*options, Now);
    QVERIFY(setup.ok());
    QCOMPARE(setup->faults.faults().status, 503);
    QCOMPARE(*setup->faults.remaining(), 1);
    QCOMPARE(setup->config.requestsPerSecond, 5);
    QCOMPARE(setup->config.modificationWindowMs, 2000);
}

void TestSimulatorOptions::tlsGeneratesACa()
{
    auto setup = setupFor({QStringLiteral("--tls")});
    QVERIFY(setup.ok());
    QVERIFY(setup->tls.has_value());
    QVERIFY(!setup->tls->certificate.isNull() && !setup->tls->privateKey.isNull());
    QVERIFY(setup->caCertificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
}

void TestSimulatorOptions::stocksFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stocks.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"stock_id":"98065001","stock_send_rule":{"max_coupons":500}}])");
    file.close();
    auto setup = setupFor({QStringLiteral("--stocks"), path});
    QVERIFY(setup.ok());
    QCOMPARE(setup->stocks.ids(), QStringList{QStringLiteral("98065001")});
    QCOMPARE(setup->stocks.stock(QStringLiteral("98065001")).owner(), DemoMerchant::instance().mchid);
}

void TestSimulatorOptions::demoBrandByDefault()
{
    auto setup = setupFor({});
    QVERIFY(setup.ok());
    const DemoMerchant &demo = DemoMerchant::instance();
    QCOMPARE(setup->config.brandId, QStringLiteral("120344"));
    QCOMPARE(setup->config.brandSerial, demo.brandSerial);
    QVERIFY(!setup->config.brandPublicKey.isNull());
    QCOMPARE(setup->config.authorisedBrands, QStringList{QStringLiteral("120344")});
    QCOMPARE(setup->config.productCouponRequestsPerSecond, 20);
    QVERIFY(setup->productCoupons.contains(QStringLiteral("1000000013"), QStringLiteral("1000000013001")));
    QCOMPARE(setup->productCoupons.stock(QStringLiteral("200000001"), QStringLiteral("200000001001")).owner(),
             QStringLiteral("brand:120344"));
}

namespace {

// The Java SDK's merchant certificate plays the brand's.
QStringList javaBrandFlags()
{
    return javaKeyFlags()
        + QStringList{QStringLiteral("--brand-id"),         QStringLiteral("555"),
                      QStringLiteral("--brand-serial"),     QStringLiteral("5f1c72e2a8931b72a2e13af8dee92471eb397115"),
                      QStringLiteral("--brand-public-key"), vector("merchant_certificate.pem")};
}

} // namespace

void TestSimulatorOptions::brandFromKeyFiles()
{
    auto setup = setupFor(javaBrandFlags() + QStringList{QStringLiteral("--product-coupon-rate"), QStringLiteral("7")});
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    QCOMPARE(setup->config.brandId, QStringLiteral("555"));
    QCOMPARE(setup->config.brandSerial, QStringLiteral("5F1C72E2A8931B72A2E13AF8DEE92471EB397115"));
    QVERIFY(!setup->config.brandPublicKey.isNull());
    QCOMPARE(setup->config.authorisedBrands, QStringList{QStringLiteral("555")}); // the brand served, by default
    QCOMPARE(setup->config.productCouponRequestsPerSecond, 7);
    // The demo batches follow the merchant and brand served.
    const ProductCouponStock partner
        = setup->productCoupons.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001"));
    QCOMPARE(partner.owner(), QStringLiteral("partner:1234567891"));
    QCOMPARE(partner.brandId(), QStringLiteral("555"));
    QCOMPARE(setup->productCoupons.stock(QStringLiteral("200000001"), QStringLiteral("200000001001")).owner(),
             QStringLiteral("brand:555"));
    // A bare SPKI works as --brand-public-key as well.
    QVERIFY(
        setupFor(replaced(javaBrandFlags(), QStringLiteral("--brand-public-key"), vector("wechat_pay_public_key.pem")))
            .ok());
    // Without brand flags, a merchant of its own serves no brand and acts for none.
    auto noBrand = setupFor(javaKeyFlags());
    QVERIFY(noBrand->config.brandId.isEmpty());
    QVERIFY(noBrand->config.authorisedBrands.isEmpty());
}

void TestSimulatorOptions::authorisedBrands()
{
    auto listed = setupFor({QStringLiteral("--authorised-brands"), QStringLiteral("120344,120345")});
    QVERIFY(listed.ok());
    QCOMPARE(listed->config.authorisedBrands, QStringList({QStringLiteral("120344"), QStringLiteral("120345")}));
    QCOMPARE(listed->config.brandId, QStringLiteral("120344")); // still served itself
    auto none = setupFor({QStringLiteral("--authorised-brands"), QString()});
    QVERIFY(none.ok());
    QVERIFY(none->config.authorisedBrands.isEmpty());
    auto ownMerchant
        = setupFor(javaKeyFlags() + QStringList{QStringLiteral("--authorised-brands"), QStringLiteral("9")});
    QVERIFY(ownMerchant.ok());
    QCOMPARE(ownMerchant->config.authorisedBrands, QStringList{QStringLiteral("9")});
    QCOMPARE(ownMerchant->productCoupons.stock(QStringLiteral("1000000013"), QStringLiteral("1000000013001")).brandId(),
             QStringLiteral("9"));
}

void TestSimulatorOptions::productCouponsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("product-coupons.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"product_coupon_id":"77","stock_id":"77001"},
                   {"product_coupon_id":"77","stock_id":"77002","owner":"brand:120344"}])");
    file.close();
    auto setup = setupFor({QStringLiteral("--product-coupons"), path});
    QVERIFY2(setup.ok(), qPrintable(setup.ok() ? QString() : setup.error()));
    QCOMPARE(setup->productCoupons.size(), 2);
    const ProductCouponStock first = setup->productCoupons.stock(QStringLiteral("77"), QStringLiteral("77001"));
    QCOMPARE(first.owner(), QStringLiteral("partner:") + DemoMerchant::instance().mchid);
    QCOMPARE(first.brandId(), QStringLiteral("120344"));
}

void TestSimulatorOptions::explainsMistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                                       << "--port needs";
    QTest::newRow("port too large") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << "--port needs";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--colour")} << "Unknown option 'colour'";
    QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << "unexpected argument 'extra'";
    QTest::newRow("tls-cert without tls")
        << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("x.pem")} << "need --tls";
    QTest::newRow("tls-cert without key")
        << QStringList{QStringLiteral("--tls"), QStringLiteral("--tls-cert"), QStringLiteral("x")}
        << "--tls-cert and --tls-key go together";
    QTest::newRow("half the merchant") << QStringList{QStringLiteral("--mchid"), QStringLiteral("1")} << "go together";
    QTest::newRow("bad fault") << QStringList{QStringLiteral("--fault"), QStringLiteral("meltdown")}
                               << "--fault: bad fault 'meltdown'";
    QTest::newRow("missing stocks file") << QStringList{QStringLiteral("--stocks"),
                                                        QStringLiteral("/nonexistent/s.json")}
                                         << "--stocks: cannot read";
    QTest::newRow("short APIv3 key") << replaced(javaKeyFlags(), QStringLiteral("--apiv3-key"), QStringLiteral("short"))
                                     << "--apiv3-key must be exactly 32 bytes";
    QTest::newRow("certificate of another key")
        << replaced(javaKeyFlags(), QStringLiteral("--platform-certificate"), vector("merchant_certificate.pem"))
        << "--platform-certificate does not belong to the platform private key";
    QTest::newRow("merchant certificate of another serial")
        << replaced(javaKeyFlags(), QStringLiteral("--merchant-serial"), QStringLiteral("ABCDEF"))
        << "is not --merchant-serial";
    QTest::newRow("merchant key is a private key")
        << replaced(javaKeyFlags(), QStringLiteral("--merchant-public-key"), vector("merchant_private_key.pem"))
        << "This is a private key, not the WeChat Pay public key";
    QTest::newRow("no platform identity")
        << without(replaced(javaKeyFlags(), QStringLiteral("--platform-serial"), QStringLiteral("123")),
                   QStringLiteral("--platform-certificate"))
        << "--platform-serial must be a PUB_KEY_ID_";
    QTest::newRow("platform serial not the certificate's")
        << replaced(javaKeyFlags(), QStringLiteral("--platform-serial"), QStringLiteral("ABCD"))
        << "is not the certificate's serial";
    QTest::newRow("half the brand") << QStringList{QStringLiteral("--brand-id"), QStringLiteral("120344")}
                                    << "--brand-id, --brand-serial and --brand-public-key go together";
    QTest::newRow("a brand without the WeChat Pay public key")
        << replaced(javaBrandFlags(), QStringLiteral("--platform-serial"),
                    QStringLiteral("440024045C4A427599D09BB4E3DE0279F2E813FD"))
        << "--brand-id needs the WeChat Pay public key";
    QTest::newRow("brand certificate of another serial")
        << replaced(javaBrandFlags(), QStringLiteral("--brand-serial"), QStringLiteral("ABCDEF"))
        << "--brand-public-key: the certificate's serial 5F1C72E2A8931B72A2E13AF8DEE92471EB397115 is not "
           "--brand-serial ABCDEF";
    QTest::newRow("brand key is a private key")
        << replaced(javaBrandFlags(), QStringLiteral("--brand-public-key"), vector("merchant_private_key.pem"))
        << "--brand-public-key: ";
    QTest::newRow("brand_id with a slash")
        << replaced(javaBrandFlags(), QStringLiteral("--brand-id"), QStringLiteral("1/2"))
        << "--brand-id must be 1-64 characters";
    QTest::newRow("authorised brand with a space")
        << QStringList{QStringLiteral("--authorised-brands"), QStringLiteral("120344,12 0")}
        << "--authorised-brands: '12 0' is not a brand_id";
    QTest::newRow("missing product coupons file")
        << QStringList{QStringLiteral("--product-coupons"), QStringLiteral("/nonexistent/p.json")}
        << "--product-coupons: cannot read";
    QTest::newRow("product coupon rate not a number")
        << QStringList{QStringLiteral("--product-coupon-rate"), QStringLiteral("fast")}
        << "--product-coupon-rate needs a non-negative number";
}

void TestSimulatorOptions::explainsMistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    auto setup = setupFor(arguments);
    QVERIFY(!setup.ok());
    QVERIFY2(setup.error().contains(error), qPrintable(setup.error()));
}

QTEST_GUILESS_MAIN(TestSimulatorOptions)
#include "TestSimulatorOptions.moc"
