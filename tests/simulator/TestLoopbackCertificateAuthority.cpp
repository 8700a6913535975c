#include "simulator/LoopbackCertificateAuthority.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTest>

using namespace budgetdesk::sim;

class TestLoopbackCertificateAuthority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issuesALoopbackServerCertificate();
};

void TestLoopbackCertificateAuthority::issuesALoopbackServerCertificate()
{
    const LoopbackCertificateAuthority authority = LoopbackCertificateAuthority::generate();
    const QSslCertificate ca(authority.caCertificatePem);
    const QSslCertificate server(authority.serverCertificatePem);
    QVERIFY(!ca.isNull() && !server.isNull());
    QVERIFY(!QSslKey(authority.serverPrivateKeyPem, QSsl::Ec).isNull());
    QCOMPARE(server.issuerInfo(QSslCertificate::CommonName), ca.subjectInfo(QSslCertificate::CommonName));
    const auto names = server.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(server.expiryDate() <= QDateTime::currentDateTimeUtc().addDays(3)); // short-lived
    // The chain verifies for 127.0.0.1 once this CA is trusted, and only then.
    QVERIFY(!QSslCertificate::verify({server}, QStringLiteral("127.0.0.1")).isEmpty());
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates({ca});
    QSslConfiguration::setDefaultConfiguration(trusting);
    QVERIFY(QSslCertificate::verify({server}, QStringLiteral("127.0.0.1")).isEmpty());
    QVERIFY(!QSslCertificate::verify({server, ca}, QStringLiteral("example.com")).isEmpty());
    const LoopbackCertificateAuthority other = LoopbackCertificateAuthority::generate();
    trusting.setCaCertificates({QSslCertificate(other.caCertificatePem)});
    QSslConfiguration::setDefaultConfiguration(trusting);
    QVERIFY(!QSslCertificate::verify({server}, QStringLiteral("127.0.0.1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestLoopbackCertificateAuthority)
#include "TestLoopbackCertificateAuthority.moc"
