#pragma once

#include "auth/HttpHeaders.h"
#include "errors/ErrorExplanation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace budgetdesk {

// A non-2xx answer from WeChat Pay: parsed as untrusted data (error answers are not signed),
// with the catalogue's explanation attached.
struct ApiError
{
    int httpStatus = 0;
    QString code;
    QString message;
    QJsonObject detail;
    QByteArray requestId;
    QByteArray rawBody;
    ErrorExplanation explanation;

    static ApiError fromAnswer(int httpStatus, const HttpHeaders &headers, const QByteArray &body);

    bool isSignError() const { return code == QLatin1String("SIGN_ERROR"); }
    // detail.sign_information.truncated_sign_message, when the server sent it.
    QByteArray serverSigningMessage() const;
};

} // namespace budgetdesk
