// HttpMessageParser: HTTP/1.1 as RFC 9112 writes it, within limits, fed in any slicing.
#include "http/HttpMessageParser.h"

#include <QTest>

using namespace budgetdesk;
using Error = HttpMessageParser::Error;
using Kind = HttpMessageParser::Kind;

Q_DECLARE_METATYPE(HttpMessageParser::Error)

namespace {

HttpMessageParser::Limits smallLimits()
{
    HttpMessageParser::Limits limits;
    limits.headerBytes = 256;
    limits.headerCount = 8;
    limits.bodyBytes = 64;
    return limits;
}

// Feeds `wire` in pieces of `step` bytes; returns the bytes consumed.
qsizetype feedInSteps(HttpMessageParser &parser, const QByteArray &wire, qsizetype step)
{
    qsizetype used = 0;
    while (used < wire.size() && !parser.isComplete() && !parser.hasFailed())
        used += parser.feed(QByteArrayView(wire).sliced(used, qMin(step, wire.size() - used)));
    return used;
}

} // namespace

class TestHttpMessageParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestWithLength_data();
    void requestWithLength();
    void chunkedBody();
    void pipelinedRequestsAreSeparated();
    void responseUntilClose();
    void responsesWithoutBody();
    void interimAnswersAreSkipped();
    void refusals_data();
    void refusals();
    void truncatedAtEndOfStream();
    void keepAlive();
};

void TestHttpMessageParser::requestWithLength_data()
{
    QTest::addColumn<qsizetype>("step");
    QTest::newRow("whole") << qsizetype(1000);
    QTest::newRow("byte by byte") << qsizetype(1);
    QTest::newRow("sevens") << qsizetype(7);
}

void TestHttpMessageParser::requestWithLength()
{
    QFETCH(qsizetype, step);
    const QByteArray wire = "PATCH /v3/marketing/busifavor/stocks/%2E%2E/budget?x=%41 HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                            "{\"a\":\"b\"}\r\n";
    HttpMessageParser parser(Kind::Request);
    QCOMPARE(feedInSteps(parser, wire, step), wire.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.method(), QByteArray("PATCH"));
    // Exactly as sent: no decoding, no folding of "..".
    QCOMPARE(parser.target(), QByteArray("/v3/marketing/busifavor/stocks/%2E%2E/budget?x=%41"));
    QCOMPARE(parser.body(), QByteArray("{\"a\":\"b\"}\r\n"));
    QCOMPARE(findHeader(parser.headers(), "content-type"), QByteArray("application/json"));
}

void TestHttpMessageParser::chunkedBody()
{
    const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n";
    HttpMessageParser parser(Kind::Response);
    QCOMPARE(feedInSteps(parser, wire, 3), wire.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.status(), 200);
    QCOMPARE(parser.body(), QByteArray("hello world"));
}

void TestHttpMessageParser::pipelinedRequestsAreSeparated()
{
    const QByteArray first = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
    const QByteArray second = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    HttpMessageParser parser(Kind::Request);
    QCOMPARE(parser.feed(first + second), first.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.target(), QByteArray("/a"));
    HttpMessageParser next(Kind::Request);
    QCOMPARE(next.feed(second), second.size());
    QCOMPARE(next.target(), QByteArray("/b"));
}

void TestHttpMessageParser::responseUntilClose()
{
    HttpMessageParser parser(Kind::Response);
    parser.feed("HTTP/1.0 200 OK\r\n\r\npart one, ");
    parser.feed("part two");
    QVERIFY(!parser.isComplete());
    parser.finishAtEndOfStream();
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.body(), QByteArray("part one, part two"));
}

void TestHttpMessageParser::responsesWithoutBody()
{
    for (const QByteArray &wire : {QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"),
                                   QByteArray("HTTP/1.1 304 Not Modified\r\n\r\n")}) {
        HttpMessageParser parser(Kind::Response);
        QCOMPARE(parser.feed(wire), wire.size());
        QVERIFY(parser.isComplete());
        QVERIFY(parser.body().isEmpty());
    }
    HttpMessageParser head(Kind::Response);
    head.expectNoBody();
    head.feed("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n");
    QVERIFY(head.isComplete());
}

void TestHttpMessageParser::interimAnswersAreSkipped()
{
    HttpMessageParser parser(Kind::Response);
    const QByteArray wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    QCOMPARE(parser.feed(wire), wire.size());
    QCOMPARE(parser.status(), 201);
    QCOMPARE(parser.body(), QByteArray("ok"));
}

void TestHttpMessageParser::refusals_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<HttpMessageParser::Error>("error");
    const int request = int(Kind::Request);
    const int response = int(Kind::Response);
    QTest::newRow("body past the cap, declared")
        << response << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n") << Error::BodyTooLarge;
    QTest::newRow("body past the cap, chunked")
        << response
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n") + QByteArray(64, 'x') + "\r\n1\r\n"
        << Error::BodyTooLarge;
    QTest::newRow("body past the cap, until close")
        << response << QByteArray("HTTP/1.1 200 OK\r\n\r\n") + QByteArray(65, 'x') << Error::BodyTooLarge;
    QTest::newRow("chunk size of 2^56") << response
                                        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                      "100000000000000\r\n")
                                        << Error::BodyTooLarge;
    QTest::newRow("chunk size past 15 hex digits") << response
                                                   << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                                 "10000000000000000\r\n")
                                                   << Error::Malformed;
    QTest::newRow("chunk size not hex") << response
                                        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << Error::Malformed;
    QTest::newRow("a length of 10^30")
        << response << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000000000000000000000000000000\r\n\r\n")
        << Error::BodyTooLarge;
    QTest::newRow("negative length") << response << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                     << Error::Malformed;
    QTest::newRow("two lengths that differ")
        << request << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        << Error::Malformed;
    QTest::newRow("length and chunked in a request")
        << request << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
        << Error::Malformed;
    QTest::newRow("gzip transfer coding")
        << response << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n")
        << Error::UnsupportedTransferEncoding;
    QTest::newRow("header flood") << request << QByteArray("GET / HTTP/1.1\r\n") + QByteArray("X: y\r\n").repeated(9)
                                  << Error::HeadersTooLarge;
    QTest::newRow("endless header line") << request << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(300, 'y')
                                         << Error::HeadersTooLarge;
    QTest::newRow("folded header") << request << QByteArray("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n") << Error::Malformed;
    QTest::newRow("space before colon") << request << QByteArray("GET / HTTP/1.1\r\nX : a\r\n\r\n") << Error::Malformed;
    QTest::newRow("not HTTP") << response << QByteArray("SSH-2.0-OpenSSH\r\n") << Error::Malformed;
    QTest::newRow("status of two digits") << response << QByteArray("HTTP/1.1 20 OK\r\n") << Error::Malformed;
    QTest::newRow("control character in the target")
        << request << QByteArray("GET /a\x01 HTTP/1.1\r\n") << Error::Malformed;
    QTest::newRow("HTTP/2 preface") << request << QByteArray("PRI * HTTP/2.0\r\n") << Error::Malformed;
    QTest::newRow("switching protocols") << response << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n")
                                         << Error::Malformed;
    QTest::newRow("interim answers without end")
        << response << QByteArray("HTTP/1.1 100 Continue\r\n\r\n").repeated(6) << Error::Malformed;
    QTest::newRow("interim answers past the header budget")
        << response
        << QByteArray("HTTP/1.1 102 Processing\r\nX: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\r\n\r\n").repeated(5)
        << Error::HeadersTooLarge;
}

void TestHttpMessageParser::refusals()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, wire);
    QFETCH(HttpMessageParser::Error, error);
    HttpMessageParser parser(Kind(kind), smallLimits());
    feedInSteps(parser, wire, 5);
    QVERIFY(parser.hasFailed());
    QCOMPARE(parser.error(), error);
    QVERIFY(parser.body().size() <= smallLimits().bodyBytes);
}

void TestHttpMessageParser::truncatedAtEndOfStream()
{
    HttpMessageParser parser(Kind::Response);
    parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    parser.finishAtEndOfStream();
    QCOMPARE(parser.error(), Error::Truncated);
    HttpMessageParser empty(Kind::Response);
    empty.finishAtEndOfStream();
    QCOMPARE(empty.error(), Error::Truncated);
    QVERIFY(!empty.hasStarted());
}

void TestHttpMessageParser::keepAlive()
{
    auto parsed = [](const QByteArray &wire) {
        HttpMessageParser parser(Kind::Request);
        parser.feed(wire);
        return parser.keepAlive();
    };
    QVERIFY(parsed("GET / HTTP/1.1\r\n\r\n"));
    QVERIFY(!parsed("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"));
    QVERIFY(!parsed("GET / HTTP/1.0\r\n\r\n"));
    QVERIFY(parsed("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"));
}

QTEST_GUILESS_MAIN(TestHttpMessageParser)
#include "TestHttpMessageParser.moc"
