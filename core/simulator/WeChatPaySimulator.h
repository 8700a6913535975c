#pragma once

#include "common/Clock.h"
#include "simulator/AnswerSigner.h"
#include "simulator/FaultPlan.h"
#include "simulator/Issuance.h"
#include "simulator/ProductCouponCatalog.h"
#include "simulator/ProductCouponService.h"
#include "simulator/RateLimiter.h"
#include "simulator/RequestAuthenticator.h"
#include "simulator/SimulatorConfig.h"
#include "simulator/SimulatorExchange.h"
#include "simulator/StockCatalog.h"

#include <QHash>
#include <QList>

#include <memory>

namespace budgetdesk::sim {

struct BudgetChangeRequest;

// WeChat Pay's busifavor budget endpoints as a pure function of requests: no sockets, so the
// same rules serve the loopback server, demo mode and direct tests.
//
// Served: GET /v3/marketing/busifavor/stocks/{stock_id}, PATCH …/{stock_id}/budget and
// GET /v3/certificates, with the real service's checks, error codes and messages (the API
// page's error table), answer signatures (on every answer to an authenticated request), a
// per-merchant rate limit, request-number idempotency per batch and faults on demand.
// The 商品券 endpoints, partner and brand, are ProductCouponService's, behind the same
// authentication, answer signatures and faults.
class WeChatPaySimulator
{
public:
    // No 商品券 batches.
    WeChatPaySimulator(SimulatorConfig config, StockCatalog stocks, std::shared_ptr<const Clock> clock = nullptr);
    WeChatPaySimulator(SimulatorConfig config, StockCatalog stocks, ProductCouponCatalog productCoupons,
                       std::shared_ptr<const Clock> clock = nullptr);

    SimResponse handle(const SimRequest &request);

    void setFaults(const FaultPlan &plan) { m_faults = plan; }
    const FaultPlan &faults() const { return m_faults; }

    const SimulatorConfig &config() const { return m_config; }
    // Off only to measure what authentication costs (tests/bench): no request signatures are
    // checked and no answers are signed.
    void setAuthenticationEnabled(bool enabled) { m_config.authenticationEnabled = enabled; }
    const StockCatalog &stocks() const { return m_stocks; }
    StockCatalog &stocks() { return m_stocks; }
    const ProductCouponCatalog &productCoupons() const { return m_productCoupons.catalog(); }
    ProductCouponCatalog &productCoupons() { return m_productCoupons.catalog(); }
    qint64 requestCount() const { return m_requestCount; }
    // Batches issuing over time; what they issued is worked out on every request.
    Issuance &issuance() { return m_issuance; }

    // Every request that was not a lookup (the last MaximumChangesSeen): what tests count to
    // prove a change went out once, or not at all.
    struct ChangeSeen
    {
        QByteArray path;
        QByteArray body;
        bool applied = false;
    };
    static constexpr int MaximumChangesSeen = 10000;
    const QList<ChangeSeen> &changesSeen() const { return m_changesSeen; }

private:
    struct AppliedChange
    {
        QByteArray body;
        QByteArray answer;
    };

    SimResponse dispatch(const SimRequest &request, const QByteArray &path,
                         std::optional<SignatureScheme> productCoupon, const Faults &faults, qint64 nowMs,
                         bool &applied, bool &authenticated);
    SimResponse getStock(const QString &stockId) const;
    SimResponse changeBudget(const QString &stockId, const SimRequest &request, const Faults &faults, qint64 nowMs,
                             bool &applied);
    SimResponse certificates() const;
    QByteArray nextRequestId();

    SimulatorConfig m_config;
    StockCatalog m_stocks;
    std::shared_ptr<const Clock> m_clock;
    RequestAuthenticator m_authenticator;
    AnswerSigner m_answerSigner;
    ProductCouponService m_productCoupons;
    FaultPlan m_faults;
    Issuance m_issuance;

    RateLimiter m_rateLimiter; // per merchant
    QList<ChangeSeen> m_changesSeen;
    QHash<QString, AppliedChange> m_appliedChanges; // mchid/stock_id/request number → what was applied
    QHash<QString, qint64> m_lastChange; // stock_id → when its budget last changed (ms)
    qint64 m_requestCount = 0;
};

} // namespace budgetdesk::sim
