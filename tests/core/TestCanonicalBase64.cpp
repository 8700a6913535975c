#include "crypto/CanonicalBase64.h"

#include <QTest>

using namespace budgetdesk;

class TestCanonicalBase64 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesEveryPaddingForm_data();
    void decodesEveryPaddingForm();
    void roundTripsRandomBytes();
    void rejectsNonCanonical_data();
    void rejectsNonCanonical();
};

void TestCanonicalBase64::decodesEveryPaddingForm_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("no padding") << QByteArray("Zm9v") << QByteArray("foo");
    QTest::newRow("one =") << QByteArray("Zm9vYg==") << QByteArray("foob");
    QTest::newRow("two =") << QByteArray("Zm9vYmE=") << QByteArray("fooba");
    QTest::newRow("plus and slash") << QByteArray("+/+/") << QByteArray("\xfb\xff\xbf");
}

void TestCanonicalBase64::decodesEveryPaddingForm()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, decoded);
    const auto result = decodeCanonicalBase64(encoded);
    QVERIFY(result.has_value());
    QCOMPARE(*result, decoded);
}

void TestCanonicalBase64::roundTripsRandomBytes()
{
    for (int length = 0; length < 300; ++length) {
        QByteArray bytes(length, Qt::Uninitialized);
        for (int i = 0; i < length; ++i)
            bytes[i] = char((i * 131 + length * 7) & 0xFF);
        const QByteArray encoded = bytes.toBase64();
        const auto decoded = decodeCanonicalBase64(encoded);
        if (length == 0) {
            QVERIFY(!decoded); // an empty signature is never valid
            continue;
        }
        QVERIFY2(decoded.has_value(), qPrintable(QString::number(length)));
        QCOMPARE(*decoded, bytes);
    }
}

void TestCanonicalBase64::rejectsNonCanonical_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("missing padding") << QByteArray("Zm9vYg");
    QTest::newRow("length not multiple of 4") << QByteArray("Zm9vY");
    QTest::newRow("whitespace") << QByteArray("Zm9v\nYmFy");
    QTest::newRow("url-safe alphabet") << QByteArray("-_-_");
    QTest::newRow("padding in the middle") << QByteArray("Zg==Zm9v");
    QTest::newRow("three =") << QByteArray("Z===");
    QTest::newRow("non-zero trailing bits, one =") << QByteArray("Zm9=");
    QTest::newRow("non-zero trailing bits, two =") << QByteArray("Zh==");
    QTest::newRow("signature probe") << QByteArray("WECHATPAY/SIGNTEST/AAAA");
    QTest::newRow("NUL byte") << QByteArray("Zm9\0", 4);
    QTest::newRow("high byte") << QByteArray("Zm9\xff");
}

void TestCanonicalBase64::rejectsNonCanonical()
{
    QFETCH(QByteArray, encoded);
    QVERIFY(!decodeCanonicalBase64(encoded).has_value());
}

QTEST_GUILESS_MAIN(TestCanonicalBase64)
#include "TestCanonicalBase64.moc"
