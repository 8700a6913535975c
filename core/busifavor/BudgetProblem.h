#pragma once

#include "busifavor/BudgetChange.h"
#include "busifavor/StockDetails.h"
#include "common/BilingualText.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace budgetdesk {

// Something wrong with a budget change, found before anything is sent. Blocking problems
// stop the change; warnings are shown and the user decides.
class BudgetProblem
{
public:
    enum class Code {
        // blocking
        StockIdInvalid, // not 1–20 characters
        TargetOutOfRange, // not 1..10^9 (商品券 1..10^8); the value is the maximum
        TargetBelowIssued, // total below send_count_information.total_send_num
        TargetUnchanged, // equals the current value: nothing to do
        CurrentOutOfRange,
        NoDailyCap, // per-day change on a batch without a daily cap
        BatchNotRunning,
        BatchExpired, // past available_end_time
        RequestNumberInvalid, // not 1–128 of [0-9A-Za-z_-]
        Cancelled, // cancelled before it was sent
        // blocking, 商品券 (PRODUCT_COUPON.md §4)
        ProductCouponIdInvalid, // not 1–40 characters
        BrandIdMissing, // a 服务商 must name the brand it acts for
        OutRequestNumberInvalid, // out_request_no: not 6–40 of [0-9A-Za-z_-]
        StateRefusesChange, // not SENDING or PAUSED
        InBundle, // a batch of a group (批次组): only the group's call changes it
        BundleValuesDiffer, // the group's batches do not share the value to replace
        // warnings
        DailyBelowIssuedToday, // per-day target below today's issued count
        OwnedByOtherMerchant, // belong_merchant differs (normal for service providers)
        AboveUploadedCodes, // MERCHANT_UPLOAD: more coupons than uploaded codes
    };

    BudgetProblem(Code code, qint64 value = 0)
        : m_code(code)
        , m_value(value)
    { }

    Code code() const { return m_code; }
    qint64 value() const { return m_value; }
    bool isBlocking() const { return m_code < Code::DailyBelowIssuedToday; }
    // The field it concerns, for the form: "stock_id", "target", "current", "request_no".
    QString field() const;
    BilingualText text() const;

    static constexpr qint64 MaximumCount = 1000000000;

private:
    Code m_code;
    qint64 m_value; // the number the text quotes (issued count, end time, …)
};

// Every problem with `change`, given the batch as last looked up (when known) and `now`.
QList<BudgetProblem> validateBudgetChange(const BudgetChange &change, const std::optional<StockDetails> &stock,
                                          const QDateTime &now, const QString &mchid);
// …for a 商品券 group change, given every batch of the group: each must accept the change.
QList<BudgetProblem> validateBundleChange(const BudgetChange &change, const QList<StockDetails> &stocks);

bool hasBlockingProblem(const QList<BudgetProblem> &problems);

// The rule for `modify_budget_request_no` this tool enforces: 1–128 of [0-9A-Za-z_-].
bool isValidRequestNumber(const QString &number);

} // namespace budgetdesk
