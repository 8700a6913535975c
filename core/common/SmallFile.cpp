#include "common/SmallFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace budgetdesk::SmallFile {

Result<std::optional<QByteArray>, BilingualText> read(const QString &path, qint64 maximumBytes,
                                                      const BilingualText &what)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return BilingualText{
            QStringLiteral("无法读取%1 %2：%3").arg(what.zh, QDir::toNativeSeparators(path), file.errorString()),
            QStringLiteral("Cannot read %1 %2: %3").arg(what.en, QDir::toNativeSeparators(path), file.errorString())};
    return std::optional<QByteArray>(file.read(maximumBytes + 1));
}

std::optional<BilingualText> write(const QString &path, const QByteArray &content, const BilingualText &what)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return BilingualText{
            QStringLiteral("无法保存%1 %2：%3").arg(what.zh, QDir::toNativeSeparators(path), file.errorString()),
            QStringLiteral("Cannot save %1 %2: %3").arg(what.en, QDir::toNativeSeparators(path), file.errorString())};
    return std::nullopt;
}

} // namespace budgetdesk::SmallFile
