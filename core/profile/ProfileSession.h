#pragma once

#include "busifavor/BusifavorClient.h"
#include "common/BilingualText.h"
#include "profile/DataDirectory.h"
#include "profile/MerchantProfile.h"
#include "profile/PlatformCertificateCache.h"
#include "profile/ProfileConnection.h"

#include <QObject>

#include <memory>

namespace budgetdesk {

// A profile in use: its client, and in certificate mode the platform certificates kept
// current — loaded from the cache, downloaded when missing or older than 12 hours, and again
// when an answer names a serial nobody knows.
class ProfileSession : public QObject
{
    Q_OBJECT

public:
    // Fails (nothing set up) when the profile's files or secrets do not work.
    static Result<std::unique_ptr<ProfileSession>, ProfileProblem> open(const MerchantProfile &profile,
                                                                        const ProfileSecrets &secrets,
                                                                        const DataDirectory &data,
                                                                        std::optional<ClientSettings> settings = {});

    const MerchantProfile &profile() const { return m_profile; }
    BusifavorClient &client() { return *m_client; }

    // Emits ready() once the verification keys are usable (at once unless certificates must
    // be downloaded first); `problem` is empty on success.
    void prepare();

Q_SIGNALS:
    void ready(const budgetdesk::BilingualText &problem);

private:
    ProfileSession(MerchantProfile profile, ProfileSecrets secrets, const ProfileConnection &connection,
                   const DataDirectory &data);
    void refreshCertificates(const std::function<void(std::optional<BilingualText>)> &done);
    void installCertificates(const QList<Certificate> &certificates);

    MerchantProfile m_profile;
    ProfileSecrets m_secrets;
    VerificationKeys m_baseKeys; // the public key and fixed certificates, before downloads
    PlatformCertificateCache m_cache;
    std::unique_ptr<BusifavorClient> m_client;
};

} // namespace budgetdesk
