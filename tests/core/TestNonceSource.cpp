#include "auth/NonceSource.h"

#include <QSet>
#include <QTest>

using namespace budgetdesk;

class TestNonceSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thirtyTwoAlphanumericCharacters();
    void neverRepeats();
    void usesTheWholeAlphabetEvenly();
};

void TestNonceSource::thirtyTwoAlphanumericCharacters()
{
    SecureNonceSource source;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray nonce = source.nextNonce();
        QCOMPARE(nonce.size(), 32);
        for (char c : nonce)
            QVERIFY2((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'), nonce.constData());
    }
}

void TestNonceSource::neverRepeats()
{
    SecureNonceSource source;
    QSet<QByteArray> seen;
    for (int i = 0; i < 20000; ++i)
        seen.insert(source.nextNonce());
    QCOMPARE(seen.size(), 20000);
}

void TestNonceSource::usesTheWholeAlphabetEvenly()
{
    // 62 symbols × 32 per nonce × 5000 nonces ≈ 2580 draws per symbol. With rejection
    // sampling every symbol is equally likely; a modulo bias (256 % 62 = 8) would give the
    // first 8 symbols 5/4 of the others' share, far outside ±15%.
    SecureNonceSource source;
    QHash<char, int> counts;
    constexpr int Nonces = 5000;
    for (int i = 0; i < Nonces; ++i) {
        for (char c : source.nextNonce())
            ++counts[c];
    }
    QCOMPARE(counts.size(), 62);
    const double expected = Nonces * 32.0 / 62.0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(qAbs(it.value() - expected) < expected * 0.15,
                 qPrintable(QStringLiteral("%1: %2").arg(QChar(it.key())).arg(it.value())));
}

QTEST_GUILESS_MAIN(TestNonceSource)
#include "TestNonceSource.moc"
