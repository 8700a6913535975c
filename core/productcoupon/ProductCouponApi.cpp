#include "productcoupon/ProductCouponApi.h"

#include "busifavor/BudgetChange.h"
#include "busifavor/JsonFields.h"
#include "common/IdText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace budgetdesk {

namespace {

const QByteArray PartnerPrefix = "/v3/marketing/partner/product-coupon/product-coupons/";
const QByteArray BrandPrefix = "/brand/marketing/product-coupon/product-coupons/";

// A 服务商 names the brand it acts for; a brand is named by its signature (§3).
QByteArray prefix(const QString &brandId)
{
    return brandId.isEmpty() ? BrandPrefix : PartnerPrefix;
}

QByteArray encoded(const QString &segment)
{
    return QUrl::toPercentEncoding(segment);
}

// Query parameters as sent and signed: keys in a fixed order, values percent-encoded (a page
// token is Base64 and may hold '+', '/' or '=').
QByteArray query(const QList<std::pair<const char *, QString>> &parameters)
{
    QByteArray text;
    for (const auto &[name, value] : parameters) {
        if (value.isEmpty())
            continue;
        text += (text.isEmpty() ? "?" : "&") + QByteArray(name) + '=' + encoded(value);
    }
    return text;
}

BilingualText otherBatch(const QString &what, const QString &asked)
{
    return {QStringLiteral("应答描述的是 %1，而不是所查询的 %2，不予采用。").arg(what, asked),
            QStringLiteral("The answer describes %1, not %2 that was asked for; it is not used.").arg(what, asked)};
}

Result<QJsonObject, BilingualText> objectOf(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return JsonFields::notAnObject();
    return document.object();
}

} // namespace

QByteArray ProductCouponApi::stockPath(const StockKey &key)
{
    return prefix(key.brandId) + encoded(key.productCouponId) + "/stocks/" + encoded(key.stockId)
        + query({{"brand_id", key.brandId}});
}

QByteArray ProductCouponApi::listPath(const QString &productCouponId, const QString &brandId, const ListFilter &filter,
                                      const QString &pageToken)
{
    return prefix(brandId) + encoded(productCouponId) + "/stocks"
        + query({{"brand_id", brandId},
                 {"state", filter.state},
                 {"stock_bundle_id", filter.bundleId},
                 {"page_size", QString::number(filter.pageSize)},
                 {"page_token", pageToken}});
}

QByteArray ProductCouponApi::budgetPath(const BudgetChange &change)
{
    const QByteArray batch
        = change.isBundleChange() ? "/stock-bundles/" + encoded(change.bundleId) : "/stocks/" + encoded(change.stockId);
    return prefix(change.brandId) + encoded(change.productCouponId) + batch + "/update-budget";
}

QByteArray ProductCouponApi::budgetBody(const BudgetChange &change)
{
    const bool total = change.dimension == BudgetDimension::Total;
    QJsonObject json{
        {QStringLiteral("out_request_no"), change.requestNumber},
        {QStringLiteral("update_mode"), total ? QStringLiteral("MAX_COUNT") : QStringLiteral("MAX_COUNT_PER_DAY")},
        {total ? QStringLiteral("current_max_count") : QStringLiteral("current_max_count_per_day"),
         change.current.value_or(0)},
        {total ? QStringLiteral("target_max_count") : QStringLiteral("target_max_count_per_day"), change.target}};
    if (!change.brandId.isEmpty())
        json.insert(QStringLiteral("brand_id"), change.brandId);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

Result<StockDetails, BilingualText> ProductCouponApi::stockFromObject(const QJsonObject &object,
                                                                      const QString &expectedProductCouponId,
                                                                      const QString &expectedStockId)
{
    const JsonFields json(object);
    StockDetails stock;
    stock.family = CouponFamily::ProductCoupon;
    stock.raw = object;
    // As for 商家券: an answer about another batch must never stand in for the one asked about.
    auto productCouponId = json.requiredString("product_coupon_id");
    auto stockId = json.requiredString("stock_id");
    if (!productCouponId)
        return productCouponId.error();
    if (!stockId)
        return stockId.error();
    if (*productCouponId != expectedProductCouponId)
        return otherBatch(QStringLiteral("商品券 %1").arg(*productCouponId),
                          QStringLiteral("%1").arg(expectedProductCouponId));
    if (!expectedStockId.isEmpty() && *stockId != expectedStockId)
        return otherBatch(*stockId, expectedStockId);
    stock.productCouponId = *productCouponId;
    stock.stockId = *stockId;

    constexpr qint64 Max = MaximumCount;
    const JsonFields sendRule = json.object("stock_send_rule");
    const JsonFields sent = json.object("sent_count_info");
    const JsonFields bundle = json.object("stock_bundle_info");
    auto state = json.requiredString("state");
    auto remark = json.optionalString("remark");
    auto codeMode = json.optionalString("coupon_code_mode");
    auto brandId = json.optionalString("brand_id");
    auto maxCount = sendRule.requiredInteger("max_count", 0, Max);
    auto maxPerDay = sendRule.optionalInteger("max_count_per_day", 0, Max);
    auto perUser = sendRule.optionalInteger("max_count_per_user", 0, Max);
    auto totalSent = sent.requiredInteger("total_count", 0, Max);
    auto todaySent = sent.requiredInteger("today_count", 0, Max);
    const bool inBundle = object.contains(QStringLiteral("stock_bundle_info"));
    auto bundleId = inBundle ? bundle.requiredString("stock_bundle_id") : Result<QString, BilingualText>(QString());
    auto bundleIndex = bundle.optionalInteger("stock_bundle_index", 0, 1000);
    for (const BilingualText *problem :
         {state.ok() ? nullptr : &state.error(), remark.ok() ? nullptr : &remark.error(),
          codeMode.ok() ? nullptr : &codeMode.error(), brandId.ok() ? nullptr : &brandId.error(),
          maxCount.ok() ? nullptr : &maxCount.error(), maxPerDay.ok() ? nullptr : &maxPerDay.error(),
          perUser.ok() ? nullptr : &perUser.error(), totalSent.ok() ? nullptr : &totalSent.error(),
          todaySent.ok() ? nullptr : &todaySent.error(), bundleId.ok() ? nullptr : &bundleId.error(),
          bundleIndex.ok() ? nullptr : &bundleIndex.error()}) {
        if (problem)
            return *problem;
    }
    stock.stockState = *state;
    stock.stockName = remark->value_or(QString());
    stock.couponCodeMode = codeMode->value_or(QString());
    stock.brandId = brandId->value_or(QString());
    stock.maxCoupons = *maxCount;
    stock.maxCouponsByDay = *maxPerDay;
    stock.maxCouponsPerUser = perUser->value_or(0);
    stock.totalSendNum = *totalSent;
    stock.todaySendNum = *todaySent;
    stock.bundleId = *bundleId;
    stock.bundleIndex = *bundleIndex;
    // Codes uploaded in advance bound what UPLOAD mode can issue (§4.6, not the budget).
    if (stock.couponCodeMode == QLatin1String("UPLOAD")) {
        auto uploaded = json.object("coupon_code_count_info").optionalInteger("total_count", 0, Max);
        if (!uploaded)
            return uploaded.error();
        stock.uploadedCodeCount = *uploaded;
    }
    return stock;
}

Result<StockDetails, BilingualText> ProductCouponApi::stockFromJson(const QByteArray &body, const StockKey &key)
{
    auto object = objectOf(body);
    if (!object)
        return object.error();
    return stockFromObject(*object, key.productCouponId, key.stockId);
}

Result<ProductCouponApi::StockPage, BilingualText> ProductCouponApi::pageFromJson(const QByteArray &body,
                                                                                  const QString &productCouponId)
{
    auto object = objectOf(body);
    if (!object)
        return object.error();
    const JsonFields json(*object);
    auto total = json.optionalInteger("total_count", 0, MaximumListedStocks * 100);
    auto token = json.optionalString("next_page_token");
    if (!total)
        return total.error();
    if (!token)
        return token.error();
    const QJsonValue list = object->value(QStringLiteral("stock_list"));
    if (!list.isUndefined() && !list.isArray())
        return BilingualText{QStringLiteral("应答中的 stock_list 不是数组。"),
                             QStringLiteral("stock_list in the answer is not an array.")};
    StockPage page;
    page.totalCount = *total;
    page.nextPageToken = token->value_or(QString());
    const QJsonArray stocks = list.toArray();
    if (stocks.size() > MaximumPageSize)
        return BilingualText{QStringLiteral("一页应答列出了 %1 个批次，超过每页上限 50。").arg(stocks.size()),
                             QStringLiteral("A page lists %1 batches, more than the limit of 50.").arg(stocks.size())};
    for (const QJsonValue &entry : stocks) {
        auto stock = stockFromObject(entry.toObject(), productCouponId, {});
        if (!stock)
            return stock.error();
        page.stocks.append(std::move(stock).value());
    }
    return page;
}

Result<QList<StockDetails>, BilingualText>
ProductCouponApi::bundleFromJson(const QByteArray &body, const QString &productCouponId, const QString &bundleId)
{
    auto object = objectOf(body);
    if (!object)
        return object.error();
    auto answeredBundle = JsonFields(*object).requiredString("stock_bundle_id");
    if (!answeredBundle)
        return answeredBundle.error();
    if (*answeredBundle != bundleId)
        return otherBatch(QStringLiteral("批次组 %1").arg(*answeredBundle), QStringLiteral("批次组 %1").arg(bundleId));
    const QJsonArray list = object->value(QStringLiteral("stock_list")).toArray();
    if (list.isEmpty() || list.size() > MaximumPageSize)
        return BilingualText{QStringLiteral("应答没有列出批次组内的批次。"),
                             QStringLiteral("The answer does not list the group's batches.")};
    QList<StockDetails> stocks;
    for (const QJsonValue &entry : list) {
        auto stock = stockFromObject(entry.toObject(), productCouponId, {});
        if (!stock)
            return stock.error();
        if (stock->bundleId != bundleId)
            return otherBatch(QStringLiteral("批次 %1（不在该批次组内）").arg(stock->stockId),
                              QStringLiteral("批次组 %1").arg(bundleId));
        stocks.append(std::move(stock).value());
    }
    return stocks;
}

bool ProductCouponApi::isValidBrandId(const QString &brandId)
{
    return isIdText(brandId, 1, 32);
}

bool ProductCouponApi::isValidProductCouponId(const QString &id)
{
    return isIdText(id, 1, 40);
}

bool ProductCouponApi::isValidRequestNumber(const QString &number)
{
    return isIdText(number, 6, 40);
}

QString ProductCouponApi::stateLabelZh(const QString &state)
{
    static const QHash<QString, QString> labels{{QStringLiteral("AUDITING"), QStringLiteral("审批中")},
                                                {QStringLiteral("SENDING"), QStringLiteral("发放中")},
                                                {QStringLiteral("PAUSED"), QStringLiteral("已暂停")},
                                                {QStringLiteral("STOPPED"), QStringLiteral("已停止")},
                                                {QStringLiteral("DEACTIVATED"), QStringLiteral("已失效")}};
    return labels.value(state, state);
}

} // namespace budgetdesk
