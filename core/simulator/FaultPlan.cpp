#include "simulator/FaultPlan.h"

namespace budgetdesk::sim {

bool Faults::any() const
{
    return badSignature || signTest || skewSeconds != 0 || wrongSerial || omitSignatureHeaders || delayMilliseconds > 0
        || dropBeforeApply || dropAll || dropAfterApply || status != 0 || busy || portal;
}

QStringList FaultPlan::names()
{
    return {QStringLiteral("bad-signature"),
            QStringLiteral("signtest[=FRACTION]"),
            QStringLiteral("skew=SECONDS"),
            QStringLiteral("wrong-serial"),
            QStringLiteral("omit-signature-headers"),
            QStringLiteral("delay=MS"),
            QStringLiteral("drop-before-apply"),
            QStringLiteral("drop-after-apply"),
            QStringLiteral("drop"),
            QStringLiteral("status=429|500|502|503"),
            QStringLiteral("busy"),
            QStringLiteral("portal"),
            QStringLiteral("count=N")};
}

Result<FaultPlan, QString> FaultPlan::parse(const QStringList &items)
{
    FaultPlan plan;
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        const QString name = equals < 0 ? item : item.left(equals);
        const QString value = equals < 0 ? QString() : item.mid(equals + 1);
        bool numberOk = equals >= 0;
        auto flag = [&](bool &field) -> bool {
            field = true;
            return equals < 0;
        };
        bool ok = false;
        if (name == QLatin1String("bad-signature")) {
            ok = flag(plan.m_faults.badSignature);
        } else if (name == QLatin1String("wrong-serial")) {
            ok = flag(plan.m_faults.wrongSerial);
        } else if (name == QLatin1String("omit-signature-headers")) {
            ok = flag(plan.m_faults.omitSignatureHeaders);
        } else if (name == QLatin1String("drop-before-apply")) {
            ok = flag(plan.m_faults.dropBeforeApply);
        } else if (name == QLatin1String("drop")) {
            ok = flag(plan.m_faults.dropAll);
        } else if (name == QLatin1String("drop-after-apply")) {
            ok = flag(plan.m_faults.dropAfterApply);
        } else if (name == QLatin1String("busy")) {
            ok = flag(plan.m_faults.busy);
        } else if (name == QLatin1String("portal")) {
            ok = flag(plan.m_faults.portal);
        } else if (name == QLatin1String("signtest")) {
            const double fraction = equals < 0 ? 1.0 : value.toDouble(&numberOk);
            ok = (equals < 0 || numberOk) && fraction >= 0.0 && fraction <= 1.0;
            plan.m_faults.signTest = fraction;
        } else if (name == QLatin1String("skew")) {
            plan.m_faults.skewSeconds = value.toLongLong(&numberOk);
            ok = numberOk;
        } else if (name == QLatin1String("delay")) {
            plan.m_faults.delayMilliseconds = value.toInt(&numberOk);
            ok = numberOk && plan.m_faults.delayMilliseconds >= 0;
        } else if (name == QLatin1String("status")) {
            plan.m_faults.status = value.toInt(&numberOk);
            ok = numberOk
                && (plan.m_faults.status == 429 || plan.m_faults.status == 500 || plan.m_faults.status == 502
                    || plan.m_faults.status == 503);
        } else if (name == QLatin1String("count")) {
            const int count = value.toInt(&numberOk);
            ok = numberOk && count >= 0;
            plan.m_remaining = count;
        }
        if (!ok)
            return QStringLiteral("bad fault '%1'; known: %2").arg(item, names().join(QStringLiteral(", ")));
    }
    return plan;
}

Faults FaultPlan::next()
{
    if (!m_remaining)
        return m_faults;
    if (*m_remaining <= 0)
        return {};
    --*m_remaining;
    return m_faults;
}

} // namespace budgetdesk::sim
