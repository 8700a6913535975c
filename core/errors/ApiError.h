#pragma once

#include "auth/HttpHeaders.h"
#include "auth/ResponseVerification.h"
#include "errors/ErrorExplanation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace budgetdesk {

// A non-2xx answer from WeChat Pay, with the catalogue's explanation attached. WeChat Pay signs
// a refusal once it has accepted the request's signature; such a refusal is verified like any
// answer. An unsigned one (every 401 SIGN_ERROR, a proxy's page) is still shown, as untrusted.
struct ApiError
{
    int httpStatus = 0;
    QString code;
    QString message;
    QJsonObject detail;
    QByteArray requestId;
    QByteArray rawBody;
    ErrorExplanation explanation;
    std::optional<ResponseVerification> verification; // nullopt: the answer carried no signature

    static ApiError fromAnswer(int httpStatus, const HttpHeaders &headers, const QByteArray &body,
                               std::optional<ResponseVerification> verification = std::nullopt);

    bool isVerified() const { return verification && verification->isVerified(); }
    // 已验签 / 未验签 (and why), for every place a refusal is shown.
    BilingualText trustText() const;

    bool isSignError() const { return code == QLatin1String("SIGN_ERROR"); }
    // detail.sign_information.truncated_sign_message, when the server sent it.
    QByteArray serverSigningMessage() const;
};

} // namespace budgetdesk
