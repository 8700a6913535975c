#pragma once

#include "busifavor/BudgetChange.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk::cli {

// Exit codes: a contract with the scripts that call budgetdesk-cli.
enum ExitCode {
    ExitApplied = 0, // applied and verified, reconciled as applied, or lookup verified
    ExitRejected = 2, // rejected by the server
    ExitUnknown = 3, // outcome unknown, reconciled as not applied, or answer not verified
    ExitInvalidInput = 4, // nothing sent
    ExitConfiguration = 5, // configuration or key problem; nothing sent
    ExitNetwork = 6, // network failure on every domain
};

struct CliOptions
{
    enum class Command { Lookup, Modify };

    // Connection.
    QString mchid;
    QString merchantSerial;
    QString privateKeyFile;
    QString passphraseEnv;
    QString merchantCertificateFile;
    QString publicKeyId;
    QString publicKeyFile;
    QStringList platformCertificateFiles;
    QString baseUrl;
    QString backupUrl;
    bool backupUrlSet = false;
    QString caFile;
    int timeoutMs = 15000;
    std::optional<int> retryDelayMs;

    bool json = false;
    bool showHelp = false;
    bool showVersion = false;
    Command command = Command::Lookup;
    QString stockId;
    std::optional<BudgetDimension> dimension;
    qint64 target = 0;
    std::optional<qint64> current;
    QString requestNumber;

    // A usage error: an English and Chinese line, exit code 4.
    static Result<CliOptions, QString> parse(const QStringList &arguments);
    static QString usage();
};

} // namespace budgetdesk::cli
