#pragma once

#include "auth/RequestSigner.h"
#include "busifavor/BudgetChange.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace budgetdesk {

struct BudgetOutcome;
struct ExchangeAttempt;

// What is written before a change is sent: enough to find the change again and to reconcile
// it if the program dies before the answer.
struct AuditChange
{
    QString profile;
    QString mchid;
    QString stockId;
    BudgetDimension dimension = BudgetDimension::Total;
    std::optional<qint64> current;
    qint64 target = 0;
    QString requestNumber;
    QString osUser; // the operating system's account, from the system
    QString source; // "cli", "window", "demo"
    // Since schema 3; empty in older entries. The batch's name as looked up before the change
    // (finance reads names, not 16-digit IDs), and the person at a shared PC as the profile
    // names them (MerchantProfile::operatorName) — the OS account alone may be shared.
    QString stockName;
    QString operatorName;
    // Since schema 4: 商品券 changes (PRODUCT_COUPON.md). `mchid` holds the brand_id when the
    // brand itself signed (identity brand); `brandId` is the brand acted for or signing.
    CouponFamily family = CouponFamily::Busifavor;
    QString productCouponId;
    QString bundleId;
    QString brandId;
    CallerIdentity identity = CallerIdentity::Merchant;
    // Since schema 5: the bulk run (批量修改) it was sent by; empty for a change made alone.
    QString runId;

    // The batch (or group) as a change of its family: for reconciling and re-sending.
    BudgetChange budgetChange() const;
    // update_mode for 商品券 (MAX_COUNT, MAX_COUNT_PER_DAY), the 商家券 field otherwise.
    QString mode() const;
};

// One request that left for WeChat Pay: which domain, the timestamp and nonce it was signed
// with, and how it ended. Every attempt of a change has one.
struct AuditAttempt
{
    QString domain;
    QString timestamp;
    QString nonce;
    int httpStatus = 0;
    QString error; // NetworkFailure::name() when no answer came
    QString detail;
    QByteArray requestId;
    bool sent = false; // the whole request left this computer

    static QList<AuditAttempt> fromExchange(const QList<ExchangeAttempt> &attempts);
    QString summary() const; // "https://api.mch.weixin.qq.com 500" / "… connection_closed"
    QJsonObject toJson() const;
    static AuditAttempt fromJson(const QJsonObject &json);
};

// How the change ended, written once.
struct AuditCompletion
{
    QString outcome; // applied, rejected, unknown, not_applied
    int httpStatus = 0;
    QString code; // WeChat Pay's code, or the network failure's name
    QString message;
    QByteArray requestId;
    bool verified = false;
    QString domain;
    qint64 durationMs = 0;
    std::optional<qint64> observed; // what a reconciling lookup found
    bool reconciled = false;
    QList<AuditAttempt> attempts;

    static AuditCompletion fromOutcome(const BudgetOutcome &outcome, qint64 durationMs);
    // For the outbox that keeps an outcome the database refused until it can be written.
    QJsonObject toJson() const;
    static AuditCompletion fromJson(const QJsonObject &json);
};

// A later lookup (and, when it showed the starting value, a re-send of the same change with
// the same request number) that looked at a pending or unknown entry — appended, never
// overwriting. `note` says what was done, e.g. that the change was re-sent.
struct AuditReconciliation
{
    QDateTime time;
    QString outcome; // applied, not_applied, unknown
    std::optional<qint64> observed;
    QByteArray requestId;
    QString note;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime time;
    AuditChange change;
    std::optional<AuditCompletion> completion;
    // The one that decides: the latest that found it applied, else the latest of all.
    std::optional<AuditReconciliation> reconciliation;
    QList<AuditAttempt> attempts; // filled by AuditLog::entry() and history queries

    // pending, applied, rejected, unknown or not_applied — after any reconciliation. Once
    // applied by a verified answer or lookup, an entry stays applied.
    QString effectiveOutcome() const;
    // Pending, or unknown and never settled: shown as 未确认 with a 核对 action.
    bool isUnresolved() const;
    // Unresolved and written moments ago: its request may still be on its way (or in the
    // hands of a window still waiting for the answer), longer than any attempt with its
    // retries and failover can take.
    bool mayStillBeInFlight(const QDateTime &now) const;
    // When its change last left (or may have): the entry's time, or a later attempt's.
    QDateTime lastSent() const;
    static constexpr qint64 InFlightWindowSeconds = 300;
};

} // namespace budgetdesk
