// Certificate mode against the simulator: download, decrypt, verify, cache, refresh.
#include "profile/ProfileSession.h"

#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "simulator/DemoMerchant.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

class TestProfileSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    MerchantProfile certificateProfile(SimulatorFixture &sim) const
    {
        const DemoMerchant &demo = DemoMerchant::instance();
        MerchantProfile profile;
        profile.name = QStringLiteral("证书模式");
        profile.mchid = demo.mchid;
        profile.privateKeyFile = m_files.filePath(DemoMerchant::MerchantKeyFile);
        profile.merchantCertificateFile = m_files.filePath(DemoMerchant::MerchantCertificateFile);
        profile.verificationMode = VerificationMode::PlatformCertificates;
        profile.primaryBaseUrl = sim.server().baseUrl();
        profile.backupBaseUrl = QUrl();
        return profile;
    }

    static BilingualText prepare(ProfileSession &session)
    {
        QSignalSpy ready(&session, &ProfileSession::ready);
        session.prepare();
        if (!ready.wait(20000))
            qFatal("session never became ready");
        return ready.first().first().value<BilingualText>();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(DemoMerchant::instance().writeClientFiles(m_files.path())); }
    void downloadsVerifiesAndCaches();
    void usesAFreshCacheWithoutDownloading();
    void staleCacheIsRefreshed();
    void unknownSerialTriggersARefresh();
    void wrongApiV3KeyIsReported();
    void publicKeyModeNeedsNoDownload();
};

void TestProfileSession::downloadsVerifiesAndCaches()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const ProfileSecrets secrets{{}, DemoMerchant::instance().apiV3Key};
    auto session
        = ProfileSession::open(certificateProfile(sim), secrets, DataDirectory(data.path()), sim.fastSettings());
    QVERIFY(session.ok());
    QVERIFY(prepare(**session).zh.isEmpty());
    QCOMPARE(sim.server().receivedRequests().size(), 1);
    QVERIFY(sim.server().receivedRequests().first().request.target.startsWith("/v3/certificates"));
    QCOMPARE((*session)->client().verificationKeys().platformCertificates().size(), 1);

    // Answers now verify with the downloaded certificate.
    const StockQueryResult lookup
        = SimulatorFixture::wait((*session)->client().queryStock(QStringLiteral("1212000000000001")));
    QVERIFY(lookup.isVerified());

    const auto cached
        = PlatformCertificateCache(DataDirectory(data.path()).cacheDirectory()).load(DemoMerchant::instance().mchid);
    QVERIFY(cached.has_value());
    QCOMPARE(cached->certificates.first().serialNumber(), DemoMerchant::instance().platformSerial);
}

void TestProfileSession::usesAFreshCacheWithoutDownloading()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const DataDirectory directory(data.path());
    PlatformCertificateCache(directory.cacheDirectory())
        .save(DemoMerchant::instance().mchid,
              {*KeyLoader::certificate(DemoMerchant::instance().platformCertificatePem)},
              QDateTime::currentDateTimeUtc().addSecs(-3600));
    auto session = ProfileSession::open(certificateProfile(sim), {{}, DemoMerchant::instance().apiV3Key}, directory,
                                        sim.fastSettings());
    QVERIFY(prepare(**session).zh.isEmpty());
    QVERIFY(sim.server().receivedRequests().isEmpty()); // an hour old: still good
    QVERIFY(SimulatorFixture::wait((*session)->client().queryStock(QStringLiteral("1212000000000001"))).isVerified());
}

void TestProfileSession::staleCacheIsRefreshed()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const DataDirectory directory(data.path());
    PlatformCertificateCache(directory.cacheDirectory())
        .save(DemoMerchant::instance().mchid,
              {*KeyLoader::certificate(DemoMerchant::instance().platformCertificatePem)},
              QDateTime::currentDateTimeUtc().addSecs(-13 * 3600));
    auto session = ProfileSession::open(certificateProfile(sim), {{}, DemoMerchant::instance().apiV3Key}, directory,
                                        sim.fastSettings());
    QVERIFY(prepare(**session).zh.isEmpty());
    QCOMPARE(sim.server().receivedRequests().size(), 1); // 13 hours: downloaded again
    const auto cached = PlatformCertificateCache(directory.cacheDirectory()).load(DemoMerchant::instance().mchid);
    QVERIFY(cached->fetchedAt.secsTo(QDateTime::currentDateTimeUtc()) < 600);
}

void TestProfileSession::unknownSerialTriggersARefresh()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const DataDirectory directory(data.path());
    // A fresh cache holding a certificate WeChat Pay no longer signs with (rotated away).
    const PrivateKey oldKey = TestKeyFactory::rsa(2048);
    PlatformCertificateCache(directory.cacheDirectory())
        .save(DemoMerchant::instance().mchid,
              {TestKeyFactory::certificate(oldKey, "11112222333344445555666677778888AAAABBBB", QStringLiteral("old"))},
              QDateTime::currentDateTimeUtc());
    auto session = ProfileSession::open(certificateProfile(sim), {{}, DemoMerchant::instance().apiV3Key}, directory,
                                        sim.fastSettings());
    QVERIFY(prepare(**session).zh.isEmpty());
    QVERIFY(sim.server().receivedRequests().isEmpty());

    const StockQueryResult lookup
        = SimulatorFixture::wait((*session)->client().queryStock(QStringLiteral("1212000000000001")));
    QVERIFY(lookup.isVerified());
    const auto &received = sim.server().receivedRequests();
    QCOMPARE(received.size(), 2); // the lookup, then the certificate download it prompted
    QVERIFY(received[1].request.target.startsWith("/v3/certificates"));
}

void TestProfileSession::wrongApiV3KeyIsReported()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    auto session = ProfileSession::open(certificateProfile(sim), {{}, QByteArray(32, 'w')}, DataDirectory(data.path()),
                                        sim.fastSettings());
    const BilingualText problem = prepare(**session);
    QVERIFY(problem.zh.contains(QStringLiteral("APIv3 密钥")));
}

void TestProfileSession::publicKeyModeNeedsNoDownload()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    MerchantProfile profile = certificateProfile(sim);
    profile.verificationMode = VerificationMode::PublicKey;
    profile.publicKeyId = DemoMerchant::instance().publicKeyId;
    profile.publicKeyFile = m_files.filePath(DemoMerchant::WechatPayPublicKeyFile);
    auto session = ProfileSession::open(profile, {}, DataDirectory(data.path()), sim.fastSettings());
    QVERIFY(session.ok());
    QVERIFY(prepare(**session).zh.isEmpty());
    QVERIFY(sim.server().receivedRequests().isEmpty());
}

QTEST_GUILESS_MAIN(TestProfileSession)
#include "TestProfileSession.moc"
