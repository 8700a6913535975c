// profile add | list | show | remove | import | export | test.
#include "cli/CliCommands.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "crypto/KeyLoader.h"
#include "profile/ConnectionTest.h"
#include "profile/ProfileConnection.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace budgetdesk::cli {

namespace {

BilingualText noProfile(const QString &name)
{
    return {QStringLiteral("没有名为“%1”的配置。").arg(name),
            QStringLiteral("There is no profile named '%1'.").arg(name)};
}

// Stores the secrets the environment gave; says where they went.
void storeSecrets(const CliContext &context, const QString &name, const ProfileSecrets &secrets)
{
    for (const auto &[key, value, label] :
         {std::tuple{SecretStore::passphraseKey(name), secrets.keyPassphrase, QStringLiteral("私钥密码")},
          std::tuple{SecretStore::apiV3Key(name), secrets.apiV3Key, QStringLiteral("APIv3 密钥")}}) {
        if (value.isEmpty())
            continue;
        if (context.secrets.writeNow(key, value) == SecretStore::Status::Stored)
            out(QStringLiteral("  %1已存入系统密钥库（%2）。").arg(label, context.secrets.backendName()));
        else
            out(QStringLiteral(
                    "  系统密钥库不可用：%1未保存，使用此配置时请用 --passphrase-env / --apiv3-key-env 传入。"
                    " (The OS secret store is unavailable; the secret was not saved.)")
                    .arg(label));
    }
}

// Validates, fills the serial in from the certificate, saves. Problems are reported.
int saveValidated(const CliContext &context, MerchantProfile profile, const ProfileSecrets &secrets)
{
    const CliOptions &options = context.options;
    const QList<ProfileProblem> problems = validateProfile(profile, secrets);
    if (!problems.isEmpty()) {
        QJsonArray list;
        for (const ProfileProblem &problem : problems)
            list.append(QJsonObject{{QStringLiteral("field"), problem.field()},
                                    {QStringLiteral("zh"), problem.text().zh},
                                    {QStringLiteral("en"), problem.text().en}});
        if (options.json) {
            printJson({{QStringLiteral("outcome"), QStringLiteral("configuration_error")},
                       {QStringLiteral("problems"), list}});
        } else {
            out(QStringLiteral("✘ 配置未保存："));
            for (const ProfileProblem &problem : problems)
                out(QStringLiteral("  · %1 / %2").arg(problem.text().zh, problem.text().en));
        }
        return ExitConfiguration;
    }
    const auto connection = ProfileConnection::build(profile, secrets);
    profile.merchantSerial = connection->credentials.certificateSerial; // as read from the certificate
    if (auto problem = context.profiles.save(profile))
        return fail(options, ExitConfiguration, *problem, "configuration_error");
    if (options.json)
        printJson(
            {{QStringLiteral("outcome"), QStringLiteral("saved")}, {QStringLiteral("profile"), profile.toJson()}});
    else
        out(QStringLiteral("✔ 配置“%1”已保存（商户号 %2，证书序列号 %3）。")
                .arg(profile.name, profile.mchid, profile.merchantSerial));
    storeSecrets(context, profile.name, secrets);
    return ExitApplied;
}

int add(const CliContext &context, const QString &name)
{
    const CliOptions &options = context.options;
    if (context.profiles.profile(name))
        return fail(options, ExitInvalidInput,
                    {QStringLiteral("已有名为“%1”的配置；请先删除或换一个名称。").arg(name),
                     QStringLiteral("A profile named '%1' exists; remove it first or pick another name.").arg(name)},
                    "invalid");
    if (auto clash = context.profiles.caseClash(name)) // one profile on Windows, whose INI keys ignore case
        return fail(options, ExitInvalidInput, *clash, "invalid");
    ProfileSecrets secrets;
    if (auto problem = CliConnection::secretsFromEnvironment(options, secrets))
        return fail(options, ExitConfiguration, *problem, "configuration_error");
    return saveValidated(context, CliConnection::profileFromOptions(options, name), secrets);
}

int list(const CliContext &context)
{
    QJsonArray profiles;
    for (const QString &name : context.profiles.names()) {
        const auto profile = context.profiles.profile(name);
        if (!profile)
            continue;
        // Who calls: the merchant (with the brands it serves for 商品券), or a brand as itself.
        profiles.append(QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("identity"), callerIdentityName(profile->identity)},
                                    {QStringLiteral("mchid"), profile->mchid},
                                    {QStringLiteral("brand_id"), profile->brandId},
                                    {QStringLiteral("brands"), QJsonArray::fromStringList(profile->brands)},
                                    {QStringLiteral("verification"), verificationModeName(profile->verificationMode)}});
        if (!context.options.json)
            out(QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(name, callerIdentityName(profile->identity),
                         profile->isBrand() ? QStringLiteral("brand_id=") + profile->brandId
                                            : QStringLiteral("mchid=") + profile->mchid
                                 + (profile->brands.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" brands=") + profile->brands.join(u',')),
                         verificationModeName(profile->verificationMode)));
    }
    if (context.options.json)
        printJson({{QStringLiteral("profiles"), profiles}});
    else if (profiles.isEmpty())
        out(QStringLiteral("（没有配置 / no profiles）"));
    return ExitApplied;
}

int show(const CliContext &context, const QString &name)
{
    const auto profile = context.profiles.profile(name);
    if (!profile)
        return fail(context.options, ExitInvalidInput, noProfile(name), "invalid");
    QJsonObject json = profile->toJson();
    json.insert(QStringLiteral("identity"), callerIdentityName(profile->identity)); // the file omits the default
    QByteArray ignored;
    json.insert(QStringLiteral("passphrase_stored"),
                context.secrets.readNow(SecretStore::passphraseKey(name), ignored) == SecretStore::Status::Found);
    json.insert(QStringLiteral("apiv3_key_stored"),
                context.secrets.readNow(SecretStore::apiV3Key(name), ignored) == SecretStore::Status::Found);
    if (context.options.json)
        printJson(json);
    else
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    return ExitApplied;
}

int remove(const CliContext &context, const QString &name)
{
    BilingualText problem;
    switch (context.profiles.remove(name, &problem)) {
    case ProfileStore::RemoveResult::NotFound:
        return fail(context.options, ExitInvalidInput, noProfile(name), "invalid");
    case ProfileStore::RemoveResult::Failed:
        return fail(context.options, ExitConfiguration, problem, "configuration_error");
    case ProfileStore::RemoveResult::Removed:
        break;
    }
    context.secrets.removeNow(SecretStore::passphraseKey(name));
    context.secrets.removeNow(SecretStore::apiV3Key(name));
    if (context.options.json)
        printJson({{QStringLiteral("outcome"), QStringLiteral("removed")}, {QStringLiteral("name"), name}});
    else
        out(QStringLiteral("✔ 配置“%1”已删除，其密钥库中的密码也已删除。").arg(name));
    return ExitApplied;
}

int exportProfile(const CliContext &context, const QString &name, const QString &file)
{
    const auto profile = context.profiles.profile(name);
    if (!profile)
        return fail(context.options, ExitInvalidInput, noProfile(name), "invalid");
    const QByteArray content = QJsonDocument(profile->toJson()).toJson(QJsonDocument::Indented);
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly) || output.write(content) != content.size() || !output.commit())
        return fail(context.options, ExitConfiguration,
                    {QStringLiteral("无法写入 %1。").arg(file), QStringLiteral("Cannot write %1.").arg(file)},
                    "configuration_error");
    out(QStringLiteral("✔ 配置“%1”已导出到 %2（不含任何密码或密钥）。").arg(name, file));
    return ExitApplied;
}

int importProfile(const CliContext &context, const QString &file)
{
    const CliOptions &options = context.options;
    // A regular file, read with a cap: a profile is a few hundred bytes.
    const auto content = KeyLoader::readFile(file);
    if (!content)
        return fail(options, ExitInvalidInput,
                    {QStringLiteral("无法读取 %1：%2").arg(file, content.error().text().zh),
                     QStringLiteral("Cannot read %1: %2").arg(file, content.error().text().en)},
                    "invalid");
    auto profile = MerchantProfile::fromJson(QJsonDocument::fromJson(*content).object());
    if (!profile)
        return fail(options, ExitInvalidInput,
                    {QStringLiteral("%1 不是 BudgetDesk 配置文件：%2").arg(file, profile.error()),
                     QStringLiteral("%1 is not a BudgetDesk profile file: %2").arg(file, profile.error())},
                    "invalid");
    if (profile->name.isEmpty() || context.profiles.profile(profile->name))
        return fail(options, ExitInvalidInput,
                    {QStringLiteral("配置名称为空或已存在：“%1”。").arg(profile->name),
                     QStringLiteral("The profile name is empty or taken: '%1'.").arg(profile->name)},
                    "invalid");
    if (auto clash = context.profiles.caseClash(profile->name))
        return fail(options, ExitInvalidInput, *clash, "invalid");
    // Files may sit elsewhere on this computer: saved as it is, with what needs fixing said.
    if (auto problem = context.profiles.save(*profile))
        return fail(options, ExitConfiguration, *problem, "configuration_error");
    out(QStringLiteral("✔ 已导入配置“%1”。").arg(profile->name));
    ProfileSecrets secrets;
    CliConnection::secretsFromEnvironment(options, secrets);
    for (const ProfileProblem &problem : validateProfile(*profile, secrets))
        out(QStringLiteral("  提示：%1 / %2").arg(problem.text().zh, problem.text().en));
    return ExitApplied;
}

int test(const CliContext &context, const QString &name, const QString &stockId)
{
    const CliOptions &options = context.options;
    const auto saved = context.profiles.profile(name);
    if (!saved)
        return fail(options, ExitInvalidInput, noProfile(name), "invalid");
    auto connection = CliConnection::forProfile(options, *saved, context.secrets);
    if (!connection)
        return fail(options, ExitConfiguration, connection.error(), "configuration_error");

    QList<ConnectionTest::StageReport> reports;
    QEventLoop loop;
    QObject::connect(ConnectionTest::start(connection->profile, connection->secrets, context.data, stockId,
                                           CliConnection::transport(options)),
                     &ConnectionTest::finished, &loop, [&](const QList<ConnectionTest::StageReport> &r) {
                         reports = r;
                         loop.quit();
                     });
    loop.exec();

    static const char *const StatusNames[] = {"passed", "failed", "not_checked", "not_reached"};
    static const char *const Marks[] = {"✔", "✘", "–", "·"};
    QJsonArray stages;
    for (const ConnectionTest::StageReport &report : reports) {
        const BilingualText label = ConnectionTest::stageLabel(report.stage);
        const int status = int(report.status);
        stages.append(QJsonObject{{QStringLiteral("stage"), label.en},
                                  {QStringLiteral("status"), QLatin1String(StatusNames[status])},
                                  {QStringLiteral("zh"), report.text.zh},
                                  {QStringLiteral("en"), report.text.en},
                                  {QStringLiteral("solution_zh"), report.explanation.solutionZh}});
        if (!options.json) {
            out(QStringLiteral("%1 %2：%3").arg(QString::fromUtf8(Marks[status]), label.zh, report.text.zh));
            if (report.status == ConnectionTest::Status::Failed && !report.explanation.solutionZh.isEmpty())
                out(QStringLiteral("    处理：%1").arg(report.explanation.solutionZh));
        }
    }
    const auto failure = ConnectionTest::firstFailure(reports);
    int exitCode = ExitApplied;
    if (failure) {
        switch (failure->stage) {
        case ConnectionTest::Stage::KeyLoaded:
        case ConnectionTest::Stage::RequestSigned:
            exitCode = ExitConfiguration;
            break;
        case ConnectionTest::Stage::Connected:
            exitCode = ExitNetwork;
            break;
        case ConnectionTest::Stage::SignatureAccepted:
            exitCode = ExitRejected;
            break;
        case ConnectionTest::Stage::AnswerVerified:
            exitCode = ExitUnknown;
            break;
        }
    }
    if (options.json)
        printJson({{QStringLiteral("outcome"), failure ? QStringLiteral("failed") : QStringLiteral("passed")},
                   {QStringLiteral("stages"), stages}});
    return exitCode;
}

} // namespace

int runProfileCommand(const CliContext &context)
{
    const QStringList &arguments = context.options.arguments;
    // A settings file that cannot be read whole is neither listed as if complete nor written.
    if (context.profiles.readProblem())
        return fail(context.options, ExitConfiguration, *context.profiles.readProblem(), "configuration_error");
    switch (context.options.command) {
    case CliOptions::Command::ProfileAdd:
        return add(context, arguments.value(0));
    case CliOptions::Command::ProfileList:
        return list(context);
    case CliOptions::Command::ProfileShow:
        return show(context, arguments.value(0));
    case CliOptions::Command::ProfileRemove:
        return remove(context, arguments.value(0));
    case CliOptions::Command::ProfileImport:
        return importProfile(context, arguments.value(0));
    case CliOptions::Command::ProfileExport:
        return exportProfile(context, arguments.value(0), arguments.value(1));
    case CliOptions::Command::ProfileTest:
        return test(context, arguments.value(0), arguments.value(1));
    default:
        return ExitInvalidInput;
    }
}

} // namespace budgetdesk::cli
