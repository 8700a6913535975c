#include "errors/ErrorCatalogue.h"
#include "errors/NetworkFailure.h"

#include <QRegularExpression>
#include <QTest>

using namespace budgetdesk;

namespace {

const QRegularExpression Han(QStringLiteral("\\p{Han}"));

void verifyComplete(const ErrorExplanation &explanation)
{
    QVERIFY(explanation.explanationZh.contains(Han));
    QVERIFY(explanation.solutionZh.contains(Han));
    QVERIFY(!explanation.en.isEmpty());
    QVERIFY(!explanation.en.contains(Han));
}

// The explanation a (status, code) pair gets when the message is unknown to the catalogue.
ErrorExplanation generic(int status, const QString &code)
{
    return ErrorCatalogue::explain(status, code, QStringLiteral("(an undocumented message)"));
}

} // namespace

class TestErrorCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRowOfTheApiPage_data();
    void everyRowOfTheApiPage();
    void publicCodesAndStatuses_data();
    void publicCodesAndStatuses();
    void toleratesPunctuation_data();
    void toleratesPunctuation();
    void unknownCodesFallBackByStatus();
    void everyNetworkFailureIsExplained();
    void everyVerificationFailureIsExplained();
    void lookupExplanationsNeverSpeakOfAChange();
    void productCouponRefusals_data();
    void productCouponRefusals();
    void errorNumberFromTheRequestId();
};

void TestErrorCatalogue::everyRowOfTheApiPage_data()
{
    // The 错误码 tables of ../shared/spec/000_6829472d5a9f4db0.txt, row by row.
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("400 PARAM_ERROR") << 400 << "PARAM_ERROR"
                                     << "参数错误"
                                     << "参数";
    QTest::newRow("400 INVALID_REQUEST") << 400 << "INVALID_REQUEST"
                                         << "HTTP 请求不符合微信支付 APIv3 接口规则"
                                         << "APIv3";
    QTest::newRow("401 SIGN_ERROR") << 401 << "SIGN_ERROR"
                                    << "验证不通过"
                                    << "签名";
    QTest::newRow("500 SYSTEM_ERROR") << 500 << "SYSTEM_ERROR"
                                      << "系统异常,请稍后重试"
                                      << "系统异常";
    QTest::newRow("403 current value") << 403 << "RULE_LIMIT"
                                       << "批次库存的当前值错误,请获取批次详情查看最新值"
                                       << "重新查询";
    QTest::newRow("403 creator only") << 403 << "RULE_LIMIT"
                                      << "仅创建方有权限使券失效"
                                      << "创建";
    QTest::newRow("403 being modified") << 403 << "RULE_LIMIT"
                                        << "批次正在修改中,请稍后重试"
                                        << "处理中";
    QTest::newRow("403 below issued") << 403 << "RULE_LIMIT"
                                      << "目标库存数目不能小于批次已发放库存数目"
                                      << "已经发放";
    QTest::newRow("404 no batch") << 404 << "RESOURCE_NOT_EXISTS"
                                  << "批次不存在"
                                  << "批次号";
    QTest::newRow("404 expired") << 404 << "RESOURCE_NOT_EXISTS"
                                 << "批次已过期"
                                 << "过期";
    QTest::newRow("429 FREQUENCY_LIMITED") << 429 << "FREQUENCY_LIMITED"
                                           << "调用太频繁,请降低调用接口频率"
                                           << "频繁";
}

void TestErrorCatalogue::everyRowOfTheApiPage()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, mentions);
    const ErrorExplanation explanation = ErrorCatalogue::explain(status, code, message);
    verifyComplete(explanation);
    QVERIFY2(explanation.explanationZh.contains(mentions) || explanation.solutionZh.contains(mentions),
             qPrintable(explanation.explanationZh));
}

void TestErrorCatalogue::publicCodesAndStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing User-Agent") << 400 << "INVALID_REQUEST"
                                        << "Http头缺少Accept或User-Agent"
                                        << "User-Agent";
    QTest::newRow("timestamp window") << 401 << "SIGN_ERROR"
                                      << "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"
                                      << "自动对时";
    QTest::newRow("serial mismatch") << 401 << "SIGN_ERROR"
                                     << "商户证书序列号有误。请使用签名私钥匹配的证书序列号"
                                     << "序列号";
    QTest::newRow("no platform certificates") << 404 << "RESOURCE_NOT_EXISTS"
                                              << "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥"
                                              << "公钥";
    QTest::newRow("202") << 202 << QString() << QString() << "原参数";
    QTest::newRow("502") << 502 << "SERVICE_UNAVAILABLE"
                         << "服务不可用"
                         << "502";
    QTest::newRow("503") << 503 << "SERVICE_UNAVAILABLE"
                         << "服务不可用"
                         << "503";
    QTest::newRow("403 NO_AUTH") << 403 << "NO_AUTH"
                                 << "无权限"
                                 << "权限";
}

void TestErrorCatalogue::publicCodesAndStatuses()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, mentions);
    const ErrorExplanation explanation = ErrorCatalogue::explain(status, code, message);
    verifyComplete(explanation);
    QVERIFY2(explanation.explanationZh.contains(mentions) || explanation.solutionZh.contains(mentions),
             qPrintable(explanation.explanationZh));
}

void TestErrorCatalogue::toleratesPunctuation_data()
{
    QTest::addColumn<QString>("variant");
    QTest::newRow("as documented") << "批次正在修改中,请稍后重试";
    QTest::newRow("full-width comma") << "批次正在修改中，请稍后重试";
    QTest::newRow("trailing full stop") << "批次正在修改中，请稍后重试。";
    QTest::newRow("trailing exclamation and spaces") << " 批次正在修改中, 请稍后重试！ ";
}

void TestErrorCatalogue::toleratesPunctuation()
{
    QFETCH(QString, variant);
    const ErrorExplanation expected
        = ErrorCatalogue::explain(403, QStringLiteral("RULE_LIMIT"), QStringLiteral("批次正在修改中,请稍后重试"));
    const ErrorExplanation found = ErrorCatalogue::explain(403, QStringLiteral("RULE_LIMIT"), variant);
    QCOMPARE(found.explanationZh, expected.explanationZh);
    QVERIFY(found.explanationZh != generic(403, QStringLiteral("RULE_LIMIT")).explanationZh);
}

void TestErrorCatalogue::unknownCodesFallBackByStatus()
{
    for (int status : {400, 401, 403, 404, 405, 429, 500, 502, 503}) {
        const ErrorExplanation explanation
            = ErrorCatalogue::explain(status, QStringLiteral("NEW_CODE_2027"), QStringLiteral("新错误"));
        verifyComplete(explanation);
    }
    // A 5xx nobody listed is still a server error, and an unheard-of status keeps its number.
    QVERIFY(ErrorCatalogue::explain(504, QStringLiteral("X"), {}).explanationZh.contains(QStringLiteral("不确定")));
    const ErrorExplanation teapot = ErrorCatalogue::explain(418, QStringLiteral("TEAPOT"), {});
    verifyComplete(teapot);
    QVERIFY(teapot.explanationZh.contains(QStringLiteral("418")));
    // Specific messages are not confused with each other.
    QVERIFY(
        ErrorCatalogue::explain(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("批次不存在")).explanationZh
        != ErrorCatalogue::explain(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("批次已过期"))
               .explanationZh);
}

void TestErrorCatalogue::everyNetworkFailureIsExplained()
{
    using K = NetworkFailure::Kind;
    QSet<QString> names;
    for (K kind : {K::HostNotFound, K::ConnectionRefused, K::TlsUntrusted, K::TlsHostMismatch, K::TlsExpired,
                   K::TlsHandshake, K::TimeoutBeforeSending, K::TimeoutAfterSending, K::ClosedBeforeSending,
                   K::ClosedAfterSending, K::AnswerTooLarge, K::MalformedAnswer, K::Cancelled, K::Other}) {
        const NetworkFailure failure{kind, QStringLiteral("detail"), false, QStringLiteral("api.mch.weixin.qq.com")};
        verifyComplete(failure.explanation());
        names.insert(NetworkFailure::kindName(kind));
    }
    QCOMPARE(names.size(), 14);
    auto delivered = [](K kind) { return NetworkFailure{kind, QString(), false, {}}.mayHaveBeenDelivered(); };
    QVERIFY(!delivered(K::ConnectionRefused));
    QVERIFY(!delivered(K::TlsHandshake));
    QVERIFY(!delivered(K::HostNotFound));
    QVERIFY(!delivered(K::ClosedBeforeSending));
    QVERIFY(!delivered(K::TimeoutBeforeSending));
    QVERIFY(delivered(K::TimeoutAfterSending));
    QVERIFY(delivered(K::ClosedAfterSending));
    QVERIFY(delivered(K::AnswerTooLarge));
    // Whatever the kind, a request that left whole may have arrived.
    QVERIFY((NetworkFailure{K::TlsHandshake, QString(), true, {}}.mayHaveBeenDelivered()));
    QVERIFY((NetworkFailure{K::Cancelled, QString(), true, {}}.mayStillBeInFlight()));
    QVERIFY(!(NetworkFailure{K::Cancelled, QString(), false, {}}.mayStillBeInFlight()));
    // TLS failures never fail over: the primary's reason would be hidden behind the backup's.
    QVERIFY(!(NetworkFailure{K::TlsUntrusted, QString(), false, {}}.allowsFailover()));
    QVERIFY((NetworkFailure{K::ConnectionRefused, QString(), false, {}}.allowsFailover()));
}

void TestErrorCatalogue::everyVerificationFailureIsExplained()
{
    const ResponseVerification failures[] = {ResponseVerification::missingHeader("Wechatpay-Signature"),
                                             ResponseVerification::malformedTimestamp(),
                                             ResponseVerification::clockSkew(400),
                                             ResponseVerification::unknownSerial("PUB_KEY_ID_9"),
                                             ResponseVerification::signatureProbe(),
                                             ResponseVerification::malformedSignature(),
                                             ResponseVerification::signatureMismatch()};
    for (const ResponseVerification &failure : failures)
        verifyComplete(ErrorCatalogue::explainVerification(failure));
    QVERIFY(ErrorCatalogue::explainVerification(ResponseVerification::verified()).isEmpty());
}

// A lookup has no request number and changes nothing: its explanations say neither "retry
// with the same request number" nor "whether the change applied is uncertain".
void TestErrorCatalogue::lookupExplanationsNeverSpeakOfAChange()
{
    struct Answer
    {
        int status;
        const char *code;
        const char *message;
    };
    const Answer answers[] = {
        {202, nullptr, nullptr},
        {400, "PARAM_ERROR", "参数错误"},
        {401, "SIGN_ERROR", "验证不通过"},
        {403, "RULE_LIMIT", "批次正在修改中,请稍后重试"},
        {403, "RULE_LIMIT", "批次库存的当前值错误,请获取批次详情查看最新值"},
        {403, "NO_AUTH", "无权限"},
        {404, "RESOURCE_NOT_EXISTS", "批次不存在"},
        {429, "FREQUENCY_LIMITED", "频率超限"},
        {429, nullptr, nullptr},
        {500, "SYSTEM_ERROR", "系统错误"},
        {502, "SERVICE_UNAVAILABLE", "服务不可用"},
        {503, "SERVICE_UNAVAILABLE", "服务不可用"},
        {504, nullptr, nullptr},
        {418, "SOMETHING_NEW", "未收录"},
    };
    const QStringList aboutAChange{QStringLiteral("请求单号"),  QStringLiteral("修改是否生效"),
                                   QStringLiteral("本次修改"),  QStringLiteral("核对结果"),
                                   QStringLiteral("确认修改"),  QStringLiteral("request number"),
                                   QStringLiteral("the change")};
    auto speaksOfAChange = [&](const ErrorExplanation &e) {
        const QString all = e.explanationZh + u'|' + e.solutionZh + u'|' + e.en;
        return std::any_of(aboutAChange.cbegin(), aboutAChange.cend(),
                           [&](const QString &word) { return all.contains(word, Qt::CaseInsensitive); });
    };
    bool changeTextsDo = false; // the same answers to a change do speak of it: the words are right
    for (const Answer &a : answers) {
        const QString code = QString::fromLatin1(a.code);
        const QString message = QString::fromUtf8(a.message);
        const ErrorExplanation lookup = ErrorCatalogue::explainLookup(a.status, code, message);
        verifyComplete(lookup);
        QVERIFY2(!speaksOfAChange(lookup),
                 qPrintable(
                     QStringLiteral("%1 %2: %3 %4").arg(a.status).arg(code, lookup.explanationZh, lookup.solutionZh)));
        changeTextsDo = changeTextsDo || speaksOfAChange(ErrorCatalogue::explain(a.status, code, message));
    }
    QVERIFY(changeTextsDo);
    const ResponseVerification failures[]
        = {ResponseVerification::missingHeader("Wechatpay-Signature"), ResponseVerification::clockSkew(400),
           ResponseVerification::signatureProbe(), ResponseVerification::signatureMismatch()};
    for (const ResponseVerification &failure : failures) {
        const ErrorExplanation e = ErrorCatalogue::explainVerification(failure, ErrorCatalogue::Subject::Lookup);
        verifyComplete(e);
        QVERIFY2(!speaksOfAChange(e), qPrintable(e.solutionZh));
    }
}

// Every refusal our 商品券 simulator gives (PRODUCT_COUPON.md §15), explained in its own words
// rather than by the fallback for its status.
void TestErrorCatalogue::productCouponRefusals_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected"); // a word of the explanation
    QTest::newRow("current") << 400 << "INVALID_REQUEST"
                             << "当前值与批次实际值不一致，请先查询批次详情获取最新值"
                             << "查询之后被修改";
    QTest::newRow("below issued") << 400 << "INVALID_REQUEST"
                                  << "目标发放次数总上限不得小于当前已发放总次数"
                                  << "已发放的总次数";
    QTest::newRow("no daily cap") << 400 << "INVALID_REQUEST"
                                  << "批次未限制每日发放次数，无法修改为限制次数"
                                  << "不限";
    QTest::newRow("state") << 400 << "INVALID_REQUEST"
                           << "批次状态不允许修改预算"
                           << "发放中或已暂停";
    QTest::newRow("group") << 400 << "INVALID_REQUEST"
                           << "批次组内的批次请使用修改商品券批次组发放预算接口"
                           << "整组修改";
    QTest::newRow("same number") << 400 << "INVALID_REQUEST"
                                 << "使用了相同单号，但与上次请求的数据不一致"
                                 << "已用于另一项";
    QTest::newRow("not found") << 404 << "RESOURCE_NOT_EXISTS"
                               << "当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建"
                               << "不属于所选品牌";
    QTest::newRow("not authorised") << 403 << "NO_AUTH"
                                    << "服务商没有此接口权限"
                                    << "没有授权";
    QTest::newRow("rate") << 429 << "RATELIMIT_EXCEEDED"
                          << "超过频率限制"
                          << "20 次";
    QTest::newRow("brand serial") << 400 << "PARAM_ERROR"
                                  << "Wechatpay-Serial 与 brand_id 不匹配"
                                  << "公钥 ID";
}

void TestErrorCatalogue::productCouponRefusals()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    const ErrorExplanation explained = ErrorCatalogue::explain(status, code, message);
    QVERIFY2(explained.explanationZh.contains(expected), qPrintable(explained.explanationZh));
    QVERIFY(!explained.en.isEmpty());
    QVERIFY(!explained.solutionZh.isEmpty());
}

// The manual: "截取最后一个 - 后面的数字即为错误码" — only a tail of digits counts.
void TestErrorCatalogue::errorNumberFromTheRequestId()
{
    QCOMPARE(ErrorCatalogue::errorNumber("08E68E97CC0610DF0618AC86BCA80120082880CF05-268578704"),
             std::optional<qint64>(268578704));
    QCOMPARE(ErrorCatalogue::errorNumber("08E68E97CC0610DF0618AC86BCA80120082880CF05"), std::nullopt);
    QCOMPARE(ErrorCatalogue::errorNumber("abc-12a456789"), std::nullopt);
    QCOMPARE(ErrorCatalogue::errorNumber("abc-"), std::nullopt);
    QCOMPARE(ErrorCatalogue::errorNumber("abc-1234567890123"), std::nullopt); // longer than any code
    QCOMPARE(ErrorCatalogue::errorNumber("a-b-270924289"), std::optional<qint64>(270924289));

    const ErrorExplanation base = ErrorCatalogue::explain(404, QStringLiteral("RESOURCE_NOT_EXISTS"), {});
    const ErrorExplanation known = ErrorCatalogue::withErrorNumber(base, "0A1B-268578608");
    QVERIFY2(known.explanationZh.endsWith(QStringLiteral("（错误码 268578608：当前访问对象不存在，请确认 ID 是否合法、"
                                                         "属于当前品牌且由当前服务商创建）")),
             qPrintable(known.explanationZh));
    QVERIFY(known.en.endsWith(QStringLiteral("(error number 268578608)")));
    const ErrorExplanation unknown = ErrorCatalogue::withErrorNumber(base, "0A1B-999999999");
    QVERIFY(unknown.explanationZh.endsWith(QStringLiteral("（错误码 999999999）")));
    QCOMPARE(ErrorCatalogue::withErrorNumber(base, "0A1B2C").explanationZh, base.explanationZh);
}

QTEST_GUILESS_MAIN(TestErrorCatalogue)
#include "TestErrorCatalogue.moc"
