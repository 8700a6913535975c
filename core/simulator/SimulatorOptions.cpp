#include "simulator/SimulatorOptions.h"

#include "common/IdText.h"
#include "crypto/KeyLoader.h"
#include "simulator/DemoMerchant.h"
#include "simulator/LoopbackCertificateAuthority.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

namespace budgetdesk::sim {

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName; // nullptr for a flag
    const char *description;
};

const OptionSpec Specs[] = {
    {"port", "N", "Port on 127.0.0.1; 0 (default) picks a free one."},
    {"tls", nullptr, "Serve HTTPS."},
    {"tls-cert", "FILE", "Server certificate (PEM) for --tls."},
    {"tls-key", "FILE", "Server private key (PEM) for --tls."},
    {"ca-out", "FILE", "Write the generated test CA (PEM) here, for clients to trust."},
    {"mchid", "ID", "The merchant served."},
    {"merchant-serial", "HEX", "Its API certificate serial."},
    {"merchant-public-key", "FILE", "Its public key: SPKI PEM or the certificate PEM."},
    {"platform-private-key", "FILE", "The key WeChat Pay answers are signed with."},
    {"platform-serial", "SERIAL", "PUB_KEY_ID_… (public-key mode) or the platform certificate serial."},
    {"platform-certificate", "FILE", "Platform certificate (certificate mode)."},
    {"platform-certificate-key", "FILE", "Key of --platform-certificate, if not --platform-private-key."},
    {"apiv3-key", "KEY", "APIv3 key (32 bytes) encrypting /v3/certificates."},
    {"brand-id", "ID", "The 商品券 brand served on /brand/marketing/product-coupon (WECHATPAY-BRAND-SHA256-RSA2048)."},
    {"brand-serial", "HEX", "Its brand API certificate serial."},
    {"brand-public-key", "FILE", "Its public key: SPKI PEM or the certificate PEM."},
    {"authorised-brands", "ID,...",
     "Brands that authorised --mchid as 服务商 for 商品券 (default: --brand-id; \"\" for none)."},
    {"stocks", "FILE", "JSON array of stocks in the GET answer's schema."},
    {"product-coupons", "FILE",
     "JSON array of 商品券 batches: the StockEntity schema plus \"owner\": \"partner:<mchid>\" or "
     "\"brand:<brand_id>\"; only product_coupon_id and stock_id are required (default: the demo set)."},
    {"state-out", "FILE",
     "Write the final state here on exit: one JSON array of the stocks, then the 商品券 batches (those carry "
     "product_coupon_id and owner); --stocks and --product-coupons each read it back."},
    {"demo-dir", "DIR", "Demo merchant: write its client files here (default: a temporary folder)."},
    {"rate", "N", "商家券 requests per second per merchant before 429 FREQUENCY_LIMITED; 0 = unlimited."},
    {"product-coupon-rate", "N",
     "商品券 requests per second per mchid or brand_id before 429 RATELIMIT_EXCEEDED; default 20, 0 = unlimited."},
    {"modify-window", "MS", "After a change, further changes to that batch meet 批次正在修改中 for MS ms."},
    {"issue-rate", "STOCK_ID=N",
     "Batch STOCK_ID (商家券 or 商品券) issues N coupons a minute while running, up to its caps (repeatable); "
     "today's counts restart at local midnight."},
    {"max-seconds", "N", "Stop after N seconds."},
    {"max-requests", "N", "Stop after N answers."},
    {"fault", "NAME[=VALUE]",
     "Misbehave on purpose (repeatable): bad-signature, signtest[=FRACTION], skew=SECONDS, "
     "wrong-serial, omit-signature-headers, delay=MS, drop-before-apply, drop-after-apply, portal (budget changes "
     "only), drop (every request), status=429|500|502|503, busy, count=N. They apply to 商家券 and 商品券 alike."},
};

QCommandLineParser &configuredParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "A local WeChat Pay simulator of the 商家券 (busifavor) and 商品券 (product coupon, partner and brand) budget "
        "endpoints, for demo mode and tests. Binds 127.0.0.1 only; the first line on stdout is PORT <n>."));
    parser.addHelpOption();
    parser.addVersionOption();
    for (const OptionSpec &spec : Specs) {
        QCommandLineOption option(QString::fromLatin1(spec.name), QString::fromUtf8(spec.description));
        if (spec.valueName)
            option.setValueName(QString::fromUtf8(spec.valueName));
        parser.addOption(option);
    }
    return parser;
}

template<typename Number>
bool readNumber(const QCommandLineParser &parser, const char *name, Number &target, QString &error)
{
    if (!parser.isSet(QString::fromLatin1(name)))
        return true;
    bool ok = false;
    const qlonglong value = parser.value(QString::fromLatin1(name)).toLongLong(&ok);
    if (!ok || value < 0 || value > std::numeric_limits<Number>::max()) {
        error = QStringLiteral("--%1 needs a non-negative number").arg(QLatin1String(name));
        return false;
    }
    target = static_cast<Number>(value);
    return true;
}

// `limit`: refuse a file larger than that many bytes, without reading it all.
Result<QByteArray, QString> readFile(const QString &path, const char *option, qint64 limit = -1)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("--%1: cannot read %2").arg(QLatin1String(option), path);
    if (limit < 0)
        return file.readAll();
    QByteArray content = file.read(limit + 1);
    if (content.size() > limit)
        return QStringLiteral("--%1: %2 is larger than %3 MiB").arg(QLatin1String(option), path).arg(limit >> 20);
    return content;
}

template<typename T> Result<T, QString> explain(Result<T, KeyError> result, const char *option)
{
    if (!result)
        return QStringLiteral("--%1: %2").arg(QLatin1String(option), result.error().text().en);
    return std::move(result).value();
}

// --merchant-public-key and --brand-public-key take a bare public key or the certificate,
// whose serial must then be the one given with it.
Result<PublicKey, QString> callerPublicKey(const QString &file, const char *option, const QString &serial,
                                           const char *serialOption)
{
    auto key = KeyLoader::publicKeyFromFile(file);
    if (key)
        return std::move(key).value();
    if (key.error().code() != KeyError::Code::CertificateInsteadOfKey)
        return QStringLiteral("--%1: %2").arg(QLatin1String(option), key.error().text().en);
    auto certificate = explain(KeyLoader::certificateFromFile(file), option);
    if (!certificate)
        return certificate.error();
    if (certificate->serialNumber().compare(serial, Qt::CaseInsensitive) != 0)
        return QStringLiteral("--%1: the certificate's serial %2 is not --%3 %4")
            .arg(QLatin1String(option), certificate->serialNumber(), QLatin1String(serialOption), serial);
    return certificate->publicKey();
}

Result<PublicKey, QString> merchantPublicKey(const SimulatorOptions &options)
{
    return callerPublicKey(options.merchantPublicKeyFile, "merchant-public-key", options.merchantSerial,
                           "merchant-serial");
}

bool isBrandId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z_-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

// The brand options on top of the merchant's configuration: a brand replaces the demo's.
std::optional<QString> applyBrand(const SimulatorOptions &options, SimulatorConfig &config)
{
    const bool brandGiven
        = !options.brandId.isEmpty() || !options.brandSerial.isEmpty() || !options.brandPublicKeyFile.isEmpty();
    if (brandGiven) {
        if (options.brandId.isEmpty() || options.brandSerial.isEmpty() || options.brandPublicKeyFile.isEmpty())
            return QStringLiteral("--brand-id, --brand-serial and --brand-public-key go together");
        if (!isBrandId(options.brandId))
            return QStringLiteral("--brand-id must be 1-64 characters of 0-9, A-Z, a-z, _ and -");
        // Brand answers are verified with the WeChat Pay public key and its ID is the
        // Wechatpay-Serial every brand request must carry (PRODUCT_COUPON.md §3).
        if (!config.publicKeyIdentity)
            return QStringLiteral("--brand-id needs the WeChat Pay public key: a PUB_KEY_ID_… --platform-serial");
        auto key = callerPublicKey(options.brandPublicKeyFile, "brand-public-key", options.brandSerial, "brand-serial");
        if (!key)
            return key.error();
        config.brandId = options.brandId;
        config.brandSerial = options.brandSerial.toUpper();
        config.brandPublicKey = *key;
        config.authorisedBrands = {options.brandId};
    }
    if (options.authorisedBrands) {
        for (const QString &brand : *options.authorisedBrands) {
            if (!isBrandId(brand))
                return QStringLiteral("--authorised-brands: '%1' is not a brand_id").arg(brand);
        }
        config.authorisedBrands = *options.authorisedBrands;
    }
    return std::nullopt;
}

Result<SimulatorConfig, QString> configFromKeyFiles(const SimulatorOptions &options)
{
    if (options.mchid.isEmpty() || options.merchantSerial.isEmpty() || options.merchantPublicKeyFile.isEmpty())
        return QStringLiteral("--mchid, --merchant-serial and --merchant-public-key go together");
    if (options.platformPrivateKeyFile.isEmpty())
        return QStringLiteral("--platform-private-key is required unless the built-in demo merchant is used");
    const bool publicKeyMode = options.platformSerial.startsWith(QLatin1String("PUB_KEY_ID_"));
    const bool certificateMode = !options.platformCertificateFile.isEmpty();
    if (!publicKeyMode && !certificateMode)
        return QStringLiteral("--platform-serial must be a PUB_KEY_ID_…, or --platform-certificate must be given");

    SimulatorConfig config;
    config.mchid = options.mchid;
    config.merchantSerial = options.merchantSerial.toUpper();
    auto merchantKey = merchantPublicKey(options);
    if (!merchantKey)
        return merchantKey.error();
    config.merchantPublicKey = *merchantKey;

    auto platformKey = explain(KeyLoader::merchantKeyFromFile(options.platformPrivateKeyFile), "platform-private-key");
    if (!platformKey)
        return platformKey.error();
    if (publicKeyMode)
        config.publicKeyIdentity = PlatformIdentity{options.platformSerial, platformKey->key, std::nullopt};

    if (certificateMode) {
        auto certificate
            = explain(KeyLoader::certificateFromFile(options.platformCertificateFile), "platform-certificate");
        if (!certificate)
            return certificate.error();
        PrivateKey certificateKey = platformKey->key;
        if (!options.platformCertificateKeyFile.isEmpty()) {
            auto loaded = explain(KeyLoader::merchantKeyFromFile(options.platformCertificateKeyFile),
                                  "platform-certificate-key");
            if (!loaded)
                return loaded.error();
            certificateKey = loaded->key;
        }
        if (!certificate->matches(certificateKey))
            return QStringLiteral("--platform-certificate does not belong to the platform private key");
        if (!publicKeyMode && !options.platformSerial.isEmpty()
            && options.platformSerial.compare(certificate->serialNumber(), Qt::CaseInsensitive) != 0)
            return QStringLiteral("--platform-serial %1 is not the certificate's serial %2")
                .arg(options.platformSerial, certificate->serialNumber());
        if (options.apiV3Key.toUtf8().size() != 32)
            return QStringLiteral("--apiv3-key must be exactly 32 bytes in certificate mode");
        config.certificateIdentity = PlatformIdentity{certificate->serialNumber(), certificateKey, *certificate};
        config.apiV3Key = options.apiV3Key.toUtf8();
    }
    return config;
}

Result<std::optional<TlsIdentity>, QString> tlsIdentity(const SimulatorOptions &options, QByteArray &generatedCa)
{
    if (!options.tls)
        return std::optional<TlsIdentity>();
    QByteArray certificatePem;
    QByteArray keyPem;
    if (!options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty()) {
        if (options.tlsCertificateFile.isEmpty() || options.tlsKeyFile.isEmpty())
            return QStringLiteral("--tls-cert and --tls-key go together");
        auto certificate = readFile(options.tlsCertificateFile, "tls-cert");
        auto key = readFile(options.tlsKeyFile, "tls-key");
        if (!certificate)
            return certificate.error();
        if (!key)
            return key.error();
        certificatePem = *certificate;
        keyPem = *key;
    } else {
        const LoopbackCertificateAuthority authority = LoopbackCertificateAuthority::generate();
        certificatePem = authority.serverCertificatePem;
        keyPem = authority.serverPrivateKeyPem;
        generatedCa = authority.caCertificatePem;
    }
    TlsIdentity identity{QSslCertificate(certificatePem, QSsl::Pem), QSslKey()};
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        identity.privateKey = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!identity.privateKey.isNull())
            break;
    }
    if (identity.certificate.isNull() || identity.privateKey.isNull())
        return QStringLiteral("--tls-cert/--tls-key: not a PEM certificate and RSA or EC key");
    return std::optional<TlsIdentity>(identity);
}

} // namespace

bool SimulatorOptions::demoMerchant() const
{
    return mchid.isEmpty() && merchantSerial.isEmpty() && merchantPublicKeyFile.isEmpty()
        && platformPrivateKeyFile.isEmpty() && platformSerial.isEmpty() && platformCertificateFile.isEmpty();
}

QString SimulatorOptions::usage()
{
    QCommandLineParser parser;
    return configuredParser(parser).helpText();
}

Result<SimulatorOptions, QString> SimulatorOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    configuredParser(parser);
    if (!parser.parse(arguments))
        return parser.errorText();
    if (!parser.positionalArguments().isEmpty())
        return QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());

    SimulatorOptions options;
    options.showHelp = parser.isSet(QStringLiteral("help"));
    options.showVersion = parser.isSet(QStringLiteral("version"));
    QString error;
    if (!readNumber(parser, "port", options.port, error)
        || !readNumber(parser, "rate", options.requestsPerSecond, error)
        || !readNumber(parser, "product-coupon-rate", options.productCouponRequestsPerSecond, error)
        || !readNumber(parser, "modify-window", options.modificationWindowMs, error)
        || !readNumber(parser, "max-seconds", options.maxSeconds, error)
        || !readNumber(parser, "max-requests", options.maxRequests, error))
        return error;
    auto text = [&](const char *name) { return parser.value(QString::fromLatin1(name)); };
    options.tls = parser.isSet(QStringLiteral("tls"));
    options.tlsCertificateFile = text("tls-cert");
    options.tlsKeyFile = text("tls-key");
    options.caOutFile = text("ca-out");
    options.mchid = text("mchid");
    options.merchantSerial = text("merchant-serial");
    options.merchantPublicKeyFile = text("merchant-public-key");
    options.platformPrivateKeyFile = text("platform-private-key");
    options.platformSerial = text("platform-serial");
    options.platformCertificateFile = text("platform-certificate");
    options.platformCertificateKeyFile = text("platform-certificate-key");
    options.apiV3Key = text("apiv3-key");
    options.brandId = text("brand-id");
    options.brandSerial = text("brand-serial");
    options.brandPublicKeyFile = text("brand-public-key");
    if (parser.isSet(QStringLiteral("authorised-brands")))
        options.authorisedBrands = text("authorised-brands").split(u',', Qt::SkipEmptyParts);
    options.stocksFile = text("stocks");
    options.productCouponsFile = text("product-coupons");
    options.stateOutFile = text("state-out");
    options.demoDirectory = text("demo-dir");
    options.faults = parser.values(QStringLiteral("fault"));
    for (const QString &rate : parser.values(QStringLiteral("issue-rate"))) {
        const qsizetype equals = rate.indexOf(u'=');
        const QString stockId = rate.left(equals);
        bool number = false;
        const double perMinute = equals < 0 ? 0 : rate.mid(equals + 1).toDouble(&number);
        if (!isIdText(stockId, 1, 40) || !number || perMinute <= 0 || perMinute > 1e6)
            return QStringLiteral("--issue-rate: '%1' is not STOCK_ID=N with 0 < N <= 1000000").arg(rate);
        options.issueRatesPerMinute.insert(stockId, perMinute);
    }
    if (!options.tls
        && (!options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty() || !options.caOutFile.isEmpty()))
        return QStringLiteral("--tls-cert, --tls-key and --ca-out need --tls");
    if (!options.caOutFile.isEmpty() && !options.tlsCertificateFile.isEmpty())
        return QStringLiteral("--ca-out writes the generated CA; it does not go with --tls-cert");
    return options;
}

Result<SimulatorSetup, QString> SimulatorSetup::fromOptions(const SimulatorOptions &options, const QDateTime &now)
{
    SimulatorSetup setup;
    if (options.demoMerchant()) {
        setup.config = DemoMerchant::instance().simulatorConfig();
    } else {
        auto config = configFromKeyFiles(options);
        if (!config)
            return config.error();
        setup.config = std::move(config).value();
    }
    if (auto problem = applyBrand(options, setup.config))
        return *problem;
    setup.config.requestsPerSecond = options.requestsPerSecond;
    setup.config.productCouponRequestsPerSecond = options.productCouponRequestsPerSecond;
    setup.config.modificationWindowMs = options.modificationWindowMs;
    setup.config.issueRatesPerMinute = options.issueRatesPerMinute;

    if (options.stocksFile.isEmpty()) {
        setup.stocks = StockCatalog::demo(setup.config.mchid, now);
    } else {
        auto json = readFile(options.stocksFile, "stocks");
        if (!json)
            return json.error();
        auto stocks = StockCatalog::fromJson(*json, setup.config.mchid, now);
        if (!stocks)
            return QStringLiteral("--stocks %1: %2").arg(options.stocksFile, stocks.error());
        setup.stocks = std::move(stocks).value();
    }

    // The batches' brand when a file names none: the one served, else the first authorised.
    const QString catalogueBrand = !setup.config.brandId.isEmpty() ? setup.config.brandId
        : !setup.config.authorisedBrands.isEmpty()                 ? setup.config.authorisedBrands.first()
                                                                   : DemoMerchant::instance().brandId;
    if (options.productCouponsFile.isEmpty()) {
        setup.productCoupons = ProductCouponCatalog::demo(setup.config.mchid, catalogueBrand, now);
    } else {
        auto json = readFile(options.productCouponsFile, "product-coupons", ProductCouponCatalog::MaximumFileBytes);
        if (!json)
            return json.error();
        auto productCoupons = ProductCouponCatalog::fromJson(*json, setup.config.mchid, catalogueBrand, now);
        if (!productCoupons)
            return QStringLiteral("--product-coupons %1: %2").arg(options.productCouponsFile, productCoupons.error());
        setup.productCoupons = std::move(productCoupons).value();
    }

    auto faults = FaultPlan::parse(options.faults);
    if (!faults)
        return QStringLiteral("--fault: %1").arg(faults.error());
    setup.faults = std::move(faults).value();

    auto tls = tlsIdentity(options, setup.caCertificatePem);
    if (!tls)
        return tls.error();
    setup.tls = *tls;
    return setup;
}

} // namespace budgetdesk::sim
