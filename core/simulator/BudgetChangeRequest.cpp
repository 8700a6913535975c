#include "simulator/BudgetChangeRequest.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace budgetdesk::sim {

namespace {

constexpr qint64 MaximumCount = 1000000000; // 10^9, the documented upper bound
constexpr qsizetype MaximumRequestNumberLength = 128;

struct FieldError
{
    SimResponse response;
};

// An optional integer member: absent → nullopt; present but not an integer → PARAM_ERROR.
Result<std::optional<qint64>, FieldError> integerField(const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined())
        return std::optional<qint64>();
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number || std::abs(number) > 9.0e15)
        return FieldError{SimResponse::parameterError(field, QStringLiteral("%1应为整数").arg(field))};
    return std::optional<qint64>(static_cast<qint64>(number));
}

} // namespace

Result<BudgetChangeRequest, SimResponse> BudgetChangeRequest::parse(const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return SimResponse::parameterError(QStringLiteral("/"), QStringLiteral("请求体不是合法的JSON对象"));
    const QJsonObject json = document.object();

    BudgetChangeRequest request;
    struct
    {
        const char *name;
        std::optional<qint64> BudgetChangeRequest::*member;
    } const fields[] = {
        {"target_max_coupons", &BudgetChangeRequest::targetMaxCoupons},
        {"current_max_coupons", &BudgetChangeRequest::currentMaxCoupons},
        {"target_max_coupons_by_day", &BudgetChangeRequest::targetMaxCouponsByDay},
        {"current_max_coupons_by_day", &BudgetChangeRequest::currentMaxCouponsByDay},
    };
    for (const auto &field : fields) {
        auto value = integerField(json, QString::fromLatin1(field.name));
        if (!value)
            return value.error().response;
        request.*field.member = *value;
    }

    const QJsonValue number = json.value(QStringLiteral("modify_budget_request_no"));
    if (!number.isString())
        return SimResponse::parameterError(QStringLiteral("modify_budget_request_no"),
                                           QStringLiteral("modify_budget_request_no为必填字符串"));
    request.requestNumber = number.toString();
    if (request.requestNumber.isEmpty() || request.requestNumber.size() > MaximumRequestNumberLength)
        return SimResponse::parameterError(QStringLiteral("modify_budget_request_no"),
                                           QStringLiteral("modify_budget_request_no长度应为1-128个字符"));

    if (request.targetMaxCoupons.has_value() == request.targetMaxCouponsByDay.has_value())
        return SimResponse::parameterError(QStringLiteral("target_max_coupons"),
                                           QStringLiteral("target_max_coupons与target_max_coupons_by_day只能修改一个"));

    const bool total = request.changesTotal();
    const QString targetField
        = total ? QStringLiteral("target_max_coupons") : QStringLiteral("target_max_coupons_by_day");
    const QString currentField
        = total ? QStringLiteral("current_max_coupons") : QStringLiteral("current_max_coupons_by_day");
    const qint64 target = total ? *request.targetMaxCoupons : *request.targetMaxCouponsByDay;
    const std::optional<qint64> current = total ? request.currentMaxCoupons : request.currentMaxCouponsByDay;
    if (target < 1 || target > MaximumCount)
        return SimResponse::parameterError(targetField, QStringLiteral("%1取值范围为1-1000000000").arg(targetField));
    if (!current)
        return SimResponse::parameterError(currentField,
                                           QStringLiteral("%1大于0时%2必填").arg(targetField, currentField));
    if (*current < 0 || *current > MaximumCount)
        return SimResponse::parameterError(currentField, QStringLiteral("%1取值范围为0-1000000000").arg(currentField));
    return request;
}

} // namespace budgetdesk::sim
