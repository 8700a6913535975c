#include "cli/CliOptions.h"

#include <QCommandLineParser>

namespace budgetdesk::cli {

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName;
    const char *description;
};

const OptionSpec Specs[] = {
    {"mchid", "ID", "Merchant ID (商户号)."},
    {"merchant-serial", "HEX", "Merchant API certificate serial; read from --merchant-certificate when absent."},
    {"private-key", "FILE",
     "Merchant API private key: apiclient_key.pem (PKCS#8/PKCS#1, encrypted or not) or apiclient_cert.p12."},
    {"passphrase-env", "VAR", "Environment variable holding the key's passphrase (a .p12 defaults to the mchid)."},
    {"merchant-certificate", "FILE", "apiclient_cert.pem: its serial is used, and the key is checked against it."},
    {"public-key-id", "PUB_KEY_ID", "WeChat Pay public key ID."},
    {"public-key", "FILE", "WeChat Pay public key pub_key.pem."},
    {"platform-certificate", "FILE", "WeChat Pay platform certificate (repeatable)."},
    {"base-url", "URL", "Primary domain (default https://api.mch.weixin.qq.com)."},
    {"backup-url", "URL",
     "Backup domain for connection failures (default https://api2.mch.weixin.qq.com; 'none' to disable)."},
    {"ca-file", "FILE", "Trust only the CA certificates in FILE (PEM), e.g. the simulator's test CA."},
    {"timeout-ms", "N", "Time an attempt may take (default 15000)."},
    {"retry-delay-ms", "N", "First retry delay for 5xx/429/busy answers (default 800; doubled each time)."},
    {"current", "N", "The current value to replace; without it a fresh lookup supplies it."},
    {"request-no", "NO",
     "modify_budget_request_no (1-128 of [0-9A-Za-z_-]); generated when absent. Reuse it to retry "
     "the same change."},
    {"total", "N", "Change the batch total (max_coupons) to N."},
    {"per-day", "N", "Change the daily cap (max_coupons_by_day) to N."},
};

bool readInteger(const QCommandLineParser &parser, const char *name, qint64 &value, QString &error)
{
    bool ok = false;
    value = parser.value(QString::fromLatin1(name)).toLongLong(&ok);
    if (!ok)
        error = QStringLiteral("--%1 需要一个整数 / --%1 needs an integer").arg(QLatin1String(name));
    return ok;
}

void configure(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "BudgetDesk 商家券预算助手 — look up a WeChat Pay merchant-coupon batch or change its budget.\n\n"
        "  budgetdesk-cli [connection options] [--json] lookup STOCK_ID\n"
        "  budgetdesk-cli [connection options] [--json] modify STOCK_ID (--total N | --per-day N)\n"
        "                 [--current N] [--request-no NO]\n\n"
        "Exit codes: 0 applied/verified, 2 rejected, 3 unknown/not applied/not verified, 4 invalid input,\n"
        "5 configuration or key problem, 6 network failure on every domain."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON object.")));
    for (const OptionSpec &spec : Specs) {
        QCommandLineOption option(QString::fromLatin1(spec.name), QString::fromUtf8(spec.description));
        option.setValueName(QString::fromLatin1(spec.valueName));
        parser.addOption(option);
    }
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("lookup or modify"));
    parser.addPositionalArgument(QStringLiteral("STOCK_ID"), QStringLiteral("The batch (批次号)."));
}

} // namespace

QString CliOptions::usage()
{
    QCommandLineParser parser;
    configure(parser);
    return parser.helpText();
}

Result<CliOptions, QString> CliOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    configure(parser);
    if (!parser.parse(arguments))
        return parser.errorText();

    CliOptions options;
    options.showHelp = parser.isSet(QStringLiteral("help"));
    options.showVersion = parser.isSet(QStringLiteral("version"));
    if (options.showHelp || options.showVersion)
        return options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return QStringLiteral("需要命令和批次号 / expected a command and a STOCK_ID");
    if (positional[0] == QLatin1String("lookup"))
        options.command = Command::Lookup;
    else if (positional[0] == QLatin1String("modify"))
        options.command = Command::Modify;
    else
        return QStringLiteral("未知命令 '%1'，应为 lookup 或 modify / unknown command '%1'").arg(positional[0]);
    options.stockId = positional[1];

    auto text = [&](const char *name) { return parser.value(QString::fromLatin1(name)); };
    options.json = parser.isSet(QStringLiteral("json"));
    options.mchid = text("mchid");
    options.merchantSerial = text("merchant-serial");
    options.privateKeyFile = text("private-key");
    options.passphraseEnv = text("passphrase-env");
    options.merchantCertificateFile = text("merchant-certificate");
    options.publicKeyId = text("public-key-id");
    options.publicKeyFile = text("public-key");
    options.platformCertificateFiles = parser.values(QStringLiteral("platform-certificate"));
    options.baseUrl = text("base-url");
    options.backupUrl = text("backup-url");
    options.backupUrlSet = parser.isSet(QStringLiteral("backup-url"));
    options.caFile = text("ca-file");
    options.requestNumber = text("request-no");

    QString error;
    qint64 number = 0;
    if (parser.isSet(QStringLiteral("timeout-ms"))) {
        if (!readInteger(parser, "timeout-ms", number, error) || number < 1 || number > 600000)
            return error.isEmpty() ? QStringLiteral("--timeout-ms 应在 1–600000 之间 / must be 1-600000") : error;
        options.timeoutMs = int(number);
    }
    if (parser.isSet(QStringLiteral("retry-delay-ms"))) {
        if (!readInteger(parser, "retry-delay-ms", number, error) || number < 0 || number > 60000)
            return error.isEmpty() ? QStringLiteral("--retry-delay-ms 应在 0–60000 之间 / must be 0-60000") : error;
        options.retryDelayMs = int(number);
    }
    if (parser.isSet(QStringLiteral("current"))) {
        if (!readInteger(parser, "current", number, error))
            return error;
        options.current = number;
    }

    const bool total = parser.isSet(QStringLiteral("total"));
    const bool perDay = parser.isSet(QStringLiteral("per-day"));
    if (options.command == Command::Modify) {
        if (total == perDay)
            return QStringLiteral(
                "一次只能修改一项：请给出 --total 或 --per-day 之一 / give exactly one of --total and --per-day");
        options.dimension = total ? BudgetDimension::Total : BudgetDimension::PerDay;
        if (!readInteger(parser, total ? "total" : "per-day", options.target, error))
            return error;
    } else if (total || perDay || options.current || !options.requestNumber.isEmpty()) {
        return QStringLiteral(
            "lookup 不接受 --total/--per-day/--current/--request-no / lookup takes no change options");
    }
    return options;
}

} // namespace budgetdesk::cli
