// LoopbackHttpServer, the simulator's own HTTP/1.1 layer: what it hands the handler, and the
// limits it keeps, seen from a raw socket.
#include "simulator/LoopbackHttpServer.h"

#include "http/HttpMessageParser.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::sim;

namespace {

// A raw client: bytes in, parsed answers out.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        if (!m_socket.waitForConnected(5000))
            qFatal("RawClient: cannot connect");
    }
    void write(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // The next whole answer, or nullopt when the connection closed or nothing came in time.
    std::optional<HttpMessageParser> answer(int timeoutMs = 5000)
    {
        HttpMessageParser parser(HttpMessageParser::Kind::Response);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (!m_pending.isEmpty()) {
                const qsizetype used = parser.feed(m_pending);
                m_pending.remove(0, used);
                if (parser.isComplete())
                    return parser;
                if (parser.hasFailed())
                    return std::nullopt;
            }
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
                return std::nullopt;
            QTest::qWait(5);
            m_pending += m_socket.readAll();
        }
        return std::nullopt;
    }
    bool closedWithin(int timeoutMs)
    {
        return QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_pending;
};

SimResponse echo(const SimRequest &request)
{
    SimResponse response;
    response.body = request.method + ' ' + request.target + ' ' + request.body;
    return response;
}

} // namespace

class TestLoopbackHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetAndBodyExactlyAsSent();
    void keptAliveAndPipelined();
    void chunkedRequestBody();
    void bodyPastTheLimitIs413();
    void headerFloodIs431();
    void garbageIs400();
    void idleConnectionsAreClosed();
    void deliberateFaults();
};

void TestLoopbackHttpServer::targetAndBodyExactlyAsSent()
{
    QList<SimRequest> seen;
    LoopbackHttpServer server([&](const SimRequest &request) {
        seen.append(request);
        return echo(request);
    });
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.write("PATCH /v3/marketing/busifavor/stocks/%31%32/../budget?q=%7E HTTP/1.1\r\nHost: x\r\n"
                 "Content-Length: 4\r\n\r\n{\"\"}");
    const auto answer = client.answer();
    QVERIFY(answer.has_value());
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().target, QByteArray("/v3/marketing/busifavor/stocks/%31%32/../budget?q=%7E"));
    QCOMPARE(seen.first().body, QByteArray("{\"\"}"));
    QCOMPARE(findHeader(answer->headers(), "Content-Length"), QByteArray::number(answer->body().size()));
}

void TestLoopbackHttpServer::keptAliveAndPipelined()
{
    LoopbackHttpServer server(echo);
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.write("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(client.answer()->body(), QByteArray("GET /one "));
    QCOMPARE(client.answer()->body(), QByteArray("GET /two "));
    client.write("GET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto last = client.answer();
    QCOMPARE(last->body(), QByteArray("GET /three "));
    QCOMPARE(findHeader(last->headers(), "Connection"), QByteArray("close"));
    QVERIFY(client.closedWithin(3000));
}

void TestLoopbackHttpServer::chunkedRequestBody()
{
    LoopbackHttpServer server(echo);
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.write("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    QCOMPARE(client.answer()->body(), QByteArray("POST /c abcde"));
}

void TestLoopbackHttpServer::bodyPastTheLimitIs413()
{
    int handled = 0;
    HttpServerLimits limits;
    limits.requestBodyBytes = 1024;
    LoopbackHttpServer server(
        [&](const SimRequest &request) {
            ++handled;
            return echo(request);
        },
        limits);
    QVERIFY(server.listen());
    for (const bool declared : {true, false}) {
        RawClient client(server.port());
        if (declared)
            client.write("PATCH /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n" + QByteArray(4096, 'a'));
        else
            client.write("PATCH /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
                         + QByteArray(2048, 'a') + "\r\n");
        const auto answer = client.answer();
        QVERIFY(answer.has_value());
        QCOMPARE(answer->status(), 413);
        QVERIFY(answer->body().contains("INVALID_REQUEST"));
        QVERIFY(client.closedWithin(5000));
    }
    QCOMPARE(handled, 0); // the handler never saw them
}

void TestLoopbackHttpServer::headerFloodIs431()
{
    LoopbackHttpServer server(echo);
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.write("GET / HTTP/1.1\r\n" + QByteArray("X-Flood: 0123456789\r\n").repeated(2000));
    const auto answer = client.answer();
    QVERIFY(answer.has_value());
    QCOMPARE(answer->status(), 431);
}

void TestLoopbackHttpServer::garbageIs400()
{
    LoopbackHttpServer server(echo);
    QVERIFY(server.listen());
    RawClient client(server.port());
    client.write("\x16\x03\x01\x02\x01 this is TLS, not HTTP\r\n\r\n");
    const auto answer = client.answer();
    QVERIFY(answer.has_value());
    QCOMPARE(answer->status(), 400);
}

void TestLoopbackHttpServer::idleConnectionsAreClosed()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    LoopbackHttpServer server(echo, limits);
    QVERIFY(server.listen());
    RawClient quiet(server.port());
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 1, 2000);
    QVERIFY(quiet.closedWithin(3000));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 2000);
    // One that was served and then went quiet too.
    RawClient served(server.port());
    served.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(served.answer().has_value());
    QVERIFY(served.closedWithin(3000));
    // A half-sent request does not keep it open either.
    RawClient slow(server.port());
    slow.write("GET / HTTP/1.1\r\nHo");
    QVERIFY(slow.closedWithin(3000));
}

void TestLoopbackHttpServer::deliberateFaults()
{
    SimResponse::Delivery delivery = SimResponse::Delivery::DropConnection;
    int delay = 0;
    LoopbackHttpServer server([&](const SimRequest &request) {
        SimResponse response = echo(request);
        response.delivery = delivery;
        response.delayMilliseconds = delay;
        return response;
    });
    QVERIFY(server.listen());
    QSignalSpy answered(&server, &LoopbackHttpServer::answered);
    {
        RawClient client(server.port());
        client.write("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(!client.answer().has_value());
        QVERIFY(client.closedWithin(2000));
    }
    {
        delivery = SimResponse::Delivery::Answer;
        delay = 400;
        RawClient client(server.port());
        QElapsedTimer timer;
        timer.start();
        client.write("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(client.answer().has_value());
        QVERIFY(timer.elapsed() >= 350);
    }
    {
        delivery = SimResponse::Delivery::EndlessBody;
        delay = 0;
        RawClient client(server.port());
        client.write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
        qint64 read = 0;
        QElapsedTimer timer;
        timer.start();
        while (read < 4 * 1024 * 1024 && timer.elapsed() < 10000) {
            QTest::qWait(1);
            read += client.socket().readAll().size();
        }
        QVERIFY(read >= 4 * 1024 * 1024); // it does not end by itself
        client.socket().abort();
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 3000); // but stops when the client goes
    }
    QCOMPARE(answered.size(), 3);
}

QTEST_GUILESS_MAIN(TestLoopbackHttpServer)
#include "TestLoopbackHttpServer.moc"
