// budgetdesk-sim: a local WeChat Pay simulator (see SimulatorOptions for its command line).
#include "common/Console.h"
#include "simulator/SimulatorProcess.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    budgetdesk::useUtf8Console();
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("budgetdesk-sim"));
    return budgetdesk::sim::runSimulatorProcess(QCoreApplication::arguments());
}
