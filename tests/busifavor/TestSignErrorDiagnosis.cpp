#include "errors/ApiError.h"
#include "errors/SignErrorDiagnosis.h"

#include "TestData.h"

#include <QTest>

using namespace budgetdesk;
using namespace budgetdesk::test;

using Finding = SignErrorDiagnosis::Finding;
Q_DECLARE_METATYPE(Finding)

class TestSignErrorDiagnosis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheLineThatDiffers_data();
    void findsTheLineThatDiffers();
    void readsTheServersStringFromTheErrorBody();
    void mentionsAClockOffset();
};

void TestSignErrorDiagnosis::findsTheLineThatDiffers_data()
{
    QTest::addColumn<QByteArray>("servers");
    QTest::addColumn<Finding>("finding");
    const QByteArray ours = readData(QStringLiteral("vectors/derived/D2_patch_message.txt"));
    QTest::newRow("identical") << ours << Finding::StringsMatch;
    QTest::newRow("server's copy truncated") << ours.left(100) << Finding::StringsMatch;
    QTest::newRow("method") << QByteArray(ours).replace("PATCH", "POST") << Finding::MethodDiffers;
    QTest::newRow("url") << QByteArray(ours).replace("98065001", "98065002") << Finding::UrlDiffers;
    QTest::newRow("timestamp") << QByteArray(ours).replace("1700000000", "1700000009") << Finding::TimestampDiffers;
    QTest::newRow("nonce") << QByteArray(ours).replace("593BEC0C", "593BEC0D") << Finding::NonceDiffers;
    QTest::newRow("body re-serialised") << QByteArray(ours).replace(":3000,", ": 3000,") << Finding::BodyDiffers;
    QTest::newRow("body missing") << ours.left(ours.indexOf("{")) + "\n" << Finding::BodyDiffers;
    QTest::newRow("nothing to compare") << QByteArray() << Finding::NoServerMessage;
}

void TestSignErrorDiagnosis::findsTheLineThatDiffers()
{
    QFETCH(QByteArray, servers);
    QFETCH(Finding, finding);
    const QByteArray ours = readData(QStringLiteral("vectors/derived/D2_patch_message.txt"));
    const SignErrorDiagnosis diagnosis = SignErrorDiagnosis::compare(ours, servers);
    QCOMPARE(diagnosis.finding(), finding);
    QVERIFY(!diagnosis.text().zh.isEmpty() && !diagnosis.text().en.isEmpty());
    if (finding != Finding::StringsMatch && finding != Finding::NoServerMessage)
        QVERIFY(diagnosis.firstDifference() >= 0
                && ours.left(diagnosis.firstDifference()) == servers.left(diagnosis.firstDifference()));
}

void TestSignErrorDiagnosis::readsTheServersStringFromTheErrorBody()
{
    // The shape of a real SIGN_ERROR (PROTOCOL.md §4.1).
    const QByteArray body
        = R"({"code":"SIGN_ERROR","detail":{"detail":{"issue":"sign not match"},"field":"signature","location":"authorization",)"
          R"("sign_information":{"method":"GET","sign_message_length":85,"truncated_sign_message":"GET\n/v3/certificates?algorithm_type=RSA\n1680144553\nvDit\n\n","url":"/v3/certificates?algorithm_type=RSA"}},"message":"错误的签名，验签失败"})";
    const ApiError error = ApiError::fromAnswer(401, {{"Request-ID", "08F7"}}, body);
    QVERIFY(error.isSignError());
    QCOMPARE(error.requestId, QByteArray("08F7"));
    QCOMPARE(error.serverSigningMessage(),
             QByteArray("GET\n/v3/certificates?algorithm_type=RSA\n1680144553\nvDit\n\n"));
    QVERIFY(!error.explanation.isEmpty());
}

void TestSignErrorDiagnosis::mentionsAClockOffset()
{
    const QByteArray ours = "GET\n/v3/x\n1700000000\nn\n\n";
    QVERIFY(SignErrorDiagnosis::compare(ours, ours, 400).text().zh.contains(QStringLiteral("400")));
    QVERIFY(SignErrorDiagnosis::compare(ours, ours, -400).text().en.contains(QStringLiteral("400 s")));
    QVERIFY(!SignErrorDiagnosis::compare(ours, ours, 30).text().zh.contains(QStringLiteral("30 秒")));
}

QTEST_GUILESS_MAIN(TestSignErrorDiagnosis)
#include "TestSignErrorDiagnosis.moc"
