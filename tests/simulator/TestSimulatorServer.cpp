// The loopback front end: what it records of requests, how it delivers, drops and delays
// answers, and TLS that a client verifies for real.
#include "SimulatorFixture.h"

#include "simulator/DemoMerchant.h"

#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;
using namespace budgetdesk::test;

class TestSimulatorServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsRequestsExactlyAsReceived();
    void listensOnLoopbackOnly();
    void answeredCountsEveryOutcome();
    void httpsIsVerifiedWithTheGeneratedCa();
    void untrustedCertificateIsRefused();
    void keepsAliveAcrossRequests();
};

void TestSimulatorServer::recordsRequestsExactlyAsReceived()
{
    SimulatorFixture sim;
    const QByteArray body
        = "{\"target_max_coupons\":60000,\"current_max_coupons\":50000,\"modify_budget_request_no\":\"rec-1\"}";
    const QByteArray target = "/v3/marketing/busifavor/stocks/1212000000000001/budget";
    const SimAnswer answer = sim.patchBudget("1212000000000001", body);
    QCOMPARE(answer.status, 200);
    QCOMPARE(sim.server().receivedRequests().size(), 1);
    const ReceivedRequest &received = sim.server().receivedRequests().first();
    QCOMPARE(received.request.method, QByteArray("PATCH"));
    QCOMPARE(received.request.target, target);
    QCOMPARE(received.request.body, body);
    QCOMPARE(received.status, 200);
    QVERIFY(!received.dropped);
    QCOMPARE(findHeader(received.request.headers, "Content-Type"), std::optional<QByteArray>("application/json"));
    QVERIFY(findHeader(received.request.headers, "Authorization")->startsWith("WECHATPAY2-SHA256-RSA2048 "));

    // Percent-encoding and the query string arrive as sent.
    sim.send("GET", "/v3/marketing/busifavor/stocks/%E5%95%86%E5%AE%B6?a=1&b=%2F");
    QCOMPARE(sim.server().receivedRequests().last().request.target,
             QByteArray("/v3/marketing/busifavor/stocks/%E5%95%86%E5%AE%B6?a=1&b=%2F"));
    QCOMPARE(sim.server().receivedRequests().last().status, 404); // signature fine, stock unknown
}

void TestSimulatorServer::listensOnLoopbackOnly()
{
    SimulatorFixture sim;
    QCOMPARE(sim.server().baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(sim.server().port() > 0);
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket socket;
        socket.connectToHost(address, sim.server().port());
        QVERIFY2(!socket.waitForConnected(500), qPrintable(address.toString()));
    }
}

void TestSimulatorServer::answeredCountsEveryOutcome()
{
    SimulatorFixture sim;
    QSignalSpy answered(&sim.server(), &SimulatorServer::answered);
    sim.getStock("1212000000000001");
    // QNetworkAccessManager quietly resends a request whose connection closes before any
    // answer, so the fault stays on until the client has given up.
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("drop")}).value());
    const SimAnswer dropped = sim.getStock("1212000000000001");
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(sim.server().receivedRequests().last().dropped);
    const qint64 attempts = sim.server().receivedRequests().size() - 1;
    QVERIFY(attempts >= 1);
    sim.simulator().setFaults(FaultPlan::parse({QStringLiteral("delay=50"), QStringLiteral("count=1")}).value());
    sim.getStock("1212000000000001");
    QTRY_COMPARE(answered.size(), 2 + attempts);
    QCOMPARE(answered.last().first().toLongLong(), 2 + attempts);
}

void TestSimulatorServer::httpsIsVerifiedWithTheGeneratedCa()
{
    SimulatorFixture sim(SimulatorFixture::Transport::Https);
    QCOMPARE(sim.server().baseUrl().scheme(), QStringLiteral("https"));
    const SimAnswer answer = sim.getStock("1212000000000001");
    QCOMPARE(answer.error, QNetworkReply::NoError);
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.verified());
}

void TestSimulatorServer::untrustedCertificateIsRefused()
{
    SimulatorFixture sim(SimulatorFixture::Transport::Https);
    // A fresh manager with the system trust store only: the generated CA is not in it.
    QNetworkAccessManager network;
    QNetworkRequest request(sim.url("/v3/marketing/busifavor/stocks/1212000000000001"));
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    QVERIFY(sim.server().receivedRequests().isEmpty()); // nothing reached the simulator
    reply->deleteLater();
}

void TestSimulatorServer::keepsAliveAcrossRequests()
{
    SimulatorFixture sim;
    for (int i = 0; i < 20; ++i)
        QCOMPARE(sim.getStock("1212000000000001").status, 200);
    QCOMPARE(sim.server().receivedRequests().size(), 20);
    QCOMPARE(sim.simulator().requestCount(), 20);
}

QTEST_GUILESS_MAIN(TestSimulatorServer)
#include "TestSimulatorServer.moc"
