#pragma once

#include "common/BilingualText.h"
#include "crypto/Certificate.h"
#include "crypto/KeyError.h"
#include "profile/MerchantProfile.h"

#include <QList>

#include <optional>

namespace budgetdesk {

// Something that stops a profile from being saved or used, with the field it concerns.
class ProfileProblem
{
public:
    enum class Code {
        NameMissing,
        MchidMissing,
        MchidNotDigits,
        SerialInvalid, // not 40 hexadecimal characters
        SerialDiffersFromCertificate,
        PrivateKeyMissing,
        PrivateKey, // keyError(): the file's problem, incl. a wrong passphrase
        MerchantCertificate, // keyError()
        PublicKeyIdInvalid, // does not start with PUB_KEY_ID_
        PublicKeyMissing,
        PublicKey, // keyError()
        PlatformCertificate, // keyError()
        ApiV3KeyLength, // not exactly 32 bytes
        UrlInvalid, // not https (plain http only to this machine), or more than scheme://host[:port]
        UrlPairing, // a local primary with WeChat Pay's real backup
        CaFile, // keyError() or text: the CA file cannot be used
        OwnKeyAsWeChatPayKey, // the merchant's own key given where WeChat Pay's belongs
        CertificateOfAnotherMerchant, // the certificate's subject CN (its mchid) is not the profile's
        TimeoutOutOfRange,
        OperatorNameInvalid, // 操作人: too long, or a control character
        BrandIdInvalid, // a brand_id (the brand identity's, or one a merchant serves) not 1–32 of [0-9A-Za-z_-]
        BrandNeedsPublicKey, // a brand's answers are verified with the WeChat Pay public key only
        TlsBackend, // text: the TLS backend this build ships is missing (an incomplete installation)
    };

    ProfileProblem(Code code, std::optional<KeyError> keyError = std::nullopt, QString detail = {})
        : m_code(code)
        , m_keyError(std::move(keyError))
        , m_detail(std::move(detail))
    { }

    // A problem whose words come from elsewhere (DomainPolicy).
    static ProfileProblem withText(Code code, BilingualText text)
    {
        ProfileProblem problem(code);
        problem.m_text = std::move(text);
        return problem;
    }

    Code code() const { return m_code; }
    const std::optional<KeyError> &keyError() const { return m_keyError; }
    QString field() const; // name, mchid, serial, private_key, certificate, public_key_id, …
    BilingualText text() const;

private:
    Code m_code;
    std::optional<KeyError> m_keyError;
    QString m_detail;
    std::optional<BilingualText> m_text;
};

// The merchant ID as typed: present, and digits only.
std::optional<ProfileProblem> checkMchid(const QString &mchid);

// A brand_id as typed: 1–32 of [0-9A-Za-z_-] (it is quoted in the Authorization header and
// sent in queries).
std::optional<ProfileProblem> checkBrandId(const QString &brandId);

// 操作人 as typed: empty, or a name MerchantProfile::operatorNameFrom accepts.
std::optional<ProfileProblem> checkOperatorName(const QString &operatorName);

// A WeChat Pay merchant API certificate names its merchant in the subject CN: a certificate
// issued to another mchid would sign every request as the wrong merchant (WeChat Pay answers
// SIGN_ERROR or 商户号与证书不匹配). Certificates whose CN is not a merchant ID are not judged.
std::optional<ProfileProblem> checkCertificateMerchant(const Certificate &certificate, const QString &mchid);

// Every problem with `profile` given its secrets: files are read and keys checked against
// certificates, so this can take a moment.
QList<ProfileProblem> validateProfile(const MerchantProfile &profile, const ProfileSecrets &secrets);

} // namespace budgetdesk
