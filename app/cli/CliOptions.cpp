#include "cli/CliOptions.h"

#include "busifavor/BudgetProblem.h"
#include "http/DomainPolicy.h"
#include "productcoupon/ProductCouponApi.h"
#include "profile/MerchantProfile.h"
#include "profile/ProfileProblem.h"
#include "watch/Watchlist.h"

#include <QCommandLineParser>

namespace budgetdesk::cli {

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName; // nullptr: a flag
    const char *description;
};

const OptionSpec Specs[] = {
    {"json", nullptr, "Print JSON: one object (history: one per entry)."},
    {"data-dir", "DIR", "Keep profiles, the audit log and caches in DIR (default: the user's data folder)."},
    {"profile", "NAME", "Use a saved profile instead of the connection options."},
    {"mchid", "ID", "Merchant ID (商户号)."},
    {"merchant-serial", "HEX", "Merchant API certificate serial; read from --merchant-certificate when absent."},
    {"private-key", "FILE",
     "Merchant API private key: apiclient_key.pem (PKCS#8/PKCS#1, encrypted or not) or apiclient_cert.p12."},
    {"passphrase-env", "VAR", "Environment variable holding the key's passphrase (a .p12 defaults to the mchid)."},
    {"apiv3-key-env", "VAR", "Environment variable holding the APIv3 key (platform-certificate mode)."},
    {"merchant-certificate", "FILE", "apiclient_cert.pem: its serial is used, and the key is checked against it."},
    {"public-key-id", "PUB_KEY_ID", "WeChat Pay public key ID."},
    {"public-key", "FILE", "WeChat Pay public key pub_key.pem."},
    {"platform-certificate", "FILE",
     "A WeChat Pay platform certificate (repeatable); without one, certificate mode downloads them."},
    {"verification", "MODE", "public_key, platform_certificates or both (default: from the options given)."},
    {"base-url", "URL",
     "Primary domain, scheme://host[:port] (default https://api.mch.weixin.qq.com). With --profile: for this run."},
    {"backup-url", "URL",
     "Backup domain for connection failures; 'none' to disable. Default: https://api2.mch.weixin.qq.com for the "
     "official primary, none for any other. A local primary never gets WeChat Pay's real backup."},
    {"timeout-ms", "N", "Time an attempt may take (default 15000)."},
    {"ca-file", "FILE",
     "Trust only the CA certificates in FILE (PEM), e.g. the simulator's test CA; profile add keeps it."},
    {"retry-delay-ms", "N", "First retry delay for 5xx/429/busy answers (default 800; doubled each time)."},
    {"identity", "KIND",
     "merchant (default: a 商户 or 服务商, signing with its mchid) or brand (a 品牌 calling the 商品券 brand API "
     "itself, signing with --brand-id)."},
    {"brand-id", "ID",
     "商品券: the brand. As a merchant (服务商): the brand acted for (profile add: repeatable, the brands served). "
     "With --identity brand: the brand that signs."},
    {"brand-certificate", "FILE", "--identity brand: the brand API certificate; its serial is used."},
    {"brand-serial", "HEX", "--identity brand: the brand API certificate serial, when no certificate is given."},
    {"product-coupon", "ID",
     "lookup/list/modify a 商品券 (product coupon) batch of this product coupon ID instead of a 商家券 batch."},
    {"bundle", "ID", "商品券: a batch group (批次组). list: only its batches; modify: change the whole group."},
    {"state", "STATE", "list: only batches in STATE (AUDITING, SENDING, PAUSED, STOPPED, DEACTIVATED)."},
    {"total", "N", "modify: change the batch total (max_coupons; 商品券 max_count) to N."},
    {"per-day", "N", "modify: change the daily cap (max_coupons_by_day; 商品券 max_count_per_day) to N."},
    {"stop-issuing", nullptr,
     "modify: stop the batch issuing coupons by setting its total to the number already issued (read from a "
     "fresh lookup). Merchant coupons have no stop call of their own."},
    {"current", "N", "modify: the current value to replace; without it a fresh lookup supplies it."},
    {"request-no", "NO",
     "modify: modify_budget_request_no (1-128 of [0-9A-Za-z_-]; 商品券 out_request_no, 6-40); generated when "
     "absent. Reuse it to retry the same change (same target and current)."},
    {"stock", "ID", "history: only this batch."},
    {"since", "DATE", "history: from this date (YYYY-MM-DD) or time (ISO 8601) on."},
    {"csv", "FILE",
     "history: write CSV (UTF-8 with BOM, for Excel) to FILE. Headers and labels are in Chinese (记录编号, 结果 "
     "已生效/未生效/无法确认/被拒绝 …), as the rest of this command's output; IDs are written as =\"…\" so Excel "
     "keeps every digit; times are local with their UTC offset (2026-12-03 21:50:07 +08:00)."},
    {"operator", "NAME",
     "profile add: the operator (操作人) recorded with every change made with this profile, beside the OS account "
     "— for PCs several people share. At most 32 characters."},
    {"all-pending", nullptr, "reconcile: every pending or unknown entry."},
    {"list", "FILE", "watch: the batches of a watchlist exported from the window (the same JSON)."},
    {"low-percent", "P", "watch: a batch is low below P % of its total left (default 10)."},
    {"low-hours", "H", "watch: … or when it runs out within H hours at today's pace (default 4)."},
    {"interval", "SECONDS", "watch: look the batches up again every SECONDS (default 300)."},
    {"once", nullptr, "watch: one round, then exit 0 (none low), 7 (some low) or the lookup's failure code."},
    {"dry-run", nullptr, "apply: look every row up and check it; send nothing."},
    {"rate", "N", "apply: at most N rows a second (default 5; 0.1-20)."},
    {"resume", "RUN_ID", "apply: go on with a run that was interrupted (its journal in the data folder)."},
    {"results", "FILE",
     "apply: write the results CSV here (default: beside FILE, named after the run). UTF-8 with BOM, Chinese "
     "headers, IDs as =\"…\", local times."},
};

const QString Usage = QStringLiteral(
    "BudgetDesk 商家券预算助手 — look up a WeChat Pay merchant-coupon batch or change its budget.\n\n"
    "  budgetdesk-cli [--data-dir DIR] [connection options | --profile NAME] [--json] lookup STOCK_ID\n"
    "  budgetdesk-cli [--data-dir DIR] [connection options | --profile NAME] [--json] modify STOCK_ID\n"
    "                 (--total N | --per-day N | --stop-issuing) [--current N] [--request-no NO]\n"
    "  商品券 (product coupon), as a merchant/服务商 (--brand-id ID) or --identity brand:\n"
    "  budgetdesk-cli [...] [--json] lookup --product-coupon PC_ID STOCK_ID\n"
    "  budgetdesk-cli [...] [--json] list --product-coupon PC_ID [--state STATE] [--bundle BUNDLE_ID]\n"
    "  budgetdesk-cli [...] [--json] modify --product-coupon PC_ID STOCK_ID (--total N | --per-day N |\n"
    "                 --stop-issuing) [--current N] [--request-no NO]\n"
    "  budgetdesk-cli [...] [--json] modify --product-coupon PC_ID --bundle BUNDLE_ID (--total N | --per-day N)\n"
    "                 [--current N] [--request-no NO]\n"
    "  budgetdesk-cli [--data-dir DIR] profile add NAME <connection options> [--operator NAME]\n"
    "  budgetdesk-cli [--data-dir DIR] profile list | show NAME | remove NAME | import FILE | export NAME FILE\n"
    "  budgetdesk-cli [--data-dir DIR] profile test NAME [STOCK_ID]\n"
    "  budgetdesk-cli [--data-dir DIR] history [--stock ID] [--profile NAME] [--since DATE] [--json | --csv FILE]\n"
    "  budgetdesk-cli [--data-dir DIR] reconcile [ENTRY_ID | --all-pending]\n"
    "  budgetdesk-cli [...] [--json] watch [STOCK_ID | PRODUCT_COUPON_ID:STOCK_ID ... | --list FILE]\n"
    "                 [--low-percent P] [--low-hours H] [--interval SECONDS] [--once]\n"
    "  budgetdesk-cli [...] [--json] apply FILE [--dry-run] [--rate N] [--resume RUN_ID] [--results FILE]\n\n"
    "Exit codes: 0 applied/verified, 2 rejected, 3 unknown/not applied/not verified, 4 invalid input,\n"
    "5 configuration or key problem, 6 network failure on every domain, 7 watch --once: a batch is low.\n"
    "apply: 0 every row applied (--dry-run: every row valid), 4 a row invalid, else the worst of 2/3/6.");

void configure(QCommandLineParser &parser)
{
    parser.setApplicationDescription(Usage);
    parser.addHelpOption();
    parser.addVersionOption();
    for (const OptionSpec &spec : Specs) {
        QCommandLineOption option(QString::fromLatin1(spec.name), QString::fromUtf8(spec.description));
        if (spec.valueName)
            option.setValueName(QString::fromLatin1(spec.valueName));
        parser.addOption(option);
    }
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("lookup, list, modify, watch, apply, profile, history or reconcile"));
}

bool readInteger(const QCommandLineParser &parser, const char *name, qint64 &value, QString &error)
{
    bool ok = false;
    value = parser.value(QString::fromLatin1(name)).toLongLong(&ok);
    if (!ok)
        error = QStringLiteral("--%1 需要一个整数 / --%1 needs an integer").arg(QLatin1String(name));
    return ok;
}

QString usageError(const QString &zh, const QString &en)
{
    return zh + QStringLiteral(" / ") + en;
}

QString usageError(const BilingualText &text)
{
    return usageError(text.zh, text.en);
}

// A batch ID as typed or pasted: surrounding whitespace goes; what is left must be 1–20 ASCII
// letters or digits. Anything else ("..", "?", a full-width or Arabic-Indic digit, CR/LF)
// would reach the URL as another path, or be rewritten on the way.
std::optional<QString> stockIdFrom(const QString &text)
{
    const QString id = text.trimmed();
    if (!StockKey::isValidStockId(CouponFamily::Busifavor, id))
        return std::nullopt;
    return id;
}

std::optional<QString> productCouponIdFrom(const QString &text)
{
    const QString id = text.trimmed();
    if (!ProductCouponApi::isValidProductCouponId(id))
        return std::nullopt;
    return id;
}

QString productCouponIdError(const char *option, const QString &text)
{
    return usageError(QStringLiteral("%1“%2”无效：应为 1–40 个 ASCII 字母、数字、下划线或短横线。")
                          .arg(QLatin1String(option), text.trimmed()),
                      QStringLiteral("%1 '%2' is not valid: it must be 1-40 ASCII letters, digits, '_' or '-'.")
                          .arg(QLatin1String(option), text.trimmed()));
}

QString stockIdError(const QString &text)
{
    return usageError(
        QStringLiteral("批次号“%1”无效：应为 1–20 个 ASCII 字母或数字。").arg(text.trimmed()),
        QStringLiteral("The batch ID '%1' is not valid: it must be 1-20 ASCII letters or digits.").arg(text.trimmed()));
}

} // namespace

bool CliOptions::hasConnectionOptions() const
{
    return !mchid.isEmpty() || !privateKeyFile.isEmpty() || !merchantSerial.isEmpty() || !publicKeyFile.isEmpty()
        || !platformCertificateFiles.isEmpty() || !merchantCertificateFile.isEmpty() || !identity.isEmpty()
        || !brandCertificateFile.isEmpty() || !brandSerial.isEmpty();
}

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

    auto text = [&](const char *name) { return parser.value(QString::fromLatin1(name)); };
    auto isSet = [&](const char *name) { return parser.isSet(QString::fromLatin1(name)); };
    options.json = isSet("json");
    options.dataDir = text("data-dir");
    options.profile = text("profile");
    options.mchid = text("mchid");
    options.merchantSerial = text("merchant-serial");
    options.privateKeyFile = text("private-key");
    options.passphraseEnv = text("passphrase-env");
    options.apiV3KeyEnv = text("apiv3-key-env");
    options.merchantCertificateFile = text("merchant-certificate");
    options.publicKeyId = text("public-key-id");
    options.publicKeyFile = text("public-key");
    options.platformCertificateFiles = parser.values(QStringLiteral("platform-certificate"));
    options.verification = text("verification");
    options.baseUrl = text("base-url");
    options.backupUrl = text("backup-url");
    options.backupUrlSet = isSet("backup-url");
    options.caFile = text("ca-file");
    if (isSet("operator")) {
        const auto name = MerchantProfile::operatorNameFrom(text("operator"));
        if (!name)
            return usageError(QStringLiteral("--operator 最多 %1 个字符，且不能含控制字符")
                                  .arg(MerchantProfile::MaximumOperatorNameLength),
                              QStringLiteral("--operator takes at most %1 characters and no control characters")
                                  .arg(MerchantProfile::MaximumOperatorNameLength));
        options.operatorName = *name;
    }
    options.identity = text("identity");
    options.brandIds = parser.values(QStringLiteral("brand-id"));
    options.brandCertificateFile = text("brand-certificate");
    options.brandSerial = text("brand-serial");
    options.stateFilter = text("state");
    if (!options.identity.isEmpty() && !callerIdentityFromName(options.identity))
        return usageError(QStringLiteral("--identity 只能是 merchant 或 brand"),
                          QStringLiteral("--identity is merchant or brand"));
    for (const QString &brand : std::as_const(options.brandIds)) {
        if (!ProductCouponApi::isValidBrandId(brand))
            return usageError(ProfileProblem(ProfileProblem::Code::BrandIdInvalid, std::nullopt, brand).text());
    }
    const bool brandIdentity = options.identity == QLatin1String("brand");
    if (brandIdentity
        && (options.brandIds.size() != 1 || isSet("mchid") || isSet("merchant-serial")
            || isSet("merchant-certificate")))
        return usageError(
            QStringLiteral("--identity brand 需要且只需要一个 --brand-id，且不能与 --mchid、--merchant-serial、"
                           "--merchant-certificate 同用（品牌证书用 --brand-certificate 或 --brand-serial）"),
            QStringLiteral("--identity brand takes exactly one --brand-id and no --mchid, --merchant-serial "
                           "or --merchant-certificate (the brand's are --brand-certificate / --brand-serial)"));
    if (!brandIdentity && (isSet("brand-certificate") || isSet("brand-serial")))
        return usageError(QStringLiteral("--brand-certificate 与 --brand-serial 只用于 --identity brand"),
                          QStringLiteral("--brand-certificate and --brand-serial belong to --identity brand"));
    if (isSet("product-coupon")) {
        const auto id = productCouponIdFrom(text("product-coupon"));
        if (!id)
            return productCouponIdError("--product-coupon", text("product-coupon"));
        options.productCouponId = *id;
    }
    if (isSet("bundle")) {
        const auto id = productCouponIdFrom(text("bundle"));
        if (!id)
            return productCouponIdError("--bundle", text("bundle"));
        options.bundleId = *id;
    }
    if (isSet("state")
        && !QStringList{QStringLiteral("AUDITING"), QStringLiteral("SENDING"), QStringLiteral("PAUSED"),
                        QStringLiteral("STOPPED"), QStringLiteral("DEACTIVATED")}
                .contains(options.stateFilter))
        return usageError(QStringLiteral("--state 应为 AUDITING、SENDING、PAUSED、STOPPED 或 DEACTIVATED"),
                          QStringLiteral("--state is AUDITING, SENDING, PAUSED, STOPPED or DEACTIVATED"));
    options.requestNumber = text("request-no");
    options.historyStock = text("stock");
    options.csvFile = text("csv");
    options.allPending = isSet("all-pending");

    QString error;
    qint64 number = 0;
    if (isSet("timeout-ms")) {
        if (!readInteger(parser, "timeout-ms", number, error) || number < 1 || number > 600000)
            return error.isEmpty() ? usageError(QStringLiteral("--timeout-ms 应在 1–600000 之间"),
                                                QStringLiteral("--timeout-ms must be 1-600000"))
                                   : error;
        options.timeoutMs = int(number);
    }
    if (isSet("retry-delay-ms")) {
        if (!readInteger(parser, "retry-delay-ms", number, error) || number < 0 || number > 60000)
            return error.isEmpty() ? usageError(QStringLiteral("--retry-delay-ms 应在 0–60000 之间"),
                                                QStringLiteral("--retry-delay-ms must be 0-60000"))
                                   : error;
        options.retryDelayMs = int(number);
    }
    if (isSet("current")) {
        if (!readInteger(parser, "current", number, error))
            return error;
        if (number < 0 || number > BudgetProblem::MaximumCount)
            return usageError(BudgetProblem(BudgetProblem::Code::CurrentOutOfRange).text());
        options.current = number;
    }
    if (isSet("mchid")) {
        const QString mchid = options.mchid;
        if (mchid.isEmpty()
            || !std::all_of(mchid.cbegin(), mchid.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
            return usageError(QStringLiteral("商户号应为 ASCII 数字。"),
                              QStringLiteral("--mchid must be ASCII digits."));
    }
    // Addresses: scheme://host[:port] only, never a password, and a local primary never
    // paired with WeChat Pay's real backup.
    if (isSet("base-url")) {
        if (auto problem = DomainPolicy::checkBaseUrl(QUrl(options.baseUrl, QUrl::StrictMode)))
            return usageError(*problem);
    }
    if (options.backupUrlSet && options.backupUrl != QLatin1String("none")) {
        if (auto problem = DomainPolicy::checkBaseUrl(QUrl(options.backupUrl, QUrl::StrictMode)))
            return usageError(*problem);
        if (isSet("base-url")) {
            if (auto problem = DomainPolicy::checkPair(QUrl(options.baseUrl), QUrl(options.backupUrl)))
                return usageError(*problem);
        }
    }
    if (isSet("request-no")) {
        if (options.isProductCoupon() && !ProductCouponApi::isValidRequestNumber(options.requestNumber))
            return usageError(BudgetProblem(BudgetProblem::Code::OutRequestNumberInvalid).text());
        if (!options.isProductCoupon()
            && (options.requestNumber.isEmpty() || !isValidRequestNumber(options.requestNumber)))
            return usageError(BudgetProblem(BudgetProblem::Code::RequestNumberInvalid).text());
    }
    if (isSet("since")) {
        const QString since = text("since");
        options.since = QDateTime::fromString(since, Qt::ISODate);
        if (!options.since.isValid())
            options.since = QDateTime(QDate::fromString(since, Qt::ISODate), QTime(0, 0));
        if (!options.since.isValid())
            return usageError(QStringLiteral("--since 应为日期，如 2026-11-27"),
                              QStringLiteral("--since needs a date such as 2026-11-27"));
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("缺少命令"), QStringLiteral("a command is missing"));
    const QString command = positional.takeFirst();
    options.arguments = positional;

    auto expect = [&](qsizetype minimum, qsizetype maximum) -> std::optional<QString> {
        if (positional.size() < minimum || positional.size() > maximum)
            return usageError(QStringLiteral("“%1”的参数个数不对").arg(command),
                              QStringLiteral("wrong number of arguments for '%1'").arg(command));
        return std::nullopt;
    };

    const bool total = isSet("total");
    const bool perDay = isSet("per-day");
    const bool stopIssuing = isSet("stop-issuing");
    if (!options.historyStock.isEmpty() || isSet("stock")) {
        const auto id = stockIdFrom(options.historyStock);
        if (!id)
            return stockIdError(options.historyStock);
        options.historyStock = *id;
    }
    const bool productCoupon = options.isProductCoupon();
    const bool bundle = !options.bundleId.isEmpty();
    const bool list = command == QLatin1String("list");
    if ((bundle || isSet("state")) && !productCoupon)
        return usageError(QStringLiteral("--bundle 与 --state 需要 --product-coupon"),
                          QStringLiteral("--bundle and --state need --product-coupon"));
    if (productCoupon && command != QLatin1String("lookup") && command != QLatin1String("modify") && !list)
        return usageError(QStringLiteral("--product-coupon 只用于 lookup、list 与 modify"),
                          QStringLiteral("--product-coupon belongs to lookup, list and modify"));
    if (list) {
        if (!productCoupon)
            return usageError(QStringLiteral("list 需要 --product-coupon（商家券没有批次列表接口）"),
                              QStringLiteral("list needs --product-coupon (商家券 has no list API)"));
        if (auto problem = expect(0, 0))
            return *problem;
        options.command = Command::List;
    } else if (command == QLatin1String("lookup") || command == QLatin1String("modify")) {
        options.command = command == QLatin1String("lookup") ? Command::Lookup : Command::Modify;
        const bool groupChange = bundle && options.command == Command::Modify;
        if (bundle && !groupChange)
            return usageError(QStringLiteral("lookup 不接受 --bundle；请用 list --bundle 查看批次组"),
                              QStringLiteral("lookup takes no --bundle; use list --bundle to see a group"));
        if (auto problem = groupChange ? expect(0, 0) : expect(1, 1))
            return *problem;
        if (!groupChange) {
            const auto id = productCoupon ? productCouponIdFrom(positional.first()) : stockIdFrom(positional.first());
            if (!id)
                return productCoupon ? productCouponIdError("STOCK_ID", positional.first())
                                     : stockIdError(positional.first());
            options.stockId = *id;
        }
        if (options.command == Command::Modify) {
            if (int(total) + int(perDay) + int(stopIssuing) != 1)
                return usageError(QStringLiteral("一次只能修改一项：请给出 --total、--per-day 或 --stop-issuing 之一"),
                                  QStringLiteral("give exactly one of --total, --per-day and --stop-issuing"));
            if (groupChange && stopIssuing)
                return usageError(QStringLiteral("批次组不支持 --stop-issuing，请用 --total 给出目标值"),
                                  QStringLiteral("a group takes no --stop-issuing; give the target with --total"));
            options.dimension = perDay ? BudgetDimension::PerDay : BudgetDimension::Total;
            options.stopIssuing = stopIssuing; // the target comes from the lookup
            if (!stopIssuing && !readInteger(parser, total ? "total" : "per-day", options.target, error))
                return error;
            // Checked before any lookup: nothing goes out for a target that cannot be right.
            const qint64 maximum = productCoupon ? ProductCouponApi::MaximumCount : BudgetProblem::MaximumCount;
            if (!stopIssuing && (options.target < 1 || options.target > maximum))
                return usageError(BudgetProblem(BudgetProblem::Code::TargetOutOfRange, maximum).text());
            if (!stopIssuing && options.current && *options.current == options.target)
                return usageError(BudgetProblem(BudgetProblem::Code::TargetUnchanged).text());
            return options;
        }
    }
    if (list || command == QLatin1String("lookup") || command == QLatin1String("modify")) {
        // lookup and list: on to the checks below that refuse modify's options
    } else if (command == QLatin1String("profile")) {
        if (positional.isEmpty())
            return usageError(QStringLiteral("profile 需要子命令"), QStringLiteral("profile needs a subcommand"));
        const QString sub = positional.takeFirst();
        options.arguments = positional;
        struct
        {
            const char *name;
            Command command;
            qsizetype minimum;
            qsizetype maximum;
        } const subcommands[] = {{"add", Command::ProfileAdd, 1, 1},       {"list", Command::ProfileList, 0, 0},
                                 {"show", Command::ProfileShow, 1, 1},     {"remove", Command::ProfileRemove, 1, 1},
                                 {"import", Command::ProfileImport, 1, 1}, {"export", Command::ProfileExport, 2, 2},
                                 {"test", Command::ProfileTest, 1, 2}};
        bool known = false;
        for (const auto &candidate : subcommands) {
            if (sub == QLatin1String(candidate.name)) {
                if (auto problem = expect(candidate.minimum, candidate.maximum))
                    return *problem;
                options.command = candidate.command;
                known = true;
            }
        }
        if (!known)
            return usageError(QStringLiteral("未知的 profile 子命令“%1”").arg(sub),
                              QStringLiteral("unknown profile subcommand '%1'").arg(sub));
        if (options.command == Command::ProfileTest && options.arguments.size() == 2) {
            const auto id = stockIdFrom(options.arguments.at(1));
            if (!id)
                return stockIdError(options.arguments.at(1));
            options.arguments[1] = *id;
        }
    } else if (command == QLatin1String("history")) {
        if (auto problem = expect(0, 0))
            return *problem;
        options.command = Command::History;
        options.historyProfile = options.profile;
        if (options.json && !options.csvFile.isEmpty())
            return usageError(QStringLiteral("--json 与 --csv 只能选一个"),
                              QStringLiteral("--json and --csv exclude each other"));
    } else if (command == QLatin1String("watch")) {
        options.command = Command::Watch;
        options.watchListFile = parser.value(QStringLiteral("list"));
        options.once = isSet("once");
        if (positional.isEmpty() == options.watchListFile.isEmpty())
            return usageError(QStringLiteral("watch 需要批次号，或 --list FILE（二者选一）"),
                              QStringLiteral("watch needs batch IDs or --list FILE (one of them)"));
        for (const QString &batch : std::as_const(positional)) {
            if (!WatchedBatch::fromText(batch))
                return usageError(
                    QStringLiteral("“%1”不是批次号（商品券写作 商品券ID:批次号）").arg(batch.trimmed()),
                    QStringLiteral("'%1' is not a batch ID (a 商品券 batch is PRODUCT_COUPON_ID:STOCK_ID)")
                        .arg(batch.trimmed()));
            options.watchBatches.append(batch.trimmed());
        }
        auto readDecimal = [&](const char *name, double maximum, std::optional<double> &value) -> bool {
            if (!isSet(name))
                return true;
            bool ok = false;
            const double parsed = parser.value(QString::fromLatin1(name)).toDouble(&ok);
            if (!ok || parsed < 0 || parsed > maximum) {
                error = usageError(
                    QStringLiteral("--%1 应为 0–%2 的数").arg(QLatin1String(name)).arg(maximum),
                    QStringLiteral("--%1 must be a number from 0 to %2").arg(QLatin1String(name)).arg(maximum));
                return false;
            }
            value = parsed;
            return true;
        };
        if (!readDecimal("low-percent", LowThresholds::MaximumPercent, options.lowPercent)
            || !readDecimal("low-hours", LowThresholds::MaximumHours, options.lowHours))
            return error;
        if (isSet("interval")) {
            qint64 seconds = 0;
            if (!readInteger(parser, "interval", seconds, error))
                return error;
            if (seconds < 1 || seconds > 86400)
                return usageError(QStringLiteral("--interval 应为 1–86400 秒"),
                                  QStringLiteral("--interval must be 1 to 86400 seconds"));
            options.intervalSeconds = int(seconds);
        }
    } else if (command == QLatin1String("apply")) {
        if (auto problem = expect(1, 1))
            return *problem;
        options.command = Command::Apply;
        options.applyFile = positional.first();
        options.dryRun = isSet("dry-run");
        options.resumeRunId = parser.value(QStringLiteral("resume"));
        options.resultsFile = parser.value(QStringLiteral("results"));
        if (isSet("rate")) {
            bool ok = false;
            options.ratePerSecond = parser.value(QStringLiteral("rate")).toDouble(&ok);
            if (!ok || options.ratePerSecond < 0.1 || options.ratePerSecond > 20)
                return usageError(QStringLiteral("--rate 应为每秒 0.1–20 行"),
                                  QStringLiteral("--rate must be 0.1 to 20 rows a second"));
        }
        if (options.dryRun && !options.resumeRunId.isEmpty())
            return usageError(QStringLiteral("--dry-run 与 --resume 只能选一个"),
                              QStringLiteral("--dry-run and --resume exclude each other"));
    } else if (command == QLatin1String("reconcile")) {
        if (auto problem = expect(0, 1))
            return *problem;
        options.command = Command::Reconcile;
        if (positional.size() == 1) {
            bool ok = false;
            options.entryId = positional.first().toLongLong(&ok);
            if (!ok)
                return usageError(QStringLiteral("记录编号应为数字"), QStringLiteral("ENTRY_ID must be a number"));
        }
        if (options.entryId.has_value() == options.allPending)
            return usageError(QStringLiteral("请给出记录编号或 --all-pending"),
                              QStringLiteral("give an ENTRY_ID or --all-pending"));
    } else {
        return usageError(QStringLiteral("未知命令“%1”").arg(command),
                          QStringLiteral("unknown command '%1'").arg(command));
    }

    if (options.command != Command::Watch
        && (isSet("list") || isSet("low-percent") || isSet("low-hours") || isSet("interval") || isSet("once")))
        return usageError(QStringLiteral("--list/--low-percent/--low-hours/--interval/--once 只用于 watch"),
                          QStringLiteral("--list/--low-percent/--low-hours/--interval/--once belong to watch"));
    if (options.command != Command::Apply && (isSet("dry-run") || isSet("rate") || isSet("resume") || isSet("results")))
        return usageError(QStringLiteral("--dry-run/--rate/--resume/--results 只用于 apply"),
                          QStringLiteral("--dry-run/--rate/--resume/--results belong to apply"));
    if (total || perDay || stopIssuing || options.current || isSet("request-no"))
        return usageError(QStringLiteral("--total/--per-day/--stop-issuing/--current/--request-no 只用于 modify"),
                          QStringLiteral("--total/--per-day/--stop-issuing/--current/--request-no belong to modify"));
    return options;
}

} // namespace budgetdesk::cli
