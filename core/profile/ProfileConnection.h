#pragma once

#include "auth/RequestSigner.h"
#include "auth/VerificationKeys.h"
#include "common/Result.h"
#include "crypto/KeyLoader.h"
#include "http/ClientSettings.h"
#include "profile/MerchantProfile.h"
#include "profile/ProfileProblem.h"

#include <QSslCertificate>

namespace budgetdesk {

// What a profile amounts to once its files are read: the merchant's credentials (the serial
// taken from the certificate when there is one), the keys that verify answers, and how to
// reach WeChat Pay. Downloaded platform certificates are added by the caller.
struct ProfileConnection
{
    MerchantCredentials credentials;
    VerificationKeys keys;
    ClientSettings settings;
    KeyFormat keyFormat = KeyFormat::Pkcs8Pem;

    static Result<ProfileConnection, ProfileProblem> build(const MerchantProfile &profile,
                                                           const ProfileSecrets &secrets);
};

// The certificate authorities in a PEM file (--ca-file, a profile's CA file), read as a
// regular file with a size cap.
Result<QList<QSslCertificate>, BilingualText> loadCertificateAuthorities(const QString &file);

} // namespace budgetdesk
