#include "simulator/SimulatorExchange.h"

#include <QJsonDocument>

namespace budgetdesk::sim {

SimResponse SimResponse::json(int status, const QJsonObject &body)
{
    SimResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    response.addHeader("Content-Type", "application/json; charset=utf-8");
    return response;
}

SimResponse SimResponse::error(int status, const char *code, const QString &message, const QJsonObject &detail)
{
    QJsonObject body{{QStringLiteral("code"), QString::fromLatin1(code)}, {QStringLiteral("message"), message}};
    if (!detail.isEmpty())
        body.insert(QStringLiteral("detail"), detail);
    return json(status, body);
}

SimResponse SimResponse::parameterError(const QString &field, const QString &issue, const QString &location)
{
    return error(400, "PARAM_ERROR", QStringLiteral("参数错误"),
                 {{QStringLiteral("field"), field},
                  {QStringLiteral("issue"), issue},
                  {QStringLiteral("location"), location.isEmpty() ? QStringLiteral("body") : location}});
}

} // namespace budgetdesk::sim
