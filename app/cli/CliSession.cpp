#include "cli/CliSession.h"

#include "cli/CliConnection.h"
#include "cli/CliOutput.h"

#include <QEventLoop>

namespace budgetdesk::cli {

Result<std::unique_ptr<ProfileSession>, int> openSessionFor(const CliContext &context, const MerchantProfile &profile,
                                                            const ProfileSecrets &secrets)
{
    const CliOptions &options = context.options;
    auto session = ProfileSession::open(profile, secrets, context.data, CliConnection::transport(options));
    if (!session) {
        BilingualText text = session.error().text();
        const auto &keyError = session.error().keyError();
        if (keyError
            && (keyError->code() == KeyError::Code::PassphraseRequired
                || keyError->code() == KeyError::Code::WrongPassphrase)) {
            text.zh += QStringLiteral(" 可用 --passphrase-env 变量名 传入密码。");
            text.en += QStringLiteral(" Pass it with --passphrase-env VAR.");
        }
        return fail(options, ExitConfiguration, text, "configuration_error");
    }
    // Certificate mode may need a download before anything can be verified.
    QEventLoop loop;
    BilingualText problem;
    QObject::connect(session->get(), &ProfileSession::ready, &loop, [&](const BilingualText &text) {
        problem = text;
        loop.quit();
    });
    (*session)->prepare();
    loop.exec();
    if (!problem.zh.isEmpty())
        return fail(options, ExitConfiguration, problem, "configuration_error");
    return std::move(session).value();
}

Result<std::unique_ptr<ProfileSession>, int> openSession(const CliContext &context)
{
    auto connection = CliConnection::resolve(context.options, context.profiles, context.secrets);
    if (!connection)
        return fail(context.options, ExitConfiguration, connection.error(), "configuration_error");
    return openSessionFor(context, connection->profile, connection->secrets);
}

} // namespace budgetdesk::cli
