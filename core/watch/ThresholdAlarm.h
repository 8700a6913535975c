#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QTime>

#include <optional>

namespace budgetdesk {

// Hours in which no notification is shown (say 22:00–08:00); an alert that falls in them waits
// until they end, if the batch is still low then.
struct QuietHours
{
    QTime from;
    QTime to;

    bool contains(const QTime &time) const; // `from` inclusive, `to` exclusive; may wrap midnight
};

// Alerts once when a batch crosses into "low", and again only after it has recovered and
// crossed again — so a batch hovering at its threshold does not alert on every refresh.
class ThresholdAlarm
{
public:
    // The batch's state now; true when this is a crossing to alert about.
    bool update(const QString &batch, bool low);
    bool isLow(const QString &batch) const { return m_low.value(batch, false); }
    void forget(const QString &batch) { m_low.remove(batch); }
    int lowCount() const;

private:
    QHash<QString, bool> m_low; // absent: never seen, which counts as "not low" (armed)
};

} // namespace budgetdesk
