#include "bulk/BulkJournal.h"

#include "busifavor/RequestNumberGenerator.h"
#include "common/SmallFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace budgetdesk {

namespace {

const BilingualText What{QStringLiteral("批量修改记录"), QStringLiteral("the bulk run journal")};

QString stateName(BulkJournalRow::State state)
{
    switch (state) {
    case BulkJournalRow::State::Planned:
        return QStringLiteral("planned");
    case BulkJournalRow::State::Sending:
        return QStringLiteral("sending");
    case BulkJournalRow::State::Settled:
        return QStringLiteral("settled");
    }
    return {};
}

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

std::optional<qint64> optionalCount(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<qint64>(qint64(value.toDouble())) : std::nullopt;
}

QJsonObject rowJson(const BulkJournalRow &row)
{
    return QJsonObject{
        {QStringLiteral("line"), row.line},
        {QStringLiteral("family"), StockKey::familyName(row.key.family)},
        {QStringLiteral("stock_id"), row.key.stockId},
        {QStringLiteral("product_coupon_id"), row.key.productCouponId},
        {QStringLiteral("brand_id"), row.key.brandId},
        {QStringLiteral("dimension"), BudgetChange::dimensionField(row.dimension)},
        {QStringLiteral("request"), row.request},
        {QStringLiteral("preview_current"), orNull(row.previewCurrent)},
        {QStringLiteral("target"), orNull(row.target)},
        {QStringLiteral("request_no"), row.requestNumber},
        {QStringLiteral("note"), row.note},
        {QStringLiteral("stock_name"), row.stockName},
        {QStringLiteral("state"), stateName(row.state)},
        {QStringLiteral("outcome"), row.outcome},
        {QStringLiteral("audit_id"), row.auditId},
        {QStringLiteral("code"), row.code},
        {QStringLiteral("explanation_zh"), row.explanation.zh},
        {QStringLiteral("explanation_en"), row.explanation.en},
        {QStringLiteral("verified"), row.verified},
        {QStringLiteral("network"), row.network},
        {QStringLiteral("settled_at"), row.settledAt.toString(Qt::ISODateWithMs)},
    };
}

} // namespace

QString BulkJournal::newRunId(const QDateTime &now)
{
    return now.toString(QStringLiteral("yyyyMMdd-HHmmss-"))
        + QStringLiteral("%1").arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
}

bool BulkJournal::isValidRunId(const QString &runId)
{
    static const QRegularExpression form(QStringLiteral("^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$"));
    return form.match(runId).hasMatch();
}

QString BulkJournal::pathFor(const QString &folder, const QString &runId)
{
    return QDir(folder).filePath(runId + QStringLiteral(".json"));
}

BulkJournal BulkJournal::plan(const QList<BulkCheck> &checks, const QString &profile, const QString &source,
                              const QString &brandId)
{
    BulkJournal journal;
    journal.created = QDateTime::currentDateTime();
    journal.runId = newRunId(journal.created);
    journal.profile = profile;
    journal.source = source;
    const RequestNumberGenerator numbers;
    for (const BulkCheck &check : checks) {
        BulkJournalRow row;
        row.line = check.row.line;
        row.key = check.row.key;
        if (row.key.isProductCoupon())
            row.key.brandId = brandId;
        row.dimension = check.row.dimension;
        row.request = check.row.request.text();
        row.previewCurrent = check.current;
        row.target = check.target;
        row.note = check.row.note;
        row.stockName = check.lookup && check.lookup->stock ? check.lookup->stock->stockName : QString();
        row.requestNumber = check.row.requestNumber.isEmpty() ? numbers.next() : check.row.requestNumber;
        switch (check.status()) {
        case BulkCheck::Status::Ready:
            break;
        case BulkCheck::Status::Blocked:
            row.state = BulkJournalRow::State::Settled;
            // A lookup that failed says nothing against the row: not applied, for that reason
            // (and a network failure is told apart), not "invalid".
            if (check.lookup && !check.lookup->isVerified()) {
                row.outcome = QStringLiteral("not_applied");
                row.code = QStringLiteral("LOOKUP_FAILED");
                row.network = check.lookup->kind == StockQueryResult::Kind::NetworkFailed;
            } else {
                row.outcome = QStringLiteral("skipped");
                row.code = QStringLiteral("INVALID");
            }
            row.explanation = *check.blockedBecause;
            row.requestNumber.clear(); // never sent: no number to keep
            break;
        case BulkCheck::Status::Unchanged:
            row.state = BulkJournalRow::State::Settled;
            row.outcome = QStringLiteral("skipped");
            row.code = QStringLiteral("UNCHANGED");
            row.explanation
                = {QStringLiteral("已是目标值，无需修改"), QStringLiteral("Already at the target: nothing to send")};
            row.requestNumber.clear();
            break;
        }
        journal.rows.append(row);
    }
    return journal;
}

bool BulkJournal::isComplete() const
{
    return std::all_of(rows.cbegin(), rows.cend(),
                       [](const BulkJournalRow &row) { return row.state == BulkJournalRow::State::Settled; });
}

QList<BulkJournal> BulkJournal::unfinished(const QString &folder, const QString &profile)
{
    QList<BulkJournal> runs;
    // Run IDs begin with the time: by name, newest first.
    const QStringList names
        = QDir(folder).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString &name : names.mid(0, 50)) {
        auto journal = load(QDir(folder).filePath(name));
        if (journal && journal->profile == profile && !journal->isComplete())
            runs.append(std::move(journal).value());
    }
    return runs;
}

QByteArray BulkJournal::toJson() const
{
    // The run's fields as one compact object, the rows spliced in before its closing brace,
    // one line each: each row's text is kept and made again only when the row changed.
    m_written.resize(rows.size());
    QByteArray list = "[\n";
    for (qsizetype i = 0; i < rows.size(); ++i) {
        auto &[row, json] = m_written[i];
        if (json.isEmpty() || row != rows.at(i)) {
            row = rows.at(i);
            json = QJsonDocument(rowJson(row)).toJson(QJsonDocument::Compact);
        }
        list += json;
        list += i + 1 < rows.size() ? ",\n" : "\n";
    }
    list += ']';
    QByteArray document = QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("budgetdesk-bulk-run")},
                                                    {QStringLiteral("version"), 1},
                                                    {QStringLiteral("run_id"), runId},
                                                    {QStringLiteral("profile"), profile},
                                                    {QStringLiteral("source"), source},
                                                    {QStringLiteral("created"), created.toString(Qt::ISODateWithMs)}})
                              .toJson(QJsonDocument::Compact);
    document.chop(1); // its '}'
    return document + ",\"rows\":" + list + "}\n";
}

Result<BulkJournal, BilingualText> BulkJournal::fromJson(const QByteArray &json)
{
    const BilingualText unreadable{QStringLiteral("批量修改记录无法读取（格式不对）"),
                                   QStringLiteral("The bulk run journal cannot be read (not its format)")};
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError
        || root.value(QStringLiteral("format")).toString() != QLatin1String("budgetdesk-bulk-run")
        || root.value(QStringLiteral("version")).toInt() != 1)
        return unreadable;
    BulkJournal journal;
    journal.runId = root.value(QStringLiteral("run_id")).toString();
    journal.profile = root.value(QStringLiteral("profile")).toString();
    journal.source = root.value(QStringLiteral("source")).toString();
    journal.created = QDateTime::fromString(root.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    if (!isValidRunId(journal.runId))
        return unreadable;
    const QJsonArray list = root.value(QStringLiteral("rows")).toArray();
    if (list.size() > BulkSheet::MaximumRows)
        return unreadable;
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        BulkJournalRow row;
        row.line = o.value(QStringLiteral("line")).toInt();
        const auto family = StockKey::familyFromName(o.value(QStringLiteral("family")).toString());
        const QString state = o.value(QStringLiteral("state")).toString();
        if (!family
            || (state != QLatin1String("planned") && state != QLatin1String("sending")
                && state != QLatin1String("settled")))
            return unreadable;
        row.key
            = {*family, o.value(QStringLiteral("stock_id")).toString(),
               o.value(QStringLiteral("product_coupon_id")).toString(), o.value(QStringLiteral("brand_id")).toString()};
        if (!StockKey::isValidStockId(row.key.family, row.key.stockId))
            return unreadable;
        row.dimension = o.value(QStringLiteral("dimension")).toString() == QLatin1String("max_coupons_by_day")
            ? BudgetDimension::PerDay
            : BudgetDimension::Total;
        row.request = o.value(QStringLiteral("request")).toString();
        row.previewCurrent = optionalCount(o.value(QStringLiteral("preview_current")));
        row.target = optionalCount(o.value(QStringLiteral("target")));
        row.requestNumber = o.value(QStringLiteral("request_no")).toString();
        row.note = o.value(QStringLiteral("note")).toString();
        row.stockName = o.value(QStringLiteral("stock_name")).toString();
        row.state = state == QLatin1String("planned") ? BulkJournalRow::State::Planned
            : state == QLatin1String("sending")       ? BulkJournalRow::State::Sending
                                                      : BulkJournalRow::State::Settled;
        if (row.state != BulkJournalRow::State::Settled && (!row.target || row.requestNumber.isEmpty()))
            return unreadable; // a row to send needs both, exactly as planned
        row.outcome = o.value(QStringLiteral("outcome")).toString();
        row.auditId = qint64(o.value(QStringLiteral("audit_id")).toDouble());
        row.code = o.value(QStringLiteral("code")).toString();
        row.explanation = {o.value(QStringLiteral("explanation_zh")).toString(),
                           o.value(QStringLiteral("explanation_en")).toString()};
        row.verified = o.value(QStringLiteral("verified")).toBool();
        row.network = o.value(QStringLiteral("network")).toBool();
        row.settledAt = QDateTime::fromString(o.value(QStringLiteral("settled_at")).toString(), Qt::ISODateWithMs);
        journal.rows.append(row);
    }
    return journal;
}

Result<BulkJournal, BilingualText> BulkJournal::load(const QString &path)
{
    auto bytes = SmallFile::read(path, MaximumFileBytes, What);
    if (!bytes)
        return bytes.error();
    if (!*bytes)
        return BilingualText{QStringLiteral("没有这次批量修改的记录：%1").arg(QDir::toNativeSeparators(path)),
                             QStringLiteral("No journal of that bulk run: %1").arg(QDir::toNativeSeparators(path))};
    if ((*bytes)->size() > MaximumFileBytes)
        return BilingualText{QStringLiteral("批量修改记录过大"), QStringLiteral("The bulk run journal is too big")};
    return fromJson(**bytes);
}

std::optional<BilingualText> BulkJournal::save(const QString &path) const
{
    return SmallFile::write(path, toJson(), What);
}

} // namespace budgetdesk
