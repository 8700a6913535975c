#pragma once

#include "auth/RequestSigner.h"
#include "auth/ResponseValidator.h"
#include "busifavor/BudgetOutcome.h"
#include "busifavor/StockQueryResult.h"
#include "http/ClientSettings.h"
#include "http/ClockOffsetMeter.h"
#include "productcoupon/StockListQuery.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace budgetdesk {

class BusifavorClient;
class PlatformCertificateDownload;
class SignedExchange;

// Called with the complete change (current value and request number filled in) just before
// it is sent; an error stops it unsent. The audit log writes its pending entry here.
using BeforeSend = std::function<std::optional<BilingualText>(const BudgetChange &change)>;

// A running lookup. Deletes itself after finished().
class StockQuery : public QObject
{
    Q_OBJECT

public:
    void cancel();

Q_SIGNALS:
    void finished(const budgetdesk::StockQueryResult &result);

private:
    friend class BusifavorClient;
    StockQuery(BusifavorClient &client, StockKey key);
    void start();

    BusifavorClient &m_client;
    StockKey m_key;
    QPointer<SignedExchange> m_exchange;
};

// A running budget change: the lookup for the current value when none was given, the
// validation, the PATCH with its retries and failover, and reconciliation after an ambiguous
// end. Deletes itself after finished().
class BudgetModification : public QObject
{
    Q_OBJECT

public:
    enum class Stage { LookingUp, Sending, Reconciling };
    Q_ENUM(Stage)

    // After sending, a cancel makes the outcome ambiguous; it is still reconciled unless
    // cancelled again.
    void cancel();
    // Set before it starts, when this is a retry of a change that was sent before (the same
    // request number) and may have applied: then even a refusal of the first attempt here
    // may only answer a replay, and is reconciled rather than reported as rejected.
    void setEarlierAttemptsMayHaveApplied(bool may) { m_earlierAttemptsMayHaveApplied = may; }
    // …and when one of those may not even have reached its end yet (sent moments ago), a
    // lookup showing the starting value cannot mean "not applied".
    void setEarlierAttemptsMayStillBeInFlight(bool may) { m_earlierAttemptsMayStillBeInFlight = may; }
    // The batch's name, when this change looked the batch up itself (no current value given):
    // the audit trail records it with the change.
    QString lookedUpStockName() const
    {
        return m_outcome.lookup && m_outcome.lookup->stock ? m_outcome.lookup->stock->stockName : QString();
    }

Q_SIGNALS:
    void stageChanged(budgetdesk::BudgetModification::Stage stage);
    // The change's request has left this computer (whole) at least once: from here on it may
    // apply whatever happens to the answer.
    void requestSent();
    void finished(const budgetdesk::BudgetOutcome &outcome);

private:
    friend class BusifavorClient;
    BudgetModification(BusifavorClient &client, BudgetChange change, BeforeSend beforeSend);
    void start();
    void lookupFinished(const StockQueryResult &result);
    void bundleLookupFinished(const StockListResult &result);
    void send(const std::optional<StockDetails> &stock);
    void validateAndSend(QList<BudgetProblem> problems);
    void patchFinished();
    void judgeSuccess(const HttpAnswer &answer);
    // The value the verified answer names for the changed dimension, or why it names none.
    Result<std::optional<qint64>, BilingualText> namedValue(const HttpAnswer &answer);
    void reconcile(BudgetOutcome::Ambiguity ambiguity);
    void reconciliationFinished(const StockQueryResult &result);
    void bundleReconciliationFinished(const StockListResult &result);
    void settle(const ReconciliationVerdict &verdict, const StockDetails &seen);
    void finish();

    BusifavorClient &m_client;
    BeforeSend m_beforeSend;
    BudgetOutcome m_outcome;
    QPointer<StockQuery> m_query;
    QPointer<StockListQuery> m_listQuery;
    QPointer<SignedExchange> m_exchange;
    int m_cancels = 0;
    bool m_earlierAttemptsMayHaveApplied = false;
    bool m_earlierAttemptsMayStillBeInFlight = false;
    bool m_mayStillBeInFlight = false;
};

// The budget calls for one caller, each request on a connection of its own (HttpAttempt):
// 商家券 `GET …/busifavor/stocks/{stock_id}` and `PATCH …/budget` (PROTOCOL.md §4–§6), and
// 商品券 lookup, list and update-budget, of one batch or a group (PRODUCT_COUPON.md §4–§8), as a
// 服务商 or as the brand itself. Everything is asynchronous; nothing blocks the thread it runs on.
class BusifavorClient : public QObject
{
    Q_OBJECT

public:
    BusifavorClient(MerchantCredentials credentials, VerificationKeys keys, ClientSettings settings,
                    std::shared_ptr<const Clock> clock = nullptr, QObject *parent = nullptr);
    ~BusifavorClient() override;

    StockQuery *queryStock(const QString &stockId) { return queryStock(StockKey::busifavor(stockId)); }
    StockQuery *queryStock(const StockKey &key);
    // Every batch of a 商品券 (the filter's state and group only). `brandId`: the brand a
    // 服务商 acts for; ignored for a brand caller.
    StockListQuery *listStocks(const QString &productCouponId, const QString &brandId,
                               const ProductCouponApi::ListFilter &filter = {});
    // GET /v3/certificates, decrypted with the APIv3 key and checked against itself.
    PlatformCertificateDownload *downloadPlatformCertificates(const QByteArray &apiV3Key);

    const VerificationKeys &verificationKeys() const { return m_validator.keys(); }
    void setVerificationKeys(VerificationKeys keys) { m_validator.setKeys(std::move(keys)); }
    // Called when a 2xx answer names a serial no key is known for (a rotated platform
    // certificate): refresh the keys, then call `done` and the answer is checked again.
    using UnknownSerialHandler = std::function<void(std::function<void()> done)>;
    void setUnknownSerialHandler(UnknownSerialHandler handler) { m_unknownSerialHandler = std::move(handler); }
    BudgetModification *modifyBudget(BudgetChange change, BeforeSend beforeSend = {});

    const ClientSettings &settings() const { return m_settings; }
    const ClockOffsetMeter &clockOffset() const { return m_clockOffset; }
    const RequestSigner &signer() const { return m_signer; }
    bool callsAsBrand() const { return m_signer.credentials().isBrand(); }
    QDateTime now() const;

private:
    friend class StockQuery;
    friend class StockListQuery;
    friend class BudgetModification;
    friend class PlatformCertificateDownload;
    SignedExchange *exchange(SignedExchange::Request request, QObject *owner);

    RequestSigner m_signer;
    ResponseValidator m_validator;
    ClientSettings m_settings;
    std::shared_ptr<const Clock> m_clock;
    ClockOffsetMeter m_clockOffset;
    UnknownSerialHandler m_unknownSerialHandler;
};

} // namespace budgetdesk
