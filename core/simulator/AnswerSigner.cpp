#include "simulator/AnswerSigner.h"

namespace budgetdesk::sim {

const PlatformIdentity *AnswerSigner::identityFor(const SimRequest &request) const
{
    const QByteArray wanted = findHeader(request.headers, "Wechatpay-Serial").value_or(QByteArray());
    for (const std::optional<PlatformIdentity> *identity :
         {&m_config.publicKeyIdentity, &m_config.certificateIdentity}) {
        if (*identity && !wanted.isEmpty()
            && QString::fromLatin1(wanted).compare((*identity)->serial, Qt::CaseInsensitive) == 0)
            return &**identity;
    }
    if (m_config.certificateIdentity)
        return &*m_config.certificateIdentity;
    return m_config.publicKeyIdentity ? &*m_config.publicKeyIdentity : nullptr;
}

void AnswerSigner::sign(SimResponse &answer, const SimRequest &request, qint64 nowSeconds, const Faults &faults)
{
    sign(answer, identityFor(request), nowSeconds, faults);
}

void AnswerSigner::sign(SimResponse &answer, const PlatformIdentity *identity, qint64 nowSeconds, const Faults &faults)
{
    if (!identity || faults.omitSignatureHeaders)
        return;

    const QByteArray timestamp = QByteArray::number(nowSeconds);
    QByteArray nonce(16, Qt::Uninitialized);
    m_random.fillRange(reinterpret_cast<quint32 *>(nonce.data()), nonce.size() / 4);
    nonce = nonce.toHex();

    QByteArray signature = identity->key.signSha256(timestamp + '\n' + nonce + '\n' + answer.body + '\n').toBase64();
    if (faults.badSignature) {
        // Still canonical Base64 of the right length, so only verification can tell.
        signature[0] = signature[0] == 'A' ? 'B' : 'A';
    }
    if (faults.signTest && m_random.generateDouble() < *faults.signTest)
        signature.prepend("WECHATPAY/SIGNTEST/");

    QByteArray serial = identity->serial.toLatin1();
    if (faults.wrongSerial)
        serial = serial.startsWith("PUB_KEY_ID_") ? QByteArray("PUB_KEY_ID_0000000000000000000000000000099999")
                                                  : QByteArray("0000000000000000000000000000000000099999");

    answer.addHeader("Wechatpay-Timestamp", timestamp);
    answer.addHeader("Wechatpay-Nonce", nonce);
    answer.addHeader("Wechatpay-Serial", serial);
    answer.addHeader("Wechatpay-Signature", signature);
    answer.addHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
}

} // namespace budgetdesk::sim
