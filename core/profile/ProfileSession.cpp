#include "profile/ProfileSession.h"

#include "busifavor/PlatformCertificateDownload.h"

namespace budgetdesk {

Result<std::unique_ptr<ProfileSession>, ProfileProblem> ProfileSession::open(const MerchantProfile &profile,
                                                                             const ProfileSecrets &secrets,
                                                                             const DataDirectory &data,
                                                                             std::optional<ClientSettings> settings)
{
    auto connection = ProfileConnection::build(profile, secrets);
    if (!connection)
        return std::move(connection).error();
    if (settings) {
        // The caller's transport (a test CA, retry pacing), the profile's addresses — and the
        // profile's own CA file unless the caller names one.
        settings->primaryBaseUrl = connection->settings.primaryBaseUrl;
        settings->backupBaseUrl = connection->settings.backupBaseUrl;
        settings->timeoutMs = connection->settings.timeoutMs;
        if (!settings->sslConfiguration)
            settings->sslConfiguration = connection->settings.sslConfiguration;
        connection->settings = *settings;
    }
    return std::unique_ptr<ProfileSession>(new ProfileSession(profile, secrets, std::move(connection).value(), data));
}

ProfileSession::ProfileSession(MerchantProfile profile, ProfileSecrets secrets, const ProfileConnection &connection,
                               const DataDirectory &data)
    : m_profile(std::move(profile))
    , m_secrets(std::move(secrets))
    , m_baseKeys(connection.keys)
    , m_cache(data.cacheDirectory())
    , m_client(std::make_unique<BusifavorClient>(connection.credentials, connection.keys, connection.settings))
{
    if (m_profile.usesPlatformCertificates() && m_profile.platformCertificateFiles.isEmpty()) {
        m_client->setUnknownSerialHandler([this](const std::function<void()> &done) {
            refreshCertificates([done](const std::optional<BilingualText> &) { done(); });
        });
    }
}

void ProfileSession::prepare()
{
    const bool downloads = m_profile.usesPlatformCertificates() && m_profile.platformCertificateFiles.isEmpty();
    if (!downloads) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT ready({}); }, Qt::QueuedConnection);
        return;
    }
    const auto cached = m_cache.load(m_profile.mchid);
    if (cached)
        installCertificates(cached->certificates);
    if (cached && !cached->isStale(m_client->now())) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT ready({}); }, Qt::QueuedConnection);
        return;
    }
    refreshCertificates([this, usable = cached.has_value()](const std::optional<BilingualText> &problem) {
        // A failed refresh with usable (if old) certificates still leaves the profile working.
        Q_EMIT ready(problem && !usable ? *problem : BilingualText{});
    });
}

void ProfileSession::installCertificates(const QList<Certificate> &certificates)
{
    VerificationKeys keys = m_baseKeys;
    for (const Certificate &certificate : certificates)
        keys.addPlatformCertificate(certificate);
    m_client->setVerificationKeys(keys);
}

void ProfileSession::refreshCertificates(const std::function<void(std::optional<BilingualText>)> &done)
{
    PlatformCertificateDownload *download = m_client->downloadPlatformCertificates(m_secrets.apiV3Key);
    connect(download, &PlatformCertificateDownload::finished, this,
            [this, done](const PlatformCertificateResult &result) {
                if (result.kind != PlatformCertificateResult::Kind::Downloaded) {
                    done(result.summary());
                    return;
                }
                QList<Certificate> certificates;
                for (const PlatformCertificate &entry : result.certificates)
                    certificates.append(entry.certificate);
                installCertificates(certificates);
                m_cache.save(m_profile.mchid, certificates, m_client->now());
                done(std::nullopt);
            });
}

} // namespace budgetdesk
