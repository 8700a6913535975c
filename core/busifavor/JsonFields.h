#pragma once

#include "common/BilingualText.h"
#include "common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace budgetdesk {

// Typed reads of an answer's JSON, as strict as the API page: a number must be an integer
// within its range, a string a string, a time RFC 3339; a required field that is missing is
// an error naming its path (stock_send_rule.max_coupons), never a silent 0 or "".
class JsonFields
{
public:
    explicit JsonFields(QJsonObject object, QString path = {})
        : m_object(std::move(object))
        , m_path(std::move(path))
    { }

    // A nested object; an absent one reads as empty, so its required fields report missing.
    JsonFields object(const char *name) const;

    Result<qint64, BilingualText> requiredInteger(const char *name, qint64 minimum, qint64 maximum) const;
    Result<std::optional<qint64>, BilingualText> optionalInteger(const char *name, qint64 minimum,
                                                                 qint64 maximum) const;
    Result<QString, BilingualText> requiredString(const char *name) const;
    Result<std::optional<QString>, BilingualText> optionalString(const char *name) const;
    Result<QDateTime, BilingualText> requiredTime(const char *name) const;

    static BilingualText notAnObject();

private:
    QString pathOf(const char *name) const;
    BilingualText missing(const char *name) const;
    BilingualText wrongType(const char *name, const QString &expectedZh, const QString &expectedEn) const;

    QJsonObject m_object;
    QString m_path;
};

} // namespace budgetdesk
