#include "errors/SignErrorDiagnosis.h"

#include "http/ClockOffsetMeter.h"

#include <QString>

namespace budgetdesk {

SignErrorDiagnosis SignErrorDiagnosis::compare(const QByteArray &ours, const QByteArray &servers,
                                               std::optional<qint64> clockOffsetSeconds)
{
    SignErrorDiagnosis diagnosis;
    diagnosis.m_ours = ours;
    diagnosis.m_servers = servers;
    diagnosis.m_clockOffset = clockOffsetSeconds;
    if (servers.isEmpty())
        return diagnosis;

    // The server's copy may be cut short; within its length the two must agree.
    const qsizetype common = qMin(ours.size(), servers.size());
    qsizetype at = 0;
    while (at < common && ours[at] == servers[at])
        ++at;
    if (at == common && (servers.size() <= ours.size())) {
        diagnosis.m_finding = Finding::StringsMatch;
        return diagnosis;
    }
    diagnosis.m_firstDifference = at;
    static constexpr Finding ByLine[]
        = {Finding::MethodDiffers, Finding::UrlDiffers, Finding::TimestampDiffers, Finding::NonceDiffers};
    const qsizetype line = ours.left(at).count('\n');
    diagnosis.m_finding = line < 4 ? ByLine[line] : Finding::BodyDiffers;
    return diagnosis;
}

BilingualText SignErrorDiagnosis::text() const
{
    BilingualText text;
    switch (m_finding) {
    case Finding::NoServerMessage:
        text = {
            QStringLiteral(
                "微信支付没有返回它计算的签名串，无法逐行比对。请核对私钥、证书序列号与商户号是否属于同一商户。"),
            QStringLiteral("WeChat Pay returned no signing string to compare. Check that the key, certificate serial "
                           "and merchant ID belong together.")};
        break;
    case Finding::StringsMatch:
        text = {QStringLiteral("双方的签名串一致，问题出在签名本身：私钥与证书序列号不对应，或私钥不属于这个商户号。"),
                QStringLiteral("Both signing strings agree, so the signature itself is wrong: the private key does not "
                               "match the certificate serial, or belongs to another merchant.")};
        break;
    case Finding::MethodDiffers:
        text = {QStringLiteral("签名串第 1 行（HTTP 方法）不一致。"),
                QStringLiteral("Line 1 (the HTTP method) differs.")};
        break;
    case Finding::UrlDiffers:
        text = {QStringLiteral("签名串第 2 行（URL）不一致：签名用的路径或查询串与实际发送的不同（编码、参数顺序）。"),
                QStringLiteral("Line 2 (the URL) differs: the signed path or query is not what was sent (encoding, "
                               "parameter order).")};
        break;
    case Finding::TimestampDiffers:
        text = {QStringLiteral("签名串第 3 行（时间戳）不一致。"), QStringLiteral("Line 3 (the timestamp) differs.")};
        break;
    case Finding::NonceDiffers:
        text = {QStringLiteral("签名串第 4 行（随机串）不一致。"), QStringLiteral("Line 4 (the nonce) differs.")};
        break;
    case Finding::BodyDiffers:
        text = {QStringLiteral(
                    "签名串第 5 行（请求体）不一致：签名的字节与发送的字节不同（JSON 被重新序列化、多了换行等）。"),
                QStringLiteral("Line 5 (the body) differs: the signed bytes are not the bytes sent (re-serialised "
                               "JSON, an extra newline…).")};
        break;
    }
    if (m_clockOffset && qAbs(*m_clockOffset) > ClockOffsetMeter::NoticeableSeconds) {
        const BilingualText clock = ClockOffsetMeter::describe(*m_clockOffset);
        text.zh += QStringLiteral(" 另外，测得%1，相差 5 分钟及以上会导致签名被拒。").arg(clock.zh);
        text.en += QStringLiteral(" Also, %1; from 5 minutes on signatures are refused.").arg(clock.en);
    }
    return text;
}

} // namespace budgetdesk
