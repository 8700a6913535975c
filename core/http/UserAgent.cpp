#include "http/UserAgent.h"

#include "BudgetDeskVersion.h"

#include <QString>
#include <QSysInfo>

namespace budgetdesk {

QByteArray userAgent()
{
    static const QByteArray value = "BudgetDesk/" BUDGETDESK_VERSION " ("
        + (QSysInfo::productType() + u' ' + QSysInfo::productVersion()).toUtf8() + ") Qt/" + QByteArray(qVersion());
    return value;
}

} // namespace budgetdesk
