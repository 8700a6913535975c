#pragma once

#include "profile/MerchantProfile.h"

#include <QSettings>
#include <QStringList>

#include <optional>

namespace budgetdesk {

// The user's profiles, in QSettings (an INI file in the data directory). Secrets never go
// here; see SecretStore.
class ProfileStore
{
public:
    explicit ProfileStore(const QString &settingsFile);

    QStringList names() const;
    std::optional<MerchantProfile> profile(const QString &name) const;
    void save(const MerchantProfile &profile); // adds or replaces
    bool remove(const QString &name);

    QString lastUsed() const;
    void setLastUsed(const QString &name);

    QSettings &settings() { return m_settings; }

private:
    mutable QSettings m_settings;
};

} // namespace budgetdesk
