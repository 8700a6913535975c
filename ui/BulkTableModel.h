#pragma once

#include "bulk/BulkJournal.h"

#include <QAbstractTableModel>
#include <QSet>

namespace budgetdesk::ui {

// The 批量修改 table: the file's rows as previewed (current → target, what is left after, the
// problem), the lines refused as read, and once a run is under way how each row ended. A row
// that would be sent can be excluded (the first column's check box).
class BulkTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Include,
        Line,
        Batch,
        Name,
        Dimension,
        Request,
        Current,
        Target,
        Change,
        LeftAfter,
        Status,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole; // numbers as numbers

    using QAbstractTableModel::QAbstractTableModel;

    void setPreview(QList<BulkCheck> checks, QList<BulkLineProblem> refused);
    // The run's journal (rows of the same preview, in the same order); nullptr: none yet.
    void setJournal(const BulkJournal *journal);
    void rowChanged(int checkIndex);
    const QList<BulkCheck> &checks() const { return m_checks; }
    bool isExcluded(int checkIndex) const { return m_excluded.contains(checkIndex); }
    void setExcluded(int checkIndex, bool excluded);
    // The checks that would be sent: ready and not excluded.
    QList<BulkCheck> chosen() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const BulkJournalRow *journalRow(int checkIndex) const;

    QList<BulkCheck> m_checks;
    QList<BulkLineProblem> m_refused; // shown after the checks
    QSet<int> m_excluded;
    const BulkJournal *m_journal = nullptr;
    QHash<int, int> m_journalRowOf; // check index → journal row (rows planned from chosen checks)
};

} // namespace budgetdesk::ui
