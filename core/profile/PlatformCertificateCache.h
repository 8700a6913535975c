#pragma once

#include "crypto/Certificate.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace budgetdesk {

// Downloaded WeChat Pay platform certificates, per merchant, with when they were fetched.
// Certificates are public; nothing secret is cached. Older than 12 hours counts as stale
// (WeChat Pay asks for polling at intervals under 12 h, PROTOCOL.md §3.4).
class PlatformCertificateCache
{
public:
    static constexpr qint64 MaximumAgeSeconds = qint64(12) * 3600;

    struct Entry
    {
        QDateTime fetchedAt;
        QList<Certificate> certificates;
        bool isStale(const QDateTime &now) const { return fetchedAt.secsTo(now) > MaximumAgeSeconds; }
    };

    explicit PlatformCertificateCache(QString directory)
        : m_directory(std::move(directory))
    { }

    std::optional<Entry> load(const QString &mchid) const;
    bool save(const QString &mchid, const QList<Certificate> &certificates, const QDateTime &fetchedAt) const;

private:
    QString fileFor(const QString &mchid) const;
    QString m_directory;
};

} // namespace budgetdesk
