#pragma once

#include "bulk/BulkPreview.h"

#include <QDateTime>

namespace budgetdesk {

// One row of a bulk run as the journal keeps it: what is to be sent (the target confirmed in
// the preview, the request number it goes with every time) and how far it got.
struct BulkJournalRow
{
    enum class State {
        Planned, // nothing sent
        Sending, // its audit entry may exist and its request may have left: reconcile first
        Settled, // ended: `outcome` says how
    };

    int line = 0;
    StockKey key; // brandId: the brand a 服务商 acts for
    BudgetDimension dimension = BudgetDimension::Total;
    QString request; // as the file asked: "8000", "+10%", "stop"
    std::optional<qint64> previewCurrent;
    std::optional<qint64> target;
    QString requestNumber;
    QString note;
    QString stockName;

    State state = State::Planned;
    QString outcome; // applied, not_applied, unknown, rejected, skipped
    qint64 auditId = 0;
    QString code; // WeChat Pay's code, the network failure's name, or ours (CHANGED_SINCE_PREVIEW …)
    BilingualText explanation;
    bool verified = false;
    bool network = false; // not applied because WeChat Pay could not be reached
    QDateTime settledAt;

    bool operator==(const BulkJournalRow &) const = default;
};

// A bulk run, written before anything is sent and after every row, so that a run killed or
// crashed can resume: rows settled are never sent again, rows that were being sent are
// reconciled first. Kept as JSON in the data folder (bulk/<run ID>.json), bounded on reading.
class BulkJournal
{
public:
    static constexpr qint64 MaximumFileBytes = 16 * 1024 * 1024;

    QString runId;
    QString profile;
    QString source; // the file the rows came from
    QDateTime created;
    QList<BulkJournalRow> rows;

    // A new run of the preview's rows: ready ones planned, each with its request number (the
    // file's, or a new one); blocked and unchanged ones settled as skipped, with why.
    static BulkJournal plan(const QList<BulkCheck> &checks, const QString &profile, const QString &source,
                            const QString &brandId);
    // "20261204-093012-7f3a": the time it began and 16 random bits. Safe in a file name.
    static QString newRunId(const QDateTime &now);
    static bool isValidRunId(const QString &runId);
    static QString pathFor(const QString &folder, const QString &runId);

    QByteArray toJson() const;
    static Result<BulkJournal, BilingualText> fromJson(const QByteArray &json);
    static Result<BulkJournal, BilingualText> load(const QString &path);
    std::optional<BilingualText> save(const QString &path) const;

    bool isComplete() const;
    // Runs of `profile` kept in `folder` that did not finish, newest first (of the newest 50).
    static QList<BulkJournal> unfinished(const QString &folder, const QString &profile);

private:
    // Each row's JSON as last written, with the row it was written from: the save after a row
    // settles serializes that row again, not all of them (at 5 000 rows, 60 ms a save).
    mutable QList<std::pair<BulkJournalRow, QByteArray>> m_written;
};

} // namespace budgetdesk
