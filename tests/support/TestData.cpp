#include "TestData.h"

#include <QFile>
#include <QTest>

namespace budgetdesk::test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(BUDGETDESK_TEST_DATA_DIR "/") + relative;
}

QByteArray readData(const QString &relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

HttpHeaders readHeaders(const QString &relative)
{
    HttpHeaders headers;
    for (const QByteArray &line : readData(relative).split('\n')) {
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            headers.append({line.left(colon), line.mid(colon + 2)});
    }
    return headers;
}

} // namespace budgetdesk::test
