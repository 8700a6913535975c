#pragma once

#include "audit/AuditEntry.h"

#include <QAbstractTableModel>

namespace budgetdesk::ui {

// The audit log as a table: one row per change, unresolved ones marked. Outcome, dimension
// and error names are AuditEntryText's, the same words the CSV export and the detail dialog
// use. Qt::UserRole is the sort key: numbers sort as numbers, times as times.
class AuditTableModel : public QAbstractTableModel
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

    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(QList<AuditEntry> entries);
    const QList<AuditEntry> &entries() const { return m_entries; }
    const AuditEntry &entry(int row) const { return m_entries.at(row); }
    // The language changed: the same rows, labelled again.
    void relabel();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString outcomeLabel(const QString &outcome); // in the window's language

private:
    QList<AuditEntry> m_entries;
};

} // namespace budgetdesk::ui
