#include "errors/NetworkFailure.h"

namespace budgetdesk {

bool NetworkFailure::mayHaveBeenDelivered() const
{
    switch (kind) {
    case Kind::TimeoutAfterSending:
    case Kind::ClosedAfterSending:
    case Kind::AnswerTooLarge:
    case Kind::MalformedAnswer:
        return true;
    default:
        return sent; // whatever the failure, a request that left whole may have arrived
    }
}

bool NetworkFailure::mayStillBeInFlight() const
{
    // No answer of WeChat Pay's own came back: whatever ended the wait (a timeout, a drop, an
    // answer too large or not HTTP — from a proxy, perhaps), the request may still be worked on.
    return mayHaveBeenDelivered();
}

bool NetworkFailure::isTls() const
{
    return kind == Kind::TlsUntrusted || kind == Kind::TlsHostMismatch || kind == Kind::TlsExpired
        || kind == Kind::TlsHandshake;
}

bool NetworkFailure::allowsFailover() const
{
    switch (kind) {
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::TimeoutBeforeSending:
    case Kind::TimeoutAfterSending:
    case Kind::ClosedBeforeSending:
    case Kind::ClosedAfterSending:
    case Kind::Other:
        return true;
    default:
        return false;
    }
}

QString NetworkFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::HostNotFound:
        return QStringLiteral("host_not_found");
    case Kind::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case Kind::TlsUntrusted:
        return QStringLiteral("tls_untrusted_certificate");
    case Kind::TlsHostMismatch:
        return QStringLiteral("tls_host_name_mismatch");
    case Kind::TlsExpired:
        return QStringLiteral("tls_certificate_expired");
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
    case Kind::AnswerTooLarge:
        return QStringLiteral("answer_too_large");
    case Kind::MalformedAnswer:
        return QStringLiteral("malformed_answer");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Other:
        break;
    }
    return QStringLiteral("network_error");
}

ErrorExplanation NetworkFailure::explanation(Context context) const
{
    const bool lookup = context == Context::Lookup;
    const QString host = domain.isEmpty() ? QStringLiteral("微信支付") : domain;
    const QString hostEn = domain.isEmpty() ? QStringLiteral("WeChat Pay") : domain;
    // What an answer that never came means for the caller: for a change, its outcome is
    // open; for a lookup, only that nothing was learnt.
    const QString uncertainZh = lookup ? QStringLiteral("查询没有结果，请稍后重试。")
                                       : QStringLiteral("修改是否生效不确定，BudgetDesk 会查询批次核对。");
    const QString uncertainEn = lookup ? QStringLiteral("The lookup has no result; try again later.")
                                       : QStringLiteral("Whether the change applied is uncertain; BudgetDesk looks "
                                                        "the batch up to find out.");
    const QString retrySolution = lookup
        ? QStringLiteral("检查网络后重新查询。")
        : QStringLiteral("不要换新的请求单号重复提交；用同一请求单号重试不会重复修改。");
    const QString tlsSolution = QStringLiteral("检查系统时间是否正确；公司网络若拦截 HTTPS，请联系管理员把其根证书"
                                               "加入系统或用 --ca-file 指定。BudgetDesk 不会跳过证书校验。");
    switch (kind) {
    case Kind::HostNotFound:
        return {QStringLiteral("无法解析域名 %1（DNS 失败），请求没有发出。").arg(host),
                QStringLiteral("检查网络连接与 DNS 设置；公司网络可能需要代理。"),
                QStringLiteral("%1 could not be resolved (DNS); nothing was sent. Check the network and DNS "
                               "settings.")
                    .arg(hostEn)};
    case Kind::ConnectionRefused:
        return {QStringLiteral("连接被拒绝（%1），请求没有发出。").arg(host),
                QStringLiteral("检查网络、防火墙与代理设置，或接口地址是否正确。"),
                QStringLiteral("%1 refused the connection; nothing was sent. Check the network, firewall, proxy and "
                               "the address.")
                    .arg(hostEn)};
    case Kind::TlsUntrusted:
        return {QStringLiteral("%1 的 TLS 证书不受信任（%2），请求没有发出。").arg(host, detail), tlsSolution,
                QStringLiteral("%1's TLS certificate is not trusted (%2); nothing was sent. BudgetDesk never skips "
                               "certificate checks.")
                    .arg(hostEn, detail)};
    case Kind::TlsHostMismatch:
        return {QStringLiteral("%1 出示的 TLS 证书属于别的域名（%2），请求没有发出。").arg(host, detail), tlsSolution,
                QStringLiteral("%1 presented a TLS certificate for another host name (%2); nothing was sent.")
                    .arg(hostEn, detail)};
    case Kind::TlsExpired:
        return {QStringLiteral("%1 的 TLS 证书已过期或尚未生效（%2），请求没有发出。").arg(host, detail), tlsSolution,
                QStringLiteral("%1's TLS certificate is expired or not yet valid (%2); nothing was sent. Check this "
                               "computer's date.")
                    .arg(hostEn, detail)};
    case Kind::TlsHandshake:
        return {QStringLiteral("与 %1 的 TLS 握手失败（%2），请求没有发出。").arg(host, detail), tlsSolution,
                QStringLiteral("The TLS handshake with %1 failed (%2); nothing was sent.").arg(hostEn, detail)};
    case Kind::TimeoutBeforeSending:
        return {QStringLiteral("连接 %1 超时，请求没有发出。").arg(host), QStringLiteral("检查网络后重试。"),
                QStringLiteral("Connecting to %1 timed out before the request was sent. Check the network and "
                               "retry.")
                    .arg(hostEn)};
    case Kind::TimeoutAfterSending:
        return {QStringLiteral("请求已发给 %1，但在超时前没有收到应答。%2").arg(host, uncertainZh), retrySolution,
                QStringLiteral("The request was sent to %1 but no answer came before the timeout. %2")
                    .arg(hostEn, uncertainEn)};
    case Kind::ClosedBeforeSending:
        return {QStringLiteral("%1 在请求发出前关闭了连接，请求没有发出。").arg(host),
                QStringLiteral("检查网络后重试。"),
                QStringLiteral("%1 closed the connection before the request was sent; nothing was sent.").arg(hostEn)};
    case Kind::ClosedAfterSending:
        return {QStringLiteral("请求已发给 %1，但连接在收到完整应答前断开。%2").arg(host, uncertainZh), retrySolution,
                QStringLiteral("The request was sent to %1 but the connection closed before a whole answer. %2")
                    .arg(hostEn, uncertainEn)};
    case Kind::AnswerTooLarge:
        return {QStringLiteral("%1 的应答超过了 BudgetDesk 读取的上限，已中止读取（%2）。%3")
                    .arg(host, detail, uncertainZh),
                QStringLiteral("这不是微信支付的正常应答；检查接口地址与代理。"),
                QStringLiteral("%1's answer went past the size BudgetDesk reads and was cut off (%2). %3")
                    .arg(hostEn, detail, uncertainEn)};
    case Kind::MalformedAnswer:
        return {QStringLiteral("%1 的应答不是有效的 HTTP（%2）。%3").arg(host, detail, uncertainZh),
                QStringLiteral("这不是微信支付的正常应答；检查接口地址与代理。"),
                QStringLiteral("%1's answer is not valid HTTP (%2). %3").arg(hostEn, detail, uncertainEn)};
    case Kind::Cancelled:
        if (lookup)
            return {QStringLiteral("查询已取消。"), QStringLiteral("需要时重新查询。"),
                    QStringLiteral("The lookup was cancelled.")};
        if (!sent)
            return {QStringLiteral("已取消，请求没有发出。"), QStringLiteral("需要时重新提交。"),
                    QStringLiteral("Cancelled before the request went out; nothing was sent.")};
        return {QStringLiteral("已取消，但请求已经发出，修改可能仍会生效。"), QStringLiteral("查询批次确认结果。"),
                QStringLiteral("Cancelled after the request went out; the change may still take effect. Look the "
                               "batch up.")};
    case Kind::Other:
        break;
    }
    return {QStringLiteral("网络错误（%1）：%2").arg(host, detail),
            sent && !lookup ? retrySolution : QStringLiteral("检查网络后重试。"),
            QStringLiteral("Network error (%1): %2").arg(hostEn, detail)};
}

} // namespace budgetdesk
