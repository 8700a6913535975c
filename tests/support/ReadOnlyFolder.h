#pragma once

#include <QDir>
#include <QFile>
#include <QHash>
#include <QString>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>
#endif

namespace budgetdesk::test {

// Makes a folder read-only for this process and its children, the way read-only media are.
// Permissions mean nothing to root (CI runs as root), so there a read-only bind mount is
// made in a mount namespace of this test process's own; otherwise the folder's and its files'
// write permissions are dropped (on Windows, a folder's read-only attribute does not stop new
// files, but its files' attribute stops every write to them). Restored when it goes.
class ReadOnlyFolder
{
public:
    explicit ReadOnlyFolder(const QString &path)
        : m_path(path)
    {
#ifdef Q_OS_LINUX
        if (geteuid() == 0) {
            static bool ownNamespace
                = unshare(CLONE_NEWNS) == 0 && mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
            const QByteArray where = QFile::encodeName(path);
            m_mounted = ownNamespace && mount(where.constData(), where.constData(), nullptr, MS_BIND, nullptr) == 0
                && mount(nullptr, where.constData(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
            m_ok = m_mounted;
            return;
        }
#endif
        const QFile::Permissions readOnly = QFile::ReadOwner | QFile::ReadUser | QFile::ReadGroup | QFile::ReadOther;
        m_ok = true;
        for (const QString &name : QDir(path).entryList(QDir::Files | QDir::Hidden)) {
            const QString file = QDir(path).filePath(name);
            m_filePermissions.insert(file, QFile::permissions(file));
            m_ok = QFile::setPermissions(file, readOnly) && m_ok;
        }
        m_permissions = QFile::permissions(path);
        m_ok = QFile::setPermissions(path, readOnly | QFile::ExeOwner | QFile::ExeUser) && m_ok;
    }

    ~ReadOnlyFolder()
    {
#ifdef Q_OS_LINUX
        if (m_mounted) {
            umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
            return;
        }
#endif
        QFile::setPermissions(m_path, m_permissions);
        for (auto it = m_filePermissions.cbegin(); it != m_filePermissions.cend(); ++it)
            QFile::setPermissions(it.key(), it.value());
    }

    ReadOnlyFolder(const ReadOnlyFolder &) = delete;
    ReadOnlyFolder &operator=(const ReadOnlyFolder &) = delete;

    bool ok() const
    {
        return m_ok;
    }

private:
    QString m_path;
    bool m_ok = false;
    bool m_mounted = false;
    QFile::Permissions m_permissions;
    QHash<QString, QFile::Permissions> m_filePermissions;
};

} // namespace budgetdesk::test
