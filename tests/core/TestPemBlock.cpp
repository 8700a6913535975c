#include "crypto/PemBlock.h"

#include <QTest>

using namespace budgetdesk;

namespace {

const QByteArray Base64Body = QByteArray(64, 'A') + QByteArray(64, 'B') + QByteArray(10, 'C') + "==";

QByteArray canonicalPem(const QByteArray &label)
{
    return "-----BEGIN " + label + "-----\n" + Base64Body.left(64) + "\n" + Base64Body.mid(64, 64) + "\n"
        + Base64Body.mid(128) + "\n-----END " + label + "-----\n";
}

} // namespace

class TestPemBlock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rebuildsPastedText_data();
    void rebuildsPastedText();
    void findsEveryBlockInOrder();
    void keepsEncryptionHeaders();
    void ignoresUnterminatedBlocks();
};

void TestPemBlock::rebuildsPastedText_data()
{
    QTest::addColumn<QByteArray>("pasted");
    const QByteArray clean = canonicalPem("PRIVATE KEY");
    QTest::newRow("already canonical") << clean;
    QTest::newRow("CRLF") << QByteArray(clean).replace("\n", "\r\n");
    QTest::newRow("old Mac CR") << QByteArray(clean).replace("\n", "\r");
    QTest::newRow("no final newline") << clean.chopped(1);
    QTest::newRow("indented and trailing spaces")
        << QByteArray("   " + clean).replace("\n", "  \n    ").replace("\n    -----END", "\n-----END");
    QTest::newRow("whole key on one line") << "-----BEGIN PRIVATE KEY----- " + Base64Body.left(70) + " "
            + Base64Body.mid(70) + " -----END PRIVATE KEY-----";
    QTest::newRow("surrounded by prose") << "Here is the key:\n\n" + clean + "\nThanks!";
    QTest::newRow("blank lines inside") << QByteArray(clean).replace(Base64Body.left(64) + "\n",
                                                                     Base64Body.left(64) + "\n\n\n");
}

void TestPemBlock::rebuildsPastedText()
{
    QFETCH(QByteArray, pasted);
    const QList<PemBlock> blocks = PemBlock::parseAll(pasted);
    QCOMPARE(blocks.size(), 1);
    QCOMPARE(blocks[0].label, QByteArray("PRIVATE KEY"));
    QCOMPARE(blocks[0].canonical, canonicalPem("PRIVATE KEY"));
    QVERIFY(!blocks[0].hasEncryptionHeader);
}

void TestPemBlock::findsEveryBlockInOrder()
{
    const QByteArray bundle = canonicalPem("CERTIFICATE") + "\n" + canonicalPem("RSA PRIVATE KEY");
    const QList<PemBlock> blocks = PemBlock::parseAll(bundle);
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks[0].label, QByteArray("CERTIFICATE"));
    QCOMPARE(blocks[1].label, QByteArray("RSA PRIVATE KEY"));
    QCOMPARE(blocks[1].canonical, canonicalPem("RSA PRIVATE KEY"));
}

void TestPemBlock::keepsEncryptionHeaders()
{
    const QByteArray pem = "-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\n"
                           "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\r\n\r\n"
        + Base64Body + "\r\n-----END RSA PRIVATE KEY-----";
    const QList<PemBlock> blocks = PemBlock::parseAll(pem);
    QCOMPARE(blocks.size(), 1);
    QVERIFY(blocks[0].hasEncryptionHeader);
    QVERIFY(blocks[0].canonical.startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                                           "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                                           + Base64Body.left(64) + "\n"));
}

void TestPemBlock::ignoresUnterminatedBlocks()
{
    QVERIFY(PemBlock::parseAll("-----BEGIN PRIVATE KEY-----\nAAAA\n").isEmpty());
    QVERIFY(PemBlock::parseAll("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").isEmpty());
    QVERIFY(PemBlock::parseAll("no pem here").isEmpty());
    QVERIFY(PemBlock::parseAll("-----BEGIN -----\n-----END -----").isEmpty());
}

QTEST_GUILESS_MAIN(TestPemBlock)
#include "TestPemBlock.moc"
