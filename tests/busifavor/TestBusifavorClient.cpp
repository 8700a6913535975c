// The product's client against the simulator over real loopback sockets — HTTP and HTTPS
// (initTestCase_data) — for both kinds of change, every business error, every fault,
// failover, retries, reconciliation, cancel and timeout.
#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "crypto/KeyLoader.h"
#include "http/UserAgent.h"
#include "simulator/DemoMerchant.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

using Kind = BudgetOutcome::Kind;
using Ambiguity = BudgetOutcome::Ambiguity;
Q_DECLARE_METATYPE(Kind)

namespace {

const QString Weekend = QStringLiteral("1212000000000001"); // 50000 total / 5000 daily, 12840 issued
const QString Foreign = QStringLiteral("1212000000000009");
const QString Stopped = QStringLiteral("1212000000000005");

BudgetChange total(qint64 target, std::optional<qint64> current = std::nullopt, const QString &stock = Weekend)
{
    static int counter = 0;
    return {stock, BudgetDimension::Total, target, current, QStringLiteral("client-test-%1").arg(++counter)};
}

qint64 currentTotal(SimulatorFixture &sim)
{
    return sim.simulator().stocks().stock(Weekend).maxCoupons();
}

// Changes the total to 60000 under `faults`, which end as the checking lookup starts.
BudgetOutcome changeUntilReconciling(SimulatorFixture &sim, BusifavorClient &client, const QString &fault)
{
    sim.simulator().setFaults(FaultPlan::parse({fault}).value());
    BudgetModification *modification = client.modifyBudget(total(60000, 50000));
    QObject::connect(modification, &BudgetModification::stageChanged, modification,
                     [&sim](BudgetModification::Stage stage) {
                         if (stage == BudgetModification::Stage::Reconciling)
                             sim.simulator().setFaults({});
                     });
    return SimulatorFixture::wait(modification);
}

} // namespace

class TestBusifavorClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> fixture(SimulatorConfig config = SimulatorFixture::demoConfig()) const
    {
        QFETCH_GLOBAL(bool, tls);
        return std::make_unique<SimulatorFixture>(
            tls ? SimulatorFixture::Transport::Https : SimulatorFixture::Transport::Http, std::move(config));
    }

private Q_SLOTS:
    void initTestCase_data();

    void lookupReturnsVerifiedDetails();
    void totalChangeAppliedAndVerified();
    void perDayChangeAppliedAndVerified();
    void currentComesFromAFreshLookup();
    void signedBytesAreSentBytes();
    void sendsTheDocumentedHeaders();
    void percentEncodedStockIdIsSignedAsSent();
    void businessErrors_data();
    void businessErrors();
    void invalidChangesAreNotSent();
    void lookupFailureStopsTheChange();
    void faults_data();
    void faults();
    void failoverToBackupOnRefusedPrimary();
    void httpAnswerNeverFailsOver();
    void everyDomainUnreachable();
    void retriesKeepTheRequestNumber();
    void busyIsRetriedWithBackoff();
    void reconciliationAfterDropAfterApply();
    void reconciliationAfterDropBeforeApply();
    void portalAnswerIsCheckedAndFoundNotApplied();
    void timeoutAfterSendingIsReconciled();
    void cancelMidFlight();
    void untrustedCertificateIsRefused();
    void signErrorIsDiagnosed();
    void clockOffsetIsMeasured();
};

void TestBusifavorClient::initTestCase_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("http") << false;
    QTest::newRow("https") << true;
}

void TestBusifavorClient::lookupReturnsVerifiedDetails()
{
    auto sim = fixture();
    auto client = sim->client();
    const StockQueryResult result = SimulatorFixture::wait(client->queryStock(Weekend));
    QVERIFY(result.isVerified());
    QCOMPARE(result.stock->maxCoupons, 50000);
    QCOMPARE(*result.stock->maxCouponsByDay, 5000);
    QCOMPARE(result.stock->totalSendNum, 12840);
    QCOMPARE(result.stock->domain, sim->server().baseUrl());
    QVERIFY(!result.stock->requestId.isEmpty());
}

void TestBusifavorClient::totalChangeAppliedAndVerified()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::Applied);
    QVERIFY(outcome.verified);
    QCOMPARE(*outcome.maxCoupons, 60000);
    QCOMPARE(*outcome.maxCouponsByDay, 5000);
    QCOMPARE(outcome.domain, sim->server().baseUrl());
    QVERIFY(!outcome.requestId.isEmpty());
    QCOMPARE(currentTotal(*sim), 60000);
    QCOMPARE(outcome.attempts.size(), 1);
}

void TestBusifavorClient::perDayChangeAppliedAndVerified()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = SimulatorFixture::wait(
        client->modifyBudget({Weekend, BudgetDimension::PerDay, 6000, std::nullopt, QStringLiteral("per-day-1")}));
    QCOMPARE(outcome.kind, Kind::Applied);
    QCOMPARE(*outcome.maxCouponsByDay, 6000);
    QCOMPARE(*outcome.maxCoupons, 50000);
    QCOMPARE(*outcome.change.current, 5000); // looked up
}

void TestBusifavorClient::currentComesFromAFreshLookup()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(70000)));
    QCOMPARE(outcome.kind, Kind::Applied);
    QVERIFY(outcome.lookup.has_value() && outcome.lookup->isVerified());
    QCOMPARE(*outcome.change.current, 50000);
    const auto &received = sim->server().receivedRequests();
    QCOMPARE(received.size(), 2);
    QCOMPARE(received[0].request.method, QByteArray("GET"));
    QCOMPARE(received[1].request.method, QByteArray("PATCH"));
}

void TestBusifavorClient::signedBytesAreSentBytes()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetChange change = total(61000, 50000);
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(change));
    QCOMPARE(outcome.kind, Kind::Applied);

    // What the simulator received, byte for byte, is what was signed.
    const SimRequest &received = sim->server().receivedRequests().last().request;
    QCOMPARE(received.body, change.body());
    QCOMPARE(received.target, change.path());
    const QByteArray signingMessage = outcome.attempts.last().signingMessage;
    QVERIFY(signingMessage.startsWith("PATCH\n" + received.target + "\n"));
    QVERIFY(signingMessage.endsWith("\n" + received.body + "\n"));
    // And the signature in the header holds over exactly those bytes.
    const QByteArray authorization = *findHeader(received.headers, "Authorization");
    const QByteArray signature = QByteArray::fromBase64(QRegularExpression(QStringLiteral("signature=\"([^\"]+)\""))
                                                            .match(QString::fromLatin1(authorization))
                                                            .captured(1)
                                                            .toLatin1());
    const PublicKey merchantKey = KeyLoader::certificate(DemoMerchant::instance().merchantCertificatePem)->publicKey();
    QVERIFY(merchantKey.verifySha256(signingMessage, signature));
    QVERIFY(authorization.contains("mchid=\"" + DemoMerchant::instance().mchid.toLatin1() + "\""));
}

void TestBusifavorClient::sendsTheDocumentedHeaders()
{
    auto sim = fixture();
    auto client = sim->client();
    SimulatorFixture::wait(client->modifyBudget(total(62000, 50000)));
    const HttpHeaders &headers = sim->server().receivedRequests().last().request.headers;
    QCOMPARE(findHeader(headers, "Accept"), std::optional<QByteArray>("application/json"));
    QCOMPARE(findHeader(headers, "Content-Type"), std::optional<QByteArray>("application/json"));
    QCOMPARE(findHeader(headers, "Wechatpay-Serial"),
             std::optional<QByteArray>(DemoMerchant::instance().publicKeyId.toLatin1()));
    const QByteArray agent = *findHeader(headers, "User-Agent");
    QCOMPARE(agent, userAgent());
    QVERIFY2(QRegularExpression(QStringLiteral("^BudgetDesk/\\d+\\.\\d+\\.\\d+ \\([^)]+\\) Qt/6\\.\\d+\\.\\d+$"))
                 .match(QString::fromLatin1(agent))
                 .hasMatch(),
             agent.constData());
}

void TestBusifavorClient::percentEncodedStockIdIsSignedAsSent()
{
    auto sim = fixture();
    auto client = sim->client();
    const StockQueryResult result = SimulatorFixture::wait(client->queryStock(QStringLiteral("12 3/券")));
    // Not SIGN_ERROR: the signature covered the encoded path exactly as it went out.
    QCOMPARE(result.kind, StockQueryResult::Kind::Rejected);
    QCOMPARE(result.error->code, QStringLiteral("RESOURCE_NOT_EXISTS"));
    QCOMPARE(sim->server().receivedRequests().last().request.target,
             QByteArray("/v3/marketing/busifavor/stocks/12%203%2F%E5%88%B8"));
}

void TestBusifavorClient::businessErrors_data()
{
    QTest::addColumn<QString>("stock");
    QTest::addColumn<qint64>("target");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("current value") << Weekend << qint64(60000) << qint64(49999) << 403 << "RULE_LIMIT"
                                   << "批次库存的当前值错误,请获取批次详情查看最新值";
    QTest::newRow("below issued (current given, so no local check)")
        << Weekend << qint64(100) << qint64(50000) << 403 << "RULE_LIMIT"
        << "目标库存数目不能小于批次已发放库存数目";
    QTest::newRow("foreign batch") << Foreign << qint64(6000) << qint64(5000) << 403 << "RULE_LIMIT"
                                   << "仅创建方有权限使券失效";
    QTest::newRow("unknown batch") << QStringLiteral("404404") << qint64(6000) << qint64(5000) << 404
                                   << "RESOURCE_NOT_EXISTS"
                                   << "批次不存在";
    QTest::newRow("expired batch") << Stopped << qint64(40000) << qint64(30000) << 404 << "RESOURCE_NOT_EXISTS"
                                   << "批次已过期";
}

void TestBusifavorClient::businessErrors()
{
    QFETCH(QString, stock);
    QFETCH(qint64, target);
    QFETCH(qint64, current);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(target, current, stock)));
    QCOMPARE(outcome.kind, Kind::Rejected);
    QCOMPARE(outcome.error->httpStatus, status);
    QCOMPARE(outcome.error->code, code);
    QCOMPARE(outcome.error->message, message);
    QVERIFY(!outcome.error->requestId.isEmpty());
    QVERIFY(!outcome.error->explanation.explanationZh.isEmpty());
    QVERIFY(!outcome.isApplied());
    QCOMPARE(outcome.attempts.size(), 1); // 4xx: no retry
}

void TestBusifavorClient::invalidChangesAreNotSent()
{
    auto sim = fixture();
    auto client = sim->client();
    // Below the issued count, caught from the fresh lookup: only the GET went out.
    const BudgetOutcome below = SimulatorFixture::wait(client->modifyBudget(total(100)));
    QCOMPARE(below.kind, Kind::Invalid);
    QCOMPARE(below.problems.first().code(), BudgetProblem::Code::TargetBelowIssued);
    QCOMPARE(sim->server().receivedRequests().size(), 1);
    // A bad request number: nothing at all.
    BudgetChange bad = total(60000, 50000);
    bad.requestNumber = QStringLiteral("has spaces");
    QCOMPARE(SimulatorFixture::wait(client->modifyBudget(bad)).kind, Kind::Invalid);
    QCOMPARE(sim->server().receivedRequests().size(), 1);
}

void TestBusifavorClient::lookupFailureStopsTheChange()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome
        = SimulatorFixture::wait(client->modifyBudget(total(6000, std::nullopt, QStringLiteral("404404"))));
    QCOMPARE(outcome.kind, Kind::LookupFailed);
    QCOMPARE(outcome.lookup->kind, StockQueryResult::Kind::Rejected);
    QCOMPARE(sim->server().receivedRequests().size(), 1);
}

void TestBusifavorClient::faults_data()
{
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("ambiguity");
    QTest::addColumn<qint64>("finalTotal");
    // The PATCH is the first request (current given); count=1 leaves the checking lookup clean.
    QTest::newRow("bad-signature: applied, but only the lookup can say so")
        << QStringList{QStringLiteral("bad-signature"), QStringLiteral("count=1")} << Kind::ReconciledApplied
        << int(Ambiguity::NotVerified) << qint64(60000);
    QTest::newRow("signtest probe: same") << QStringList{QStringLiteral("signtest"), QStringLiteral("count=1")}
                                          << Kind::ReconciledApplied << int(Ambiguity::NotVerified) << qint64(60000);
    QTest::newRow("bad signatures everywhere: unknown, never success")
        << QStringList{QStringLiteral("bad-signature")} << Kind::Unknown << int(Ambiguity::NotVerified)
        << qint64(60000);
    QTest::newRow("probes everywhere: unknown")
        << QStringList{QStringLiteral("signtest")} << Kind::Unknown << int(Ambiguity::NotVerified) << qint64(60000);
    QTest::newRow("wrong-serial") << QStringList{QStringLiteral("wrong-serial"), QStringLiteral("count=1")}
                                  << Kind::ReconciledApplied << int(Ambiguity::NotVerified) << qint64(60000);
    QTest::newRow("omit-signature-headers")
        << QStringList{QStringLiteral("omit-signature-headers"), QStringLiteral("count=1")} << Kind::ReconciledApplied
        << int(Ambiguity::NotVerified) << qint64(60000);
    // A 5xx may come while the service still works on the change: the starting value seen
    // afterwards does not prove it never applies.
    QTest::newRow("status=500 through every retry")
        << QStringList{QStringLiteral("status=500"), QStringLiteral("count=3")} << Kind::Unknown
        << int(Ambiguity::ServerError) << qint64(50000);
    QTest::newRow("status=502 once, then fine") << QStringList{QStringLiteral("status=502"), QStringLiteral("count=1")}
                                                << Kind::Applied << int(Ambiguity::None) << qint64(60000);
    QTest::newRow("status=503 twice, then fine") << QStringList{QStringLiteral("status=503"), QStringLiteral("count=2")}
                                                 << Kind::Applied << int(Ambiguity::None) << qint64(60000);
    QTest::newRow("busy") << QStringList{QStringLiteral("busy")} << Kind::Rejected << int(Ambiguity::None)
                          << qint64(50000);
    QTest::newRow("delay, in time") << QStringList{QStringLiteral("delay=200")} << Kind::Applied << int(Ambiguity::None)
                                    << qint64(60000);
    QTest::newRow("skew=200, within the window")
        << QStringList{QStringLiteral("skew=200")} << Kind::Applied << int(Ambiguity::None) << qint64(60000);
    QTest::newRow("skew=-400: our timestamps refused")
        << QStringList{QStringLiteral("skew=-400")} << Kind::Rejected << int(Ambiguity::None) << qint64(50000);
}

void TestBusifavorClient::faults()
{
    QFETCH(QStringList, faults);
    QFETCH(Kind, kind);
    QFETCH(int, ambiguity);
    QFETCH(qint64, finalTotal);
    auto sim = fixture();
    auto client = sim->client();
    sim->simulator().setFaults(FaultPlan::parse(faults).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, kind);
    QCOMPARE(int(outcome.ambiguity), ambiguity);
    QVERIFY(outcome.kind != Kind::Applied || outcome.verified);
    if (Ambiguity(ambiguity) == Ambiguity::NotVerified) {
        QVERIFY(outcome.verification.has_value() && !outcome.verification->isVerified());
        QVERIFY(outcome.wasReconciled());
    }
    sim->simulator().setFaults({});
    QCOMPARE(currentTotal(*sim), finalTotal);
}

void TestBusifavorClient::failoverToBackupOnRefusedPrimary()
{
    auto sim = fixture();
    ClientSettings settings = sim->fastSettings();
    QUrl refused = settings.primaryBaseUrl;
    refused.setPort(SimulatorFixture::unusedLoopbackPort());
    settings.backupBaseUrl = settings.primaryBaseUrl;
    settings.primaryBaseUrl = refused;
    auto client = sim->client(settings);
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::Applied);
    QCOMPARE(outcome.domain, sim->server().baseUrl());
    QCOMPARE(outcome.attempts.size(), 2);
    QCOMPARE(outcome.attempts[0].domain, refused);
    QCOMPARE(outcome.attempts[0].failure->kind, NetworkFailure::Kind::ConnectionRefused);
    // Re-signed for the backup: another nonce, the same body and request number.
    QVERIFY(outcome.attempts[0].signingMessage != outcome.attempts[1].signingMessage);
    QCOMPARE(outcome.attempts[0].signingMessage.split('\n').value(4),
             outcome.attempts[1].signingMessage.split('\n').value(4));
}

void TestBusifavorClient::httpAnswerNeverFailsOver()
{
    auto primary = fixture();
    SimulatorFixture backup;
    ClientSettings settings = primary->fastSettings();
    settings.backupBaseUrl = backup.server().baseUrl();
    auto client = primary->client(settings);
    primary->simulator().setFaults(FaultPlan::parse({QStringLiteral("status=503")}).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(backup.server().receivedRequests().size(), 0);
    QCOMPARE(outcome.attempts.size(), 3); // the first try and 2 retries, all on the primary
    for (const ExchangeAttempt &attempt : outcome.attempts) {
        QCOMPARE(attempt.domain, primary->server().baseUrl());
        QCOMPARE(attempt.httpStatus, 503);
    }
    QCOMPARE(outcome.kind, Kind::Unknown); // 503 after retries, and the checking lookup got 503 too
    QCOMPARE(outcome.ambiguity, Ambiguity::ServerError);
}

void TestBusifavorClient::everyDomainUnreachable()
{
    auto sim = fixture();
    ClientSettings settings = sim->fastSettings();
    QUrl refused = settings.primaryBaseUrl;
    refused.setPort(SimulatorFixture::unusedLoopbackPort());
    settings.primaryBaseUrl = refused;
    QUrl alsoRefused = refused;
    alsoRefused.setHost(QStringLiteral("localhost"));
    settings.backupBaseUrl = alsoRefused;
    auto client = sim->client(settings);
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::NetworkFailed);
    QCOMPARE(outcome.failure->kind, NetworkFailure::Kind::ConnectionRefused);
    QCOMPARE(outcome.attempts.size(), 2);
    QVERIFY(!outcome.wasReconciled()); // nothing was delivered, so nothing to check
}

void TestBusifavorClient::retriesKeepTheRequestNumber()
{
    auto sim = fixture();
    auto client = sim->client();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("status=500"), QStringLiteral("count=2")}).value());
    const BudgetChange change = total(60000, 50000);
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(change));
    QCOMPARE(outcome.kind, Kind::Applied);
    const auto &received = sim->server().receivedRequests();
    QCOMPARE(received.size(), 3);
    QSet<QByteArray> authorizations;
    for (const ReceivedRequest &request : received) {
        QCOMPARE(request.request.body, change.body()); // the same number, the same bytes
        authorizations.insert(*findHeader(request.request.headers, "Authorization"));
    }
    QCOMPARE(authorizations.size(), 3); // each attempt signed afresh
}

void TestBusifavorClient::busyIsRetriedWithBackoff()
{
    auto sim = fixture();
    auto client = sim->client();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("busy"), QStringLiteral("count=2")}).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::Applied);
    QCOMPARE(outcome.attempts.size(), 3);
    QCOMPARE(outcome.attempts[0].httpStatus, 403);

    // 429 too: a rate limit of 1 per second with the fake clock stepping a second per answer.
    SimulatorConfig config = SimulatorFixture::demoConfig();
    config.requestsPerSecond = 1;
    auto limited = fixture(config);
    QObject::connect(&limited->server(), &SimulatorServer::answered, &limited->server(), [&](qint64 total) {
        if (total == 2)
            limited->clock().advance(1);
    });
    auto limitedClient = limited->client();
    SimulatorFixture::wait(limitedClient->queryStock(Weekend)); // uses this second's quota
    const BudgetOutcome retried = SimulatorFixture::wait(limitedClient->modifyBudget(total(60000, 50000)));
    QCOMPARE(retried.kind, Kind::Applied);
    QCOMPARE(retried.attempts.first().httpStatus, 429);
}

void TestBusifavorClient::reconciliationAfterDropAfterApply()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = changeUntilReconciling(*sim, *client, QStringLiteral("drop-after-apply"));
    QCOMPARE(outcome.kind, Kind::ReconciledApplied);
    QCOMPARE(outcome.ambiguity, Ambiguity::ConnectionLost);
    QCOMPARE(*outcome.observedValue, 60000);
    QVERIFY(outcome.reconciliation->isVerified());
    QCOMPARE(*outcome.maxCoupons, 60000);
}

void TestBusifavorClient::reconciliationAfterDropBeforeApply()
{
    auto sim = fixture();
    auto client = sim->client();
    const BudgetOutcome outcome = changeUntilReconciling(*sim, *client, QStringLiteral("drop-before-apply"));
    // The batch still holds its starting value, but the request went out and no answer came:
    // WeChat Pay may still act on it. Not "not applied" — unknown, with what was seen.
    QCOMPARE(outcome.kind, Kind::Unknown);
    QCOMPARE(outcome.verdict->reason, ReconciliationVerdict::Reason::StartingValueWhileInFlight);
    QCOMPARE(*outcome.observedValue, 50000);
    QVERIFY(outcome.summary().zh.contains(QStringLiteral("可能仍在")));
    QCOMPARE(currentTotal(*sim), 50000);
    // The retry the outcome asks for: the same request number, which cannot apply twice.
    BudgetChange again = outcome.change;
    const BudgetOutcome retried = SimulatorFixture::wait(client->modifyBudget(again));
    QCOMPARE(retried.kind, Kind::Applied);
    QCOMPARE(currentTotal(*sim), 60000);
}

// A captive portal's 200 page for the change: not WeChat Pay's word, so not "applied". It was an
// answer, so nothing stays on its way; the lookup, left alone by the fault and verified, finds
// the starting value: not applied, established by that lookup. The same number applies later.
void TestBusifavorClient::portalAnswerIsCheckedAndFoundNotApplied()
{
    auto sim = fixture();
    auto client = sim->client();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("portal")}).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.ambiguity, Ambiguity::NotVerified);
    QCOMPARE(outcome.kind, Kind::ReconciledNotApplied);
    QCOMPARE(outcome.verdict->reason, ReconciliationVerdict::Reason::StartingValueSeen);
    QCOMPARE(*outcome.observedValue, 50000);
    QVERIFY(outcome.reconciliation->isVerified());
    QVERIFY(!outcome.verified);
    QCOMPARE(outcome.attempts.size(), 1);
    QCOMPARE(outcome.attempts.first().httpStatus, 200);
    QCOMPARE(currentTotal(*sim), 50000);
    sim->simulator().setFaults({});
    const BudgetOutcome again = SimulatorFixture::wait(client->modifyBudget(outcome.change));
    QCOMPARE(again.kind, Kind::Applied);
    QCOMPARE(currentTotal(*sim), 60000);
}

void TestBusifavorClient::timeoutAfterSendingIsReconciled()
{
    auto sim = fixture();
    ClientSettings settings = sim->fastSettings();
    settings.timeoutMs = 300;
    auto client = sim->client(settings);
    // The change is applied at once, its answer held for 2 s; the lookup that follows is prompt.
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=2000"), QStringLiteral("count=1")}).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.ambiguity, Ambiguity::Timeout);
    QCOMPARE(outcome.failure->kind, NetworkFailure::Kind::TimeoutAfterSending);
    QCOMPARE(outcome.kind, Kind::ReconciledApplied);
}

void TestBusifavorClient::cancelMidFlight()
{
    auto sim = fixture();
    auto client = sim->client();
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=3000"), QStringLiteral("count=1")}).value());
    BudgetModification *modification = client->modifyBudget(total(60000, 50000));
    QTimer::singleShot(300, modification, [modification] { modification->cancel(); });
    QElapsedTimer timer;
    timer.start();
    const BudgetOutcome outcome = SimulatorFixture::wait(modification);
    QVERIFY(timer.elapsed() < 2500); // did not wait for the answer
    QCOMPARE(outcome.ambiguity, Ambiguity::Cancelled);
    QCOMPARE(outcome.kind, Kind::ReconciledApplied); // it had reached the simulator

    // Cancelled twice: no checking lookup either.
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=3000")}).value());
    BudgetModification *again = client->modifyBudget(total(70000, 60000));
    QTimer::singleShot(200, again, [again] { again->cancel(); });
    QTimer::singleShot(400, again, [again] { again->cancel(); });
    QCOMPARE(SimulatorFixture::wait(again).kind, Kind::Unknown);
}

void TestBusifavorClient::untrustedCertificateIsRefused()
{
    // Always over HTTPS, whatever the row: a trust question.
    auto sim = std::make_unique<SimulatorFixture>(SimulatorFixture::Transport::Https);
    ClientSettings settings = sim->fastSettings();
    settings.sslConfiguration.reset(); // the system trust store only
    auto client = sim->client(settings);
    const StockQueryResult result = SimulatorFixture::wait(client->queryStock(Weekend));
    QCOMPARE(result.kind, StockQueryResult::Kind::NetworkFailed);
    QCOMPARE(result.failure->kind, NetworkFailure::Kind::TlsUntrusted);
    QVERIFY(!result.failure->sent);
    // The reason names the domain and what TLS found.
    QVERIFY(result.summary().zh.contains(QStringLiteral("127.0.0.1")));
    QVERIFY(result.summary().zh.contains(QStringLiteral("不受信任")));
    QVERIFY(sim->server().receivedRequests().isEmpty());
}

void TestBusifavorClient::signErrorIsDiagnosed()
{
    auto sim = fixture();
    // A key that does not belong to the merchant's certificate.
    MerchantCredentials wrong = SimulatorFixture::demoCredentials();
    wrong.privateKey = TestKeyFactory::rsa(2048);
    BusifavorClient client(wrong, SimulatorFixture::demoKeys(), sim->fastSettings(), sim->sharedClock());
    const BudgetOutcome outcome = SimulatorFixture::wait(client.modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::Rejected);
    QCOMPARE(outcome.error->code, QStringLiteral("SIGN_ERROR"));
    QVERIFY(outcome.signDiagnosis.has_value());
    QCOMPARE(outcome.signDiagnosis->finding(), SignErrorDiagnosis::Finding::StringsMatch);
    QCOMPARE(outcome.signDiagnosis->servers(), outcome.attempts.last().signingMessage);
}

void TestBusifavorClient::clockOffsetIsMeasured()
{
    auto sim = fixture();
    auto client = sim->client();
    // The offset is measured against the clock that signs, not the computer's: an hour away
    // from real time, the fake clock would otherwise read as -3720 s.
    sim->clock().advance(3600);
    sim->simulator().setFaults(FaultPlan::parse({QStringLiteral("skew=-120")}).value());
    const BudgetOutcome outcome = SimulatorFixture::wait(client->modifyBudget(total(60000, 50000)));
    QCOMPARE(outcome.kind, Kind::Applied);
    QCOMPARE(*outcome.clockOffsetSeconds, -120);
    QVERIFY(client->clockOffset().isNoticeable());
}

QTEST_GUILESS_MAIN(TestBusifavorClient)
#include "TestBusifavorClient.moc"
