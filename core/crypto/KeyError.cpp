#include "crypto/KeyError.h"

namespace budgetdesk {

namespace {

BilingualText baseText(KeyError::Code code, const QString &detail)
{
    using C = KeyError::Code;
    switch (code) {
    case C::FileNotFound:
        return {QStringLiteral("找不到文件。"), QStringLiteral("The file does not exist.")};
    case C::FileUnreadable:
        return {QStringLiteral("文件无法读取，请检查权限。"),
                QStringLiteral("The file cannot be read; check its permissions.")};
    case C::NotARegularFile:
        return {QStringLiteral("这不是普通文件（而是文件夹、管道或设备），不能作为密钥或证书读取。"),
                QStringLiteral("This is not a regular file (a folder, pipe or device); it cannot be read as a key or "
                               "certificate.")};
    case C::FileTooLarge:
        return {QStringLiteral("文件超过 %1 字节，不可能是密钥或证书。").arg(detail),
                QStringLiteral("The file is larger than %1 bytes; it cannot be a key or certificate.").arg(detail)};
    case C::CertificateInsteadOfKey:
        return {
            QStringLiteral("这是证书，不是私钥。请选择商户 API 私钥文件 apiclient_key.pem（或 apiclient_cert.p12）。"),
            QStringLiteral("This is a certificate, not a private key. Choose the merchant API private key "
                           "apiclient_key.pem (or apiclient_cert.p12).")};
    case C::PublicKeyInsteadOfPrivateKey:
        return {QStringLiteral("这是公钥，不是私钥。签名需要商户 API 私钥 apiclient_key.pem；微信支付公钥 pub_key.pem "
                               "只用于验证应答。"),
                QStringLiteral("This is a public key, not a private key. Signing needs the merchant API private key "
                               "apiclient_key.pem; the WeChat Pay public key pub_key.pem only verifies answers.")};
    case C::PrivateKeyInsteadOfPublicKey:
        return {QStringLiteral("这是私钥，不是微信支付公钥。请选择从商户平台下载的微信支付公钥 pub_key.pem。"),
                QStringLiteral("This is a private key, not the WeChat Pay public key. Choose pub_key.pem as downloaded "
                               "from the merchant platform.")};
    case C::KeyInsteadOfCertificate:
        return {
            QStringLiteral("这是密钥，不是证书。请选择证书文件（如 apiclient_cert.pem）。"),
            QStringLiteral("This is a key, not a certificate. Choose the certificate file (e.g. apiclient_cert.pem).")};
    case C::SymmetricKeyInsteadOfPrivateKey:
        return {QStringLiteral("这看起来是 APIv3 密钥或 APIv2 密钥（32 位字符串），不是 RSA 私钥。请使用商户 API 私钥 "
                               "apiclient_key.pem。"),
                QStringLiteral("This looks like an APIv3 or APIv2 key (a 32-character string), not an RSA private key. "
                               "Use the merchant API private key apiclient_key.pem.")};
    case C::PassphraseRequired:
        return {QStringLiteral("私钥已加密，请输入私钥密码。"),
                QStringLiteral("The private key is encrypted; enter its passphrase.")};
    case C::WrongPassphrase:
        return {QStringLiteral("密码错误，无法解开私钥。PKCS#12 文件的默认密码是商户号。"),
                QStringLiteral("Wrong passphrase; the key could not be decrypted. The default password of a "
                               "PKCS#12 file is the merchant ID (mchid).")};
    case C::NotRsa:
        return {QStringLiteral("密钥类型为 %1，不是 RSA。微信支付 APIv3 只接受 RSA 密钥。").arg(detail),
                QStringLiteral("The key is %1, not RSA. WeChat Pay APIv3 accepts RSA keys only.").arg(detail)};
    case C::RsaKeyTooShort:
        return {QStringLiteral("RSA 密钥只有 %1 位，至少需要 2048 位。").arg(detail),
                QStringLiteral("The RSA key has only %1 bits; at least 2048 are required.").arg(detail)};
    case C::KeyCertificateMismatch:
        return {QStringLiteral("私钥与证书不匹配：它们不属于同一个商户 API 证书。请确认 apiclient_key.pem 与 "
                               "apiclient_cert.pem 来自同一次申请。"),
                QStringLiteral(
                    "The private key does not match the certificate: they do not belong to the same merchant "
                    "API certificate. Make sure apiclient_key.pem and apiclient_cert.pem come from the same issue.")};
    case C::UnsupportedLegacyEncryption:
        return {
            QStringLiteral(
                "此 PKCS#12 文件使用旧式加密（RC2/3DES），当前 OpenSSL 缺少 legacy 模块。请改用 apiclient_key.pem。"),
            QStringLiteral("This PKCS#12 file uses legacy encryption (RC2/3DES) and OpenSSL's legacy provider is "
                           "missing. Use apiclient_key.pem instead.")};
    case C::UnrecognisedContent:
        return {QStringLiteral("无法识别的内容：不是 PEM 或 DER 格式的密钥或证书，也不是 PKCS#12 文件。"),
                QStringLiteral("Unrecognised content: not a PEM or DER key or certificate, nor a PKCS#12 file.")};
    }
    return {};
}

} // namespace

BilingualText KeyError::text() const
{
    BilingualText text = baseText(m_code, m_detail);
    if (!m_fileName.isEmpty()) {
        text.zh = QStringLiteral("%1：%2").arg(m_fileName, text.zh);
        text.en = QStringLiteral("%1: %2").arg(m_fileName, text.en);
    }
    return text;
}

} // namespace budgetdesk
