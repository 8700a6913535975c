#pragma once

#include "bulk/BulkJournal.h"
#include "common/BilingualText.h"

#include <QByteArray>

namespace budgetdesk {

// A bulk run's rows as the report people read: the file's bad lines and the run's rows in line
// order, each with its outcome (已生效 / 未生效 / 无法确认 / 被拒绝 / 已跳过) and why. As CSV for
// Excel: UTF-8 with BOM, headers in `language`, IDs as ="…", times local.
namespace BulkResults {

struct Line
{
    int line = 0;
    const BulkJournalRow *row = nullptr; // nullptr: a line of the file that was refused
    BilingualText problem; // for a refused line
};

// Rows and refused lines, merged in line order.
QList<Line> lines(const BulkJournal &journal, const QList<BulkLineProblem> &refused);
BilingualText outcomeLabel(const QString &outcome); // applied → 已生效 / Applied; skipped → 已跳过
QByteArray csv(const BulkJournal &journal, const QList<BulkLineProblem> &refused, Language language);
// Beside the input, named after the run: "weekend.csv" → "weekend.results-20261204-093012-7f3a.csv".
QString pathBeside(const QString &input, const QString &runId);

} // namespace BulkResults

} // namespace budgetdesk
