#pragma once

#include "auth/HttpHeaders.h"
#include "auth/ResponseVerification.h"
#include "auth/VerificationKeys.h"
#include "common/Clock.h"

#include <QByteArrayView>

#include <memory>

namespace budgetdesk {

// Decides whether a 2xx answer really comes from WeChat Pay (PROTOCOL.md §2): the four
// Wechatpay-* headers are present, its time is within 300 s of ours, its serial names a key
// we hold, and the signature over "TIMESTAMP\nNONCE\nBODY\n" — the raw body bytes — verifies.
//
// WeChat Pay signs every answer once it has accepted the request's signature — refusals
// included; a 401 SIGN_ERROR is unsigned. An answer that carries any Wechatpay-* signature
// header is therefore checked whatever its status (carriesSignature()).
class ResponseValidator
{
public:
    static constexpr qint64 MaximumClockOffsetSeconds = 300;

    explicit ResponseValidator(VerificationKeys keys, std::shared_ptr<const Clock> clock = nullptr);

    const VerificationKeys &keys() const { return m_keys; }
    void setKeys(VerificationKeys keys) { m_keys = std::move(keys); }

    ResponseVerification validate(const HttpHeaders &headers, QByteArrayView body) const;
    static bool carriesSignature(const HttpHeaders &headers);

private:
    VerificationKeys m_keys;
    std::shared_ptr<const Clock> m_clock;
};

} // namespace budgetdesk
