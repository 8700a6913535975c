#include "auth/HttpHeaders.h"

#include <QTest>

using namespace budgetdesk;

class TestHttpHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsHeadersCaseInsensitively();
};

void TestHttpHeaders::findsHeadersCaseInsensitively()
{
    const HttpHeaders headers
        = {{"wechatpay-serial", " PUB_KEY_ID_1 "}, {"Request-Id", "abc"}, {"Request-ID", "second"}};
    QCOMPARE(findHeader(headers, "Wechatpay-Serial"), std::optional<QByteArray>("PUB_KEY_ID_1"));
    QCOMPARE(findHeader(headers, "REQUEST-ID"), std::optional<QByteArray>("abc"));
    QVERIFY(!findHeader(headers, "Wechatpay-Nonce").has_value());
    QVERIFY(!findHeader({}, "X").has_value());
}

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "TestHttpHeaders.moc"
