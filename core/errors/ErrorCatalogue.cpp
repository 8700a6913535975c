#include "errors/ErrorCatalogue.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace budgetdesk {

namespace {

struct Entry
{
    int status; // 0: any
    const char *code; // nullptr: any
    const char *message; // nullptr: any; else compared after normaliseMessage()
    const char *explanationZh;
    const char *solutionZh;
    const char *en;
};

// Most specific first: (status, code, message), then (status, code), then status alone.
const Entry Entries[] = {
    // 商品券 update-budget: the messages of PRODUCT_COUPON.md §9.2 (SK's troubleshooting manual)
    // and §15 (what our simulator says where the pages are silent).
    {400, "INVALID_REQUEST", "当前值与批次实际值不一致",
     "提交的“当前值”与商品券批次现在的发放次数上限不一致：批次在查询之后被修改过，或“当前值”填错了。",
     "重新查询批次，核对 stock_send_rule.max_count（或 max_count_per_day）后再确认修改。",
     "The current value sent differs from the product coupon batch's cap now: it changed since it was looked up, "
     "or the current value was wrong. Look the batch up again and confirm against the latest value."},
    {400, "INVALID_REQUEST", "目标发放次数总上限不得小于当前已发放总次数",
     "目标发放次数总上限小于该批次已发放的总次数。", "把目标设为不小于 sent_count_info.total_count 的值。",
     "The target cap is below the times already issued. Set it to at least sent_count_info.total_count."},
    {400, "INVALID_REQUEST", "批次未限制每日发放次数", "该批次创建时没有每日发放次数上限（不限），不能改为有上限。",
     "只修改发放次数总上限。",
     "The batch was created without a daily cap (unlimited) and cannot be given one. Change its total cap only."},
    {400, "INVALID_REQUEST", "批次状态不允许修改预算", "批次不是发放中或已暂停状态，不能修改预算。",
     "只有发放中或已暂停的批次可以修改预算；请查询批次确认状态。",
     "Only a batch that is sending or paused can change its budget; look the batch up for its state."},
    {400, "INVALID_REQUEST", "批次组内的批次请使用修改商品券批次组发放预算接口",
     "该批次属于批次组，只能用批次组接口整组修改。", "在 BudgetDesk 中查询该批次，按提示改为整组修改。",
     "The batch belongs to a group and changes only with its group. Look it up in BudgetDesk and change the group."},
    {400, "INVALID_REQUEST", "使用了相同单号,但与上次请求的数据不一致", "这个请求单号已用于另一项不同内容的修改。",
     "换用新的请求单号（BudgetDesk 为每项新修改生成新单号）。",
     "This request number was already used for a different change. Use a new request number."},
    {404, "RESOURCE_NOT_EXISTS", "当前访问对象不存在",
     "找不到这个商品券或批次：ID 输错了，它不属于所选品牌，或它不是由当前服务商（或品牌）创建的。",
     "核对商品券ID、批次号和品牌ID；服务商只能修改自己为该品牌创建的批次。",
     "The product coupon or batch was not found: a wrong ID, another brand's, or created by another service "
     "provider (or the brand itself). Check the IDs and the brand."},
    {403, "NO_AUTH", "服务商没有此接口权限", "该品牌没有授权当前服务商操作商品券。",
     "请品牌在商户平台为服务商授权，或改用品牌自己的配置。",
     "The brand has not authorised this service provider for product coupons. Ask the brand to authorise it, or "
     "use the brand's own profile."},
    {429, "RATELIMIT_EXCEEDED", nullptr, "调用太频繁（商品券每秒 20 次），请求未被受理。",
     "稍后用同一请求单号重试；BudgetDesk 会自动退避重试。",
     "Too many requests (product coupons allow 20 a second); the request was not accepted. Retry later with the "
     "same request number."},
    {400, "PARAM_ERROR", "Wechatpay-Serial 与 brand_id 不匹配",
     "品牌调用需带上微信支付公钥 ID（Wechatpay-Serial），而它与品牌ID不匹配。",
     "核对品牌配置中的微信支付公钥 ID 与公钥文件。",
     "A brand's request must name the WeChat Pay public key ID (Wechatpay-Serial), and it does not match the "
     "brand. Check the public key ID and file in the brand's profile."},
    // The API page's business error table (PATCH …/budget).
    {403, "RULE_LIMIT", "批次库存的当前值错误,请获取批次详情查看最新值",
     "提交的“当前值”与批次现在的预算不一致：批次在查询之后被修改过（可能是其他同事或系统），或“当前值”填错了。",
     "重新查询批次，核对最新的预算后再确认修改。注意当前值应取 stock_send_rule.max_coupons（或 "
     "max_coupons_by_day），不是券码库存。",
     "The current value sent differs from the batch's budget now: it changed since it was looked up, or the "
     "current value was wrong. Look the batch up again and confirm the change against the latest value."},
    {403, "RULE_LIMIT", "仅创建方有权限使券失效",
     "只有创建该批次的商户才能修改它的预算，当前商户号不是该批次的创建方（服务商模式下 belong_merchant "
     "是子商户，不一定是创建方）。",
     "请使用创建该批次的商户号及其 API 证书操作。",
     "Only the merchant that created the batch may change its budget; this merchant ID did not create it. Use the "
     "creating merchant's account and API certificate."},
    {403, "RULE_LIMIT", "批次正在修改中,请稍后重试",
     "该批次的上一次预算修改仍在处理中（可能是重复提交，或其他人同时在修改）。",
     "稍等片刻后用同一个请求单号重试；BudgetDesk 会自动退避重试。",
     "The batch's previous budget change is still being applied (a double submission, or someone else changing it). "
     "Wait a moment and retry with the same request number."},
    {403, "RULE_LIMIT", "目标库存数目不能小于批次已发放库存数目", "目标总量小于该批次已经发放的券数量。",
     "把目标总量设为不小于已发放数量（send_count_information.total_send_"
     "num）的值；若想停止发放，可设为等于已发放数量。",
     "The target total is below the number of coupons already issued. Set it to at least the issued count; to stop "
     "issuing, set it equal to the issued count."},
    {404, "RESOURCE_NOT_EXISTS", "批次不存在", "找不到这个批次号：批次号输错了，或它不属于当前商户号。",
     "请检查批次号和所用的商户号。",
     "No batch has this ID: it is mistyped, or it belongs to another merchant. Check the batch ID and the merchant "
     "ID."},
    {404, "RESOURCE_NOT_EXISTS", "批次已过期", "批次已过期或已停止，只能修改运行中且在有效期结束前的批次预算。",
     "无法再修改此批次；如需继续发券，请创建新批次。",
     "The batch has expired or stopped; only running batches before their end time can change budget. Create a new "
     "batch to keep issuing."},
    {429, "FREQUENCY_LIMITED", nullptr, "调用太频繁，请求未被受理。",
     "降低调用频率，稍后用同一个请求单号重试；BudgetDesk 会自动退避重试。",
     "Too many calls; the request was not accepted. Slow down and retry later with the same request number."},
    {404, "RESOURCE_NOT_EXISTS", "无可用的平台证书",
     "该商户没有可用的微信支付平台证书：新商户只能使用微信支付公钥验签。",
     "在商户平台“账户中心 → API安全”申请微信支付公钥，在配置中填写公钥 ID（PUB_KEY_ID_…）与 pub_key.pem。",
     "This merchant has no platform certificates; new merchants verify with the WeChat Pay public key. Apply for it "
     "under Account Center → API Security and configure its PUB_KEY_ID_… and pub_key.pem."},

    // Public codes.
    {400, "INVALID_REQUEST", "Http头缺少Accept或User-Agent", "请求缺少 Accept 或 User-Agent 头。",
     "这是客户端的问题：请升级 BudgetDesk；若使用脚本调用，请加上 Accept: application/json 与 User-Agent。",
     "The request lacks an Accept or User-Agent header. This is a client fault: add Accept: application/json and a "
     "User-Agent."},
    {400, "INVALID_REQUEST", nullptr, "HTTP 请求不符合微信支付 APIv3 接口规则。",
     "请对照接口规则检查请求头与请求体；微信支付返回的 message 说明了具体原因。",
     "The HTTP request does not follow the WeChat Pay APIv3 rules; the server's message says which one."},
    {400, "PARAM_ERROR", nullptr, "参数错误：请求中有字段的类型、取值或格式不符合要求。",
     "根据返回的 detail.field 与 message 修正对应参数后重新提交。",
     "A parameter is invalid (type, value or format); detail.field names it. Correct it and submit again."},
    {401, "SIGN_ERROR", "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟",
     "请求签名中的时间戳与微信支付的时间相差超过 5 分钟：本机时钟不准。",
     "开启系统的自动对时（Windows：设置 → 时间和语言 → 自动设置时间），再重试。",
     "The request's timestamp differs from WeChat Pay's time by more than 5 minutes: this computer's clock is off. "
     "Turn on automatic time synchronisation and retry."},
    {401, "SIGN_ERROR", "商户证书序列号有误。请使用签名私钥匹配的证书序列号",
     "请求中的商户证书序列号与签名用的私钥不对应。",
     "在配置中选择商户 API 证书 apiclient_cert.pem，由 BudgetDesk 读取正确的序列号。",
     "The merchant certificate serial does not belong to the signing key. Choose apiclient_cert.pem in the profile so "
     "the serial is read from it."},
    {401, "SIGN_ERROR", nullptr,
     "微信支付验证请求签名失败：私钥、证书序列号、商户号三者不匹配，或签名串与实际发送的内容不一致。",
     "确认私钥 "
     "apiclient_key.pem、证书序列号和商户号属于同一商户；查看“签名诊断”，对比本地签名串与微信支付计算的签名串。",
     "WeChat Pay could not verify the request signature: the private key, certificate serial and merchant ID do not "
     "belong together, or the signed string differs from what was sent. See the signing diagnosis."},
    {403, "NO_AUTH", nullptr, "当前商户号没有调用该接口的权限。",
     "请确认商户号已开通商家券功能，且使用的是正确的商户号。",
     "This merchant ID may not call this API. Check that merchant coupons are enabled for it."},
    {500, "SYSTEM_ERROR", nullptr, "微信支付系统异常，本次修改是否生效不确定。",
     "BudgetDesk 已用同一请求单号重试并核对批次；如仍不确定，请稍后查询批次确认。",
     "WeChat Pay had a system error; whether the change took effect is uncertain. BudgetDesk retried with the same "
     "request number and checked the batch."},
    {202, nullptr, nullptr, "微信支付已接收请求但尚未处理完成。", "请使用原参数（同一请求单号）重复请求一遍。",
     "WeChat Pay accepted the request but has not finished it. Repeat it with the same parameters."},

    // By status, for codes nobody documented.
    {400, nullptr, nullptr, "请求有误，被微信支付拒绝。", "根据返回的 code 与 message 修正请求。",
     "The request was refused as invalid; see the code and message."},
    {401, nullptr, nullptr, "身份验证失败。", "检查商户号、私钥与证书序列号。",
     "Authentication failed; check the merchant ID, key and certificate serial."},
    {403, nullptr, nullptr, "没有权限或业务规则不允许。", "根据返回的 message 处理。",
     "Forbidden, or a business rule does not allow it; see the message."},
    {404, nullptr, nullptr, "请求的资源不存在。", "检查批次号与接口地址。",
     "The resource does not exist; check the batch ID and the address."},
    {405, nullptr, nullptr, "HTTP 方法不被允许。", "这是客户端的问题，请升级 BudgetDesk。",
     "Method not allowed: a client fault."},
    {429, nullptr, nullptr, "请求太频繁，未被受理。", "降低频率后用同一请求单号重试。",
     "Rate limited; the request was not accepted. Retry later with the same request number."},
    {500, nullptr, nullptr, "微信支付系统错误，结果不确定。", "稍后查询批次确认是否生效。",
     "WeChat Pay server error; the outcome is uncertain. Look the batch up to confirm."},
    {502, nullptr, nullptr, "微信支付服务暂不可用（502），请求可能未被处理。",
     "稍后重试；BudgetDesk 会核对批次确认结果。",
     "WeChat Pay is unavailable (502); the request may not have been processed. Retry later."},
    {503, nullptr, nullptr, "微信支付过载保护（503），请求可能未被处理。", "稍后重试；BudgetDesk 会核对批次确认结果。",
     "WeChat Pay is shedding load (503); the request may not have been processed. Retry later."},
};

// A lookup's answers where the change table speaks of a change's outcome or request number.
const Entry LookupEntries[] = {
    {0, "FREQUENCY_LIMITED", nullptr, "查询太频繁，未被受理。", "稍等片刻后重新查询。",
     "Too many requests; the lookup was not accepted. Look the batch up again in a moment."},
    {429, nullptr, nullptr, "查询太频繁，未被受理。", "稍等片刻后重新查询。",
     "Too many requests; the lookup was not accepted. Look the batch up again in a moment."},
    {0, "SYSTEM_ERROR", nullptr, "微信支付系统异常，查询没有结果。", "稍后重新查询。",
     "WeChat Pay had a system error; the lookup has no result. Look the batch up again later."},
    {500, nullptr, nullptr, "微信支付系统错误，查询没有结果。", "稍后重新查询。",
     "WeChat Pay server error; the lookup has no result. Look the batch up again later."},
    {502, nullptr, nullptr, "微信支付服务暂不可用（502），查询没有结果。", "稍后重新查询。",
     "WeChat Pay is unavailable (502); the lookup has no result. Look the batch up again later."},
    {503, nullptr, nullptr, "微信支付过载保护（503），查询没有结果。", "稍后重新查询。",
     "WeChat Pay is shedding load (503); the lookup has no result. Look the batch up again later."},
    {202, nullptr, nullptr, "微信支付尚未给出查询结果。", "重新查询。",
     "WeChat Pay has not given the lookup's result yet. Look the batch up again."},
};

bool matches(const Entry &entry, int status, const QString &code, const QString &normalisedMessage)
{
    if (entry.status != 0 && entry.status != status)
        return false;
    if (entry.code && code != QLatin1String(entry.code))
        return false;
    // A documented message also matches when WeChat Pay adds to it (e.g. a link after it).
    return !entry.message
        || normalisedMessage.startsWith(ErrorCatalogue::normaliseMessage(QString::fromUtf8(entry.message)));
}

} // namespace

std::optional<qint64> ErrorCatalogue::errorNumber(const QByteArray &requestId)
{
    const qsizetype dash = requestId.lastIndexOf('-');
    const QByteArray tail = dash < 0 ? QByteArray() : requestId.mid(dash + 1);
    // The manual's numbers have 9 digits; a tail of anything else is not one.
    if (tail.size() < 6 || tail.size() > 12
        || !std::all_of(tail.cbegin(), tail.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return tail.toLongLong();
}

ErrorExplanation ErrorCatalogue::withErrorNumber(ErrorExplanation explanation, const QByteArray &requestId)
{
    const std::optional<qint64> number = errorNumber(requestId);
    if (!number)
        return explanation;
    // PRODUCT_COUPON.md §9.2, as the 商品券 troubleshooting manual prints them.
    static const QHash<qint64, const char *> Meanings{
        {268578608, "当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建"},
        {268579803, "服务商没有此接口权限"},
        {268577984, "商品券批次状态不是发放中"},
        {268578927, "相同单号但请求数据不一致"},
        {268435461, "参数非法"},
        {268435462, "参数过长"},
        {268435463, "参数过短"},
        {268435464, "参数超出取值范围"},
        {268578101, "入参不合法"},
        {268578224, "参数错误，请根据接口文档检查字段要求"},
        {270924289, "频率过快"},
    };
    const char *meaning = Meanings.value(*number);
    explanation.explanationZh += meaning
        ? QStringLiteral("（错误码 %1：%2）").arg(*number).arg(QString::fromUtf8(meaning))
        : QStringLiteral("（错误码 %1）").arg(*number);
    explanation.en += QStringLiteral(" (error number %1)").arg(*number);
    return explanation;
}

QString ErrorCatalogue::normaliseMessage(const QString &message)
{
    QString normalised = message.trimmed();
    normalised.replace(u'，', u',').replace(u'。', u'.').replace(u'：', u':');
    normalised.remove(u' ');
    while (!normalised.isEmpty() && QStringLiteral(".!！;；,").contains(normalised.back()))
        normalised.chop(1);
    return normalised;
}

ErrorExplanation ErrorCatalogue::explainVerification(const ResponseVerification &verification, Subject subject)
{
    using S = ResponseVerification::Status;
    // After a change BudgetDesk has already checked the batch; after a lookup there is nothing
    // to check, only to look again.
    const QString checked = subject == Subject::Change ? QStringLiteral("BudgetDesk 已查询批次核对结果。")
                                                       : QStringLiteral("查询结果未被采用，请重新查询。");
    QString solution;
    switch (verification.status()) {
    case S::Verified:
        return {};
    case S::ClockSkew:
        solution = QStringLiteral("开启系统的自动对时后重试；") + checked;
        break;
    case S::UnknownSerial:
        solution = QStringLiteral("核对配置中的微信支付公钥 ID 与公钥文件；使用平台证书的商户请更新平台证书。");
        break;
    case S::SignatureProbe:
        solution = subject == Subject::Change
            ? QStringLiteral("无需处理：BudgetDesk 已查询批次核对结果；如需确认可再次查询。")
            : QStringLiteral("无需处理：这是微信支付的验签探测，重新查询即可。");
        break;
    case S::SignatureMismatch:
    case S::MalformedSignature:
        solution
            = QStringLiteral("核对配置的微信支付公钥是否为本商户号下载的；若网络中有代理改写了应答，请联系管理员。");
        break;
    case S::MissingHeader:
    case S::MalformedTimestamp:
        solution = QStringLiteral("应答可能并非来自微信支付（代理或网关改写）；") + checked;
        break;
    }
    const BilingualText text = verification.text();
    return {text.zh, solution, text.en};
}

namespace {

// The first row of `table` that fits the answer, most specific first.
template<std::size_t N>
std::optional<ErrorExplanation> find(const Entry (&table)[N], int httpStatus, const QString &code,
                                     const QString &message)
{
    const QString normalised = ErrorCatalogue::normaliseMessage(message);
    for (const Entry &entry : table) {
        if (matches(entry, httpStatus, code, normalised))
            return ErrorExplanation{QString::fromUtf8(entry.explanationZh), QString::fromUtf8(entry.solutionZh),
                                    QString::fromUtf8(entry.en)};
    }
    return std::nullopt;
}

} // namespace

ErrorExplanation ErrorCatalogue::explain(int httpStatus, const QString &code, const QString &message)
{
    if (auto known = find(Entries, httpStatus, code, message))
        return *known;
    if (httpStatus >= 500)
        return explain(500, QString(), QString());
    return {
        QStringLiteral("微信支付返回了未收录的错误（HTTP %1，%2）。").arg(httpStatus).arg(code),
        QStringLiteral("请根据返回的 message 处理，并保留 Request-ID 以便联系微信支付。"),
        QStringLiteral("WeChat Pay answered with an undocumented error (HTTP %1, %2); keep the Request-ID for support.")
            .arg(httpStatus)
            .arg(code)};
}

ErrorExplanation ErrorCatalogue::explainLookup(int httpStatus, const QString &code, const QString &message)
{
    if (auto known = find(LookupEntries, httpStatus, code, message))
        return *known;
    if (httpStatus >= 500)
        return explainLookup(500, QString(), QString());
    // Everything else reads the same for a lookup (a wrong batch ID, another merchant's batch,
    // a signature problem) — unless it was written about retrying a change.
    const ErrorExplanation forChange = explain(httpStatus, code, message);
    const QString all = forChange.explanationZh + u'|' + forChange.solutionZh + u'|' + forChange.en;
    static const char *const AboutAChange[]
        = {"请求单号", "修改是否生效", "本次修改", "确认修改", "当前值", "核对结果", "request number", "the change"};
    if (std::none_of(std::begin(AboutAChange), std::end(AboutAChange),
                     [&](const char *words) { return all.contains(QString::fromUtf8(words), Qt::CaseInsensitive); }))
        return forChange;
    return {QStringLiteral("微信支付拒绝了这次查询（HTTP %1，%2）。").arg(httpStatus).arg(code),
            QStringLiteral("根据返回的 message 处理后重新查询。"),
            QStringLiteral("WeChat Pay refused the lookup (HTTP %1, %2); see the message, then look the batch up "
                           "again.")
                .arg(httpStatus)
                .arg(code)};
}

} // namespace budgetdesk
