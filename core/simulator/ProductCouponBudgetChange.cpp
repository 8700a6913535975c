#include "simulator/ProductCouponBudgetChange.h"

#include "simulator/ProductCouponRefusal.h"
#include "simulator/ProductCouponStock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace budgetdesk::sim {

namespace {

constexpr qsizetype ShortestRequestNumber = 6;
constexpr qsizetype LongestRequestNumber = 40;

SimResponse fieldError(const QString &field, const QString &message,
                       qint64 number = ProductCouponRefusal::IllegalParameter)
{
    return ProductCouponRefusal::parameter(field, message, QStringLiteral("body"), number);
}

// A present member that must be an integer; nullopt when it is one.
std::optional<SimResponse> integerProblem(const QJsonValue &value, const QString &field)
{
    const double number = value.toDouble();
    if (value.isDouble() && std::floor(number) == number && std::abs(number) <= 9.0e15)
        return std::nullopt;
    return fieldError(field, QStringLiteral("%1 应为整数").arg(field));
}

} // namespace

Result<ProductCouponBudgetChange, SimResponse> ProductCouponBudgetChange::parse(const QByteArray &body, bool partner)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fieldError(QStringLiteral("/"), QStringLiteral("请求体不是合法的JSON对象"));
    const QJsonObject json = document.object();
    ProductCouponBudgetChange change;

    const QJsonValue number = json.value(QStringLiteral("out_request_no"));
    if (!number.isString() || number.toString().isEmpty())
        return fieldError(QStringLiteral("out_request_no"), QStringLiteral("out_request_no 为必填字符串"));
    change.requestNumber = number.toString();
    if (change.requestNumber.size() < ShortestRequestNumber)
        return fieldError(QStringLiteral("out_request_no"), QStringLiteral("out_request_no 长度不能少于6个字符"),
                          ProductCouponRefusal::ParameterTooShort);
    if (change.requestNumber.size() > LongestRequestNumber)
        return fieldError(QStringLiteral("out_request_no"), QStringLiteral("out_request_no 长度不能超过40个字符"),
                          ProductCouponRefusal::ParameterTooLong);
    static const QRegularExpression allowed(QStringLiteral("^[0-9A-Za-z_-]+$"));
    if (!allowed.match(change.requestNumber).hasMatch())
        return fieldError(QStringLiteral("out_request_no"),
                          QStringLiteral("out_request_no 只能由数字、大小写字母、下划线_、短横线-组成"));

    const QJsonValue mode = json.value(QStringLiteral("update_mode"));
    if (mode.isUndefined() || mode.isNull())
        return fieldError(QStringLiteral("update_mode"), QStringLiteral("update_mode 为必填字段"));
    if (mode.toString() == QLatin1String("MAX_COUNT"))
        change.mode = Mode::MaxCount;
    else if (mode.toString() == QLatin1String("MAX_COUNT_PER_DAY"))
        change.mode = Mode::MaxCountPerDay;
    else
        return fieldError(QStringLiteral("update_mode"),
                          QStringLiteral("update_mode 只能为 MAX_COUNT 或 MAX_COUNT_PER_DAY"));

    const bool total = change.mode == Mode::MaxCount;
    const QString currentField
        = total ? QStringLiteral("current_max_count") : QStringLiteral("current_max_count_per_day");
    const QString targetField = total ? QStringLiteral("target_max_count") : QStringLiteral("target_max_count_per_day");
    // "当且仅当 update_mode 为 … 时必传,其他模式下不应填写": the other pair is refused.
    for (const QString &other : total
             ? QStringList{QStringLiteral("current_max_count_per_day"), QStringLiteral("target_max_count_per_day")}
             : QStringList{QStringLiteral("current_max_count"), QStringLiteral("target_max_count")}) {
        if (json.contains(other))
            return fieldError(other, QStringLiteral("update_mode 为 %1 时不应填写 %2").arg(mode.toString(), other));
    }
    for (const QString &field : {currentField, targetField}) {
        const QJsonValue value = json.value(field);
        if (value.isUndefined())
            return fieldError(field, QStringLiteral("update_mode 为 %1 时 %2 必填").arg(mode.toString(), field));
        if (auto problem = integerProblem(value, field))
            return *problem;
    }
    change.current = json.value(currentField).toInteger();
    change.target = json.value(targetField).toInteger();
    if (change.target < 1 || change.target > ProductCouponStock::MaximumCount)
        return fieldError(targetField, QStringLiteral("%1 取值范围为1-100000000").arg(targetField),
                          ProductCouponRefusal::ParameterOutOfRange);

    if (partner) {
        const QJsonValue brand = json.value(QStringLiteral("brand_id"));
        if (!brand.isString() || brand.toString().isEmpty())
            return fieldError(QStringLiteral("brand_id"), QStringLiteral("brand_id 为必填字段"),
                              ProductCouponRefusal::InvalidInput);
        change.brandId = brand.toString();
    }
    return change;
}

} // namespace budgetdesk::sim
