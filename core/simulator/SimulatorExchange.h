#pragma once

#include "auth/HttpHeaders.h"

#include <QByteArray>
#include <QJsonObject>

namespace budgetdesk::sim {

// One request as the simulator received it: the request target exactly as sent (path and
// query, still percent-encoded), the headers, the raw body bytes.
struct SimRequest
{
    QByteArray method;
    QByteArray target;
    HttpHeaders headers;
    QByteArray body;
};

struct SimResponse
{
    enum class Delivery {
        Answer,
        DropConnection, // close the connection without a byte of answer
        EndlessBody, // the status and headers, then a chunked body that never ends (hostile tests)
    };

    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    Delivery delivery = Delivery::Answer;
    int delayMilliseconds = 0;
    // A 商品券 refusal's number, which its Request-ID ends in (`…-268578608`), as the 商品券
    // troubleshooting manual reads it (PRODUCT_COUPON.md §9.2); 0 for none.
    qint64 errorNumber = 0;

    bool isSuccess() const { return status >= 200 && status < 300; }
    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }

    // The error body of the real service: {"code":…,"message":…[,"detail":…]}.
    static SimResponse error(int status, const char *code, const QString &message, const QJsonObject &detail = {});
    // 400 PARAM_ERROR naming the offending field, as the real service does.
    static SimResponse parameterError(const QString &field, const QString &issue, const QString &location = {});
    static SimResponse json(int status, const QJsonObject &body);
};

} // namespace budgetdesk::sim
