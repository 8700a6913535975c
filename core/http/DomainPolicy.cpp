#include "http/DomainPolicy.h"

#include <QHostAddress>

namespace budgetdesk::DomainPolicy {

namespace {

// WeChat Pay's API hosts, as the API pages and the official SDKs name them (PROTOCOL.md §6).
const char *const OfficialHosts[]
    = {"api.mch.weixin.qq.com", "api2.mch.weixin.qq.com", "api.wechatpay.cn", "api2.wechatpay.cn"};

bool isPrivateAddress(const QHostAddress &address)
{
    if (address.isLoopback() || address.isNull())
        return false;
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6))
        return true;
    for (const auto &[network, prefix] : {QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
                                          QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
                                          QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
                                          QHostAddress::parseSubnet(QStringLiteral("169.254.0.0/16")),
                                          QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
                                          QHostAddress::parseSubnet(QStringLiteral("fc00::/7")),
                                          QHostAddress::parseSubnet(QStringLiteral("fe80::/10"))}) {
        if (address.isInSubnet(network, prefix))
            return true;
    }
    return false;
}

BilingualText problem(const QUrl &url, const QString &zh, const QString &en)
{
    return {QStringLiteral("接口地址 %1 不可用：%2").arg(displayed(url), zh),
            QStringLiteral("The address %1 is not usable: %2").arg(displayed(url), en)};
}

} // namespace

QUrl officialPrimary()
{
    return QUrl(QStringLiteral("https://api.mch.weixin.qq.com"));
}

QUrl officialBackup()
{
    return QUrl(QStringLiteral("https://api2.mch.weixin.qq.com"));
}

bool isOfficial(const QUrl &url)
{
    QString host = url.host().toLower();
    while (host.endsWith(u'.'))
        host.chop(1);
    for (const char *official : OfficialHosts) {
        if (host == QLatin1String(official))
            return true;
    }
    return false;
}

bool isLocal(const QUrl &url)
{
    QString host = url.host().toLower();
    while (host.endsWith(u'.')) // "localhost." and "127.0.0.1." are the same hosts
        host.chop(1);
    // QUrl keeps IPv6 literals without their brackets.
    const QHostAddress address(host);
    if (!address.isNull())
        return address.isLoopback() || isPrivateAddress(address);
    // Names that only a local resolver answers: localhost, a bare machine name, the suffixes
    // reserved for private networks. (A public-looking name resolving privately cannot be
    // told without resolving it, which is not done here.)
    if (host.isEmpty() || host == QLatin1String("localhost") || !host.contains(u'.'))
        return true;
    for (const char *suffix : {".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"}) {
        if (host.endsWith(QLatin1String(suffix)))
            return true;
    }
    return false;
}

QUrl defaultBackupFor(const QUrl &primary)
{
    const QUrl official = officialPrimary();
    const bool isOfficialPrimary = primary.scheme() == official.scheme()
        && primary.host().compare(official.host(), Qt::CaseInsensitive) == 0 && primary.port(443) == 443;
    return isOfficialPrimary ? officialBackup() : QUrl();
}

QString displayed(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

std::optional<BilingualText> checkBaseUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || url.scheme().isEmpty())
        return problem(url, QStringLiteral("不是有效的地址，应形如 https://api.mch.weixin.qq.com。"),
                       QStringLiteral("not a valid address; it should look like https://api.mch.weixin.qq.com."));
    if (!url.userInfo().isEmpty())
        return problem(url, QStringLiteral("不能包含用户名或密码（user:password@）。"),
                       QStringLiteral("it must not contain a user name or password (user:password@)."));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return problem(url, QStringLiteral("不能包含路径，只写协议、域名和端口。"),
                       QStringLiteral("it must not contain a path; give only scheme, host and port."));
    if (url.hasQuery() || url.hasFragment())
        return problem(url, QStringLiteral("不能包含 ? 查询或 # 片段。"),
                       QStringLiteral("it must not contain a ?query or #fragment."));
    if (url.scheme() == QLatin1String("https"))
        return std::nullopt;
    // Plain HTTP only to this machine: the simulator in demo mode and tests.
    const QHostAddress address(url.host());
    const bool loopback
        = url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || address.isLoopback();
    if (url.scheme() == QLatin1String("http") && loopback)
        return std::nullopt;
    return problem(url, QStringLiteral("必须是 https 地址（http 只允许本机模拟器）。"),
                   QStringLiteral("it must be https (plain http only for a simulator on this computer)."));
}

std::optional<BilingualText> checkPair(const QUrl &primary, const QUrl &backup)
{
    if (backup.isEmpty())
        return std::nullopt;
    if (isLocal(primary) && isOfficial(backup))
        return BilingualText{
            QStringLiteral("主地址 %1 在本机或内网（如模拟器），不能以微信支付的正式域名 %2 "
                           "作备用：演练失败时请求会发到生产环境。")
                .arg(displayed(primary), displayed(backup)),
            QStringLiteral("The primary %1 is on this computer or a private network (a simulator?); WeChat Pay's real "
                           "domain %2 cannot be its backup, or a failed rehearsal would reach production.")
                .arg(displayed(primary), displayed(backup))};
    return std::nullopt;
}

} // namespace budgetdesk::DomainPolicy
