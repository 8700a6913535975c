#include "http/TlsBackend.h"

#include <QSslSocket>
#include <QStringList>

namespace budgetdesk {

QString shippedTlsBackend()
{
    return QStringLiteral(BUDGETDESK_TLS_BACKEND);
}

std::optional<BilingualText> pinTlsBackend()
{
    const QString wanted = shippedTlsBackend();
    const QStringList available = QSslSocket::availableBackends();
    if (QSslSocket::activeBackend() == wanted || (available.contains(wanted) && QSslSocket::setActiveBackend(wanted)))
        return std::nullopt;
    const QString found = available.isEmpty() ? QStringLiteral("—") : available.join(QStringLiteral(", "));
    return BilingualText{
        QStringLiteral("TLS 后端 %1 不可用（可用：%2）。安装可能不完整：请重新安装 BudgetDesk。").arg(wanted, found),
        QStringLiteral("The TLS backend %1 is not available (found: %2). The installation may be "
                       "incomplete: reinstall BudgetDesk.")
            .arg(wanted, found)};
}

} // namespace budgetdesk
