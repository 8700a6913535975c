#include "bulk/BulkSheet.h"

#include "busifavor/BudgetProblem.h"
#include "common/SmallFile.h"
#include "productcoupon/ProductCouponApi.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTextCodec>

#include <limits>

namespace budgetdesk {

namespace {

enum class Column { StockId, ProductCouponId, Dimension, Target, Delta, Stop, RequestNumber, Note };

// Header names, English and Chinese, compared lower-cased with spaces removed.
std::optional<Column> columnNamed(QString name)
{
    name = name.toLower().remove(QRegularExpression(QStringLiteral("\\s")));
    static const QHash<QString, Column> names{
        {QStringLiteral("stock_id"), Column::StockId},
        {QStringLiteral("批次号"), Column::StockId},
        {QStringLiteral("批次id"), Column::StockId},
        {QStringLiteral("product_coupon_id"), Column::ProductCouponId},
        {QStringLiteral("商品券id"), Column::ProductCouponId},
        {QStringLiteral("dimension"), Column::Dimension},
        {QStringLiteral("维度"), Column::Dimension},
        {QStringLiteral("修改项"), Column::Dimension},
        {QStringLiteral("target"), Column::Target},
        {QStringLiteral("目标值"), Column::Target},
        {QStringLiteral("delta"), Column::Delta},
        {QStringLiteral("增减"), Column::Delta},
        {QStringLiteral("stop"), Column::Stop},
        {QStringLiteral("停止发放"), Column::Stop},
        {QStringLiteral("request_no"), Column::RequestNumber},
        {QStringLiteral("请求单号"), Column::RequestNumber},
        {QStringLiteral("note"), Column::Note},
        {QStringLiteral("备注"), Column::Note},
    };
    const auto found = names.constFind(name);
    return found == names.cend() ? std::nullopt : std::optional(*found);
}

BilingualText problem(const QString &zh, const QString &en)
{
    return {zh, en};
}

// An ID as a spreadsheet may hand it over: `="1212…"` or '1212… (forced text), spaces around.
QString idText(QString text)
{
    text = text.trimmed();
    if (text.startsWith(QStringLiteral("=\"")) && text.endsWith(u'"') && text.size() >= 3)
        text = text.mid(2, text.size() - 3);
    if (text.startsWith(u'\''))
        text = text.mid(1);
    return text.trimmed();
}

// Excel shows a long number it was not told is text as 1.21200E+15 — and saves it so.
bool looksLikeScientific(const QString &text)
{
    static const QRegularExpression scientific(QStringLiteral("^[0-9](\\.[0-9]+)?[eE][+]?[0-9]+$"));
    return scientific.match(text).hasMatch();
}

std::optional<BudgetDimension> dimensionNamed(QString text)
{
    text = text.trimmed().toLower();
    for (const char *name : {"total", "max_coupons", "max_count", "批次总量", "总量", "发放次数总上限"}) {
        if (text == QString::fromUtf8(name))
            return BudgetDimension::Total;
    }
    for (const char *name :
         {"per_day", "max_coupons_by_day", "max_count_per_day", "单日上限", "每日上限", "每日发放次数上限"}) {
        if (text == QString::fromUtf8(name))
            return BudgetDimension::PerDay;
    }
    return std::nullopt;
}

// yes / no for the stop column; nullopt for anything else.
std::optional<bool> yesNo(const QString &text)
{
    const QString value = text.trimmed().toLower();
    for (const char *yes : {"yes", "y", "true", "1", "是", "停止"}) {
        if (value == QString::fromUtf8(yes))
            return true;
    }
    for (const char *no : {"", "no", "n", "false", "0", "否"}) {
        if (value == QString::fromUtf8(no))
            return false;
    }
    return std::nullopt;
}

// "8000", "8,000", "80 000": a count. Thousands separators only in threes.
std::optional<qint64> countFrom(const QString &text)
{
    static const QRegularExpression grouped(QStringLiteral("^[0-9]{1,3}([, ][0-9]{3})+$"));
    static const QRegularExpression plain(QStringLiteral("^[0-9]{1,12}$"));
    QString value = text.trimmed();
    if (grouped.match(value).hasMatch())
        value.remove(u',').remove(u' ');
    if (!plain.match(value).hasMatch())
        return std::nullopt;
    return value.toLongLong();
}

} // namespace

std::optional<qint64> BulkRequest::targetFrom(qint64 current, qint64 issued) const
{
    qint64 target = 0;
    switch (kind) {
    case Kind::Target:
        target = value;
        break;
    case Kind::Stop:
        target = issued;
        break;
    case Kind::Delta:
        target = current + value;
        break;
    case Kind::Percent: {
        // current ≤ 10^12 and |value| ≤ 10^6 (hundredths): the product fits in 64 bits.
        const qint64 scaled = current * value;
        qint64 change = scaled / 10000;
        const qint64 rest = scaled % 10000;
        if (2 * (rest < 0 ? -rest : rest) >= 10000)
            change += scaled < 0 ? -1 : 1;
        target = current + change;
        break;
    }
    }
    if (target < 0)
        return std::nullopt;
    return target;
}

QString BulkRequest::text() const
{
    switch (kind) {
    case Kind::Target:
        return QString::number(value);
    case Kind::Delta:
        return (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value);
    case Kind::Percent: {
        const QString sign = value >= 0 ? QStringLiteral("+") : QStringLiteral("-");
        const qint64 magnitude = value < 0 ? -value : value;
        const QString fraction
            = magnitude % 100 ? QStringLiteral(".%1").arg(magnitude % 100, 2, 10, QLatin1Char('0')) : QString();
        return sign + QString::number(magnitude / 100) + fraction + u'%';
    }
    case Kind::Stop:
        return QStringLiteral("stop");
    }
    return {};
}

QString BulkSheet::decode(const QByteArray &bytes, QString *encoding)
{
    auto said = [&](const char *name) {
        if (encoding)
            *encoding = QString::fromLatin1(name);
    };
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        said("UTF-8");
        return QString::fromUtf8(bytes.mid(3));
    }
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        said("UTF-16");
        QStringDecoder utf16(QStringConverter::Utf16); // the BOM says which end first
        return utf16(bytes);
    }
    QStringDecoder utf8(QStringConverter::Utf8);
    const QString text = utf8(bytes);
    if (!utf8.hasError()) {
        said("UTF-8");
        return text;
    }
    // Not UTF-8: what Excel writes on a Chinese Windows ("CSV (逗号分隔)"), GB18030 / GBK.
    if (QTextCodec *gb18030 = QTextCodec::codecForName("GB18030")) {
        said("GB18030");
        return gb18030->toUnicode(bytes);
    }
    said("UTF-8");
    return text;
}

QList<BulkSheet::Record> BulkSheet::split(const QString &text, QChar separator, int maximumRecords)
{
    QList<Record> records;
    Record record{1, {}};
    QString field;
    bool quoted = false; // inside "…"
    int line = 1;
    auto endField = [&] {
        record.fields.append(field);
        field.clear();
    };
    auto endRecord = [&] {
        endField();
        records.append(record);
        record = Record{line, {}};
    };
    for (qsizetype i = 0; i < text.size() && records.size() <= maximumRecords; ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field.append(u'"');
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
        } else if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear();
            quoted = true;
        } else if (c == separator) {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRecord();
        } else {
            field.append(c);
        }
    }
    if (!field.isEmpty() || !record.fields.isEmpty())
        endRecord();
    return records;
}

Result<BulkSheet, BilingualText> BulkSheet::load(const QString &path)
{
    auto bytes
        = SmallFile::read(path, MaximumFileBytes, {QStringLiteral("批量修改文件"), QStringLiteral("the bulk file")});
    if (!bytes)
        return bytes.error();
    if (!*bytes)
        return problem(QStringLiteral("找不到文件：%1").arg(path), QStringLiteral("No such file: %1").arg(path));
    return read(**bytes);
}

Result<BulkSheet, BilingualText> BulkSheet::read(const QByteArray &bytes)
{
    if (bytes.size() > MaximumFileBytes)
        return problem(QStringLiteral("文件超过 %1 MiB，请拆分后再导入").arg(MaximumFileBytes / 1024 / 1024),
                       QStringLiteral("The file is over %1 MiB: split it").arg(MaximumFileBytes / 1024 / 1024));
    BulkSheet sheet;
    const QString text = decode(bytes, &sheet.m_encoding);
    const qsizetype firstBreak = text.indexOf(u'\n');
    const QString headerLine = text.left(firstBreak < 0 ? text.size() : firstBreak);
    // Pasted from Excel: tabs. A CSV file: commas (a header has no tab in it).
    const QChar separator = headerLine.contains(u'\t') ? u'\t' : u',';
    const QList<Record> records = split(text, separator, MaximumRows + 1);
    if (records.isEmpty() || records.first().fields.join(QString()).trimmed().isEmpty())
        return problem(QStringLiteral("文件是空的：第一行应为表头（stock_id, dimension, target …）"),
                       QStringLiteral("The file is empty: its first line must be the header (stock_id, dimension, "
                                      "target …)"));
    if (records.size() > MaximumRows + 1)
        return problem(QStringLiteral("超过 %1 行，请拆分成多个文件").arg(MaximumRows),
                       QStringLiteral("More than %1 rows: split the file").arg(MaximumRows));

    QHash<Column, int> at;
    const QStringList header = records.first().fields;
    for (int i = 0; i < header.size(); ++i) {
        const auto column = columnNamed(header.at(i));
        if (!column) {
            if (!header.at(i).trimmed().isEmpty())
                sheet.m_ignored.append(header.at(i).trimmed().left(40));
        } else if (at.contains(*column)) {
            return problem(QStringLiteral("表头中“%1”出现了两次").arg(header.at(i).trimmed()),
                           QStringLiteral("The header names “%1” twice").arg(header.at(i).trimmed()));
        } else {
            at.insert(*column, i);
        }
    }
    if (!at.contains(Column::StockId))
        return problem(QStringLiteral("表头缺少 stock_id（批次号）列；读到的表头：%1").arg(header.join(u',').left(200)),
                       QStringLiteral("The header has no stock_id (批次号) column; it reads: %1")
                           .arg(header.join(u',').left(200)));
    if (!at.contains(Column::Target) && !at.contains(Column::Delta) && !at.contains(Column::Stop))
        return problem(QStringLiteral("表头需要 target（目标值）、delta（增减）或 stop（停止发放）列之一"),
                       QStringLiteral("The header needs one of the columns target (目标值), delta (增减) or stop "
                                      "(停止发放)"));

    for (qsizetype r = 1; r < records.size(); ++r) {
        const Record &record = records.at(r);
        auto field = [&](Column column) {
            return at.contains(column) ? record.fields.value(at.value(column)).trimmed() : QString();
        };
        if (record.fields.join(QString()).trimmed().isEmpty())
            continue; // the blank lines a spreadsheet leaves at the end
        auto refuse = [&](const QString &zh, const QString &en) { sheet.m_problems.append({record.line, {zh, en}}); };
        if (std::any_of(record.fields.cbegin(), record.fields.cend(),
                        [](const QString &f) { return f.size() > MaximumFieldLength; })) {
            refuse(QStringLiteral("有字段超过 %1 个字符").arg(MaximumFieldLength),
                   QStringLiteral("A field is longer than %1 characters").arg(MaximumFieldLength));
            continue;
        }
        BulkRow row;
        row.line = record.line;
        const QString stockId = idText(field(Column::StockId));
        const QString couponId = idText(field(Column::ProductCouponId));
        if (looksLikeScientific(stockId) || looksLikeScientific(couponId)) {
            refuse(QStringLiteral("批次号“%1”被 Excel 改成了科学计数法：请把该列设为“文本”后重新输入")
                       .arg(stockId.isEmpty() ? couponId : stockId),
                   QStringLiteral("Excel turned the ID “%1” into scientific notation: format the column as Text and "
                                  "type the IDs again")
                       .arg(stockId.isEmpty() ? couponId : stockId));
            continue;
        }
        row.key = StockKey{couponId.isEmpty() ? CouponFamily::Busifavor : CouponFamily::ProductCoupon, stockId,
                           couponId, QString()};
        if (stockId.isEmpty()) {
            refuse(QStringLiteral("缺少 stock_id（批次号）"), QStringLiteral("No stock_id (批次号)"));
            continue;
        }
        if (!StockKey::isValidStockId(row.key.family, stockId)) {
            refuse(QStringLiteral("“%1”不是批次号").arg(stockId.left(40)),
                   QStringLiteral("“%1” is not a batch ID").arg(stockId.left(40)));
            continue;
        }
        if (!couponId.isEmpty() && !ProductCouponApi::isValidProductCouponId(couponId)) {
            refuse(QStringLiteral("“%1”不是商品券ID").arg(couponId.left(40)),
                   QStringLiteral("“%1” is not a product coupon ID").arg(couponId.left(40)));
            continue;
        }

        const QString target = field(Column::Target);
        const QString delta = field(Column::Delta);
        const std::optional<bool> stop = yesNo(field(Column::Stop));
        if (!stop) {
            refuse(QStringLiteral("stop 列应为 yes 或留空，而不是“%1”").arg(field(Column::Stop).left(20)),
                   QStringLiteral("The stop column takes yes or nothing, not “%1”").arg(field(Column::Stop).left(20)));
            continue;
        }
        const int given = (target.isEmpty() ? 0 : 1) + (delta.isEmpty() ? 0 : 1) + (*stop ? 1 : 0);
        if (given != 1) {
            refuse(QStringLiteral("target（目标值）、delta（增减）、stop（停止发放）须且只能填一个"),
                   QStringLiteral("Exactly one of target, delta and stop must be given"));
            continue;
        }
        const QString dimension = field(Column::Dimension);
        if (dimension.isEmpty() && !*stop) {
            refuse(QStringLiteral("缺少 dimension（total 批次总量 或 per_day 单日上限）"),
                   QStringLiteral("No dimension (total or per_day)"));
            continue;
        }
        if (!dimension.isEmpty()) {
            const auto named = dimensionNamed(dimension);
            if (!named) {
                refuse(QStringLiteral("dimension 应为 total（批次总量）或 per_day（单日上限），而不是“%1”")
                           .arg(dimension.left(20)),
                       QStringLiteral("dimension is total (批次总量) or per_day (单日上限), not “%1”")
                           .arg(dimension.left(20)));
                continue;
            }
            row.dimension = *named;
        }
        if (*stop) {
            if (row.dimension != BudgetDimension::Total) {
                refuse(QStringLiteral("停止发放改的是批次总量，不能与 per_day 一起使用"),
                       QStringLiteral("Stopping changes the total: it cannot go with per_day"));
                continue;
            }
            row.request.kind = BulkRequest::Kind::Stop;
        } else if (!target.isEmpty()) {
            const auto count = countFrom(target);
            if (!count) {
                refuse(QStringLiteral("target“%1”不是非负整数").arg(target.left(20)),
                       QStringLiteral("target “%1” is not a whole number of coupons").arg(target.left(20)));
                continue;
            }
            row.request = {BulkRequest::Kind::Target, *count};
        } else {
            static const QRegularExpression change(
                QStringLiteral("^([+-]?)\\s*([0-9][0-9,]*)(?:\\.([0-9]{1,2}))?\\s*(%?)$"));
            const auto match = change.match(delta);
            const qint64 whole = match.hasMatch() ? countFrom(match.captured(2)).value_or(-1) : -1;
            const bool percent = match.hasMatch() && !match.captured(4).isEmpty();
            if (whole < 0 || (!percent && !match.captured(3).isEmpty()) || (percent && whole > 10000)) {
                refuse(QStringLiteral("delta“%1”应为 +5000、-2000、+10% 或 -12.5% 这样的写法").arg(delta.left(20)),
                       QStringLiteral("delta “%1” is written like +5000, -2000, +10% or -12.5%").arg(delta.left(20)));
                continue;
            }
            const qint64 sign = match.captured(1) == u'-' ? -1 : 1;
            if (percent) {
                const qint64 hundredths = whole * 100 + match.captured(3).leftJustified(2, u'0').toLongLong();
                row.request = {BulkRequest::Kind::Percent, sign * hundredths};
            } else {
                row.request = {BulkRequest::Kind::Delta, sign * whole};
            }
        }
        row.requestNumber = field(Column::RequestNumber);
        if (!row.requestNumber.isEmpty()
            && !(row.key.isProductCoupon() ? ProductCouponApi::isValidRequestNumber(row.requestNumber)
                                           : isValidRequestNumber(row.requestNumber))) {
            refuse(QStringLiteral("request_no“%1”格式不对（商家券 1–128 位、商品券 6–40 位字母、数字、_ 或 -）")
                       .arg(row.requestNumber.left(40)),
                   QStringLiteral("request_no “%1” is malformed (商家券: 1–128, 商品券: 6–40 letters, digits, _ "
                                  "or -)")
                       .arg(row.requestNumber.left(40)));
            continue;
        }
        row.note = field(Column::Note);
        sheet.m_rows.append(row);
    }

    // The same batch and dimension twice, or one request number twice: which is meant cannot
    // be told, so every such row is refused, naming the others.
    QHash<QString, QList<int>> same;
    QHash<QString, QList<int>> numbers;
    for (int i = 0; i < sheet.m_rows.size(); ++i) {
        const BulkRow &row = sheet.m_rows.at(i);
        same[row.key.label() + u'|' + BudgetChange::dimensionField(row.dimension)].append(i);
        if (!row.requestNumber.isEmpty())
            numbers[row.requestNumber].append(i);
    }
    QList<int> refused;
    auto refuseAll = [&](const QList<int> &indexes, bool byNumber) {
        if (indexes.size() < 2)
            return;
        for (int i : indexes) {
            QStringList others;
            for (int j : indexes) {
                if (j != i)
                    others << QString::number(sheet.m_rows.at(j).line);
            }
            const BulkRow &row = sheet.m_rows.at(i);
            sheet.m_problems.append(
                {row.line,
                 byNumber
                     ? BilingualText{QStringLiteral("请求单号 %1 与第 %2 行重复")
                                         .arg(row.requestNumber, others.join(u',')),
                                     QStringLiteral("Request number %1 is also on line %2")
                                         .arg(row.requestNumber, others.join(u','))}
                     : BilingualText{
                         QStringLiteral("批次 %1 的%2与第 %3 行重复：无法判断以哪行为准")
                             .arg(row.key.label(), BudgetChange::dimensionLabelZh(row.dimension), others.join(u',')),
                         QStringLiteral("Batch %1 (%2) is also on line %3: which one is meant "
                                        "cannot be told")
                             .arg(row.key.label(), BudgetChange::dimensionField(row.dimension), others.join(u','))}});
            refused.append(i);
        }
    };
    for (const QList<int> &indexes : std::as_const(same))
        refuseAll(indexes, false);
    for (const QList<int> &indexes : std::as_const(numbers))
        refuseAll(indexes, true);
    std::sort(refused.begin(), refused.end());
    refused.erase(std::unique(refused.begin(), refused.end()), refused.end());
    for (auto i = refused.crbegin(); i != refused.crend(); ++i)
        sheet.m_rows.removeAt(*i);
    std::sort(sheet.m_problems.begin(), sheet.m_problems.end(),
              [](const BulkLineProblem &a, const BulkLineProblem &b) { return a.line < b.line; });
    return sheet;
}

} // namespace budgetdesk
