#include "audit/AuditEntryText.h"

#include "common/Utc.h"
#include "errors/ErrorCatalogue.h"
#include "errors/NetworkFailure.h"

#include <QStringList>

#include <algorithm>

namespace budgetdesk {

namespace {

// As the result panel words it: what happened, then what to do.
BilingualText explanationText(const ErrorExplanation &explained)
{
    return {explained.solutionZh.isEmpty() ? explained.explanationZh
                                           : explained.explanationZh + QStringLiteral("处理：") + explained.solutionZh,
            explained.en};
}

constexpr int LastNetworkKind = int(NetworkFailure::Kind::Other);

std::optional<NetworkFailure::Kind> networkKind(const QString &code)
{
    for (int kind = 0; kind <= LastNetworkKind; ++kind) {
        if (NetworkFailure::kindName(NetworkFailure::Kind(kind)) == code)
            return NetworkFailure::Kind(kind);
    }
    return std::nullopt;
}

BilingualText networkName(NetworkFailure::Kind kind)
{
    using K = NetworkFailure::Kind;
    switch (kind) {
    case K::HostNotFound:
        return {QStringLiteral("域名解析失败"), QStringLiteral("Host not found")};
    case K::ConnectionRefused:
        return {QStringLiteral("连接被拒绝"), QStringLiteral("Connection refused")};
    case K::TlsUntrusted:
        return {QStringLiteral("TLS 证书不受信任"), QStringLiteral("TLS certificate not trusted")};
    case K::TlsHostMismatch:
        return {QStringLiteral("TLS 证书域名不符"), QStringLiteral("TLS certificate for another host")};
    case K::TlsExpired:
        return {QStringLiteral("TLS 证书已过期"), QStringLiteral("TLS certificate expired")};
    case K::TlsHandshake:
        return {QStringLiteral("TLS 握手失败"), QStringLiteral("TLS handshake failed")};
    case K::TimeoutBeforeSending:
        return {QStringLiteral("连接超时"), QStringLiteral("Connection timed out")};
    case K::TimeoutAfterSending:
        return {QStringLiteral("应答超时"), QStringLiteral("No answer in time")};
    case K::ClosedBeforeSending:
        return {QStringLiteral("发送前连接断开"), QStringLiteral("Closed before sending")};
    case K::ClosedAfterSending:
        return {QStringLiteral("连接中断"), QStringLiteral("Connection dropped")};
    case K::AnswerTooLarge:
        return {QStringLiteral("应答过大"), QStringLiteral("Answer too large")};
    case K::MalformedAnswer:
        return {QStringLiteral("应答格式错误"), QStringLiteral("Malformed answer")};
    case K::Cancelled:
        return {QStringLiteral("已取消"), QStringLiteral("Cancelled")};
    case K::Other:
        break;
    }
    return {QStringLiteral("网络错误"), QStringLiteral("Network error")};
}

// The catalogue's explanations open with what happened, then say why after a colon or comma:
// that first clause is the entry's short name ("调用太频繁", "参数错误").
QString firstClause(const QString &text, const QString &stops)
{
    qsizetype end = text.size();
    for (QChar stop : stops) {
        const qsizetype at = text.indexOf(stop);
        if (at > 0 && at < end)
            end = at;
    }
    return text.left(end).trimmed();
}

bool isSigningFailure(const AuditCompletion &c)
{
    return c.code == QLatin1String("signing_failed");
}

// A 2xx answer that was not trusted: no code, only why (ResponseVerification's text).
bool isUnverifiedAnswer(const AuditCompletion &c)
{
    return c.code.isEmpty() && !c.message.isEmpty();
}

bool anySent(const AuditCompletion &c)
{
    return std::any_of(c.attempts.cbegin(), c.attempts.cend(), [](const AuditAttempt &a) { return a.sent; });
}

QString signedTime(const QString &timestamp, const QTimeZone &zone)
{
    bool ok = false;
    const qint64 seconds = timestamp.toLongLong(&ok);
    return ok ? AuditEntryText::localTime(QDateTime::fromSecsSinceEpoch(seconds, utc()), zone) : timestamp;
}

} // namespace

BilingualText AuditEntryText::outcome(const QString &effectiveOutcome)
{
    if (effectiveOutcome == QLatin1String("applied"))
        return {QStringLiteral("已生效"), QStringLiteral("Applied")};
    if (effectiveOutcome == QLatin1String("not_applied"))
        return {QStringLiteral("未生效"), QStringLiteral("Not applied")};
    if (effectiveOutcome == QLatin1String("rejected"))
        return {QStringLiteral("被拒绝"), QStringLiteral("Rejected")};
    return {QStringLiteral("无法确认"), QStringLiteral("Unconfirmed")}; // pending, unknown
}

BilingualText AuditEntryText::dimension(BudgetDimension dimension)
{
    return dimension == BudgetDimension::Total
        ? BilingualText{QStringLiteral("批次总量"), QStringLiteral("Batch total")}
        : BilingualText{QStringLiteral("单日上限"), QStringLiteral("Per-day cap")};
}

BilingualText AuditEntryText::errorName(const AuditCompletion &c)
{
    if (const auto kind = networkKind(c.code))
        return networkName(*kind);
    if (isSigningFailure(c))
        return {QStringLiteral("签名失败"), QStringLiteral("Signing failed")};
    if (c.code.isEmpty())
        return isUnverifiedAnswer(c)
            ? BilingualText{QStringLiteral("应答未通过验签"), QStringLiteral("Answer not verified")}
            : BilingualText{};
    const ErrorExplanation known = ErrorCatalogue::explain(c.httpStatus, c.code, c.message);
    return {firstClause(known.explanationZh, QStringLiteral("：，。；（")),
            firstClause(known.en, QStringLiteral(".:;("))};
}

BilingualText AuditEntryText::errorExplanation(const AuditCompletion &c)
{
    if (const auto kind = networkKind(c.code)) {
        NetworkFailure failure;
        failure.kind = *kind;
        failure.detail = c.message;
        failure.sent = anySent(c);
        failure.domain = c.domain;
        return explanationText(failure.explanation());
    }
    if (isSigningFailure(c))
        return {QStringLiteral("请求未能签名，没有发出（%1）。请检查配置中的商户私钥。").arg(c.message),
                QStringLiteral("The request could not be signed and was not sent (%1). Check the profile's merchant "
                               "private key.")
                    .arg(c.message)};
    if (c.code.isEmpty()) {
        if (!isUnverifiedAnswer(c))
            return {};
        return {
            QStringLiteral("微信支付的应答未通过验签（%1），不作为结论；BudgetDesk 已查询批次核对。").arg(c.message),
            QStringLiteral("WeChat Pay's answer failed verification (%1) and was not trusted; BudgetDesk looked the "
                           "batch up instead.")
                .arg(c.message)};
    }
    return explanationText(ErrorCatalogue::explain(c.httpStatus, c.code, c.message));
}

QString AuditEntryText::localTime(const QDateTime &time, const QTimeZone &zone)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toTimeZone(zone);
    const int offset = local.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return local.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss "))
        + QStringLiteral("%1%2:%3")
              .arg(offset < 0 ? QStringLiteral("-") : QStringLiteral("+"))
              .arg(minutes / 60, 2, 10, QLatin1Char('0'))
              .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString AuditEntryText::operatorText(const AuditChange &change, Language language)
{
    if (change.operatorName.isEmpty())
        return change.osUser;
    return language == Language::Chinese ? QStringLiteral("%1（系统账户 %2）").arg(change.operatorName, change.osUser)
                                         : QStringLiteral("%1 (OS account %2)").arg(change.operatorName, change.osUser);
}

QString AuditEntryText::details(const AuditEntry &entry, Language language, const QTimeZone &zone)
{
    const bool zh = language == Language::Chinese;
    auto say = [zh](const char *chinese, const char *english) {
        return zh ? QString::fromUtf8(chinese) : QString::fromUtf8(english);
    };
    const AuditChange &c = entry.change;
    const AuditCompletion done = entry.completion.value_or(AuditCompletion{});
    QStringList lines;

    const QString batch = c.stockName.isEmpty() ? c.stockId : QStringLiteral("%1 %2").arg(c.stockId, c.stockName);
    const QString from = c.current ? QString::number(*c.current) : QStringLiteral("?");
    lines << say("修改 #%1：批次 %2 的%3 %4 → %5", "Change #%1: %3 of batch %2, %4 → %5")
                 .arg(entry.id)
                 .arg(batch, dimension(c.dimension).in(language), from, QString::number(c.target));
    lines << say("请求单号：%1", "Request number: %1").arg(c.requestNumber);
    lines << say("配置：%1（商户号 %2）", "Profile: %1 (merchant %2)").arg(c.profile, c.mchid);
    lines << say("操作人：%1", "Operator: %1").arg(operatorText(c, language));
    lines << say("时间：%1（来源：%2）", "Time: %1 (from: %2)").arg(localTime(entry.time, zone), c.source);
    lines << QString();

    QString verdict = outcome(entry.effectiveOutcome()).in(language);
    if (entry.completion && done.verified)
        verdict += say("（已验签）", " (verified)");
    lines << say("结果：%1", "Outcome: %1").arg(verdict);
    if (entry.isUnresolved())
        lines << say("尚不知道修改是否生效：选中后按“核对”查询批次确认。",
                     "Whether the change took effect is not known: select it and press Check to look the batch up.");
    const BilingualText name = errorName(done);
    if (!name.en.isEmpty()) {
        const QString code
            = done.httpStatus ? QStringLiteral("%1, HTTP %2").arg(done.code).arg(done.httpStatus) : done.code;
        lines << say("错误：%1（%2）", "Error: %1 (%2)").arg(name.in(language), code);
        lines << say("说明：%1", "Explanation: %1").arg(errorExplanation(done).in(language));
    }
    if (!done.message.isEmpty())
        lines << say("详情（原文）：%1", "Detail (as given): %1").arg(done.message);
    if (!done.requestId.isEmpty())
        lines << QStringLiteral("Request-ID: %1").arg(QString::fromLatin1(done.requestId));
    if (entry.completion)
        lines << say("完成于 %1 毫秒内，域名 %2", "Finished within %1 ms, domain %2")
                     .arg(done.durationMs)
                     .arg(done.domain);
    if (entry.reconciliation) {
        const AuditReconciliation &r = *entry.reconciliation;
        lines
            << say("核对：%1 于 %2", "Checked: %1 at %2").arg(outcome(r.outcome).in(language), localTime(r.time, zone));
        if (r.observed)
            lines << say("核对时批次的值：%1", "Value seen when checked: %1").arg(*r.observed);
        if (!r.note.isEmpty())
            lines << say("核对说明：%1", "Check note: %1").arg(r.note);
        if (!r.requestId.isEmpty())
            lines << QStringLiteral("Request-ID: %1").arg(QString::fromLatin1(r.requestId));
    }
    if (!entry.attempts.isEmpty()) {
        lines << QString() << say("每次发送（%1 次）：", "Attempts (%1):").arg(entry.attempts.size());
        int number = 0;
        for (const AuditAttempt &attempt : entry.attempts) {
            QString line
                = QStringLiteral("%1. %2 %3").arg(++number).arg(signedTime(attempt.timestamp, zone), attempt.summary());
            if (!attempt.requestId.isEmpty())
                line += QStringLiteral("  Request-ID: ") + QString::fromLatin1(attempt.requestId);
            if (!attempt.detail.isEmpty())
                line += QStringLiteral("  (%1)").arg(attempt.detail);
            lines << line;
        }
    }
    return lines.join(u'\n');
}

} // namespace budgetdesk
