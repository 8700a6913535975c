#pragma once

#include "busifavor/BudgetChange.h"
#include "common/BilingualText.h"
#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace budgetdesk {

// What a row of a bulk file asks for: a target, a change by a number or a percentage, or
// stopping the batch (its total set to what it has issued).
struct BulkRequest
{
    enum class Kind { Target, Delta, Percent, Stop };
    Kind kind = Kind::Target;
    qint64 value = 0; // the target; the delta; the percentage in hundredths (−10 % → −1000)

    // The target this asks for of a batch now at `current` (and `issued`). A percentage is of
    // the current value, rounded to the nearest whole coupon, halves away from zero
    // (10 % of 1 005 is 100.5 → 101). nullopt: below 0 or past what a count can hold.
    std::optional<qint64> targetFrom(qint64 current, qint64 issued) const;
    QString text() const; // "8000", "+5000", "-10%", "stop"
};

// One row of a bulk file, read and checked on its own (nothing looked up yet).
struct BulkRow
{
    int line = 0; // in the file, the header being line 1
    StockKey key;
    BudgetDimension dimension = BudgetDimension::Total;
    BulkRequest request;
    QString requestNumber; // as given; empty: one is generated
    QString note;
};

struct BulkLineProblem
{
    int line = 0;
    BilingualText why;
};

// A bulk change file as typed in a spreadsheet: CSV (UTF-8 with or without BOM, GB18030 as
// Excel saves it on a Chinese Windows, UTF-16 as Excel's "Unicode text") or tab-separated
// text pasted from Excel, with a header row. Columns, by English or Chinese name:
//   stock_id (批次号, required), product_coupon_id (商品券ID; empty for 商家券),
//   dimension (维度: total / per_day, 批次总量 / 单日上限), exactly one of target (目标值),
//   delta (增减: +5000, -10%) or stop (停止发放: yes), and optional request_no (请求单号)
//   and note (备注).
// A file that cannot be read at all (too big, no header, a required column missing) is an
// error; a bad row is a problem with its line number, and the other rows stand.
class BulkSheet
{
public:
    static constexpr qint64 MaximumFileBytes = 4 * 1024 * 1024;
    static constexpr int MaximumRows = 5000;
    static constexpr int MaximumFieldLength = 256;

    static Result<BulkSheet, BilingualText> read(const QByteArray &bytes);
    static Result<BulkSheet, BilingualText> load(const QString &path);

    const QList<BulkRow> &rows() const { return m_rows; }
    const QList<BulkLineProblem> &problems() const { return m_problems; }
    QString encoding() const { return m_encoding; } // "UTF-8", "GB18030", "UTF-16"
    QStringList ignoredColumns() const { return m_ignored; }

    // The text as decoded: a BOM says which; else UTF-8 when it is valid UTF-8; else GB18030.
    static QString decode(const QByteArray &bytes, QString *encoding = nullptr);
    // Fields of CSV (RFC 4180: quotes, "" inside them, line breaks within) or of tab-separated
    // text, one list per record with the line each starts on. At most `maximumRecords` + 1.
    struct Record
    {
        int line = 0;
        QStringList fields;
    };
    static QList<Record> split(const QString &text, QChar separator, int maximumRecords);

private:
    QList<BulkRow> m_rows;
    QList<BulkLineProblem> m_problems;
    QString m_encoding;
    QStringList m_ignored;
};

} // namespace budgetdesk
