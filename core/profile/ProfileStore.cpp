#include "profile/ProfileStore.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUrl>

namespace budgetdesk {

namespace {

// Profiles are a few hundred bytes each; a settings file past this is not ours.
constexpr qint64 MaximumSettingsBytes = 4 * 1024 * 1024;

// Profile names are free text; QSettings keys are not (a '/' opens a group).
QString groupFor(const QString &name)
{
    return QStringLiteral("profiles/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

BilingualText damaged(const QString &file, const QString &detailZh, const QString &detailEn)
{
    return {QStringLiteral("配置文件 %1 %2。为免丢失其中的配置，BudgetDesk 不会改写它；请修复或删除该文件后重试。")
                .arg(file, detailZh),
            QStringLiteral("The settings file %1 %2. So that no profile in it is lost, BudgetDesk will not rewrite "
                           "it; repair or remove the file and try again.")
                .arg(file, detailEn)};
}

} // namespace

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_file(settingsFile)
    , m_settings(settingsFile, QSettings::IniFormat)
{
    m_readProblem = checkWhole();
    if (m_readProblem && QFileInfo(m_file).isFile()) {
        // Whatever happens to the file later, its content as found is kept.
        const QString aside = m_file + QStringLiteral(".damaged-")
            + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        if (!QFile::exists(aside))
            QFile::copy(m_file, aside);
    }
}

std::optional<BilingualText> ProfileStore::checkWhole() const
{
    const QFileInfo info(m_file);
    if (!info.exists())
        return std::nullopt;
    if (!info.isFile())
        return damaged(m_file, QStringLiteral("不是普通文件"), QStringLiteral("is not a regular file"));
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return damaged(m_file, QStringLiteral("无法读取"), QStringLiteral("cannot be read"));
    const QByteArray content = file.read(MaximumSettingsBytes + 1);
    if (content.size() > MaximumSettingsBytes)
        return damaged(m_file, QStringLiteral("大得异常"), QStringLiteral("is unreasonably large"));
    if (m_settings.status() != QSettings::NoError)
        return damaged(m_file, QStringLiteral("格式损坏"), QStringLiteral("is damaged"));
    // Every profile line in the file must have come out as a profile: a line swallowed by an
    // earlier damaged one would otherwise vanish without a trace.
    qsizetype written = 0;
    for (const QByteArray &line : content.split('\n')) {
        if (line.contains("\\json="))
            ++written;
    }
    const QStringList found = names();
    qsizetype usable = 0;
    for (const QString &name : found) {
        if (profile(name))
            ++usable;
    }
    if (written != found.size() || usable != found.size())
        return damaged(
            m_file, QStringLiteral("有损坏的行，%1 个配置中只能读出 %2 个").arg(written).arg(usable),
            QStringLiteral("has a damaged line: only %1 of %2 profiles can be read").arg(usable).arg(written));
    return std::nullopt;
}

std::optional<BilingualText> ProfileStore::commit()
{
    m_settings.sync();
    if (m_settings.status() == QSettings::NoError)
        return std::nullopt;
    return BilingualText{QStringLiteral("无法写入配置文件 %1（只读或磁盘已满？）。").arg(m_file),
                         QStringLiteral("The settings file %1 cannot be written (read-only or full?).").arg(m_file)};
}

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

// Settings keys are case-insensitive on Windows: "ShopA" and "shopa" would be one profile
// there, so saving or renaming to the other would overwrite (or, for a rename, delete) it.
std::optional<BilingualText> ProfileStore::caseClash(const QString &name, const QString &except) const
{
    for (const QString &existing : names()) {
        if (existing != name && existing != except && existing.compare(name, Qt::CaseInsensitive) == 0)
            return BilingualText{
                QStringLiteral("“%1”与已有配置“%2”只差大小写，在 Windows 上会被当作同一个配置，请换一个名称。")
                    .arg(name, existing),
                QStringLiteral("“%1” differs from the profile “%2” only in letter case, which Windows treats as the "
                               "same name; choose another name.")
                    .arg(name, existing)};
    }
    if (name != except && except.compare(name, Qt::CaseInsensitive) == 0)
        return BilingualText{
            QStringLiteral("改名不能只改字母大小写（Windows 视为同一名称），请换一个名称。"),
            QStringLiteral("A rename cannot change only the letter case (Windows sees the same name); choose another "
                           "name.")};
    return std::nullopt;
}

std::optional<BilingualText> ProfileStore::save(const MerchantProfile &profile)
{
    if (m_readProblem)
        return m_readProblem;
    if (auto clash = caseClash(profile.name))
        return clash;
    const QString key = groupFor(profile.name) + QStringLiteral("/json");
    const QVariant before = m_settings.value(key);
    m_settings.setValue(key, QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact));
    if (auto problem = commit()) {
        // QSettings keeps unwritten changes in a cache every instance in this process shares:
        // undone, so that nothing here shows a profile the file does not have.
        if (before.isValid())
            m_settings.setValue(key, before);
        else
            m_settings.remove(key);
        return problem;
    }
    return std::nullopt;
}

ProfileStore::RemoveResult ProfileStore::remove(const QString &name, BilingualText *problem)
{
    if (m_readProblem) {
        if (problem)
            *problem = *m_readProblem;
        return RemoveResult::Failed;
    }
    if (!profile(name))
        return RemoveResult::NotFound;
    const QString key = groupFor(name) + QStringLiteral("/json");
    const QVariant before = m_settings.value(key);
    const QString last = lastUsed();
    const QString chosen = defaultProfile();
    m_settings.remove(groupFor(name));
    if (last == name)
        m_settings.remove(QStringLiteral("last_profile"));
    if (chosen == name)
        m_settings.remove(QStringLiteral("default_profile"));
    if (auto failed = commit()) {
        m_settings.setValue(key, before); // see save()
        if (last == name)
            m_settings.setValue(QStringLiteral("last_profile"), last);
        if (chosen == name)
            m_settings.setValue(QStringLiteral("default_profile"), chosen);
        if (problem)
            *problem = *failed;
        return RemoveResult::Failed;
    }
    return RemoveResult::Removed;
}

BilingualText ProfileStore::nameTaken(const QString &name)
{
    return {QStringLiteral("已有名为“%1”的配置，请换一个名称。").arg(name),
            QStringLiteral("A profile named “%1” already exists; choose another name.").arg(name)};
}

std::optional<BilingualText> ProfileStore::rename(const QString &from, const QString &to)
{
    return copy(from, to, false);
}

std::optional<BilingualText> ProfileStore::duplicate(const QString &from, const QString &to)
{
    return copy(from, to, true);
}

std::optional<BilingualText> ProfileStore::copy(const QString &from, const QString &to, bool keepSource)
{
    if (m_readProblem)
        return m_readProblem;
    if (to.trimmed().isEmpty())
        return BilingualText{QStringLiteral("请填写配置名称。"), QStringLiteral("Give the profile a name.")};
    if ((keepSource || to != from) && names().contains(to))
        return nameTaken(to);
    if (auto clash = caseClash(to, keepSource ? QString() : from))
        return clash;
    std::optional<MerchantProfile> source = profile(from);
    if (!source)
        return BilingualText{QStringLiteral("找不到配置“%1”。").arg(from),
                             QStringLiteral("There is no profile named “%1”.").arg(from)};
    if (to == from)
        return std::nullopt;
    source->name = to;
    if (auto problem = save(*source))
        return problem;
    if (keepSource)
        return std::nullopt;
    const bool wasLast = lastUsed() == from;
    const bool wasDefault = defaultProfile() == from;
    BilingualText problem;
    if (remove(from, &problem) == RemoveResult::Failed) {
        remove(to); // not left half-renamed: both names would show the same merchant
        return problem;
    }
    if (wasLast)
        setLastUsed(to);
    if (wasDefault)
        setDefaultProfile(to);
    return std::nullopt;
}

QString ProfileStore::defaultProfile() const
{
    return m_settings.value(QStringLiteral("default_profile")).toString();
}

std::optional<BilingualText> ProfileStore::setDefaultProfile(const QString &name)
{
    if (m_readProblem)
        return m_readProblem;
    m_settings.setValue(QStringLiteral("default_profile"), name);
    return commit();
}

QString ProfileStore::lastUsed() const
{
    return m_settings.value(QStringLiteral("last_profile")).toString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    if (m_readProblem)
        return;
    m_settings.setValue(QStringLiteral("last_profile"), name);
    m_settings.sync();
}

} // namespace budgetdesk
