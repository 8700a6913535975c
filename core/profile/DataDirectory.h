#pragma once

#include "common/BilingualText.h"

#include <QString>

namespace budgetdesk {

// Where BudgetDesk keeps its settings, audit log and caches: the user's application data
// folder, or a folder given with --data-dir (a portable mode, and how tests stay away from
// the user's real data). Secrets are never stored here.
class DataDirectory
{
public:
    explicit DataDirectory(const QString &root = {});

    // Empty when no folder was given and the system names no writable place for data (a
    // locked-down account): then nothing may fall back to a relative or root path.
    const QString &root() const { return m_root; }
    QString settingsFile() const; // profiles (QSettings, INI)
    QString auditDatabase() const; // the audit log (SQLite)
    QString cacheDirectory() const; // downloaded platform certificates
    QString bulkRunsDirectory() const; // the journals of bulk runs (批量修改), for --resume
    bool ensureExists() const;
    // Why ensureExists() failed, in both languages, with what to do.
    BilingualText problem() const;

private:
    QString m_root;
};

} // namespace budgetdesk
