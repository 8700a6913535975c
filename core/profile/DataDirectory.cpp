#include "profile/DataDirectory.h"

#include <QDir>
#include <QStandardPaths>

namespace budgetdesk {

DataDirectory::DataDirectory(const QString &root)
{
    // Independent of the executable's name: the window and the CLI share one folder.
    if (!root.isEmpty()) {
        m_root = QDir(root).absolutePath();
        return;
    }
    const QString system = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (!system.isEmpty())
        m_root = system + QStringLiteral("/BudgetDesk");
}

QString DataDirectory::settingsFile() const
{
    return m_root + QStringLiteral("/settings.ini");
}

QString DataDirectory::auditDatabase() const
{
    return m_root + QStringLiteral("/audit.sqlite");
}

QString DataDirectory::cacheDirectory() const
{
    return m_root + QStringLiteral("/cache");
}

QString DataDirectory::bulkRunsDirectory() const
{
    return m_root + QStringLiteral("/bulk");
}

bool DataDirectory::ensureExists() const
{
    return !m_root.isEmpty() && QDir().mkpath(m_root) && QDir().mkpath(cacheDirectory());
}

BilingualText DataDirectory::problem() const
{
    if (m_root.isEmpty())
        return {QStringLiteral("系统没有提供可写的数据位置。请用 --data-dir 指定一个文件夹。"),
                QStringLiteral("The system names no writable place for data. Name a folder with --data-dir.")};
    return {QStringLiteral("无法创建数据目录 %1。请检查权限与磁盘空间，或用 --data-dir 指定其他文件夹。")
                .arg(QDir::toNativeSeparators(m_root)),
            QStringLiteral("Cannot create the data folder %1. Check its permissions and the free space, or name "
                           "another folder with --data-dir.")
                .arg(QDir::toNativeSeparators(m_root))};
}

} // namespace budgetdesk
