#include "cli/CliRunner.h"

#include "BudgetDeskVersion.h"
#include "cli/CliCommands.h"
#include "cli/CliOutput.h"
#include "http/TlsBackend.h"

#include <cstdio>

namespace budgetdesk::cli {

int runCli(const QStringList &arguments)
{
    auto options = CliOptions::parse(arguments);
    if (!options) {
        // A script that asked for JSON gets JSON, even about its own arguments.
        if (arguments.contains(QStringLiteral("--json"))) {
            const QString error = options.error();
            const qsizetype split = error.indexOf(QStringLiteral(" / "));
            CliOptions json;
            json.json = true;
            return fail(json, ExitInvalidInput,
                        {split < 0 ? error : error.left(split), split < 0 ? error : error.mid(split + 3)}, "invalid");
        }
        std::fprintf(stderr, "budgetdesk-cli: %s\n\n%s", qUtf8Printable(options.error()),
                     qUtf8Printable(CliOptions::usage()));
        return ExitInvalidInput;
    }
    if (options->showHelp) {
        out(CliOptions::usage());
        return ExitApplied;
    }
    if (options->showVersion) {
        out(QStringLiteral("budgetdesk-cli " BUDGETDESK_VERSION));
        return ExitApplied;
    }

    const DataDirectory data(options->dataDir);
    if (!data.ensureExists())
        return fail(*options, ExitConfiguration, data.problem(), "configuration_error");
    if (const auto problem = pinTlsBackend())
        return fail(*options, ExitConfiguration, *problem, "configuration_error");
    ProfileStore profiles(data.settingsFile());
    SessionFallbackSecretStore secrets(createOsSecretStore());
    const CliContext context{*options, data, profiles, secrets};

    switch (options->command) {
    case CliOptions::Command::Lookup:
    case CliOptions::Command::List:
    case CliOptions::Command::Modify:
        return runLookupOrModify(context);
    case CliOptions::Command::History:
        return runHistory(context);
    case CliOptions::Command::Reconcile:
        return runReconcile(context);
    case CliOptions::Command::Watch:
        return runWatch(context);
    case CliOptions::Command::Apply:
        return runApply(context);
    default:
        return runProfileCommand(context);
    }
}

} // namespace budgetdesk::cli
