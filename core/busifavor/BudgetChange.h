#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace budgetdesk {

enum class BudgetDimension {
    Total, // 批次总量: max_coupons
    PerDay, // 单日上限: max_coupons_by_day
};

// One budget change: a single dimension (the API takes one per call), its target, the value
// it replaces (a compare-and-set on WeChat Pay's side) and the request number that makes
// retries of this change idempotent.
struct BudgetChange
{
    QString stockId;
    BudgetDimension dimension = BudgetDimension::Total;
    qint64 target = 0;
    std::optional<qint64> current; // from a fresh lookup unless the user gave it
    QString requestNumber;

    // The PATCH body, compact JSON with only the fields that apply — never stock_id, never
    // null. Built once per change; these exact bytes are signed and sent. Needs `current`.
    QByteArray body() const;
    // "/v3/marketing/busifavor/stocks/<percent-encoded id>/budget"
    QByteArray path() const;
    static QByteArray stockPath(const QString &stockId);

    static QString dimensionLabelZh(BudgetDimension dimension); // 批次总量 / 单日上限
    static QString dimensionField(BudgetDimension dimension); // max_coupons / max_coupons_by_day
};

} // namespace budgetdesk
