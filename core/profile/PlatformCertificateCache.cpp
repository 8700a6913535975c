#include "profile/PlatformCertificateCache.h"

#include "crypto/KeyLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace budgetdesk {

QString PlatformCertificateCache::fileFor(const QString &mchid) const
{
    return QDir(m_directory).filePath(QStringLiteral("platform-certificates-%1.json").arg(mchid));
}

std::optional<PlatformCertificateCache::Entry> PlatformCertificateCache::load(const QString &mchid) const
{
    QFile file(fileFor(mchid));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    Entry entry;
    entry.fetchedAt = QDateTime::fromString(json.value(QStringLiteral("fetched_at")).toString(), Qt::ISODate);
    for (const QJsonValue pem : json.value(QStringLiteral("certificates")).toArray()) {
        auto certificate = KeyLoader::certificate(pem.toString().toLatin1());
        if (certificate)
            entry.certificates.append(*certificate);
    }
    if (!entry.fetchedAt.isValid() || entry.certificates.isEmpty())
        return std::nullopt;
    return entry;
}

bool PlatformCertificateCache::save(const QString &mchid, const QList<Certificate> &certificates,
                                    const QDateTime &fetchedAt) const
{
    if (!QDir().mkpath(m_directory))
        return false;
    QJsonArray pems;
    for (const Certificate &certificate : certificates)
        pems.append(QString::fromLatin1(certificate.toPem()));
    const QByteArray content
        = QJsonDocument(QJsonObject{{QStringLiteral("fetched_at"), fetchedAt.toString(Qt::ISODate)},
                                    {QStringLiteral("certificates"), pems}})
              .toJson();
    QSaveFile file(fileFor(mchid));
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.commit();
}

} // namespace budgetdesk
