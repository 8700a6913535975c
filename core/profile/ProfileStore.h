#pragma once

#include "common/BilingualText.h"
#include "profile/MerchantProfile.h"

#include <QSettings>
#include <QStringList>

#include <optional>

namespace budgetdesk {

// The user's profiles, in QSettings (an INI file in the data directory). Secrets never go
// here; see SecretStore.
//
// QSettings forgives too much: a damaged line (an unclosed quote) silently swallows the
// profiles after it, and the next write would save the file without them; on read-only media
// a write "succeeds" and changes nothing. So the file is checked as a whole when opened — a
// damaged one is copied aside and never written — and every write is checked after it.
class ProfileStore
{
public:
    explicit ProfileStore(const QString &settingsFile);

    // Why the file cannot be trusted (damaged, unreadable), if so; writes are then refused.
    const std::optional<BilingualText> &readProblem() const { return m_readProblem; }

    QStringList names() const;
    std::optional<MerchantProfile> profile(const QString &name) const;
    // Adds or replaces; the error says why nothing was written.
    std::optional<BilingualText> save(const MerchantProfile &profile);
    // nullopt when removed; NotFound when there is no such profile.
    enum class RemoveResult { Removed, NotFound, Failed };
    RemoveResult remove(const QString &name, BilingualText *problem = nullptr);

    // Under a new name, the settings moved (rename) or copied (duplicate). Refused, with the
    // reason, when `to` is empty or taken: a profile is never overwritten by either.
    std::optional<BilingualText> rename(const QString &from, const QString &to);
    std::optional<BilingualText> duplicate(const QString &from, const QString &to);
    static BilingualText nameTaken(const QString &name);
    // Another profile's name that differs from `name` only in letter case (one name on
    // Windows), or a rename of `except` that changes only the case.
    std::optional<BilingualText> caseClash(const QString &name, const QString &except = {}) const;

    QString lastUsed() const;
    void setLastUsed(const QString &name);
    // The profile opened at start, before the last one used; empty when none was chosen.
    QString defaultProfile() const;
    std::optional<BilingualText> setDefaultProfile(const QString &name);

    QSettings &settings() { return m_settings; }

private:
    std::optional<BilingualText> checkWhole() const;
    std::optional<BilingualText> commit();
    std::optional<BilingualText> copy(const QString &from, const QString &to, bool keepSource);

    QString m_file;
    mutable QSettings m_settings;
    std::optional<BilingualText> m_readProblem;
};

} // namespace budgetdesk
