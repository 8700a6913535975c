#include "simulator/WeChatPaySimulator.h"

#include "common/Utc.h"
#include "crypto/AesGcm.h"
#include "simulator/BudgetChangeRequest.h"
#include "simulator/ProductCouponRefusal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

namespace budgetdesk::sim {

namespace {

const QByteArray StockPrefix = "/v3/marketing/busifavor/stocks/";
const QByteArray BudgetSuffix = "/budget";
constexpr qsizetype MaximumStockIdLength = 20;

SimResponse ruleLimit(const QString &message)
{
    return SimResponse::error(403, "RULE_LIMIT", message);
}

SimResponse notFound(const QString &message)
{
    return SimResponse::error(404, "RESOURCE_NOT_EXISTS", message);
}

QByteArray httpDate(qint64 milliseconds)
{
    return QLocale::c()
               .toString(QDateTime::fromMSecsSinceEpoch(milliseconds, utc()),
                         QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
               .toLatin1()
        + " GMT";
}

// The stock_id path segment, percent-decoded; empty when the target is not that route.
std::optional<QString> stockIdFrom(const QByteArray &path, bool budget)
{
    if (!path.startsWith(StockPrefix))
        return std::nullopt;
    QByteArray segment = path.mid(StockPrefix.size());
    if (budget) {
        if (!segment.endsWith(BudgetSuffix))
            return std::nullopt;
        segment.chop(BudgetSuffix.size());
    }
    if (segment.contains('/'))
        return std::nullopt;
    return QUrl::fromPercentEncoding(segment);
}

} // namespace

WeChatPaySimulator::WeChatPaySimulator(SimulatorConfig config, StockCatalog stocks, std::shared_ptr<const Clock> clock)
    : WeChatPaySimulator(std::move(config), std::move(stocks), ProductCouponCatalog(), std::move(clock))
{ }

WeChatPaySimulator::WeChatPaySimulator(SimulatorConfig config, StockCatalog stocks, ProductCouponCatalog productCoupons,
                                       std::shared_ptr<const Clock> clock)
    : m_config(std::move(config))
    , m_stocks(std::move(stocks))
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_authenticator(m_config)
    , m_answerSigner(m_config)
    , m_productCoupons(m_config, std::move(productCoupons))
{
    for (auto it = m_config.issueRatesPerMinute.cbegin(); it != m_config.issueRatesPerMinute.cend(); ++it)
        m_issuance.setRate(it.key(), it.value());
    m_issuance.advance(m_clock->nowMilliseconds(), m_stocks, m_productCoupons.catalog()); // starts its clock
}

QByteArray WeChatPaySimulator::nextRequestId()
{
    // Shaped like the real ones: long uppercase hex, unique per answer.
    return QByteArray::number(m_clock->nowMilliseconds(), 16).toUpper().rightJustified(12, '0')
        + QByteArray::number(m_requestCount, 16).toUpper().rightJustified(8, '0')
        + QByteArray::number(QRandomGenerator::global()->generate64(), 16).toUpper().rightJustified(16, '0');
}

SimResponse WeChatPaySimulator::handle(const SimRequest &request)
{
    ++m_requestCount;
    // Coupons issued since the last request, before anything reads a batch.
    m_issuance.advance(m_clock->nowMilliseconds(), m_stocks, m_productCoupons.catalog());
    const Faults faults = m_faults.next();
    // With a skew fault the simulator's clock is off, as a badly set server or client would be.
    const qint64 nowMs = m_clock->nowMilliseconds() + faults.skewSeconds * 1000;

    // A captive portal or filtering gateway (hotel Wi-Fi, an office proxy) answering a budget
    // change itself: 200 and a page of its own, unsigned, the service never reached. Lookups
    // pass, so the checking lookup finds the change not applied, and nothing left on its way.
    if (faults.portal && request.method != "GET") {
        SimResponse portal;
        portal.addHeader("Content-Type", "text/html; charset=utf-8");
        portal.addHeader("Date", httpDate(nowMs));
        portal.body
            = QByteArrayLiteral("<html><body><h1>请先登录网络 / Please sign in to the network</h1></body></html>");
        return portal;
    }
    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray path = queryStart < 0 ? request.target : request.target.left(queryStart);
    const std::optional<SignatureScheme> productCoupon = ProductCouponRoute::schemeFor(path);

    bool applied = false;
    bool authenticated = false;
    SimResponse response;
    // The drop-*-apply faults concern budget changes only: the lookup that checks a lost change
    // is answered, so what reconciliation makes of it can be seen. `drop` closes everything.
    if (faults.dropAll || (faults.dropBeforeApply && request.method != "GET")) {
        response.delivery = SimResponse::Delivery::DropConnection;
    } else {
        response = dispatch(request, path, productCoupon, faults, nowMs, applied, authenticated);
        if (applied && faults.dropAfterApply)
            response.delivery = SimResponse::Delivery::DropConnection;
    }
    if (request.method != "GET") {
        if (m_changesSeen.size() >= MaximumChangesSeen)
            m_changesSeen.removeFirst();
        m_changesSeen.append({path, request.body, applied});
    }

    QByteArray requestId = nextRequestId();
    if (response.errorNumber != 0)
        requestId += '-' + QByteArray::number(response.errorNumber);
    response.addHeader("Request-ID", requestId);
    response.addHeader("Date", httpDate(nowMs));
    // WeChat Pay signs every answer once it has accepted the request's signature — refusals
    // and server errors too; a 401 SIGN_ERROR (or a request it could not even read) stays
    // unsigned. The demo's signature faults concern successful answers only. A brand's
    // answers are verified with the WeChat Pay public key, never a platform certificate.
    if (authenticated && m_config.authenticationEnabled) {
        const Faults &answerFaults = response.isSuccess() ? faults : Faults{};
        if (productCoupon == SignatureScheme::Brand && m_config.publicKeyIdentity)
            m_answerSigner.sign(response, &*m_config.publicKeyIdentity, nowMs / 1000, answerFaults);
        else
            m_answerSigner.sign(response, request, nowMs / 1000, answerFaults);
    }
    response.delayMilliseconds = faults.delayMilliseconds;
    return response;
}

SimResponse WeChatPaySimulator::dispatch(const SimRequest &request, const QByteArray &path,
                                         std::optional<SignatureScheme> productCoupon, const Faults &faults,
                                         qint64 nowMs, bool &applied, bool &authenticated)
{
    if (!findHeader(request.headers, "Accept") || !findHeader(request.headers, "User-Agent"))
        return SimResponse::error(400, "INVALID_REQUEST", QStringLiteral("Http头缺少Accept或User-Agent"));

    // Without authentication (the benchmark's baseline) the caller is whom the path expects.
    Caller caller{productCoupon.value_or(SignatureScheme::Merchant),
                  productCoupon == SignatureScheme::Brand ? m_config.brandId : m_config.mchid};
    if (m_config.authenticationEnabled) {
        if (productCoupon) {
            auto accepted = m_authenticator.authenticate(request, nowMs / 1000, *productCoupon);
            if (!accepted)
                return std::move(accepted).error();
            caller = *accepted;
        } else if (auto rejection = m_authenticator.check(request, nowMs / 1000)) {
            return *rejection;
        }
    }
    authenticated = true;
    if (faults.status == 429)
        return productCoupon
            ? ProductCouponRefusal::rateLimited()
            : SimResponse::error(429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁，请降低调用接口频率"));
    if (faults.status != 0)
        return faults.status == 500
            ? SimResponse::error(500, "SYSTEM_ERROR", QStringLiteral("系统异常，请稍后重试"))
            : SimResponse::error(faults.status, "SERVICE_UNAVAILABLE", QStringLiteral("服务不可用，请稍后重试"));
    if (productCoupon)
        return m_productCoupons.serve(request, caller, path, faults, nowMs, applied);
    if (!m_rateLimiter.admit(m_config.mchid, nowMs, m_config.requestsPerSecond))
        return SimResponse::error(429, "FREQUENCY_LIMITED", QStringLiteral("调用太频繁，请降低调用接口频率"));

    if (request.method == "GET" && path == "/v3/certificates")
        return certificates();
    if (request.method == "GET") {
        if (auto stockId = stockIdFrom(path, false))
            return getStock(*stockId);
    }
    if (request.method == "PATCH") {
        if (auto stockId = stockIdFrom(path, true))
            return changeBudget(*stockId, request, faults, nowMs, applied);
    }
    return SimResponse::error(404, "NOT_FOUND", QStringLiteral("请求的资源不存在"));
}

SimResponse WeChatPaySimulator::getStock(const QString &stockId) const
{
    if (stockId.isEmpty() || stockId.size() > MaximumStockIdLength)
        return SimResponse::parameterError(QStringLiteral("stock_id"), QStringLiteral("stock_id长度应为1-20个字符"),
                                           QStringLiteral("path"));
    if (!m_stocks.contains(stockId))
        return notFound(QStringLiteral("批次不存在"));
    return SimResponse::json(200, m_stocks.stock(stockId).json());
}

SimResponse WeChatPaySimulator::changeBudget(const QString &stockId, const SimRequest &request, const Faults &faults,
                                             qint64 nowMs, bool &applied)
{
    if (!findHeader(request.headers, "Content-Type").value_or(QByteArray()).startsWith("application/json"))
        return SimResponse::error(400, "INVALID_REQUEST", QStringLiteral("Http头Content-Type值必须为application/json"));
    if (stockId.isEmpty() || stockId.size() > MaximumStockIdLength)
        return SimResponse::parameterError(QStringLiteral("stock_id"), QStringLiteral("stock_id长度应为1-20个字符"),
                                           QStringLiteral("path"));
    auto parsed = BudgetChangeRequest::parse(request.body);
    if (!parsed)
        return parsed.error();
    const BudgetChangeRequest &change = *parsed;

    // The same request number for the same batch again: the first answer for the same body,
    // an error otherwise. The number is the batch's: the same number for another batch is a
    // change of its own.
    const QString changeKey = m_config.mchid + u'/' + stockId + u'/' + change.requestNumber;
    if (auto previous = m_appliedChanges.constFind(changeKey); previous != m_appliedChanges.constEnd()) {
        if (previous->body != request.body)
            return SimResponse::parameterError(QStringLiteral("modify_budget_request_no"),
                                               QStringLiteral("修改预算请求单据号重复，且请求内容与首次请求不一致"));
        applied = true; // in effect, so drop-after-apply drops replays too
        SimResponse replay;
        replay.body = previous->answer;
        replay.addHeader("Content-Type", "application/json; charset=utf-8");
        return replay;
    }

    if (!m_stocks.contains(stockId))
        return notFound(QStringLiteral("批次不存在"));
    SimulatedStock stock = m_stocks.stock(stockId);
    if (stock.owner() != m_config.mchid)
        return ruleLimit(QStringLiteral("仅创建方有权限使券失效"));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, utc());
    if (stock.state() == QLatin1String("STOPED") || (stock.endTime().isValid() && stock.endTime() <= now))
        return notFound(QStringLiteral("批次已过期"));
    if (faults.busy
        || (m_config.modificationWindowMs > 0 && m_lastChange.contains(stockId)
            && nowMs - m_lastChange.value(stockId) < m_config.modificationWindowMs))
        return ruleLimit(QStringLiteral("批次正在修改中,请稍后重试"));

    const bool total = change.changesTotal();
    const qint64 current = total ? stock.maxCoupons() : stock.maxCouponsByDay();
    if (current != (total ? *change.currentMaxCoupons : *change.currentMaxCouponsByDay))
        return ruleLimit(QStringLiteral("批次库存的当前值错误,请获取批次详情查看最新值"));
    if (total && *change.targetMaxCoupons < stock.totalSent())
        return ruleLimit(QStringLiteral("目标库存数目不能小于批次已发放库存数目"));

    if (total)
        stock.setMaxCoupons(*change.targetMaxCoupons);
    else
        stock.setMaxCouponsByDay(*change.targetMaxCouponsByDay);
    m_stocks.put(stock);
    m_lastChange.insert(stockId, nowMs);
    applied = true;

    QJsonObject answer{{QStringLiteral("max_coupons"), stock.maxCoupons()}};
    if (stock.maxCouponsByDay() > 0)
        answer.insert(QStringLiteral("max_coupons_by_day"), stock.maxCouponsByDay());
    SimResponse response = SimResponse::json(200, answer);
    m_appliedChanges.insert(changeKey, {request.body, response.body});
    return response;
}

SimResponse WeChatPaySimulator::certificates() const
{
    const std::optional<PlatformIdentity> &identity = m_config.certificateIdentity;
    if (!identity || !identity->certificate)
        return notFound(QStringLiteral("无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引"
                                       "https://pay.weixin.qq.com/docs/merchant/products/platform-certificate/"
                                       "wxp-pub-key-guide.html"));

    const Certificate &certificate = *identity->certificate;
    const QByteArray nonce = QByteArray::number(m_requestCount, 16).rightJustified(12, '0').right(12);
    const QByteArray associatedData = "certificate";
    auto ciphertext = aesGcmEncrypt(m_config.apiV3Key, nonce, associatedData, certificate.toPem());
    if (!ciphertext)
        return SimResponse::error(500, "SYSTEM_ERROR", QStringLiteral("系统异常，请稍后重试"));
    const QJsonObject entry{{QStringLiteral("serial_no"), certificate.serialNumber()},
                            {QStringLiteral("effective_time"), SimulatedStock::formatTime(certificate.notBefore())},
                            {QStringLiteral("expire_time"), SimulatedStock::formatTime(certificate.notAfter())},
                            {QStringLiteral("encrypt_certificate"),
                             QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                                         {QStringLiteral("nonce"), QString::fromLatin1(nonce)},
                                         {QStringLiteral("associated_data"), QString::fromLatin1(associatedData)},
                                         {QStringLiteral("ciphertext"), QString::fromLatin1(ciphertext->toBase64())}}}};
    return SimResponse::json(200, QJsonObject{{QStringLiteral("data"), QJsonArray{entry}}});
}

} // namespace budgetdesk::sim
