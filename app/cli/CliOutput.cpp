#include "cli/CliOutput.h"

#include "errors/ErrorCatalogue.h"
#include "http/DomainPolicy.h"

#include <QJsonDocument>

#include <cstdio>

namespace budgetdesk::cli {

namespace {

bool isUnsafe(char32_t c, bool allowLineBreaks)
{
    if (allowLineBreaks && (c == u'\n' || c == u'\t'))
        return false;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0, DEL, C1 (incl. the 8-bit CSI)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) // bidirectional overrides
        || c == 0x200e || c == 0x200f || c == 0x061c;
}

QString stripped(const QString &text, bool allowLineBreaks)
{
    QString result;
    result.reserve(text.size());
    for (char32_t c : text.toUcs4()) {
        if (!isUnsafe(c, allowLineBreaks))
            result.append(QString::fromUcs4(&c, 1));
    }
    return result;
}

QString escaped(const QByteArray &signingString)
{
    return clean(QString::fromUtf8(signingString).replace(u'\n', QStringLiteral("\\n")));
}

void addExplanation(QJsonObject &json, const ErrorExplanation &explanation)
{
    json.insert(QStringLiteral("explanation_zh"), explanation.explanationZh);
    json.insert(QStringLiteral("solution_zh"), explanation.solutionZh);
    json.insert(QStringLiteral("explanation_en"), explanation.en);
}

QJsonObject rejectedJson(const ApiError &error)
{
    QJsonObject json{{QStringLiteral("outcome"), QStringLiteral("rejected")},
                     {QStringLiteral("verified"), error.isVerified()},
                     {QStringLiteral("http_status"), error.httpStatus},
                     {QStringLiteral("code"), error.code},
                     {QStringLiteral("message"), error.message},
                     {QStringLiteral("request_id"), QString::fromLatin1(error.requestId)}};
    if (!error.isVerified())
        json.insert(QStringLiteral("verification"), error.trustText().en);
    if (!error.detail.isEmpty())
        json.insert(QStringLiteral("detail"), error.detail);
    addExplanation(json, error.explanation);
    return json;
}

QJsonObject networkJson(const NetworkFailure &failure, const QList<ExchangeAttempt> &attempts,
                        NetworkFailure::Context context)
{
    QJsonObject json{{QStringLiteral("outcome"), QStringLiteral("network_failure")},
                     {QStringLiteral("error"), failure.name()},
                     {QStringLiteral("detail"), failure.detail},
                     {QStringLiteral("sent"), failure.sent}};
    QJsonArray domains;
    for (const ExchangeAttempt &attempt : attempts)
        domains.append(DomainPolicy::displayed(attempt.domain));
    json.insert(QStringLiteral("domains"), domains);
    json.insert(QStringLiteral("attempts"), attemptsJson(attempts));
    addExplanation(json, failure.explanation(context));
    return json;
}

void printAttempts(const QList<ExchangeAttempt> &attempts)
{
    if (attempts.size() < 2 && (attempts.isEmpty() || !attempts.first().failure))
        return;
    for (const ExchangeAttempt &attempt : attempts) {
        if (attempt.failure)
            out(QStringLiteral("  · %1：%2（%3）")
                    .arg(DomainPolicy::displayed(attempt.domain), attempt.failure->explanation().explanationZh,
                         clean(attempt.failure->detail)));
        else
            out(QStringLiteral("  · %1：HTTP %2").arg(DomainPolicy::displayed(attempt.domain)).arg(attempt.httpStatus));
    }
}

void printRejectedText(const ApiError &error)
{
    const BilingualText trust = error.trustText();
    out(QStringLiteral("✘ 微信支付拒绝（%1）：HTTP %2 %3 — %4")
            .arg(trust.zh)
            .arg(error.httpStatus)
            .arg(clean(error.code), clean(error.message)));
    out(QStringLiteral("  说明：%1").arg(error.explanation.explanationZh));
    out(QStringLiteral("  处理：%1").arg(error.explanation.solutionZh));
    if (!error.detail.isEmpty())
        out(QStringLiteral("  detail：%1")
                .arg(clean(QString::fromUtf8(QJsonDocument(error.detail).toJson(QJsonDocument::Compact)))));
    out(QStringLiteral("  Request-ID：%1").arg(clean(QString::fromLatin1(error.requestId))));
    out(QStringLiteral("%1 (%2)").arg(error.explanation.en, trust.en));
}

} // namespace

QString clean(const QString &text)
{
    return stripped(text, false);
}

void out(const QString &text)
{
    // The last line of defence: whatever a caller forgot to clean, no escape reaches the terminal.
    std::fputs((stripped(text, true) + u'\n').toUtf8().constData(), stdout); // UTF-8 everywhere (Console.h)
}

void printJson(const QJsonObject &object)
{
    // QJsonDocument escapes C0 controls itself; C1 controls and bidirectional overrides it
    // writes raw, so they are escaped here. Still the same JSON to any parser.
    const QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QString safe;
    safe.reserve(json.size());
    for (QChar c : json) {
        if (isUnsafe(c.unicode(), false))
            safe += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            safe += c;
    }
    std::fputs(safe.toUtf8().constData(), stdout);
    std::fputs("\n", stdout);
}

void warn(const BilingualText &text)
{
    std::fprintf(stderr, "budgetdesk-cli: ⚠ %s\n%s\n", qUtf8Printable(stripped(text.zh, false)),
                 qUtf8Printable(stripped(text.en, false)));
}

QJsonArray attemptsJson(const QList<ExchangeAttempt> &attempts)
{
    QJsonArray list;
    for (const ExchangeAttempt &attempt : attempts) {
        QJsonObject json{{QStringLiteral("domain"), DomainPolicy::displayed(attempt.domain)}};
        if (attempt.failure) {
            json.insert(QStringLiteral("error"), attempt.failure->name());
            json.insert(QStringLiteral("detail"), attempt.failure->detail);
            json.insert(QStringLiteral("sent"), attempt.failure->sent);
        } else {
            json.insert(QStringLiteral("http_status"), attempt.httpStatus);
            json.insert(QStringLiteral("request_id"), QString::fromLatin1(attempt.requestId));
        }
        list.append(json);
    }
    return list;
}

QJsonObject stockJson(const StockDetails &stock)
{
    QJsonObject json{{QStringLiteral("outcome"), QStringLiteral("verified")},
                     {QStringLiteral("verified"), true},
                     {QStringLiteral("stock_id"), stock.stockId},
                     {QStringLiteral("stock_name"), stock.stockName},
                     {QStringLiteral("stock_state"), stock.stockState},
                     {QStringLiteral("stock_type"), stock.stockType},
                     {QStringLiteral("belong_merchant"), stock.belongMerchant},
                     {QStringLiteral("max_coupons"), stock.maxCoupons},
                     {QStringLiteral("max_coupons_per_user"), stock.maxCouponsPerUser},
                     {QStringLiteral("total_send_num"), stock.totalSendNum},
                     {QStringLiteral("available_begin_time"), stock.availableBeginTime.toString(Qt::ISODate)},
                     {QStringLiteral("available_end_time"), stock.availableEndTime.toString(Qt::ISODate)},
                     {QStringLiteral("request_id"), QString::fromLatin1(stock.requestId)},
                     {QStringLiteral("domain"), DomainPolicy::displayed(stock.domain)}};
    json.insert(QStringLiteral("max_coupons_by_day"),
                stock.maxCouponsByDay ? QJsonValue(*stock.maxCouponsByDay) : QJsonValue());
    json.insert(QStringLiteral("today_send_num"), stock.todaySendNum ? QJsonValue(*stock.todaySendNum) : QJsonValue());
    return json;
}

namespace {

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QJsonObject productCouponJson(const StockDetails &stock, const QString &brandId)
{
    return {{QStringLiteral("product_coupon_id"), stock.productCouponId},
            {QStringLiteral("stock_id"), stock.stockId},
            {QStringLiteral("state"), stock.stockState},
            {QStringLiteral("max_count"), stock.maxCoupons},
            {QStringLiteral("max_count_per_day"), orNull(stock.maxCouponsByDay)},
            {QStringLiteral("max_count_per_user"), stock.maxCouponsPerUser},
            {QStringLiteral("sent_total"), stock.totalSendNum},
            {QStringLiteral("sent_today"), orNull(stock.todaySendNum)},
            {QStringLiteral("stock_bundle_id"), orNull(stock.bundleId)},
            {QStringLiteral("brand_id"), stock.brandId.isEmpty() ? brandId : stock.brandId},
            {QStringLiteral("outcome"), QStringLiteral("verified")},
            {QStringLiteral("verified"), true},
            {QStringLiteral("request_id"), QString::fromLatin1(stock.requestId)},
            {QStringLiteral("domain"), DomainPolicy::displayed(stock.domain)}};
}

void printStockTable(const StockListResult &result, const QString &productCouponId)
{
    out(QStringLiteral("✔ 商品券 %1 的批次（%2 个，%3 页，已验签）")
            .arg(clean(productCouponId))
            .arg(result.stocks.size())
            .arg(result.pages));
    out(QStringLiteral("  %1  %2  %3  %4  %5  %6  %7")
            .arg(QStringLiteral("批次ID"), -20)
            .arg(QStringLiteral("状态"), -6)
            .arg(QStringLiteral("总上限"), 11)
            .arg(QStringLiteral("已发放"), 11)
            .arg(QStringLiteral("每日上限"), 11)
            .arg(QStringLiteral("今日已发"), 9)
            .arg(QStringLiteral("批次组")));
    for (const StockDetails &s : result.stocks) {
        out(QStringLiteral("  %1  %2  %3  %4  %5  %6  %7")
                .arg(clean(s.stockId), -20)
                .arg(clean(s.stateLabelZh()), -6)
                .arg(s.maxCoupons, 11)
                .arg(s.totalSendNum, 11)
                .arg(s.maxCouponsByDay ? QString::number(*s.maxCouponsByDay) : QStringLiteral("不限"), 11)
                .arg(s.todaySendNum.value_or(0), 9)
                .arg(s.isInBundle() ? clean(s.bundleId) : QStringLiteral("-")));
    }
    out(QStringLiteral("%1 batches of product coupon %2, every page read and verified.")
            .arg(result.stocks.size())
            .arg(clean(productCouponId)));
}

// Lookup failures share their shape between `lookup` and the lookup `modify` starts with.
QJsonObject lookupFailureJson(const StockQueryResult &result)
{
    const BilingualText text = result.summary();
    switch (result.kind) {
    case StockQueryResult::Kind::Rejected:
        return rejectedJson(*result.error);
    case StockQueryResult::Kind::NetworkFailed:
        return networkJson(result.failure.value_or(NetworkFailure{}), result.attempts, NetworkFailure::Context::Lookup);
    case StockQueryResult::Kind::SigningFailed:
        return {{QStringLiteral("outcome"), QStringLiteral("configuration_error")},
                {QStringLiteral("message_zh"), text.zh},
                {QStringLiteral("message_en"), text.en}};
    case StockQueryResult::Kind::NotVerified:
    case StockQueryResult::Kind::Unusable:
    case StockQueryResult::Kind::Verified:
        break;
    }
    return {
        {QStringLiteral("outcome"), QStringLiteral("unknown")},
        {QStringLiteral("verified"),
         result.kind == StockQueryResult::Kind::Unusable && result.verification && result.verification->isVerified()},
        {QStringLiteral("reason"), text.en},
        {QStringLiteral("explanation_zh"), text.zh}};
}

int lookupExitCode(const StockQueryResult &result)
{
    switch (result.kind) {
    case StockQueryResult::Kind::Verified:
        return ExitApplied;
    case StockQueryResult::Kind::Rejected:
        return ExitRejected;
    case StockQueryResult::Kind::NotVerified:
    case StockQueryResult::Kind::Unusable:
        return ExitUnknown;
    case StockQueryResult::Kind::SigningFailed:
        return ExitConfiguration;
    case StockQueryResult::Kind::NetworkFailed:
        break;
    }
    return ExitNetwork;
}

void printLookupText(const StockQueryResult &result)
{
    if (result.kind == StockQueryResult::Kind::Rejected) {
        printRejectedText(*result.error);
        return;
    }
    if (!result.isVerified()) {
        const BilingualText text = result.summary();
        out(QStringLiteral("✘ %1").arg(clean(text.zh)));
        printAttempts(result.attempts);
        out(clean(text.en));
        return;
    }
    const StockDetails &s = *result.stock;
    if (s.isProductCoupon()) {
        out(QStringLiteral("✔ 商品券批次详情（已验签）"));
        out(QStringLiteral("  商品券ID    %1   批次ID %2  %3")
                .arg(clean(s.productCouponId), clean(s.stockId), clean(s.stockName)));
        out(QStringLiteral("  状态        %1 (%2)").arg(clean(s.stateLabelZh()), clean(s.stockState)));
        out(QStringLiteral("  发放次数总上限 %1   已发放总次数 %2   剩余 %3")
                .arg(s.maxCoupons)
                .arg(s.totalSendNum)
                .arg(qMax<qint64>(0, s.maxCoupons - s.totalSendNum)));
        out(QStringLiteral("  每日发放次数上限 %1   当天已发放次数 %2")
                .arg(s.maxCouponsByDay ? QString::number(*s.maxCouponsByDay) : QStringLiteral("不限"))
                .arg(s.todaySendNum.value_or(0)));
        if (s.isInBundle())
            out(QStringLiteral("  批次组      %1（第 %2 个批次；只能整组修改）")
                    .arg(clean(s.bundleId))
                    .arg(s.bundleIndex.value_or(0)));
        if (!s.brandId.isEmpty())
            out(QStringLiteral("  品牌ID      %1").arg(clean(s.brandId)));
        out(QStringLiteral("  Request-ID  %1   (%2)")
                .arg(clean(QString::fromLatin1(s.requestId)), DomainPolicy::displayed(s.domain)));
        out(QStringLiteral("Product coupon batch %1/%2 looked up; the answer is verified.")
                .arg(clean(s.productCouponId), clean(s.stockId)));
        return;
    }
    out(QStringLiteral("✔ 批次详情（已验签）"));
    out(QStringLiteral("  批次号      %1  %2").arg(s.stockId, clean(s.stockName)));
    out(QStringLiteral("  状态        %1 (%2)   类型 %3")
            .arg(clean(s.stateLabelZh()), clean(s.stockState), clean(s.typeLabelZh())));
    out(QStringLiteral("  有效期      %1 至 %2")
            .arg(s.availableBeginTime.toString(Qt::ISODate), s.availableEndTime.toString(Qt::ISODate)));
    out(QStringLiteral("  批次总量    %1   已发放 %2").arg(s.maxCoupons).arg(s.totalSendNum));
    out(QStringLiteral("  单日上限    %1   今日已发放 %2")
            .arg(s.maxCouponsByDay ? QString::number(*s.maxCouponsByDay) : QStringLiteral("未设置"),
                 s.todaySendNum ? QString::number(*s.todaySendNum) : QStringLiteral("-")));
    out(QStringLiteral("  归属商户    %1").arg(clean(s.belongMerchant)));
    out(QStringLiteral("  Request-ID  %1   (%2)")
            .arg(clean(QString::fromLatin1(s.requestId)), DomainPolicy::displayed(s.domain)));
    out(QStringLiteral("Batch %1 looked up; the answer is verified.").arg(s.stockId));
}

int modifyExitCode(const BudgetOutcome &outcome)
{
    using K = BudgetOutcome::Kind;
    switch (outcome.kind) {
    case K::Applied:
    case K::ReconciledApplied:
        return ExitApplied;
    case K::Rejected:
        return ExitRejected;
    case K::Invalid:
        return ExitInvalidInput;
    case K::LookupFailed:
        return lookupExitCode(*outcome.lookup);
    case K::NetworkFailed:
        return ExitNetwork;
    case K::NotRecorded:
    case K::SigningFailed:
        return ExitConfiguration;
    case K::ReconciledNotApplied:
    case K::Unknown:
        break;
    }
    return ExitUnknown;
}

namespace {

// `modify --product-coupon` prints what 商家券 prints, plus these (the contract).
void addProductCouponFields(QJsonObject &json, const BudgetOutcome &outcome)
{
    const BudgetChange &change = outcome.change;
    json.insert(QStringLiteral("family"), StockKey::familyName(change.family));
    json.insert(QStringLiteral("product_coupon_id"), change.productCouponId);
    if (change.isBundleChange())
        json.insert(QStringLiteral("stock_bundle_id"), change.bundleId);
    else
        json.insert(QStringLiteral("stock_id"), change.stockId);
    if (!change.brandId.isEmpty())
        json.insert(QStringLiteral("brand_id"), change.brandId);
    if (!outcome.isApplied())
        return;
    json.insert(QStringLiteral("max_count"), orNull(outcome.maxCoupons));
    json.insert(QStringLiteral("max_count_per_day"), orNull(outcome.maxCouponsByDay));
    if (change.isBundleChange()) {
        QJsonArray stocks;
        for (const StockDetails &stock : outcome.bundleStocks)
            stocks.append(QJsonObject{{QStringLiteral("stock_id"), stock.stockId},
                                      {QStringLiteral("max_count"), stock.maxCoupons},
                                      {QStringLiteral("max_count_per_day"), orNull(stock.maxCouponsByDay)}});
        json.insert(QStringLiteral("stocks"), stocks);
    }
}

} // namespace

QJsonObject modifyJson(const BudgetOutcome &outcome)
{
    using K = BudgetOutcome::Kind;
    const BudgetChange &change = outcome.change;
    const QString requestNo = change.requestNumber;
    QJsonObject json;
    switch (outcome.kind) {
    case K::Applied:
        json = {{QStringLiteral("outcome"), QStringLiteral("applied")},
                {QStringLiteral("verified"), true},
                {QStringLiteral("max_coupons"), outcome.maxCoupons.value_or(0)},
                {QStringLiteral("max_coupons_by_day"),
                 outcome.maxCouponsByDay ? QJsonValue(*outcome.maxCouponsByDay) : QJsonValue()},
                {QStringLiteral("request_no"), requestNo},
                {QStringLiteral("request_id"), QString::fromLatin1(outcome.requestId)},
                {QStringLiteral("domain"), DomainPolicy::displayed(outcome.domain)}};
        break;
    case K::Rejected:
        json = rejectedJson(*outcome.error);
        json.insert(QStringLiteral("request_no"), requestNo);
        if (outcome.signDiagnosis) {
            json.insert(QStringLiteral("sign_diagnosis"), outcome.signDiagnosis->text().en);
            json.insert(QStringLiteral("sign_diagnosis_zh"), outcome.signDiagnosis->text().zh);
            json.insert(QStringLiteral("our_signing_string"), QString::fromUtf8(outcome.signDiagnosis->ours()));
        }
        break;
    case K::Invalid: {
        QJsonArray problems;
        for (const BudgetProblem &problem : outcome.problems) {
            problems.append(QJsonObject{{QStringLiteral("field"), problem.field()},
                                        {QStringLiteral("blocking"), problem.isBlocking()},
                                        {QStringLiteral("zh"), problem.text().zh},
                                        {QStringLiteral("en"), problem.text().en}});
        }
        json = {{QStringLiteral("outcome"), QStringLiteral("invalid")}, {QStringLiteral("problems"), problems}};
        break;
    }
    case K::LookupFailed:
        json = lookupFailureJson(*outcome.lookup);
        json.insert(QStringLiteral("stage"), QStringLiteral("lookup"));
        break;
    case K::NetworkFailed:
        json = networkJson(*outcome.failure, outcome.attempts, NetworkFailure::Context::Change);
        json.insert(QStringLiteral("request_no"), requestNo);
        break;
    case K::NotRecorded:
    case K::SigningFailed:
        json = {{QStringLiteral("outcome"), QStringLiteral("configuration_error")},
                {QStringLiteral("message_zh"), outcome.summary().zh},
                {QStringLiteral("message_en"), outcome.summary().en}};
        break;
    case K::ReconciledApplied:
    case K::ReconciledNotApplied:
    case K::Unknown: {
        json = {{QStringLiteral("outcome"), BudgetOutcome::kindName(outcome.kind)},
                {QStringLiteral("reconciled"), true},
                {QStringLiteral("verified"), outcome.kind != K::Unknown},
                {QStringLiteral("reason"), BudgetOutcome::ambiguityName(outcome.ambiguity)},
                {QStringLiteral("dimension"), BudgetChange::dimensionField(change.dimension)},
                {QStringLiteral("target"), change.target},
                {QStringLiteral("current"), change.current ? QJsonValue(*change.current) : QJsonValue()},
                {QStringLiteral("request_no"), requestNo},
                {QStringLiteral("request_id"), QString::fromLatin1(outcome.requestId)},
                {QStringLiteral("attempts"), attemptsJson(outcome.attempts)},
                {QStringLiteral("explanation_zh"), outcome.summary().zh},
                {QStringLiteral("explanation_en"), outcome.summary().en}};
        if (outcome.observedValue)
            json.insert(QStringLiteral("observed"), *outcome.observedValue);
        if (outcome.verification && !outcome.verification->isVerified()) {
            const ErrorExplanation why = ErrorCatalogue::explainVerification(*outcome.verification);
            json.insert(QStringLiteral("verification"), why.en);
            json.insert(QStringLiteral("verification_zh"), why.explanationZh);
            json.insert(QStringLiteral("solution_zh"), why.solutionZh);
        }
        if (outcome.error) { // the refusal or server error that left it open
            json.insert(QStringLiteral("http_status"), outcome.error->httpStatus);
            json.insert(QStringLiteral("code"), outcome.error->code);
            json.insert(QStringLiteral("message"), outcome.error->message);
            json.insert(QStringLiteral("answer_verified"), outcome.error->isVerified());
        }
        if (!outcome.reason.en.isEmpty())
            json.insert(QStringLiteral("answer_problem"), outcome.reason.en);
        if (outcome.failure)
            json.insert(QStringLiteral("network_error"), outcome.failure->name());
        if (outcome.kind == K::Unknown && outcome.reconciliation && !outcome.reconciliation->isVerified())
            json.insert(QStringLiteral("lookup_error"), outcome.reconciliation->summary().en);
        if (outcome.kind == K::ReconciledApplied) {
            json.insert(QStringLiteral("max_coupons"), outcome.maxCoupons.value_or(0));
            json.insert(QStringLiteral("max_coupons_by_day"),
                        outcome.maxCouponsByDay ? QJsonValue(*outcome.maxCouponsByDay) : QJsonValue());
        }
        break;
    }
    }
    if (outcome.clockOffsetSeconds && qAbs(*outcome.clockOffsetSeconds) > ClockOffsetMeter::NoticeableSeconds)
        json.insert(QStringLiteral("clock_offset_seconds"), *outcome.clockOffsetSeconds);
    if (change.isProductCoupon())
        addProductCouponFields(json, outcome);
    return json;
}

void printModifyText(const BudgetOutcome &outcome)
{
    using K = BudgetOutcome::Kind;
    const BudgetChange &change = outcome.change;
    const BilingualText summary = outcome.summary();
    switch (outcome.kind) {
    case K::Applied:
    case K::ReconciledApplied:
        out(QStringLiteral("✔ %1").arg(clean(summary.zh)));
        break;
    case K::Rejected:
        printRejectedText(*outcome.error);
        if (outcome.signDiagnosis) {
            out(QStringLiteral("  签名诊断：%1").arg(outcome.signDiagnosis->text().zh));
            out(QStringLiteral("    本地签名串：%1").arg(escaped(outcome.signDiagnosis->ours())));
            out(QStringLiteral("    微信支付的：%1").arg(escaped(outcome.signDiagnosis->servers())));
        }
        break;
    case K::Invalid:
        out(QStringLiteral("✘ 修改未发送，请先修正："));
        for (const BudgetProblem &problem : outcome.problems) {
            if (problem.isBlocking())
                out(QStringLiteral("  · %1 / %2").arg(problem.text().zh, problem.text().en));
        }
        return;
    case K::LookupFailed:
        out(QStringLiteral("✘ 修改未发送：查询批次当前值失败。"));
        printLookupText(*outcome.lookup);
        return;
    case K::NotRecorded:
    case K::SigningFailed:
        out(QStringLiteral("✘ %1").arg(clean(summary.zh)));
        out(clean(summary.en));
        return;
    case K::NetworkFailed:
    case K::ReconciledNotApplied:
    case K::Unknown:
        out(QStringLiteral("✘ %1").arg(clean(summary.zh)));
        break;
    }
    const bool explainedInEnglish = outcome.kind == K::Rejected; // printRejectedText did
    if (change.current) {
        const qint64 delta = change.target - *change.current;
        out(QStringLiteral("  %1    %2 → %3 (%4%5)")
                .arg(BudgetChange::dimensionLabelZh(change.dimension))
                .arg(*change.current)
                .arg(change.target)
                .arg(delta >= 0 ? QStringLiteral("+") : QString())
                .arg(delta));
    }
    if (outcome.isApplied())
        out(QStringLiteral("  max_coupons %1   max_coupons_by_day %2")
                .arg(outcome.maxCoupons.value_or(0))
                .arg(outcome.maxCouponsByDay ? QString::number(*outcome.maxCouponsByDay) : QStringLiteral("-")));
    out(QStringLiteral("  请求单号    %1").arg(change.requestNumber));
    if (!outcome.requestId.isEmpty())
        out(QStringLiteral("  Request-ID  %1   (%2)")
                .arg(clean(QString::fromLatin1(outcome.requestId)), DomainPolicy::displayed(outcome.domain)));
    if (outcome.kind == K::NetworkFailed)
        printAttempts(outcome.attempts);
    if (outcome.wasReconciled() || outcome.kind == K::Unknown) {
        out(QStringLiteral("  不确定原因  %1").arg(BudgetOutcome::ambiguityName(outcome.ambiguity)));
        if (outcome.error) {
            const BilingualText trust = outcome.error->trustText();
            out(QStringLiteral("  最后应答    HTTP %1 %2 %3（%4）")
                    .arg(outcome.error->httpStatus)
                    .arg(clean(outcome.error->code), clean(outcome.error->message), trust.zh));
        }
        if (!outcome.reason.zh.isEmpty())
            out(QStringLiteral("  应答问题    %1").arg(clean(outcome.reason.zh)));
        if (outcome.verification && !outcome.verification->isVerified())
            out(QStringLiteral("  验签        %1").arg(outcome.verification->text().zh));
        printAttempts(outcome.attempts);
        if (outcome.kind != K::ReconciledApplied)
            out(QStringLiteral("  如需重试，请用同一请求单号：--request-no %1").arg(change.requestNumber));
    }
    for (const BudgetProblem &problem : outcome.problems)
        out(QStringLiteral("  提示：%1").arg(problem.text().zh));
    if (outcome.clockOffsetSeconds && qAbs(*outcome.clockOffsetSeconds) > ClockOffsetMeter::NoticeableSeconds)
        out(QStringLiteral("  注意：本机时钟与微信支付相差 %1 秒。").arg(*outcome.clockOffsetSeconds));
    if (!explainedInEnglish)
        out(clean(summary.en));
}

int fail(const CliOptions &options, int code, const BilingualText &text, const char *outcome)
{
    if (options.json) {
        printJson({{QStringLiteral("outcome"), QString::fromLatin1(outcome)},
                   {QStringLiteral("message_zh"), text.zh},
                   {QStringLiteral("message_en"), text.en}});
    } else {
        std::fprintf(stderr, "budgetdesk-cli: %s\n%s\n", qUtf8Printable(stripped(text.zh, true)),
                     qUtf8Printable(stripped(text.en, true)));
    }
    return code;
}

} // namespace budgetdesk::cli
