#pragma once

#include "audit/AuditEntry.h"

#include <QAbstractItemModel>

namespace budgetdesk::ui {

// The audit log as a table: one row per change, unresolved ones marked; the changes of one
// bulk run (批量修改) folded under a row of their own that names the run and sums up its
// outcomes. Outcome, dimension and error names are AuditEntryText's, the same words the CSV
// export and the detail dialog use. Qt::UserRole is the sort key: numbers sort as numbers,
// times as times, and a run sorts by its newest change.
class AuditTableModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Time,
        Profile,
        Family, // 商家券 / 商品券
        Stock,
        StockName,
        Dimension,
        Change,
        RequestNumber,
        Run, // the bulk run (批量修改) that sent it
        Outcome,
        Error,
        RequestId,
        User,
        ColumnCount
    };

    using QAbstractItemModel::QAbstractItemModel;

    void setEntries(QList<AuditEntry> entries);
    const QList<AuditEntry> &entries() const { return m_entries; }
    // The change a row shows; none for a run's own row.
    const AuditEntry *entryAt(const QModelIndex &index) const;
    bool isRun(const QModelIndex &index) const;
    bool runHasUnresolved(const QModelIndex &index) const;
    // The language changed: the same rows, labelled again.
    void relabel();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString outcomeLabel(const QString &outcome); // in the window's language

private:
    // A top-level row: one change (`entry`), or a run (`runId`) with its changes, newest first,
    // and what its own row shows, counted once here rather than on every paint.
    struct TopRow
    {
        int entry = -1;
        QString runId;
        QList<int> changes;
        int unresolved = 0;
        QList<std::pair<QString, int>> outcomes; // effective outcome, count; first seen first
    };

    QVariant runData(const TopRow &run, int column, int role) const;

    QList<AuditEntry> m_entries;
    QList<TopRow> m_rows;
};

} // namespace budgetdesk::ui
