// Input: the body of a 商品券 answer. It is read as a batch (lookup, single update-budget), as a
// page of the batch list and as a group's update-budget answer — the three readers the client
// trusts with numbers it then shows and sends. Whatever they accept must be about the product
// coupon (and batch, and group) asked for, with counts in range; anything else is refused.
#include "productcoupon/ProductCouponApi.h"

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkCounts(const StockDetails &stock)
{
    check(stock.isProductCoupon());
    check(stock.maxCoupons >= 0 && stock.totalSendNum >= 0);
    check(!stock.maxCouponsByDay || *stock.maxCouponsByDay >= 0);
    check(!stock.todaySendNum || *stock.todaySendNum >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const QString coupon = QStringLiteral("1000000013");
    const QString batch = QStringLiteral("1000000013001");

    const auto stock = ProductCouponApi::stockFromJson(body, {CouponFamily::ProductCoupon, batch, coupon, {}});
    if (stock) {
        check(stock->productCouponId == coupon && stock->stockId == batch);
        checkCounts(*stock);
    }
    if (const auto page = ProductCouponApi::pageFromJson(body, coupon)) {
        check(page->stocks.size() <= ProductCouponApi::MaximumListedStocks);
        for (const StockDetails &listed : page->stocks) {
            check(listed.productCouponId == coupon);
            checkCounts(listed);
        }
    }
    const QString group = QStringLiteral("712315129419284901");
    if (const auto stocks = ProductCouponApi::bundleFromJson(body, QStringLiteral("1000000014"), group)) {
        for (const StockDetails &member : *stocks) {
            check(member.productCouponId == QLatin1String("1000000014") && member.bundleId == group);
            checkCounts(member);
        }
    }
    return 0;
}
