// Where signed requests may go: which backup pairs with which primary, and which addresses
// are refused outright.
#include "http/DomainPolicy.h"

#include <QTest>

using namespace budgetdesk;

class TestDomainPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void officialPrimaryGetsTheOfficialBackup();
    void anyOtherPrimaryGetsNone_data();
    void anyOtherPrimaryGetsNone();
    void localPrimaryNeverPairsWithTheRealBackup_data();
    void localPrimaryNeverPairsWithTheRealBackup();
    void baseUrlIsSchemeHostPortOnly_data();
    void baseUrlIsSchemeHostPortOnly();
    void passwordsAreNeverRepeated();
};

void TestDomainPolicy::officialPrimaryGetsTheOfficialBackup()
{
    QCOMPARE(DomainPolicy::defaultBackupFor(QUrl(QStringLiteral("https://api.mch.weixin.qq.com"))),
             QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")));
    QCOMPARE(DomainPolicy::defaultBackupFor(QUrl(QStringLiteral("https://API.MCH.WEIXIN.QQ.COM/"))),
             QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")));
}

void TestDomainPolicy::anyOtherPrimaryGetsNone_data()
{
    QTest::addColumn<QString>("primary");
    QTest::newRow("simulator") << "http://127.0.0.1:40123";
    QTest::newRow("localhost") << "https://localhost:8443";
    QTest::newRow("company gateway") << "https://wxpay-gw.example.com";
    QTest::newRow("the backup as primary") << "https://api2.mch.weixin.qq.com";
    QTest::newRow("official host, other port") << "https://api.mch.weixin.qq.com:8443";
    QTest::newRow("official host, plain http") << "http://api.mch.weixin.qq.com";
}

void TestDomainPolicy::anyOtherPrimaryGetsNone()
{
    QFETCH(QString, primary);
    QVERIFY(DomainPolicy::defaultBackupFor(QUrl(primary)).isEmpty());
}

void TestDomainPolicy::localPrimaryNeverPairsWithTheRealBackup_data()
{
    QTest::addColumn<QString>("primary");
    QTest::addColumn<QString>("backup");
    QTest::addColumn<bool>("allowed");
    const QString real = QStringLiteral("https://api2.mch.weixin.qq.com");
    QTest::newRow("loopback v4") << "http://127.0.0.1:4000" << real << false;
    QTest::newRow("loopback v6") << "http://[::1]:4000" << real << false;
    QTest::newRow("localhost") << "http://localhost:4000" << real << false;
    QTest::newRow("RFC 1918 10/8") << "https://10.1.2.3" << real << false;
    QTest::newRow("RFC 1918 172.16/12") << "https://172.20.0.5" << real << false;
    QTest::newRow("RFC 1918 192.168/16") << "https://192.168.1.20:9443" << real << false;
    QTest::newRow("unique local v6") << "https://[fd00::5]" << real << false;
    QTest::newRow("link local") << "https://169.254.10.10" << real << false;
    QTest::newRow("the other official name") << "http://127.0.0.1:4000"
                                             << "https://api2.wechatpay.cn" << false;
    QTest::newRow("local primary, local backup") << "http://127.0.0.1:4000"
                                                 << "http://127.0.0.1:4001" << true;
    QTest::newRow("official pair") << "https://api.mch.weixin.qq.com" << real << true;
    QTest::newRow("public gateway, named backup") << "https://gw.example.com" << real << true;
    QTest::newRow("no backup") << "http://127.0.0.1:4000" << QString() << true;
}

void TestDomainPolicy::localPrimaryNeverPairsWithTheRealBackup()
{
    QFETCH(QString, primary);
    QFETCH(QString, backup);
    QFETCH(bool, allowed);
    const auto problem = DomainPolicy::checkPair(QUrl(primary), QUrl(backup));
    QCOMPARE(!problem.has_value(), allowed);
    if (problem) {
        QVERIFY(problem->zh.contains(QStringLiteral("生产")));
        QVERIFY(problem->en.contains(QStringLiteral("production")));
    }
}

void TestDomainPolicy::baseUrlIsSchemeHostPortOnly_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("official") << "https://api.mch.weixin.qq.com" << true;
    QTest::newRow("trailing slash") << "https://api.mch.weixin.qq.com/" << true;
    QTest::newRow("port") << "https://gw.example.com:8443" << true;
    QTest::newRow("http to this machine") << "http://127.0.0.1:4000" << true;
    QTest::newRow("http to localhost") << "http://localhost:4000" << true;
    QTest::newRow("http elsewhere") << "http://gw.example.com" << false;
    QTest::newRow("http to a private address") << "http://192.168.1.5" << false;
    QTest::newRow("path") << "https://api.mch.weixin.qq.com/v3" << false;
    QTest::newRow("query") << "https://api.mch.weixin.qq.com?a=1" << false;
    QTest::newRow("fragment") << "https://api.mch.weixin.qq.com#top" << false;
    QTest::newRow("user") << "https://ops@gw.example.com" << false;
    QTest::newRow("user and password") << "https://ops:pw@gw.example.com" << false;
    QTest::newRow("ftp") << "ftp://gw.example.com" << false;
    QTest::newRow("no scheme") << "api.mch.weixin.qq.com" << false;
    QTest::newRow("empty") << "" << false;
}

void TestDomainPolicy::baseUrlIsSchemeHostPortOnly()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const auto problem = DomainPolicy::checkBaseUrl(QUrl(url, QUrl::StrictMode));
    QCOMPARE(!problem.has_value(), allowed);
    if (problem) {
        QVERIFY(!problem->zh.isEmpty());
        QVERIFY(!problem->en.isEmpty());
    }
}

void TestDomainPolicy::passwordsAreNeverRepeated()
{
    const QUrl url(QStringLiteral("https://ops:hunter2-secret@gw.example.com/v3"));
    const auto problem = DomainPolicy::checkBaseUrl(url);
    QVERIFY(problem.has_value());
    QVERIFY(!problem->zh.contains(QStringLiteral("hunter2")));
    QVERIFY(!problem->en.contains(QStringLiteral("hunter2")));
    QVERIFY(!DomainPolicy::displayed(url).contains(QStringLiteral("hunter2")));
    const auto pair = DomainPolicy::checkPair(QUrl(QStringLiteral("http://u:hunter2@127.0.0.1:1")),
                                              QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")));
    QVERIFY(pair.has_value());
    QVERIFY(!pair->en.contains(QStringLiteral("hunter2")));
}

QTEST_GUILESS_MAIN(TestDomainPolicy)
#include "TestDomainPolicy.moc"
