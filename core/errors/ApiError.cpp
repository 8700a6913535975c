#include "errors/ApiError.h"

#include "errors/ErrorCatalogue.h"

#include <QJsonDocument>

namespace budgetdesk {

ApiError ApiError::fromAnswer(int httpStatus, const HttpHeaders &headers, const QByteArray &body,
                              std::optional<ResponseVerification> verification)
{
    ApiError error;
    error.verification = std::move(verification);
    error.httpStatus = httpStatus;
    error.rawBody = body;
    error.requestId = findHeader(headers, "Request-ID").value_or(QByteArray());
    // Untrusted and possibly not JSON at all (a proxy's HTML page): take what parses.
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    error.code = json.value(QStringLiteral("code")).toString();
    error.message = json.value(QStringLiteral("message")).toString();
    error.detail = json.value(QStringLiteral("detail")).toObject();
    error.explanation = ErrorCatalogue::withErrorNumber(ErrorCatalogue::explain(httpStatus, error.code, error.message),
                                                        error.requestId);
    return error;
}

BilingualText ApiError::trustText() const
{
    if (isVerified())
        return {QStringLiteral("已验签"), QStringLiteral("verified")};
    if (!verification)
        return {QStringLiteral("未验签：应答没有签名，内容不可信"),
                QStringLiteral("not verified: the answer is unsigned")};
    const BilingualText why = verification->text();
    return {QStringLiteral("未验签：%1").arg(why.zh), QStringLiteral("not verified: %1").arg(why.en)};
}

QByteArray ApiError::serverSigningMessage() const
{
    // The real service nests it as detail.sign_information (PROTOCOL.md §4.1); accept it one
    // level deeper as well.
    for (const QJsonObject &level : {detail, detail.value(QStringLiteral("detail")).toObject()}) {
        const QJsonValue signingMessage = level.value(QStringLiteral("sign_information"))
                                              .toObject()
                                              .value(QStringLiteral("truncated_sign_message"));
        if (signingMessage.isString())
            return signingMessage.toString().toUtf8();
    }
    return {};
}

} // namespace budgetdesk
