#pragma once

#include "simulator/FaultPlan.h"
#include "simulator/ProductCouponCatalog.h"
#include "simulator/ProductCouponRoute.h"
#include "simulator/RateLimiter.h"
#include "simulator/RequestAuthenticator.h"
#include "simulator/SimulatorConfig.h"
#include "simulator/SimulatorExchange.h"
#include "simulator/StockListPageToken.h"

#include <QHash>
#include <QList>

#include <optional>

namespace budgetdesk::sim {

struct ProductCouponBudgetChange;

// The 商品券 endpoints behind WeChatPaySimulator (PRODUCT_COUPON.md §4-§8), answering as §15
// decides: GET batch, list batches, batch and 批次组 update-budget, for a 服务商 acting for an
// authorising brand and for the brand itself. Each caller sees only the batches it created;
// request numbers replay per caller and batch (or group); a rate limit per mchid or brand_id.
class ProductCouponService
{
public:
    ProductCouponService(const SimulatorConfig &config, ProductCouponCatalog catalog);

    // A request to a path under a 商品券 prefix whose signature `caller` made (already
    // checked). `applied` is set once a change is in effect, replays included, so that
    // drop-after-apply can lose its answer.
    SimResponse serve(const SimRequest &request, const Caller &caller, const QByteArray &path, const Faults &faults,
                      qint64 nowMs, bool &applied);

    const ProductCouponCatalog &catalog() const { return m_catalog; }
    ProductCouponCatalog &catalog() { return m_catalog; }

private:
    // Whose batches a request may see: the caller, and for a 服务商 the brand it acts for.
    struct Scope
    {
        Caller caller;
        QString brandId;

        bool toBrand() const { return caller.scheme == SignatureScheme::Brand; }
        QString key() const;
    };

    SimResponse getStock(const ProductCouponRoute &route, const SimRequest &request, const Caller &caller);
    SimResponse listStocks(const ProductCouponRoute &route, const SimRequest &request, const Caller &caller);
    SimResponse updateBudget(const ProductCouponRoute &route, const SimRequest &request, const Caller &caller,
                             const Faults &faults, qint64 nowMs, bool &applied);

    std::optional<SimResponse> brandSerialProblem(const SimRequest &request) const;
    std::optional<SimResponse> authorisationProblem(const Scope &scope) const;
    bool visible(const ProductCouponStock &stock, const Scope &scope) const;
    // The batches a change is for: the one batch, or every batch of the group; empty when the
    // caller cannot see them.
    QList<ProductCouponStock> targetsOf(const ProductCouponRoute &route, const Scope &scope) const;
    std::optional<SimResponse> refusalFor(const ProductCouponStock &stock, const ProductCouponBudgetChange &change,
                                          bool singleBatchCall, const Faults &faults, qint64 nowMs) const;
    SimResponse answerFor(const ProductCouponRoute &route, const Scope &scope) const;

    const SimulatorConfig &m_config;
    ProductCouponCatalog m_catalog;
    StockListPageToken m_pageTokens;
    RateLimiter m_rateLimiter;
    QHash<QString, QByteArray> m_appliedChanges; // caller/batch or group/out_request_no → its body
    QHash<QString, qint64> m_lastChange; // product_coupon_id/stock_id → when its budget last changed (ms)
};

} // namespace budgetdesk::sim
