#pragma once

#include "busifavor/StockDetails.h"
#include "busifavor/StockKey.h"
#include "common/BilingualText.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace budgetdesk {

struct BudgetChange;

// The 商品券 requests and answers (PRODUCT_COUPON.md §4–§8), for both variants: a 服务商 calls
// `/v3/marketing/partner/product-coupon/…` and names the brand (`brand_id` in the query or the
// body); a brand calls `/brand/marketing/product-coupon/…` and is named by its signature.
class ProductCouponApi
{
public:
    // A list request's filters (§6). `pageSize` 1–50; the server's default is 20.
    struct ListFilter
    {
        QString state; // AUDITING, SENDING, PAUSED, STOPPED, DEACTIVATED; empty: all
        QString bundleId; // only this group's batches
        int pageSize = 50;
    };

    // One page of a list answer.
    struct StockPage
    {
        QList<StockDetails> stocks;
        std::optional<qint64> totalCount; // on the first page only
        QString nextPageToken; // empty on the last page
    };

    static QByteArray stockPath(const StockKey &key);
    static QByteArray listPath(const QString &productCouponId, const QString &brandId, const ListFilter &filter,
                               const QString &pageToken);
    // update-budget of one batch, or of a group when the change names a bundle (§4, §8).
    static QByteArray budgetPath(const BudgetChange &change);
    // Compact JSON with only the pair of `update_mode` (and `brand_id` for a 服务商); these
    // exact bytes are signed and sent. Needs the change's current value.
    static QByteArray budgetBody(const BudgetChange &change);

    // A batch entity (§4.6), checked to be batch `expectedStockId` of `expectedProductCouponId`
    // (an empty expected stock ID accepts any batch of that product coupon).
    static Result<StockDetails, BilingualText>
    stockFromObject(const QJsonObject &object, const QString &expectedProductCouponId, const QString &expectedStockId);
    static Result<StockDetails, BilingualText> stockFromJson(const QByteArray &body, const StockKey &key);
    static Result<StockPage, BilingualText> pageFromJson(const QByteArray &body, const QString &productCouponId);
    // The group update's answer `{stock_bundle_id, stock_list}`: every batch of that group.
    static Result<QList<StockDetails>, BilingualText>
    bundleFromJson(const QByteArray &body, const QString &productCouponId, const QString &bundleId);

    // A brand_id this tool sends: 1–32 of [0-9A-Za-z_-]. No page gives its format (§2.3); the
    // examples are digits, and anything else could break the header's or the query's quoting.
    static bool isValidBrandId(const QString &brandId);
    // A product coupon (or batch-group) ID this tool puts in a path: product_coupon_id is
    // string(40) (§2.3); its characters are not published, so the same caution as for brand_id.
    static bool isValidProductCouponId(const QString &id);
    // `out_request_no`: 6–40 of [0-9A-Za-z_-] (§4.5).
    static bool isValidRequestNumber(const QString &number);
    // 1–100,000,000, the create-time maximum (§4.5): no larger target can be meant.
    static constexpr qint64 MaximumCount = 100000000;
    // A product coupon has at most 200 active batches (§2.1); expired ones add to that. A list
    // longer than this is not a product coupon's and is not followed further.
    static constexpr int MaximumListedStocks = 5000;
    static constexpr int MaximumPageSize = 50;

    static QString stateLabelZh(const QString &state); // 发放中, 已暂停…
};

} // namespace budgetdesk
