#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

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

} // namespace budgetdesk::test
