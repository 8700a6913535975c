#pragma once

#include "simulator/SimulatorExchange.h"

#include <QString>

namespace budgetdesk::sim {

// The refusals of the 商品券 endpoints as PRODUCT_COUPON.md §15 decides them for this project:
// status, code and our Chinese message, plus the number the Request-ID ends in. The numbers are
// the ones the 商品券 troubleshooting manual gives (§9.2) where one fits the case; every refusal
// of an authenticated request carries one, so a client can always show it.
struct ProductCouponRefusal
{
    static constexpr qint64 IllegalParameter = 268435461; // 参数非法
    static constexpr qint64 ParameterTooLong = 268435462; // 参数过长
    static constexpr qint64 ParameterTooShort = 268435463; // 参数过短
    static constexpr qint64 ParameterOutOfRange = 268435464; // 参数超出取值范围
    static constexpr qint64 InvalidInput = 268578101; // 入参不合法: a missing brand_id
    static constexpr qint64 BusinessRule = 268578224; // 参数错误，请根据接口文档检查字段要求
    static constexpr qint64 NotSending = 268577984; // 商品券批次状态不是发放中
    static constexpr qint64 RequestNumberReused = 268578927; // 相同单号但请求数据不一致
    static constexpr qint64 NotExists = 268578608; // 当前访问对象不存在…
    static constexpr qint64 NoAuthorisation = 268579803; // 服务商没有此接口权限
    static constexpr qint64 TooFast = 270924289; // 频率过快

    // 400 PARAM_ERROR whose message names the field; detail says where it was.
    static SimResponse parameter(const QString &field, const QString &message,
                                 const QString &location = QStringLiteral("body"), qint64 number = IllegalParameter);
    static SimResponse invalidRequest(const QString &message, qint64 number = BusinessRule);
    static SimResponse notExists();
    static SimResponse noAuthorisation();
    static SimResponse rateLimited();
};

} // namespace budgetdesk::sim
