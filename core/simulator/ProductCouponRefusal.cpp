#include "simulator/ProductCouponRefusal.h"

namespace budgetdesk::sim {

namespace {

SimResponse numbered(SimResponse response, qint64 number)
{
    response.errorNumber = number;
    return response;
}

} // namespace

SimResponse ProductCouponRefusal::parameter(const QString &field, const QString &message, const QString &location,
                                            qint64 number)
{
    return numbered(SimResponse::error(400, "PARAM_ERROR", message,
                                       {{QStringLiteral("field"), field}, {QStringLiteral("location"), location}}),
                    number);
}

SimResponse ProductCouponRefusal::invalidRequest(const QString &message, qint64 number)
{
    return numbered(SimResponse::error(400, "INVALID_REQUEST", message), number);
}

SimResponse ProductCouponRefusal::notExists()
{
    return numbered(
        SimResponse::error(404, "RESOURCE_NOT_EXISTS",
                           QStringLiteral("当前访问对象不存在，请确认 ID 是否合法、属于当前品牌且由当前服务商创建")),
        NotExists);
}

SimResponse ProductCouponRefusal::noAuthorisation()
{
    return numbered(SimResponse::error(403, "NO_AUTH", QStringLiteral("服务商没有此接口权限")), NoAuthorisation);
}

SimResponse ProductCouponRefusal::rateLimited()
{
    return numbered(SimResponse::error(429, "RATELIMIT_EXCEEDED", QStringLiteral("超过频率限制")), TooFast);
}

} // namespace budgetdesk::sim
