#include "simulator/ProductCouponService.h"

#include "simulator/ProductCouponBudgetChange.h"
#include "simulator/ProductCouponRefusal.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace budgetdesk::sim {

namespace {

constexpr qsizetype LongestProductCouponId = 40; // string(40), B-GPC
constexpr qsizetype LongestStockId = 64; // not published; generous
constexpr int DefaultPageSize = 20;
constexpr int LargestPageSize = 50;

QByteArray pageTokenKey()
{
    // Seeded: the same tokens on every run, so that a failing test can be replayed.
    QRandomGenerator generator(20261203);
    QByteArray key(32, Qt::Uninitialized);
    generator.fillRange(reinterpret_cast<quint32 *>(key.data()), key.size() / 4);
    return key;
}

QUrlQuery queryOf(const QByteArray &target)
{
    const qsizetype start = target.indexOf('?');
    return QUrlQuery(start < 0 ? QString() : QString::fromUtf8(target.mid(start + 1)));
}

QString queryItem(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

SimResponse brandIdMissing(const QString &location)
{
    return ProductCouponRefusal::parameter(QStringLiteral("brand_id"), QStringLiteral("brand_id 为必填字段"), location,
                                           ProductCouponRefusal::InvalidInput);
}

std::optional<SimResponse> pathProblem(const ProductCouponRoute &route)
{
    if (route.productCouponId.size() > LongestProductCouponId)
        return ProductCouponRefusal::parameter(QStringLiteral("product_coupon_id"),
                                               QStringLiteral("product_coupon_id 长度不能超过40个字符"),
                                               QStringLiteral("path"), ProductCouponRefusal::ParameterTooLong);
    if (route.stockId.size() > LongestStockId) {
        const QString field = route.endpoint == ProductCouponRoute::Endpoint::UpdateBundleBudget
            ? QStringLiteral("stock_bundle_id")
            : QStringLiteral("stock_id");
        return ProductCouponRefusal::parameter(field, QStringLiteral("%1 长度不能超过64个字符").arg(field),
                                               QStringLiteral("path"), ProductCouponRefusal::ParameterTooLong);
    }
    return std::nullopt;
}

} // namespace

QString ProductCouponService::Scope::key() const
{
    return toBrand() ? ProductCouponStock::brandOwner(caller.id) : ProductCouponStock::partnerOwner(caller.id);
}

ProductCouponService::ProductCouponService(const SimulatorConfig &config, ProductCouponCatalog catalog)
    : m_config(config)
    , m_catalog(std::move(catalog))
    , m_pageTokens(pageTokenKey())
{ }

SimResponse ProductCouponService::serve(const SimRequest &request, const Caller &caller, const QByteArray &path,
                                        const Faults &faults, qint64 nowMs, bool &applied)
{
    // "服务商代理多品牌时各品牌共用频率配额": one quota per mchid, whichever brand it acts for.
    const QString callerKey = Scope{caller, {}}.key();
    if (!m_rateLimiter.admit(callerKey, nowMs, m_config.productCouponRequestsPerSecond))
        return ProductCouponRefusal::rateLimited();
    if (caller.scheme == SignatureScheme::Brand) {
        if (auto problem = brandSerialProblem(request))
            return *problem;
    }
    const std::optional<ProductCouponRoute> route = ProductCouponRoute::match(request.method, path);
    if (!route)
        return SimResponse::error(404, "NOT_FOUND", QStringLiteral("请求的资源不存在"));
    if (auto problem = pathProblem(*route))
        return *problem;

    switch (route->endpoint) {
    case ProductCouponRoute::Endpoint::GetStock:
        return getStock(*route, request, caller);
    case ProductCouponRoute::Endpoint::ListStocks:
        return listStocks(*route, request, caller);
    case ProductCouponRoute::Endpoint::UpdateStockBudget:
    case ProductCouponRoute::Endpoint::UpdateBundleBudget:
        return updateBudget(*route, request, caller, faults, nowMs, applied);
    }
    return SimResponse::error(404, "NOT_FOUND", QStringLiteral("请求的资源不存在"));
}

// "请传入brand_id对应的微信支付公钥ID,接口将会校验两者的关联关系" (B-UB): the brand's only
// WeChat Pay public key is the one this simulator signs with.
std::optional<SimResponse> ProductCouponService::brandSerialProblem(const SimRequest &request) const
{
    const QByteArray serial = findHeader(request.headers, "Wechatpay-Serial").value_or(QByteArray());
    if (m_config.publicKeyIdentity && !serial.isEmpty() && serial == m_config.publicKeyIdentity->serial.toLatin1())
        return std::nullopt;
    return ProductCouponRefusal::parameter(QStringLiteral("Wechatpay-Serial"),
                                           QStringLiteral("Wechatpay-Serial 与 brand_id 不匹配"),
                                           QStringLiteral("header"));
}

std::optional<SimResponse> ProductCouponService::authorisationProblem(const Scope &scope) const
{
    if (scope.toBrand() || m_config.authorisedBrands.contains(scope.brandId))
        return std::nullopt;
    return ProductCouponRefusal::noAuthorisation();
}

bool ProductCouponService::visible(const ProductCouponStock &stock, const Scope &scope) const
{
    if (stock.owner() != scope.key())
        return false;
    return scope.toBrand() || stock.brandId() == scope.brandId;
}

SimResponse ProductCouponService::getStock(const ProductCouponRoute &route, const SimRequest &request,
                                           const Caller &caller)
{
    Scope scope{caller, caller.id};
    if (!scope.toBrand()) {
        scope.brandId = queryItem(queryOf(request.target), QStringLiteral("brand_id"));
        if (scope.brandId.isEmpty())
            return brandIdMissing(QStringLiteral("query"));
        if (auto problem = authorisationProblem(scope))
            return *problem;
    }
    const ProductCouponStock stock = m_catalog.stock(route.productCouponId, route.stockId);
    if (!m_catalog.contains(route.productCouponId, route.stockId) || !visible(stock, scope))
        return ProductCouponRefusal::notExists();
    return SimResponse::json(200, stock.answer(scope.toBrand()));
}

SimResponse ProductCouponService::listStocks(const ProductCouponRoute &route, const SimRequest &request,
                                             const Caller &caller)
{
    const QUrlQuery query = queryOf(request.target);
    Scope scope{caller, caller.id};
    if (!scope.toBrand()) {
        scope.brandId = queryItem(query, QStringLiteral("brand_id"));
        if (scope.brandId.isEmpty())
            return brandIdMissing(QStringLiteral("query"));
    }

    int pageSize = DefaultPageSize;
    if (const QString text = queryItem(query, QStringLiteral("page_size")); !text.isEmpty()) {
        bool ok = false;
        pageSize = text.toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > LargestPageSize)
            return ProductCouponRefusal::parameter(QStringLiteral("page_size"),
                                                   QStringLiteral("page_size 取值范围为1-50"), QStringLiteral("query"),
                                                   ProductCouponRefusal::ParameterOutOfRange);
    }
    const QString state = queryItem(query, QStringLiteral("state"));
    if (!state.isEmpty() && !ProductCouponStock::states().contains(state))
        return ProductCouponRefusal::parameter(
            QStringLiteral("state"),
            QStringLiteral("state 只能为 %1").arg(ProductCouponStock::states().join(QStringLiteral("、"))),
            QStringLiteral("query"));
    const QString bundleId = queryItem(query, QStringLiteral("stock_bundle_id"));
    if (bundleId.size() > LongestStockId)
        return ProductCouponRefusal::parameter(QStringLiteral("stock_bundle_id"),
                                               QStringLiteral("stock_bundle_id 长度不能超过64个字符"),
                                               QStringLiteral("query"), ProductCouponRefusal::ParameterTooLong);

    // A token continues the query it was issued for, and no other.
    const QByteArray pages
        = (scope.key() + u'\n' + scope.brandId + u'\n' + route.productCouponId + u'\n' + state + u'\n' + bundleId)
              .toUtf8();
    const QString token = queryItem(query, QStringLiteral("page_token"));
    qint64 offset = 0;
    if (!token.isEmpty()) {
        const std::optional<qint64> redeemed = m_pageTokens.redeem(pages, token.toUtf8());
        if (!redeemed)
            return ProductCouponRefusal::parameter(
                QStringLiteral("page_token"), QStringLiteral("page_token 无效，请传入上一次查询返回的 next_page_token"),
                QStringLiteral("query"));
        offset = *redeemed;
    }
    if (auto problem = authorisationProblem(scope))
        return *problem;

    QList<ProductCouponStock> ours;
    for (const ProductCouponStock &stock : m_catalog.stocksOf(route.productCouponId)) {
        if (visible(stock, scope))
            ours.append(stock);
    }
    if (ours.isEmpty())
        return ProductCouponRefusal::notExists();
    QList<ProductCouponStock> matching;
    for (const ProductCouponStock &stock : std::as_const(ours)) {
        if ((state.isEmpty() || stock.state() == state) && (bundleId.isEmpty() || stock.bundleId() == bundleId))
            matching.append(stock);
    }

    QJsonArray page;
    for (qint64 i = offset; i < qMin<qint64>(matching.size(), offset + pageSize); ++i)
        page.append(matching.at(i).answer(scope.toBrand()));
    QJsonObject answer{{QStringLiteral("stock_list"), page}};
    // "当且仅当 page_token 为空时提供" (B-LS-old).
    if (token.isEmpty())
        answer.insert(QStringLiteral("total_count"), matching.size());
    if (offset + pageSize < matching.size())
        answer.insert(QStringLiteral("next_page_token"),
                      QString::fromLatin1(m_pageTokens.issue(pages, offset + pageSize)));
    return SimResponse::json(200, answer);
}

QList<ProductCouponStock> ProductCouponService::targetsOf(const ProductCouponRoute &route, const Scope &scope) const
{
    QList<ProductCouponStock> targets;
    if (route.endpoint == ProductCouponRoute::Endpoint::UpdateStockBudget) {
        if (m_catalog.contains(route.productCouponId, route.stockId))
            targets.append(m_catalog.stock(route.productCouponId, route.stockId));
    } else {
        targets = m_catalog.bundle(route.productCouponId, route.stockId);
    }
    for (const ProductCouponStock &stock : std::as_const(targets)) {
        if (!visible(stock, scope))
            return {};
    }
    return targets;
}

std::optional<SimResponse> ProductCouponService::refusalFor(const ProductCouponStock &stock,
                                                            const ProductCouponBudgetChange &change,
                                                            bool singleBatchCall, const Faults &faults,
                                                            qint64 nowMs) const
{
    // "批次未失效或过期"; the older capture says "SENDING 或 PAUSED" (§4.2): both hold here.
    if (stock.state() != QLatin1String("SENDING") && stock.state() != QLatin1String("PAUSED"))
        return ProductCouponRefusal::invalidRequest(QStringLiteral("批次状态不允许修改预算"),
                                                    ProductCouponRefusal::NotSending);
    if (singleBatchCall && !stock.bundleId().isEmpty())
        return ProductCouponRefusal::invalidRequest(QStringLiteral("批次组内的批次请使用修改商品券批次组发放预算接口"));

    // The busy fault (and --modify-window) answer as for 商家券: 403 RULE_LIMIT 批次正在修改中.
    // Not 429: that would tell a client to slow down, when what it must learn is to cope with
    // a refusal outside §15's table — nothing applied, worth a later retry — by its status.
    // Like every refusal outside the 商品券 manual's list, it carries no number.
    const QString batchKey = stock.productCouponId() + u'/' + stock.stockId();
    if (faults.busy
        || (m_config.modificationWindowMs > 0 && m_lastChange.contains(batchKey)
            && nowMs - m_lastChange.value(batchKey) < m_config.modificationWindowMs))
        return SimResponse::error(403, "RULE_LIMIT", QStringLiteral("批次正在修改中,请稍后重试"));

    const bool daily = change.mode == ProductCouponBudgetChange::Mode::MaxCountPerDay;
    // Before the current value: a batch without a daily cap has no value to compare with.
    if (daily && !stock.maxCountPerDay())
        return ProductCouponRefusal::invalidRequest(QStringLiteral("批次未限制每日发放次数，无法修改为限制次数"));
    const qint64 live = daily ? *stock.maxCountPerDay() : stock.maxCount();
    if (change.current != live)
        return ProductCouponRefusal::invalidRequest(
            QStringLiteral("当前值与批次实际值不一致，请先查询批次详情获取最新值"));
    if (!daily && change.target < stock.totalSent())
        return ProductCouponRefusal::invalidRequest(QStringLiteral("目标发放次数总上限不得小于当前已发放总次数"));
    return std::nullopt;
}

SimResponse ProductCouponService::answerFor(const ProductCouponRoute &route, const Scope &scope) const
{
    if (route.endpoint == ProductCouponRoute::Endpoint::UpdateStockBudget)
        return SimResponse::json(200, m_catalog.stock(route.productCouponId, route.stockId).answer(scope.toBrand()));
    QJsonArray stages;
    for (const ProductCouponStock &stock : m_catalog.bundle(route.productCouponId, route.stockId))
        stages.append(stock.answer(scope.toBrand()));
    return SimResponse::json(
        200, {{QStringLiteral("stock_bundle_id"), route.stockId}, {QStringLiteral("stock_list"), stages}});
}

SimResponse ProductCouponService::updateBudget(const ProductCouponRoute &route, const SimRequest &request,
                                               const Caller &caller, const Faults &faults, qint64 nowMs, bool &applied)
{
    if (!findHeader(request.headers, "Content-Type").value_or(QByteArray()).startsWith("application/json"))
        return ProductCouponRefusal::invalidRequest(QStringLiteral("Http头Content-Type值必须为application/json"),
                                                    ProductCouponRefusal::IllegalParameter);
    const bool partner = caller.scheme == SignatureScheme::Merchant;
    auto parsed = ProductCouponBudgetChange::parse(request.body, partner);
    if (!parsed)
        return parsed.error();
    const ProductCouponBudgetChange &change = *parsed;
    const Scope scope{caller, partner ? change.brandId : caller.id};
    if (auto problem = authorisationProblem(scope))
        return *problem;
    const QList<ProductCouponStock> targets = targetsOf(route, scope);
    if (targets.isEmpty())
        return ProductCouponRefusal::notExists();

    const bool single = route.endpoint == ProductCouponRoute::Endpoint::UpdateStockBudget;
    // The number is the batch's (or group's): the same number elsewhere is a change of its own.
    const QString changeKey = scope.key() + u'/' + route.productCouponId
        + (single ? QStringLiteral("/stocks/") : QStringLiteral("/stock-bundles/")) + route.stockId + u'/'
        + change.requestNumber;
    if (auto previous = m_appliedChanges.constFind(changeKey); previous != m_appliedChanges.constEnd()) {
        if (*previous != request.body)
            return ProductCouponRefusal::invalidRequest(QStringLiteral("使用了相同单号，但与上次请求的数据不一致"),
                                                        ProductCouponRefusal::RequestNumberReused);
        applied = true; // in effect, so drop-after-apply drops replays too
        return answerFor(route, scope);
    }

    // A group changes as one: every batch is checked before any is touched.
    for (const ProductCouponStock &stock : targets) {
        if (auto refusal = refusalFor(stock, change, single, faults, nowMs))
            return *refusal;
    }
    for (ProductCouponStock stock : targets) {
        if (change.mode == ProductCouponBudgetChange::Mode::MaxCount)
            stock.setMaxCount(change.target);
        else
            stock.setMaxCountPerDay(change.target);
        m_catalog.put(stock);
        m_lastChange.insert(stock.productCouponId() + u'/' + stock.stockId(), nowMs);
    }
    m_appliedChanges.insert(changeKey, request.body);
    applied = true;
    return answerFor(route, scope);
}

} // namespace budgetdesk::sim
