#include "profile/ProfileStore.h"

#include <QJsonDocument>
#include <QUrl>

namespace budgetdesk {

namespace {

// Profile names are free text; QSettings keys are not (a '/' opens a group).
QString groupFor(const QString &name)
{
    return QStringLiteral("profiles/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

} // namespace

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_settings(settingsFile, QSettings::IniFormat)
{ }

QStringList ProfileStore::names() const
{
    m_settings.beginGroup(QStringLiteral("profiles"));
    QStringList names;
    for (const QString &group : m_settings.childGroups())
        names.append(QUrl::fromPercentEncoding(group.toLatin1()));
    m_settings.endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<MerchantProfile> ProfileStore::profile(const QString &name) const
{
    const QString group = groupFor(name);
    if (!m_settings.contains(group + QStringLiteral("/json")))
        return std::nullopt;
    const QJsonObject json
        = QJsonDocument::fromJson(m_settings.value(group + QStringLiteral("/json")).toByteArray()).object();
    auto profile = MerchantProfile::fromJson(json);
    if (!profile)
        return std::nullopt;
    profile->name = name;
    return std::move(profile).value();
}

void ProfileStore::save(const MerchantProfile &profile)
{
    m_settings.setValue(groupFor(profile.name) + QStringLiteral("/json"),
                        QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact));
    m_settings.sync();
}

bool ProfileStore::remove(const QString &name)
{
    if (!profile(name))
        return false;
    m_settings.remove(groupFor(name));
    if (lastUsed() == name)
        m_settings.remove(QStringLiteral("last_profile"));
    m_settings.sync();
    return true;
}

QString ProfileStore::lastUsed() const
{
    return m_settings.value(QStringLiteral("last_profile")).toString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    m_settings.setValue(QStringLiteral("last_profile"), name);
    m_settings.sync();
}

} // namespace budgetdesk
