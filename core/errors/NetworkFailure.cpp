#include "errors/NetworkFailure.h"

namespace budgetdesk {

QString NetworkFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::HostNotFound:
        return QStringLiteral("host_not_found");
    case Kind::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case Kind::TlsHandshake:
        return QStringLiteral("tls_handshake");
    case Kind::TimeoutBeforeSending:
        return QStringLiteral("timeout_before_sending");
    case Kind::TimeoutAfterSending:
        return QStringLiteral("timeout_after_sending");
    case Kind::ClosedBeforeSending:
        return QStringLiteral("connection_closed_before_sending");
    case Kind::ClosedAfterSending:
        return QStringLiteral("connection_closed");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Other:
        break;
    }
    return QStringLiteral("network_error");
}

ErrorExplanation NetworkFailure::explanation() const
{
    switch (kind) {
    case Kind::HostNotFound:
        return {
            QStringLiteral("无法解析微信支付的域名（DNS 失败），请求没有发出。"),
            QStringLiteral("检查网络连接与 DNS 设置；公司网络可能需要代理。"),
            QStringLiteral("WeChat Pay's domain could not be resolved (DNS); nothing was sent. Check the network and "
                           "DNS settings.")};
    case Kind::ConnectionRefused:
        return {QStringLiteral("连接被拒绝，请求没有发出。"),
                QStringLiteral("检查网络、防火墙与代理设置，或接口地址是否正确。"),
                QStringLiteral("The connection was refused; nothing was sent. Check the network, firewall, proxy and "
                               "the address.")};
    case Kind::TlsHandshake:
        return {
            QStringLiteral("TLS 握手失败：服务器证书不受信任或不匹配，请求没有发出。BudgetDesk 不会跳过证书校验。"),
            QStringLiteral("检查系统时间是否正确；公司网络若拦截 HTTPS，请联系管理员。"),
            QStringLiteral("The TLS handshake failed (untrusted or mismatched server certificate); nothing was sent. "
                           "BudgetDesk never skips certificate checks. Check the system time and any HTTPS "
                           "interception.")};
    case Kind::TimeoutBeforeSending:
        return {QStringLiteral("连接超时，请求没有发出。"), QStringLiteral("检查网络后重试。"),
                QStringLiteral("The connection timed out before the request was sent. Check the network and retry.")};
    case Kind::TimeoutAfterSending:
        return {QStringLiteral("请求已发出，但在超时前没有收到应答，修改是否生效不确定。"),
                QStringLiteral("BudgetDesk 会查询批次核对结果；不要换新的请求单号重复提交。"),
                QStringLiteral("The request was sent but no answer came before the timeout; the outcome is uncertain. "
                               "BudgetDesk looks the batch up to find out.")};
    case Kind::ClosedBeforeSending:
        return {QStringLiteral("连接在请求发出前被关闭，请求没有发出。"), QStringLiteral("检查网络后重试。"),
                QStringLiteral("The connection closed before the request was sent; nothing was sent. Check the network "
                               "and retry.")};
    case Kind::ClosedAfterSending:
        return {QStringLiteral("请求已发出，但连接在收到应答前断开，修改是否生效不确定。"),
                QStringLiteral("BudgetDesk 会查询批次核对结果；不要换新的请求单号重复提交。"),
                QStringLiteral("The request was sent but the connection closed before an answer; the outcome is "
                               "uncertain. BudgetDesk looks the batch up to find out.")};
    case Kind::Cancelled:
        return {QStringLiteral("已取消。若请求已经发出，修改可能仍会生效。"), QStringLiteral("查询批次确认结果。"),
                QStringLiteral("Cancelled. If the request had gone out, the change may still take effect; look the "
                               "batch up.")};
    case Kind::Other:
        break;
    }
    return {QStringLiteral("网络错误：%1").arg(detail), QStringLiteral("检查网络后重试。"),
            QStringLiteral("Network error: %1").arg(detail)};
}

} // namespace budgetdesk
