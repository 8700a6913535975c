#include "profile/DataDirectory.h"

#include <QDir>
#include <QStandardPaths>

namespace budgetdesk {

DataDirectory::DataDirectory(const QString &root)
{
    // Independent of the executable's name: the window and the CLI share one folder.
    m_root = root.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/BudgetDesk")
        : QDir(root).absolutePath();
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

bool DataDirectory::ensureExists() const
{
    return QDir().mkpath(m_root) && QDir().mkpath(cacheDirectory());
}

} // namespace budgetdesk
