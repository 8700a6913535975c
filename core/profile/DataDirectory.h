#pragma once

#include <QString>

namespace budgetdesk {

// Where BudgetDesk keeps its settings, audit log and caches: the user's application data
// folder, or a folder given with --data-dir (a portable mode, and how tests stay away from
// the user's real data). Secrets are never stored here.
class DataDirectory
{
public:
    explicit DataDirectory(const QString &root = {});

    const QString &root() const { return m_root; }
    QString settingsFile() const; // profiles (QSettings, INI)
    QString auditDatabase() const; // the audit log (SQLite)
    QString cacheDirectory() const; // downloaded platform certificates
    bool ensureExists() const;

private:
    QString m_root;
};

} // namespace budgetdesk
