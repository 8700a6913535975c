#pragma once

#include <QFile>
#include <QString>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>
#endif

namespace budgetdesk::test {

// Makes a folder read-only for this process and its children, the way read-only media are.
// Permissions mean nothing to root (CI runs as root), so there a read-only bind mount is
// made in a mount namespace of this test process's own; otherwise the folder's permissions
// are dropped. Restored when it goes.
class ReadOnlyFolder
{
public:
    explicit ReadOnlyFolder(const QString &path)
        : m_path(path)
    {
#ifdef Q_OS_LINUX
        if (geteuid() == 0) {
            static bool ownNamespace = unshare(CLONE_NEWNS) == 0
                && mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
            const QByteArray where = QFile::encodeName(path);
            m_mounted = ownNamespace && mount(where.constData(), where.constData(), nullptr, MS_BIND, nullptr) == 0
                && mount(nullptr, where.constData(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
            m_ok = m_mounted;
            return;
        }
#endif
        m_permissions = QFile::permissions(path);
        m_ok = QFile::setPermissions(path, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser | QFile::ExeUser);
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
    }

    ReadOnlyFolder(const ReadOnlyFolder &) = delete;
    ReadOnlyFolder &operator=(const ReadOnlyFolder &) = delete;

    bool ok() const { return m_ok; }

private:
    QString m_path;
    bool m_ok = false;
    bool m_mounted = false;
    QFile::Permissions m_permissions;
};

} // namespace budgetdesk::test
