#include "profile/ConnectionTest.h"

#include "busifavor/PlatformCertificateDownload.h"
#include "busifavor/StockQueryResult.h"
#include "errors/ErrorCatalogue.h"

namespace budgetdesk {

namespace {

using Stage = ConnectionTest::Stage;
using Status = ConnectionTest::Status;

BilingualText passed()
{
    return {QStringLiteral("通过"), QStringLiteral("passed")};
}

} // namespace

BilingualText ConnectionTest::stageLabel(Stage stage)
{
    switch (stage) {
    case Stage::KeyLoaded:
        return {QStringLiteral("读取私钥与证书"), QStringLiteral("Key loaded")};
    case Stage::RequestSigned:
        return {QStringLiteral("签名请求"), QStringLiteral("Request signed")};
    case Stage::Connected:
        return {QStringLiteral("建立 TLS 连接"), QStringLiteral("TLS established")};
    case Stage::SignatureAccepted:
        return {QStringLiteral("微信支付接受签名"), QStringLiteral("Server accepted our signature")};
    case Stage::AnswerVerified:
        return {QStringLiteral("应答验签"), QStringLiteral("Answer verified")};
    }
    return {};
}

std::optional<ConnectionTest::StageReport> ConnectionTest::firstFailure(const QList<StageReport> &reports)
{
    for (const StageReport &report : reports) {
        if (report.status == Status::Failed)
            return report;
    }
    return std::nullopt;
}

void ConnectionTest::report(Stage stage, Status status, const BilingualText &text, const ErrorExplanation &explanation)
{
    m_reports.append({stage, status, text.zh.isEmpty() ? passed() : text, explanation});
}

ConnectionTest *ConnectionTest::start(const MerchantProfile &profile, const ProfileSecrets &secrets,
                                      const DataDirectory &data, const QString &stockId,
                                      std::optional<ClientSettings> settings)
{
    auto *test = new ConnectionTest;
    auto session = ProfileSession::open(profile, secrets, data, std::move(settings));
    if (!session) {
        const BilingualText text = session.error().text();
        test->report(Stage::KeyLoaded, Status::Failed, text, {text.zh, QString(), text.en});
        QMetaObject::invokeMethod(test, &ConnectionTest::finish, Qt::QueuedConnection);
        return test;
    }
    test->m_session = std::move(session).value();
    test->report(Stage::KeyLoaded, Status::Passed);

    BusifavorClient &client = test->m_session->client();
    const bool certificateMode = profile.usesPlatformCertificates() && profile.platformCertificateFiles.isEmpty();
    // A brand may call only the 商品券 brand API: its test looks up a 商品券 batch (a product
    // coupon "0" has none: a signed 404 still shows the signature accepted and the answer verified).
    const QString batch = stockId.isEmpty() ? QStringLiteral("0") : stockId;
    const StockKey key = profile.isBrand() ? StockKey{CouponFamily::ProductCoupon, batch, QStringLiteral("0"), {}}
                                           : StockKey::busifavor(batch);
    const QByteArray path = certificateMode ? QByteArray("/v3/certificates?algorithm_type=RSA") : key.lookupPath();
    auto signedRequest = client.signer().sign("GET", path, {});
    if (!signedRequest) {
        const BilingualText text = signedRequest.error().text();
        test->report(Stage::RequestSigned, Status::Failed, text, {text.zh, QString(), text.en});
        QMetaObject::invokeMethod(test, &ConnectionTest::finish, Qt::QueuedConnection);
        return test;
    }
    test->report(Stage::RequestSigned, Status::Passed);

    if (certificateMode) {
        PlatformCertificateDownload *download = client.downloadPlatformCertificates(secrets.apiV3Key);
        connect(download, &PlatformCertificateDownload::finished, test, &ConnectionTest::downloadFinished);
    } else {
        StockQuery *query = client.queryStock(key);
        connect(query, &StockQuery::finished, test, &ConnectionTest::lookupFinished);
    }
    return test;
}

void ConnectionTest::lookupFinished(const StockQueryResult &result)
{
    switch (result.kind) {
    case StockQueryResult::Kind::SigningFailed:
        report(Stage::RequestSigned, Status::Failed, result.problem, {result.problem.zh, QString(), result.problem.en});
        break;
    case StockQueryResult::Kind::NetworkFailed: {
        const NetworkFailure failure = result.failure.value_or(NetworkFailure{});
        const ErrorExplanation explanation = failure.explanation(NetworkFailure::Context::Lookup);
        report(Stage::Connected, Status::Failed, {explanation.explanationZh, explanation.en}, explanation);
        break;
    }
    case StockQueryResult::Kind::Rejected:
        report(Stage::Connected, Status::Passed);
        if (result.error->isSignError()) {
            report(Stage::SignatureAccepted, Status::Failed,
                   {result.error->explanation.explanationZh, result.error->explanation.en}, result.error->explanation);
            break;
        }
        // WeChat Pay checks the signature before anything else, so any other answer accepted it.
        report(Stage::SignatureAccepted, Status::Passed);
        if (result.error->isVerified()) {
            report(Stage::AnswerVerified, Status::Passed,
                   {QStringLiteral("错误应答（%1）已验签。").arg(result.error->code),
                    QStringLiteral("The error answer (%1) is verified.").arg(result.error->code)});
        } else if (result.error->verification) {
            const ErrorExplanation explanation
                = ErrorCatalogue::explainVerification(*result.error->verification, ErrorCatalogue::Subject::Lookup);
            report(Stage::AnswerVerified, Status::Failed, {explanation.explanationZh, explanation.en}, explanation);
        } else {
            report(Stage::AnswerVerified, Status::NotChecked,
                   {QStringLiteral("这个错误应答不带签名，无法验签（%1 %2）；请填写一个存在的批次号再测一次。")
                        .arg(result.error->code, result.error->message),
                    QStringLiteral("This error answer is not signed (%1); name an existing batch to check "
                                   "verification.")
                        .arg(result.error->code)});
        }
        break;
    case StockQueryResult::Kind::NotVerified: {
        report(Stage::Connected, Status::Passed);
        report(Stage::SignatureAccepted, Status::Passed);
        const ErrorExplanation explanation = result.verification
            ? ErrorCatalogue::explainVerification(*result.verification, ErrorCatalogue::Subject::Lookup)
            : ErrorExplanation{result.summary().zh, QString(), result.summary().en};
        report(Stage::AnswerVerified, Status::Failed, {explanation.explanationZh, explanation.en}, explanation);
        break;
    }
    case StockQueryResult::Kind::Unusable: {
        report(Stage::Connected, Status::Passed);
        report(Stage::SignatureAccepted, Status::Passed);
        const bool verified = result.verification && result.verification->isVerified();
        report(Stage::AnswerVerified, verified ? Status::Passed : Status::Failed, result.problem,
               {result.problem.zh, QString(), result.problem.en});
        break;
    }
    case StockQueryResult::Kind::Verified:
        report(Stage::Connected, Status::Passed);
        report(Stage::SignatureAccepted, Status::Passed);
        report(Stage::AnswerVerified, Status::Passed);
        break;
    }
    finish();
}

void ConnectionTest::downloadFinished(const PlatformCertificateResult &result)
{
    using Kind = PlatformCertificateResult::Kind;
    const BilingualText summary = result.summary();
    if (result.kind == Kind::NetworkFailed) {
        const ErrorExplanation explanation = result.failure.value_or(NetworkFailure{}).explanation();
        report(Stage::Connected, Status::Failed, summary, explanation);
        finish();
        return;
    }
    report(Stage::Connected, Status::Passed);
    if (result.kind == Kind::Rejected && result.error->isSignError()) {
        report(Stage::SignatureAccepted, Status::Failed, summary, result.error->explanation);
        finish();
        return;
    }
    report(Stage::SignatureAccepted, Status::Passed);
    switch (result.kind) {
    case Kind::Downloaded:
        report(Stage::AnswerVerified, Status::Passed, summary);
        break;
    case Kind::Rejected: // e.g. no platform certificates: a public-key-only merchant
        report(Stage::AnswerVerified, Status::Failed, summary, result.error->explanation);
        break;
    case Kind::DecryptionFailed:
    case Kind::NotVerified:
    case Kind::NetworkFailed:
        report(Stage::AnswerVerified, Status::Failed, summary, {summary.zh, QString(), summary.en});
        break;
    }
    finish();
}

void ConnectionTest::finish()
{
    // Every stage is listed; those after a failure were not reached.
    for (Stage stage :
         {Stage::KeyLoaded, Stage::RequestSigned, Stage::Connected, Stage::SignatureAccepted, Stage::AnswerVerified}) {
        const bool reported = std::any_of(m_reports.cbegin(), m_reports.cend(),
                                          [stage](const StageReport &r) { return r.stage == stage; });
        if (!reported)
            m_reports.append(
                {stage, Status::NotReached, {QStringLiteral("未进行"), QStringLiteral("not reached")}, {}});
    }
    Q_EMIT finished(m_reports);
    deleteLater();
}

} // namespace budgetdesk
