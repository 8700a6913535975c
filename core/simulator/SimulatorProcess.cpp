#include "simulator/SimulatorProcess.h"

#include "http/TlsBackend.h"

#include "BudgetDeskVersion.h"

#include "simulator/DemoMerchant.h"
#include "simulator/SimulatorOptions.h"
#include "simulator/SimulatorServer.h"

#include "common/StopRequests.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace budgetdesk::sim {

namespace {

void printLine(const QString &line)
{
    std::fputs((line + u'\n').toUtf8().constData(), stdout);
    std::fflush(stdout);
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.commit();
}

// One array, so that what read --state-out before 商品券 still reads it: the 商家券 stocks as
// ever, then the 商品券 batches, told apart by their product_coupon_id (and `owner`).
QByteArray finalState(const WeChatPaySimulator &simulator)
{
    QJsonArray state = simulator.stocks().toJsonArray();
    for (const QJsonValue batch : simulator.productCoupons().toJsonArray())
        state.append(batch);
    return QJsonDocument(state).toJson(QJsonDocument::Indented);
}

} // namespace

int runSimulatorProcess(const QStringList &arguments)
{
    auto options = SimulatorOptions::parse(arguments);
    if (!options) {
        std::fprintf(stderr, "budgetdesk-sim: %s\n\n%s", qUtf8Printable(options.error()),
                     qUtf8Printable(SimulatorOptions::usage()));
        return 2;
    }
    if (options->showHelp || options->showVersion) {
        printLine(options->showHelp ? SimulatorOptions::usage() : QStringLiteral("budgetdesk-sim " BUDGETDESK_VERSION));
        return 0;
    }
    auto setup = SimulatorSetup::fromOptions(*options, QDateTime::currentDateTimeUtc());
    if (!setup) {
        std::fprintf(stderr, "budgetdesk-sim: %s\n", qUtf8Printable(setup.error()));
        return 2;
    }
    if (const auto problem = options->tls ? pinTlsBackend() : std::nullopt) {
        std::fprintf(stderr, "budgetdesk-sim: %s\n", qUtf8Printable(problem->en));
        return 1;
    }

    // Before anything is printed: a supervisor may signal as soon as it reads READY.
    StopRequests stopRequests(StopRequests::Repeat::Reported);

    auto simulator = std::make_unique<WeChatPaySimulator>(setup->config, setup->stocks, setup->productCoupons);
    simulator->setFaults(setup->faults);
    SimulatorServer server(std::move(simulator));
    if (!server.listen(options->port, setup->tls)) {
        std::fprintf(stderr, "budgetdesk-sim: cannot listen on 127.0.0.1:%u: %s\n", unsigned(options->port),
                     qUtf8Printable(server.errorString()));
        return 1;
    }
    if (!options->caOutFile.isEmpty() && !writeFile(options->caOutFile, setup->caCertificatePem)) {
        std::fprintf(stderr, "budgetdesk-sim: cannot write --ca-out %s\n", qUtf8Printable(options->caOutFile));
        return 1;
    }

    printLine(QStringLiteral("PORT %1").arg(server.port()));
    printLine(QStringLiteral("BASE_URL %1").arg(server.baseUrl().toString()));
    if (!options->caOutFile.isEmpty())
        printLine(QStringLiteral("CA_CERTIFICATE %1").arg(QDir(options->caOutFile).absolutePath()));

    std::optional<QTemporaryDir> temporaryDemoDir;
    if (options->demoMerchant()) {
        QString directory = options->demoDirectory;
        if (directory.isEmpty()) {
            temporaryDemoDir.emplace();
            directory = temporaryDemoDir->path();
        }
        const DemoMerchant &demo = DemoMerchant::instance();
        if (!demo.writeClientFiles(directory)) {
            std::fprintf(stderr, "budgetdesk-sim: cannot write the demo merchant's files to %s\n",
                         qUtf8Printable(directory));
            return 1;
        }
        const QDir dir(directory);
        printLine(QStringLiteral("MCHID %1").arg(demo.mchid));
        printLine(QStringLiteral("MERCHANT_SERIAL %1").arg(demo.merchantSerial));
        printLine(QStringLiteral("MERCHANT_PRIVATE_KEY %1").arg(dir.absoluteFilePath(DemoMerchant::MerchantKeyFile)));
        printLine(
            QStringLiteral("MERCHANT_CERTIFICATE %1").arg(dir.absoluteFilePath(DemoMerchant::MerchantCertificateFile)));
        printLine(QStringLiteral("PUBLIC_KEY_ID %1").arg(demo.publicKeyId));
        printLine(
            QStringLiteral("WECHATPAY_PUBLIC_KEY %1").arg(dir.absoluteFilePath(DemoMerchant::WechatPayPublicKeyFile)));
        printLine(QStringLiteral("PLATFORM_SERIAL %1").arg(demo.platformSerial));
        printLine(
            QStringLiteral("PLATFORM_CERTIFICATE %1").arg(dir.absoluteFilePath(DemoMerchant::PlatformCertificateFile)));
        printLine(QStringLiteral("APIV3_KEY %1").arg(QString::fromLatin1(demo.apiV3Key)));
        if (server.simulator().config().brandId == demo.brandId) { // not replaced by --brand-id
            printLine(QStringLiteral("BRAND_PRIVATE_KEY %1").arg(dir.absoluteFilePath(DemoMerchant::BrandKeyFile)));
            printLine(
                QStringLiteral("BRAND_CERTIFICATE %1").arg(dir.absoluteFilePath(DemoMerchant::BrandCertificateFile)));
        }
    }
    const SimulatorConfig &config = server.simulator().config();
    if (!config.brandId.isEmpty()) {
        printLine(QStringLiteral("BRAND_ID %1").arg(config.brandId));
        printLine(QStringLiteral("BRAND_SERIAL %1").arg(config.brandSerial));
    }
    if (!config.authorisedBrands.isEmpty())
        printLine(QStringLiteral("AUTHORISED_BRANDS %1").arg(config.authorisedBrands.join(u',')));
    printLine(QStringLiteral("STOCKS %1").arg(server.simulator().stocks().ids().join(u',')));
    printLine(
        QStringLiteral("PRODUCT_COUPONS %1").arg(server.simulator().productCoupons().productCouponIds().join(u',')));
    printLine(QStringLiteral("READY"));

    auto stop = [&] {
        if (!options->stateOutFile.isEmpty() && !writeFile(options->stateOutFile, finalState(server.simulator())))
            std::fprintf(stderr, "budgetdesk-sim: cannot write --state-out %s\n",
                         qUtf8Printable(options->stateOutFile));
        QCoreApplication::exit(0);
    };
    if (options->maxRequests > 0) {
        QObject::connect(&server, &SimulatorServer::answered, &server, [&](qint64 total) {
            if (total >= options->maxRequests)
                stop();
        });
    }
    if (options->maxSeconds > 0)
        QTimer::singleShot(std::chrono::seconds(options->maxSeconds), &server, stop);

    QObject::connect(&stopRequests, &StopRequests::requested, &server, stop);

    return QCoreApplication::exec();
}

} // namespace budgetdesk::sim
