// budgetdesk-sim: a local WeChat Pay simulator (see SimulatorOptions for its command line).
#include "simulator/SimulatorProcess.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("budgetdesk-sim"));
    return budgetdesk::sim::runSimulatorProcess(QCoreApplication::arguments());
}
