#include "profile/ConnectionTest.h"

#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "simulator/DemoMerchant.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

using Stage = ConnectionTest::Stage;
using Status = ConnectionTest::Status;

class TestConnectionTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    MerchantProfile profile(SimulatorFixture &sim, VerificationMode mode = VerificationMode::PublicKey) const
    {
        const DemoMerchant &demo = DemoMerchant::instance();
        MerchantProfile p;
        p.name = QStringLiteral("test");
        p.mchid = demo.mchid;
        p.privateKeyFile = m_files.filePath(DemoMerchant::MerchantKeyFile);
        p.merchantCertificateFile = m_files.filePath(DemoMerchant::MerchantCertificateFile);
        p.verificationMode = mode;
        p.publicKeyId = demo.publicKeyId;
        p.publicKeyFile = m_files.filePath(DemoMerchant::WechatPayPublicKeyFile);
        p.primaryBaseUrl = sim.server().baseUrl();
        p.backupBaseUrl = QUrl();
        return p;
    }

    static QList<ConnectionTest::StageReport> run(ConnectionTest *test)
    {
        QSignalSpy finished(test, &ConnectionTest::finished);
        if (!finished.wait(20000))
            qFatal("connection test never finished");
        return finished.first().first().value<QList<ConnectionTest::StageReport>>();
    }

    static QList<Status> statuses(const QList<ConnectionTest::StageReport> &reports)
    {
        QList<Status> result;
        for (const auto &report : reports)
            result.append(report.status);
        return result;
    }

private Q_SLOTS:
    void initTestCase();
    void allStagesPassWithAnExistingBatch();
    void certificateModeDownloadsAndVerifies();
    void unknownBatchStillChecksVerification();
    void missingKeyFailsFirst();
    void wrongKeyIsRefusedByTheServer();
    void unreachableServer();
    void answerThatFailsVerification();
    void publicKeyOnlyMerchantInCertificateMode();
};

void TestConnectionTest::initTestCase()
{
    QVERIFY(DemoMerchant::instance().writeClientFiles(m_files.path()));
    QFile other(m_files.filePath(QStringLiteral("other_key.pem")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(TestKeyFactory::pkcs8Pem(TestKeyFactory::rsa(2048)));
}

void TestConnectionTest::allStagesPassWithAnExistingBatch()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const auto reports = run(ConnectionTest::start(profile(sim), {}, DataDirectory(data.path()),
                                                   QStringLiteral("1212000000000001"), sim.fastSettings()));
    QCOMPARE(reports.size(), 5);
    QCOMPARE(statuses(reports), QList<Status>(5, Status::Passed));
    QVERIFY(!ConnectionTest::firstFailure(reports));
    QCOMPARE(reports[2].stage, Stage::Connected);
}

void TestConnectionTest::certificateModeDownloadsAndVerifies()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    const auto reports = run(ConnectionTest::start(profile(sim, VerificationMode::PlatformCertificates),
                                                   {{}, DemoMerchant::instance().apiV3Key}, DataDirectory(data.path()),
                                                   {}, sim.fastSettings()));
    QCOMPARE(statuses(reports), QList<Status>(5, Status::Passed));
    QVERIFY(sim.server().receivedRequests().first().request.target.startsWith("/v3/certificates"));
}

void TestConnectionTest::unknownBatchStillChecksVerification()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    // WeChat Pay signs its refusal of an unknown batch too: verification is still checked.
    const auto reports = run(ConnectionTest::start(profile(sim), {}, DataDirectory(data.path()),
                                                   QStringLiteral("404404"), sim.fastSettings()));
    QCOMPARE(statuses(reports),
             (QList<Status>{Status::Passed, Status::Passed, Status::Passed, Status::Passed, Status::Passed}));
    QVERIFY(reports[4].text.zh.contains(QStringLiteral("已验签")));
}

void TestConnectionTest::missingKeyFailsFirst()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    MerchantProfile broken = profile(sim);
    broken.privateKeyFile = m_files.filePath(QStringLiteral("no_such_key.pem"));
    const auto reports = run(ConnectionTest::start(broken, {}, DataDirectory(data.path()), {}, sim.fastSettings()));
    QCOMPARE(statuses(reports),
             (QList<Status>{Status::Failed, Status::NotReached, Status::NotReached, Status::NotReached,
                            Status::NotReached}));
    QCOMPARE(ConnectionTest::firstFailure(reports)->stage, Stage::KeyLoaded);
    QVERIFY(reports[0].text.zh.contains(QStringLiteral("找不到文件")));
    QVERIFY(sim.server().receivedRequests().isEmpty());
}

void TestConnectionTest::wrongKeyIsRefusedByTheServer()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    MerchantProfile wrong = profile(sim);
    wrong.privateKeyFile = m_files.filePath(QStringLiteral("other_key.pem"));
    wrong.merchantCertificateFile.clear(); // so the mismatch is only found by WeChat Pay
    wrong.merchantSerial = DemoMerchant::instance().merchantSerial;
    const auto reports = run(ConnectionTest::start(wrong, {}, DataDirectory(data.path()),
                                                   QStringLiteral("1212000000000001"), sim.fastSettings()));
    QCOMPARE(ConnectionTest::firstFailure(reports)->stage, Stage::SignatureAccepted);
    QVERIFY(!reports[3].explanation.solutionZh.isEmpty());
    QCOMPARE(reports[4].status, Status::NotReached);
}

void TestConnectionTest::unreachableServer()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    MerchantProfile unreachable = profile(sim);
    QUrl url = unreachable.primaryBaseUrl;
    url.setPort(SimulatorFixture::unusedLoopbackPort());
    unreachable.primaryBaseUrl = url;
    const auto reports
        = run(ConnectionTest::start(unreachable, {}, DataDirectory(data.path()), {}, sim.fastSettings()));
    QCOMPARE(ConnectionTest::firstFailure(reports)->stage, Stage::Connected);
    QCOMPARE(statuses(reports).mid(0, 2), (QList<Status>{Status::Passed, Status::Passed}));
    QVERIFY(reports[2].text.zh.contains(QStringLiteral("连接被拒绝")));
}

void TestConnectionTest::answerThatFailsVerification()
{
    SimulatorFixture sim;
    QTemporaryDir data;
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("bad-signature")}).value());
    const auto reports = run(ConnectionTest::start(profile(sim), {}, DataDirectory(data.path()),
                                                   QStringLiteral("1212000000000001"), sim.fastSettings()));
    QCOMPARE(ConnectionTest::firstFailure(reports)->stage, Stage::AnswerVerified);
    QVERIFY(!reports[4].explanation.solutionZh.isEmpty());
}

void TestConnectionTest::publicKeyOnlyMerchantInCertificateMode()
{
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.certificateIdentity.reset(); // this merchant has only the public key
    SimulatorFixture sim(SimulatorFixture::Transport::Http, config);
    QTemporaryDir data;
    const auto reports = run(ConnectionTest::start(profile(sim, VerificationMode::PlatformCertificates),
                                                   {{}, DemoMerchant::instance().apiV3Key}, DataDirectory(data.path()),
                                                   {}, sim.fastSettings()));
    const auto failure = ConnectionTest::firstFailure(reports);
    QCOMPARE(failure->stage, Stage::AnswerVerified);
    QVERIFY(failure->explanation.solutionZh.contains(QStringLiteral("公钥")));
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "TestConnectionTest.moc"
