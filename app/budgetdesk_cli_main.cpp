// budgetdesk-cli: look up a merchant-coupon batch or change its budget (see CliOptions).
#include "cli/CliRunner.h"
#include "common/Console.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    budgetdesk::useUtf8Console();
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("budgetdesk-cli"));
    return budgetdesk::cli::runCli(QCoreApplication::arguments());
}
