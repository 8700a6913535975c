#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#ifdef BUDGETDESK_CLI_PATH
#include "ChildProcess.h"

#include <QProcess>
#include <QSignalSpy>
#endif

namespace budgetdesk::test {

// What one budgetdesk-cli run printed and how it exited.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    // JSON Lines: one object per non-empty line.
    QList<QJsonObject> jsonLines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
};

#ifdef BUDGETDESK_CLI_PATH
// The real budgetdesk-cli with `arguments`, to its end (a test that hangs fails loudly).
inline CliRun runCli(const QStringList &arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessEnvironment(childProcessEnvironment(QProcessEnvironment::systemEnvironment()));
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BUDGETDESK_CLI_PATH), arguments);
    if (!finished.wait(timeoutMs))
        qFatal("budgetdesk-cli did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}
#endif

} // namespace budgetdesk::test
