#include "watch/RemainingSamples.h"

#include "common/SmallFile.h"
#include "watch/Watchlist.h"

#include <QDateTime>
#include <QDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace budgetdesk {

namespace {

const BilingualText What{QStringLiteral("监控采样"), QStringLiteral("the watch samples")};

const QString Format = QStringLiteral("budgetdesk-watch-samples");

// Every other sample of the older half goes: the recent shape stays sharp, the old one coarser.
void thin(QList<RemainingSample> &samples)
{
    const qsizetype half = samples.size() / 2;
    QList<RemainingSample> kept;
    kept.reserve(samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        if (i >= half || i % 2 == 0)
            kept.append(samples.at(i));
    }
    samples = std::move(kept);
}

} // namespace

void RemainingSamples::add(const QString &batch, const RemainingSample &sample)
{
    if (!m_samples.contains(batch) && m_samples.size() >= MaximumBatches)
        return;
    QList<RemainingSample> &list = m_samples[batch];
    // Kept in time order; a sample older than the newest (a clock set back) starts no new past.
    if (!list.isEmpty() && sample.atMs < list.last().atMs)
        list.clear();
    list.append(sample);
    while (!list.isEmpty() && list.first().atMs < sample.atMs - WindowMs)
        list.removeFirst();
    if (list.size() > MaximumPerBatch)
        thin(list);
}

void RemainingSamples::prune(qint64 nowMs)
{
    for (auto it = m_samples.begin(); it != m_samples.end();) {
        QList<RemainingSample> &list = it.value();
        while (!list.isEmpty() && list.first().atMs < nowMs - WindowMs)
            list.removeFirst();
        it = list.isEmpty() ? m_samples.erase(it) : std::next(it);
    }
}

RemainingChart RemainingSamples::chart(const QString &batch, qint64 nowMs, std::optional<double> perHour) const
{
    RemainingChart chart;
    chart.fromMs = nowMs - WindowMs;
    chart.toMs = nowMs;
    const QList<RemainingSample> list = m_samples.value(batch);
    for (const RemainingSample &s : list) {
        if (s.atMs < chart.fromMs || s.atMs > nowMs)
            continue;
        chart.remaining.append(QPointF(double(s.atMs), double(s.remaining)));
        chart.sentToday.append(QPointF(double(s.atMs), double(s.sentToday)));
    }
    if (!chart.remaining.isEmpty() && perHour && *perHour > 0) {
        const QPointF last = chart.remaining.last();
        const double msToEmpty = last.y() / *perHour * 3600000.0;
        const double horizon = double(nowMs + ForecastHorizonMs);
        const double endX = std::min(last.x() + msToEmpty, horizon);
        const double endY = last.y() - (endX - last.x()) / 3600000.0 * *perHour;
        chart.forecast = {last, QPointF(endX, std::max(0.0, endY))};
        chart.toMs = qint64(std::max(double(nowMs), endX));
    }
    return chart;
}

QByteArray RemainingSamples::toJson() const
{
    QJsonObject batches;
    for (auto it = m_samples.cbegin(); it != m_samples.cend(); ++it) {
        QJsonArray rows;
        for (const RemainingSample &s : it.value())
            rows.append(QJsonArray{s.atMs, s.remaining, s.sentToday, s.total});
        batches.insert(it.key(), rows);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), Format},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("batches"), batches}})
        .toJson(QJsonDocument::Compact);
}

Result<RemainingSamples, BilingualText> RemainingSamples::fromJson(const QByteArray &json)
{
    const BilingualText invalid{QStringLiteral("监控采样文件已损坏，不予读取。"),
                                QStringLiteral("The watch samples file is damaged; it was not read.")};
    if (json.size() > MaximumFileBytes)
        return invalid;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    if (root.value(QStringLiteral("format")).toString() != Format || root.value(QStringLiteral("version")).toInt() != 1)
        return invalid;
    const QJsonObject batches = root.value(QStringLiteral("batches")).toObject();
    if (batches.size() > MaximumBatches)
        return invalid;
    RemainingSamples samples;
    for (auto it = batches.constBegin(); it != batches.constEnd(); ++it) {
        const QJsonArray rows = it.value().toArray();
        if (rows.size() > MaximumPerBatch)
            return invalid;
        for (const QJsonValue &row : rows) {
            const QJsonArray values = row.toArray();
            if (values.size() != 4)
                return invalid;
            RemainingSample s{values.at(0).toInteger(-1), values.at(1).toInteger(-1), values.at(2).toInteger(-1),
                              values.at(3).toInteger(-1)};
            if (s.atMs < 0 || s.remaining < 0 || s.sentToday < 0 || s.total < 0)
                return invalid;
            samples.add(it.key(), s);
        }
    }
    return samples;
}

Result<RemainingSamples, BilingualText> RemainingSamples::load(const QString &path)
{
    auto content = SmallFile::read(path, MaximumFileBytes, What);
    if (!content)
        return content.error();
    if (!*content)
        return RemainingSamples();
    return fromJson(**content);
}

QList<qint64> RemainingChart::hourTicks(int maximumTicks) const
{
    constexpr qint64 HourMs = 3600 * 1000;
    QList<qint64> ticks;
    if (toMs <= fromMs || maximumTicks < 1)
        return ticks;
    const double spanHours = double(toMs - fromMs) / HourMs;
    int step = 24;
    for (int candidate : {1, 2, 3, 6, 12}) {
        if (spanHours / candidate <= maximumTicks) {
            step = candidate;
            break;
        }
    }
    // The first whole local hour at or after fromMs (local: a zone may be off UTC by half hours).
    QDateTime at = QDateTime::fromMSecsSinceEpoch(fromMs);
    at.setTime(QTime(at.time().hour(), 0));
    if (at.toMSecsSinceEpoch() < fromMs)
        at = at.addSecs(3600);
    while (at.time().hour() % step != 0)
        at = at.addSecs(3600);
    for (; at.toMSecsSinceEpoch() <= toMs && ticks.size() <= 48; at = at.addSecs(step * 3600))
        ticks.append(at.toMSecsSinceEpoch());
    return ticks;
}

QString RemainingSamples::pathFor(const QString &folder, const QString &profileName)
{
    return QDir(folder).filePath(QStringLiteral("samples-%1.json").arg(Watchlist::profileDigest(profileName)));
}

std::optional<BilingualText> RemainingSamples::save(const QString &path) const
{
    return SmallFile::write(path, toJson(), What);
}

} // namespace budgetdesk
