#pragma once

#include <QSslConfiguration>
#include <QUrl>

#include <optional>

namespace budgetdesk {

// How a client reaches WeChat Pay: the two documented domains (PROTOCOL.md §6; DomainPolicy
// decides which backup goes with which primary), the time an attempt may take, the largest
// answer read, retry pacing and, for tests or a company CA, the certificates to trust.
struct ClientSettings
{
    QUrl primaryBaseUrl = QUrl(QStringLiteral("https://api.mch.weixin.qq.com"));
    QUrl backupBaseUrl = QUrl(QStringLiteral("https://api2.mch.weixin.qq.com")); // empty: no failover
    int timeoutMs = 15000;
    qsizetype answerBodyLimit = 1024 * 1024; // WeChat Pay's answers are a few kB; beyond this, not theirs

    int serverErrorRetries = 2; // 500/502/503/202: the same request again
    int busyRetries = 3; // 429 and 批次正在修改中
    int backoffMs = 800; // doubled per retry; busy retries add up to 50% jitter

    // When set, exactly these CAs are trusted (the simulator's test CA, a company proxy's);
    // verification itself is never switched off.
    std::optional<QSslConfiguration> sslConfiguration;
};

} // namespace budgetdesk
