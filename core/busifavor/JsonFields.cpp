#include "busifavor/JsonFields.h"

#include <cmath>

namespace budgetdesk {

JsonFields JsonFields::object(const char *name) const
{
    return JsonFields(m_object.value(QLatin1String(name)).toObject(), pathOf(name));
}

QString JsonFields::pathOf(const char *name) const
{
    return m_path.isEmpty() ? QString::fromLatin1(name) : m_path + u'.' + QLatin1String(name);
}

BilingualText JsonFields::notAnObject()
{
    return {QStringLiteral("应答不是 JSON 对象，不予采用。"),
            QStringLiteral("The answer is not a JSON object; it is not used.")};
}

BilingualText JsonFields::missing(const char *name) const
{
    return {QStringLiteral("应答缺少必填字段 %1，不予采用。").arg(pathOf(name)),
            QStringLiteral("The answer lacks the required field %1; it is not used.").arg(pathOf(name))};
}

BilingualText JsonFields::wrongType(const char *name, const QString &expectedZh, const QString &expectedEn) const
{
    return {QStringLiteral("应答字段 %1 应为%2，不予采用。").arg(pathOf(name), expectedZh),
            QStringLiteral("The answer's field %1 should be %2; it is not used.").arg(pathOf(name), expectedEn)};
}

Result<std::optional<qint64>, BilingualText> JsonFields::optionalInteger(const char *name, qint64 minimum,
                                                                         qint64 maximum) const
{
    const QJsonValue value = m_object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    const QString rangeZh = QStringLiteral(" %1 到 %2 之间的整数").arg(minimum).arg(maximum);
    const QString rangeEn = QStringLiteral("an integer from %1 to %2").arg(minimum).arg(maximum);
    if (!value.isDouble())
        return wrongType(name, rangeZh, rangeEn);
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < double(minimum) || number > double(maximum))
        return wrongType(name, rangeZh, rangeEn);
    return std::optional<qint64>(qint64(number));
}

Result<qint64, BilingualText> JsonFields::requiredInteger(const char *name, qint64 minimum, qint64 maximum) const
{
    auto value = optionalInteger(name, minimum, maximum);
    if (!value)
        return value.error();
    if (!value->has_value())
        return missing(name);
    return **value;
}

Result<std::optional<QString>, BilingualText> JsonFields::optionalString(const char *name) const
{
    const QJsonValue value = m_object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (!value.isString())
        return wrongType(name, QStringLiteral("字符串"), QStringLiteral("a string"));
    return std::optional<QString>(value.toString());
}

Result<QString, BilingualText> JsonFields::requiredString(const char *name) const
{
    auto value = optionalString(name);
    if (!value)
        return value.error();
    if (!value->has_value() || (*value)->isEmpty())
        return missing(name);
    return **value;
}

Result<QDateTime, BilingualText> JsonFields::requiredTime(const char *name) const
{
    auto text = requiredString(name);
    if (!text)
        return text.error();
    const QDateTime time = QDateTime::fromString(*text, Qt::ISODate);
    if (!time.isValid())
        return wrongType(name, QStringLiteral(" RFC 3339 时间"), QStringLiteral("an RFC 3339 time"));
    return time;
}

} // namespace budgetdesk
