#pragma once

#include "busifavor/BudgetChange.h"
#include "common/Result.h"

#include <QDateTime>
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
    ExitLow = 7, // watch --once: at least one batch is low (and every lookup succeeded)
};

struct CliOptions
{
    enum class Command {
        Lookup,
        List, // 商品券 batches of one product coupon
        Modify,
        ProfileAdd,
        ProfileList,
        ProfileShow,
        ProfileRemove,
        ProfileImport,
        ProfileExport,
        ProfileTest,
        History,
        Reconcile,
        Watch,
        Apply,
    };

    QString dataDir;
    QString profile; // --profile NAME, instead of the connection options

    // Connection options (lookup/modify without --profile, and profile add).
    QString mchid;
    QString merchantSerial;
    QString privateKeyFile;
    QString passphraseEnv;
    QString apiV3KeyEnv;
    QString merchantCertificateFile;
    QString publicKeyId;
    QString publicKeyFile;
    QStringList platformCertificateFiles;
    QString verification; // public_key, platform_certificates, both; inferred when empty
    QString baseUrl;
    QString backupUrl;
    bool backupUrlSet = false;
    std::optional<int> timeoutMs;
    QString operatorName; // profile add --operator: 操作人 on a shared PC (validated)
    // 商品券 identities (PRODUCT_COUPON.md §3): --identity brand signs as the brand, whose
    // certificate or serial is --brand-certificate / --brand-serial; as a merchant, --brand-id
    // names the brand acted for (profile add: the brands served, repeatable).
    QString identity; // merchant (default) or brand
    QStringList brandIds;
    QString brandCertificateFile;
    QString brandSerial;
    // Transport only, never stored in a profile: a CA to trust, retry pacing.
    QString caFile;
    std::optional<int> retryDelayMs;

    bool json = false;
    bool showHelp = false;
    bool showVersion = false;
    Command command = Command::Lookup;
    QStringList arguments; // the command's own positional arguments

    // lookup / modify / list
    QString stockId;
    QString productCouponId; // --product-coupon: the 商品券 family
    QString bundleId; // modify/list --bundle: a group (批次组)
    QString stateFilter; // list --state
    std::optional<BudgetDimension> dimension;
    qint64 target = 0;
    bool stopIssuing = false; // target = the batch's issued count, from a lookup
    std::optional<qint64> current;
    QString requestNumber;

    // history / reconcile
    QString historyStock;
    QString historyProfile;
    QDateTime since;
    QString csvFile;
    bool allPending = false;
    std::optional<qint64> entryId;

    // watch
    QStringList watchBatches; // STOCK_ID or PRODUCT_COUPON_ID:STOCK_ID
    QString watchListFile;
    std::optional<double> lowPercent;
    std::optional<double> lowHours;
    int intervalSeconds = 300;
    bool once = false;

    // apply (批量修改)
    QString applyFile;
    bool dryRun = false;
    double ratePerSecond = 5.0;
    QString resumeRunId;
    QString resultsFile;

    bool hasConnectionOptions() const;
    bool isProductCoupon() const { return !productCouponId.isEmpty(); }

    // A usage error, in Chinese and English; exit code 4.
    static Result<CliOptions, QString> parse(const QStringList &arguments);
    static QString usage();
};

} // namespace budgetdesk::cli
