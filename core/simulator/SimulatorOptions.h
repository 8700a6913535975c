#pragma once

#include "common/Result.h"
#include "simulator/FaultPlan.h"
#include "simulator/ProductCouponCatalog.h"
#include "simulator/SimulatorConfig.h"
#include "simulator/SimulatorServer.h"
#include "simulator/StockCatalog.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk::sim {

// `budgetdesk-sim`'s command line, as written in its usage text.
struct SimulatorOptions
{
    bool showHelp = false; // --help: print the usage, start nothing
    bool showVersion = false; // --version
    quint16 port = 0;
    bool tls = false;
    QString tlsCertificateFile;
    QString tlsKeyFile;
    QString caOutFile;

    QString mchid;
    QString merchantSerial;
    QString merchantPublicKeyFile;
    QString platformPrivateKeyFile;
    QString platformSerial;
    QString platformCertificateFile;
    QString platformCertificateKeyFile; // when the certificate's key differs from --platform-private-key
    QString apiV3Key;

    // The 商品券 brand (all three, or none: the demo brand with the demo merchant).
    QString brandId;
    QString brandSerial;
    QString brandPublicKeyFile;
    std::optional<QStringList> authorisedBrands; // nullopt: the served brand

    QString stocksFile;
    QString productCouponsFile;
    QString stateOutFile;
    QString demoDirectory;
    int requestsPerSecond = 0;
    int productCouponRequestsPerSecond = 20;
    QHash<QString, double> issueRatesPerMinute; // --issue-rate STOCK_ID=N (repeatable)
    qint64 modificationWindowMs = 0;
    qint64 maxSeconds = 0;
    qint64 maxRequests = 0;
    QStringList faults;

    bool demoMerchant() const;

    // Errors are one English line for the terminal.
    static Result<SimulatorOptions, QString> parse(const QStringList &arguments);
    static QString usage();
};

// Everything a SimulatorServer needs, read from the files the options name.
struct SimulatorSetup
{
    SimulatorConfig config;
    StockCatalog stocks;
    ProductCouponCatalog productCoupons;
    FaultPlan faults;
    std::optional<TlsIdentity> tls;
    QByteArray caCertificatePem; // the generated CA, when --tls came without a certificate

    static Result<SimulatorSetup, QString> fromOptions(const SimulatorOptions &options, const QDateTime &now);
};

} // namespace budgetdesk::sim
