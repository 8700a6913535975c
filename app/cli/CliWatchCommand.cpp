// watch: the watchlist from the command line — for cron and monitoring systems (issue 15).
#include "busifavor/BusifavorClient.h"
#include "cli/CliCommands.h"
#include "cli/CliConnection.h"
#include "cli/CliOutput.h"
#include "cli/CliSession.h"
#include "watch/LookupPacer.h"
#include "watch/WatchBoard.h"
#include "watch/WatchRefresh.h"

#include <QEventLoop>
#include <QHash>
#include <QJsonValue>
#include <QTimer>

#include <cmath>

namespace budgetdesk::cli {

namespace {

QJsonValue orNull(std::optional<qint64> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

// One row in the contract's fields; values from the last verified lookup, if any.
QJsonObject rowJson(const WatchRow &row)
{
    const StockKey &key = row.batch.key;
    QJsonObject json{
        {QStringLiteral("family"), StockKey::familyName(key.family)},
        {QStringLiteral("stock_id"), key.stockId},
        {QStringLiteral("product_coupon_id"),
         key.isProductCoupon() ? QJsonValue(key.productCouponId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("verified"), !row.failure && row.lastGood.has_value()},
        {QStringLiteral("error"), row.failure ? QJsonValue(row.failure->summary().zh) : QJsonValue(QJsonValue::Null)}};
    if (!row.lastGood) {
        for (const char *field : {"stock_name", "state", "total_cap", "per_day_cap", "sent_total", "sent_today",
                                  "remaining", "remaining_today", "hours_to_empty"})
            json.insert(QLatin1String(field), QJsonValue::Null);
        json.insert(QStringLiteral("low"), false);
        return json;
    }
    const StockDetails &s = *row.lastGood;
    const BatchForecast &f = row.forecast;
    json.insert(QStringLiteral("stock_name"), s.stockName);
    json.insert(QStringLiteral("state"), s.stockState);
    json.insert(QStringLiteral("total_cap"), s.maxCoupons);
    json.insert(QStringLiteral("per_day_cap"), orNull(s.maxCouponsByDay));
    json.insert(QStringLiteral("sent_total"), s.totalSendNum);
    json.insert(QStringLiteral("sent_today"), orNull(s.todaySendNum));
    json.insert(QStringLiteral("remaining"), f.remaining);
    json.insert(QStringLiteral("remaining_today"), orNull(f.remainingToday));
    // Hours with one decimal: enough for "runs out in 3.2 hours", stable between rounds.
    json.insert(QStringLiteral("hours_to_empty"),
                f.hoursToEmpty ? QJsonValue(std::round(*f.hoursToEmpty * 10.0) / 10.0) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("low"), row.low);
    return json;
}

QString number(const QJsonValue &value)
{
    return value.isNull() ? QStringLiteral("—") : QString::number(value.toInteger());
}

void printRowText(const WatchRow &row, const QJsonObject &json)
{
    const QString mark = row.low ? QStringLiteral("⚠ 低") : QStringLiteral("  ");
    if (!row.lastGood) {
        out(QStringLiteral("%1 %2  ✘ %3")
                .arg(mark, row.batch.text(), clean(json.value(QStringLiteral("error")).toString())));
        return;
    }
    QString line
        = QStringLiteral("%1 %2  %3  %4  总量 %5  已发 %6  剩余 %7  单日 %8  今日已发 %9  今日剩余 %10")
              .arg(mark, row.batch.text(), clean(row.lastGood->stockName), row.lastGood->stateLabelZh(),
                   number(json.value(QStringLiteral("total_cap"))), number(json.value(QStringLiteral("sent_total"))),
                   number(json.value(QStringLiteral("remaining"))), number(json.value(QStringLiteral("per_day_cap"))),
                   number(json.value(QStringLiteral("sent_today"))))
              .arg(number(json.value(QStringLiteral("remaining_today"))));
    const QString when = BatchForecast::describeHours(row.forecast.hoursToEmpty).zh;
    line += QStringLiteral("  %1").arg(when.isEmpty() ? QStringLiteral("今日未发放，无法预计") : when);
    if (row.failure)
        line += QStringLiteral("  ✘ 最近一次查询失败：%1（显示的是 %2 的值）")
                    .arg(clean(row.failure->summary().zh), row.lastGoodAt.toString(QStringLiteral("HH:mm:ss")));
    out(line);
}

// The worst failure decides: configuration, then network, then unverified, then refused.
int failureExitCode(const QList<WatchRow> &rows)
{
    int worst = ExitApplied;
    auto rank = [](int code) {
        switch (code) {
        case ExitConfiguration:
            return 4;
        case ExitNetwork:
            return 3;
        case ExitUnknown:
            return 2;
        case ExitRejected:
            return 1;
        default:
            return 0;
        }
    };
    for (const WatchRow &row : rows) {
        if (row.failure) {
            const int code = lookupExitCode(*row.failure);
            if (rank(code) > rank(worst))
                worst = code;
        }
    }
    return worst;
}

// The batches named on the command line or in --list, each 商品券 batch of a 服务商 with its brand.
Result<Watchlist, int> batchesFor(const CliContext &context, const ProfileSession &session)
{
    const CliOptions &options = context.options;
    Watchlist list;
    if (!options.watchListFile.isEmpty()) {
        auto loaded = Watchlist::load(options.watchListFile);
        if (!loaded)
            return fail(options, ExitInvalidInput, loaded.error(), "invalid");
        list = std::move(loaded).value();
    } else {
        for (const QString &text : options.watchBatches)
            list.add(*WatchedBatch::fromText(text));
    }
    const bool needsBrand = std::any_of(list.batches().cbegin(), list.batches().cend(), [](const WatchedBatch &b) {
        return b.key.isProductCoupon() && b.key.brandId.isEmpty();
    });
    if (!needsBrand || session.profile().isBrand())
        return list;
    const auto brand = CliConnection::brandFor(options, session.profile());
    if (!brand)
        return fail(options, ExitInvalidInput, brand.error(), "invalid");
    Watchlist withBrands;
    for (WatchedBatch batch : list.batches()) {
        if (batch.key.isProductCoupon() && batch.key.brandId.isEmpty())
            batch.key.brandId = *brand;
        withBrands.add(batch);
    }
    return withBrands;
}

} // namespace

int runWatch(const CliContext &context)
{
    const CliOptions &options = context.options;
    auto opened = openSession(context);
    if (!opened)
        return opened.error();
    ProfileSession &session = **opened;
    auto batches = batchesFor(context, session);
    if (!batches)
        return batches.error();

    LowThresholds defaults;
    defaults.percent = options.lowPercent.value_or(defaults.percent);
    defaults.hours = options.lowHours.value_or(defaults.hours);
    WatchBoard board(defaults);
    board.setWatchlist(*batches);
    QList<StockKey> keys;
    for (const WatchedBatch &batch : batches->batches()) {
        StockKey key = batch.key;
        if (session.profile().isBrand())
            key.brandId.clear(); // a brand asks as itself
        keys.append(key);
    }

    LookupPacer pacer(LookupPacer::DefaultPerSecond);
    QHash<int, QJsonObject> printed;
    QEventLoop loop;
    for (int round = 0;; ++round) {
        WatchRefresh refresh(session.client(), pacer, keys);
        QObject::connect(&refresh, &WatchRefresh::lookedUp, &refresh, [&](int index, const StockQueryResult &result) {
            board.apply(index, result, QDateTime::currentDateTime());
        });
        QObject::connect(&refresh, &WatchRefresh::finished, &loop, &QEventLoop::quit);
        refresh.start();
        loop.exec();
        // Rows in the list's order; after the first round only those that changed.
        for (int i = 0; i < board.size(); ++i) {
            const QJsonObject json = rowJson(board.row(i));
            if (round > 0 && printed.value(i) == json)
                continue;
            printed.insert(i, json);
            if (options.json)
                printJson(json);
            else
                printRowText(board.row(i), json);
        }
        if (options.once) {
            if (const int failed = failureExitCode(board.rows()); failed != ExitApplied)
                return failed;
            return board.lowCount() > 0 ? ExitLow : ExitApplied;
        }
        QTimer::singleShot(options.intervalSeconds * 1000, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace budgetdesk::cli
